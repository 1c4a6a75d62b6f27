//! Text search in the reader: the finder's passages, computed off the drawing thread, and
//! the search that stays active after a passage is opened (highlights, `n`/`N`, `Esc`).
//!
//! A keystroke in the finder asks the runner for a search ([`Effect::Search`]); the runner
//! runs [`SearchRequest::run_reporting`] on a worker and reports back with
//! [`App::search_finished`]. A newer query makes an older answer stale: each request
//! carries a generation and only the latest is kept. Tests run the request in place.
//!
//! Up to [`WARM_SEARCH_INDEX_UP_TO`] summits a search scans one folded index of the whole
//! corpus, built after the load, and answers at once. Over more, it streams: it goes
//! through the summits in corpus order a chunk at a time, reading each document without
//! the corpus keeping it and searching it alone with the core's per-briefing search, and
//! reports each chunk's places as they are found. The finder shows the first passages
//! after the first chunk, its count grows, and its title says how far the search has gone.
//! A newer keystroke, or the finder closed, stops the search between two chunks.
//!
//! A search's places are positions in the corpus it searched, which live reload replaces:
//! every place is carried into the corpus being read by its item's [`ItemKey`] (summit,
//! pane, the item's own identity), so an item inserted above a match, or the matches'
//! summit moving in date order, leaves `n`, `N` and Enter on the same item.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::{App, Effect, NoteHit, Overlay, OverlayKind, TextOverlay};
use crate::grid::GridPane;
use crate::keymap::Command;
use sherpa_core::corpus::{Corpus, chunk_sizes};
use sherpa_core::document::{Pane, pane_items};
use sherpa_core::item_key::{ItemKey, pane_keys};
use sherpa_core::render_text::{TextLine, render_items};
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::{self, Passage, Place, Query, SearchIndex, find_in_summits};

/// Up to how many summits the runner builds the text search index right after a load;
/// over more, a search streams through the summits instead. Building it reads every
/// document and holds it: over 100,000 summits read on demand that was 13.5 s and 2.1 GB,
/// which a reader that shows one summit should not pay for, even for a search.
pub const WARM_SEARCH_INDEX_UP_TO: usize = 20_000;

/// The corpus a search runs over and its folded index, built once, on first use, by
/// whichever thread needs it first (the runner warms it up after a load), for a corpus
/// small enough to index whole; a larger one is searched by streaming through it.
#[derive(Clone)]
pub struct SearchSource {
    corpus: Arc<Corpus>,
    index: Arc<OnceLock<SearchIndex>>,
    /// Up to how many summits the corpus is indexed whole ([`WARM_SEARCH_INDEX_UP_TO`];
    /// lower in tests, which need not generate 20,000 files to stream).
    indexed_up_to: usize,
    /// The generation of the search the app still wants, shared by the app and every
    /// search it asked for, over every corpus it had: a streamed search stops between two
    /// chunks once this is not its own.
    wanted: Arc<AtomicU64>,
}

impl Default for SearchSource {
    fn default() -> Self {
        Self::new(Arc::default())
    }
}

