//! Text search in the reader: the finder's passages, computed off the drawing thread, and
//! the search that stays active after a passage is opened (highlights, `n`/`N`, `Esc`).
//!
//! A keystroke in the finder asks the runner for a search ([`Effect::Search`]); the runner
//! runs [`SearchRequest::run`] on a worker and reports back with
//! [`App::search_finished`]. A newer query makes an older answer stale: each request
//! carries a generation and only the latest is kept. Tests run the request in place.
//!
//! A search's places are positions in the corpus it searched, which live reload replaces:
//! every place is carried into the corpus being read by its item's [`ItemKey`] (summit,
//! pane, the item's own identity), so an item inserted above a match, or the matches'
//! summit moving in date order, leaves `n`, `N` and Enter on the same item.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::{App, Effect, NoteHit, Overlay, OverlayKind, TextOverlay};
use crate::grid::GridPane;
use crate::keymap::Command;
use sherpa_core::corpus::Corpus;
use sherpa_core::document::{Pane, pane_items};
use sherpa_core::item_key::{ItemKey, pane_keys};
use sherpa_core::render_text::{TextLine, render_items};
use sherpa_core::search::{self, Passage, Place, Query, SearchIndex};

/// Up to how many summits the runner builds the text search index right after a load;
/// over more, the first text search builds it. Building it reads every document: over
/// 100,000 summits read on demand that is seconds and most of the reader's memory, which
/// a start that shows one summit should not pay for a search it may never run.
pub const WARM_SEARCH_INDEX_UP_TO: usize = 20_000;

/// What the status line says while the first text search builds the index.
const BUILDING_INDEX: &str = "Building the text search index";

/// The corpus a search runs over and its folded index, built once, on first use, by
/// whichever thread needs it first (the runner warms it up after a load).
#[derive(Clone, Default)]
pub struct SearchSource {
    corpus: Arc<Corpus>,
    index: Arc<OnceLock<SearchIndex>>,
}

impl SearchSource {
    pub(super) fn new(corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            index: Arc::default(),
        }
    }

    /// The index, built now if no one has built it yet.
    #[must_use]
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            // A search that builds the index (over a large corpus) has the reader waiting:
            // the documents are read on every core first. The runner's warm-up reads them
            // as it indexes, on its one thread, so the other stays free for the keys
            // pressed meanwhile (both cores made a finder letter over 10,000 summits
            // take twice as long).
            if !self.warms_up() {
                self.corpus.read_every_document();
            }
            SearchIndex::build(&self.corpus)
        })
    }

    /// Whether the runner builds the index after a load ([`WARM_SEARCH_INDEX_UP_TO`]).
    #[must_use]
    pub fn warms_up(&self) -> bool {
        self.corpus.len() <= WARM_SEARCH_INDEX_UP_TO
    }

    /// Whether a search must first build the index, which a large corpus shows.
    fn builds_first(&self) -> bool {
        self.index.get().is_none() && !self.warms_up()
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
            .finish()
    }
}

/// A search the runner should run away from the drawing thread.
#[derive(Clone)]
pub struct SearchRequest {
    generation: u64,
    query: Query,
    source: SearchSource,
}

