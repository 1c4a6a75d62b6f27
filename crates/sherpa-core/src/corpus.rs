//! Loading a set of briefings: finding files, parsing them in parallel, cross-checking them.
//!
//! The loader never stops at a bad file: each file that fails is reported as a
//! [`Diagnostic`] and skipped, and every other file still loads. It never prints and
//! never writes to a briefing file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Read;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{
    Diagnostic, FileDiagnostics, LineCounter, LineIndex, MAX_PER_FILE, Severity, io_reason,
    with_separators,
};
use crate::model::{Briefing, ItemTable};
use crate::sanitize::sanitize_field;

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many keys, tables and values (`=`, `{`, `[`, `,` and `.` outside strings
/// and comments) in one file. Parsing costs the `toml` crate about 2 µs and up to 1 KB for
/// each (a dotted key makes a table per `.`), so 16 MiB of tiny items would otherwise take
/// seconds and gigabytes. At 200,000 the worst file parses in about half a second, and two
/// files at both limits fit in [`MAX_BYTES_IN_FLIGHT`] at once; real briefings have a few
/// hundred items.
pub const MAX_FILE_ITEMS: usize = 200_000;

/// What parsing is assumed to cost per item counted against [`MAX_FILE_ITEMS`] (or, for a
/// file too short to be counted, per byte), in bytes:
/// the most measured (a deeply dotted key such as `k.a.a.a = 1` costs about 1,060).
const BYTES_PER_ITEM: u64 = 1_200;

/// At most this much (file bytes plus [`BYTES_PER_ITEM`] per item) is parsed at once across
/// the parallel loader's threads, so a folder of large files stays under 1 GiB.
pub const MAX_BYTES_IN_FLIGHT: u64 = 512 * 1024 * 1024;

/// The environment variable naming the briefings folder when no path is given.
pub const BRIEFINGS_ENV: &str = "SHERPA_BRIEFINGS";

/// The briefings shipped inside the binary, so an installed `sherpa` opens real briefings.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../briefings");

/// Where the briefings came from; commands tell the user when they fell back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Paths given on the command line.
    Paths(Vec<PathBuf>),
    /// Paths from `$SHERPA_BRIEFINGS`.
    Env(Vec<PathBuf>),
    /// Paths from the config file's `briefings`.
    Config(Vec<PathBuf>),
    /// `./briefings` in the current directory.
    CurrentDir(PathBuf),
    /// The briefings compiled into the binary.
    Bundled,
    /// Another origin read together with the bundled briefings (`--bundled`).
    WithBundled(Box<Origin>),
}

impl Origin {
    /// Picks the source by the documented fallback order: paths given, then
    /// `$SHERPA_BRIEFINGS`, then the config's `briefings`, then `./briefings`, then the
    /// bundled briefings.
    #[must_use]
    pub fn resolve(paths: &[PathBuf], configured: &[PathBuf]) -> Self {
        if !paths.is_empty() {
            return Self::Paths(paths.to_vec());
        }
        // Empty segments (`a::b`, a trailing `:`) mean nothing, as in `PATH`.
        let from_env: Vec<PathBuf> = std::env::var_os(BRIEFINGS_ENV)
            .map(|value| {
                std::env::split_paths(&value)
                    .filter(|path| !path.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if !from_env.is_empty() {
            return Self::Env(from_env);
        }
        if !configured.is_empty() {
            return Self::Config(configured.to_vec());
        }
        let local = PathBuf::from("briefings");
        if local.is_dir() {
            return Self::CurrentDir(local);
        }
        Self::Bundled
    }

    /// This origin read together with the bundled briefings when `bundled` is set (the
    /// bundled briefings alone stay as they are).
    #[must_use]
    pub fn with_bundled(self, bundled: bool) -> Self {
        match self {
            Self::Bundled | Self::WithBundled(_) => self,
            other if bundled => Self::WithBundled(Box::new(other)),
            other => other,
        }
    }

    /// A short description for status lines and fallback notes.
    #[must_use]
    pub fn describe(&self) -> String {
        // Paths come from the command line, the environment or the config: shown sanitised.
        let join = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| sanitize_field(&p.display().to_string()).into_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::Paths(paths) => join(paths),
            Self::Env(paths) => format!("${BRIEFINGS_ENV} ({})", join(paths)),
            Self::Config(paths) => format!("the config's briefings ({})", join(paths)),
            Self::CurrentDir(path) => format!("./{}", sanitize_field(&path.display().to_string())),
            Self::Bundled => "the bundled briefings".to_owned(),
            Self::WithBundled(inner) => format!("{} and the bundled briefings", inner.describe()),
        }
    }

    /// True when the user did not name the source, so commands should say which one they read.
    #[must_use]
    pub fn is_fallback(&self) -> bool {
        match self {
            Self::Paths(_) => false,
            Self::WithBundled(inner) => inner.is_fallback(),
            _ => true,
        }
    }

    /// The files and folders this origin reads (none for the bundled briefings): what live
    /// reload watches.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        match self {
            Self::Paths(paths) | Self::Env(paths) | Self::Config(paths) => paths,
            Self::CurrentDir(path) => std::slice::from_ref(path),
            Self::Bundled => &[],
            Self::WithBundled(inner) => inner.paths(),
        }
    }

    /// Loads every briefing this origin names.
    #[must_use]
    pub fn load(&self) -> Corpus {
        self.load_with(LoadOptions::default())
    }

    /// Loads every briefing this origin names, with extra checks.
    #[must_use]
    pub fn load_with(&self, options: LoadOptions) -> Corpus {
        match self {
            Self::Paths(paths) | Self::Env(paths) | Self::Config(paths) => {
                Corpus::load_paths_with(paths, options)
            }
            Self::CurrentDir(path) => Corpus::load_paths_with(std::slice::from_ref(path), options),
            Self::Bundled => Corpus::from_files(
                bundled_files(),
                LoadOptions {
                    with_bundled: false,
                    ..options
                },
            ),
            Self::WithBundled(inner) => inner.load_with(LoadOptions {
                with_bundled: true,
                ..options
            }),
        }
    }
}

/// A loaded set of briefings, ordered by date, with the problems found on the way.
#[derive(Debug, Default)]
pub struct Corpus {
    briefings: Vec<Briefing>,
    /// The file each briefing came from, parallel to `briefings`.
    paths: Vec<String>,
    /// Whether each briefing is a file on disk (not bundled, not standard input), parallel
    /// to `briefings`: only those can be opened in an editor.
    on_disk: Vec<bool>,
    index: HashMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
    /// Files that were found but could not be loaded.
    failed_files: usize,
    /// Every file read from disk, as it was when read, in the order found.
    read: Vec<(PathBuf, FileStamp)>,
}

/// What tells a file changed without reading it: when it was last written, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct FileStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Self {
        std::fs::metadata(path).map_or_else(|_| Self::default(), |m| Self::from(&m))
    }
}

impl From<&std::fs::Metadata> for FileStamp {
    fn from(metadata: &std::fs::Metadata) -> Self {
        Self {
            modified: metadata.modified().ok(),
            len: metadata.len(),
        }
    }
}

/// The briefing files under `paths` (folders searched recursively, `-` left out), each
/// once, reporting paths that cannot be searched.
fn find_files(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut followed_links = false;
    let folders: Vec<PathBuf> = paths
        .iter()
        .filter(|path| path.is_dir())
        .filter_map(|path| path.canonicalize().ok())
        .collect();
    for path in paths.iter().filter(|path| path.as_os_str() != STDIN_PATH) {
        followed_links |= discover(path, &folders, &mut found, diagnostics);
    }
    // The same file reached twice (`briefings` and `./briefings/x.toml`, overlapping
    // folders, a link to a file also listed) is one briefing, not a duplicate of itself.
    // One folder walked without links cannot list a file twice, and resolving every path
    // (a few system calls each) is most of listing a large folder.
    if paths.len() > 1 || followed_links {
        let mut seen = std::collections::HashSet::new();
        found.retain(|(_, path)| seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())));
    }
    found
}

/// A file found on disk (or bundled), before parsing.
struct FoundFile {
    display: String,
    stem: String,
    text: Result<String, Diagnostic>,
    /// A bundled briefing read beside the user's own (`--bundled`): a user's file with the
    /// same id replaces it without a complaint.
    bundled: bool,
}

