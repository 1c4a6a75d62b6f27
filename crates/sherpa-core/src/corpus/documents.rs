//! The documents of a [`Corpus`], read when first asked for, and the briefings as callers
//! see them: a view by position rather than a slice, so a corpus need not hold every
//! briefing it lists.
//!
//! The reader's load over 100,000 briefings decoded every stored parse (8 KB of CBOR a
//! file) to show one summit. Its corpus is assembled the catalog's way instead: a file
//! whose row is warm keeps its catalog row and where its document is, and the document is
//! read from the index the first time it is asked for, checked against what the load saw.

use std::borrow::Cow;
use std::ops::{Index, Range};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use super::cached::{LoadIndex, stored_parse};
use super::catalog::ListedSummit;
use super::parse::Parsed;
use super::{Corpus, Found, Listed, LoadOptions, ParsedSummit, Summit, read_and_parse};
use crate::diagnostics::Diagnostic;
use crate::index::prefilter::{Grams, Prefilter, Signature, Signed, Verdict, Writer};
use crate::index::{DecodeSummary, Fingerprint, Known, Reader};
use crate::model::{Briefing, Date, SummitStatus};
use crate::search::{Query, Searchable};

/// One summit of a corpus: its briefing, or, for a summit recalled from its catalog row,
/// that row, where its document is, and the briefing once read.
#[derive(Debug)]
pub(super) enum Document {
    /// A summit its load parsed.
    Held(Box<Briefing>),
    /// Kept inline, not boxed: a warm start over 100,000 summits made an allocation each.
    Later(Later),
}

/// What a corpus keeps of a summit whose document it reads when first asked for: its
/// catalog row and the fingerprint its file had. Its file as shown is the corpus's path
/// for it, and what its row said ([`Known`]) is made from that path, the fingerprint and
/// the load's options when the document is read, so the path is held once, not three
/// times (as shown, as found, and in the `Known`).
#[derive(Debug)]
pub(super) struct Later {
    summit: ListedSummit,
    /// The file on disk, when it is not the path as shown (a name that is not UTF-8).
    file: Option<Box<Path>>,
    /// The file's fingerprint when the load recalled it: the stored parse is used only
    /// while its row still has it.
    fingerprint: Fingerprint,
    /// The participants' names as the row holds them (each checked when read): the finder
    /// matches a summit on them.
    participants: Box<[u8]>,
    /// Boxed: most summits are never read, and a briefing inline made each entry three
    /// times larger.
    briefing: OnceLock<Box<Briefing>>,
}

impl Document {
    /// The briefing, read (through `source`) the first time it is asked for.
    pub(super) fn briefing(&self, shown: &str, source: Option<&DocumentSource>) -> &Briefing {
        match self {
            Self::Held(briefing) => briefing,
            Self::Later(later) => later.briefing.get_or_init(|| {
                Box::new(match source {
                    Some(source) => source.with_reader(|reader| later.read(shown, source, reader)),
                    None => later.as_row_has_it(),
                })
            }),
        }
    }

    pub(super) fn id(&self) -> &str {
        match self {
            Self::Held(briefing) => briefing.id(),
            Self::Later(later) => later.summit.id(),
        }
    }

    pub(super) fn date(&self) -> Date {
        match self {
            Self::Held(briefing) => briefing.summit.date,
            Self::Later(later) => later.summit.date,
        }
    }

    pub(super) fn title(&self) -> &str {
        match self {
            Self::Held(briefing) => &briefing.summit.title,
            Self::Later(later) => later.summit.title(),
        }
    }

    pub(super) fn location(&self) -> &str {
        match self {
            Self::Held(briefing) => &briefing.summit.location,
            Self::Later(later) => later.summit.location(),
        }
    }

    pub(super) fn status(&self) -> Option<SummitStatus> {
        match self {
            Self::Held(briefing) => briefing.summit.status,
            Self::Later(later) => later.summit.status,
        }
    }

    pub(super) fn tags(&self) -> &[String] {
        match self {
            Self::Held(briefing) => &briefing.summit.tags,
            Self::Later(later) => later.summit.tags.all(),
        }
    }

    pub(super) fn participants(&self) -> Vec<&str> {
        match self {
            Self::Held(briefing) => (briefing.participants.iter())
                .map(|p| p.name.as_str())
                .collect(),
            Self::Later(later) => super::row::list_texts(&later.participants).collect(),
        }
    }
}

impl Later {
    /// The document as the load saw it ([`read_recalled`]); otherwise (the file gone,
    /// broken, or another summit now) the summit as its row had it, with no more: never a
    /// panic, never another summit at this position. Live reload reloads after such an edit.
    fn read(&self, shown: &str, source: &DocumentSource, reader: Option<&Reader>) -> Briefing {
        source.read.fetch_add(1, Ordering::Relaxed);
        self.read_unheld(shown, source, reader)
    }

    /// [`Later::read`] without counting the read: the document is not kept ([`Unheld`]).
    fn read_unheld(
        &self,
        shown: &str,
        source: &DocumentSource,
        reader: Option<&Reader>,
    ) -> Briefing {
        let summit = &self.summit;
        let wanted = (summit.id(), summit.date);
        let (file, known) = self.file_known(shown, source);
        read_recalled(wanted, shown, file, &known, reader, source.options)
            .unwrap_or_else(|| self.as_row_has_it())
    }

