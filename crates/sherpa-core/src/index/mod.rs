//! The persistent index: what the loader learnt about each briefing file, kept in `SQLite`
//! under the cache folder, so a start parses only the files that changed since the last.
//!
//! The index is a cache, never a source of truth, and untrusted input: a file that is not
//! `SQLite`, is damaged, truncated, or written by another version is deleted and built again
//! (one `tracing` line says so), and a row is used only when the file's whole
//! [`Fingerprint`] matches and its checksum holds. What a row holds is opaque here: the
//! loader decides what it stores and reads it back (`corpus::cached`).
//!
//! Nothing here is used unless the program [`configure`]s a folder: the library and its
//! tests never write to a user's cache by accident.

/// The columns that say which state of which file a row was made for, first in every
/// table keyed by path, in the order [`state_and`] binds them.
macro_rules! state_columns {
    () => {
        "path BLOB PRIMARY KEY,
    display TEXT NOT NULL,
    options INTEGER NOT NULL,
    len INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,"
    };
}

/// The condition that picks the row made for one state of one file, its values bound by
/// [`state_and`]: a look-up uses a row only when every column matches the load's.
macro_rules! for_state {
    () => {
        "WHERE path = ?1 AND display = ?2 AND options = ?3 AND len = ?4
             AND modified = ?5 AND changed = ?6 AND inode = ?7 AND device = ?8"
    };
}

mod fingerprint;
mod location;
pub mod prefilter;

use std::path::{Path, PathBuf};
use std::time::Duration;

use foldhash::{HashMap, HashMapExt};
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params, params_from_iter};

pub use fingerprint::{Fingerprint, now_nanos};
pub use location::{
    CACHE_HOME_ENV, IndexFile, MAX_INDEX_FILES, NO_CACHE_ENV, clear, configure, configured_dir,
    default_dir, index_path, status,
};

/// Changes whenever the rows' layout or meaning changes; an index with another is rebuilt.
pub const FORMAT: &str = "6";

/// How long a load waits for another process's write before it goes on without the index.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// The tables of one index. `meta` names the format and the sherpa version that wrote it
/// (a newer sherpa may parse the same file differently); `files` has one small row per
/// file: its fingerprint, and a summary (the file's catalog row: what `list`, completion and
/// the checks across files need) read without decoding the parse; `parses` holds each
/// file's whole parse, when the load that wrote the row kept one (a `list` keeps none),
/// apart, because reading a table whose rows carry 8 KB blobs walks every blob's pages: a
/// Tab over 10,000 files read 80 MB to find 3 MB of summaries. `prefilter` holds the
/// search's signature of each file, made by a search and only for the file as its
/// fingerprint says ([`prefilter`]); an index without one for a file searches that file.
/// `searchable` holds, for the same files and written with the signature, what a search
/// reads of the briefing ([`crate::search::Searchable`]), so the next search of a common
/// word reads it instead of parsing the file; apart again, so that the signatures, looked
/// up for every file a search reaches, stay several to a page, and only the files that
/// may match have their larger records read. `snapshot` holds one record: the catalog the
/// last search's load assembled, checked against every file before it is used
/// (`corpus::snapshot`).
const SCHEMA: &str = concat!(
    "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    ",
    state_columns!(),
    "
    summary BLOB,
    summary_checksum INTEGER
);
CREATE TABLE IF NOT EXISTS parses (
    path BLOB PRIMARY KEY,
    checksum INTEGER NOT NULL,
    parsed BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS prefilter (
    ",
    state_columns!(),
    "
    signature BLOB NOT NULL,
    checksum INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS searchable (
    ",
    state_columns!(),
    "
    record BLOB NOT NULL,
    checksum INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 0),
    record BLOB NOT NULL,
    checksum INTEGER NOT NULL
);
"
);

/// Why an index could not be used as it is.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: written by format {found}, this sherpa reads format {FORMAT}")]
    OtherVersion { path: PathBuf, found: String },
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What a row says about a file, without its stored parse (which is read only on a hit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The file as it was shown: diagnostics name it so, and a load naming it otherwise
    /// parses it again.
    pub display: String,
    /// The load options that change a parse, as [`Entry::options`].
    pub options: u8,
    pub fingerprint: Fingerprint,
}

