//! Your notes printed with briefings (`--notes` on `show`, `export` and `book`): only when
//! asked, since the briefings are the team's and the notes are yours.

use super::{Anchor, Note, Store, day_of, place_all, shown_quote};
use crate::corpus::Corpus;
use crate::document::Pane;
use crate::item_key::ItemKey;
use crate::sanitize::{escape_html, sanitize_line};

/// How the notes are printed: in the style of the text around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesStyle {
    Text,
    Markdown,
    Html,
}

/// The notes on the items of summit `id` (of `pane` only, when given), placed in `corpus`
/// as it is now, as a section to print after the briefing; `None` when there are none.
#[must_use]
pub fn notes_section(
    store: &Store,
    corpus: &Corpus,
    id: &str,
    pane: Option<Pane>,
    style: NotesStyle,
) -> Option<String> {
    let entries = note_entries(&placed_notes(store, corpus), id, pane, style);
    (!entries.is_empty()).then(|| wrapped(style, &heading(style, 2, "Your notes"), &entries))
}

/// The notes on the items of each summit of `ids`, under a heading per summit, as a section
/// to print after a book; `None` when there are none.
#[must_use]
pub fn book_notes_section(
    store: &Store,
    corpus: &Corpus,
    ids: &[&str],
    style: NotesStyle,
) -> Option<String> {
    // Placed once for the whole book: placing every note again for each of 10,000 summits
    // would build each noted pane 10,000 times.
    let placed = placed_notes(store, corpus);
    let mut body = String::new();
    for id in ids {
        let entries = note_entries(&placed, id, None, style);
        if !entries.is_empty() {
            let title = corpus.get(id).map_or(*id, |b| b.summit.title.as_str());
            body.push_str(&wrapped(style, &heading(style, 3, title), &entries));
        }
    }
    (!body.is_empty()).then(|| format!("{}{body}", heading(style, 2, "Your notes")))
}

/// Every note of `store` that has a place in `corpus`, with the key of that place, in the
/// store's order; orphaned notes are left out (`sherpa notes` lists them).
fn placed_notes<'a>(store: &'a Store, corpus: &Corpus) -> Vec<(ItemKey, &'a Note)> {
    let notes: Vec<&Note> = store.notes().collect();
    let anchors: Vec<&Anchor> = notes.iter().map(|note| &note.anchor).collect();
    place_all(&anchors, corpus)
        .into_iter()
        .zip(notes)
        .filter_map(|(placement, note)| Some((placement.key(&note.anchor)?.clone(), note)))
        .collect()
}

/// One entry per placed note of summit `id`, in `style`. The notes' text is untrusted, so
/// it is sanitised (and escaped, for HTML) here, at the output boundary.
fn note_entries(
    placed: &[(ItemKey, &Note)],
    id: &str,
    pane: Option<Pane>,
    style: NotesStyle,
) -> Vec<String> {
    placed
        .iter()
        .filter(|(key, _)| key.summit() == id && pane.is_none_or(|pane| key.pane() == pane))
        .map(|(key, note)| {
            let item = sanitize_line(&format!(
                "{} · {}",
                key.pane().title(),
                shown_quote(&note.anchor.quote)
            ));
            let text = sanitize_line(&note.text);
            let day = day_of(note.at);
            match style {
                NotesStyle::Text => format!("  {item}\n    ✎ you: {text} (written {day})\n"),
                NotesStyle::Markdown => format!("- **{item}**: {text} _(written {day})_\n"),
                NotesStyle::Html => format!(
                    "<li><strong>{}</strong>: {} <em>(written {day})</em></li>\n",
                    escape_html(item.as_str()),
                    escape_html(text.as_str())
                ),
            }
        })
        .collect()
}

fn heading(style: NotesStyle, level: usize, title: &str) -> String {
    let title = sanitize_line(title);
    match style {
        NotesStyle::Text => format!("{title}\n\n"),
        NotesStyle::Markdown => format!("{} {title}\n\n", "#".repeat(level)),
        NotesStyle::Html => format!("<h{level}>{}</h{level}>\n", escape_html(title.as_str())),
    }
}

/// `entries` under `heading`, as a list in HTML.
fn wrapped(style: NotesStyle, heading: &str, entries: &[String]) -> String {
    let entries = entries.concat();
    match style {
        NotesStyle::Html => format!("{heading}<ul class=\"your-notes\">\n{entries}</ul>\n"),
        NotesStyle::Text | NotesStyle::Markdown => format!("{heading}{entries}"),
    }
}
