//! The reader's state and its update function: everything the TUI does, testable without a
//! terminal. `update(Action)` changes state and returns an [`Effect`] for the runner;
//! drawing reads the state and never changes it.

mod effect;
mod lists;
mod navigation;
pub mod picker;
mod reload;
mod scroll;
mod update;
mod views;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::action::Action;
pub use effect::Effect;
pub use picker::{Picker, PickerEntry};
pub use update::{EXPORT_WIDTH, WHEEL_LINES};

use crate::keymap::{Context, Key, Keymap};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::model::Briefing;
use sherpa_core::render_text::TextLine;

/// One grid pane of the current summit: its wrapped lines and the reader's place in them.
#[derive(Debug, Clone, Default)]
pub struct PaneView {
    /// Lines wrapped to `width`; rebuilt when the summit or the width changes.
    pub lines: Vec<TextLine>,
    /// Each item's line range, for selection and scrolling.
    pub items: Vec<Range<usize>>,
    pub width: u16,
    pub height: u16,
    pub selected: usize,
    /// The first visible line.
    pub scroll: usize,
}

impl PaneView {
    /// The furthest the pane can scroll: the last line at the bottom of the view.
    #[must_use]
    pub fn max_scroll(&self) -> usize {
        self.lines
            .len()
            .saturating_sub(usize::from(self.height.max(1)))
    }
}

/// A scrolling text shown over the panes: the help, a summary, the problem list.
#[derive(Debug, Clone)]
pub struct TextOverlay {
    pub title: String,
    /// What the overlay shows; rebuilt (re-wrapped) on resize.
    pub kind: OverlayKind,
    pub lines: Vec<TextLine>,
    pub scroll: usize,
    pub height: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    Summary,
    Diagnostics,
    Sources,
    ItemSources,
    Changes,
}

impl OverlayKind {
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
        }
    }
}

/// What sits on top of the panes, if anything.
#[derive(Debug)]
pub enum Overlay {
    None,
    Text(TextOverlay),
    /// The summit finder and the other jump lists.
    Picker(Picker),
}

/// Where the reader was, for `Backspace`.
#[derive(Debug, Clone)]
pub struct Location {
    pub summit: usize,
    pub focus: usize,
    /// (selected item, scroll) of each grid pane.
    pub places: [(usize, usize); 4],
}

/// The last action's result, shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

/// The whole state of the reader.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // Independent switches (zoom, plain, loading, running), not a state machine.
pub struct App {
    pub corpus: Corpus,
    /// Where the briefings came from, shown in the status line and the empty state.
    pub origin: String,
    pub export_dir: PathBuf,
    /// Position of the current summit in the corpus (date order).
    pub current: usize,
    /// Focused grid pane, 0..4.
    pub focus: usize,
    pub zoom: bool,
    pub panes: [PaneView; 4],
    pub overlay: Overlay,
    pub history: Vec<Location>,
    pub status: Option<StatusMessage>,
    pub width: u16,
    pub height: u16,
    pub running: bool,
    /// The effective key table (defaults plus the user's config): input and help read it.
    pub keymap: Arc<Keymap>,
    /// Linear, border-free screen for screen readers and braille displays (`--plain`).
    pub plain: bool,
    /// True while the corpus is still being read in the background.
    pub loading: bool,
    /// The summit the reader was on when its file stopped loading, to return to.
    pub awaited: Option<String>,
    /// The finder's entries, built once per corpus.
    summit_entries: Arc<Vec<PickerEntry>>,
}

impl App {
    /// A reader on `corpus` at its first summit, sized for a terminal of `width` × `height`.
    /// The terminal runner starts empty and calls [`App::corpus_loaded`] instead.
    #[must_use]
    pub fn new(
        corpus: Corpus,
        origin: String,
        export_dir: PathBuf,
        width: u16,
        height: u16,
    ) -> Self {
        let summit_entries = Arc::new(picker::summit_entries(&corpus));
        let mut app = Self {
            corpus,
            origin,
            export_dir,
            current: 0,
            focus: 0,
            zoom: false,
            panes: Default::default(),
            overlay: Overlay::None,
            history: Vec::new(),
            status: None,
            width,
            height,
            running: true,
            keymap: Arc::new(Keymap::default()),
            plain: false,
            loading: false,
            awaited: None,
            summit_entries,
        };
        app.status = app.failure_status();
        app.relayout();
        app
    }

    /// Sets the linear, border-free layout for screen readers (`--plain`).
    pub fn set_plain(&mut self, plain: bool) {
        self.plain = plain;
        self.relayout();
    }

    /// The summit being read, if the corpus has any.
    #[must_use]
    pub fn briefing(&self) -> Option<&Briefing> {
        self.corpus.briefings().get(self.current)
    }

    /// The focused pane's kind.
    #[must_use]
    pub fn focused_pane(&self) -> Pane {
        Pane::GRID[self.focus.min(3)]
    }

    /// The action a key performs now. A text view also closes on the key that opened it,
    /// whatever that key is remapped to, so toggles stay toggles.
    #[must_use]
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        self.keymap
            .action_for(self.context(), key)
            .or_else(|| match &self.overlay {
                Overlay::Text(overlay) => {
                    let opener = self.keymap.action_for(Context::Reader, key)?;
                    (opener == overlay.kind.opened_by()).then_some(Action::CloseOverlay)
                }
                _ => None,
            })
    }

    /// Which key table applies now.
    #[must_use]
    pub fn context(&self) -> Context {
        match self.overlay {
            Overlay::None => Context::Reader,
            Overlay::Text(_) => Context::Overlay,
            Overlay::Picker(_) => Context::Finder,
        }
    }
}