/// A file's row to write: what it was when read, and what parsing it produced.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub known: Known,
    /// The whole parse, for the loads that read documents (`None`: the row alone, as a
    /// `list` writes it; a load that needs the parse later parses the file and stores it).
    pub parsed: Option<Checked>,
    /// What a reader of [`summaries`] or [`Index::known`] needs of the file, much smaller
    /// than `parsed`.
    pub summary: Checked,
}

/// Bytes to store with their checksum, summed where they are made (on the loader's
/// threads, which encode rows in parallel) so that the one thread writing rows only binds
/// them: a first run over 100,000 briefings sums 900 MB of parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    bytes: Vec<u8>,
    checksum: i64,
}

impl Checked {
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        let checksum = checksum(&bytes);
        Self { bytes, checksum }
    }

    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// What every row of an index says about its file, by the path's bytes ([`path_key`]),
/// with what a decoder took from the row's summary, when one was given, the summary holds
/// its checksum and the decoder accepts it.
pub type Rows<T> = HashMap<Vec<u8>, (Known, Option<T>)>;

/// What a load takes from a row's summary (`None`: the summary is not usable).
pub type DecodeSummary<T> = fn(&[u8]) -> Option<T>;

/// The decoder for [`Index::known`] that reads no summary: they stay on disk.
pub const NO_SUMMARIES: Option<DecodeSummary<()>> = None;

/// From how many rows the index is read in two halves on two threads: below, a second
/// connection and thread cost more than the half they save (a reader's warm start on 1,000
/// briefings was no faster with them).
const SPLIT_READ_ROWS: usize = 4096;

/// One open index. Rows are read through [`Index::reader`]s, one per loader thread, as an
/// `SQLite` connection is not shared between threads.
///
/// A new index (none was there, or the one there could not be used) is written apart, in a
/// file of its own beside the index's path, and given that path once its rows are stored
/// ([`Index::store`], or when it is dropped). Until then no other process can open it, so
/// it needs neither WAL nor a rollback journal: each page is written once. In WAL mode a
/// first `list` over 100,000 briefings wrote its 900 MB twice (the WAL, then the
/// checkpoint copying it into the database), and the checkpoint ran alone after the parse,
/// 5 s of a 28 s run under load. A process that dies while building leaves a file that is
/// not the index (removed by a later build, or by `sherpa cache clear`).
#[derive(Debug)]
pub struct Index {
    path: PathBuf,
    connection: Connection,
    /// The file a new index is being written in, until it takes [`Index::path`].
    apart: Option<tempfile::TempPath>,
}

impl Index {
    /// The index for the corpus of `roots` in `dir`, built anew (apart) when there is none
    /// or it cannot be used. `None` when no index can be had (the folder is read-only, the
    /// disk is full): the loader then reads without one.
    #[must_use]
    pub fn open_for(dir: &Path, roots: &[PathBuf]) -> Option<Self> {
        let path = index_path(dir, roots);
        if let Err(err) = std::fs::create_dir_all(dir) {
            tracing::info!("no index: cannot create {}: {err}", dir.display());
            return None;
        }
        let corpus = location::describe(roots);
        if !path.exists() {
            return Self::build(&path, &corpus);
        }
        match Self::open(&path, &corpus) {
            Ok(index) => Some(index),
            Err(err) => {
                tracing::info!("rebuilding the index, which cannot be used: {err}");
                Self::rebuild(&path, &corpus)
            }
        }
    }

    /// Opens the index at `path`, checking that it is an `SQLite` database of this format;
    /// one without a stamp (an empty file) records `corpus`, what it is for, for `sherpa
    /// cache status`.
    fn open(path: &Path, corpus: &str) -> Result<Self, IndexError> {
        let sqlite = |source| IndexError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let connection = connect(path).map_err(sqlite)?;
        // A file that is not SQLite fails here, at its first read.
        share(&connection).map_err(sqlite)?;
        prepare(&connection, path, corpus)?;
        Ok(Self {
            path: path.to_owned(),
            connection,
            apart: None,
        })
    }