impl Corpus {
    /// Loads files and folders (folders are searched recursively for `*.toml`).
    #[must_use]
    pub fn load_paths(paths: &[PathBuf]) -> Self {
        Self::load_paths_with(paths, LoadOptions::default())
    }

    /// Like [`Corpus::load_paths`], with extra checks.
    #[must_use]
    pub fn load_paths_with(paths: &[PathBuf], options: LoadOptions) -> Self {
        let mut diagnostics = Vec::new();
        let found = find_files(paths, &mut diagnostics);
        // Standard input is read once, however often `-` is given.
        let piped: Vec<FoundFile> = paths
            .iter()
            .any(|path| path.as_os_str() == STDIN_PATH)
            .then(read_stdin)
            .into_iter()
            .collect();
        let failed = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        // Each file is parsed as soon as it is read, on the same thread: its text is freed
        // right away, so the whole corpus's text is never in memory at once.
        let (mut parsed, read): (Vec<Parsed>, Vec<(PathBuf, FileStamp)>) = found
            .into_par_iter()
            .map(|(display, path)| {
                let opened = open_file(&display, &path);
                // A file that cannot be opened or read is stamped as it stands, so it does
                // not look changed to live reload.
                let stamp = opened
                    .as_ref()
                    .map_or_else(|_| FileStamp::of(&path), |(_, stamp)| *stamp);
                let reading = Permit::acquire(stamp.len.min(MAX_FILE_BYTES));
                let file = FoundFile {
                    bundled: false,
                    stem: stem_of(&path),
                    text: opened.and_then(|(file, stamp)| read_opened(&display, file, stamp.len)),
                    display,
                };
                let read = (path, stamp);
                let items = file.text.as_deref().map(items_at_most).ok();
                let weight = match (&file.text, items) {
                    (Ok(text), Some((count, _))) => {
                        text.len() as u64 + BYTES_PER_ITEM * count as u64
                    }
                    _ => 0,
                };
                // Waiting for a larger share holds none, so threads cannot wait on each other.
                let _parsing = if weight > reading.0 {
                    drop(reading);
                    Permit::acquire(weight)
                } else {
                    reading
                };
                (parse_file(file, options, items), read)
            })
            .unzip();
        parsed.extend(
            piped
                .into_iter()
                .map(|file| parse_file(file, options, None)),
        );
        if options.with_bundled {
            parsed.extend(
                bundled_files()
                    .into_par_iter()
                    .map(|file| parse_file(file, options, None))
                    .collect::<Vec<_>>(),
            );
        }
        let mut corpus = Self::assemble(parsed);
        corpus.read = read;
        corpus.failed_files += failed;
        diagnostics.append(&mut corpus.diagnostics);
        corpus.diagnostics = diagnostics;
        corpus
    }

    /// Loads the briefings compiled into the binary.
    #[must_use]
    pub fn load_bundled() -> Self {
        Self::from_files(bundled_files(), LoadOptions::default())
    }

    /// Parses already-read text as if it were the files named; used by tests and benchmarks.
    #[must_use]
    pub fn from_sources<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let files = sources
            .into_iter()
            .map(|(name, text)| FoundFile {
                bundled: false,
                display: name.to_owned(),
                stem: stem_of(Path::new(name)),
                text: Ok(text.to_owned()),
            })
            .collect();
        Self::from_files(files, LoadOptions::default())
    }

    /// Like [`Corpus::from_sources`], from raw file contents (checked for UTF-8 and size as
    /// files on disk are); used by the fuzzer.
    #[must_use]
    pub fn from_bytes<'a>(sources: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Self {
        let files = sources
            .into_iter()
            .map(|(name, bytes)| FoundFile {
                bundled: false,
                display: name.to_owned(),
                stem: stem_of(Path::new(name)),
                text: if bytes.len() as u64 > MAX_FILE_BYTES {
                    Err(Diagnostic::new(
                        name,
                        Severity::Error,
                        "larger than the 16 MiB limit for a briefing; skipped",
                    ))
                } else {
                    decode(name, bytes.to_vec())
                },
            })
            .collect();
        Self::from_files(files, LoadOptions::default())
    }

    fn from_files(files: Vec<FoundFile>, options: LoadOptions) -> Self {
        Self::assemble(
            files
                .into_par_iter()
                .map(|file| parse_file(file, options, None))
                .collect(),
        )
    }

    /// Orders parsed files by date, skipping duplicate ids, and checks the links.
    fn assemble(parsed: Vec<Parsed>) -> Self {
        let mut corpus = Self::default();
        let mut duplicates = Self::duplicates(&parsed).into_iter().peekable();
        let mut entries: Vec<(String, Briefing, Vec<Option<Diagnostic>>, bool)> =
            Vec::with_capacity(parsed.len());
        for (at, mut file) in parsed.into_iter().enumerate() {
            corpus.diagnostics.append(&mut file.diagnostics);
            let Some(briefing) = file.briefing else {
                corpus.failed_files += 1;
                continue;
            };
            if let Some((_, first)) = duplicates.next_if(|(duplicate, _)| *duplicate == at) {
                // A bundled briefing gives way to the user's own without a complaint.
                if let Some(first) = first {
                    corpus.diagnostics.push(Sites::at(
                        file.sites.id.as_ref(),
                        &file.path,
                        Severity::Error,
                        format!(
                            "duplicate summit id \"{}\": already used by {first}, which is kept; this file is skipped",
                            briefing.id()
                        ),
                    ));
                    corpus.failed_files += 1;
                }
                continue;
            }
            let on_disk = !file.bundled && file.path != STDIN_DISPLAY;
            entries.push((file.path, briefing, file.sites.links, on_disk));
        }
        entries.sort_by(|(_, a, _, _), (_, b, _, _)| {
            (a.summit.date, a.id()).cmp(&(b.summit.date, b.id()))
        });
        let mut links = Vec::with_capacity(entries.len());
        corpus.index.reserve(entries.len());
        corpus.briefings.reserve(entries.len());
        corpus.paths.reserve(entries.len());
        corpus.on_disk.reserve(entries.len());
        for (path, briefing, sites, on_disk) in entries {
            corpus
                .index
                .insert(briefing.id().to_owned(), corpus.briefings.len());
            corpus.paths.push(path);
            corpus.on_disk.push(on_disk);
            corpus.briefings.push(briefing);
            links.push(sites);
        }
        corpus.check_links(links);
        corpus
    }

    /// The files whose id an earlier file already has (the first, by where its id is
    /// written, is kept), in order, each with where the kept one writes it (`None` for a
    /// bundled briefing, which gives way quietly). Ids are borrowed, and a kept file's
    /// place is written out only when another repeats its id.
    fn duplicates(parsed: &[Parsed]) -> Vec<(usize, Option<String>)> {
        let mut first: HashMap<&str, &Parsed> = HashMap::with_capacity(parsed.len());
        let mut duplicates = Vec::new();
        for (at, file) in parsed.iter().enumerate() {
            let Some(briefing) = &file.briefing else {
                continue;
            };
            match first.entry(briefing.id()) {
                Entry::Vacant(entry) => {
                    entry.insert(file);
                }
                Entry::Occupied(entry) => {
                    let kept = entry.get();
                    let location = (!file.bundled).then(|| {
                        Sites::at(
                            kept.sites.id.as_ref(),
                            &kept.path,
                            Severity::Error,
                            String::new(),
                        )
                        .location()
                    });
                    duplicates.push((at, location));
                }
            }
        }
        duplicates
    }

    /// Warns about `summit =` links to briefings that are not in the corpus, at the link.
    /// `links` holds each briefing's link sites, parallel to the briefings. They are found
    /// once every file is parsed, and count against the file's cap after its parse problems.
    fn check_links(&mut self, links: Vec<Vec<Option<Diagnostic>>>) {
        // A file's cap counts the problems its parse already listed.
        let mut shown: HashMap<&str, usize> = HashMap::new();
        for diagnostic in self.diagnostics.iter().filter(|d| d.omitted == 0) {
            *shown.entry(diagnostic.path.as_str()).or_default() += 1;
        }
        // On the loader's threads, which also free the sites: this is on every load's path.
        let warnings: Vec<Vec<Diagnostic>> = (self.briefings.par_iter())
            .zip(self.paths.par_iter())
            .zip(links.into_par_iter())
            .map(|((briefing, path), sites)| {
                let mut report =
                    FileDiagnostics::after(shown.get(path.as_str()).copied().unwrap_or(0));
                for (index, meeting) in briefing.prior_meetings.iter().enumerate() {
                    if let Some(target) = &meeting.summit
                        && !self.index.contains_key(target)
                    {
                        report.push_with(Severity::Warning, || {
                            Sites::at(
                                sites.get(index).and_then(Option::as_ref),
                                path,
                                Severity::Warning,
                                format!(
                                    "prior meeting {} links to summit \"{target}\", which is not in the corpus",
                                    meeting.date
                                ),
                            )
                        });
                    }
                }
                report.finish(path)
            })
            .collect();
        self.diagnostics.extend(warnings.into_iter().flatten());
    }

    /// Whether the briefing files under `paths` (those this corpus was loaded from) are no
    /// longer what was read: one written, added, removed or renamed since. Live reload asks
    /// this for the edits made before it started watching.
    #[must_use]
    pub fn changed_on_disk(&self, paths: &[PathBuf]) -> bool {
        let found = find_files(paths, &mut Vec::new());
        found.len() != self.read.len()
            || found
                .iter()
                .zip(&self.read)
                .any(|((_, path), (read, stamp))| path != read || FileStamp::of(path) != *stamp)
    }

    /// All loaded briefings, ordered by date then id.
    #[must_use]
    pub fn briefings(&self) -> &[Briefing] {
        &self.briefings
    }

    /// The file a briefing (by position) was loaded from.
    #[must_use]
    pub fn path_of(&self, position: usize) -> Option<&str> {
        self.paths.get(position).map(String::as_str)
    }

    /// The file to edit a briefing (by position) in: `None` for a bundled briefing or one
    /// read from standard input, which have none.
    #[must_use]
    pub fn file_of(&self, position: usize) -> Option<&Path> {
        self.on_disk
            .get(position)
            .copied()
            .filter(|&on_disk| on_disk)
            .and_then(|_| self.path_of(position))
            .map(Path::new)
    }

    /// Every problem found, in file order.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// How many files were found but not loaded.
    #[must_use]
    pub fn failed_files(&self) -> usize {
        self.failed_files
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.briefings.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.briefings.is_empty()
    }

    /// The position (in date order) of the briefing with this id.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Briefing> {
        self.position(id).and_then(|i| self.briefings.get(i))
    }

    /// Up to three ids closest to a mistyped one, best first, for "did you mean" hints.
    #[must_use]
    pub fn closest_ids(&self, wanted: &str) -> Vec<&str> {
        let mut scored: Vec<(f64, &str)> = self
            .briefings
            .iter()
            .map(|b| {
                let id = b.id();
                let mut score = strsim::jaro_winkler(wanted, id);
                if id.contains(wanted) {
                    score += 0.5;
                }
                (score, id)
            })
            .filter(|(score, _)| *score > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }
}