    /// The file its document is read from, and the file as the load knew it: what its
    /// stored parse and its search signature were made for.
    fn file_known<'a>(&'a self, shown: &'a str, source: &DocumentSource) -> (&'a Path, Known) {
        let file = self.file.as_deref().unwrap_or(Path::new(shown));
        let known = Known {
            display: shown.to_owned(),
            options: source.index.as_ref().map_or(0, |(_, options)| *options),
            fingerprint: self.fingerprint,
        };
        (file, known)
    }

    /// The summit as its catalog row had it, without the rest of the document.
    fn as_row_has_it(&self) -> Briefing {
        let summit = &self.summit;
        Briefing {
            summit: crate::model::Summit {
                id: summit.id().to_owned(),
                title: summit.title().to_owned(),
                date: summit.date,
                location: summit.location().to_owned(),
                status: summit.status,
                summary: None,
                tags: summit.tags.all().to_vec(),
            },
            participants: Vec::new(),
            prior_meetings: Vec::new(),
            goals: Vec::new(),
            disagreements: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// The briefing of the summit `wanted` (its id and date), recalled from the index by a
/// load that saw its file as `known` says: the stored parse while the file's row still
/// says so, else the file parsed anew while it still holds that summit; `None` otherwise.
/// What both the reader (a document read when shown) and `sherpa search` (a summit's
/// stored parse searched after the load) read, so neither takes a parse another process
/// stored since for the file as it is now, or another summit.
pub(super) fn read_recalled(
    (id, date): (&str, Date),
    shown: &str,
    file: &Path,
    known: &Known,
    reader: Option<&Reader>,
    options: LoadOptions,
) -> Option<Briefing> {
    let is_this = |briefing: &Briefing| briefing.id() == id && briefing.summit.date == date;
    let stored = reader
        .and_then(|reader| reader.parsed_as(file, known))
        .and_then(|bytes| stored_parse(&bytes, shown))
        .and_then(|parsed| parsed.briefing)
        .filter(is_this);
    stored.or_else(|| {
        tracing::info!("{shown} changed since it was loaded: parsed again");
        let (parsed, _, _) = read_and_parse(shown.to_owned(), file.to_owned(), options);
        parsed.briefing.filter(is_this)
    })
}

/// One connection to the index for each of rayon's threads (a [`Reader`] of stored
/// parses, a [`Prefilter`]), opened when the thread first needs it and kept for all its
/// work after: a view over every summit and a search's chunks read on every core (a
/// connection for each split of each chunk would be opened hundreds of times over 100,000
/// summits), and an `SQLite` connection is not shared between threads.
pub(super) struct PerThread<'a, T> {
    index: Option<&'a Path>,
    open: fn(&Path) -> Option<T>,
    /// By rayon's thread index, and one more for any other thread (rayon runs a parallel
    /// iterator too short to split on the thread that asks); a connection is used by one
    /// thread at a time, so the locks are hardly ever contended.
    slots: Vec<OnceLock<Option<Mutex<T>>>>,
}

/// A reader of stored parses on each thread.
pub(super) type ThreadReaders<'a> = PerThread<'a, Reader>;

impl<'a, T> PerThread<'a, T> {
    fn new(index: Option<&'a Path>, open: fn(&Path) -> Option<T>) -> Self {
        Self {
            index,
            open,
            slots: (0..=rayon::current_num_threads())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Calls `work` with this thread's connection (`None` without an index, or if it
    /// cannot be opened).
    pub(super) fn with<R>(&self, work: impl FnOnce(Option<&T>) -> R) -> R {
        let thread = rayon::current_thread_index().unwrap_or(self.slots.len() - 1);
        let slot = self.slots.get(thread);
        let connection = slot.and_then(|slot| {
            slot.get_or_init(|| self.index.and_then(self.open).map(Mutex::new))
                .as_ref()
        });
        match connection.map(Mutex::lock) {
            Some(Ok(connection)) => work(Some(&connection)),
            _ => work(None),
        }
    }
}

impl<T> PerThread<'_, T> {
    /// Calls `work` with each connection opened (between two parallel passes: none is in
    /// use then).
    fn each(&self, work: impl Fn(&T)) {
        let opened = self.slots.iter().filter_map(|slot| slot.get()?.as_ref());
        for connection in opened {
            if let Ok(connection) = connection.lock() {
                work(&connection);
            }
        }
    }
}

impl<'a> ThreadReaders<'a> {
    pub(super) fn readers(index: Option<&'a Path>) -> Self {
        Self::new(index, Reader::open)
    }
}

/// How many times a chunk's summits a search may look signatures up for before it
/// searches those that may match: a look-up costs a hundredth of a search of the summit,
/// and a rare word's search over 100,000 summits in chunks of 512 went through 196
/// chunks, each a parallel pass of look-ups and one of searches with little in it (its
/// count was final after 1.4 s against 0.6 s after the whole table was read first, under
/// load). Looking ahead, it goes through a dozen.
const SIGNATURES_AHEAD: usize = 16;

/// What the search prefilter ([`crate::index::prefilter`]) says of the summits a search
/// goes through, asked a summit at a time when the search comes to it, on the thread that
/// searches it: the first summits are searched at once, where reading the whole table
/// first (100 MB over 100,000 signed files) delayed the first line, and a search stopped
/// between two summits reads no more signatures.
pub(super) struct Prefiltered<'a> {
    query: Query,
    /// The query's trigrams; `None` when the prefilter cannot narrow the search (no word
    /// of three bytes, no index, no table that can be read): every summit may match, and
    /// none is signed.
    grams: Option<Grams>,
    /// Whether the index holds any signature: with none, every recalled summit is
    /// unsigned without a look-up each.
    any_signed: bool,
    prefilters: PerThread<'a, Prefilter>,
    /// Counts each signature looked up, for whoever measures the search.
    looked_up: Option<&'a AtomicUsize>,
    /// How many summits got each verdict: ruled out, may match, unsigned.
    tally: [AtomicUsize; 3],
}

impl<'a> Prefiltered<'a> {
    /// The prefilter of the index at `index` for `query`, counting its look-ups in
    /// `looked_up`.
    pub(super) fn new(
        index: Option<&'a Path>,
        query: &Query,
        looked_up: Option<&'a AtomicUsize>,
    ) -> Self {
        let grams = index.and(Grams::of(query));
        let any_signed =
            (grams.as_ref().and(index)).and_then(|index| Prefilter::open(index)?.has_signatures());
        Self {
            query: query.clone(),
            grams: grams.filter(|_| any_signed.is_some()),
            any_signed: any_signed == Some(true),
            prefilters: PerThread::new(index, Prefilter::open),
            looked_up,
            tally: Default::default(),
        }
    }

    /// Whether the prefilter can rule out any summit of this search.
    pub(super) fn narrows(&self) -> bool {
        self.grams.is_some()
    }

    /// What the prefilter says of a summit recalled from the index as `file`, which the
    /// load knew as `known`; `None` (a summit held whole, or found during the load) may
    /// match, and is not signed.
    pub(super) fn verdict(&self, recalled: Option<(&Path, &Known)>) -> Verdict {
        let (Some(grams), Some((file, known))) = (&self.grams, recalled) else {
            return Verdict::MayMatch;
        };
        let verdict = if self.any_signed {
            if let Some(looked_up) = self.looked_up {
                looked_up.fetch_add(1, Ordering::Relaxed);
            }
            (self.prefilters)
                .with(|prefilter| prefilter?.verdict(grams, file, known))
                .unwrap_or(Verdict::MayMatch)
        } else {
            Verdict::Unsigned
        };
        let counted = match verdict {
            Verdict::CannotMatch => 0,
            Verdict::MayMatch => 1,
            Verdict::Unsigned => 2,
        };
        self.tally[counted].fetch_add(1, Ordering::Relaxed);
        verdict
    }
}

impl Prefiltered<'_> {
    /// Takes from `summits` the next chunk a streamed search goes through: `enough` of them
    /// at a time, each ruled on by `verdict` on every core, up to [`SIGNATURES_AHEAD`]
    /// times that many until `enough` may match. How many were gone through, and those
    /// that may match with their verdicts, in order; `None` once `verdict` says the search
    /// is no longer wanted (`None`), having taken no more. The next chunk's look-ups see
    /// the index as it is then ([`Prefilter::end_reads`]).
    pub(super) fn next_chunk<T: Send>(
        &self,
        summits: &mut impl Iterator<Item = T>,
        enough: usize,
        verdict: impl Fn(&T) -> Option<Verdict> + Sync,
    ) -> Option<(usize, Vec<(T, Verdict)>)> {
        let enough = enough.max(1);
        let mut gone_through = 0;
        let mut may_hold = Vec::new();
        let mut stopped = false;
        for _ in 0..SIGNATURES_AHEAD {
            let block: Vec<T> = summits.by_ref().take(enough).collect();
            if block.is_empty() {
                break;
            }
            gone_through += block.len();
            let ruled: Option<Vec<(T, Verdict)>> = (block.into_par_iter())
                .map(|summit| {
                    let verdict = verdict(&summit)?;
                    Some((summit, verdict))
                })
                .collect();
            let Some(ruled) = ruled else {
                stopped = true;
                break;
            };
            may_hold.extend(ruled.into_iter().filter(|(_, verdict)| verdict.may_match()));
            if may_hold.len() >= enough {
                break;
            }
        }
        self.prefilters.each(Prefilter::end_reads);
        (!stopped).then_some((gone_through, may_hold))
    }
}

