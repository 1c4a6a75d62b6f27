//! Your own book: the marks, notes, read state and reading position a reader keeps about a
//! corpus, in one plain TOML file per corpus under the data folder. Briefing files are the
//! team's shared source and are never written; this file is.
//!
//! One concern per file: `file` (the text format, read entry by entry and written back),
//! `anchor` (finding an entry's item again after the briefings were edited), `draft` (a note
//! being written in the editor), `print` (notes printed with a briefing), `versions` (what
//! each summit said when last read, and what changed since); this file holds
//! the entries, where the file lives, and the merge that lets two readers write it at once.
//!
//! # Two readers at once
//!
//! [`Store::save`] takes its turn (a lock on a file beside it: two saves at once wait for
//! each other), re-reads the file and merges by item key: entries
//! another reader added since this one loaded are kept, entries this reader removed stay
//! removed, and for an item both changed the newer entry wins. The file is replaced
//! atomically (a temporary file in the same folder, then a rename), so a reader never sees
//! half a file.

mod anchor;
mod draft;
mod file;
mod print;
mod versions;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use anchor::{Placement, place, place_all};
pub use draft::{MAX_DRAFT_BYTES, NoteDraft};
pub use file::MAX_STORE_BYTES;
pub use print::{NotesStyle, book_notes_section, notes_section};
pub use versions::{
    ChangedSummit, MAX_VERSION_BYTES, Reading, Remembered, Versions, day_of, new_items,
};

use crate::corpus::Origin;
use crate::diagnostics::{Diagnostic, Severity};
use crate::document::{FieldKind, Item, Pane};
use crate::item_key::ItemKey;

/// The environment variable naming the data folder on every platform, as the XDG base
/// directory specification has it on Linux.
pub const DATA_HOME_ENV: &str = "XDG_DATA_HOME";

/// The longest quote kept of an item's text, in characters: enough to find a reworded or
/// renamed item again, short enough to keep the file readable.
pub const QUOTE_CHARS: usize = 80;

/// What a mark or note holds on to: the item's stable key, and a short quote of its text
/// to find it again if the key no longer names an item (the W3C Web Annotation model's
/// text-quote selector).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub key: ItemKey,
    pub quote: String,
}

impl Anchor {
    /// The anchor of an item as the reader shows it.
    #[must_use]
    pub fn of(item: &Item) -> Self {
        Self {
            key: item.key.clone(),
            quote: quote_of(item),
        }
    }
}

/// A stored quote as a reader sees it (lists, `sherpa marks` and `notes`, `--notes`
/// exports): ending in `…` when it may have been cut at [`QUOTE_CHARS`], so a cut quote
/// never passes for the item's whole text. A quote of exactly that length may be whole,
/// but is shown cut by one character rather than claim so. The stored quote keeps its
/// characters exactly, and JSON prints it so: anchors are found again by comparing it.
#[must_use]
pub fn shown_quote(quote: &str) -> String {
    crate::wrap::first_chars(quote, QUOTE_CHARS - 1)
        .map_or_else(|| quote.to_owned(), |kept| format!("{}…", kept.trim_end()))
}

/// An item's text for an anchor: its heading and its first running text (a goal's party
/// and goal), on one line, cut to [`QUOTE_CHARS`] characters.
#[must_use]
pub fn quote_of(item: &Item) -> String {
    let body = item
        .fields
        .iter()
        .find(|field| field.kind == FieldKind::Body)
        .map(|field| field.text.as_str());
    let text = match (item.heading.as_deref(), body) {
        (Some(heading), Some(body)) => format!("{heading}: {body}"),
        (Some(text), None) | (None, Some(text)) => text.to_owned(),
        (None, None) => String::new(),
    };
    one_line(&text).chars().take(QUOTE_CHARS).collect()
}

/// `text` with every run of whitespace (newlines too) written as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A marked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub anchor: Anchor,
    /// When it was marked, in seconds since the Unix epoch.
    pub at: u64,
}

/// A one-line note on an item, one per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub anchor: Anchor,
    pub text: String,
    /// When it was last written, in seconds since the Unix epoch.
    pub at: u64,
}

/// Where the reader was: the summit, the pane, the selected item and the first line shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub summit: String,
    pub pane: Pane,
    pub item: Option<ItemKey>,
    pub scroll: usize,
}

