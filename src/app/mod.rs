//! The reader's state and its update function: everything the TUI does, testable without a
//! terminal. `update(Action)` changes state and returns an [`Effect`] for the runner;
//! drawing reads the state and never changes it.

mod board;
mod book;
mod changed;
mod effect;
mod hints;
mod lists;
mod narrow;
mod navigation;
pub mod picker;
mod reload;
mod scroll;
mod search;
mod survey;
mod update;
mod views;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::action::Action;
pub use board::BoardView;
pub use book::FinderNotes;
pub use effect::{EditAt, Effect, ReadVersions};
pub use narrow::{Narrowed, Narrowing};
pub use picker::{
    Accept, MatchedChars, NoteHit, Picker, PickerEntries, PickerEntry, PickerRow, SummitEntries,
    YearChart,
};
pub use search::{
    ActiveSearch, Passages, Progress, SearchRequest, SearchResults, SearchSource,
    WARM_SEARCH_INDEX_UP_TO,
};
pub use survey::{SURVEYED_IN_PLACE_UP_TO, SurveyRequest, Surveyed};
pub use update::{EXPORT_WIDTH, WHEEL_LINES};

use crate::grid::{Grid, GridPane};
use crate::keymap::{Command, Context, Key, KeyCode, Keymap};
use crate::layout::{
    MIN_HEIGHT, MIN_WIDTH, fitted_overlay_area, frame_inner, text_overlay_text,
    unbroken_overlay_area,
};
use ratatui::layout::Rect;
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::model::Briefing;
use sherpa_core::render_text::TextLine;

/// Lines seen through a window `height` rows tall, from line `scroll`: what a pane and a
/// text view share, so scrolling is clamped in one place.
#[derive(Debug, Clone, Default)]
pub struct ScrollView {
    pub lines: Vec<TextLine>,
    /// The first visible line.
    pub scroll: usize,
    pub height: u16,
}

impl ScrollView {
    /// The furthest the view can scroll: the last line at the bottom of the window.
    #[must_use]
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.window())
    }

    /// Rows in the window, at least one, so page sizes are never zero.
    #[must_use]
    pub fn window(&self) -> usize {
        usize::from(self.height.max(1))
    }
}

/// One grid pane of the current summit: its wrapped lines and the reader's place in them.
#[derive(Debug, Clone, Default)]
pub struct PaneView {
    /// Lines wrapped to `width`; rebuilt when the summit or the width changes.
    pub text: ScrollView,
    /// Each item's line range, for selection and scrolling.
    pub items: Vec<Range<usize>>,
    pub width: u16,
    pub selected: usize,
}

/// A scrolling text shown over the panes: the help, a summary, the problem list.
#[derive(Debug, Clone)]
pub struct TextOverlay {
    pub title: String,
    /// What the overlay shows; rebuilt (re-wrapped) on resize.
    pub kind: OverlayKind,
    pub text: ScrollView,
    /// The item a click or a search selected in a sources view, which `o` and `y` act on; `None`
    /// (and again after the keys scroll) means the first item that begins on screen.
    pub selected: Option<usize>,
    /// The width of the widest line that cannot be broken (a link alone on its line)
    /// when it is wider than the text, else 0: the box widens to show it whole where the
    /// screen has room (see [`TextOverlay::areas`]).
    pub unbroken: u16,
}

impl TextOverlay {
    /// The view's box on `screen` and where its text goes inside it, for drawing and for
    /// hit-testing alike: the reading width (help's columns for help), or wider for a
    /// link that cannot be broken, the text staying at the reading width at its left.
    #[must_use]
    pub fn areas(&self, screen: Rect) -> (Rect, Rect) {
        let lines = self.text.lines.len();
        let wide = self.kind.is_wide();
        if self.unbroken > 0 && !wide {
            let outer = unbroken_overlay_area(screen, lines, self.unbroken);
            return (outer, frame_inner(outer));
        }
        let outer = fitted_overlay_area(screen, lines, wide);
        (outer, text_overlay_text(outer, wide))
    }

