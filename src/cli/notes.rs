//! `sherpa notes`: the notes kept for a corpus, placed in its briefings as they are now,
//! for scripts (the store is only read: listing never rewrites it); `--export` and
//! `--import` share them with a colleague.

use std::path::{Path, PathBuf};

use super::load::{load, with_load_status};
use super::marks::read_store;
use super::output::{print_json, print_rows};
use super::{CliError, CommandResult};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::export::write_atomic;
use sherpa_core::sanitize::sanitize;
use sherpa_core::store::{BookFile, Store, place_all, shown_quote};

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

/// `sherpa notes`: shares the notes when asked to (`--export`, `--import`, which need no
/// briefings loaded), else lists them.
pub(super) fn notes_command(
    origin: &Origin,
    json: bool,
    export: Option<PathBuf>,
    import: Option<PathBuf>,
) -> CommandResult {
    if let Some(file) = export {
        return export_notes(origin, &file);
    }
    if let Some(file) = import {
        return import_notes(origin, &file);
    }
    let corpus = load(origin, true);
    with_load_status(&corpus, notes(origin, &corpus, json))
}

fn notes(origin: &Origin, corpus: &Corpus, json: bool) -> CommandResult {
    let store = read_store(origin);
    let notes: Vec<_> = store.notes().collect();
    let anchors: Vec<_> = notes.iter().map(|note| &note.anchor).collect();
    // Placed together: each noted pane is built once, and the corpus walked once for all
    // those only a quote can place, not once per orphaned entry.
    let rows: Vec<NoteRow> = place_all(&anchors, corpus)
        .into_iter()
        .zip(&notes)
        .map(|(placement, note)| {
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
            vec![format!("was on: {}", shown_quote(&row.quote))],
        ),
    }))
}

/// `--export FILE`: your notes, in the notes file's own format, for a colleague's
/// `--import`. Marks, place and read state stay yours.
fn export_notes(origin: &Origin, file: &Path) -> CommandResult {
    let store = read_store(origin);
    let count = store.notes().count();
    write_atomic(file, &store.notes_only().to_toml(), true)?;
    eprintln!(
        "sherpa: wrote {count} note{} to {}",
        if count == 1 { "" } else { "s" },
        sanitize(&file.display().to_string())
    );
    Ok(())
}

/// `--import FILE`: adds the notes of FILE to yours, merged by item. Every readable note
/// is taken; an entry that cannot be read is reported at its `path:line:col` and the
/// command then fails, so a script sees that something was left out.
fn import_notes(origin: &Origin, file: &Path) -> CommandResult {
    let (theirs, problems) = Store::load_shared(file).map_err(|reason| {
        eprintln!(
            "sherpa: {}: cannot read notes to import: {}",
            sanitize(&file.display().to_string()),
            sanitize(&reason)
        );
        CliError::Reported
    })?;
    for problem in &problems {
        eprintln!("{}", sanitize(&problem.to_string()));
    }
    let offered = theirs.notes().count();
    let Some(book) = BookFile::of(origin) else {
        eprintln!("sherpa: your notes cannot be kept: the platform has no data folder");
        return Err(CliError::Reported);
    };
    let (mut store, _) = Store::load(&book.path);
    let taken = store.import_notes(theirs);
    store.claim_sources(&book.sources);
    if let Err(error) = store.save(&book.path) {
        eprintln!("sherpa: {}", sanitize(&error.to_string()));
        return Err(CliError::Reported);
    }
    eprintln!(
        "sherpa: imported {taken} of {offered} note{} ({} already yours or older)",
        if offered == 1 { "" } else { "s" },
        offered - taken
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::Reported)
    }
}
