//! Search during the load: `sherpa search` without building a [`Corpus`](super::Corpus).
//!
//! A search over 100,000 briefings loaded every briefing whole, then folded every item
//! of all of them into one text index (2.4 GB, 25 s for a common word). Here a search
//! goes through the briefings one at a time, searching each alone with the
//! [`SearchIndex`](crate::search::SearchIndex) code and dropping it, in two passes:
//!
//! 1. The load assembles the summits as a corpus's are (order, duplicate ids, dangling
//!    links), from each file's small catalog row where the persistent index knows the
//!    file as it is, as `sherpa list` does; a file read and parsed anew is searched there
//!    and then, on its loader thread, and only its catalog fields and passages are kept.
//! 2. Once the order is known, the summits recalled from the index are searched in that
//!    order, a chunk at a time on every core, each from what an earlier search stored of
//!    it ([`crate::search::Searchable`]), else from its stored parse or its file, and each
//!    chunk's passages are handed to the caller before the next is searched: the first
//!    line is printed after a `list`'s worth of work, `| head` ends the search early, and
//!    memory holds one chunk's passages.
//!
//! The answer is the one the whole corpus's index gives: the passages of each summit are
//! found by the same code, and take their summit's position.
//!
//! As the second pass comes to each recalled summit, the index's prefilter
//! ([`crate::index::prefilter`]) says whether it can hold a match (its signature, read
//! then, lacks a trigram of the query): one that cannot is not decoded at all. The summits
//! that have no signature yet are decoded as before, and their signatures made from the
//! text searched and stored on a thread of their own, so the next search reads only the
//! summits that may match; what was read of a summit anew is stored with its signature, so
//! the next search of a common word parses nothing. The first chunk is small and its
//! signatures are the only ones read before it: the first line comes a `list`'s worth of
//! work after the start.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::cached::LoadIndex;
use super::catalog::Listed;
use super::documents::{Prefiltered, ThreadReaders, read_recalled};
use super::parse::Parsed;
use super::snapshot::{Loaded, RecordedSummits, StoreGuard};
use super::{Found, LoadOptions, Summit};
use crate::diagnostics::Diagnostic;
use crate::index::prefilter::{Signature, Signed, Verdict, Writer};
use crate::index::{Checked, DecodeSummary, Fingerprint, Known, Reader};
use crate::model::Date;
use crate::search::{
    HeaderMatcher, Passage, Query, Searchable, SummitHit, search_briefing, search_searchable,
};

/// Summits a streamed search goes through before its first report: few, so the first
/// lines come at once (a common word fills a screen from a handful of summits; over
/// 100,000 summits under load, 64 took 37 ms warm and 394 ms with the index's pages not
/// yet read, and `sherpa search`'s first chunk of 512 summits was parsed from their files
/// after a `list`).
const FIRST_CHUNK_SUMMITS: usize = 16;

/// The most summits a streamed search goes through between two reports: enough to keep
/// both cores busy, few enough that the count grows steadily, a newer keystroke stops the
/// reader's search within a few tens of milliseconds, and a chunk's passages (a few per
/// summit) stay small.
const CHUNK_SUMMITS: usize = 512;

/// How many summits a streamed search (`sherpa search`'s second pass, the reader's text
/// search over a corpus too large to index whole) goes through before each report:
/// [`FIRST_CHUNK_SUMMITS`], then twice the last up to [`CHUNK_SUMMITS`], for ever.
pub fn chunk_sizes() -> impl Iterator<Item = usize> {
    std::iter::successors(Some(FIRST_CHUNK_SUMMITS), |&last| {
        Some((last * 2).min(CHUNK_SUMMITS))
    })
}

/// What a search's load is given: the query, and where the index it recalls summits from
/// is (learnt from the load, for the second pass's readers).
pub(super) struct SearchContext {
    query: Query,
    index: OnceLock<PathBuf>,
    /// The snapshot of what the load assembled, to be stored in the index at that path
    /// ([`super::snapshot`]).
    snapshot: OnceLock<(PathBuf, Checked)>,
}

impl SearchContext {
    pub(super) fn new(query: &Query) -> Self {
        Self {
            query: query.clone(),
            index: OnceLock::new(),
            snapshot: OnceLock::new(),
        }
    }

    pub(super) fn query(&self) -> &Query {
        &self.query
    }

    /// Notes the index the load recalled summits from, for the second pass's readers.
    pub(super) fn recalls_from(&self, index: &Path) {
        self.index.get_or_init(|| index.to_owned());
    }