    /// A new, empty index for `path`, written apart until it is stored.
    fn build(path: &Path, corpus: &str) -> Option<Self> {
        Self::start_apart(path, corpus)
            .map_err(|err| tracing::info!("no index: {err}"))
            .ok()
    }

    fn start_apart(path: &Path, corpus: &str) -> Result<Self, IndexError> {
        let io = |source| IndexError::File {
            path: path.to_owned(),
            source,
        };
        location::remove_abandoned(path);
        let (dir, prefix) = location::apart_prefix(path);
        let apart = tempfile::Builder::new()
            .prefix(&prefix)
            .tempfile_in(dir)
            .map_err(io)?
            .into_temp_path();
        let sqlite = |source| IndexError::Sqlite {
            path: apart.to_path_buf(),
            source,
        };
        let connection = connect(&apart).map_err(sqlite)?;
        // No other connection can see this file until it is published: no journal (a build
        // that fails is deleted, never rolled back) and no syncing while it is written
        // (it is synced once, whole, before it gets its name). The page size stays
        // SQLite's 4 KB: with 8 KB pages a parse of just under 8 KB filled a page of its
        // own, and the index over 100,000 briefings grew from 842 MB to 889 MB.
        connection
            .execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(sqlite)?;
        prepare(&connection, &apart, corpus)?;
        Ok(Self {
            path: path.to_owned(),
            connection,
            apart: Some(apart),
        })
    }

    /// Gives an index written apart its path, in WAL mode as every shared index is, synced
    /// to disk first so that a crash never leaves a named index half written. An index
    /// published meanwhile by another process (two first runs at once) is kept, and this
    /// one deleted: a name is never replaced under a process that has it open, whose WAL
    /// would then meet another database.
    fn publish(&mut self) {
        let Some(apart) = self.apart.take() else {
            return;
        };
        let published = self
            .connection
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .and_then(|()| Connection::open_in_memory())
            .map(|placeholder| std::mem::replace(&mut self.connection, placeholder))
            .and_then(|built| built.close().map_err(|(_, err)| err))
            .map_err(|err| err.to_string())
            .and_then(|()| {
                std::fs::File::open(&apart)
                    .and_then(|file| file.sync_all())
                    .map_err(|err| err.to_string())
            })
            .and_then(|()| {
                apart
                    .persist_noclobber(&self.path)
                    .map_err(|err| err.error.to_string())
            });
        if let Err(err) = published {
            tracing::info!("the new index {} was not kept: {err}", self.path.display());
            return;
        }
        if let Some(dir) = self.path.parent() {
            location::forget_oldest(dir, &self.path);
        }
        // Reopened under its path for what follows (dropping the rows of files gone).
        match connect(&self.path).and_then(|connection| share(&connection).map(|()| connection)) {
            Ok(connection) => self.connection = connection,
            Err(err) => tracing::info!("cannot reopen the index {}: {err}", self.path.display()),
        }
    }

    /// The file this index is kept in.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What every row says about its file, by the path's bytes ([`path_key`]), with what
    /// `decode` takes from its summary (`None` to leave the summaries on disk). `decode`
    /// borrows each summary as `SQLite` holds it: only what it keeps is copied. An index
    /// whose rows cannot be read is damaged: it is emptied (and rebuilt by the load that
    /// follows) and nothing is known.
    #[must_use]
    pub fn known<T: Send>(
        &mut self,
        decode: Option<impl Fn(&[u8]) -> Option<T> + Sync + Copy>,
    ) -> Rows<T> {
        match self.read_known(decode.as_ref()) {
            Ok(known) => known,
            Err(err) => {
                tracing::info!(
                    "rebuilding the index {}, whose rows cannot be read: {err}",
                    self.path.display()
                );
                let corpus = self.corpus().unwrap_or_default();
                // An index being written apart that cannot be read is never published.
                self.apart = None;
                if let Some(fresh) = Self::rebuild(&self.path, &corpus) {
                    *self = fresh;
                }
                HashMap::new()
            }
        }
    }