/// What the prefilter ruled out, logged once the search is over, however it ended
/// (complete, stopped by a newer query, its output closed).
impl Drop for Prefiltered<'_> {
    fn drop(&mut self) {
        if self.grams.is_some() {
            let [ruled_out, may_match, unsigned] = self
                .tally
                .each_ref()
                .map(|count| count.load(Ordering::Relaxed));
            tracing::info!(
                ruled_out,
                may_match,
                unsigned,
                "the prefilter for {:?}",
                self.query.text()
            );
        }
    }
}

/// Where a corpus reads the documents it does not hold: the index, through one reader
/// shared (the reader asks for one document at a time) or one per thread
/// ([`Corpus::read_every_document`]), else the files, parsed again with the load's options.
#[derive(Debug)]
pub(super) struct DocumentSource {
    /// The index file and the load's options as its rows record them
    /// ([`Known::options`]); `None` for a load without an index, whose documents are
    /// parsed again from their files.
    index: Option<(PathBuf, u8)>,
    /// The shared reader, opened on first use.
    reader: Mutex<Option<Reader>>,
    options: LoadOptions,
    /// How many documents were read: what the reader's start is measured by.
    read: AtomicUsize,
    /// How many search signatures were looked up: what a search's start and its stopping
    /// are measured by.
    signatures_read: AtomicUsize,
}

impl DocumentSource {
    pub(super) fn new(index: Option<(PathBuf, u8)>, options: LoadOptions) -> Self {
        Self {
            index,
            reader: Mutex::new(None),
            options,
            read: AtomicUsize::new(0),
            signatures_read: AtomicUsize::new(0),
        }
    }

    fn index(&self) -> Option<&Path> {
        self.index.as_ref().map(|(index, _)| index.as_path())
    }

    /// Calls `read` with the shared reader (`None` without an index, or when it cannot be
    /// opened: the files are then parsed).
    fn with_reader<T>(&self, read: impl FnOnce(Option<&Reader>) -> T) -> T {
        let Some(index) = self.index() else {
            return read(None);
        };
        match self.reader.lock() {
            Ok(mut reader) => {
                if reader.is_none() {
                    *reader = Reader::open(index);
                }
                read(reader.as_ref())
            }
            Err(_) => read(None),
        }
    }

    pub(super) fn documents_read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }
}

impl Corpus {
    /// Reads every document not yet held, on the loader's threads with a reader of the
    /// index each: what a view over every summit (the text search index, the board) does
    /// first, as one shared reader would read them one at a time.
    pub fn read_every_document(&self) {
        let Some(source) = &self.source else {
            return;
        };
        let readers = ThreadReaders::readers(source.index());
        (self.documents.par_iter().zip(&self.paths)).for_each(|(document, shown)| {
            if let Document::Later(later) = document {
                later.briefing.get_or_init(|| {
                    Box::new(readers.with(|reader| later.read(shown, source, reader)))
                });
            }
        });
    }
}

/// What a search over a corpus read on demand goes through ([`Corpus::may_match`]): the
/// summits of each chunk that may match, and the signing of those that had no signature.
pub struct MayMatch<'a> {
    corpus: &'a Corpus,
    prefiltered: Prefiltered<'a>,
    /// The summits of the chunk last narrowed that had no usable signature, in corpus
    /// order: those [`MayMatch::seen`] signs.
    unsigned: Mutex<Vec<usize>>,
    /// Stores the signatures made, on a thread of its own, started with the first.
    writer: OnceLock<Writer>,
    /// Signatures made since the last [`MayMatch::store`].
    signed: Mutex<Vec<Signed>>,
}