impl SearchSource {
    pub(super) fn new(corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            index: Arc::default(),
            indexed_up_to: WARM_SEARCH_INDEX_UP_TO,
            wanted: Arc::default(),
        }
    }

    /// A source over `corpus` that streams or indexes as this one does, and whose searches
    /// the app stops as it stops this one's: the source of a reloaded corpus.
    fn over(&self, corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            index: Arc::default(),
            indexed_up_to: self.indexed_up_to,
            wanted: Arc::clone(&self.wanted),
        }
    }

    /// The index, built now if no one has built it yet.
    #[must_use]
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.corpus))
    }

    /// Whether the corpus is indexed whole, and the runner builds the index after a load
    /// ([`WARM_SEARCH_INDEX_UP_TO`]); otherwise a search streams through the summits.
    #[must_use]
    pub fn warms_up(&self) -> bool {
        self.corpus.len() <= self.indexed_up_to
    }

    /// The app wants the search of `generation` and no other.
    fn want(&self, generation: u64) {
        self.wanted.store(generation, Ordering::Relaxed);
    }

    fn is_wanted(&self, generation: u64) -> bool {
        self.wanted.load(Ordering::Relaxed) == generation
    }

    /// The passage at a place this source's search found, with its snippet: built when a
    /// row is drawn, so a common word's tens of thousands of hits cost nothing until seen.
    #[must_use]
    pub fn passage(&self, query: &Query, place: Place) -> Option<Passage> {
        search::passage(&self.corpus, query, place)
    }

    /// The lines of the item at `place`, wrapped to `width`, as its pane draws it: the
    /// finder's preview. One briefing's pane is built, never the corpus.
    #[must_use]
    pub fn item_lines(&self, place: Place, width: usize) -> Vec<TextLine> {
        let Some(briefing) = self.corpus.briefings().get(place.position) else {
            return Vec::new();
        };
        pane_items(briefing, place.pane)
            .get(place.item)
            .map(|item| render_items(std::slice::from_ref(item), width))
            .unwrap_or_default()
    }

    /// The key of the item at `place` in this source's corpus.
    fn key_at(&self, place: Place) -> Option<ItemKey> {
        let briefing = self.corpus.briefings().get(place.position)?;
        pane_keys(briefing, place.pane).into_iter().nth(place.item)
    }

    /// Where the item `key` names is in this source's corpus, if it has it.
    fn place_of(&self, key: &ItemKey) -> Option<Place> {
        let position = self.corpus.position(key.summit())?;
        let briefing = self.corpus.briefings().get(position)?;
        let item = pane_keys(briefing, key.pane())
            .iter()
            .position(|k| k == key)?;
        Some(Place {
            position,
            pane: key.pane(),
            item,
        })
    }

    /// `place`, a place in `from`'s corpus, in this source's corpus: the same item, found
    /// by its key. An item the edit removed (or one new to this corpus) has no key here;
    /// it is taken to its summit (by id) at the same index, the nearest thing to where it
    /// was. `None` when the summit itself is gone.
    fn carry(&self, from: &SearchSource, place: Place) -> Option<Place> {
        if Arc::ptr_eq(&self.corpus, &from.corpus) {
            return Some(place);
        }
        let key = from.key_at(place);
        if let Some(carried) = key.as_ref().and_then(|key| self.place_of(key)) {
            return Some(carried);
        }
        let id = from.corpus.briefings().get(place.position)?.id();
        Some(Place {
            position: self.corpus.position(id)?,
            ..place
        })
    }
}

impl fmt::Debug for SearchSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchSource")
            .field("summits", &self.corpus.len())
            .field("indexed", &self.index.get().is_some())
            .field("indexed_up_to", &self.indexed_up_to)
            .finish_non_exhaustive()
    }
}

/// A search the runner should run away from the drawing thread.
#[derive(Clone)]
pub struct SearchRequest {
    generation: u64,
    query: Query,
    source: SearchSource,
    /// The positions (ascending) of the summits a streamed search goes through; `None`,
    /// every summit. The seam for anything that knows which summits cannot match (the
    /// narrowed reader's summits now; a prefilter of the words each file holds later):
    /// the rest are never read.
    candidates: Option<Arc<[usize]>>,
}

impl SearchRequest {
    /// Runs the search to its end (on whatever thread calls it) and answers once, with
    /// every place found: what tests run in place of the runner's worker.
    #[must_use]
    pub fn run(self) -> SearchResults {
        let mut whole: Option<SearchResults> = None;
        let empty = SearchResults {
            generation: self.generation,
            query: self.query.clone(),
            places: Vec::new(),
            source: self.source.clone(),
            progress: Some(Progress {
                searched: 0,
                of: self.summits_searched(),
            }),
        };
        self.run_reporting(|results| {
            match &mut whole {
                Some(whole) => {
                    whole.places.extend(results.places);
                    whole.progress = results.progress;
                }
                None => whole = Some(results),
            }
            true
        });
        whole.unwrap_or(empty)
    }