    /// The snapshot this index holds (`corpus::snapshot`), if there is one and it holds
    /// its checksum. Read through `SQLite`'s blob I/O, straight into one buffer: selected as
    /// a column, its 20 MB (over 100,000 briefings) were copied once by `SQLite` and again
    /// into the `Vec`.
    #[must_use]
    pub fn snapshot(&self) -> Option<Vec<u8>> {
        let read = || -> rusqlite::Result<Option<(i64, Vec<u8>)>> {
            // One read transaction: a record another process stores meanwhile is seen
            // whole or not at all, with its own checksum.
            let reading = self.connection.unchecked_transaction()?;
            let Some(sum) = reading
                .query_row("SELECT checksum FROM snapshot WHERE id = 0", [], |row| {
                    row.get::<_, i64>(0)
                })
                .optional()?
            else {
                return Ok(None);
            };
            let blob = reading.blob_open(rusqlite::MAIN_DB, c"snapshot", c"record", 0, true)?;
            let mut record = vec![0; blob.len()];
            blob.read_at_exact(&mut record, 0)?;
            Ok(Some((sum, record)))
        };
        // Its pages mapped rather than read one `pread` each (5,000 for 20 MB), and only
        // its pages: the rows read after it by a load that does not take it stay read into
        // SQLite's small cache, where mapped they added their 100 MB to its peak memory.
        let map = |bytes: i64| {
            self.connection
                .query_row(&format!("PRAGMA mmap_size = {bytes}"), [], |_| Ok(()))
                .optional()
        };
        let _ = map(1 << 30);
        let record = Reader::checked(Path::new("the snapshot"), read());
        let _ = map(0);
        record
    }

    /// What the index says it is for (`None` when it cannot say).
    fn corpus(&self) -> Option<String> {
        self.connection
            .query_row("SELECT value FROM meta WHERE key = 'corpus'", [], |row| {
                row.get(0)
            })
            .ok()
    }

    fn rebuild(path: &Path, corpus: &str) -> Option<Self> {
        remove_index(path);
        Self::build(path, corpus)
    }

    /// Reads every row, in two halves by rowid on two threads when a second connection
    /// opens: reading and decoding 100,000 rows on one thread was the longest part of a
    /// warm `list`. The halves may see different commits of a writer in between; a row
    /// is used only when its file's fingerprint matches, so a row seen twice or missed
    /// costs at most a parse.
    fn read_known<T: Send>(
        &self,
        decode: Option<&(impl Fn(&[u8]) -> Option<T> + Sync)>,
    ) -> rusqlite::Result<Rows<T>> {
        let summary = if decode.is_some() {
            "summary, summary_checksum"
        } else {
            "NULL, NULL"
        };
        let query = format!(
            "SELECT path, display, options, len, modified, changed, inode, device, {summary}
             FROM files WHERE rowid BETWEEN ?1 AND ?2"
        );
        let (first, last, count) = self.connection.query_row(
            "SELECT ifnull(min(rowid), 0), ifnull(max(rowid), -1), count(*) FROM files",
            [],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )?;
        let count = usize::try_from(count).unwrap_or(0);
        let read = |connection: &Connection, (from, to): (i64, i64), capacity: usize| {
            read_rows(connection, &query, (from, to), capacity, decode)
        };
        // A hand-edited index may hold any rowids: their span may not fit an `i64`.
        let middle = i64::midpoint(first, last);
        let second = (count >= SPLIT_READ_ROWS)
            .then(|| connect(&self.path).ok())
            .flatten();
        let Some(second) = second else {
            return read(&self.connection, (first, last), count);
        };
        let (known, rest) = std::thread::scope(|scope| {
            let read = &read;
            let rest =
                scope.spawn(move || read(&second, (middle.saturating_add(1), last), count / 2 + 1));
            let known = read(&self.connection, (first, middle), count);
            (known, rest.join())
        });
        let rest = rest.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut known = known?;
        known.extend(rest?);
        Ok(known)
    }

    /// Writes the rows of files parsed anew, in one transaction begun at the first row, so
    /// another process sees the index before or after, never between. A write that fails
    /// (another process holds the lock past the timeout, the disk is full) leaves the
    /// index as it was, and the next load parses those files again. Every entry is taken
    /// from `entries` even then, so the loader's threads sending them never wait forever.
    ///
    /// A new index is published once its rows are written (an index written apart whose
    /// write fails is deleted).
    pub fn store(&mut self, entries: impl Iterator<Item = Entry>) {
        let mut entries = entries.peekable();
        if entries.peek().is_some()
            && let Err(err) = self.insert(&mut entries)
        {
            tracing::info!("the index {} was not updated: {err}", self.path.display());
            self.apart = None;
        }
        entries.for_each(drop);
        self.publish();
    }

