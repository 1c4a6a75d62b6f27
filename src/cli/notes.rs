//! `sherpa notes`: the notes kept for a corpus, placed in its briefings as they are now,
//! for scripts. The store is only read: listing never rewrites it.

use super::CommandResult;
use super::marks::read_store;
use super::output::{print_json, print_rows};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::store::place;

/// One note as `--json` prints it.
#[derive(serde::Serialize, schemars::JsonSchema)]
struct NoteRow {
    /// The key of the item it was made on.
    key: String,
    /// The item's text when the note was written, which finds it again after an edit.
    quote: String,
    text: String,
    /// When it was written, in seconds since the Unix epoch.
    at: u64,
    /// The item the note stands on now: its own key, another found by the quote, or none.
    placed: Option<String>,
    orphaned: bool,
}

/// `sherpa notes --json`.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(title = "sherpa notes --json")]
pub(super) struct NotesJson {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    notes: Vec<NoteRow>,
}

pub(super) fn notes(origin: &Origin, corpus: &Corpus, json: bool) -> CommandResult {
    let store = read_store(origin);
    let rows: Vec<NoteRow> = store
        .notes()
        .map(|note| {
            let placement = place(&note.anchor, corpus);
            let placed = placement.key(&note.anchor).map(ToString::to_string);
            NoteRow {
                key: note.anchor.key.to_string(),
                quote: note.anchor.quote.clone(),
                text: note.text.clone(),
                at: note.at,
                orphaned: placed.is_none(),
                placed,
            }
        })
        .collect();
    if json {
        return print_json(&NotesJson {
            version: sherpa_core::export::JSON_VERSION,
            notes: rows,
        });
    }
    print_rows(rows.into_iter().map(|row| match row.placed {
        Some(placed) => (format!("{placed}  {}", row.text), Vec::new()),
        None => (
            format!("orphaned {}  {}", row.key, row.text),
            vec![format!("was on: {}", row.quote)],
        ),
    }))
}
