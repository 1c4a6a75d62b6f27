//! `sherpa show ID`: a whole briefing as plain, linear text for reading aloud or braille.

use super::load::find_summit;
use super::{CommandResult, pager};
use sherpa_core::corpus::Corpus;

pub(super) fn show(corpus: &Corpus, id: &str, no_pager: bool) -> CommandResult {
    let briefing = find_summit(corpus, id)?;
    let document = sherpa_core::document::Document::of(briefing, None);
    pager::print_paged(&sherpa_core::render_text::export_plain(&document), no_pager)?;
    Ok(())
}