    fn insert(&mut self, entries: &mut impl Iterator<Item = Entry>) -> rusqlite::Result<()> {
        let transaction = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut insert = transaction.prepare(
                "INSERT OR REPLACE INTO files
                 (path, display, options, len, modified, changed, inode, device,
                  summary, summary_checksum)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut insert_parse = transaction.prepare(
                "INSERT OR REPLACE INTO parses (path, checksum, parsed) VALUES (?1, ?2, ?3)",
            )?;
            // A row written without its parse must not meet a parse of the file as it was:
            // a new index (written apart) has none to remove.
            let mut forget_parse = if self.apart.is_none() {
                Some(transaction.prepare("DELETE FROM parses WHERE path = ?1")?)
            } else {
                None
            };
            for entry in entries {
                let path = path_key(&entry.path);
                insert.execute(state_and(
                    &entry.path,
                    &entry.known,
                    [
                        ToSqlOutput::from(entry.summary.bytes.as_slice()),
                        ToSqlOutput::from(entry.summary.checksum),
                    ],
                ))?;
                match (&entry.parsed, forget_parse.as_mut()) {
                    (Some(parsed), _) => {
                        insert_parse.execute(params![path, parsed.checksum, parsed.bytes])?;
                    }
                    (None, Some(forget)) => {
                        forget.execute([path])?;
                    }
                    (None, None) => {}
                }
            }
        }
        transaction.commit()
    }

    /// Drops the rows of `gone` (files no longer found, by [`path_key`]), their parses and
    /// signatures with them, so the index holds one row per briefing of its corpus and its
    /// size follows the corpus's.
    pub fn forget<'a>(&mut self, gone: impl IntoIterator<Item = &'a [u8]>) {
        let mut gone = gone.into_iter().peekable();
        if gone.peek().is_none() {
            return;
        }
        let deleted = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .and_then(|transaction| {
                {
                    let mut delete = transaction.prepare("DELETE FROM files WHERE path = ?1")?;
                    let mut delete_parse =
                        transaction.prepare("DELETE FROM parses WHERE path = ?1")?;
                    let mut delete_signature =
                        transaction.prepare("DELETE FROM prefilter WHERE path = ?1")?;
                    let mut delete_searchable =
                        transaction.prepare("DELETE FROM searchable WHERE path = ?1")?;
                    for path in gone {
                        delete.execute([path])?;
                        delete_parse.execute([path])?;
                        delete_signature.execute([path])?;
                        delete_searchable.execute([path])?;
                    }
                }
                transaction.commit()
            });
        if let Err(err) = deleted {
            tracing::info!("the index {} was not updated: {err}", self.path.display());
        }
    }
}

/// An index written apart and dropped before it stored anything is published empty, as an
/// index once opened is kept (its rows come with the next load).
impl Drop for Index {
    fn drop(&mut self) {
        self.publish();
    }
}

/// Reads stored parses on one thread.
#[derive(Debug)]
pub struct Reader {
    connection: Connection,
}

impl Reader {
    /// A reader of the index at `path` (an [`Index::path`]), for one thread; `None` when
    /// it cannot be opened (its files then parse as if they were new).
    #[must_use]
    pub fn open(path: &Path) -> Option<Self> {
        connect(path)
            .map(|connection| Self { connection })
            .map_err(|err| tracing::info!("cannot read the index: {err}"))
            .ok()
    }