    /// Runs the search (on whatever thread calls it), handing `report` what it finds:
    /// over an indexed corpus every place at once; otherwise the places in each chunk of
    /// summits as soon as the chunk is searched, in corpus order, the last report marked
    /// complete. Stops between two chunks once the app wants another search (or none),
    /// or once `report` returns `false` (no one listens).
    pub fn run_reporting(self, mut report: impl FnMut(SearchResults) -> bool) {
        let results = |places, progress| SearchResults {
            generation: self.generation,
            query: self.query.clone(),
            places,
            source: self.source.clone(),
            progress,
        };
        if self.source.warms_up() {
            let places = self.source.index().find(&self.source.corpus, &self.query);
            report(results(places, None));
            return;
        }
        let positions =
            (self.candidates.clone()).unwrap_or_else(|| (0..self.source.corpus.len()).collect());
        // Only the summits whose signature can hold the query (all, until a search has
        // signed them, which this one does as it reads them): a rare word over 100,000
        // then reads a few hundred documents. Each chunk's signatures are read as the
        // search comes to it, so the first passages come at once.
        let may_match = self.source.corpus.may_match(&self.query);
        let unheld = self.source.corpus.unheld();
        let started = std::time::Instant::now();
        let mut searched = 0;
        let mut found = 0;
        let wanted = || self.source.is_wanted(self.generation);
        for chunk in chunk_sizes() {
            let rest = positions.get(searched..).unwrap_or_default();
            let seen = |position, text: &str, read_anew: Option<&_>| {
                may_match.seen(position, text, read_anew);
            };
            let found_in_chunk =
                may_match
                    .narrow(rest, chunk, wanted)
                    .and_then(|(gone_through, may_hold)| {
                        let places = find_in_summits(&unheld, &may_hold, &self.query, wanted, seen);
                        Some((gone_through, places?))
                    });
            // What was signed is kept even if the search stops: it describes the files.
            may_match.store();
            let Some((gone_through, places)) = found_in_chunk else {
                let elapsed_ms = started.elapsed().as_millis();
                tracing::info!(searched, found, elapsed_ms, "streamed search stopped");
                return;
            };
            let first = searched == 0;
            searched += gone_through;
            // Of every summit the search goes through, from the first report on: those
            // the prefilter ruled out were gone through too.
            let progress = (searched < positions.len()).then_some(Progress {
                searched,
                of: positions.len(),
            });
            let done = progress.is_none();
            found += places.len();
            if done || first {
                let what = if done { "complete" } else { "first chunk" };
                let elapsed_ms = started.elapsed().as_millis();
                tracing::info!(searched, found, elapsed_ms, "streamed search: {what}");
            }
            if !report(results(places, progress)) || done {
                return;
            }
        }
    }

    /// How many summits the search goes through.
    fn summits_searched(&self) -> usize {
        self.candidates
            .as_ref()
            .map_or(self.source.corpus.len(), |candidates| candidates.len())
    }
}

impl fmt::Debug for SearchRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchRequest")
            .field("generation", &self.generation)
            .field("query", &self.query.text())
            .finish_non_exhaustive()
    }
}

impl PartialEq for SearchRequest {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && self.query == other.query
    }
}

impl Eq for SearchRequest {}

/// What a search found, for the request of the same generation: every place, or, from a
/// search that streams, those of the summits searched since its last report.
#[derive(Debug, Clone)]
pub struct SearchResults {
    generation: u64,
    query: Query,
    places: Vec<Place>,
    source: SearchSource,
    /// How far a streamed search has gone; `None` once it is complete.
    progress: Option<Progress>,
}

/// How far a streamed search has gone: summits gone through (searched, or ruled out by
/// the search prefilter), of all those it goes through (every summit, or the narrowed
/// reader's), the same total from its first report to its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub searched: usize,
    pub of: usize,
}

/// The finder's text hits for its current query.
#[derive(Debug, Clone, Default)]
pub struct Passages {
    /// The query they answer, `None` while the finder's query is empty.
    pub query: Option<Query>,
    /// Where every matching item is, in corpus order.
    pub hits: Arc<Vec<Place>>,
    /// What was searched, to draw each row's passage from.
    pub source: SearchSource,
    /// A newer query's hits are still being computed.
    pub pending: bool,
    /// The summit being read, whose hits the finder lists first, since a reader most
    /// often looks for something here.
    home: usize,
    /// The order the finder lists the hits in (the home summit's first).
    order: ListedOrder,
    /// How far the search streaming `hits` has gone; `None` once they are all found.
    pub progress: Option<Progress>,
    /// The search these hits came from: its later reports add to them.
    generation: u64,
    /// How many summits `hits` are in, counted as each report arrives: the finder's title
    /// says it on every frame, and a common word's hits over 100,000 summits are
    /// hundreds of thousands of places to count again.
    summits: usize,
}

impl Passages {
    /// The index in `hits` of the finder's `row`-th passage: the summit being read's
    /// hits first, then the others in corpus order. Arithmetic, so listing costs nothing
    /// per hit however common the word.
    #[must_use]
    pub fn hit_index(&self, row: usize) -> Option<usize> {
        self.order.index(row, self.hits.len())
    }

    /// The finder's row (counted from the first passage) of the hit at `index` in `hits`:
    /// the inverse of [`Passages::hit_index`].
    fn row_of(&self, index: usize) -> usize {
        self.order.row(index)
    }

