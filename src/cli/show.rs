//! `sherpa show ID`: a whole briefing as plain, linear text for reading aloud or braille,
//! with your notes after it when asked (`--notes`).

use super::load::find_summit;
use super::marks::read_store;
use super::{CommandResult, pager};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::store::{NotesStyle, notes_section};

/// Prints summit `id`; with `notes_of`, the notes kept for that corpus after it.
pub(super) fn show(
    corpus: &Corpus,
    id: &str,
    no_pager: bool,
    notes_of: Option<&Origin>,
) -> CommandResult {
    let briefing = find_summit(corpus, id)?;
    let document = sherpa_core::document::Document::of(briefing, None);
    let mut text = sherpa_core::render_text::export_plain(&document);
    if let Some(origin) = notes_of
        && let Some(notes) = notes_section(
            &read_store(origin),
            corpus,
            briefing.id(),
            None,
            NotesStyle::Text,
        )
    {
        text.push('\n');
        text.push_str(&notes);
    }
    pager::print_paged(&text, no_pager)?;
    Ok(())
}