impl MayMatch<'_> {
    /// The next chunk of a search going through `summits` (positions in corpus order,
    /// from where it stands): how many of them it went through, and those whose document
    /// may hold a match, in the same order, about `enough` of them. A summit recalled from
    /// the index whose signature, made for the file exactly as the load knew it, lacks a
    /// trigram of the query is ruled out; a summit held whole, one without a usable
    /// signature, or every summit when the query is too short or the prefilter cannot be
    /// read, may match: never fewer than the summits that match. The signatures are read
    /// now, on every core, `enough` summits' at a time, up to 16 times that many until
    /// `enough` may match (a look-up costs a hundredth of a search). `None`, having read no more, once `wanted` says
    /// the search is no longer wanted (a newer keystroke). Call it off the drawing thread.
    pub fn narrow(
        &self,
        summits: &[usize],
        enough: usize,
        wanted: impl Fn() -> bool + Sync,
    ) -> Option<(usize, Vec<usize>)> {
        if !self.prefiltered.narrows() {
            let chunk = summits.get(..enough.max(1)).unwrap_or(summits);
            return wanted().then(|| (chunk.len(), chunk.to_vec()));
        }
        let chunk =
            self.prefiltered
                .next_chunk(&mut summits.iter().copied(), enough, |&position| {
                    let recalled = wanted().then(|| self.recalled(position))?;
                    let recalled = recalled.as_ref().map(|(file, known)| (*file, known));
                    Some(self.prefiltered.verdict(recalled))
                });
        let (gone_through, may_hold) = chunk?;
        if let Ok(mut unsigned) = self.unsigned.lock() {
            *unsigned = (may_hold.iter())
                .filter(|(_, verdict)| *verdict == Verdict::Unsigned)
                .map(|(position, _)| *position)
                .collect();
        }
        let may_hold = may_hold.into_iter().map(|(position, _)| position).collect();
        Some((gone_through, may_hold))
    }

    /// The file the summit at `position` is recalled from and what the load knew of it;
    /// `None` for a summit held whole (or read already), searched in memory as it is.
    fn recalled(&self, position: usize) -> Option<(&Path, Known)> {
        let corpus = self.corpus;
        match (corpus.documents.get(position)?, &corpus.source) {
            (Document::Later(later), Some(source)) if later.briefing.get().is_none() => {
                let shown = corpus.paths.get(position).map_or("", String::as_str);
                Some(later.file_known(shown, source))
            }
            _ => None,
        }
    }

    /// Shown the text a search folded of the summit at `position`, and what it read of
    /// the summit when that was read anew (what [`crate::search::find_in_summits`] shows):
    /// signs the summit if it had no signature, and stores what was read anew.
    pub fn seen(&self, position: usize, text: &str, read_anew: Option<&Searchable>) {
        let unsigned =
            (self.unsigned.lock()).is_ok_and(|unsigned| unsigned.binary_search(&position).is_ok());
        let worth_storing = unsigned || read_anew.is_some();
        let Some((file, known)) = self.recalled(position).filter(|_| worth_storing) else {
            return;
        };
        let signed = Signed {
            path: file.to_owned(),
            known,
            signature: Signature::of(text),
            searchable: read_anew.and_then(Searchable::encode),
        };
        if let Ok(mut batch) = self.signed.lock() {
            batch.push(signed);
        }
    }

    /// Hands the signatures made so far to be stored (a chunk's: one transaction).
    pub fn store(&self) {
        let batch = self
            .signed
            .lock()
            .map(|mut batch| std::mem::take(&mut *batch))
            .unwrap_or_default();
        let index = self.corpus.source.as_ref().and_then(DocumentSource::index);
        if let (false, Some(index)) = (batch.is_empty(), index) {
            self.writer
                .get_or_init(|| Writer::start(index))
                .store(batch);
        }
    }
}

/// A corpus's documents read without being kept: a briefing the corpus holds (or has
/// read already) is lent, any other is read now and handed over, the corpus left as it
/// was. The reader's text search streams through 100,000 summits this way, dropping each
/// briefing once searched: read through [`Briefings`], every document would stay held
/// (2.1 GB), as a held document is never released. These reads are not counted in
/// [`Corpus::documents_read`], which counts the documents the corpus holds.
///
/// Each of rayon's threads reads through its own reader of the index ([`ThreadReaders`]),
/// opened once for all the reads made through this value.
pub struct Unheld<'a> {
    corpus: &'a Corpus,
    readers: ThreadReaders<'a>,
    /// Once set, [`Unheld::briefing`] reads nothing more: a view given up on stops
    /// reading instead of keeping both cores busy for seconds.
    stop: Option<&'a AtomicBool>,
}

impl<'a> Unheld<'a> {
    /// The corpus read.
    #[must_use]
    pub fn corpus(&self) -> &'a Corpus {
        self.corpus
    }

    /// The summit at `position`: its briefing when the corpus holds it or has read it
    /// already (`Ok`), else what reads it (`Err`).
    fn read_or_later(&self, position: usize) -> Option<Result<&Briefing, &Later>> {
        match self.corpus.documents.get(position)? {
            Document::Held(briefing) => Some(Ok(briefing)),
            Document::Later(later) => Some(later.briefing.get().map(|b| &**b).ok_or(later)),
        }
    }

    /// The briefing at `position`: lent when the corpus holds it (or has read it), else
    /// read now as the reader reads a document when shown ([`Later::read`]) and handed
    /// over, the corpus left as it was. What the views over every summit (the timeline,
    /// the board) read: through [`Briefings`], 100,000 documents would stay held.
    ///
    /// `None` past the end, and for every position once the stop this was made with is set.
    #[must_use]
    pub fn briefing(&self, position: usize) -> Option<Cow<'_, Briefing>> {
        if self.stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) {
            return None;
        }
        let corpus = self.corpus;
        let later = match self.read_or_later(position)? {
            Ok(briefing) => return Some(Cow::Borrowed(briefing)),
            Err(later) => later,
        };
        let Some(source) = &corpus.source else {
            return Some(Cow::Owned(later.as_row_has_it()));
        };
        let shown = corpus.paths.get(position).map_or("", String::as_str);
        Some(Cow::Owned(
            self.readers
                .with(|reader| later.read_unheld(shown, source, reader)),
        ))
    }

    /// What a search reads of the summit at `position` ([`Searchable`]), if there is one:
    /// made from its briefing when that is held (or read already), else read back from what
    /// the index stored of an earlier search, else made from its document read now (as a
    /// document read when shown is, [`read_recalled`]) and dropped by the caller. With it,
    /// whether it was made from the file as the load knew it and the index has none for
    /// it: worth storing ([`MayMatch::seen`]).
    #[must_use]
    pub fn searchable(&self, position: usize) -> Option<(Searchable, bool)> {
        let corpus = self.corpus;
        let later = match self.read_or_later(position)? {
            Ok(briefing) => return Some((Searchable::unkeyed(briefing), false)),
            Err(later) => later,
        };
        let Some(source) = &corpus.source else {
            return Some((Searchable::unkeyed(&later.as_row_has_it()), false));
        };
        let shown = corpus.paths.get(position).map_or("", String::as_str);
        let (file, known) = later.file_known(shown, source);
        Some(self.readers.with(|reader| {
            let stored = (reader.and_then(|reader| reader.searchable_as(file, &known)))
                .and_then(|bytes| Searchable::decode(&bytes));
            if let Some(stored) = stored {
                return (stored, false);
            }
            let wanted = (later.summit.id(), later.summit.date);
            match read_recalled(wanted, shown, file, &known, reader, source.options) {
                Some(briefing) => (Searchable::of(&briefing), true),
                None => (Searchable::unkeyed(&later.as_row_has_it()), false),
            }
        }))
    }
}