    /// Takes a search's report: a newer search's places replace the hits, a later chunk
    /// of the same search adds to them (both in corpus order).
    fn receive(&mut self, results: SearchResults, places: Vec<Place>, current: usize) {
        if self.generation == results.generation {
            self.summits += summits_after(self.hits.last(), &places);
            Arc::make_mut(&mut self.hits).extend(places);
        } else {
            self.summits = summits_after(None, &places);
            self.hits = Arc::new(places);
            self.query = Some(results.query);
            self.source = results.source;
            self.generation = results.generation;
        }
        self.pending = false;
        self.progress = results.progress;
        self.home = current;
        self.order = ListedOrder::of(&self.hits, current);
    }

    /// The hits in the summit being read (a run of `hits`, which are in corpus order):
    /// the finder lists them first.
    #[must_use]
    pub fn here(&self) -> std::ops::Range<usize> {
        self.order.home.clone()
    }

    /// How many summits the hits are in.
    #[must_use]
    pub fn summits(&self) -> usize {
        self.summits
    }

    /// The search kept once the passage at `hits[current]` is opened, which the rest of a
    /// streamed search goes on adding to.
    #[must_use]
    pub fn active(&self, current: usize) -> Option<ActiveSearch> {
        let mut search = self.kept()?;
        search.current = Some(current);
        Some(search)
    }

    /// The search kept when the finder closes on a row that is not a passage (a summit, a
    /// note), as `less` keeps the pattern after `/word` Enter: no passage is shown yet, and
    /// `n`/`N` start from wherever the reader then is. `None` while the finder's query is
    /// empty.
    #[must_use]
    pub fn kept(&self) -> Option<ActiveSearch> {
        Some(ActiveSearch {
            query: self.query.clone()?,
            places: Arc::clone(&self.hits),
            source: self.source.clone(),
            current: None,
            home: self.home,
            shown_at: None,
            progress: self.progress,
            generation: self.generation,
        })
    }
}

/// The order the finder lists a search's places in, which `n`/`N` and `match 3 of 41`
/// follow too, so the passage opened from the first row is match 1 and `n` goes to the
/// row below: the places in the home summit (the one being read when the finder listed
/// them) first, then every other in corpus order. The places are in corpus order, so the
/// home summit's are a run of them and the order is arithmetic on indexes: nothing is
/// sorted or copied, however common the word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ListedOrder {
    /// The home summit's run of the places.
    home: std::ops::Range<usize>,
}

impl ListedOrder {
    fn of(places: &[Place], home: usize) -> Self {
        let start = places.partition_point(|p| p.position < home);
        let end = places.partition_point(|p| p.position <= home);
        Self { home: start..end }
    }

    /// The index in the places of the `row`-th listed, if there are more than `row`.
    fn index(&self, row: usize, len: usize) -> Option<usize> {
        let first = self.home.len();
        let index = if row < first {
            self.home.start + row
        } else if row - first < self.home.start {
            row - first
        } else {
            row
        };
        (index < len).then_some(index)
    }

    /// The row the place at `index` is listed at: the inverse of [`ListedOrder::index`].
    fn row(&self, index: usize) -> usize {
        if self.home.contains(&index) {
            index - self.home.start
        } else if index < self.home.start {
            self.home.len() + index
        } else {
            index
        }
    }