/// Finds briefing files under `path`, reporting paths that cannot be searched. `folders`
/// are all the folders given (canonical): links are followed only into them. Returns
/// whether it met a link (a file may then be listed twice).
fn discover(
    path: &Path,
    folders: &[PathBuf],
    found: &mut Vec<(String, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let display = path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            diagnostics.push(Diagnostic::new(
                &display,
                Severity::Error,
                format!("cannot read: {}", io_reason(&err)),
            ));
            return false;
        }
    };
    if metadata.is_file() {
        found.push((display, path.to_owned()));
        return false;
    }
    if !metadata.is_dir() {
        // A FIFO, socket or device: reading it could block or never end.
        diagnostics.push(Diagnostic::new(
            &display,
            Severity::Error,
            "not a regular file or folder; skipped",
        ));
        return false;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name();
    // Links are followed only while they stay inside the folders given: a `notes.toml`
    // pointing at a credentials file, or a link to `/proc`, is skipped with a warning (a
    // file named directly is read wherever it is). A link to a folder inside another folder
    // given is not walked here: walking that folder reads it, and two folders linking to
    // each other would otherwise be a loop.
    let root = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut entries = walker.into_iter();
    let mut followed = false;
    while let Some(entry) = entries.next() {
        match entry {
            Ok(entry) => {
                let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
                if entry.depth() > 0 && entry.path_is_symlink() {
                    followed = true;
                    let target = entry.path().canonicalize().ok();
                    let within =
                        |folder: &PathBuf| target.as_ref().is_some_and(|t| t.starts_with(folder));
                    let is_dir = entry.file_type().is_dir();
                    if !within(&root) {
                        let into_another = folders.iter().any(within);
                        if is_dir {
                            entries.skip_current_dir();
                        }
                        if !into_another && (is_dir || is_toml) {
                            diagnostics.push(Diagnostic::new(
                                &entry.path().display().to_string(),
                                Severity::Warning,
                                "symbolic link to outside the folders given; not followed (name it directly to read it)",
                            ));
                        }
                        if is_dir || !into_another {
                            continue;
                        }
                    }
                }
                if !is_toml {
                    continue;
                }
                let shown = entry.path().display().to_string();
                if entry.file_type().is_file() {
                    found.push((shown, entry.into_path()));
                } else if entry.file_type().is_dir() {
                    diagnostics.push(Diagnostic::new(
                        &shown,
                        Severity::Error,
                        "is a directory, not a briefing file; its contents are searched separately",
                    ));
                } else {
                    diagnostics.push(Diagnostic::new(
                        &shown,
                        Severity::Error,
                        "not a regular file (a FIFO, socket or device); skipped",
                    ));
                }
            }
            Err(err) => {
                let shown = err
                    .path()
                    .map_or_else(|| display.clone(), |p| p.display().to_string());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_owned()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), io_reason)
                };
                diagnostics.push(Diagnostic::new(
                    &shown,
                    Severity::Error,
                    format!("cannot read: {reason}"),
                ));
            }
        }
    }
    followed
}

/// A share of [`MAX_BYTES_IN_FLIGHT`], given back when dropped.
struct Permit(u64);

static IN_FLIGHT: std::sync::Mutex<u64> = std::sync::Mutex::new(0);
static RETURNED: std::sync::Condvar = std::sync::Condvar::new();