impl Corpus {
    /// What a search for `query` asks of the index's search prefilter
    /// ([`crate::index::prefilter`]): which summits of each chunk it goes through may hold
    /// a match ([`MayMatch::narrow`]), and the signing of those that had no signature as
    /// the search reads them ([`MayMatch::seen`]). Reads no signature yet.
    #[must_use]
    pub fn may_match(&self, query: &Query) -> MayMatch<'_> {
        let source = self.source.as_ref();
        MayMatch {
            corpus: self,
            prefiltered: Prefiltered::new(
                source.and_then(DocumentSource::index),
                query,
                source.map(|source| &source.signatures_read),
            ),
            unsigned: Mutex::default(),
            writer: OnceLock::new(),
            signed: Mutex::default(),
        }
    }

    /// How many search signatures were looked up since the load, by every
    /// [`Corpus::may_match`]: what shows that a search reads the signatures of the summits
    /// it comes to, and no more once stopped.
    #[must_use]
    pub fn signatures_read(&self) -> usize {
        (self.source.as_ref()).map_or(0, |source| source.signatures_read.load(Ordering::Relaxed))
    }

    /// Reads this corpus's documents without keeping them ([`Unheld`]).
    #[must_use]
    pub fn unheld(&self) -> Unheld<'_> {
        self.unheld_stopping(None)
    }

    /// Reads as [`Corpus::unheld`] does until `stop` is set, then no more.
    #[must_use]
    pub fn unheld_until<'a>(&'a self, stop: &'a AtomicBool) -> Unheld<'a> {
        self.unheld_stopping(Some(stop))
    }

    fn unheld_stopping<'a>(&'a self, stop: Option<&'a AtomicBool>) -> Unheld<'a> {
        let index = self
            .source
            .as_ref()
            .and_then(|source| source.index.as_ref())
            .map(|(index, _)| index.as_path());
        Unheld {
            corpus: self,
            readers: ThreadReaders::readers(index),
            stop,
        }
    }
}

/// What the reader's load keeps of each summit: a file parsed anew keeps its briefing, a
/// file recalled from the index its catalog row and where its document is.
pub(super) enum ReaderSummit {
    /// Boxed: the summits are moved by the sort, and most of a warm load's are recalled,
    /// each a third the size of a parse's.
    Parsed(Box<ParsedSummit>),
    /// The row's summit, its participants' names as the row holds them, the file (when
    /// it is not the path as shown) and its fingerprint.
    Later(Listed, Box<[u8]>, Option<Box<Path>>, Fingerprint),
}

/// What the reader's load takes from a row: the catalog's, and the participants' names.
type ReaderRow = (<Listed as Summit>::Row, Box<[u8]>);

/// Decodes a row for the reader's load (`None`: it does not read back).
fn decode_reader_row(row: &[u8]) -> Option<ReaderRow> {
    let listed = super::row::decode(row)?;
    let names = super::row::offered_list(row, super::Offered::Participants).unwrap_or_default();
    Some((listed, names.into()))
}

impl ReaderSummit {
    /// The summit's place in the corpus: its file as shown, whether it is on disk, and
    /// its document.
    pub(super) fn into_document(self) -> (String, bool, Document) {
        match self {
            Self::Parsed(parsed) => (
                parsed.path,
                parsed.on_disk,
                Document::Held(Box::new(parsed.briefing)),
            ),
            Self::Later(listed, participants, file, fingerprint) => {
                let (path, mut summit) = listed.into_parts();
                summit.links = super::catalog::StoredLinks::checked();
                let later = Later {
                    summit,
                    file,
                    fingerprint,
                    participants,
                    briefing: OnceLock::new(),
                };
                (path, true, Document::Later(later))
            }
        }
    }
}

impl Summit for ReaderSummit {
    type Context = ();
    type Row = ReaderRow;
    const DECODE_ROW: Option<DecodeSummary<Self::Row>> = Some(decode_reader_row);
    const READS_LATER: bool = true;

    fn found(parsed: Parsed, context: &()) -> Found<Self> {
        ParsedSummit::found(parsed, context).map(|parsed| Self::Parsed(Box::new(parsed)))
    }

    /// A file parsed anew keeps what a recalled one keeps, its document read back when
    /// asked for (from the index once the load has stored it there, else parsed again):
    /// the reader's first run or `--no-cache` over 100,000 briefings held every one
    /// parsed, 1.48 GB.
    fn found_on_disk(
        parsed: Parsed,
        file: &Path,
        fingerprint: Option<Fingerprint>,
        context: &(),
    ) -> Found<Self> {
        let Some(briefing) = &parsed.briefing else {
            return Self::found(parsed, context);
        };
        let names = briefing.participants.iter().map(|p| p.name.as_str());
        let participants = super::row::text_list(names).into_boxed_slice();
        let shown_as_found = file.as_os_str().as_encoded_bytes() == parsed.path.as_bytes();
        let file = (!shown_as_found).then(|| file.into());
        let fingerprint = fingerprint.unwrap_or_default();
        Listed::found(parsed, context)
            .map(|listed| Self::Later(listed, participants, file, fingerprint))
    }

    fn recall(
        load: &LoadIndex<Self::Row>,
        _reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        _context: &(),
    ) -> Option<Found<Self>> {
        let ((summit, diagnostics), participants) = load.take_summary(shown, path, fingerprint)?;
        Some(Found {
            diagnostics,
            bundled: false,
            summit: summit.map(|summit| {
                let listed = Listed::new(shown.to_owned(), summit);
                // A path shown as found (any UTF-8 path) is not kept twice.
                let file =
                    (path.as_os_str().as_encoded_bytes() != shown.as_bytes()).then(|| path.into());
                Self::Later(listed, participants, file, fingerprint)
            }),
        })
    }