    /// How many rows list a place for which `before` holds, `before` being true of a
    /// first stretch of the rows (a place ranked before some point): a binary search.
    fn rows_while(&self, places: &[Place], before: impl Fn(&Place) -> bool) -> usize {
        let (mut low, mut high) = (0, places.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let listed = self.index(middle, places.len()).and_then(|i| places.get(i));
            if listed.is_some_and(&before) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// How many summits `places` (in corpus order) are in besides the one of `last`, the place
/// before them.
fn summits_after(last: Option<&Place>, places: &[Place]) -> usize {
    let mut before = last.map(|place| place.position);
    let mut summits = 0;
    for place in places {
        if before != Some(place.position) {
            summits += 1;
            before = Some(place.position);
        }
    }
    summits
}

/// A search kept after a passage was opened: every match on screen is highlighted and
/// `n`/`N` go from passage to passage.
#[derive(Debug, Clone)]
pub struct ActiveSearch {
    pub query: Query,
    pub places: Arc<Vec<Place>>,
    pub source: SearchSource,
    /// The passage last jumped to; `None` until `n`/`N` show one, when the search was kept
    /// from the finder closed on a summit's row.
    pub current: Option<usize>,
    /// The summit whose passages the finder listed first, and `n` and the count take first.
    home: usize,
    /// Where the reader's grid stood once that passage was shown. While it stands there,
    /// `n`/`N` go on from that passage, even after the summary or sources view that showed
    /// it was closed: the grid's own selection would start elsewhere and skip matches.
    pub(super) shown_at: Option<GridSpot>,
    /// How far the search streaming `places` had gone when last heard from; `None` once
    /// they are all found.
    pub progress: Option<Progress>,
    /// The search `places` came from, whose later reports add to them.
    generation: u64,
}

impl ActiveSearch {
    /// Where the passage last jumped to is listed in the finder, counted from 1: the `3`
    /// of `match 3 of 41`; `None` before one was shown.
    #[must_use]
    pub fn number(&self) -> Option<usize> {
        Some(self.order().row(self.current?) + 1)
    }

    /// The passage last jumped to, if one was.
    fn shown(&self) -> Option<Place> {
        self.places.get(self.current?).copied()
    }

    fn order(&self) -> ListedOrder {
        ListedOrder::of(&self.places, self.home)
    }

    /// Whether `place` is listed before `other`: the home summit first, then corpus order.
    fn listed_before(&self, place: &Place, other: &Place) -> bool {
        (place.position != self.home, place) < (other.position != self.home, other)
    }
}

/// Where `n`/`N` go on from, in the searched corpus's places.
enum ReadingPlace {
    /// On this place (a passage shown, or the item selected): `n` goes past it.
    On(Place),
    /// At the start of this place's summit, gone to from the finder: `n` goes to the
    /// summit's first passage.
    SummitStart(Place),
    /// In a summit the search's corpus does not have.
    Elsewhere,
}

/// The summit, the focused pane and its selected item: where the grid stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct GridSpot {
    position: usize,
    focus: GridPane,
    selected: usize,
}

impl App {
    /// The corpus and index a search would run over.
    #[must_use]
    pub fn search_source(&self) -> SearchSource {
        self.search_source.clone()
    }

    /// The search active in the reader, if any.
    #[must_use]
    pub fn search(&self) -> Option<&ActiveSearch> {
        self.search.as_ref()
    }

    /// The finder's query changed: its passages must be found again.
    pub(super) fn request_search(&mut self) -> Effect {
        let Overlay::Picker(picker) = &self.overlay else {
            return Effect::None;
        };
        if picker.passages.is_none() {
            return Effect::None;
        }
        let query = Query::new(&picker.query);
        let notes = query
            .as_ref()
            .map(|query| self.notes_matching(query))
            .unwrap_or_default();
        let Overlay::Picker(picker) = &mut self.overlay else {
            return Effect::None;
        };
        picker.notes = notes;
        let Some(passages) = &mut picker.passages else {
            return Effect::None;
        };
        self.search_generation += 1;
        self.search_source.want(self.search_generation);
        if let Some(query) = query {
            passages.pending = true;
            let candidates =
                (self.narrowed.as_ref()).map(|narrowed| narrowed.positions.as_slice().into());
            Effect::Search(SearchRequest {
                generation: self.search_generation,
                query,
                source: self.search_source.clone(),
                candidates,
            })
        } else {
            *passages = Passages::default();
            Effect::None
        }
    }

    /// Your notes whose text matches `query`, on the items they stand on now, in the
    /// summits the reader is narrowed to: the finder lists them marked as notes. A note
    /// whose item is gone has nowhere to go and is left to the list of notes.
    fn notes_matching(&self, query: &Query) -> Vec<NoteHit> {
        let matches = query.matcher();
        self.finder_notes
            .placed()
            .filter(|(_, folded, _)| matches(folded))
            .filter_map(|(note, _, place)| {
                let key = place?;
                let shown = (self.narrowed.as_ref()).is_none_or(|narrowed| {
                    (self.corpus.position(key.summit()))
                        .is_some_and(|at| narrowed.positions.binary_search(&at).is_ok())
                });
                shown.then(|| NoteHit {
                    key: key.clone(),
                    text: note.text.clone(),
                })
            })
            .collect()
    }

    /// The runner reports what a search found: all of it, or a streamed search's next
    /// chunk. Answers to older queries are dropped; a search that no one shows any more
    /// (the finder closed, the search it fed cleared) is stopped.
    pub fn search_finished(&mut self, mut results: SearchResults) {
        if results.generation != self.search_generation {
            return;
        }
        // Narrowed, only the narrowed summits' passages (both lists are in corpus order).
        if let Some(narrowed) = &self.narrowed {
            (results.places)
                .retain(|place| narrowed.positions.binary_search(&place.position).is_ok());
        }
        let places = std::mem::take(&mut results.places);
        if let Overlay::Picker(picker) = &mut self.overlay
            && (picker.passages.as_ref())
                .is_some_and(|p| p.pending || p.generation == results.generation)
        {
            let offset = picker.passage_offset();
            let selected = picker.selected;
            let moved = picker.selection_moved();
            if let Some(passages) = &mut picker.passages {
                // A later chunk leaves a selection the user moved on the passage it was on,
                // though the summit being read's passages, listed first, may have come with
                // it; one not moved stays on the top row, as fzf's does.
                let selected_hit = (moved && passages.generation == results.generation)
                    .then(|| passages.hit_index(selected.checked_sub(offset)?))
                    .flatten();
                passages.receive(results, places, self.current);
                if let Some(hit) = selected_hit {
                    picker.selected = offset + passages.row_of(hit);
                }
            }
            picker.clamp_selection();
            return;
        }
        if let Some(search) = &mut self.search
            && search.generation == results.generation
        {
            Arc::make_mut(&mut search.places).extend(places);
            search.progress = results.progress;
            return;
        }
        if results.progress.is_some() {
            self.stop_search();
        }
    }

    /// The finder's query is about to change: its search for the old query stops now,
    /// before the new query's entries are scored, rather than once they are. Over more
    /// summits than are indexed whole, the old query's streamed search held both cores
    /// while the next letter was scored. Other lists have no search of their own (one they
    /// are opened over, feeding the reader's active search, goes on).
    pub(super) fn stop_finder_search(&mut self) {
        if matches!(&self.overlay, Overlay::Picker(picker) if picker.passages.is_some()) {
            self.stop_search();
        }
    }

    /// Stops the search running, if any: its later reports are dropped, and a streamed
    /// search ends at its next chunk.
    fn stop_search(&mut self) {
        self.search_generation += 1;
        self.search_source.want(self.search_generation);
    }

    /// `Esc` in a list: it closes, and the finder's search stops with it, unless it feeds
    /// the active search (a passage opened while the search went on).
    pub(super) fn close_list(&mut self) {
        self.close_view();
        let feeds_search = (self.search.as_ref())
            .is_some_and(|search| search.generation == self.search_generation);
        if !feeds_search {
            self.stop_search();
        }
    }

    /// The search the finder's query stays as when the finder closes on a summit's or a
    /// note's row ([`Passages::kept`]). While the typed query's passages are still being
    /// found, the search starts with none, and they join it as they arrive.
    pub(super) fn search_kept_by_finder(&self) -> Option<ActiveSearch> {
        let Overlay::Picker(picker) = &self.overlay else {
            return None;
        };
        let passages = picker.passages.as_ref()?;
        if !passages.pending {
            return passages.kept();
        }
        let summits = (self.narrowed.as_ref()).map_or(self.corpus.len(), |n| n.positions.len());
        Some(ActiveSearch {
            query: Query::new(&picker.query)?,
            places: Arc::default(),
            source: self.search_source.clone(),
            current: None,
            home: self.current,
            shown_at: None,
            progress: Some(Progress {
                searched: 0,
                of: summits,
            }),
            generation: self.search_generation,
        })
    }

    /// Keeps `search` (from [`App::search_kept_by_finder`]) active after the finder went
    /// to a summit or a note, and says what `n`/`N` will do with it, unless the jump left
    /// a message of its own. A query no passage holds is not kept: `n` would only say so.
    /// Gone to a summit (`at_summit_start`), `n` starts at its start until the grid moves,
    /// as `less` searches on from the top of the page it just showed; gone to a note's
    /// item, from that item.
    pub(super) fn keep_search(&mut self, mut search: ActiveSearch, at_summit_start: bool) {
        if at_summit_start {
            search.shown_at = Some(self.grid_spot());
        }
        let count = search.places.len();
        let word = sanitize_line(search.query.text()).to_string();
        let [next, prev] =
            [Command::NextMatch, Command::PrevMatch].map(|c| self.keymap().key_for(c));
        let text = match (count, search.progress) {
            (0, None) => format!("No passage holds \"{word}\": {next}/{prev} have nothing to find"),
            (_, Some(_)) => format!(
                "{next}/{prev} step through the passages of \"{word}\" (still searching: {count} so far)"
            ),
            (1, None) => format!("{next}/{prev} go to the one passage of \"{word}\""),
            (_, None) => format!("{next}/{prev} step through the {count} passages of \"{word}\""),
        };
        if count > 0 || search.progress.is_some() {
            self.search = Some(search);
        }
        if self.status.is_none() {
            self.set_status(text, false);
        }
    }

    /// Opens the search's current passage and keeps the search active for `n`/`N`.
    pub(super) fn open_passage(&mut self, search: ActiveSearch) {
        let Some(found) = search.shown() else {
            return;
        };
        // The corpus may have been reloaded since the search ran: the item is found by
        // its key.
        let carried = self.search_source.carry(&search.source, found);
        self.search = Some(search);
        let Some(place) = carried else {
            self.set_status("That summit is no longer loaded", true);
            return;
        };
        self.go_to(place.position);
        self.overlay = Overlay::None;
        if let Some(pane) = GridPane::of(place.pane) {
            self.set_focus(pane);
            let view = &mut self.panes[pane];
            view.selected = place.item;
            view.clamp();
            view.reveal_selected();
            let lines = view.item_range(place.item);
            if let Some(line) = self.first_match_line(lines) {
                self.panes[pane].reveal_line(line);
            }
        } else {
            let kind = if place.pane == Pane::Summary {
                OverlayKind::Summary
            } else {
                OverlayKind::Sources
            };
            self.open_overlay(kind);
            self.reveal_overlay_item(place.item);
        }
        let spot = self.grid_spot();
        if let Some(search) = &mut self.search {
            search.shown_at = Some(spot);
        }
    }

    fn grid_spot(&self) -> GridSpot {
        GridSpot {
            position: self.current,
            focus: self.focus,
            selected: self.panes[self.focus].selected,
        }
    }

    /// The first line of `lines` (in the focused pane) showing a match of the search.
    fn first_match_line(&self, lines: std::ops::Range<usize>) -> Option<usize> {
        let search = self.search.as_ref()?;
        let view = &self.panes[self.focus];
        lines.into_iter().find(|&i| {
            view.text
                .lines
                .get(i)
                .is_some_and(|line| !search.query.highlights(&line.text).is_empty())
        })
    }

    /// Scrolls the open text view to the first match inside item `item`.
    fn reveal_overlay_item(&mut self, item: usize) {
        let Overlay::Text(overlay) = &mut self.overlay else {
            return;
        };
        let Some(search) = &self.search else {
            return;
        };
        let lines = &overlay.text.lines;
        let in_item = |i: &usize| lines[*i].item == Some(item);
        let target = (0..lines.len())
            .filter(in_item)
            .find(|&i| !search.query.highlights(&lines[i].text).is_empty())
            .or_else(|| (0..lines.len()).find(in_item));
        if let Some(line) = target {
            // Some context above the match, as `less` leaves.
            overlay.text.scroll = line.saturating_sub(2);
            overlay.text.clamp();
        }
        // The matched source is the one `o` and `y` act on, drawn selected, not the one
        // whose end the context above it shows.
        if overlay.kind == OverlayKind::Sources {
            overlay.selected = Some(item);
        }
    }

    /// `n` / `N`: the next or previous passage from where the reader is, in the order the
    /// finder listed them (the summit it was opened on first, then corpus order), wrapping
    /// around at either end with a message: every passage once, then the first again.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(search) = &self.search else {
            let find = self.keymap().key_for(Command::Find);
            self.set_status(format!("No search is active: {find} finds text"), false);
            return;
        };
        let mut search = search.clone();
        let (here, at_summit_start) = match self.reading_place(&search) {
            ReadingPlace::On(place) => (Some(place), false),
            ReadingPlace::SummitStart(place) => (Some(place), true),
            ReadingPlace::Elsewhere => (None, false),
        };
        let order = search.order();
        let places = &search.places;
        let count = places.len();
        // Rows listing a place before where the reader is, and up to it (its own row, when
        // the reader is on a passage; none of the summit's, at its start).
        let rows_before =
            here.map(|here| order.rows_while(places, |p| search.listed_before(p, &here)));
        let rows_to = if at_summit_start {
            rows_before
        } else {
            here.map(|here| order.rows_while(places, |p| !search.listed_before(&here, p)))
        };
        if let Some(progress) = search.progress {
            // The matches found so far are not all of them: going round to the other end
            // would skip those still to be found.
            let further = match (rows_before, rows_to) {
                (_, Some(rows_to)) if forward => rows_to < count,
                (Some(rows_before), _) => rows_before > 0,
                // From the start, then: the first match found is the first there is.
                _ => forward && count > 0,
            };
            if !further {
                let Progress { searched, of } = progress;
                let way = if forward { "later" } else { "earlier" };
                self.set_status(
                    format!("No {way} match in the {searched} of {of} summits searched so far"),
                    false,
                );
                return;
            }
        }
        if count == 0 {
            self.set_status("The search has no matches", false);
            return;
        }
        // Reading a summit the search's corpus does not have (new since a reload): the
        // walk starts again from either end.
        let (row, wrapped) = if forward {
            match rows_to {
                Some(rows_to) if rows_to < count => (rows_to, false),
                _ => (0, here.is_some()),
            }
        } else {
            match rows_before {
                Some(rows_before) if rows_before > 0 => (rows_before - 1, false),
                _ => (count - 1, here.is_some()),
            }
        };
        let Some(next) = order.index(row, count) else {
            return;
        };
        search.current = Some(next);
        self.open_passage(search);
        if wrapped {
            // The message takes the status line, so it carries the count the line shows.
            let end = if forward { "first" } else { "last" };
            self.set_status(
                format!(
                    "Search wrapped around to the {end} match: match {} of {count}",
                    row + 1
                ),
                false,
            );
        }
    }