    /// Keeps the snapshot of what the load assembled, to be stored in the index at `index`
    /// while the passages are searched.
    pub(super) fn keep_snapshot(&self, index: PathBuf, snapshot: Checked) {
        let _ = self.snapshot.set((index, snapshot));
    }
}

/// A summit as a search's first pass keeps it: its catalog fields, and either the
/// passages already found in its briefing or the file whose stored parse is searched in
/// the second pass.
pub(super) struct Searched {
    listed: Listed,
    passages: Passages,
}

/// A summit's passages, or where the second pass finds them.
enum Passages {
    /// Found on the loader thread, at position 0 until the summits are ordered.
    Found(Vec<Passage>),
    /// Recalled from the index as the file is now (as its row said then): its parse is
    /// searched later.
    Stored(PathBuf, Known),
}

impl Summit for Searched {
    type Context = SearchContext;
    type Row = <Listed as Summit>::Row;
    const DECODE_ROW: Option<DecodeSummary<Self::Row>> = Listed::DECODE_ROW;

    fn found(parsed: Parsed, context: &SearchContext) -> Found<Self> {
        let passages = (parsed.briefing.as_ref())
            .map(|briefing| search_briefing(briefing, &context.query))
            .unwrap_or_default();
        Listed::found(parsed, &()).map(|listed| Self {
            listed,
            passages: Passages::Found(passages),
        })
    }

    fn recall(
        load: &LoadIndex<Self::Row>,
        reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        context: &SearchContext,
    ) -> Option<Found<Self>> {
        let found = Listed::recall(load, reader, shown, path, fingerprint, &())?;
        context.recalls_from(load.path());
        Some(found.map(|listed| Self {
            listed,
            passages: Passages::Stored(path.to_owned(), load.known(shown, fingerprint)),
        }))
    }

    fn path(&self) -> &str {
        Summit::path(&self.listed)
    }

    fn date(&self) -> Date {
        Summit::date(&self.listed)
    }

    fn id(&self) -> &str {
        Summit::id(&self.listed)
    }

    fn id_site(&self) -> Option<Diagnostic> {
        self.listed.id_site()
    }

    fn for_each_link(&self, visit: impl FnMut(usize, Date, &str)) {
        self.listed.for_each_link(visit);
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        self.listed.link_site(meeting)
    }
}

impl Searched {
    /// A summit of the index's snapshot: its catalog fields, and the file (as `known` says
    /// it is) whose stored parse the second pass searches.
    pub(super) fn stored(listed: Listed, file: PathBuf, known: Known) -> Self {
        Self {
            listed,
            passages: Passages::Stored(file, known),
        }
    }

    /// Its catalog fields.
    pub(super) fn listed(&self) -> &Listed {
        &self.listed
    }

    /// The summit's passages, at `position`: those found already, or those of what the
    /// index stored of its search ([`Searchable`]), else of its stored parse. A stored
    /// parse that is gone or is not this summit's any more (another `sherpa` rewrote the
    /// row for an edit since the first pass) gives way to the file as it is now, if it
    /// still holds this summit. What was read anew is handed back to be stored: what the
    /// search read of it, and its signature; with `sign`, a recalled summit's signature
    /// is made even from what was stored (the index has none for it).
    ///
    /// What is handed back is right for the file as the load knew it even when the file is
    /// read instead of its stored parse: either the file is as the load knew it (its parse
    /// was lost or damaged), or it changed since, and a changed file never has that
    /// fingerprint again (its change time moved on), so no later load uses it.
    fn passages(
        self,
        position: usize,
        reader: Option<&Reader>,
        query: &Query,
        sign: bool,
    ) -> (Vec<Passage>, Option<Signed>) {
        let (mut passages, signed) = match self.passages {
            Passages::Found(passages) => (passages, None),
            Passages::Stored(file, known) => {
                let listed = &self.listed;
                let (id, date) = (listed.id(), listed.date());
                let stored = reader
                    .and_then(|reader| reader.searchable_as(&file, &known))
                    .and_then(|bytes| Searchable::decode(&bytes));
                let read_anew = stored.is_none();
                let searchable = stored.or_else(|| {
                    let options = LoadOptions::default();
                    read_recalled((id, date), listed.path(), &file, &known, reader, options)
                        .map(|briefing| Searchable::of(&briefing))
                });
                let mut signature = None;
                let passages = (searchable.as_ref())
                    .map(|searchable| {
                        search_searchable(searchable, id, date, query, |text| {
                            if sign || read_anew {
                                signature = Some(Signature::of(text));
                            }
                        })
                    })
                    .unwrap_or_default();
                let signed = signature.map(|signature| Signed {
                    path: file,
                    known,
                    signature,
                    searchable: searchable.filter(|_| read_anew).and_then(|s| s.encode()),
                });
                (passages, signed)
            }
        };
        for passage in &mut passages {
            passage.place.position = position;
        }
        (passages, signed)
    }

