//! The store's text: plain TOML a person can read and fix, read entry by entry.
//!
//! ```toml
//! sources = ["/home/ann/briefings"]
//!
//! [position]
//! summit = "helsinki-2018"
//! pane = "participants"
//! item = "helsinki-2018/participants/vladimir-putin"
//! scroll = 0
//!
//! [[marks]]
//! item = "helsinki-2018/participants/vladimir-putin"
//! quote = "Vladimir Putin"
//! at = 1764979200
//!
//! [[notes]]
//! item = "helsinki-2018/disagreements/crimea"
//! quote = "Crimea"
//! text = "ask about the 2018 deal"
//! at = 1764979200
//!
//! [[read]]
//! summit = "helsinki-2018"
//! at = 1764979200
//! ```
//!
//! The text is cut before every line that starts with `[` (a table header) and each piece
//! is parsed alone: a damaged or hostile entry costs only itself, is reported at its
//! `path:line:col`, and is kept as written. A string this writer writes never spans lines,
//! so its own files always cut cleanly.

use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Anchor, Mark, Note, Position, Store, insert_newer};
use crate::diagnostics::{Diagnostic, Severity};
use crate::document::Pane;
use crate::item_key::ItemKey;

/// The largest store file read: far above a lifetime of notes (a thousand notes take
/// about 200 KiB), far below what would slow the reader or exhaust memory.
pub const MAX_STORE_BYTES: u64 = 8 * 1024 * 1024;

/// The text of the file at `path`; `None` when there is none yet. A file too large or
/// unreadable is an error; bytes that are not UTF-8 are replaced (and the entries holding
/// them reported by the parse, as their text no longer means what it did).
pub(super) fn read_text(path: &Path) -> Result<Option<String>, String> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    let mut bytes = Vec::new();
    file.take(MAX_STORE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    if bytes.len() as u64 > MAX_STORE_BYTES {
        return Err("larger than the 8 MiB limit for a notes file".to_owned());
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// An exclusive lock on `<path>.lock`, held while alive: two readers saving at once take
/// turns, so neither's re-read misses what the other is writing. The lock file is empty
/// and stays; the lock ends when the file is closed, even if the process dies.
pub(super) struct SaveLock {
    /// Never read: holding it open is the lock.
    _held: std::fs::File,
}

impl SaveLock {
    pub(super) fn acquire(path: &Path) -> Result<Self, String> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|error| error.to_string())?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path.with_extension("lock"))
            .map_err(|error| error.to_string())?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: the descriptor belongs to `file`, open for this call; flock(2) reads
            // no memory of ours.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                return Err(std::io::Error::last_os_error().to_string());
            }
        }
        Ok(Self { _held: file })
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
pub(super) fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|error| error.to_string())?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| error.to_string())?;
    temporary
        .persist(path)
        .map(drop)
        .map_err(|error| error.error.to_string())
}

/// One piece of the file: the top (before any table) or one table. Keys it does not know
/// are left alone, so a later version's fields do not make an entry unreadable.
#[derive(Deserialize, Default)]
struct Piece {
    sources: Option<Vec<String>>,
    position: Option<PositionEntry>,
    #[serde(default)]
    marks: Vec<MarkEntry>,
    #[serde(default)]
    notes: Vec<NoteEntry>,
    #[serde(default)]
    read: Vec<ReadEntry>,
}

#[derive(Deserialize)]
struct PositionEntry {
    summit: String,
    pane: Spanned<String>,
    item: Option<Spanned<String>>,
    #[serde(default)]
    scroll: usize,
}

#[derive(Deserialize)]
struct MarkEntry {
    item: Spanned<String>,
    #[serde(default)]
    quote: String,
    #[serde(default)]
    at: u64,
}

#[derive(Deserialize)]
struct NoteEntry {
    item: Spanned<String>,
    #[serde(default)]
    quote: String,
    text: String,
    #[serde(default)]
    at: u64,
}

#[derive(Deserialize)]
struct ReadEntry {
    summit: String,
    at: u64,
}

/// A problem in a piece: what, and where in the piece.
type Problem = (String, Range<usize>);

/// Reads a store from `text` (named `path` in diagnostics), piece by piece.
pub(super) fn parse(path: &str, text: &str) -> (Store, Vec<Diagnostic>) {
    let mut store = Store::default();
    let mut diagnostics = Vec::new();
    for range in pieces(text) {
        let piece = &text[range.clone()];
        match toml::from_str::<Piece>(piece)
            .map_err(|error| {
                let span = error.span().unwrap_or(0..0);
                (error.message().trim_end().to_owned(), span)
            })
            .and_then(|piece| take_in(&mut store, piece))
        {
            Ok(()) => {}
            Err((message, span)) => {
                let at = range.start + span.start..range.start + span.end;
                diagnostics.push(
                    Diagnostic::new(
                        path,
                        Severity::Error,
                        format!("{message}; this entry is skipped and kept in the file as written"),
                    )
                    .at_range(text, at),
                );
                let kept = trim_blank_end(piece).to_owned();
                if range.start == 0 && !piece.trim_start().starts_with('[') {
                    store.damaged_top = Some(kept);
                } else {
                    store.damaged.push(kept);
                }
            }
        }
    }
    (store, diagnostics)
}

