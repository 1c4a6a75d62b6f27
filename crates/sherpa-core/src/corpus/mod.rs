//! Loading a set of briefings: finding files, parsing them in parallel, cross-checking them.
//!
//! The loader never stops at a bad file: each file that fails is reported as a
//! [`Diagnostic`] and skipped, and every other file still loads. It never prints and
//! never writes to a briefing file.
//!
//! One concern per file: `origin` (where the briefings come from), `discover` (finding
//! files, and which symbolic links are followed), `read` (reading with the size, item and
//! memory limits), `parse` (parsing and checking one file), `sites` (where problems are
//! written); this file assembles the corpus and checks across files.

mod cached;
mod catalog;
mod discover;
mod documents;
mod id;
mod live;
mod origin;
mod parse;
mod read;
mod row;
mod scan;
mod searched;
mod sites;
mod snapshot;

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, FileDiagnostics, Severity};
use crate::index::{DecodeSummary, Fingerprint, Index, NO_SUMMARIES, Reader};
use crate::model::{Briefing, Date, SummitStatus};

use cached::{LoadIndex, Stores};
pub use catalog::{Catalog, Listed};
use discover::find_files;
pub use documents::{Briefings, Iter as BriefingsIter, MayMatch, Unheld};
use documents::{Document, DocumentSource, ReaderSummit};
pub use id::{is_valid_id, slug};
pub use live::LiveCorpus;
pub use origin::{BRIEFINGS_ENV, Origin};
pub use parse::parse_briefing;
use parse::{Parsed, parse_file};
use read::{
    BYTES_PER_ITEM, FileStamp, FoundFile, Permit, bundled_files, decode, items_at_most, open_file,
    read_opened, read_stdin, stem_of,
};
pub use read::{MAX_BYTES_IN_FLIGHT, MAX_FILE_BYTES, MAX_FILE_ITEMS, STDIN_DISPLAY, STDIN_PATH};
pub use scan::{Headline, Offered};
pub use searched::{FoundSummit, SearchResults, chunk_sizes};
use sites::Sites;
pub use sites::{ItemPlace, inside_quotes, item_line};

/// A loaded set of briefings, ordered by date, with the problems found on the way.
///
/// A corpus loaded for reading ([`Corpus::load_paths_on_demand`]) holds only the briefings
/// its load parsed; a summit recalled from the persistent index keeps its catalog row, and
/// its document is read the first time it is asked for. Either way it answers the same.
#[derive(Debug, Default)]
pub struct Corpus {
    documents: Vec<Document>,
    /// The file each briefing came from, parallel to `documents`.
    paths: Vec<String>,
    /// Whether each briefing is a file on disk (not bundled, not standard input), parallel
    /// to `documents`: only those can be opened in an editor.
    on_disk: Vec<bool>,
    /// Each summit's position by its id.
    positions: Positions,
    diagnostics: Vec<Diagnostic>,
    /// Files that were found but could not be loaded.
    failed_files: usize,
    /// Every file read from disk, as it was when read, in the order found.
    read: Vec<(PathBuf, FileStamp)>,
    /// Where the documents not held are read from (`None`: every one is held).
    source: Option<DocumentSource>,
}

impl Corpus {
    /// Loads files and folders (folders are searched recursively for `*.toml`).
    #[must_use]
    pub fn load_paths(paths: &[PathBuf]) -> Self {
        Self::load_paths_with(paths, LoadOptions::default())
    }

    /// Like [`Corpus::load_paths`], with extra checks; with the persistent index when the
    /// program configured one ([`crate::index::configure`]).
    #[must_use]
    pub fn load_paths_with(paths: &[PathBuf], options: LoadOptions) -> Self {
        Self::load_paths_indexed(paths, options, crate::index::configured_dir())
    }

    /// Like [`Corpus::load_paths_with`], keeping the persistent index in `index_dir`
    /// (`None`: without one). The corpus is the same either way: files whose fingerprint
    /// matches their row come from the index, every other file is read and parsed (and
    /// its row written, by a thread of its own, as the loader goes).
    #[must_use]
    pub fn load_paths_indexed(
        paths: &[PathBuf],
        options: LoadOptions,
        index_dir: Option<&Path>,
    ) -> Self {
        Self::from(load_found::<ParsedSummit>(paths, options, index_dir, &()))
    }