    /// What the prefilter says of this summit: one searched during the load may match.
    fn verdict(&self, prefiltered: &Prefiltered<'_>) -> Verdict {
        prefiltered.verdict(match &self.passages {
            Passages::Stored(file, known) => Some((file, known)),
            Passages::Found(_) => None,
        })
    }
}

/// Every summit a search goes through, in order: made by the load, or made from a
/// snapshot's record as the second pass reaches them.
pub(super) enum Lineup {
    Made(std::vec::IntoIter<Searched>),
    Recorded(RecordedSummits),
}

impl Default for Lineup {
    fn default() -> Self {
        Self::Made(Vec::new().into_iter())
    }
}

impl Iterator for Lineup {
    type Item = Searched;

    fn next(&mut self) -> Option<Searched> {
        match self {
            Self::Made(made) => made.next(),
            Self::Recorded(recorded) => recorded.next(),
        }
    }
}

/// A summit found by its title, place or tags.
#[derive(Debug)]
pub struct FoundSummit {
    id: String,
    date: Date,
    title: String,
    hit: SummitHit,
}

impl FoundSummit {
    /// The summit at `position` if `headers` find it by its title, place or tags.
    pub(super) fn of(
        headers: &HeaderMatcher<'_>,
        position: usize,
        [id, title, place]: [&str; 3],
        date: Date,
        tags: &[impl AsRef<str>],
    ) -> Option<Self> {
        let hit = headers.hit(position, title, place, tags)?;
        Some(Self {
            id: id.to_owned(),
            date,
            title: title.to_owned(),
            hit,
        })
    }

    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    #[must_use]
    pub fn date(&self) -> Date {
        self.date
    }

    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where in its header the summit was found; its position is the summit's in the
    /// corpus (date order).
    #[must_use]
    pub fn hit(&self) -> &SummitHit {
        &self.hit
    }
}

/// A search of a set of briefings once they are loaded and ordered: the summits found by
/// their header and the problems the load found (those a [`Corpus`](super::Corpus) of
/// the same files has), with the passages still to be gone through
/// ([`SearchResults::passages`]).
pub struct SearchResults {
    query: Query,
    summits: Vec<FoundSummit>,
    /// Every summit, in order, with its passages or where to find them.
    searched: Lineup,
    /// The index the recalled summits' parses are read from.
    index: Option<PathBuf>,
    /// The snapshot of what the load assembled and the index to store it in, stored while
    /// the passages are searched.
    snapshot: Option<(PathBuf, Checked)>,
    /// That snapshot being stored: dropping it waits for the write.
    storing: Option<StoreGuard>,
    diagnostics: Vec<Diagnostic>,
    failed_files: usize,
    loaded: usize,
}

impl SearchResults {
    /// Searches files and folders (folders are searched recursively for `*.toml`) for
    /// `query` as [`super::Corpus::load_paths_indexed`] loads them, keeping the persistent
    /// index in `index_dir` (`None`: without one).
    #[must_use]
    pub fn load_paths_indexed(
        paths: &[PathBuf],
        options: LoadOptions,
        index_dir: Option<&Path>,
        query: &Query,
    ) -> Self {
        Self::load(query, |context| {
            super::snapshot::load_search(paths, options, index_dir, context)
        })
    }