    /// Where the reader is, as a place in the corpus `search` searched: the passage last
    /// shown while the grid stands where it left the reader, else the open summary or
    /// sources view or the focused pane, and the selected item, carried into that corpus
    /// by its key. `None` when the summit being read is not in it.
    fn reading_place(&self, search: &ActiveSearch) -> ReadingPlace {
        if matches!(self.overlay, Overlay::None) && search.shown_at == Some(self.grid_spot()) {
            if let Some(shown) = search.shown() {
                return ReadingPlace::On(shown);
            }
            // Just gone to from the finder: `n` starts with the summit's first passage,
            // its summary's included, though the grid stands on a later pane.
            let start = Place {
                position: self.current,
                pane: Pane::Summary,
                item: 0,
            };
            return (search.source.carry(&self.search_source, start))
                .map_or(ReadingPlace::Elsewhere, ReadingPlace::SummitStart);
        }
        let (pane, item) = match &self.overlay {
            Overlay::Text(overlay) if overlay.kind == OverlayKind::Summary => {
                (Pane::Summary, self.overlay_item(overlay))
            }
            Overlay::Text(overlay) if overlay.kind == OverlayKind::Sources => {
                (Pane::Sources, self.overlay_item(overlay))
            }
            _ => (self.focused_pane(), self.panes[self.focus].selected),
        };
        let here = Place {
            position: self.current,
            pane,
            item,
        };
        (search.source.carry(&self.search_source, here))
            .map_or(ReadingPlace::Elsewhere, ReadingPlace::On)
    }