    /// Like [`Corpus::load_paths_indexed`], reading each summit the index knows as it is
    /// from its small catalog row and its whole document only when first asked for: the
    /// reader's load, which shows one summit of what may be 100,000. Without an index (or
    /// for files parsed anew) it holds every briefing, as [`Corpus::load_paths_indexed`].
    #[must_use]
    pub fn load_paths_on_demand(
        paths: &[PathBuf],
        options: LoadOptions,
        index_dir: Option<&Path>,
    ) -> Self {
        Self::from(load_found::<ReaderSummit>(paths, options, index_dir, &()))
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
        Self::from(assemble_files::<ParsedSummit>(files, options, &()))
    }

    /// Orders parsed files by date, skipping duplicate ids, and checks the links.
    fn assemble(parsed: Vec<Parsed>) -> Self {
        Self::from(assemble(
            parsed
                .into_iter()
                .map(|parsed| ParsedSummit::found(parsed, &()))
                .collect(),
        ))
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
    pub fn briefings(&self) -> Briefings<'_> {
        Briefings::of(self)
    }

    /// The briefing at `position`, if there is one; read the first time when the corpus
    /// does not hold it.
    fn briefing_at(&self, position: usize) -> Option<&Briefing> {
        let document = self.documents.get(position)?;
        let shown = self.paths.get(position).map_or("", String::as_str);
        Some(document.briefing(shown, self.source.as_ref()))
    }

    /// The id of the summit at `position`, without reading its document.
    #[must_use]
    pub fn id_at(&self, position: usize) -> Option<&str> {
        self.documents.get(position).map(Document::id)
    }

    /// The date of the summit at `position`, without reading its document.
    #[must_use]
    pub fn date_at(&self, position: usize) -> Option<Date> {
        self.documents.get(position).map(Document::date)
    }

    /// The title of the summit at `position`, without reading its document.
    #[must_use]
    pub fn title_at(&self, position: usize) -> Option<&str> {
        self.documents.get(position).map(Document::title)
    }

    /// The location of the summit at `position`, without reading its document.
    #[must_use]
    pub fn location_at(&self, position: usize) -> Option<&str> {
        self.documents.get(position).map(Document::location)
    }

    /// The status of the summit at `position`, without reading its document.
    #[must_use]
    pub fn status_at(&self, position: usize) -> Option<SummitStatus> {
        self.documents.get(position).and_then(Document::status)
    }

    /// The tags of the summit at `position`, without reading its document.
    #[must_use]
    pub fn tags_at(&self, position: usize) -> &[String] {
        self.documents.get(position).map_or(&[], Document::tags)
    }

    /// The names of the participants of the summit at `position`, without reading its
    /// document.
    #[must_use]
    pub fn participants_at(&self, position: usize) -> Vec<&str> {
        self.documents
            .get(position)
            .map(Document::participants)
            .unwrap_or_default()
    }

