//! `sherpa export ID [PANE]`: one pane, or the whole briefing, in a chosen format.

use super::CommandResult;
use super::args::ExportArgs;
use super::load::{find_summit, load_for_summit};
use super::output::{Output, write_output};
use sherpa_core::corpus::Origin;
use sherpa_core::export;

pub(super) fn export(origin: &Origin, args: ExportArgs) -> CommandResult {
    let corpus = load_for_summit(origin, &args.id);
    let briefing = find_summit(&corpus, &args.id)?;
    let text = export::render(briefing, args.pane, args.format, usize::from(args.width))?;
    let output = match args.output {
        Some(path) => Output::File {
            path,
            force: args.force,
        },
        // A pane is short and often piped into something; the whole briefing pages.
        None => Output::Stdout {
            no_pager: args.no_pager || args.pane.is_some(),
        },
    };
    write_output(&text, output)
}
