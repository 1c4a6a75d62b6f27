//! `sherpa export ID [PANE]`: one pane, or the whole briefing, in a chosen format.

use super::args::ExportArgs;
use super::load::{find_summit, load_for_summit};
use super::marks::read_store;
use super::output::{Output, write_output};
use super::{CliError, CommandResult};
use sherpa_core::corpus::Origin;
use sherpa_core::export::{self, Format};
use sherpa_core::store::{NotesStyle, notes_section};

pub(super) fn export(origin: &Origin, args: ExportArgs) -> CommandResult {
    let corpus = load_for_summit(origin, &args.id);
    let briefing = find_summit(&corpus, &args.id)?;
    let mut text = export::render(briefing, args.pane, args.format, usize::from(args.width))?;
    if args.notes {
        let style = match args.format {
            Format::Text => NotesStyle::Text,
            Format::Markdown => NotesStyle::Markdown,
            // Text after a JSON document would make it invalid.
            Format::Json => {
                eprintln!(
                    "sherpa: --notes prints with text and markdown; `sherpa notes --json` lists your notes for scripts"
                );
                return Err(CliError::Reported);
            }
        };
        let store = read_store(origin);
        if let Some(notes) = notes_section(&store, &corpus, briefing.id(), args.pane, style) {
            text.push('\n');
            text.push_str(&notes);
        }
    }
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