    fn path(&self) -> &str {
        match self {
            Self::Parsed(summit) => summit.path(),
            Self::Later(listed, ..) => Summit::path(listed),
        }
    }

    fn date(&self) -> Date {
        match self {
            Self::Parsed(summit) => summit.date(),
            Self::Later(listed, ..) => Summit::date(listed),
        }
    }

    fn id(&self) -> &str {
        match self {
            Self::Parsed(summit) => summit.id(),
            Self::Later(listed, ..) => Summit::id(listed),
        }
    }

    fn id_site(&self) -> Option<Diagnostic> {
        match self {
            Self::Parsed(summit) => summit.id_site(),
            Self::Later(listed, ..) => listed.id_site(),
        }
    }

    fn for_each_link(&self, visit: impl FnMut(usize, Date, &str)) {
        match self {
            Self::Parsed(summit) => summit.for_each_link(visit),
            Self::Later(listed, ..) => listed.for_each_link(visit),
        }
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        match self {
            Self::Parsed(summit) => summit.link_site(meeting),
            Self::Later(listed, ..) => listed.link_site(meeting),
        }
    }
}

/// Every briefing of a corpus, ordered by date then id: what a `&[Briefing]` offered
/// (`len`, `get`, `iter`, indexing, `for … in`), by position.
#[derive(Clone, Copy)]
pub struct Briefings<'a> {
    corpus: &'a Corpus,
}

impl<'a> Briefings<'a> {
    pub(super) fn of(corpus: &'a Corpus) -> Self {
        Self { corpus }
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.corpus.len()
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.corpus.is_empty()
    }

    /// The briefing at `position`, if there is one.
    #[must_use]
    pub fn get(self, position: usize) -> Option<&'a Briefing> {
        self.corpus.briefing_at(position)
    }

    #[must_use]
    pub fn first(self) -> Option<&'a Briefing> {
        self.get(0)
    }

    /// Every briefing, in order.
    #[must_use]
    pub fn iter(self) -> Iter<'a> {
        Iter {
            corpus: self.corpus,
            positions: 0..self.len(),
        }
    }
}

/// Shown as the list of briefings, as the slice was.
impl std::fmt::Debug for Briefings<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

impl Index<usize> for Briefings<'_> {
    type Output = Briefing;

    /// The briefing at `position`; like a slice's, panics past the end.
    fn index(&self, position: usize) -> &Briefing {
        #[expect(
            clippy::panic,
            reason = "indexing past the end is a caller's bug, as for a slice"
        )]
        self.get(position).unwrap_or_else(|| {
            panic!(
                "position {position} is past the corpus's {} briefings",
                self.len()
            )
        })
    }
}

impl<'a> IntoIterator for Briefings<'a> {
    type Item = &'a Briefing;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The briefings of a corpus in order ([`Briefings::iter`]).
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    corpus: &'a Corpus,
    positions: Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Briefing;

    fn next(&mut self) -> Option<&'a Briefing> {
        self.positions
            .next()
            .and_then(|at| self.corpus.briefing_at(at))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<&'a Briefing> {
        self.positions
            .nth(n)
            .and_then(|at| self.corpus.briefing_at(at))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.positions
            .next_back()
            .and_then(|at| self.corpus.briefing_at(at))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::super::tests::MINIMAL;
    use super::*;
    use crate::index::index_path;

    const LINKED: &str = "[summit]\ntitle = \"B\"\ndate = 2021-01-01\nlocation = \"L\"\nunknown = 1\ntags = [\"t\"]\n\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"a\"\n\n[[prior_meetings]]\ndate = 2018-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"gone\"\n\n[[participants]]\nname = \"Ann Öberg\"\n\n[[disagreements]]\nid = \"d\"\ntopic = \"D\"\nstatus = \"open\"\n";