    /// The stored parse of `path`, if its row is there and its checksum holds (a row edited
    /// by hand, or damaged where `SQLite` does not look, reads as missing).
    #[must_use]
    pub fn parsed(&self, path: &Path) -> Option<Vec<u8>> {
        let row = self
            .connection
            .prepare_cached("SELECT checksum, parsed FROM parses WHERE path = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row([path_key(path)], |row| {
                        Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
                    })
                    .optional()
            });
        Self::checked(path, row)
    }

    /// Like [`Reader::parsed`], only while the file's row still says what `known` says:
    /// a reader reading a document long after its load must not take a parse another
    /// process stored since for the file as it is now (or with other options).
    #[must_use]
    pub fn parsed_as(&self, path: &Path, known: &Known) -> Option<Vec<u8>> {
        self.checked_as(
            concat!(
                "SELECT parses.checksum, parses.parsed FROM parses JOIN files USING (path) ",
                for_state!()
            ),
            path,
            known,
        )
    }

    /// What a search stored of `path` ([`crate::search::Searchable`]'s bytes), if it was
    /// stored for the file exactly as `known` says and holds its checksum.
    #[must_use]
    pub fn searchable_as(&self, path: &Path, known: &Known) -> Option<Vec<u8>> {
        self.checked_as(
            concat!("SELECT checksum, record FROM searchable ", for_state!()),
            path,
            known,
        )
    }

    /// The checksum and bytes `sql` selects for `path` as `known` says (bound as `?1` to
    /// `?8`: [`state_and`]), if they hold their checksum.
    fn checked_as(&self, sql: &str, path: &Path, known: &Known) -> Option<Vec<u8>> {
        let row = self
            .connection
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement
                    .query_row(state_and(path, known, []), |row| {
                        Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
                    })
                    .optional()
            });
        Self::checked(path, row)
    }

    /// The stored parse read, if it holds its checksum.
    fn checked(path: &Path, row: rusqlite::Result<Option<(i64, Vec<u8>)>>) -> Option<Vec<u8>> {
        match row {
            Ok(Some((sum, parsed))) if sum == checksum(&parsed) => Some(parsed),
            Ok(Some(_)) => {
                tracing::info!("the index's row for {} fails its checksum", path.display());
                None
            }
            Ok(None) => None,
            Err(err) => {
                tracing::info!("cannot read the index's row for {}: {err}", path.display());
                None
            }
        }
    }
}

/// Stores `snapshot` in the index at `path` (an [`Index::path`]) in place of the one there,
/// in one write: another process sees the old snapshot or the new, never a part. A write
/// that fails (another process holds the lock past the timeout, the disk is full) leaves
/// the old one, which the next search finds out of date and replaces again.
pub fn store_snapshot(path: &Path, snapshot: &Checked) {
    let stored = connect(path).and_then(|connection| {
        connection.execute(
            "INSERT OR REPLACE INTO snapshot (id, record, checksum) VALUES (0, ?1, ?2)",
            params![snapshot.bytes, snapshot.checksum],
        )
    });
    if let Err(err) = stored {
        tracing::info!("the snapshot was not stored in {}: {err}", path.display());
    }
}

/// What `decode` takes from the summary of every file the index of `roots` in `dir` knows,
/// with the fingerprint the file had, by the path's bytes ([`path_key`]): what a Tab reads
/// instead of the files. `decode` borrows each summary as `SQLite` holds it, so only what
/// it keeps is copied. Read-only: nothing is created, rebuilt or written (a Tab before any
/// load finds no index and scans the files). Rows of another format, whose summary fails
/// its checksum, or that `decode` refuses (`None`) are left out, so their files are read.
#[must_use]
pub fn summaries<T>(
    dir: &Path,
    roots: &[PathBuf],
    decode: impl FnMut(&[u8]) -> Option<T>,
) -> HashMap<Vec<u8>, (Fingerprint, T)> {
    let path = index_path(dir, roots);
    if !path.is_file() {
        return HashMap::new();
    }
    match read_summaries(&path, decode) {
        Ok(summaries) => summaries,
        Err(err) => {
            tracing::info!("completing without the index: {err}");
            HashMap::new()
        }
    }
}

/// The most rows a map of summaries is sized for before they are read: a hand-edited index
/// may claim any span of rowids.
const MAX_PRESIZED_ROWS: usize = 1 << 20;