impl Permit {
    /// Waits until `amount` (at most the whole budget) fits beside what is in flight.
    fn acquire(amount: u64) -> Self {
        let amount = amount.min(MAX_BYTES_IN_FLIGHT);
        let mut in_flight = IN_FLIGHT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while *in_flight + amount > MAX_BYTES_IN_FLIGHT {
            in_flight = RETURNED
                .wait(in_flight)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *in_flight += amount;
        Self(amount)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut in_flight = IN_FLIGHT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *in_flight -= self.0;
        RETURNED.notify_all();
    }
}

/// Files shorter than this are not counted: an item takes at least one byte, so they cannot
/// pass [`MAX_FILE_ITEMS`], and their length bounds what they cost to parse (at most 20 MB
/// of [`MAX_BYTES_IN_FLIGHT`] each, so dozens still parse at once). Counting a real
/// briefing's items would cost a twentieth of its parse, on every file of every load.
const UNCOUNTED_BYTES: usize = 16 * 1024;
const _: () = assert!(UNCOUNTED_BYTES <= MAX_FILE_ITEMS);

/// At most how many items `text` holds ([`count_items`] for a file of
/// [`UNCOUNTED_BYTES`] or more, its length for a shorter one), and where it passes the limit.
fn items_at_most(text: &str) -> ItemCount {
    if text.len() < UNCOUNTED_BYTES {
        (text.len(), None)
    } else {
        count_items(text)
    }
}

/// What [`count_items`] found: the items, and the offset of the first over the limit.
type ItemCount = (usize, Option<usize>);

/// Counts the keys, tables and values of a TOML text (`=`, `{`, `[`, `,` and `.` outside
/// strings and comments) without parsing it, stopping past [`MAX_FILE_ITEMS`]; returns the
/// count and the offset of the first item over the limit.
fn count_items(text: &str) -> ItemCount {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    // Skips a string opened at `i` by `quote`, returning the offset after it. Most of a
    // briefing is prose inside strings: `memchr` jumps to the next byte that can end one.
    let skip_string = |i: usize, quote: u8| -> usize {
        let triple = bytes.get(i..i + 3) == Some(&[quote; 3][..]);
        let escapes = quote == b'"';
        let mut j = if triple { i + 3 } else { i + 1 };
        loop {
            let rest = &bytes[j.min(bytes.len())..];
            let next = match (triple, escapes) {
                (true, true) => memchr::memchr2(quote, b'\\', rest),
                (true, false) => memchr::memchr(quote, rest),
                (false, true) => memchr::memchr3(quote, b'\\', b'\n', rest),
                (false, false) => memchr::memchr2(quote, b'\n', rest),
            };
            let Some(at) = next.map(|n| j + n) else {
                return bytes.len();
            };
            match bytes[at] {
                b'\\' => j = at + 2,
                b'\n' => return at + 1,
                _ if !triple => return at + 1,
                _ if bytes.get(at..at + 3) == Some(&[quote; 3][..]) => return at + 3,
                _ => j = at + 1,
            }
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i = skip_string(i, quote);
                continue;
            }
            b'=' | b'{' | b'[' | b',' | b'.' => {
                count += 1;
                if count > MAX_FILE_ITEMS {
                    return (count, Some(i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, None)
}

/// What loading checks beyond the format itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Report every participant, meeting, goal and disagreement that cites no source as an
    /// error at its table header (`check --require-sources`).
    pub require_sources: bool,
    /// Read the bundled briefings too, after the user's own (`--bundled`), so a user's
    /// briefing can link `anchorage-2025`; a user's file with a bundled id wins.
    pub with_bundled: bool,
}

/// The path that means standard input, as in most command-line tools.
pub const STDIN_PATH: &str = "-";

/// How standard input is named in diagnostics and `list --json`.
pub const STDIN_DISPLAY: &str = "<stdin>";

/// Reads one briefing from standard input, with the limits a file has.
fn read_stdin() -> FoundFile {
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes);
    let text = match read {
        Err(err) => Err(Diagnostic::new(
            STDIN_DISPLAY,
            Severity::Error,
            format!("cannot read: {}", io_reason(&err)),
        )),
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(Diagnostic::new(
            STDIN_DISPLAY,
            Severity::Error,
            "larger than the 16 MiB limit for a briefing; skipped",
        )),
        Ok(_) => decode(STDIN_DISPLAY, bytes),
    };
    FoundFile {
        display: STDIN_DISPLAY.to_owned(),
        stem: "stdin".to_owned(),
        text,
        bundled: false,
    }
}

/// One file after parsing: its path, the briefing if usable, its diagnostics, and the
/// places later checks point at.
struct Parsed {
    path: String,
    /// From [`FoundFile::bundled`].
    bundled: bool,
    briefing: Option<Briefing>,
    diagnostics: Vec<Diagnostic>,
    sites: Sites,
}

/// Where the problems found only once every file is parsed (a duplicate id, a dangling
/// `summit =` link) are written, found while the file's text is at hand: the corpus never
/// keeps a file's text. Each is a diagnostic with a position and no path or message yet,
/// made by one [`LineCounter`] pass (so a line holding thousands costs one count, and is
/// not copied for each).
#[derive(Debug, Default)]
struct Sites {
    /// The `id` key of `[summit]`, else the `[summit]` header.
    id: Option<Diagnostic>,
    /// Where each prior meeting's `summit` link is written, by the meeting's index (`None`
    /// for a meeting without one).
    links: Vec<Option<Diagnostic>>,
}

impl Sites {
    /// The sites of a parsed file, from the parser's own spans: no second pass over the
    /// text, and exact for inline tables and dotted keys too.
    fn in_table(text: &str, root: &DeTable<'_>) -> Self {
        let mut counter = LineCounter::new(text);
        let mut site =
            |offset: usize| counter.point(Diagnostic::new("", Severity::Error, ""), offset);
        let summit = root.get("summit");
        let id = summit
            .and_then(|summit| key_offset(summit, "id"))
            .or_else(|| summit.map(|summit| summit.span().start));
        let id = id.map(&mut site);
        let links = match root.get("prior_meetings").map(Spanned::get_ref) {
            Some(DeValue::Array(meetings)) => meetings
                .iter()
                .map(|meeting| key_offset(meeting, "summit").map(&mut site))
                .collect(),
            _ => Vec::new(),
        };
        Self { id, links }
    }

    /// A diagnostic at `site` (or about the whole file when there is none).
    fn at(
        site: Option<&Diagnostic>,
        path: &str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        match site {
            Some(site) => Diagnostic {
                path: path.to_owned(),
                severity,
                message,
                ..site.clone()
            },
            None => Diagnostic::new(path, severity, message),
        }
    }
}

/// Parses a file read; `items` is its [`items_at_most`], when the loader already counted.
fn parse_file(file: FoundFile, options: LoadOptions, items: Option<ItemCount>) -> Parsed {
    match file.text {
        Ok(text) => Parsed {
            bundled: file.bundled,
            ..parse_text(&file.display, &file.stem, &text, options, items)
        },
        Err(diagnostic) => Parsed {
            path: file.display,
            bundled: file.bundled,
            briefing: None,
            diagnostics: vec![diagnostic],
            sites: Sites::default(),
        },
    }
}

/// Opens a briefing file to read it, with what it is as opened; anything but a regular
/// file is refused.
fn open_file(display: &str, path: &Path) -> Result<(std::fs::File, FileStamp), Diagnostic> {
    let fail = |err: &std::io::Error| {
        Diagnostic::new(
            display,
            Severity::Error,
            format!("cannot read: {}", io_reason(err)),
        )
    };
    // The file may have been swapped for a FIFO or device since it was listed: opening
    // without blocking and checking the open handle means a reader is never waited for.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| fail(&e))?;
    let metadata = file.metadata().map_err(|e| fail(&e))?;
    if !metadata.is_file() {
        return Err(Diagnostic::new(
            display,
            Severity::Error,
            "not a regular file (a FIFO, socket, device or folder); skipped",
        ));
    }
    Ok((file, FileStamp::from(&metadata)))
}

/// Reads a file opened at `len` bytes whole, refusing oversized files and invalid UTF-8
/// with a clear message.
fn read_opened(display: &str, file: std::fs::File, len: u64) -> Result<String, Diagnostic> {
    let fail = |message: String| Diagnostic::new(display, Severity::Error, message);
    // Sized from the handle, so a file is read in one call and a probe for its end,
    // not in a dozen growing chunks.
    let capacity = usize::try_from(len.min(MAX_FILE_BYTES) + 1).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = len.max(bytes.len() as u64);
        return Err(fail(format!(
            "file is {size} bytes, larger than the {} MiB limit for a briefing; skipped",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    decode(display, bytes)
}

/// Checks that a file's bytes are UTF-8, pointing at the first bad byte if not.
fn decode(display: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
        // Lossy decoding keeps the valid prefix byte-for-byte, so the offset stays right.
        Diagnostic::new(
            display,
            Severity::Error,
            "invalid UTF-8: briefings must be UTF-8 text",
        )
        .at_offset(&text, valid)
    })
}

fn bundled_files() -> Vec<FoundFile> {
    let mut files = Vec::new();
    collect_bundled(&BUNDLED, &mut files);
    files
}

fn collect_bundled(dir: &Dir<'_>, files: &mut Vec<FoundFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            let display = format!("bundled:{}", file.path().display());
            let text = std::str::from_utf8(file.contents())
                .map(str::to_owned)
                .map_err(|_| Diagnostic::new(&display, Severity::Error, "invalid UTF-8"));
            files.push(FoundFile {
                bundled: true,
                stem: stem_of(file.path()),
                display,
                text,
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, files);
    }
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether an id fits the documented pattern `[a-z0-9][a-z0-9-]*`.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Turns a file stem into a valid id ("Geneva 2021" -> "geneva-2021"); also what
/// `sherpa new` suggests for an id it refuses.
#[must_use]
pub fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Parses one briefing's text. Returns the briefing (if it is usable) and its diagnostics.
#[must_use]
pub fn parse_briefing(path: &str, stem: &str, text: &str) -> (Option<Briefing>, Vec<Diagnostic>) {
    let parsed = parse_text(path, stem, text, LoadOptions::default(), None);
    (parsed.briefing, parsed.diagnostics)
}

/// Parses one briefing's text into a [`Parsed`] for the corpus (`display` is the path kept).
fn parse_text(
    path: &str,
    stem: &str,
    text: &str,
    options: LoadOptions,
    items: Option<ItemCount>,
) -> Parsed {
    let mut report = FileDiagnostics::default();
    let mut sites = Sites::default();
    let items = items.unwrap_or_else(|| items_at_most(text));
    let briefing = check_text(path, stem, text, options, items, &mut report, &mut sites);
    Parsed {
        path: path.to_owned(),
        bundled: false,
        briefing,
        diagnostics: report.finish(path),
        sites,
    }
}

/// The briefing in `text` if it is usable, reporting its problems and noting its sites.
fn check_text(
    path: &str,
    stem: &str,
    text: &str,
    options: LoadOptions,
    items: ItemCount,
    report: &mut FileDiagnostics,
    sites: &mut Sites,
) -> Option<Briefing> {
    // Only what TOML itself calls whitespace makes a file empty; a form feed or vertical
    // tab is an invalid character the parser points at.
    if text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
        report.push(Diagnostic::new(
            path,
            Severity::Error,
            "the file is empty; a briefing needs at least a [summit] table with title, date and location",
        ));
        return None;
    }
    if let (_, Some(offset)) = items {
        report.push(
            Diagnostic::new(
                path,
                Severity::Error,
                format!(
                    "more than {} keys, tables and values, the limit for one briefing; skipped",
                    with_separators(MAX_FILE_ITEMS)
                ),
            )
            .at_offset(text, offset),
        );
        return None;
    }
    // Only the unknown keys that can be shown are kept; the rest are counted.
    let mut unknown = Vec::new();
    let mut more_unknown = 0;
    let result = DeTable::parse(text).and_then(|root| {
        *sites = Sites::in_table(text, root.get_ref());
        crate::model::unknown_keys(root.get_ref(), |key| {
            if unknown.len() < MAX_PER_FILE {
                unknown.push(key.to_string());
            } else {
                more_unknown += 1;
            }
        });
        Briefing::deserialize(toml::de::Deserializer::from(root))
    });
    // The key index and line index cost a pass over the text each: build them only for a
    // file that has something to point at, so a clean corpus loads at parsing speed.
    let mut locator = None;
    let mut lines = None;
    // Unknown keys are reported when the briefing does not deserialise too: a misspelt
    // `locaton` is why `location` is missing, and the error alone would not say so.
    if !unknown.is_empty() {
        let lines = lines.get_or_insert_with(|| LineIndex::new(text));
        let locator = locator.get_or_insert_with(|| KeyLocator::new(text));
        report_unknown_keys(path, &unknown, locator, lines, report);
        report.omit(Severity::Warning, more_unknown);
    }
    let mut briefing: Briefing = match result {
        Ok(briefing) => briefing,
        Err(err) => {
            let mut diagnostic = Diagnostic::new(path, Severity::Error, explain(err.message()));
            if let Some(span) = err.span() {
                diagnostic = diagnostic.at_offset(text, span.start);
                // An error in the very first statement means this may not be TOML at all
                // (a key file, a binary): its line is not shown, only where it is.
                if is_first_statement(text, span.start) {
                    diagnostic.snippet = None;
                }
            }
            // The error first: it is why the file is skipped.
            report.insert_first(diagnostic);
            return None;
        }
    };
    if briefing.summit.id.is_empty() {
        briefing.summit.id = slug(stem);
        if briefing.summit.id.is_empty() {
            report.push(Diagnostic::new(
                path,
                Severity::Error,
                "no summit id: the file name has no letters or digits; add `id = \"...\"` to [summit]",
            ));
            return None;
        }
    } else if !is_valid_id(&briefing.summit.id) {
        report.push(Sites::at(
            sites.id.as_ref(),
            path,
            Severity::Error,
            format!(
                "summit id \"{}\" must be lowercase letters, digits and dashes, starting with a letter or digit",
                briefing.summit.id
            ),
        ));
        return None;
    }
    let mut items = ItemSites {
        path,
        text,
        locator,
        lines,
        quoted: None,
    };
    items.check_sources(&briefing, options, report);
    Some(briefing)
}

/// Where `key` is written in `table`, when it is a table that has it.
fn key_offset(table: &Spanned<DeValue<'_>>, key: &str) -> Option<usize> {
    match table.get_ref() {
        DeValue::Table(table) => table.get_key_value(key).map(|(key, _)| key.span().start),
        _ => None,
    }
}

/// Whether a line (its indentation removed) sets `key`: `key = ...`.
fn sets_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// The offset of the line that sets `key` in `text[start..end]`, if one does.
fn key_line_in(text: &str, (start, end): (usize, usize), key: &str) -> Option<usize> {
    let mut offset = start;
    for line in text.get(start..end)?.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if sets_key(trimmed, key) {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// A warning for each key the format does not have, at its line, with the key meant.
fn report_unknown_keys(
    path: &str,
    unknown: &[String],
    locator: &mut KeyLocator<'_>,
    lines: &LineIndex<'_>,
    report: &mut FileDiagnostics,
) {
    for key in unknown {
        let suggestion = crate::model::closest_key(key)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        let mut diagnostic = Diagnostic::new(
            path,
            Severity::Warning,
            format!("unknown key `{key}` is ignored{suggestion}"),
        );
        if let Some(offset) = locator.locate(key) {
            diagnostic = diagnostic.at_offset_in(lines, offset);
        }
        report.push(diagnostic);
    }
}

/// The offset of the `id =` line in `[summit]`, else of the `[summit]` header. The summit
/// table comes first in almost every file, so this reads a few lines, not the file.
fn summit_id_offset(text: &str) -> Option<usize> {
    let mut header = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = offset + (line.len() - trimmed.len());
        offset += line.len();
        if trimmed.starts_with('[') {
            if header.is_some() {
                break;
            }
            if trimmed.starts_with("[summit]") {
                header = Some(at);
            }
        } else if header.is_some() && sets_key(trimmed, "id") {
            return Some(at);
        }
    }
    header
}

/// A place in a briefing an editor can be opened at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPlace {
    /// The `[summit]` table.
    Summit,
    /// Item `index` of a table of items (a participant, meeting, goal or disagreement).
    Item(ItemTable, usize),
    /// The `index`th `[[sources]]` entry.
    Source(usize),
}

/// The 1-based line of a briefing's text where `place` begins: its table header, or for an
/// inline array of tables (`goals = [{...}]`) the line of the key. `None` when the text
/// does not hold it (the file changed since it was loaded).
#[must_use]
pub fn item_line(text: &str, place: ItemPlace) -> Option<usize> {
    let mut locator = KeyLocator::new(text);
    let (table, header) = match place {
        ItemPlace::Summit => {
            let offset = locator
                .tables
                .get("summit")
                .copied()
                .or_else(|| summit_id_offset(text));
            return Some(text.get(..offset?)?.matches('\n').count() + 1);
        }
        ItemPlace::Item(table, index) => (table.key(), locator.header(table.key(), index)),
        ItemPlace::Source(index) => ("sources", locator.header("sources", index)),
    };
    // No header: an inline array, whose items all start on the key's line, if it has one.
    let offset = header.or_else(|| locator.locate(table))?;
    Some(text.get(..offset)?.matches('\n').count() + 1)
}

/// Whether only blank lines and comments come before the line holding `offset`.
fn is_first_statement(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or(text);
    let earlier = before.rfind('\n').map_or("", |end| &before[..end]);
    earlier.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// Rewords serde's messages in the terms of the format ("key", not "field").
fn explain(message: &str) -> String {
    let message = message.trim();
    match message.strip_prefix("missing field ") {
        Some(key) => format!("missing required key {key}"),
        None => message.to_owned(),
    }
}

/// Points at items (a table header, a citation, a link) in one file's text, building the
/// key and line indexes only when there is something to point at.
struct ItemSites<'a> {
    path: &'a str,
    text: &'a str,
    locator: Option<KeyLocator<'a>>,
    lines: Option<LineIndex<'a>>,
    /// The offset of the first occurrence of each quoted string, made when needed.
    quoted: Option<HashMap<&'a str, usize>>,
}

/// The offset of the opening quote of the first `"text"` for every text between two quotes,
/// in one pass: what `text.find("\"id\"")` gives for each id (ids containing a quote cannot
/// be written that way and are not found).
fn first_quoted(text: &str) -> HashMap<&str, usize> {
    let mut found = HashMap::new();
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    for pair in quotes.windows(2) {
        let (open, close) = (pair[0], pair[1]);
        if let Some(inner) = text.get(open + 1..close) {
            found.entry(inner).or_insert(open);
        }
    }
    found
}

impl<'a> ItemSites<'a> {
    fn indexes(&mut self) -> (&mut KeyLocator<'a>, &LineIndex<'a>) {
        let text = self.text;
        (
            self.locator.get_or_insert_with(|| KeyLocator::new(text)),
            self.lines.get_or_insert_with(|| LineIndex::new(text)),
        )
    }

    fn diagnostic_at(
        &mut self,
        offset: Option<usize>,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let path = self.path;
        let diagnostic = Diagnostic::new(path, severity, message);
        match offset {
            Some(offset) => diagnostic.at_offset_in(self.indexes().1, offset),
            None => diagnostic,
        }
    }

    /// Warns about `sources = [...]` entries that name no `[[sources]]` id in the file,
    /// each at its own occurrence; with `require_sources`, an error for each item that
    /// cites nothing, at its table header.
    fn check_sources(
        &mut self,
        briefing: &Briefing,
        options: LoadOptions,
        report: &mut FileDiagnostics,
    ) {
        // A briefing defines a handful of sources: a sorted list is searched faster than a
        // hash set is built, and stays O(log n) for a file of thousands.
        let mut known: Vec<&str> = briefing.sources.iter().map(|s| s.id.as_str()).collect();
        known.sort_unstable();
        // Items borrow their names, so the common case (every citation resolves) builds no
        // strings; a label and a position are made only for a diagnostic that is kept.
        for item in briefing.citing_items() {
            if item.sources.is_empty() {
                if options.require_sources {
                    report.push_with(Severity::Error, || {
                        let header = self.indexes().0.header(item.table.key(), item.index);
                        let message = format!("{} cites no source", item.label());
                        self.diagnostic_at(header, Severity::Error, message)
                    });
                }
                continue;
            }
            for id in item
                .sources
                .iter()
                .filter(|id| known.binary_search(&id.as_str()).is_err())
            {
                report.push_with(Severity::Warning, || {
                    let offset = self.citation(item.table.key(), item.index, id);
                    let message = format!(
                        "{} cites source \"{id}\", which no [[sources]] entry defines",
                        item.label()
                    );
                    self.diagnostic_at(offset, Severity::Warning, message)
                });
            }
        }
    }

    /// Where item `index` of `table` writes `"id"`: inside its own table (after its
    /// `sources` key), else the first occurrence in the file (an inline array of tables).
    fn citation(&mut self, table: &str, index: usize, id: &str) -> Option<usize> {
        let needle = format!("\"{id}\"");
        let text = self.text;
        let within = self.indexes().0.item_span(table, index).and_then(|span| {
            let from = key_line_in(text, span, "sources").unwrap_or(span.0);
            text.get(from..span.1)?
                .find(&needle)
                .map(|at| from + at + 1)
        });
        within.or_else(|| {
            // An inline array of tables: the first `"id"` in the file, from an index of
            // every quoted string made in one pass, so many such citations stay linear.
            let quoted = self.quoted.get_or_insert_with(|| first_quoted(text));
            quoted.get(id).map(|&open| open + 1)
        })
    }
}

/// Finds the byte offsets of dotted key paths such as `participants.2.nmae` in the text.
/// serde reports unknown keys by path only, so this finds the table header of the path (from
/// an index of every header made in one pass) and looks for the key from there. The search
/// for keys is bounded in total, so a file with many keys it cannot find (quoted keys,
/// inline tables) costs a few passes over the text, not one per key; keys past the budget
/// are reported without a position.
struct KeyLocator<'a> {
    text: &'a str,
    /// The offsets of each `[[table]]` header, in order.
    arrays: HashMap<&'a str, Vec<usize>>,
    /// The offset of the first `[table]` header.
    tables: HashMap<&'a str, usize>,
    /// The offsets of the lines that start with each key (`key = ...`), made at the first
    /// search.
    keys: Option<HashMap<&'a str, Vec<usize>>>,
    /// The offsets of every table header, in order: where one item's table ends.
    headers: Vec<usize>,
    /// Results already found, by start offset and key.
    found: HashMap<(usize, String), Option<usize>>,
    /// Bytes the key search may still read.
    budget: usize,
}

/// How many times over the text the search for keys may read in all.
const KEY_SEARCH_PASSES: usize = 4;

impl<'a> KeyLocator<'a> {
    fn new(text: &'a str) -> Self {
        let mut arrays: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut tables = HashMap::new();
        let mut headers = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                headers.push(offset);
            }
            if let Some(rest) = trimmed.strip_prefix("[[") {
                if let Some(end) = rest.find("]]") {
                    arrays.entry(&rest[..end]).or_default().push(offset);
                }
            } else if let Some(rest) = trimmed.strip_prefix('[')
                && let Some(end) = rest.find(']')
            {
                tables.entry(&rest[..end]).or_insert(offset);
            }
            offset += line.len();
        }
        Self {
            text,
            arrays,
            tables,
            keys: None,
            headers,
            found: HashMap::new(),
            budget: text.len().saturating_mul(KEY_SEARCH_PASSES).max(1 << 20),
        }
    }

    /// The offset of the `[[table]]` header of item `nth`.
    fn header(&self, table: &str, nth: usize) -> Option<usize> {
        self.arrays.get(table)?.get(nth).copied()
    }

    /// The text of item `nth` of `table`: from its `[[table]]` header to the next header.
    fn item_span(&self, table: &str, nth: usize) -> Option<(usize, usize)> {
        let start = self.header(table, nth)?;
        let next = self.headers.partition_point(|&h| h <= start);
        Some((
            start,
            self.headers.get(next).copied().unwrap_or(self.text.len()),
        ))
    }

    fn locate(&mut self, key_path: &str) -> Option<usize> {
        let segments: Vec<&str> = key_path.split('.').collect();
        let leaf = *segments.last()?;
        let mut start = 0;
        if let [table, rest @ ..] = segments.as_slice()
            && !rest.is_empty()
        {
            let nth = rest
                .first()
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0);
            // The first of: the nth `[[table]]` header, or a `[table]` header before it.
            let array = self.arrays.get(table).and_then(|a| a.get(nth)).copied();
            let plain = self.tables.get(table).copied();
            start = match (array, plain) {
                (Some(a), Some(p)) => a.min(p),
                (a, p) => a.or(p).unwrap_or(0),
            };
        }
        let cached = (start, leaf.to_owned());
        if let Some(&known) = self.found.get(&cached) {
            return known;
        }
        let result = self.search(start, leaf);
        self.found.insert(cached, result);
        result
    }