    /// How many documents were read since the load (each once at most): none for a
    /// corpus that holds every briefing.
    #[must_use]
    pub fn documents_read(&self) -> usize {
        self.source
            .as_ref()
            .map_or(0, DocumentSource::documents_read)
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
        self.documents.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The position (in date order) of the briefing with this id.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.find(id, &self.documents)
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Briefing> {
        self.position(id).and_then(|i| self.briefing_at(i))
    }

    /// Up to three ids closest to a mistyped one, best first, for "did you mean" hints.
    #[must_use]
    pub fn closest_ids(&self, wanted: &str) -> Vec<&str> {
        let mut scored: Vec<(f64, &str)> = self
            .documents
            .iter()
            .map(|document| {
                let id = document.id();
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

/// What a load keeps of each summit: a whole briefing for a [`Corpus`], a catalog row's
/// fields for a [`Catalog`] (and the passages found, for a search). The order, the duplicate ids and the dangling links are found
/// by one code ([`assemble`]) over what each provides, so the two cannot disagree.
trait Summit: Sized + Send + Sync {
    /// What a load of this kind is given to make its summits with (a search's query).
    type Context: Sync;
    /// What the load takes from each row's summary as it reads the index.
    type Row: Send;
    /// How a row's summary is decoded (`None` for a summit whose recall reads the whole
    /// stored parse, through a [`Reader`], instead).
    const DECODE_ROW: Option<DecodeSummary<Self::Row>>;
    /// Whether its summits read their documents after the load (a reader of the index is
    /// then kept).
    const READS_LATER: bool = false;
    /// What its load writes for each file it parses anew.
    const STORES: Stores = Stores::RowsAndParses;

    /// What a file read and parsed anew gives.
    fn found(parsed: Parsed, context: &Self::Context) -> Found<Self>;

    /// What a file on disk at `file`, read and parsed anew, gives, with the fingerprint it
    /// had before it was read when a load through the index took one: the reader's load
    /// keeps a summary and reads the document back later (from the index once stored).
    fn found_on_disk(
        parsed: Parsed,
        _file: &Path,
        _fingerprint: Option<Fingerprint>,
        context: &Self::Context,
    ) -> Found<Self> {
        Self::found(parsed, context)
    }

    /// The file shown as `shown` at `path` as the index has it, if it knows the file as it
    /// is now (`fingerprint`) and its row reads back.
    fn recall(
        load: &LoadIndex<Self::Row>,
        reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        context: &Self::Context,
    ) -> Option<Found<Self>>;

    /// The file it was read from, as shown.
    fn path(&self) -> &str;
    fn date(&self) -> Date;
    fn id(&self) -> &str;
    /// Where the file writes its id, for the error about a duplicate.
    fn id_site(&self) -> Option<Diagnostic>;
    /// Calls `visit` with each prior meeting's `summit =` link: the meeting's index, its
    /// date and the id it links to.
    fn for_each_link(&self, visit: impl FnMut(usize, Date, &str));
    /// Where meeting `meeting`'s link is written, for the warning when it dangles.
    fn link_site(&self, meeting: usize) -> Option<Diagnostic>;
}

/// One file as a load found it: its own diagnostics, and its summit if it loaded.
struct Found<S> {
    diagnostics: Vec<Diagnostic>,
    /// From [`FoundFile::bundled`]: a bundled briefing gives way quietly to a user's.
    bundled: bool,
    summit: Option<S>,
}

impl<S> Found<S> {
    /// The same file with its summit made into another kind (a catalog's into a search's,
    /// a parse into the reader's).
    fn map<T>(self, summit: impl FnOnce(S) -> T) -> Found<T> {
        Found {
            diagnostics: self.diagnostics,
            bundled: self.bundled,
            summit: self.summit.map(summit),
        }
    }
}

/// The files of a load put together: the summits kept, ordered by date then id, every
/// problem found and how many files were not loaded.
struct Assembly<S> {
    kept: Vec<S>,
    diagnostics: Vec<Diagnostic>,
    failed_files: usize,
    /// Every file read from disk, as it was when read, in the order found.
    read: Vec<ReadFile>,
    /// Where documents are read after the load, for summits that read them then.
    source: Option<DocumentSource>,
    /// Whether every file found was recalled from the index or read whole as the walk
    /// stated it: only then does what was assembled describe the files as stated (a file
    /// that could not be read, or changed after the walk, is read again by the next load).
    as_stated: bool,
}

/// Finds, reads (or recalls from the index in `index_dir`) and assembles the files under
/// `paths`, standard input when `-` is among them, and the bundled briefings when
/// `options` ask, each summit made with `context`.
fn load_found<S: Summit>(
    paths: &[PathBuf],
    options: LoadOptions,
    index_dir: Option<&Path>,
    context: &S::Context,
) -> Assembly<S> {
    let mut diagnostics = Vec::new();
    // The index is read (and a catalog's rows decoded) while the folders are walked.
    let (found, index) = rayon::join(
        || find_files(paths, &mut diagnostics),
        || index_dir.and_then(|dir| LoadIndex::open(dir, paths, options, S::DECODE_ROW, S::STORES)),
    );
    let walked = Walked {
        found,
        fingerprints: None,
        diagnostics,
    };
    load_walked(paths, options, walked, index, context)
}

/// The files a load found under its paths, before any is read.
struct Walked {
    /// Each file as shown and its path, in the order found.
    found: Vec<(String, PathBuf)>,
    /// The fingerprint of each file, in the same order, when the walk stated them already
    /// (a search checking its snapshot); `None` in a place where `stat` failed.
    fingerprints: Option<Vec<Option<Fingerprint>>>,
    /// The paths that could not be searched.
    diagnostics: Vec<Diagnostic>,
}

/// Reads (or recalls from `index`) and assembles the files `walked` found, standard input
/// when `-` is among `paths`, and the bundled briefings when `options` ask.
fn load_walked<S: Summit>(
    paths: &[PathBuf],
    options: LoadOptions,
    walked: Walked,
    index: Option<(LoadIndex<S::Row>, Index)>,
    context: &S::Context,
) -> Assembly<S> {
    let Walked {
        found,
        fingerprints,
        mut diagnostics,
    } = walked;
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
    let mut source = S::READS_LATER.then(|| DocumentSource::new(None, options));
    let mut as_stated = false;
    let (mut files, read): (Vec<Found<S>>, Vec<ReadFile>) = match index {
        None => found
            .into_par_iter()
            .map(|(display, path)| {
                let (parsed, read, _) = read_and_parse(display, path, options);
                (S::found_on_disk(parsed, &read.0, None, context), read)
            })
            .unzip(),
        Some((load, mut index)) => {
            let (files, read, read_as_stated) =
                load_with_index(found, fingerprints, options, &load, &mut index, context);
            as_stated = read_as_stated;
            load.forget_missing(&mut index, read.iter().map(|(path, _)| path.as_path()));
            if S::READS_LATER {
                let index = (load.path().to_owned(), load.row_options());
                source = Some(DocumentSource::new(Some(index), options));
            }
            (files, read)
        }
    };
    files.extend(
        piped
            .into_iter()
            .map(|file| S::found(parse_file(file, options, None), context)),
    );
    if options.with_bundled {
        files.extend(
            bundled_files()
                .into_par_iter()
                .map(|file| S::found(parse_file(file, options, None), context))
                .collect::<Vec<_>>(),
        );
    }
    let mut assembly = assemble(files);
    assembly.read = read;
    assembly.source = source;
    assembly.as_stated = as_stated;
    assembly.failed_files += failed;
    diagnostics.append(&mut assembly.diagnostics);
    assembly.diagnostics = diagnostics;
    assembly
}

/// Parses and assembles files already read.
fn assemble_files<S: Summit>(
    files: Vec<FoundFile>,
    options: LoadOptions,
    context: &S::Context,
) -> Assembly<S> {
    assemble(
        files
            .into_par_iter()
            .map(|file| S::found(parse_file(file, options, None), context))
            .collect(),
    )
}

/// Orders the files' summits by date, skipping duplicate ids, and checks the links.
fn assemble<S: Summit>(files: Vec<Found<S>>) -> Assembly<S> {
    let mut duplicates = duplicates(&files).into_iter().peekable();
    let mut assembly = Assembly {
        kept: Vec::with_capacity(files.len()),
        diagnostics: Vec::new(),
        failed_files: 0,
        read: Vec::new(),
        source: None,
        as_stated: false,
    };
    for (at, file) in files.into_iter().enumerate() {
        let Found {
            mut diagnostics,
            summit,
            ..
        } = file;
        assembly.diagnostics.append(&mut diagnostics);
        let Some(summit) = summit else {
            assembly.failed_files += 1;
            continue;
        };
        if let Some((_, first)) = duplicates.next_if(|(duplicate, _)| *duplicate == at) {
            // A bundled briefing gives way to the user's own without a complaint.
            if let Some(first) = first {
                assembly.diagnostics.push(Sites::at(
                    summit.id_site().as_ref(),
                    summit.path(),
                    Severity::Error,
                    format!(
                        "duplicate summit id \"{}\": already used by {first}, which is kept; this file is skipped",
                        summit.id()
                    ),
                ));
                assembly.failed_files += 1;
            }
            continue;
        }
        assembly.kept.push(summit);
    }
    // The kept ids are unique, so no two keys are equal and an unstable sort (which moves
    // each summit fewer times) gives the one order; on every core, as sorting 100,000
    // summits was the longest step a warm `list` took on one thread.
    assembly
        .kept
        .par_sort_unstable_by(|a, b| (a.date(), a.id()).cmp(&(b.date(), b.id())));
    let warnings = dangling_links(&assembly);
    assembly.diagnostics.extend(warnings);
    assembly
}

/// The files whose id an earlier file already has (the first, by where its id is
/// written, is kept), in order, each with where the kept one writes it (`None` for a
/// bundled briefing, which gives way quietly). Ids are borrowed, and a kept file's
/// place is written out only when another repeats its id.
fn duplicates<S: Summit>(files: &[Found<S>]) -> Vec<(usize, Option<String>)> {
    let mut first: HashMap<&str, &S> = HashMap::with_capacity(files.len());
    let mut duplicates = Vec::new();
    for (at, file) in files.iter().enumerate() {
        let Some(summit) = &file.summit else {
            continue;
        };
        match first.entry(summit.id()) {
            Entry::Vacant(entry) => {
                entry.insert(summit);
            }
            Entry::Occupied(entry) => {
                let kept = entry.get();
                let location = (!file.bundled).then(|| {
                    Sites::at(
                        kept.id_site().as_ref(),
                        kept.path(),
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

/// Warnings about `summit =` links to briefings that are not among those kept, at the
/// link. They are found once every file is parsed, and count against the file's cap after
/// its parse problems.
fn dangling_links<S: Summit>(assembly: &Assembly<S>) -> Vec<Diagnostic> {
    // A file's cap counts the problems its parse already listed.
    let mut shown: HashMap<&str, usize> = HashMap::new();
    for diagnostic in assembly.diagnostics.iter().filter(|d| d.omitted == 0) {
        *shown.entry(diagnostic.path.as_str()).or_default() += 1;
    }
    // Borrowed: a catalog keeps no map of its ids.
    let kept: HashSet<&str> = assembly.kept.iter().map(Summit::id).collect();
    // On the loader's threads: this is on every load's path.
    let warnings: Vec<Vec<Diagnostic>> = (assembly.kept.par_iter())
        .map(|summit| {
            let path = summit.path();
            let mut report = FileDiagnostics::after(shown.get(path).copied().unwrap_or(0));
            summit.for_each_link(|meeting, date, target| {
                if !kept.contains(target) {
                    report.push_with(Severity::Warning, || {
                        Sites::at(
                            summit.link_site(meeting).as_ref(),
                            path,
                            Severity::Warning,
                            format!(
                                "prior meeting {date} links to summit \"{target}\", which is not in the corpus"
                            ),
                        )
                    });
                }
            });
            report.finish(path)
        })
        .collect();
    warnings.into_iter().flatten().collect()
}

/// A briefing as a [`Corpus`] keeps it, with where its id and links are written.
struct ParsedSummit {
    path: String,
    briefing: Briefing,
    sites: Sites,
    /// Whether it is a file on disk (not bundled, not standard input).
    on_disk: bool,
}

impl Summit for ParsedSummit {
    type Context = ();
    type Row = ();
    const DECODE_ROW: Option<DecodeSummary<()>> = NO_SUMMARIES;

    fn found(parsed: Parsed, (): &()) -> Found<Self> {
        let on_disk = !parsed.bundled && parsed.path != STDIN_DISPLAY;
        Found {
            diagnostics: parsed.diagnostics,
            bundled: parsed.bundled,
            summit: parsed.briefing.map(|briefing| Self {
                path: parsed.path,
                briefing,
                sites: parsed.sites,
                on_disk,
            }),
        }
    }

    fn recall(
        load: &LoadIndex<()>,
        reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        (): &(),
    ) -> Option<Found<Self>> {
        load.recall(reader, shown, path, fingerprint)
            .map(|parsed| Self::found(parsed, &()))
    }

    fn path(&self) -> &str {
        &self.path
    }

    fn date(&self) -> Date {
        self.briefing.summit.date
    }

    fn id(&self) -> &str {
        self.briefing.id()
    }

    fn id_site(&self) -> Option<Diagnostic> {
        self.sites.id.clone()
    }

    fn for_each_link(&self, mut visit: impl FnMut(usize, Date, &str)) {
        for (meeting, prior) in self.briefing.prior_meetings.iter().enumerate() {
            if let Some(target) = &prior.summit {
                visit(meeting, prior.date, target);
            }
        }
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        self.sites.links.get(meeting).cloned().flatten()
    }
}

impl From<Assembly<ParsedSummit>> for Corpus {
    fn from(assembly: Assembly<ParsedSummit>) -> Self {
        Self::of_documents(assembly, |summit| {
            let document = Document::Held(Box::new(summit.briefing));
            (summit.path, summit.on_disk, document)
        })
    }
}

impl From<Assembly<ReaderSummit>> for Corpus {
    fn from(assembly: Assembly<ReaderSummit>) -> Self {
        Self::of_documents(assembly, ReaderSummit::into_document)
    }
}

impl Corpus {
    /// The corpus of an assembly, with each summit kept made by `document` into its file
    /// as shown, whether that is on disk, and its document.
    fn of_documents<S>(
        assembly: Assembly<S>,
        document: impl Fn(S) -> (String, bool, Document),
    ) -> Self {
        let count = assembly.kept.len();
        let mut corpus = Self {
            documents: Vec::with_capacity(count),
            paths: Vec::with_capacity(count),
            on_disk: Vec::with_capacity(count),
            positions: Positions::default(),
            diagnostics: assembly.diagnostics,
            failed_files: assembly.failed_files,
            read: assembly.read,
            source: assembly.source,
        };
        for (path, on_disk, document) in assembly.kept.into_iter().map(document) {
            corpus.paths.push(path);
            corpus.on_disk.push(on_disk);
            corpus.documents.push(document);
        }
        corpus.positions = Positions::new(&corpus.documents);
        corpus
    }
}

/// The position of each summit by its id, holding positions only: an id is hashed from the
/// document that holds it, and compared there. A map keyed by copies of the ids made an
/// allocation per summit on the reader's way to its first frame.
#[derive(Default)]
struct Positions {
    /// Positions in the corpus's documents; the ids are unique (an assembly keeps the
    /// first of a repeated id).
    table: hashbrown::HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl Positions {
    fn new(documents: &[Document]) -> Self {
        let hasher = foldhash::fast::RandomState::default();
        let hash_at = |at: &usize| {
            documents
                .get(*at)
                .map_or(0, |document| hasher.hash_one(document.id()))
        };
        let mut table = hashbrown::HashTable::with_capacity(documents.len());
        for at in 0..documents.len() {
            table.insert_unique(hash_at(&at), at, hash_at);
        }
        Self { table, hasher }
    }

    /// The position of the summit `id` among `documents` (those it was made of).
    fn find(&self, id: &str, documents: &[Document]) -> Option<usize> {
        let is_it = |at: &usize| {
            documents
                .get(*at)
                .is_some_and(|document| document.id() == id)
        };
        self.table.find(self.hasher.hash_one(id), is_it).copied()
    }
}

impl std::fmt::Debug for Positions {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Positions")
            .field("summits", &self.table.len())
            .finish_non_exhaustive()
    }
}

/// What reading a file found: where it is and what it was when read.
type ReadFile = (PathBuf, FileStamp);

/// Reads and parses one file found on disk, with the fingerprint of what was read when it
/// could be read (a file that could not is tried again by the next load, not stored).
fn read_and_parse(
    display: String,
    path: PathBuf,
    options: LoadOptions,
) -> (Parsed, ReadFile, Option<Fingerprint>) {
    let opened = open_file(&display, &path);
    // A file that cannot be opened or read is stamped as it stands, so it does not look
    // changed to live reload.
    let (stamp, fingerprint) = opened.as_ref().map_or_else(
        |_| (FileStamp::of(&path), None),
        |(_, stamp, fingerprint)| (*stamp, Some(*fingerprint)),
    );
    let reading = Permit::acquire(stamp.len.min(MAX_FILE_BYTES));
    let file = FoundFile {
        bundled: false,
        stem: stem_of(&path),
        text: opened.and_then(|(file, stamp, _)| read_opened(&display, file, stamp.len)),
        display,
    };
    let fingerprint = fingerprint.filter(|_| file.text.is_ok());
    let items = file.text.as_deref().map(items_at_most).ok();
    let weight = match (&file.text, items) {
        (Ok(text), Some((count, _))) => text.len() as u64 + BYTES_PER_ITEM * count as u64,
        _ => 0,
    };
    // Waiting for a larger share holds none, so threads cannot wait on each other.
    let _parsing = if weight > reading.0 {
        drop(reading);
        Permit::acquire(weight)
    } else {
        reading
    };
    (parse_file(file, options, items), (path, stamp), fingerprint)
}

/// Loads the files found through the index: a file the index knows as it is comes back
/// from it; any other is read and parsed, and its row goes to a thread writing them into
/// `index` as they come, so a cold load never holds every row at once. With the files, how
/// each was when read, and whether every file was recalled or read whole with the
/// fingerprint in `fingerprints` (the walk's, when it stated them).
fn load_with_index<S: Summit>(
    found: Vec<(String, PathBuf)>,
    fingerprints: Option<Vec<Option<Fingerprint>>>,
    options: LoadOptions,
    load: &LoadIndex<S::Row>,
    index: &mut Index,
    context: &S::Context,
) -> (Vec<Found<S>>, Vec<ReadFile>, bool) {
    let (rows, written) = std::sync::mpsc::sync_channel(cached::BATCHES_IN_FLIGHT);
    let read_as_stated = std::sync::atomic::AtomicBool::new(true);
    std::thread::scope(|scope| {
        scope.spawn(move || index.store(written.into_iter().flatten()));
        // `Some(stat)` for each file the walk stated already.
        let stated: Vec<Option<Option<Fingerprint>>> = match fingerprints {
            Some(fingerprints) => fingerprints.into_iter().map(Some).collect(),
            None => vec![None; found.len()],
        };
        let loaded: (Vec<Found<S>>, Vec<ReadFile>) = (found.into_par_iter().zip(stated))
            .map_init(
                || {
                    let reader = S::DECODE_ROW.is_none().then(|| load.reader()).flatten();
                    (reader, cached::Batch::new(rows.clone()))
                },
                |(reader, rows), ((display, path), stated)| {
                    // Over an index that knows no file yet (a first load), nothing can be
                    // recalled: each file is read, and opening it stats it.
                    let fingerprint = stated.or_else(|| {
                        load.knows_any()
                            .then(|| std::fs::metadata(&path).ok().map(|m| Fingerprint::of(&m)))
                    });
                    if let Some(fingerprint) = fingerprint.flatten()
                        && let Some(found) =
                            S::recall(load, reader.as_ref(), &display, &path, fingerprint, context)
                    {
                        return (found, (path, FileStamp::from(fingerprint)));
                    }
                    let (parsed, read, fingerprint) = read_and_parse(display, path, options);
                    if fingerprint.is_none() || fingerprint != stated.flatten() {
                        read_as_stated.store(false, std::sync::atomic::Ordering::Relaxed);
                    }
                    if let Some(entry) = fingerprint
                        .and_then(|fingerprint| load.entry(&read.0, fingerprint, &parsed))
                    {
                        rows.push(entry);
                    }
                    let found = S::found_on_disk(parsed, &read.0, fingerprint, context);
                    (found, read)
                },
            )
            .unzip();
        // The last sender: the writer finishes once every thread's batch is sent and
        // dropped too.
        drop(rows);
        let (files, read) = loaded;
        (files, read, read_as_stated.into_inner())
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{MAX_PER_FILE, Span};

    pub(super) const MINIMAL: &str =
        "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n";

    /// `count` copies of `block`, each with `{i}` replaced by its index.
    pub(super) fn numbered(count: usize, block: &str) -> String {
        (0..count).fold(String::new(), |text, i| {
            text + &block.replace("{i}", &i.to_string())
        })
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
        // Without an `id` key, both places are the `[summit]` header, whole.
        assert!(message.contains("a/one.toml:1:1"), "{message}");
        let span = corpus.diagnostics()[0].span.as_deref().map(Span::range);
        assert_eq!(span.and_then(|range| MINIMAL.get(range)), Some("[summit]"));
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
}