    /// The item at the top of a text view, or the current passage's when it is on screen.
    fn overlay_item(&self, overlay: &TextOverlay) -> usize {
        let current = self
            .search
            .as_ref()
            .and_then(|s| self.search_source.carry(&s.source, s.shown()?))
            .map(|p| p.item);
        let visible: Vec<usize> = overlay
            .text
            .lines
            .iter()
            .skip(overlay.text.scroll)
            .take(overlay.text.window())
            .filter_map(|line| line.item)
            .collect();
        match current {
            Some(item) if visible.contains(&item) => item,
            _ => visible.first().copied().unwrap_or(0),
        }
    }

    /// `Esc` in the reader: the search ends and its highlights go (and stops, if it was
    /// still streaming).
    pub(super) fn clear_search(&mut self) {
        if let Some(search) = self.search.take() {
            if search.generation == self.search_generation {
                self.stop_search();
            }
            self.set_status("Search cleared", false);
        }
    }

    /// A new corpus gets a new source. An active search keeps its passages and the corpus
    /// they are places in: each is carried into the new corpus by its item's key when it
    /// is used, and the highlights come from the query itself.
    pub(super) fn reset_search_source(&mut self) {
        self.search_source = self.search_source.over(Arc::clone(&self.corpus));
    }

    /// This app indexing a corpus whole for text search up to `summits` summits, and
    /// streaming through a larger one ([`WARM_SEARCH_INDEX_UP_TO`] by default): how tests
    /// reach the streamed search without generating 20,000 files.
    #[must_use]
    pub fn with_search_indexed_up_to(mut self, summits: usize) -> Self {
        self.search_source.indexed_up_to = summits;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(positions: &[usize]) -> Vec<Place> {
        (positions.iter())
            .map(|&position| Place {
                position,
                pane: Pane::Goals,
                item: 0,
            })
            .collect()
    }

    #[test]
    fn summits_are_counted_once_across_the_reports_of_a_streamed_search() {
        let first = places(&[2, 2, 5]);
        assert_eq!(summits_after(None, &first), 2);
        // The next report goes on in summit 5, then two more.
        assert_eq!(summits_after(first.last(), &places(&[5, 5, 7, 9])), 2);
        assert_eq!(summits_after(first.last(), &[]), 0);
        assert_eq!(summits_after(None, &[]), 0);
    }
}
