//! Your notes printed with a briefing (`--notes` on `show` and `export`): only when asked,
//! since the briefing is the team's and the notes are yours.

use super::{Store, day_of, place};
use crate::corpus::Corpus;
use crate::document::Pane;
use crate::sanitize::sanitize_line;

/// How the notes are printed: in the style of the text around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesStyle {
    Text,
    Markdown,
}

/// The notes on the items of summit `id` (of `pane` only, when given), placed in `corpus`
/// as it is now, as a section to print after the briefing; `None` when there are none.
/// The notes' text is untrusted, so it is sanitised here, at the output boundary.
#[must_use]
pub fn notes_section(
    store: &Store,
    corpus: &Corpus,
    id: &str,
    pane: Option<Pane>,
    style: NotesStyle,
) -> Option<String> {
    let mut out = String::new();
    for note in store.notes() {
        let placement = place(&note.anchor, corpus);
        let Some(key) = placement.key(&note.anchor) else {
            continue;
        };
        if key.summit() != id || pane.is_some_and(|pane| key.pane() != pane) {
            continue;
        }
        let item = sanitize_line(&format!("{} · {}", key.pane().title(), note.anchor.quote));
        let text = sanitize_line(&note.text);
        let day = day_of(note.at);
        match style {
            NotesStyle::Text => {
                out.push_str(&format!("  {item}\n    ✎ you: {text} (written {day})\n"));
            }
            NotesStyle::Markdown => {
                out.push_str(&format!("- **{item}**: {text} _(written {day})_\n"));
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    let heading = match style {
        NotesStyle::Text => "Your notes\n\n",
        NotesStyle::Markdown => "## Your notes\n\n",
    };
    Some(format!("{heading}{out}"))
}