/// `piece` without the spaces, tabs and line feeds at its end, which the writer puts back
/// as one line feed. Anything else at the end (a carriage return, a vertical tab) is kept:
/// it may be what made the entry unreadable, and a lone carriage return would otherwise
/// pair with the written line feed and be lost on the next read.
fn trim_blank_end(piece: &str) -> &str {
    piece.trim_end_matches(['\n', ' ', '\t'])
}

/// The byte ranges of the pieces of `text`: cut before each line starting with `[`.
fn pieces(text: &str) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && line.trim_start().starts_with('[') {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|pair| pair[0]..pair[1])
        .filter(|range| !text[range.clone()].trim().is_empty())
        .collect()
}

/// Adds a piece's entries to `store`, or says why the piece cannot be used (then nothing
/// of it is taken: a piece is one entry).
fn take_in(store: &mut Store, piece: Piece) -> Result<(), Problem> {
    let mut marks = Vec::new();
    for entry in piece.marks {
        marks.push(Mark {
            anchor: anchor_of(&entry.item, entry.quote)?,
            at: entry.at,
        });
    }
    let mut notes = Vec::new();
    for entry in piece.notes {
        notes.push(Note {
            anchor: anchor_of(&entry.item, entry.quote)?,
            text: entry.text,
            at: entry.at,
        });
    }
    let position = match piece.position {
        Some(entry) => {
            let pane = Pane::ALL
                .into_iter()
                .find(|pane| pane.name() == entry.pane.get_ref())
                .ok_or_else(|| {
                    (
                        format!("\"{}\" is not a pane", entry.pane.get_ref()),
                        entry.pane.span(),
                    )
                })?;
            let item = entry.item.as_ref().map(key_of).transpose()?;
            Some(Position {
                summit: entry.summit,
                pane,
                item,
                scroll: entry.scroll,
            })
        }
        None => None,
    };
    // An item written twice (by hand, or by an older writer) keeps its newer entry.
    for mark in marks {
        insert_newer(&mut store.marks, mark.anchor.key.clone(), mark, |m| m.at);
    }
    for note in notes {
        insert_newer(&mut store.notes, note.anchor.key.clone(), note, |n| n.at);
    }
    for entry in piece.read {
        store.mark_read(&entry.summit, entry.at);
    }
    if position.is_some() {
        store.position = position;
    }
    if let Some(sources) = piece.sources {
        store.sources = sources;
    }
    Ok(())
}

/// The anchor an entry's `item` and `quote` name; a problem at the item if its key does
/// not parse.
fn anchor_of(item: &Spanned<String>, quote: String) -> Result<Anchor, Problem> {
    Ok(Anchor {
        key: key_of(item)?,
        quote,
    })
}

fn key_of(item: &Spanned<String>) -> Result<ItemKey, Problem> {
    ItemKey::parse(item.get_ref()).map_err(|error| (error.to_string(), item.span()))
}

/// The file's text for `store`: the sources (or the top part as written, when it could not
/// be read), the position, then marks, notes and read times in key order, then the entries
/// that could not be read, as they were written.
pub(super) fn write(store: &Store) -> String {
    let mut out = String::new();
    if let Some(top) = &store.damaged_top {
        // Kept on top, as written: after the tables it would join the last entry.
        write_damaged(&mut out, top);
    } else {
        out.push_str(
            "# sherpa: your marks, notes and place in one set of briefings.\n\
             # The briefing files themselves are never written.\n",
        );
        let sources: Vec<String> = store.sources.iter().map(|s| quoted(s)).collect();
        out.push_str(&format!("sources = [{}]\n", sources.join(", ")));
    }
    if let Some(position) = &store.position {
        out.push_str("\n[position]\n");
        out.push_str(&format!("summit = {}\n", quoted(&position.summit)));
        out.push_str(&format!("pane = {}\n", quoted(position.pane.name())));
        if let Some(item) = &position.item {
            out.push_str(&format!("item = {}\n", quoted(&item.to_string())));
        }
        out.push_str(&format!("scroll = {}\n", position.scroll));
    }
    for mark in store.marks.values() {
        out.push_str("\n[[marks]]\n");
        write_anchor(&mut out, &mark.anchor);
        out.push_str(&format!("at = {}\n", mark.at));
    }
    for note in store.notes.values() {
        out.push_str("\n[[notes]]\n");
        write_anchor(&mut out, &note.anchor);
        out.push_str(&format!("text = {}\n", quoted(&note.text)));
        out.push_str(&format!("at = {}\n", note.at));
    }
    for (summit, at) in &store.read {
        out.push_str(&format!(
            "\n[[read]]\nsummit = {}\nat = {at}\n",
            quoted(summit)
        ));
    }
    for piece in &store.damaged {
        out.push('\n');
        write_damaged(&mut out, piece);
    }
    out
}

/// A piece that could not be read, as written, ended by a line feed. A piece that ends in a
/// carriage return gets a space first: the line feed right after it would make a valid
/// line end of it, and the entry would read differently the next time.
fn write_damaged(out: &mut String, piece: &str) {
    out.push_str(piece);
    if piece.ends_with('\r') {
        out.push(' ');
    }
    out.push('\n');
}

fn write_anchor(out: &mut String, anchor: &Anchor) {
    out.push_str(&format!("item = {}\n", quoted(&anchor.key.to_string())));
    out.push_str(&format!("quote = {}\n", quoted(&anchor.quote)));
}

/// `text` as a one-line TOML basic string: quotes, backslashes and every control
/// character escaped, so no text can end the string, start a line or hide in the file.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