/// Everything kept about one corpus. Built empty, loaded from its file, changed by the
/// reader, saved (merged) back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    /// The corpus's sources, written into the file so a reader of it knows what it is for.
    sources: Vec<String>,
    marks: BTreeMap<ItemKey, Mark>,
    notes: BTreeMap<ItemKey, Note>,
    position: Option<Position>,
    /// When each summit (by id) was last opened, in seconds since the Unix epoch.
    read: BTreeMap<String, u64>,
    /// Entries of the file that could not be read, kept as written so saving never costs a
    /// hand-edited entry that a fix would make readable again.
    damaged: Vec<String>,
    /// The file's top part (the lines before its first table), when it could not be read:
    /// written back on top, in place of the sources line, so the entries after it stay
    /// whole instead of taking it in.
    damaged_top: Option<String>,
    /// Marks and notes removed since the file was loaded: the merge keeps them removed
    /// instead of taking them back from the file.
    removed_marks: BTreeSet<ItemKey>,
    removed_notes: BTreeSet<ItemKey>,
}

/// Why the file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot write your marks and notes: {reason}")]
    Write { path: PathBuf, reason: String },
    /// The file on disk could not be read (too large, unreadable): writing over it would
    /// lose what it holds.
    #[error("{path}: not overwritten, as it could not be read: {reason}")]
    Unreadable { path: PathBuf, reason: String },
}

impl Store {
    /// An empty store for a corpus read from `sources` (see [`corpus_sources`]).
    #[must_use]
    pub fn new(sources: Vec<String>) -> Self {
        Self {
            sources,
            ..Self::default()
        }
    }

    /// The sources the file says it is for.
    #[must_use]
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Marks, in item key order.
    pub fn marks(&self) -> impl Iterator<Item = &Mark> {
        self.marks.values()
    }