    /// The search for `query` over what `load` loads with its context.
    pub(super) fn load(query: &Query, load: impl FnOnce(&SearchContext) -> Loaded) -> Self {
        let context = SearchContext::new(query);
        let loaded = load(&context);
        let (summits, searched, loaded, diagnostics, failed_files) = match loaded {
            Loaded::Assembled(assembly) => {
                // On every core: a summit's title, place and tags are folded to be matched,
                // and over 100,000 summits on one thread that came between the load and the
                // first line.
                let headers = HeaderMatcher::new(query);
                let summits = (assembly.kept.par_iter().enumerate())
                    .filter_map(|(position, searched)| {
                        let listed = &searched.listed;
                        let texts = [listed.id(), listed.title(), listed.location()];
                        FoundSummit::of(&headers, position, texts, listed.date(), listed.tags())
                    })
                    .collect();
                let loaded = assembly.kept.len();
                let searched = Lineup::Made(assembly.kept.into_iter());
                (
                    summits,
                    searched,
                    loaded,
                    assembly.diagnostics,
                    assembly.failed_files,
                )
            }
            Loaded::Recorded(recorded) => (
                recorded.summits,
                Lineup::Recorded(recorded.searched),
                recorded.loaded,
                recorded.diagnostics,
                recorded.failed_files,
            ),
        };
        Self {
            query: context.query,
            summits,
            loaded,
            searched,
            index: context.index.into_inner(),
            snapshot: context.snapshot.into_inner(),
            storing: None,
            diagnostics,
            failed_files,
        }
    }

    /// The summits whose title, place and tags together hold every word, in date order
    /// (as [`crate::search::find_summits`] finds them).
    #[must_use]
    pub fn summits(&self) -> &[FoundSummit] {
        &self.summits
    }