fn read_summaries<T>(
    path: &Path,
    mut decode: impl FnMut(&[u8]) -> Option<T>,
) -> Result<HashMap<Vec<u8>, (Fingerprint, T)>, IndexError> {
    let sqlite = |source| IndexError::Sqlite {
        path: path.to_owned(),
        source,
    };
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    // The rows are read once, in order: a page is never read twice, so SQLite's default
    // 2 MB page cache only cost fresh memory (a page fault for each of its 500 pages).
    connection
        .execute_batch("PRAGMA cache_size = -64")
        .map_err(sqlite)?;
    if !is_this_format(&connection, path)? {
        return Ok(HashMap::new());
    }
    let mut statement = connection
        .prepare(
            "SELECT path, len, modified, changed, inode, device, summary, summary_checksum
             FROM files",
        )
        .map_err(sqlite)?;
    // Sized for the rows, by the span of their rowids (each end found in the table's
    // B-tree, not by counting): growing the map rehashed 10,000 rows several times.
    let span: i64 = connection
        .query_row(
            "SELECT ifnull((SELECT max(rowid) FROM files) - (SELECT min(rowid) FROM files) + 1, 0)",
            [],
            |row| row.get(0),
        )
        .map_err(sqlite)?;
    let mut summaries =
        HashMap::with_capacity(usize::try_from(span).unwrap_or(0).min(MAX_PRESIZED_ROWS));
    let mut rows = statement.query([]).map_err(sqlite)?;
    while let Some(row) = rows.next().map_err(sqlite)? {
        if let Some(decoded) = checked_summary(row, 6)
            .map_err(sqlite)?
            .and_then(&mut decode)
        {
            let fingerprint = fingerprint_at(row, 1).map_err(sqlite)?;
            summaries.insert(row.get(0).map_err(sqlite)?, (fingerprint, decoded));
        }
    }
    Ok(summaries)
}

/// The rows of `files` from rowid `from` to `to`, read by `query` (`read_known`'s), each
/// summary through `decode`, into a map sized for `capacity` rows: growing a map of 100,000
/// decoded rows moved each several times.
fn read_rows<T>(
    connection: &Connection,
    query: &str,
    (from, to): (i64, i64),
    capacity: usize,
    decode: Option<&(impl Fn(&[u8]) -> Option<T> + Sync)>,
) -> rusqlite::Result<Rows<T>> {
    let mut statement = connection.prepare(query)?;
    let mut known = HashMap::with_capacity(capacity);
    let mut rows = statement.query([from, to])?;
    while let Some(row) = rows.next()? {
        let entry = Known {
            display: row.get(1)?,
            options: row.get(2)?,
            fingerprint: fingerprint_at(row, 3)?,
        };
        let summary = match (decode, checked_summary(row, 8)?) {
            (Some(decode), Some(summary)) => decode(summary),
            _ => None,
        };
        known.insert(row.get(0)?, (entry, summary));
    }
    Ok(known)
}

/// The summary in column `at` of `row` (its checksum in the next), borrowed, if it is there
/// and holds its checksum: a row edited by hand, or damaged where `SQLite` does not look,
/// reads as having none.
fn checked_summary<'a>(
    row: &'a rusqlite::Row<'_>,
    at: usize,
) -> rusqlite::Result<Option<&'a [u8]>> {
    let sum: Option<i64> = row.get(at + 1)?;
    let Ok(Some(summary)) = row.get_ref(at)?.as_blob_or_null() else {
        return Ok(None);
    };
    Ok((sum == Some(checksum(summary))).then_some(summary))
}

/// The columns that say which state of which file a row was made for, in the order every
/// table holds them (`path, display, options, len, modified, changed, inode, device`),
/// then `more` (what the row stores, when it is written): one binding for the rows of
/// files, signatures and searchables, and for the look-ups of one file's row.
fn state_and<'a, const N: usize>(
    path: &'a Path,
    known: &'a Known,
    more: [ToSqlOutput<'a>; N],
) -> impl rusqlite::Params + 'a {
    let print = known.fingerprint;
    let state = [
        ToSqlOutput::from(path_key(path)),
        ToSqlOutput::from(known.display.as_str()),
        ToSqlOutput::from(i64::from(known.options)),
        ToSqlOutput::from(print.len.cast_signed()),
        ToSqlOutput::from(print.modified),
        ToSqlOutput::from(print.changed),
        ToSqlOutput::from(print.inode.cast_signed()),
        ToSqlOutput::from(print.device.cast_signed()),
    ];
    params_from_iter(state.into_iter().chain(more))
}

