//! `sherpa export ID [PANE]`: one pane, or the whole briefing, in a chosen format.

use super::CommandResult;
use super::load::find_summit;
use super::output::{Output, write_output};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};

pub(super) fn export(
    corpus: &Corpus,
    id: &str,
    pane: Option<Pane>,
    format: Format,
    width: usize,
    output: Output,
) -> CommandResult {
    let briefing = find_summit(corpus, id)?;
    let text = export::render(briefing, pane, format, width)?;
    write_output(&text, output)
}