    /// Hands `each` the items that hold every word, in corpus order (as
    /// [`crate::search::SearchIndex::search`] finds them), a chunk of summits' at a time
    /// ([`chunk_sizes`]), searching each chunk on every core; stops at the first error
    /// `each` returns. The passages are gone through once: a second call hands nothing.
    ///
    /// # Errors
    ///
    /// The first error `each` returns.
    pub fn passages<E>(
        &mut self,
        each: impl FnMut(Vec<Passage>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.passages_by(chunk_sizes(), each)
    }

    /// [`SearchResults::passages`], in chunks of `chunk_sizes` summits. Each summit's
    /// signature is read when its chunk is searched, on the thread searching it: those the
    /// prefilter rules out are skipped, those it has no signature for are signed as they
    /// are searched, and their signatures stored a chunk at a time by a [`Writer`].
    fn passages_by<E>(
        &mut self,
        chunk_sizes: impl IntoIterator<Item = usize>,
        mut each: impl FnMut(Vec<Passage>) -> Result<(), E>,
    ) -> Result<(), E> {
        let searched = std::mem::take(&mut self.searched);
        self.start_storing();
        let query = &self.query;
        let index = self.index.as_deref();
        let readers = ThreadReaders::readers(index);
        let prefiltered = Prefiltered::new(index, query, None);
        let mut writer = None;
        let mut summits = searched.into_iter().enumerate().peekable();
        for size in chunk_sizes {
            if summits.peek().is_none() {
                break;
            }
            let Some((_, may_hold)) =
                prefiltered.next_chunk(&mut summits, size, |(_, searched)| {
                    Some(searched.verdict(&prefiltered))
                })
            else {
                break;
            };
            let found: Vec<(Vec<Passage>, Option<Signed>)> = (may_hold.into_par_iter())
                .map(|((position, searched), verdict)| {
                    let sign = verdict == Verdict::Unsigned;
                    readers.with(|reader| searched.passages(position, reader, query, sign))
                })
                .collect();
            let (passages, signed): (Vec<Vec<Passage>>, Vec<Option<Signed>>) =
                found.into_iter().unzip();
            let signed: Vec<Signed> = signed.into_iter().flatten().collect();
            if let (false, Some(index)) = (signed.is_empty(), index) {
                writer
                    .get_or_insert_with(|| Writer::start(index))
                    .store(signed);
            }
            each(passages.into_iter().flatten().collect())?;
        }
        Ok(())
    }

    /// Ends the search: waits for what it stores (the snapshot of its load, started now if
    /// no passage was asked for), and leaves the rest unfreed, as a program about to exit
    /// has no use for freeing every summit.
    pub fn finish(mut self) {
        self.start_storing();
        drop(self.storing.take());
        std::mem::forget(self);
    }

    /// Starts storing the snapshot of the load, if it made one.
    fn start_storing(&mut self) {
        if let Some((index, snapshot)) = self.snapshot.take() {
            self.storing = Some(super::snapshot::store(index, snapshot));
        }
    }

    /// How many summits were searched.
    #[must_use]
    pub fn loaded(&self) -> usize {
        self.loaded
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
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Corpus;
    use super::*;
    use crate::search::{SearchIndex, find_summits};

    /// Words the generated briefings are written from: cases, accents, a word inside
    /// another (`fire` in `ceasefire`), and two that only queries use.
    const WORDS: [&str; 12] = [
        "ceasefire",
        "Ceasefire",
        "CEASEFIRE",
        "talks",
        "Höfði",
        "hofdi",
        "grain",
        "border",
        "fire",
        "Straße",
        "NATO",
        "trade",
    ];

    /// Queries tried on each generated corpus: one word, case, accents, several words,
    /// words nothing holds, and words too short for the prefilter (alone and beside a
    /// longer one). The first writes the index, the second signs its summits, the others
    /// are narrowed by the prefilter.
    const QUERIES: [&str; 15] = [
        "ceasefire",
        "talks",
        "fi",
        "fi grain",
        "Höfði border",
        "Ceasefire",
        "CEASEFIRE",
        "ceasefire talks",
        "hofdi",
        "Höfði",
        "strasse",
        "fire grain",
        "nato",
        "summit",
        "nothing-holds-this",
    ];

    fn phrase(words: &[usize]) -> String {
        (words.iter())
            .map(|&at| WORDS[at % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One generated file: its words, year, an id another may repeat, a link that may
    /// dangle, or a file that does not parse.
    #[derive(Debug, Clone)]
    struct Made {
        words: Vec<usize>,
        year: u16,
        id: Option<usize>,
        link: Option<usize>,
        broken: bool,
    }

    fn made() -> impl Strategy<Value = Made> {
        (
            proptest::collection::vec(0..WORDS.len(), 8..16),
            2000..2004u16,
            proptest::option::weighted(0.3, 0..3usize),
            proptest::option::of(0..6usize),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(words, year, id, link, broken)| Made {
                words,
                year,
                id,
                link,
                broken,
            })
    }

    fn text(at: usize, made: &Made) -> String {
        if made.broken {
            return format!("[summit\ntitle = \"s{at}\"\n");
        }
        let w = &made.words;
        let id = made
            .id
            .map(|id| format!("id = \"s{id}\"\n"))
            .unwrap_or_default();
        let link = made
            .link
            .map(|to| format!("\n[[prior_meetings]]\ndate = 1999-01-01\nplace = \"P\"\nsummary = \"{}\"\nsummit = \"s{to}\"\n", phrase(&w[5..7])))
            .unwrap_or_default();
        format!(
            "[summit]\n{id}title = \"Summit {at} {}\"\ndate = {}-01-0{}\nlocation = \"{}\"\ntags = [\"{}\"]\nsummary = \"{}.\\n\\n{}.\"\n{link}\n[[participants]]\nname = \"{}\"\n\n[[goals]]\nparty = \"{}\"\ngoal = \"{}\"\n\n[[disagreements]]\ntopic = \"{}\"\nstatus = \"open\"\npositions = [{{ party = \"A\", position = \"{}\" }}]\n",
            phrase(&w[0..1]),
            made.year,
            1 + at % 9,
            phrase(&w[1..3]),
            phrase(&w[3..4]),
            phrase(&w[0..5]),
            phrase(&w[4..8]),
            phrase(&w[6..8]),
            phrase(&w[2..3]),
            phrase(&w[1..6]),
            phrase(&w[7..8]),
            phrase(&w[3..8]),
        )
    }

    /// What a search found, to compare: each summit hit with its summit's header, each
    /// passage, and the load's problems.
    fn seen(
        summits: &[(String, Date, String, SummitHit)],
        passages: &[Passage],
        (loaded, diagnostics, failed): (usize, &[Diagnostic], usize),
    ) -> String {
        format!("{summits:#?}\n{passages:#?}\n{loaded}\n{diagnostics:#?}\n{failed}")
    }

    /// The search as it was: the whole corpus loaded, one text index over all of it.
    fn searched_whole(paths: &[PathBuf], query: &Query) -> String {
        let corpus = Corpus::load_paths_indexed(paths, LoadOptions::default(), None);
        let summits: Vec<_> = (find_summits(&corpus, query).into_iter())
            .map(|hit| {
                let briefing = &corpus.briefings()[hit.position];
                let summit = &briefing.summit;
                (summit.id.clone(), summit.date, summit.title.clone(), hit)
            })
            .collect();
        let passages = SearchIndex::build(&corpus).search(&corpus, query);
        let load = (corpus.len(), corpus.diagnostics(), corpus.failed_files());
        seen(&summits, &passages, load)
    }

    /// The search during the load; with `parses_lost`, the index's stored parses cannot be
    /// read after its rows were (each recalled file is then read again).
    fn searched_while_loading(
        paths: &[PathBuf],
        query: &Query,
        index: Option<&Path>,
        parses_lost: bool,
    ) -> String {
        let mut results =
            SearchResults::load_paths_indexed(paths, LoadOptions::default(), index, query);
        if parses_lost {
            results.index = None;
        }
        seen_by(results)
    }

    /// What `results` find, gone through a few summits a chunk.
    fn seen_by(mut results: SearchResults) -> String {
        // A few summits a chunk, so that the corpora here make several.
        let mut passages = Vec::new();
        results
            .passages_by(std::iter::repeat(3), |chunk| {
                passages.extend(chunk);
                Ok::<(), ()>(())
            })
            .unwrap();
        let summits: Vec<_> = (results.summits().iter())
            .map(|found| {
                let id = found.id().to_owned();
                (
                    id,
                    found.date(),
                    found.title().to_owned(),
                    found.hit().clone(),
                )
            })
            .collect();
        let load = (
            results.loaded(),
            results.diagnostics(),
            results.failed_files(),
        );
        seen(&summits, &passages, load)
    }

    /// A folder with what `write` puts in it, once its files are old enough for the index
    /// to keep them, an empty cache folder, and the paths naming the folder.
    fn settled(write: impl FnOnce(&Path)) -> (tempfile::TempDir, tempfile::TempDir, [PathBuf; 1]) {
        let corpus = tempfile::tempdir().unwrap();
        write(corpus.path());
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        let paths = [corpus.path().to_owned()];
        (corpus, tempfile::tempdir().unwrap(), paths)
    }

    /// Whether a search over `paths` through the index in `cache` started from the index's
    /// snapshot, and what it found (storing the snapshot it made, if any).
    fn searched_through(paths: &[PathBuf], query: &Query, cache: &Path) -> (bool, String) {
        let results =
            SearchResults::load_paths_indexed(paths, LoadOptions::default(), Some(cache), query);
        let recorded = matches!(results.searched, Lineup::Recorded(_));
        (recorded, seen_by(results))
    }

    /// A corpus with a duplicate id, a broken file and a link to no summit, so that the
    /// load's problems are part of what a snapshot holds.
    fn troubled_files(folder: &Path) {
        let made = |id, link, broken| Made {
            words: (0..8).collect(),
            year: 2001,
            id,
            link,
            broken,
        };
        for (at, made) in [
            made(Some(1), None, false),
            made(Some(1), Some(0), false),
            made(None, Some(5), false),
            made(None, None, true),
        ]
        .iter()
        .enumerate()
        {
            std::fs::write(folder.join(format!("f{at}.toml")), text(at, made)).unwrap();
        }
    }

    #[test]
    fn a_search_starts_from_the_snapshot_only_while_every_file_is_as_it_was() {
        let (corpus, cache, paths) = settled(troubled_files);
        let query = Query::new(WORDS[0]).unwrap();
        let whole = searched_whole(&paths, &query);
        assert!(whole.contains("duplicate summit id"), "{whole}");
        let searched = || searched_through(&paths, &query, cache.path());
        assert_eq!(searched(), (false, whole.clone()), "no snapshot yet");
        assert_eq!(searched(), (true, whole.clone()), "the snapshot");
        let other = Query::new(WORDS[3]).unwrap();
        assert_eq!(
            searched_through(&paths, &other, cache.path()),
            (true, searched_whole(&paths, &other)),
            "another query, the same snapshot"
        );
        // Rewritten as it was: its change time moved, so the snapshot is not the catalog.
        let first = corpus.path().join("f0.toml");
        std::fs::write(&first, std::fs::read(&first).unwrap()).unwrap();
        assert_eq!(searched(), (false, whole.clone()), "a file rewritten");
        // Too new to be stored: the next load is made anew too.
        assert_eq!(searched(), (false, whole.clone()), "a file too new");
        std::fs::remove_file(corpus.path().join("f3.toml")).unwrap();
        let without_broken = searched_whole(&paths, &query);
        assert_ne!(without_broken, whole);
        assert_eq!(searched(), (false, without_broken.clone()), "a file gone");
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        assert_eq!(searched(), (false, without_broken.clone()), "settled");
        assert_eq!(searched(), (true, without_broken.clone()), "a new snapshot");
        // A damaged snapshot (its checksum fails) is loaded past, and made again.
        let index = crate::index::index_path(cache.path(), &paths);
        rusqlite::Connection::open(&index)
            .unwrap()
            .execute_batch("UPDATE snapshot SET record = zeroblob(40)")
            .unwrap();
        assert_eq!(searched(), (false, without_broken.clone()), "damaged");
        assert_eq!(searched(), (true, without_broken), "made again");
    }

    /// A file the load could not read is read again by the next, which then reports it
    /// as it is then: no snapshot is stored while one is found (its error could pass with
    /// no change to its fingerprint).
    #[test]
    fn no_snapshot_is_stored_while_a_file_cannot_be_read() {
        let (corpus, cache, paths) = settled(|folder| {
            troubled_files(folder);
            // Larger than a briefing may be: refused unread (a sparse file, so nothing is
            // written).
            std::fs::File::create(folder.join("huge.toml"))
                .unwrap()
                .set_len(crate::corpus::MAX_FILE_BYTES + 1)
                .unwrap();
        });
        let query = Query::new(WORDS[0]).unwrap();
        let whole = searched_whole(&paths, &query);
        assert!(whole.contains("huge.toml"), "{whole}");
        for search in ["first", "second"] {
            assert_eq!(
                searched_through(&paths, &query, cache.path()),
                (false, whole.clone()),
                "{search}"
            );
        }
        std::fs::remove_file(corpus.path().join("huge.toml")).unwrap();
        let readable = searched_whole(&paths, &query);
        assert_eq!(
            searched_through(&paths, &query, cache.path()),
            (false, readable.clone())
        );
        assert_eq!(
            searched_through(&paths, &query, cache.path()),
            (true, readable)
        );
    }

    /// Files each of one word, so that a query for it matches one file of three.
    fn one_word_files(folder: &Path) {
        for (at, word) in [6, 7, 11].into_iter().enumerate() {
            let made = Made {
                words: vec![word; 8],
                year: 2000,
                id: None,
                link: None,
                broken: false,
            };
            std::fs::write(folder.join(format!("f{at}.toml")), text(at, &made)).unwrap();
        }
    }

    /// What the prefilter says of each summit for `query`, after a load.
    fn verdicts(paths: &[PathBuf], cache: &Path, query: &Query) -> Vec<Verdict> {
        let mut results =
            SearchResults::load_paths_indexed(paths, LoadOptions::default(), Some(cache), query);
        let prefiltered = Prefiltered::new(results.index.as_deref(), query, None);
        std::mem::take(&mut results.searched)
            .map(|searched| searched.verdict(&prefiltered))
            .collect()
    }

    #[test]
    fn a_search_decodes_only_what_the_prefilter_lets_through_and_a_damaged_one_changes_nothing() {
        let (corpus, cache, paths) = settled(one_word_files);
        let query = Query::new("grain").unwrap();
        let whole = searched_whole(&paths, &query);
        assert!(whole.contains("grain"), "{whole}");
        let searched = || searched_while_loading(&paths, &query, Some(cache.path()), false);
        assert_eq!(searched(), whole, "the index written");
        assert_eq!(
            verdicts(&paths, cache.path(), &query),
            [Verdict::Unsigned; 3],
            "nothing signed yet"
        );
        assert_eq!(searched(), whole, "signing");
        let narrowed = verdicts(&paths, cache.path(), &query);
        assert_eq!(
            (narrowed.iter().filter(|verdict| verdict.may_match())).count(),
            1,
            "{narrowed:?}"
        );
        assert_eq!(searched(), whole, "narrowed");
        let index = crate::index::index_path(cache.path(), &paths);
        let stored = || crate::index::prefilter::searchable_status(&index).map(|(rows, _)| rows);
        assert_eq!(stored(), Some(3), "what the signing search read is stored");
        // Damaged stored searchables (their checksums fail) are read from the files again.
        rusqlite::Connection::open(&index)
            .unwrap()
            .execute_batch("UPDATE searchable SET record = zeroblob(40)")
            .unwrap();
        assert_eq!(searched(), whole, "stored searchables damaged");
        // Damaged signatures (their checksums fail) let every summit through again.
        rusqlite::Connection::open(&index)
            .unwrap()
            .execute_batch("UPDATE prefilter SET signature = zeroblob(258)")
            .unwrap();
        assert_eq!(
            verdicts(&paths, cache.path(), &query),
            [Verdict::Unsigned; 3]
        );
        assert_eq!(searched(), whole, "damaged");
        // An edited file's signature is not used: it is searched, and signed anew.
        std::fs::write(
            corpus.path().join("f1.toml"),
            std::fs::read_to_string(corpus.path().join("f1.toml"))
                .unwrap()
                .replace("Summit 1", "Summit 1 grain"),
        )
        .unwrap();
        let edited = searched_whole(&paths, &query);
        assert_ne!(edited, whole);
        assert_eq!(searched(), edited, "after an edit");
        // A file gone takes its signature with it: one row per file, whatever came before.
        let signed = || crate::index::prefilter::status(&index).map(|(rows, _)| rows);
        assert_eq!(signed(), Some(3));
        std::fs::remove_file(corpus.path().join("f2.toml")).unwrap();
        assert_eq!(
            searched(),
            searched_whole(&paths, &query),
            "after a removal"
        );
        assert_eq!(signed(), Some(2));
    }

    /// The first chunk is handed over before the rest's signatures are read: removed
    /// then, they are missed, and the summits after it are signed again as they are
    /// searched. Read all at once before the first chunk (as they were), the removal
    /// came too late to change anything, and the index was left with none.
    #[test]
    fn a_search_reads_the_signatures_of_each_chunk_as_it_comes_to_it() {
        let (_corpus, cache, paths) = settled(one_word_files);
        let query = Query::new("grain").unwrap();
        let whole = searched_whole(&paths, &query);
        for _writes_then_signs in 0..2 {
            assert_eq!(
                searched_while_loading(&paths, &query, Some(cache.path()), false),
                whole
            );
        }
        let index = crate::index::index_path(cache.path(), &paths);
        let signed = || crate::index::prefilter::status(&index).map(|(rows, _)| rows);
        assert_eq!(signed(), Some(3));
        let mut results = SearchResults::load_paths_indexed(
            &paths,
            LoadOptions::default(),
            Some(cache.path()),
            &query,
        );
        let mut chunks = 0;
        results
            .passages_by(std::iter::repeat(1), |_| {
                if chunks == 0 {
                    rusqlite::Connection::open(&index)
                        .unwrap()
                        .execute_batch("DELETE FROM prefilter")
                        .unwrap();
                }
                chunks += 1;
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(chunks, 3);
        assert_eq!(
            signed(),
            Some(2),
            "the two summits after the first signed again"
        );
    }

    #[test]
    fn a_streamed_search_starts_small_and_doubles_its_chunks() {
        let sizes: Vec<usize> = chunk_sizes().take(8).collect();
        assert_eq!(sizes, [16, 32, 64, 128, 256, 512, 512, 512]);
    }

    proptest! {
        // Each case waits for its files to settle, so that the index stores them.
        #![proptest_config(ProptestConfig::with_cases(6))]

        /// Searching each briefing as it loads finds what one index over the whole corpus
        /// finds, in the same order: without the index, while it is written, from it, and
        /// from its rows when its stored parses cannot be read.
        #[test]
        fn a_search_while_loading_finds_what_the_whole_corpus_index_finds(
            files in proptest::collection::vec(made(), 1..12)
        ) {
            let corpus = tempfile::tempdir().unwrap();
            for (at, made) in files.iter().enumerate() {
                std::fs::write(corpus.path().join(format!("f{at}.toml")), text(at, made)).unwrap();
            }
            std::thread::sleep(std::time::Duration::from_millis(2_100));
            let cache = tempfile::tempdir().unwrap();
            let paths = [corpus.path().to_owned()];
            for (at, query) in QUERIES.iter().enumerate() {
                let query = Query::new(query).unwrap();
                let whole = searched_whole(&paths, &query);
                prop_assert_eq!(&searched_while_loading(&paths, &query, None, false), &whole);
                // The first query writes the index; the others read it.
                let indexed = searched_while_loading(&paths, &query, Some(cache.path()), false);
                prop_assert_eq!(&indexed, &whole, "{} (index {})", query.text(), if at == 0 { "written" } else { "read" });
                let lost = searched_while_loading(&paths, &query, Some(cache.path()), true);
                prop_assert_eq!(&lost, &whole, "{} (stored parses lost)", query.text());
            }
            // The queries above were narrowed: every summit has its signature.
            let query = Query::new("talks").unwrap();
            let summits = SearchResults::load_paths_indexed(&paths, LoadOptions::default(), None, &query).loaded();
            let index = crate::index::index_path(cache.path(), &paths);
            let signed = crate::index::prefilter::status(&index).map(|(rows, _)| rows);
            prop_assert_eq!(signed, Some(summits as u64));
        }
    }
}
