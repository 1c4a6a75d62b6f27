//! Where indexes are kept, whether the program uses one, and `sherpa cache status|clear`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The XDG variable naming the cache folder; set (absolute), it wins on every platform, so
/// tests and users can move the cache.
pub const CACHE_HOME_ENV: &str = "XDG_CACHE_HOME";

/// Set to anything but `0` or `false`, sherpa reads without the index (as `--no-cache`).
pub const NO_CACHE_ENV: &str = "SHERPA_NO_CACHE";

/// At most this many indexes are kept: a new one deletes the least recently written past
/// it. Each set of folders read has its own, and checking single files makes many.
pub const MAX_INDEX_FILES: usize = 16;

/// The extension of an index file.
const EXTENSION: &str = "sqlite";

static CONFIGURED: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Sets, once per process, the folder the loader keeps indexes in (`None`: no index). The
/// program calls it at start from `--no-cache` and [`NO_CACHE_ENV`]; until it does, the
/// loader uses no index, so a library user or a test never writes to a cache unasked. A
/// second call changes nothing.
pub fn configure(dir: Option<PathBuf>) {
    let _ = CONFIGURED.set(dir);
}

/// The folder [`configure`] set, if any.
#[must_use]
pub fn configured_dir() -> Option<&'static Path> {
    CONFIGURED.get().and_then(Option::as_deref)
}

/// sherpa's index folder: `$XDG_CACHE_HOME/sherpa/index` when that is set and absolute,
/// else the platform's cache folder (`~/.cache/sherpa/index` on Linux).
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os(CACHE_HOME_ENV)
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join("sherpa"))
        .or_else(|| {
            directories::ProjectDirs::from("", "", "sherpa").map(|d| d.cache_dir().to_path_buf())
        })?;
    Some(base.join("index"))
}

/// The index file of the corpus read from `roots`, in `dir`: named by a hash of the roots'
/// canonical paths, so the same folders share one index from any working directory.
#[must_use]
pub fn index_path(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let joined = canonical(roots)
        .iter()
        .map(|root| root.as_os_str().as_encoded_bytes())
        .collect::<Vec<_>>()
        .join(&b'\n');
    dir.join(format!("{:016x}.{EXTENSION}", super::checksum(&joined)))
}

/// The roots' canonical paths (as given when they cannot be resolved), sorted, once each.
fn canonical(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut named: Vec<PathBuf> = roots
        .iter()
        .map(|root| root.canonicalize().unwrap_or_else(|_| root.clone()))
        .collect();
    named.sort();
    named.dedup();
    named
}

/// The corpus of `roots` in words, as an index records it for `sherpa cache status`.
pub(super) fn describe(roots: &[PathBuf]) -> String {
    canonical(roots)
        .iter()
        .map(|root| root.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One index file, for `sherpa cache status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub path: PathBuf,
    /// Its size on disk, with `SQLite`'s journal beside it.
    pub bytes: u64,
    /// How many briefing files it knows, when it can be read.
    pub briefings: Option<u64>,
    /// The folders it is for, as it recorded them (untrusted: sanitise before showing).
    pub corpus: Option<String>,
}

/// The index files in `dir`, by name; none when the folder does not exist.
pub fn status(dir: &Path) -> std::io::Result<Vec<IndexFile>> {
    let mut files: Vec<IndexFile> = index_files(dir)?
        .into_iter()
        .map(|path| {
            let bytes = companions(&path)
                .filter_map(|file| std::fs::metadata(file).ok())
                .map(|metadata| metadata.len())
                .sum();
            let connection = rusqlite::Connection::open_with_flags(
                &path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .ok();
            let connection = connection.as_ref();
            IndexFile {
                briefings: ask::<i64>(connection, "SELECT count(*) FROM files")
                    .map(i64::cast_unsigned),
                corpus: ask(connection, "SELECT value FROM meta WHERE key = 'corpus'"),
                path,
                bytes,
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The one value `query` asks of an index, when it can answer.
fn ask<T: rusqlite::types::FromSql>(
    connection: Option<&rusqlite::Connection>,
    query: &str,
) -> Option<T> {
    connection?.query_row(query, [], |row| row.get(0)).ok()
}

/// Deletes every index in `dir`, and any left unfinished by a process that died writing
/// one; returns how many indexes there were.
pub fn clear(dir: &Path) -> std::io::Result<usize> {
    let files = index_files(dir)?;
    let unfinished = files_named(dir, |name| name.contains(APART))?;
    for file in files
        .iter()
        .flat_map(|file| companions(file))
        .chain(unfinished)
    {
        match std::fs::remove_file(&file) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
            _ => {}
        }
    }
    Ok(files.len())
}

/// What the name of a file in which a new index is written apart has after the index's
/// own name (and before a random part): not `.sqlite`, so it is not listed as an index.
const APART: &str = ".new-";

/// The folder and the start of the name of a file to write a new index at `path` apart in.
pub(super) fn apart_prefix(path: &Path) -> (&Path, String) {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    (dir, format!("{name}{APART}"))
}

/// How long a file an index is written apart in may go unwritten before it is taken for
/// one a dead process left: a build writes all the time, for seconds.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Deletes the files that new indexes for `path` were written apart in by processes that
/// died before they finished (unwritten for [`ABANDONED_AFTER`]); one being written by
/// another process now is left.
pub(super) fn remove_abandoned(path: &Path) {
    let (dir, prefix) = apart_prefix(path);
    let Ok(started) = files_named(dir, |name| name.starts_with(&prefix)) else {
        return;
    };
    for file in started {
        let idle = std::fs::metadata(&file)
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|written| written.elapsed().ok());
        if idle.is_some_and(|idle| idle > ABANDONED_AFTER) {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Deletes the least recently written indexes past [`MAX_INDEX_FILES`], never `keep`.
pub(super) fn forget_oldest(dir: &Path, keep: &Path) {
    let Ok(files) = index_files(dir) else {
        return;
    };
    if files.len() <= MAX_INDEX_FILES {
        return;
    }
    let mut dated: Vec<(std::time::SystemTime, PathBuf)> = files
        .into_iter()
        .filter(|file| file != keep)
        .map(|file| {
            let written = std::fs::metadata(&file)
                .and_then(|metadata| metadata.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (written, file)
        })
        .collect();
    dated.sort();
    let excess = dated.len() + 1 - MAX_INDEX_FILES;
    for (_, file) in dated.into_iter().take(excess) {
        super::remove_index(&file);
    }
}

/// The `*.sqlite` files in `dir` (none when it does not exist).
fn index_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(files_named(dir, |_| true)?
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == EXTENSION))
        .collect())
}

/// The files in `dir` whose name `wanted` accepts (none when `dir` does not exist).
fn files_named(dir: &Path, wanted: impl Fn(&str) -> bool) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    Ok(entries
        .filter_map(Result::ok)
        .filter(|entry| wanted(&entry.file_name().to_string_lossy()))
        .map(|entry| entry.path())
        .collect())
}

/// An index and `SQLite`'s journal files beside it.
pub(super) fn companions(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    ["", "-wal", "-shm"].into_iter().map(move |suffix| {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        PathBuf::from(file)
    })
}