    /// Scrolls just enough to show item `item` whole, or from its first line when it is
    /// taller than the window, as a pane reveals its selected item.
    pub(super) fn reveal_item(&mut self, item: usize) {
        let text = &mut self.text;
        let mut lines = (0..text.lines.len()).filter(|&i| text.lines[i].item == Some(item));
        let Some(first) = lines.next() else {
            return;
        };
        let last = lines.next_back().unwrap_or(first);
        let window = text.window();
        if first < text.scroll || last - first + 1 > window {
            text.scroll = first;
        } else if last >= text.scroll + window {
            text.scroll = last + 1 - window;
        }
        text.clamp();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    Summary,
    Diagnostics,
    Sources,
    ItemSources,
    Changes,
    /// What changed in the summit being read since it was last read.
    SinceRead,
}

impl OverlayKind {
    /// Help is laid out in columns in a wide box; the other views keep the reading width.
    #[must_use]
    pub fn is_wide(self) -> bool {
        self == Self::Help
    }

    /// The action that opens this view, whose key also closes it.
    #[must_use]
    pub fn opened_by(self) -> Action {
        match self {
            Self::Help => Action::ToggleHelp,
            Self::Summary => Action::ToggleSummary,
            Self::Diagnostics => Action::ShowDiagnostics,
            Self::Sources => Action::ShowSources,
            Self::ItemSources => Action::ShowItemSources,
            Self::Changes => Action::ShowChanges,
            Self::SinceRead => Action::ShowSinceRead,
        }
    }
}

/// What sits on top of the panes, if anything.
#[derive(Debug)]
pub enum Overlay {
    None,
    Text(TextOverlay),
    /// The summit finder and the other jump lists; boxed, as it is several times the size
    /// of the other overlays (its matcher's scores and the search's progress).
    Picker(Box<Picker>),
    /// The disagreement board.
    Board(BoardView),
}

impl Overlay {
    /// Help and the finder: opened from a view, they go over it, which comes back as it
    /// was when they close (as in lazygit and helix), instead of replacing it.
    #[must_use]
    pub fn goes_over_views(&self) -> bool {
        match self {
            Self::Text(overlay) => overlay.kind == OverlayKind::Help,
            Self::Picker(picker) => picker.passages.is_some(),
            Self::None | Self::Board(_) => false,
        }
    }
}

/// Where the reader was, for `Backspace`.
#[derive(Debug, Clone, Copy)]
struct Location {
    summit: usize,
    focus: GridPane,
    places: Grid<Place>,
}

/// The selected item and the first visible line of a pane.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    selected: usize,
    scroll: usize,
}

/// The last action's result, shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

/// What the reader is started with, resolved from the command line and the config.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the briefings came from, shown in the status line and the empty state.
    pub origin: String,
    /// Folder where `e` writes exports.
    pub export_dir: PathBuf,
    /// The effective key table (defaults plus the user's config): input and help read it.
    pub keymap: Arc<Keymap>,
    /// Linear, border-free screen for screen readers and braille displays (`--plain`).
    pub plain: bool,
    /// Reopen the corpus where the reader left it (the config's `remember_position`).
    pub remember_position: bool,
}

impl Settings {
    /// Default keys and the bordered layout, for briefings from `origin`.
    #[must_use]
    pub fn new(origin: impl Into<String>, export_dir: impl Into<PathBuf>) -> Self {
        Self {
            origin: origin.into(),
            export_dir: export_dir.into(),
            keymap: Arc::new(Keymap::default()),
            plain: false,
            remember_position: true,
        }
    }
}