    /// Notes, in item key order.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.values()
    }

    #[must_use]
    pub fn is_marked(&self, key: &ItemKey) -> bool {
        self.marks.contains_key(key)
    }

    #[must_use]
    pub fn note(&self, key: &ItemKey) -> Option<&Note> {
        self.notes.get(key)
    }

    #[must_use]
    pub fn position(&self) -> Option<&Position> {
        self.position.as_ref()
    }

    /// When the summit `id` was last opened.
    #[must_use]
    pub fn read_at(&self, id: &str) -> Option<u64> {
        self.read.get(id).copied()
    }

    /// Every summit read, by id, with when it was last opened.
    #[must_use]
    pub fn read_summits(&self) -> Vec<(String, u64)> {
        self.read.iter().map(|(id, &at)| (id.clone(), at)).collect()
    }

    /// How many entries of the file could not be read.
    #[must_use]
    pub fn damaged_entries(&self) -> usize {
        self.damaged.len() + usize::from(self.damaged_top.is_some())
    }

    /// Marks the anchored item, or removes its mark; true when it is marked now.
    pub fn toggle_mark(&mut self, anchor: Anchor, at: u64) -> bool {
        if self.marks.remove(&anchor.key).is_some() {
            self.removed_marks.insert(anchor.key);
            false
        } else {
            self.removed_marks.remove(&anchor.key);
            self.marks.insert(anchor.key.clone(), Mark { anchor, at });
            true
        }
    }

    /// Writes the anchored item's note (one line: line breaks become spaces), replacing the
    /// one it had; blank text removes the note.
    pub fn set_note(&mut self, anchor: Anchor, text: &str, at: u64) {
        let text = one_line(text);
        if text.is_empty() {
            if self.notes.remove(&anchor.key).is_some() {
                self.removed_notes.insert(anchor.key);
            }
            return;
        }
        self.removed_notes.remove(&anchor.key);
        self.notes
            .insert(anchor.key.clone(), Note { anchor, text, at });
    }

    /// Names the sources the store is for, unless its file already did: a store made in
    /// the reader before its file existed learns them when it is first saved.
    pub fn claim_sources(&mut self, sources: &[String]) {
        if self.sources.is_empty() {
            self.sources = sources.to_vec();
        }
    }

    /// A store holding only this one's notes (and what sources they are for), to share
    /// them: what `sherpa notes --export` writes.
    #[must_use]
    pub fn notes_only(&self) -> Self {
        Self {
            sources: self.sources.clone(),
            notes: self.notes.clone(),
            ..Self::default()
        }
    }

    /// Takes in the notes of `other` (a colleague's, imported): merged by item, the newer
    /// note of an item kept, so importing twice changes nothing. Returns how many notes
    /// were added or replaced.
    pub fn import_notes(&mut self, other: Self) -> usize {
        let mut taken = 0;
        for (key, note) in other.notes {
            let newer = self.notes.get(&key).is_none_or(|kept| kept.at < note.at);
            if newer {
                self.removed_notes.remove(&key);
                self.notes.insert(key, note);
                taken += 1;
            }
        }
        taken
    }

    pub fn set_position(&mut self, position: Position) {
        self.position = Some(position);
    }

    /// Notes that the summit `id` was opened at `at`.
    pub fn mark_read(&mut self, id: &str, at: u64) {
        let when = self.read.entry(id.to_owned()).or_default();
        *when = (*when).max(at);
    }

    /// Reads the store at `path`: an empty store when there is no file yet. Every entry
    /// that can be read is, the others are reported (`path:line:col`) and kept as written.
    #[must_use]
    pub fn load(path: &Path) -> (Self, Vec<Diagnostic>) {
        match file::read_text(path) {
            Ok(Some(text)) => file::parse(&path.display().to_string(), &text),
            Ok(None) => (Self::default(), Vec::new()),
            Err(reason) => (
                Self::default(),
                vec![Diagnostic::new(
                    &path.display().to_string(),
                    Severity::Error,
                    reason,
                )],
            ),
        }
    }

    /// Reads a notes file someone else wrote (an import): like [`Store::load`], but a
    /// missing, unreadable or too large file is an error, never an empty store.
    ///
    /// # Errors
    /// Why the file cannot be read at all.
    pub fn load_shared(path: &Path) -> Result<(Self, Vec<Diagnostic>), String> {
        match file::read_text(path)? {
            Some(text) => Ok(file::parse(&path.display().to_string(), &text)),
            None => Err("no such file".to_owned()),
        }
    }

    /// Reads a store from text, entry by entry (see [`Store::load`]).
    #[must_use]
    pub fn parse(path: &str, text: &str) -> (Self, Vec<Diagnostic>) {
        file::parse(path, text)
    }

    /// The file's text for this store.
    #[must_use]
    pub fn to_toml(&self) -> String {
        file::write(self)
    }

    /// Takes in what `other` (the file as another reader left it) holds: its entries this
    /// store has not removed, the newer of two entries for one item, the later read time of
    /// each summit, and its damaged entries instead of this store's (they are the file's).
    /// This store's position wins: it is where this reader is. Returns whether a mark or a
    /// note came in (new, or newer than this store's), which is what the panes show.
    pub fn merge(&mut self, other: Self) -> bool {
        let marks = merge_entries(&mut self.marks, other.marks, &self.removed_marks, |m| m.at);
        let notes = merge_entries(&mut self.notes, other.notes, &self.removed_notes, |n| n.at);
        for (id, at) in other.read {
            self.mark_read(&id, at);
        }
        if self.position.is_none() {
            self.position = other.position;
        }
        if self.sources.is_empty() {
            self.sources = other.sources;
        }
        self.damaged = other.damaged;
        self.damaged_top = other.damaged_top;
        marks || notes
    }

    /// Takes in what a save that ran in the background wrote (`saved`, see
    /// [`Store::save`]): what other readers wrote comes in, changes made here since the
    /// save was asked for stay (they are newer than it), and a removal the file shows is
    /// done, so a colleague's later note on that item is not taken for it. Returns whether
    /// a mark or a note came in ([`Store::merge`]).
    pub fn saved(&mut self, saved: Self) -> bool {
        self.removed_marks
            .retain(|key| saved.marks.contains_key(key));
        self.removed_notes
            .retain(|key| saved.notes.contains_key(key));
        self.merge(saved)
    }

    /// Re-reads the file at `path`, merges it in ([`Store::merge`]) and writes the result
    /// atomically, creating the folder if need be. Returns the problems found in the file
    /// as re-read.
    pub fn save(&mut self, path: &Path) -> Result<Vec<Diagnostic>, StoreError> {
        self.save_telling(path).map(|saved| saved.problems)
    }

    /// [`Store::save`], also telling whether the reader that asked for it must take the
    /// saved store in ([`Saved::news`]).
    pub fn save_telling(&mut self, path: &Path) -> Result<Saved, StoreError> {
        let removals = !self.removed_marks.is_empty() || !self.removed_notes.is_empty();
        let _turn = file::SaveLock::acquire(path).map_err(|reason| StoreError::Write {
            path: path.to_path_buf(),
            reason,
        })?;
        let on_disk = file::read_text(path).map_err(|reason| StoreError::Unreadable {
            path: path.to_path_buf(),
            reason,
        })?;
        let mut diagnostics = Vec::new();
        let mut came_in = false;
        if let Some(text) = on_disk {
            let (theirs, problems) = file::parse(&path.display().to_string(), &text);
            diagnostics = problems;
            came_in = self.merge(theirs);
        }
        file::write_atomically(path, &self.to_toml()).map_err(|reason| StoreError::Write {
            path: path.to_path_buf(),
            reason,
        })?;
        // What is on disk now is this store: later removals are counted from here.
        self.removed_marks.clear();
        self.removed_notes.clear();
        Ok(Saved {
            problems: diagnostics,
            news: came_in || removals,
        })
    }
}