/// The fingerprint in the five columns of `row` from `first`.
fn fingerprint_at(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Fingerprint> {
    Ok(Fingerprint {
        len: row.get::<_, i64>(first)?.cast_unsigned(),
        modified: row.get(first + 1)?,
        changed: row.get(first + 2)?,
        inode: row.get::<_, i64>(first + 3)?.cast_unsigned(),
        device: row.get::<_, i64>(first + 4)?.cast_unsigned(),
    })
}

/// What `meta` says of an index written by this sherpa.
fn stamp() -> String {
    format!("{FORMAT} sherpa {}", env!("CARGO_PKG_VERSION"))
}

/// Whether the index `connection` reads (at `path`) was written by this format and version:
/// `false` for a new one, which has no stamp yet, an error for one of another.
fn is_this_format(connection: &Connection, path: &Path) -> Result<bool, IndexError> {
    let found: Option<String> = connection
        .query_row("SELECT value FROM meta WHERE key = 'format'", [], |row| {
            row.get(0)
        })
        .optional()
        .map_err(|source| IndexError::Sqlite {
            path: path.to_owned(),
            source,
        })?;
    match found {
        Some(found) if found != stamp() => Err(IndexError::OtherVersion {
            path: path.to_owned(),
            found,
        }),
        Some(_) => Ok(true),
        None => Ok(false),
    }
}

/// Sets how a connection shares a published index: WAL lets readers go on while another
/// process writes, and `synchronous = NORMAL` syncs at checkpoints rather than at every
/// commit (a power cut may lose the last commits, never the index's consistency: the rows
/// lost are parsed again).
fn share(connection: &Connection) -> rusqlite::Result<()> {
    connection.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    connection.execute_batch("PRAGMA synchronous = NORMAL")
}

/// Creates the tables of a connection's index if it has none and checks its format, stamping
/// a new one with this format and `corpus`.
fn prepare(connection: &Connection, path: &Path, corpus: &str) -> Result<(), IndexError> {
    let sqlite = |source| IndexError::Sqlite {
        path: path.to_owned(),
        source,
    };
    connection.execute_batch(SCHEMA).map_err(sqlite)?;
    if !is_this_format(connection, path)? {
        connection
            .execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?1), ('corpus', ?2)",
                [&stamp(), corpus],
            )
            .map_err(sqlite)?;
    }
    Ok(())
}

/// A connection to the index at `path`, waiting [`BUSY_TIMEOUT`] for other processes.
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// Deletes an index and `SQLite`'s files beside it; one already gone is not a problem.
fn remove_index(path: &Path) {
    for file in location::companions(path) {
        let _ = std::fs::remove_file(file);
    }
}

/// A path as the bytes the index keys it by, and its readers' maps too: hashing bytes is
/// cheaper than hashing a `Path` component by component. A key that names no file (a
/// hand-edited index) is never a hit and is dropped as gone.
#[must_use]
pub fn path_key(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A checksum of a stored parse or summary, eight bytes at a time in four lanes (FNV-1a's
/// constants over words): a row changed by hand or damaged inside fails it. It does not
/// stop a deliberate forger, who could as well edit the briefing: it catches accidents
/// cheaply. Four lanes, each a chain of its own, run side by side: one chain of multiplies
/// made summing the summaries a twentieth of a Tab over 10,000 briefings.
fn checksum(bytes: &[u8]) -> i64 {
    let seed = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut lanes = [
        seed,
        seed.rotate_left(16),
        seed.rotate_left(32),
        seed.rotate_left(48),
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word_of(word));
        }
    }
    let mut hash = lanes.into_iter().fold(seed, mix);
    let mut words = blocks.remainder().chunks_exact(8);
    for word in &mut words {
        hash = mix(hash, word_of(word));
    }
    for byte in words.remainder() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(CHECKSUM_PRIME);
    }
    hash.cast_signed()
}

const CHECKSUM_PRIME: u64 = 0x0100_0000_01b3;

/// One word into a lane of [`checksum`].
fn mix(hash: u64, word: u64) -> u64 {
    let hash = (hash ^ word).wrapping_mul(CHECKSUM_PRIME);
    hash ^ (hash >> 29)
}

/// Eight bytes as a little-endian word.
fn word_of(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests;