/// The whole state of the reader. Fields are private: everything that changes it is an
/// [`Action`] through [`App::update`] or a report from the runner.
#[derive(Debug)]
pub struct App {
    /// Shared with the search worker, which reads it while the reader goes on.
    corpus: Arc<Corpus>,
    settings: Settings,
    /// Position of the current summit in the corpus (date order).
    current: usize,
    focus: GridPane,
    zoom: bool,
    panes: Grid<PaneView>,
    overlay: Overlay,
    /// The view help or the finder was opened over, given back as it was when they close;
    /// dropped once they go anywhere else (a summit, a passage, another view).
    beneath: Option<Overlay>,
    history: Vec<Location>,
    status: Option<StatusMessage>,
    width: u16,
    height: u16,
    running: bool,
    /// True while the corpus is still being read in the background.
    loading: bool,
    /// The summit the reader was on when its file stopped loading, to return to.
    awaited: Option<String>,
    /// The finder's entries, built once per corpus, on first use.
    summit_entries: SummitEntries,
    /// What text searches run over: this corpus and its index, built on first use.
    search_source: SearchSource,
    /// The search kept after a passage was opened: highlights and `n`/`N`.
    search: Option<ActiveSearch>,
    /// The summit (by id) the "what changed" view compares the current one with.
    compared: Option<String>,
    /// Counts search requests, so an answer to an older query is recognised and dropped.
    search_generation: u64,
    /// Your marks, notes and place (see `book`).
    book: sherpa_core::store::Store,
    /// Your notes folded for the finder and placed in this corpus, once, not per key.
    finder_notes: book::FinderNotes,
    /// How far the store's file and the place kept in it have come.
    book_progress: book::BookProgress,
    /// The note being written, while the input line is open.
    note_input: Option<book::NoteInput>,
    /// The tag or participant the reader is narrowed to, and its summits.
    narrowed: Option<Narrowed>,
    /// What changed in each summit since it was last read.
    since_read: changed::SinceRead,
    /// The item keys of each pane of the current summit, built when the summit is shown:
    /// the marks' stars, the notes and their counts are looked up by key on every frame.
    item_keys: Grid<Vec<sherpa_core::item_key::ItemKey>>,
    /// The view over many summits being worked out by the runner, if any.
    surveys: survey::Surveys,
}

impl App {
    /// A reader on `corpus` at its first summit, sized for a terminal of `width` × `height`.
    #[must_use]
    pub fn new(corpus: Corpus, settings: Settings, width: u16, height: u16) -> Self {
        let corpus = Arc::new(corpus);
        let mut app = Self {
            summit_entries: SummitEntries::new(Arc::clone(&corpus)),
            search_source: SearchSource::new(Arc::clone(&corpus)),
            search: None,
            search_generation: 0,
            compared: None,
            corpus,
            settings,
            current: 0,
            focus: GridPane::default(),
            zoom: false,
            panes: Grid::default(),
            overlay: Overlay::None,
            beneath: None,
            history: Vec::new(),
            status: None,
            width,
            height,
            running: true,
            loading: false,
            awaited: None,
            book: sherpa_core::store::Store::default(),
            finder_notes: book::FinderNotes::default(),
            book_progress: book::BookProgress::default(),
            note_input: None,
            narrowed: None,
            since_read: changed::SinceRead::default(),
            item_keys: Grid::default(),
            surveys: survey::Surveys::default(),
        };
        app.place_notes_anew();
        app.refresh_item_keys();
        app.relayout();
        app
    }

    /// An empty reader waiting for the corpus read in the background; the runner calls
    /// [`App::corpus_loaded`] when it arrives.
    #[must_use]
    pub fn loading(settings: Settings, width: u16, height: u16) -> Self {
        let mut app = Self::new(Corpus::default(), settings, width, height);
        app.loading = true;
        app
    }

    /// The finder's entries for this corpus (built on first use).
    #[must_use]
    pub fn summit_entries(&self) -> SummitEntries {
        self.summit_entries.clone()
    }

    /// The corpus, to hand to another thread.
    #[must_use]
    pub fn shared_corpus(&self) -> Arc<Corpus> {
        Arc::clone(&self.corpus)
    }

    #[must_use]
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    #[must_use]
    pub fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    #[must_use]
    pub fn is_plain(&self) -> bool {
        self.settings.plain
    }

    /// Position of the current summit in the corpus (date order).
    #[must_use]
    pub fn current(&self) -> usize {
        self.current
    }

    #[must_use]
    pub fn focus(&self) -> GridPane {
        self.focus
    }

    /// Whether a zoomed pane is what the screen shows. A zoom asked for on the grid is
    /// kept while the terminal is too narrow for the grid (one pane fills it anyway, so
    /// nothing says "zoomed" there) and shows again once the grid has room, as tmux keeps
    /// a zoomed pane through a resize.
    #[must_use]
    pub fn is_zoomed(&self) -> bool {
        self.zoom && !self.shows_one_pane()
    }

    #[must_use]
    pub fn pane(&self, pane: GridPane) -> &PaneView {
        &self.panes[pane]
    }