    /// A folder of briefings (two that load, one broken, one repeating an id), settled
    /// so that a load stores every row, and a cache folder for its index.
    fn corpus() -> (tempfile::TempDir, tempfile::TempDir) {
        let cache = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text);
        write("a.toml", MINIMAL).unwrap();
        write("b.toml", LINKED).unwrap();
        write("broken.toml", "[summit\n").unwrap();
        write(
            "same-id.toml",
            &MINIMAL.replace("[summit]", "[summit]\nid = \"a\""),
        )
        .unwrap();
        // Files written within the clock tick before a load are not stored.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        (cache, folder)
    }

    fn eager(folder: &Path, cache: Option<&Path>) -> Corpus {
        Corpus::load_paths_indexed(&[folder.to_owned()], LoadOptions::default(), cache)
    }

    fn on_demand(folder: &Path, cache: &Path) -> Corpus {
        Corpus::load_paths_on_demand(&[folder.to_owned()], LoadOptions::default(), Some(cache))
    }

    /// What a corpus answers without reading a document: each summit's summary, file and
    /// position, and the problems found.
    fn summaries(corpus: &Corpus) -> String {
        let summits: Vec<String> = (0..corpus.len())
            .map(|at| {
                let id = corpus.id_at(at).unwrap();
                format!(
                    "{id} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                    corpus.date_at(at),
                    corpus.title_at(at),
                    corpus.location_at(at),
                    corpus.status_at(at),
                    corpus.tags_at(at),
                    corpus.participants_at(at),
                    corpus.path_of(at),
                    corpus.file_of(at),
                    corpus.position(id),
                )
            })
            .collect();
        format!(
            "{summits:#?}\n{:#?}\n{}",
            corpus.diagnostics(),
            corpus.failed_files()
        )
    }

    /// Everything a corpus answers, its documents included.
    fn everything(corpus: &Corpus) -> String {
        format!("{}\n{:#?}", summaries(corpus), corpus.briefings())
    }

    #[test]
    fn a_corpus_read_on_demand_answers_as_one_loaded_whole_cold_and_warm() {
        let (cache, folder) = corpus();
        let whole = eager(folder.path(), None);
        assert_eq!(whole.len(), 2);
        assert!(
            format!("{:?}", whole.diagnostics()).contains("which is not in the corpus"),
            "a link dangles: {:?}",
            whole.diagnostics()
        );
        let cold = on_demand(folder.path(), cache.path());
        assert_eq!(summaries(&cold), summaries(&whole), "cold, before any read");
        assert_eq!(cold.documents_read(), 0, "the summaries are kept as parsed");
        assert_eq!(
            everything(&cold),
            everything(&whole),
            "cold: every file parsed, each document read back from the index"
        );
        assert_eq!(cold.documents_read(), 2, "a cold load holds no document");
        let without =
            Corpus::load_paths_on_demand(&[folder.path().to_owned()], LoadOptions::default(), None);
        assert_eq!(summaries(&without), summaries(&whole), "without an index");
        assert_eq!(without.documents_read(), 0);
        assert_eq!(
            everything(&without),
            everything(&whole),
            "without an index, each document parsed again"
        );
        assert_eq!(without.documents_read(), 2);
        let warm = on_demand(folder.path(), cache.path());
        assert_eq!(summaries(&warm), summaries(&whole), "warm, before any read");
        assert_eq!(warm.position("not-a-summit"), None);
        assert_eq!(warm.documents_read(), 0, "the summaries come from the rows");
        assert_eq!(warm.get("b"), whole.get("b"));
        assert_eq!(warm.documents_read(), 1, "one document asked for, one read");
        assert_eq!(
            everything(&warm),
            everything(&whole),
            "warm, every one read"
        );
        assert_eq!(warm.documents_read(), 2, "each document is read once");
        assert_eq!(everything(&warm), everything(&whole));
        assert_eq!(warm.documents_read(), 2);
        let all_at_once = on_demand(folder.path(), cache.path());
        all_at_once.read_every_document();
        assert_eq!(
            all_at_once.documents_read(),
            2,
            "read on the loader's threads"
        );
        assert_eq!(everything(&all_at_once), everything(&whole));
        assert_eq!(all_at_once.documents_read(), 2);
        // A first run reads its documents back from the index it wrote: with the files
        // gone, what it shows is still each whole document.
        let new_cache = tempfile::tempdir().unwrap();
        let first_run = on_demand(folder.path(), new_cache.path());
        for file in std::fs::read_dir(folder.path()).unwrap() {
            std::fs::remove_file(file.unwrap().path()).unwrap();
        }
        assert_eq!(everything(&first_run), everything(&whole), "from the index");
        assert_eq!(first_run.documents_read(), 2);
    }

    #[test]
    fn the_views_over_every_summit_read_documents_unheld_and_answer_as_the_whole() {
        let (cache, folder) = corpus();
        let whole = eager(folder.path(), None);
        let _cold = on_demand(folder.path(), cache.path());
        let warm = on_demand(folder.path(), cache.path());
        let unheld = warm.unheld();
        for position in 0..whole.len() {
            assert_eq!(
                unheld.briefing(position).as_deref(),
                whole.briefings().get(position)
            );
        }
        assert_eq!(unheld.briefing(whole.len()), None);
        let stop = AtomicBool::new(false);
        let until = warm.unheld_until(&stop);
        assert!(until.briefing(0).is_some());
        stop.store(true, Ordering::Relaxed);
        assert_eq!(until.briefing(0), None, "stopped");
        assert_eq!(crate::analysis::board(&whole).rows.len(), 1, "b tracks one");
        assert_eq!(
            crate::analysis::timeline(&warm),
            crate::analysis::timeline(&whole)
        );
        assert_eq!(
            crate::analysis::board(&warm),
            crate::analysis::board(&whole)
        );
        assert_eq!(
            crate::analysis::track(&warm, "d"),
            crate::analysis::track(&whole, "d")
        );
        assert_eq!(crate::analysis::track(&whole, "d").len(), 1);
        assert_eq!(
            crate::analysis::track_or_known(&warm, "e"),
            Err(vec!["d".to_owned()])
        );
        let b = whole.position("b");
        assert_eq!(
            crate::analysis::attended(&warm, "ann oberg"),
            Vec::from_iter(b)
        );
        assert_eq!(
            crate::analysis::attended(&whole, "ann oberg"),
            Vec::from_iter(b)
        );
        assert_eq!(warm.documents_read(), 0, "none is kept");
        assert!(warm.get("b").is_some());
        assert_eq!(
            crate::analysis::timeline(&warm),
            crate::analysis::timeline(&whole),
            "a document held is lent"
        );
        assert_eq!(warm.documents_read(), 1);
    }

    #[test]
    fn what_a_search_reads_unheld_is_the_corpus_documents_and_is_stored_for_the_next() {
        let (cache, folder) = corpus();
        let whole = eager(folder.path(), None);
        let _cold = on_demand(folder.path(), cache.path());
        let warm = on_demand(folder.path(), cache.path());
        let expected = |position| whole.briefings().get(position).map(Searchable::of);
        let unheld = warm.unheld();
        for position in 0..whole.len() {
            let (searchable, read_anew) = unheld.searchable(position).unwrap();
            assert_eq!(Some(searchable), expected(position));
            assert!(read_anew, "nothing stored yet: made from the file");
        }
        assert_eq!(unheld.searchable(whole.len()), None, "past the end");
        assert_eq!(warm.documents_read(), 0, "the corpus holds none of them");
        sign_every_summit(&warm);
        let again = warm.unheld();
        // On rayon's threads, as a search reads: each has its reader of the index.
        let read_back: Vec<_> = (0..whole.len())
            .into_par_iter()
            .map(|position| again.searchable(position))
            .collect();
        for (position, read) in read_back.into_iter().enumerate() {
            assert_eq!(
                read,
                expected(position).map(|searchable| (searchable, false)),
                "read back from what the search stored"
            );
        }
        assert_eq!(warm.documents_read(), 0);
        assert_eq!(everything(&warm), everything(&whole));
        assert_eq!(
            warm.documents_read(),
            2,
            "each read into the corpus once asked"
        );
        let held = whole.briefings().get(0).map(Searchable::unkeyed);
        assert_eq!(
            again.searchable(0),
            held.map(|searchable| (searchable, false)),
            "a held document is searched as it is held, without keys, and not stored"
        );
    }

    /// Signs every summit of `corpus` recalled from its index, as a streamed search that
    /// reads them does.
    fn sign_every_summit(corpus: &Corpus) {
        let all: Vec<usize> = (0..corpus.len()).collect();
        let query = Query::new("anything").unwrap();
        let may_match = corpus.may_match(&query);
        let unheld = corpus.unheld();
        let found = crate::search::find_in_summits(
            &unheld,
            &may_match.narrow(&all, all.len(), || true).unwrap().1,
            &query,
            || true,
            |position, text, read_anew| may_match.seen(position, text, read_anew),
        );
        assert!(found.is_some());
        may_match.store();
    }

    /// Of `positions`, those a search for `query` over `corpus` goes on to read.
    fn may_match(corpus: &Corpus, positions: &[usize], query: &Query) -> Vec<usize> {
        let (gone_through, may_hold) = corpus
            .may_match(query)
            .narrow(positions, positions.len(), || true)
            .unwrap();
        assert_eq!(gone_through, positions.len());
        may_hold
    }

    #[test]
    fn the_prefilter_rules_out_only_summits_recalled_and_signed_as_they_are() {
        let (cache, folder) = corpus();
        let _cold = on_demand(folder.path(), cache.path());
        let warm = on_demand(folder.path(), cache.path());
        let all: Vec<usize> = (0..warm.len()).collect();
        let absent = Query::new("zqxjv").unwrap();
        assert_eq!(may_match(&warm, &all, &absent), all, "nothing signed yet");
        sign_every_summit(&warm);
        assert_eq!(may_match(&warm, &all, &absent), Vec::<usize>::new());
        let title = warm.title_at(1).unwrap().to_owned();
        let in_one = Query::new(&title).unwrap();
        assert!(may_match(&warm, &all, &in_one).contains(&1), "never fewer");
        let short = Query::new("zq").unwrap();
        assert_eq!(may_match(&warm, &all, &short), all, "too short to narrow");
        assert_eq!(may_match(&warm, &[1], &absent), Vec::<usize>::new());
        // A summit held whole is searched in memory, signature or not.
        let _held = &warm.briefings()[0];
        assert_eq!(may_match(&warm, &all, &absent), vec![0]);
        // A corpus loaded without the index has nothing to narrow by.
        let plain = eager(folder.path(), None);
        assert_eq!(may_match(&plain, &all, &absent), all);
    }

    #[test]
    fn a_search_reads_the_signatures_of_the_summits_it_comes_to_and_none_once_stopped() {
        let (cache, folder) = corpus();
        let _cold = on_demand(folder.path(), cache.path());
        let warm = on_demand(folder.path(), cache.path());
        let absent = Query::new("zqxjv").unwrap();
        assert_eq!(may_match(&warm, &[0, 1], &absent), [0, 1]);
        assert_eq!(warm.signatures_read(), 0, "none signed: none looked up");
        sign_every_summit(&warm);
        let search = warm.may_match(&absent);
        assert_eq!(
            warm.signatures_read(),
            0,
            "nothing read before the first chunk"
        );
        assert_eq!(search.narrow(&[1], 1, || true), Some((1, Vec::new())));
        assert_eq!(warm.signatures_read(), 1, "the chunk's summit only");
        assert_eq!(
            search.narrow(&[0], 1, || false),
            None,
            "a stale search stops"
        );
        assert_eq!(warm.signatures_read(), 1, "having read nothing more");
        let short = Query::new("zq").unwrap();
        assert_eq!(may_match(&warm, &[0, 1], &short), [0, 1]);
        assert_eq!(
            warm.signatures_read(),
            1,
            "a query too short to narrow reads none"
        );
        assert_eq!(
            warm.may_match(&absent).narrow(&[0, 1], 1, || true),
            Some((2, Vec::new())),
            "looks ahead past the summits ruled out"
        );
        assert_eq!(warm.signatures_read(), 3);
    }

    /// Runs SQL on the index of `folder` in `cache`, as another program would.
    fn tamper(cache: &Path, folder: &Path, sql: &str) {
        let index = index_path(cache, &[folder.to_owned()]);
        let connection = rusqlite::Connection::open(index).unwrap();
        assert!(connection.execute(sql, []).unwrap() > 0, "{sql}");
    }

    #[test]
    fn a_row_damaged_or_rewritten_after_the_load_gives_way_to_the_file() {
        let (cache, folder) = corpus();
        let whole = eager(folder.path(), None);
        let _cold = on_demand(folder.path(), cache.path());
        for (what, sql) in [
            ("damaged", "UPDATE parses SET parsed = x'00'"),
            (
                "not this sherpa's format",
                "UPDATE parses SET parsed = x'83', checksum = 0",
            ),
            (
                "rewritten for another file",
                "UPDATE files SET len = len + 1",
            ),
            ("gone", "DELETE FROM parses"),
        ] {
            let warm = on_demand(folder.path(), cache.path());
            assert_eq!(warm.documents_read(), 0, "{what}: warm");
            tamper(cache.path(), folder.path(), sql);
            assert_eq!(everything(&warm), everything(&whole), "{what}");
            // The next load parses the files again and stores their rows.
            let _rebuilt = on_demand(folder.path(), cache.path());
        }
    }

    #[test]
    fn a_file_edited_or_removed_after_the_load_never_gives_another_summit() {
        let (cache, folder) = corpus();
        let _cold = on_demand(folder.path(), cache.path());
        let [first, second, third] = [(); 3].map(|()| on_demand(folder.path(), cache.path()));
        let as_loaded = eager(folder.path(), None);
        let file = |name: &str| folder.path().join(name);
        std::fs::write(file("a.toml"), MINIMAL.replace("\"T\"", "\"Edited\"")).unwrap();
        std::fs::write(
            file("b.toml"),
            LINKED.replace("[summit]", "[summit]\nid = \"not-b\""),
        )
        .unwrap();
        // Until another load stores the edits, the rows still hold what the load saw.
        assert_eq!(everything(&first), everything(&as_loaded));
        // Another sherpa stores the edited files' rows once they settle.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        let _other = eager(folder.path(), Some(cache.path()));
        let a = second.get("a").unwrap();
        assert_eq!(
            a.summit.title, "Edited",
            "the file as it is now: still summit a"
        );
        let b = second.briefings().get(1).unwrap();
        assert_eq!(b.id(), "b", "not the file's new summit");
        assert_eq!(
            (b.summit.title.as_str(), &b.summit.tags[..]),
            ("B", &["t".to_owned()][..])
        );
        assert!(b.prior_meetings.is_empty(), "only what the row has");
        // Gone, and its row forgotten by another load: the summit as its row had it.
        std::fs::remove_file(file("a.toml")).unwrap();
        let _other = eager(folder.path(), Some(cache.path()));
        let a = third.briefings().first().unwrap();
        assert_eq!((a.id(), a.summit.title.as_str()), ("a", "T"));
        assert_eq!(third.position("a"), Some(0));
    }
}