impl SearchRequest {
    /// Runs the search (on whatever thread calls it).
    #[must_use]
    pub fn run(self) -> SearchResults {
        let places = self.source.index().find(&self.source.corpus, &self.query);
        SearchResults {
            generation: self.generation,
            query: self.query,
            places: Arc::new(places),
            source: self.source,
        }
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

/// What a search found, for the request of the same generation.
#[derive(Debug, Clone)]
pub struct SearchResults {
    generation: u64,
    query: Query,
    places: Arc<Vec<Place>>,
    source: SearchSource,
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
    /// The hits in the summit being read (a run of `hits`, which are in corpus order):
    /// the finder lists them first, since a reader most often looks for something here.
    pub here: std::ops::Range<usize>,
}

impl Passages {
    /// The index in `hits` of the finder's `row`-th passage: the summit being read's
    /// hits first, then the others in corpus order. Arithmetic, so listing costs nothing
    /// per hit however common the word.
    #[must_use]
    pub fn hit_index(&self, row: usize) -> Option<usize> {
        let here = self.here.len();
        let index = if row < here {
            self.here.start + row
        } else if row - here < self.here.start {
            row - here
        } else {
            row
        };
        (index < self.hits.len()).then_some(index)
    }

    /// The run of `hits` (in corpus order) that is in the summit at `position`.
    fn run_in(hits: &[Place], position: usize) -> std::ops::Range<usize> {
        let start = hits.partition_point(|p| p.position < position);
        let end = hits.partition_point(|p| p.position <= position);
        start..end
    }
}

/// A search kept after a passage was opened: every match on screen is highlighted and
/// `n`/`N` go from passage to passage.
#[derive(Debug, Clone)]
pub struct ActiveSearch {
    pub query: Query,
    pub places: Arc<Vec<Place>>,
    pub source: SearchSource,
    /// The passage last jumped to.
    pub current: usize,
    /// Where the reader's grid stood once that passage was shown. While it stands there,
    /// `n`/`N` go on from that passage, even after the summary or sources view that showed
    /// it was closed: the grid's own selection would start elsewhere and skip matches.
    pub(super) shown_at: Option<GridSpot>,
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
        if query.is_some() && self.search_source.builds_first() {
            let summits = self.corpus.len();
            self.set_status(
                format!("{BUILDING_INDEX} over {summits} summits (once)…"),
                false,
            );
        }
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
        if let Some(query) = query {
            passages.pending = true;
            Effect::Search(SearchRequest {
                generation: self.search_generation,
                query,
                source: self.search_source.clone(),
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

    /// The runner reports a finished search. Answers to older queries are dropped.
    pub fn search_finished(&mut self, results: SearchResults) {
        if (self.status.as_ref()).is_some_and(|status| status.text.starts_with(BUILDING_INDEX)) {
            self.status = None;
        }
        if results.generation != self.search_generation {
            return;
        }
        if let Overlay::Picker(picker) = &mut self.overlay
            && let Some(passages) = &mut picker.passages
        {
            // Narrowed, only the narrowed summits' passages (both lists are in corpus order).
            let hits = match &self.narrowed {
                Some(narrowed) => Arc::new(
                    results
                        .places
                        .iter()
                        .filter(|place| narrowed.positions.binary_search(&place.position).is_ok())
                        .copied()
                        .collect(),
                ),
                None => results.places,
            };
            *passages = Passages {
                query: Some(results.query),
                here: Passages::run_in(&hits, self.current),
                hits,
                source: results.source,
                pending: false,
            };
            picker.clamp_selection();
        }
    }

    /// Opens the search's current passage and keeps the search active for `n`/`N`.
    pub(super) fn open_passage(&mut self, search: ActiveSearch) {
        let Some(&found) = search.places.get(search.current) else {
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
    }

    /// `n` / `N`: the next or previous passage from where the reader is, in corpus order,
    /// wrapping around at either end with a message.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(search) = &self.search else {
            let find = self.keymap().key_for(Command::Find);
            self.set_status(format!("No search is active: {find} finds text"), false);
            return;
        };
        let mut search = search.clone();
        if search.places.is_empty() {
            self.set_status("The search has no matches", false);
            return;
        }
        let here = self.reading_place(&search);
        let places = &search.places;
        // Reading a summit the search's corpus does not have (new since a reload): the
        // walk starts again from either end.
        let (next, wrapped) = if forward {
            match here.and_then(|here| places.iter().position(|p| *p > here)) {
                Some(i) => (i, false),
                None => (0, here.is_some()),
            }
        } else {
            match here.and_then(|here| places.iter().rposition(|p| *p < here)) {
                Some(i) => (i, false),
                None => (places.len() - 1, here.is_some()),
            }
        };
        search.current = next;
        let count = places.len();
        self.open_passage(search);
        if wrapped {
            // The message takes the status line, so it carries the count the line shows.
            let end = if forward { "first" } else { "last" };
            self.set_status(
                format!(
                    "Search wrapped around to the {end} match: match {} of {count}",
                    next + 1
                ),
                false,
            );
        }
    }

    /// Where the reader is, as a place in the corpus `search` searched: the passage last
    /// shown while the grid stands where it left the reader, else the open summary or
    /// sources view or the focused pane, and the selected item, carried into that corpus
    /// by its key. `None` when the summit being read is not in it.
    fn reading_place(&self, search: &ActiveSearch) -> Option<Place> {
        if matches!(self.overlay, Overlay::None)
            && search.shown_at == Some(self.grid_spot())
            && let Some(&shown) = search.places.get(search.current)
        {
            return Some(shown);
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
        search.source.carry(&self.search_source, here)
    }

    /// The item at the top of a text view, or the current passage's when it is on screen.
    fn overlay_item(&self, overlay: &TextOverlay) -> usize {
        let current = self
            .search
            .as_ref()
            .and_then(|s| {
                let place = *s.places.get(s.current)?;
                self.search_source.carry(&s.source, place)
            })
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

    /// `Esc` in the reader: the search ends and its highlights go.
    pub(super) fn clear_search(&mut self) {
        if self.search.take().is_some() {
            self.set_status("Search cleared", false);
        }
    }

    /// A new corpus gets a new source. An active search keeps its passages and the corpus
    /// they are places in: each is carried into the new corpus by its item's key when it
    /// is used, and the highlights come from the query itself.
    pub(super) fn reset_search_source(&mut self) {
        self.search_source = SearchSource::new(Arc::clone(&self.corpus));
    }
}