    #[must_use]
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The view under help or the finder, drawn behind them, if they were opened over one.
    #[must_use]
    pub fn view_beneath(&self) -> Option<&Overlay> {
        self.beneath.as_ref()
    }

    /// The last action's message, if it left one.
    #[must_use]
    pub fn status(&self) -> Option<&StatusMessage> {
        self.status.as_ref()
    }

    /// The terminal size the state was laid out for.
    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// False once the user asked to quit.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// True while the corpus is still being read in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading
    }

    /// The id of a summit whose file broke, which the reader returns to when it loads.
    #[must_use]
    pub fn awaited(&self) -> Option<&str> {
        self.awaited.as_deref()
    }

    /// The summit being read, if the corpus has any.
    #[must_use]
    pub fn briefing(&self) -> Option<&Briefing> {
        self.corpus.briefings().get(self.current)
    }

    /// The focused pane's kind.
    #[must_use]
    pub fn focused_pane(&self) -> Pane {
        self.focus.pane()
    }

    /// The action a key performs now. A text view also closes on the key that opened it,
    /// whatever that key is remapped to, so toggles stay toggles. On the "terminal too
    /// small" screen, which says "press q to quit", the quit keys quit whatever is open
    /// behind it (a list would otherwise take `q` as filter text).
    #[must_use]
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        let quit = self.keymap().action_for(Context::Reader, key) == Some(Action::Quit);
        if quit && self.is_too_small() {
            return Some(Action::Quit);
        }
        // The finder's query takes every character, the find key's too: it is open already.
        if let (Overlay::Picker(picker), KeyCode::Char(c)) = (&self.overlay, key.code)
            && picker.passages.is_some()
            && key.types_text()
        {
            return Some(Action::FinderInput(c));
        }
        self.keymap()
            .action_for(self.context(), key)
            .or_else(|| match &self.overlay {
                Overlay::Text(overlay) => self.closes(key, overlay.kind.opened_by()),
                Overlay::Board(_) => self.closes(key, Action::ShowBoard),
                _ => None,
            })
    }

    /// Performs what a key does now (see [`App::action_for_key`]). A key with no binding
    /// changes nothing, as in helix or lazygit; an Alt key says so, because a terminal
    /// reads `Esc` typed just before a key (inside tmux's escape delay, or over a slow
    /// link) as that key with Alt: the user meant `Esc q` and needs to know why the view
    /// stayed open, rather than guess.
    pub fn press(&mut self, key: Key) -> Effect {
        if let Some(action) = self.action_for_key(key) {
            return self.update(action);
        }
        if self.context() == Context::Reader
            && self.keymap().command_for(Context::Text, key) == Some(Command::Open)
        {
            self.explain_source_opener(key);
            return Effect::None;
        }
        if key.alt && !key.ctrl {
            let plain = Key { alt: false, ..key };
            self.set_status(
                format!("{key} does nothing here (Esc typed just before {plain} reads as {key})"),
                false,
            );
        }
        Effect::None
    }

    /// The sources views' key for opening a link (`o`), pressed in the reader, where it is
    /// not bound: says where it works rather than doing nothing silently, as a reader who
    /// saw it in help or a sources view tries it on an item.
    fn explain_source_opener(&mut self, key: Key) {
        let sources = self.keymap().key_for(Command::Sources);
        let cited = self.keymap().key_for(Command::ItemSources);
        self.set_status(
            format!(
                "{key} opens a source's link: press {sources} for this summit's sources, \
                 {cited} for the selected item's"
            ),
            false,
        );
    }

    /// `Close` if `key` is the reader's key for `opener`, so a view's key toggles it.
    fn closes(&self, key: Key, opener: Action) -> Option<Action> {
        let action = self.keymap().action_for(Context::Reader, key)?;
        (action == opener).then_some(Action::Close)
    }

    /// Whether the terminal is below the size the reader can draw in.
    #[must_use]
    pub fn is_too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Which key table applies now.
    #[must_use]
    pub fn context(&self) -> Context {
        // The note's input line types like a list's filter.
        if self.note_input.is_some() {
            return Context::List;
        }
        match self.overlay {
            Overlay::None => Context::Reader,
            Overlay::Text(_) => Context::Text,
            Overlay::Picker(_) => Context::List,
            Overlay::Board(_) => Context::Board,
        }
    }
}
