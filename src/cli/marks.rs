//! `sherpa marks`: the marks kept for a corpus, placed in its briefings as they are now,
//! for scripts. The store is only read: listing never rewrites it.

use super::CommandResult;
use super::output::{print_json, print_rows};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::sanitize::sanitize;
use sherpa_core::store::{BookFile, Store, place_all, shown_quote};

/// One mark as `--json` prints it.
#[derive(serde::Serialize, schemars::JsonSchema)]
struct MarkRow {
    /// The key of the item it was made on.
    key: String,
    quote: String,
    /// When it was marked, in seconds since the Unix epoch.
    at: u64,
    /// The item the mark stands on now: its own key, another found by the quote, or none.
    placed: Option<String>,
    orphaned: bool,
}

/// `sherpa marks --json`.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(title = "sherpa marks --json")]
pub(super) struct MarksJson {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    marks: Vec<MarkRow>,
}

pub(super) fn marks(origin: &Origin, corpus: &Corpus, json: bool) -> CommandResult {
    let store = read_store(origin);
    let marks: Vec<_> = store.marks().collect();
    let anchors: Vec<_> = marks.iter().map(|mark| &mark.anchor).collect();
    // Placed together: each marked pane is built once, and the corpus walked once for all
    // those only a quote can place, not once per orphaned entry.
    let rows: Vec<MarkRow> = place_all(&anchors, corpus)
        .into_iter()
        .zip(&marks)
        .map(|(placement, mark)| {
            let placed = placement.key(&mark.anchor).map(ToString::to_string);
            MarkRow {
                key: mark.anchor.key.to_string(),
                quote: mark.anchor.quote.clone(),
                at: mark.at,
                orphaned: placed.is_none(),
                placed,
            }
        })
        .collect();
    if json {
        return print_json(&MarksJson {
            version: sherpa_core::export::JSON_VERSION,
            marks: rows,
        });
    }
    print_rows(rows.into_iter().map(|row| {
        let line = match row.placed {
            Some(placed) => format!("{placed}  {}", shown_quote(&row.quote)),
            None => format!("orphaned {}  {}", row.key, shown_quote(&row.quote)),
        };
        (line, Vec::new())
    }))
}

/// The store of `origin`'s corpus, its problems noted on stderr (an unreadable entry is
/// skipped, never fatal: the others are still listed).
pub(super) fn read_store(origin: &Origin) -> Store {
    let Some(book) = BookFile::of(origin) else {
        return Store::default();
    };
    let (store, diagnostics) = Store::load(&book.path);
    for diagnostic in diagnostics {
        eprintln!("{}", sanitize(&diagnostic.to_string()));
    }
    store
}