    fn search(&mut self, start: usize, leaf: &str) -> Option<usize> {
        let text = self.text;
        let keys = self.keys.get_or_insert_with(|| {
            let mut keys: HashMap<&str, Vec<usize>> = HashMap::new();
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                if let Some(eq) = trimmed.find('=') {
                    let key = trimmed[..eq].trim_end();
                    if !key.is_empty() {
                        keys.entry(key)
                            .or_default()
                            .push(offset + (line.len() - trimmed.len()));
                    }
                }
                offset += line.len();
            }
            keys
        });
        // A line starting with the key, from the index; else a scan for `key =` anywhere
        // in a line (inline tables), within the budget.
        if let Some(offsets) = keys.get(leaf) {
            let first = offsets.partition_point(|&o| o < start);
            if let Some(&offset) = offsets.get(first) {
                return Some(offset);
            }
        }
        let pattern = format!("{leaf} =");
        let mut offset = start;
        for line in self.text.get(start..)?.split_inclusive('\n') {
            if self.budget < line.len() {
                return None;
            }
            self.budget -= line.len();
            let trimmed = line.trim_start();
            if sets_key(trimmed, leaf) {
                return Some(offset + (line.len() - trimmed.len()));
            }
            if let Some(pos) = line.find(&pattern) {
                return Some(offset + pos);
            }
            offset += line.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n";

    /// `count` copies of `block`, each with `{i}` replaced by its index.
    fn numbered(count: usize, block: &str) -> String {
        (0..count).fold(String::new(), |text, i| {
            text + &block.replace("{i}", &i.to_string())
        })
    }

    #[test]
    fn id_defaults_to_the_slugged_file_stem() {
        let (briefing, diagnostics) = parse_briefing("x/Geneva 2021.toml", "Geneva 2021", MINIMAL);
        assert!(diagnostics.is_empty());
        assert_eq!(briefing.unwrap().id(), "geneva-2021");
    }

    #[test]
    fn unknown_keys_warn_with_their_line() {
        let text = format!(
            "{MINIMAL}\n[[participants]]\nname = \"A\"\n\n[[participants]]\nname = \"B\"\nnmae = \"typo\"\n"
        );
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert!(diagnostics[0].message.contains("participants.1.nmae"));
        assert_eq!(diagnostics[0].line, Some(11));
    }

    #[test]
    fn missing_title_is_an_error() {
        let (briefing, diagnostics) = parse_briefing(
            "f.toml",
            "f",
            "[summit]\ndate = 2020-01-02\nlocation = \"L\"\n",
        );
        assert!(briefing.is_none());
        assert_eq!(diagnostics[0].message, "missing required key `title`");
    }

    #[test]
    fn quoted_date_explains_the_fix() {
        let text = MINIMAL.replace("2020-01-02", "\"2020-01-02\"");
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(diagnostics[0].message.contains("without quotes"));
        assert_eq!(diagnostics[0].line, Some(3));
    }

    #[test]
    fn a_form_feed_or_vertical_tab_alone_is_an_error_with_a_position() {
        for text in ["\u{c}", "\u{b}", "\n\u{c}\n"] {
            let (briefing, diagnostics) = parse_briefing("f.toml", "f", text);
            assert!(briefing.is_none());
            assert!(
                diagnostics[0].line.is_some(),
                "{text:?}: {}",
                diagnostics[0]
            );
            assert!(
                !diagnostics[0].message.contains("empty"),
                "{}",
                diagnostics[0]
            );
        }
        let (_, diagnostics) = parse_briefing("f.toml", "f", " \n\t\r\n");
        assert!(diagnostics[0].message.contains("empty"));
    }

    /// A file listed as regular and swapped for a FIFO before it is opened (the race
    /// `discover` cannot see) is refused, not waited on for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_after_listing_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let text = open_file("x.toml", &fifo)
                .and_then(|(file, stamp)| read_opened("x.toml", file, stamp.len));
            let _ = done.send(text);
        });
        let text = finished
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        let diagnostic = text.unwrap_err();
        assert!(
            diagnostic.message.contains("not a regular file"),
            "{diagnostic}"
        );
    }

    /// Links are judged against every folder given at once, so `check a b` follows a link in
    /// `a` into `b`, and reads the file it reaches once.
    #[cfg(unix)]
    #[test]
    fn links_are_followed_into_any_folder_given_and_read_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let [a, b, outside] = ["a", "b", "outside"].map(|name| dir.path().join(name));
        for folder in [&a, &b.join("sub"), &outside] {
            std::fs::create_dir_all(folder).unwrap();
        }
        std::fs::write(b.join("one.toml"), MINIMAL).unwrap();
        std::fs::write(b.join("sub/two.toml"), MINIMAL).unwrap();
        std::fs::write(outside.join("three.toml"), MINIMAL).unwrap();
        symlink(b.join("one.toml"), a.join("one.toml")).unwrap();
        symlink(b.join("sub"), a.join("sub")).unwrap();
        symlink(outside.join("three.toml"), a.join("out.toml")).unwrap();
        // A link back from b to a: walking both must not loop.
        symlink(&a, b.join("back")).unwrap();

        let corpus = Corpus::load_paths(&[a.clone(), b.clone()]);
        let ids: Vec<&str> = corpus.briefings().iter().map(Briefing::id).collect();
        assert_eq!(ids, ["one", "two"], "{:?}", corpus.diagnostics());
        let [warning] = corpus.diagnostics() else {
            panic!("one warning expected: {:?}", corpus.diagnostics());
        };
        assert_eq!(warning.path, a.join("out.toml").display().to_string());
        assert!(
            warning.message.contains("outside the folders given"),
            "{warning}"
        );
        assert_eq!(corpus.failed_files(), 0);

        // Given alone, a's links all lead out of it.
        let corpus = Corpus::load_paths(std::slice::from_ref(&a));
        assert!(corpus.is_empty());
        assert_eq!(corpus.diagnostics().len(), 3, "{:?}", corpus.diagnostics());

        // Named directly, a link is read wherever it leads.
        let corpus = Corpus::load_paths(&[a.join("out.toml")]);
        assert_eq!(corpus.len(), 1, "{:?}", corpus.diagnostics());

        // In one folder, a link to a file beside it is the same briefing, not a duplicate.
        symlink(b.join("one.toml"), b.join("again.toml")).unwrap();
        let corpus = Corpus::load_paths(std::slice::from_ref(&b));
        assert_eq!(corpus.len(), 2, "{:?}", corpus.diagnostics());
        assert_eq!(corpus.failed_files(), 0);
        assert!(
            corpus
                .diagnostics()
                .iter()
                .all(|d| d.severity == Severity::Warning && d.path.ends_with("back")),
            "only the link back out of b is reported: {:?}",
            corpus.diagnostics()
        );
    }

    #[test]
    fn a_file_at_the_item_limit_loads_and_one_more_item_is_refused_where_it_is() {
        let keys = |n: usize| format!("{MINIMAL}{}", numbered(n, "k{i} = 1\n"));
        let room = MAX_FILE_ITEMS - count_items(MINIMAL).0;
        let (briefing, _) = parse_briefing("f.toml", "f", &keys(room));
        assert!(briefing.is_some(), "a file at the limit loads");
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &keys(room + 1));
        assert!(briefing.is_none());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        // The `=` of the last key, on the last line.
        let last = format!("k{room} ");
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].column),
            (
                Some(MINIMAL.lines().count() + room + 1),
                Some(last.len() + 1)
            ),
            "{}",
            diagnostics[0]
        );
        // Each `.` of a dotted key makes a table, so it counts; nothing in strings and
        // comments does.
        assert_eq!(count_items("a.b.c = 1.5").0, 4);
        let text = format!(
            "{MINIMAL}# {}\n[summit.extra]\nx = \"{}\"\n",
            ",.".repeat(MAX_FILE_ITEMS),
            "{[".repeat(MAX_FILE_ITEMS)
        );
        assert_eq!(count_items(&text).1, None);
    }

    #[test]
    fn a_short_file_is_bounded_by_its_length_and_a_long_one_is_counted() {
        let dense = "a=[".to_owned() + &"1,".repeat(UNCOUNTED_BYTES / 2);
        let short = &dense[..UNCOUNTED_BYTES - 1];
        assert_eq!(items_at_most(short), (short.len(), None));
        assert_eq!(items_at_most(&dense), count_items(&dense));
        assert!(items_at_most(&dense).0 < dense.len());
    }

    #[test]
    fn problems_past_the_cap_are_counted_exactly_in_one_summary_per_severity() {
        let count = MAX_PER_FILE + 50;
        let people = numbered(count, "[[participants]]\nname = \"P{i}\"\nnmae = \"x\"\n");
        let text = format!("{MINIMAL}{people}");
        let options = LoadOptions {
            require_sources: true,
            ..LoadOptions::default()
        };
        let parsed = parse_text("f.toml", "f", &text, options, None);
        assert!(parsed.briefing.is_some());
        let shown = &parsed.diagnostics;
        // The unknown keys come first and fill the cap; the errors are all left out.
        assert_eq!(shown.len(), MAX_PER_FILE + 2, "{shown:?}");
        assert!(
            shown[MAX_PER_FILE - 1]
                .message
                .contains("participants.99.nmae")
        );
        let [errors, warnings] = &shown[MAX_PER_FILE..] else {
            unreachable!()
        };
        assert_eq!(errors.severity, Severity::Error);
        assert!(
            errors
                .message
                .starts_with("… and 150 more errors in this file"),
            "{errors}"
        );
        assert_eq!(warnings.severity, Severity::Warning);
        assert!(
            warnings
                .message
                .starts_with("… and 50 more warnings in this file"),
            "{warnings}"
        );
        assert_eq!(crate::diagnostics::count(shown), (count, count));
    }

    #[test]
    fn dangling_links_past_the_cap_are_counted_in_a_summary() {
        let count = MAX_PER_FILE + 1;
        let meetings = numbered(
            count,
            "[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"gone-{i}\"\n",
        );
        let text = format!("{MINIMAL}{meetings}");
        let corpus = Corpus::from_sources([("f.toml", text.as_str())]);
        let shown = corpus.diagnostics();
        assert_eq!(shown.len(), MAX_PER_FILE + 1);
        assert!(shown[0].line.is_some(), "{}", shown[0]);
        assert_eq!(
            shown[MAX_PER_FILE].message,
            "… and 1 more warning in this file (only the first 100 problems of a file are shown)"
        );
        assert_eq!(crate::diagnostics::count(shown), (0, count));
    }

    #[test]
    fn a_files_cap_counts_its_parse_problems_and_its_links_together() {
        let unknown = numbered(MAX_PER_FILE - 10, "k{i} = 1\n");
        let meetings = numbered(
            20,
            "[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"gone-{i}\"\n",
        );
        let text = format!("{MINIMAL}{unknown}{meetings}");
        let corpus = Corpus::from_sources([("f.toml", text.as_str())]);
        let shown = corpus.diagnostics();
        assert_eq!(shown.len(), MAX_PER_FILE + 1, "100 shown, then one summary");
        assert_eq!(shown[MAX_PER_FILE].omitted, 10);
        assert_eq!(crate::diagnostics::count(shown), (0, MAX_PER_FILE + 10));
    }

    #[test]
    fn a_corpus_knows_when_its_files_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("nested");
        std::fs::create_dir(&nested).unwrap();
        let file = nested.join("a.toml");
        std::fs::write(&file, MINIMAL).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a briefing").unwrap();
        let folder = [dir.path().to_owned()];
        let named = [file.clone()];
        let edits: [(&str, &dyn Fn()); 5] = [
            ("nothing", &|| {}),
            ("edited", &|| {
                std::fs::write(&file, format!("{MINIMAL}\n")).unwrap();
            }),
            ("renamed", &|| {
                std::fs::rename(&file, nested.join("b.toml")).unwrap();
            }),
            ("added", &|| std::fs::write(&file, MINIMAL).unwrap()),
            ("removed", &|| {
                std::fs::remove_file(nested.join("b.toml")).unwrap();
            }),
        ];
        for (what, edit) in edits {
            let corpus = Corpus::load_paths(&folder);
            let by_name = Corpus::load_paths(&named);
            assert!(!corpus.changed_on_disk(&folder), "just loaded ({what})");
            edit();
            std::fs::write(dir.path().join("notes.txt"), what).unwrap();
            let changed = what != "nothing";
            assert_eq!(corpus.changed_on_disk(&folder), changed, "{what}");
            if what == "edited" {
                assert!(by_name.changed_on_disk(&named), "a file named: {what}");
            }
        }
    }

    #[test]
    fn duplicate_ids_keep_the_first_and_name_both_files() {
        let corpus = Corpus::from_sources([("a/one.toml", MINIMAL), ("b/one.toml", MINIMAL)]);
        assert_eq!(corpus.len(), 1);
        let message = &corpus.diagnostics()[0].message;
        assert!(message.contains("a/one.toml"));
        assert_eq!(corpus.diagnostics()[0].path, "b/one.toml");
    }

    #[test]
    fn sites_come_from_the_parser_in_inline_tables_and_dotted_keys_too() {
        // The id is written after the link, so the sites are not met in the text's order.
        let text = concat!(
            "prior_meetings = [\n",
            "  { date = 2019-01-01, place = \"Q\", summary = \"S\", summit = \"gone\" },\n",
            "]\n",
            "summit.title = \"T\"\nsummit.date = 2020-01-02\nsummit.location = \"L\"\n",
            "summit.id = \"one\"\n",
        );
        let corpus = Corpus::from_sources([("a.toml", text), ("b.toml", text)]);
        let at = |d: &Diagnostic| (d.path.clone(), d.line, d.column);
        let duplicate = &corpus.diagnostics()[0];
        assert_eq!(
            at(duplicate),
            ("b.toml".into(), Some(7), Some(8)),
            "{duplicate}"
        );
        assert!(
            duplicate.message.contains("already used by a.toml:7:8"),
            "{duplicate}"
        );
        let link = &corpus.diagnostics()[1];
        assert_eq!(at(link), ("a.toml".into(), Some(2), Some(52)), "{link}");
        assert_eq!(corpus.diagnostics().len(), 2, "{:?}", corpus.diagnostics());
    }

    #[test]
    fn twenty_thousand_links_on_one_line_are_pointed_at_without_copying_the_line() {
        let count = 20_000;
        let meeting = "{ date = 2019-01-01, place = \"Q\", summary = \"S\", summit = \"gone\" }";
        let line = format!("prior_meetings = [{}]", vec![meeting; count].join(", "));
        let text = format!("{line}\n{MINIMAL}");
        let corpus = Corpus::from_sources([("f.toml", text.as_str())]);
        let shown = corpus.diagnostics();
        assert_eq!(crate::diagnostics::count(shown), (0, count));
        let column = |i: usize| "prior_meetings = [".len() + i * (meeting.len() + 2) + 50;
        for (i, diagnostic) in shown.iter().take(MAX_PER_FILE).enumerate() {
            assert_eq!(
                (
                    diagnostic.line,
                    diagnostic.column,
                    diagnostic.snippet.as_deref()
                ),
                (Some(1), Some(column(i)), None),
                "{diagnostic}"
            );
        }
    }

    #[test]
    fn a_dangling_citation_in_an_inline_table_points_at_its_first_occurrence() {
        let text =
            format!("goals = [{{ party = \"P\", goal = \"G\", sources = [\"gone\"] }}]\n{MINIMAL}");
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].column),
            (Some(1), Some(49)),
            "{}",
            diagnostics[0]
        );
    }

    #[test]
    fn item_lines_are_the_table_headers_of_the_items() {
        let text = format!(
            "# comment\n{MINIMAL}\n[[participants]]\nname = \"A\"\n\n[[participants]]\nname = \"B\"\n\n\
             goals = [{{ party = \"P\", goal = \"G\" }}]\n\n[[sources]]\nid = \"s1\"\n"
        );
        assert_eq!(item_line(&text, ItemPlace::Summit), Some(2));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Participants, 1)),
            Some(10)
        );
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Goals, 0)),
            Some(13)
        );
        assert_eq!(item_line(&text, ItemPlace::Source(0)), Some(15));
        assert_eq!(
            item_line(&text, ItemPlace::Item(ItemTable::Disagreements, 0)),
            None
        );
        assert_eq!(item_line("", ItemPlace::Summit), None);
    }

    #[test]
    fn only_files_on_disk_can_be_edited() {
        let corpus = Corpus::load_bundled();
        assert!(corpus.file_of(0).is_none());
        let corpus = Corpus::from_sources([("a/one.toml", MINIMAL)]);
        assert_eq!(corpus.file_of(0), Some(Path::new("a/one.toml")));
        assert!(corpus.file_of(1).is_none());
    }

    #[test]
    fn closest_ids_suggest_near_misses() {
        let corpus = Corpus::from_sources([("helsinki-2018.toml", MINIMAL)]);
        assert_eq!(corpus.closest_ids("helsinki"), vec!["helsinki-2018"]);
        assert!(corpus.closest_ids("zzzz").is_empty());
    }

    #[test]
    fn dangling_source_refs_warn_in_every_kind_of_item() {
        let text = format!(
            "{MINIMAL}[[participants]]\nname = \"P\"\nsources = [\"x1\"]\n\
             [[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsources = [\"x2\"]\n\
             [[goals]]\nparty = \"G\"\ngoal = \"g\"\nsources = [\"x3\"]\n\
             [[disagreements]]\ntopic = \"D\"\nsources = [\"x4\"]\n"
        );
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let cited: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.message.contains("which no [[sources]] entry defines"))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            cited.len(),
            briefing.unwrap().citing_items().len(),
            "{cited:?}"
        );
        assert!(cited[0].starts_with("participants[0] (P) cites source \"x1\""));
    }
}