/// What [`Store::save_telling`] found.
#[derive(Debug)]
pub struct Saved {
    /// The problems found in the file as re-read.
    pub problems: Vec<Diagnostic>,
    /// Whether the reader must take the saved store in ([`Store::saved`]): a mark or note
    /// came in from the file, or removals were written, which the reader stops holding
    /// against the file. Read times, the file's damaged entries and sources that came in
    /// change nothing a reader shows, and every later save merges them again, so a save
    /// that brought only those (a summit kept as read) need not be reported: the report
    /// would cost a frame that draws nothing new.
    pub news: bool,
}

/// Merges `theirs` into `ours` by key: skips what `removed` names, keeps the newer entry
/// when both have one.
fn merge_entries<T>(
    ours: &mut BTreeMap<ItemKey, T>,
    theirs: BTreeMap<ItemKey, T>,
    removed: &BTreeSet<ItemKey>,
    at: impl Fn(&T) -> u64 + Copy,
) -> bool {
    let mut changed = false;
    for (key, entry) in theirs {
        if !removed.contains(&key) {
            changed |= insert_newer(ours, key, entry, at);
        }
    }
    changed
}

/// Puts `entry` under `key` unless the entry already there is newer (ties keep it);
/// whether it did.
fn insert_newer<T>(
    entries: &mut BTreeMap<ItemKey, T>,
    key: ItemKey,
    entry: T,
    at: impl Fn(&T) -> u64,
) -> bool {
    match entries.get(&key) {
        Some(kept) if at(kept) >= at(&entry) => false,
        _ => {
            entries.insert(key, entry);
            true
        }
    }
}

/// The sources a corpus is known by: each path made absolute and canonical where it
/// exists, sorted, and `bundled` for the briefings compiled in. Two commands naming the
/// same folder differently share a store.
#[must_use]
pub fn corpus_sources(paths: &[PathBuf], bundled: bool) -> Vec<String> {
    let mut sources: Vec<String> = paths
        .iter()
        .map(|path| {
            std::fs::canonicalize(path)
                .or_else(|_| std::path::absolute(path))
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string()
        })
        .collect();
    if bundled {
        sources.push("bundled".to_owned());
    }
    sources.sort();
    sources.dedup();
    sources
}

/// Where the store of one corpus is kept, and the sources it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFile {
    pub path: PathBuf,
    pub sources: Vec<String>,
}

impl BookFile {
    /// The store file of the corpus `origin` names, in [`data_dir`]; `None` when the
    /// platform has no data folder.
    #[must_use]
    pub fn of(origin: &Origin) -> Option<Self> {
        let bundled = matches!(origin, Origin::Bundled | Origin::WithBundled(_));
        let sources = corpus_sources(origin.paths(), bundled);
        Some(Self {
            path: store_path(&data_dir()?, &sources),
            sources,
        })
    }
}

/// The store file for a corpus in `data_dir`: named by a hash of its sources, which the
/// file repeats in words.
#[must_use]
pub fn store_path(data_dir: &Path, sources: &[String]) -> PathBuf {
    data_dir.join("books").join(format!(
        "{:016x}.toml",
        fnv1a(sources.join("\n").as_bytes())
    ))
}

/// sherpa's data folder: `$XDG_DATA_HOME/sherpa` when it is set (on every platform, so
/// tests and users can move it), else the platform's (`~/.local/share/sherpa` on Linux).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os(DATA_HOME_ENV)
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join("sherpa"))
        .or_else(|| {
            directories::ProjectDirs::from("", "", "sherpa").map(|d| d.data_dir().to_path_buf())
        })
}

/// The 64-bit FNV-1a hash: stable across Rust versions and platforms, unlike the
/// standard library's hasher, so a corpus keeps its file name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Seconds since the Unix epoch now, for an entry's `at` (0 on a clock set before 1970).
#[must_use]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests;
