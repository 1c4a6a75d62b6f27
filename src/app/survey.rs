//! The views over every summit in view, the timeline and the board, and a disagreement's
//! history over every summit, worked out away from the key's thread once there are many
//! summits. Each reads every document it covers:
//! over 100,000 summits that took seconds, during which no key was answered and nothing
//! said why. Past [`SURVEYED_IN_PLACE_UP_TO`] summits the key asks the runner for the
//! view ([`Effect::Survey`]), the status line says what is being read, `Esc` gives up on
//! it, and the view opens when the runner reports back ([`App::survey_finished`]).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sherpa_core::analysis::board::{Board, board_through};
use sherpa_core::analysis::{self, TrackStep};
use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::with_separators;
use sherpa_core::sanitize::sanitize_line;

use super::lists::TimelineList;
use super::{App, Effect, Overlay};
use crate::keymap::Command;

/// Up to how many summits a view is worked out as its key is pressed. Reading 2,000
/// documents back from the index takes a few frames on two cores; past that, the wait
/// shows and can be given up.
pub const SURVEYED_IN_PLACE_UP_TO: usize = 2_000;

/// Which view is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveyKind {
    Timeline,
    Board,
    /// The history of the disagreement with this id, read from every summit (a narrowed
    /// reader's title says how many of them are in view).
    Track(String),
}

impl SurveyKind {
    /// The view as the status line names it.
    fn name(&self) -> String {
        match self {
            Self::Timeline => "the timeline".to_owned(),
            Self::Board => "the board".to_owned(),
            Self::Track(id) => format!("the history of {}", sanitize_line(id)),
        }
    }

    /// The command that asks for it.
    fn command(&self) -> Command {
        match self {
            Self::Timeline => Command::Timeline,
            Self::Board => Command::Board,
            Self::Track(_) => Command::Track,
        }
    }
}

/// A view to work out over the summits at `positions`: what the runner runs on a thread of
/// its own ([`SurveyRequest::run`]) and reports back.
#[derive(Clone)]
pub struct SurveyRequest {
    generation: u64,
    kind: SurveyKind,
    corpus: Arc<Corpus>,
    positions: Vec<usize>,
    /// Set when the view is given up on: the reads stop, and what comes back is dropped.
    stop: Arc<AtomicBool>,
}

impl SurveyRequest {
    /// Works the view out, on whatever thread calls it (the runner's, or a test's).
    #[must_use]
    pub fn run(self) -> Surveyed {
        let unheld = self.corpus.unheld_until(&self.stop);
        let view = match &self.kind {
            SurveyKind::Track(id) => SurveyView::Track {
                steps: analysis::track_through(&unheld, id),
                id: id.clone(),
            },
            SurveyKind::Timeline => SurveyView::Timeline(TimelineList::new(
                analysis::timeline_through(&unheld, &self.positions),
            )),
            SurveyKind::Board => SurveyView::Board(board_through(&unheld, &self.positions)),
        };
        Surveyed {
            generation: self.generation,
            view,
        }
    }

    /// Whether the view was given up on, so its reads stop.
    #[must_use]
    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for SurveyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SurveyRequest")
            .field("generation", &self.generation)
            .field("kind", &self.kind)
            .field("summits", &self.positions.len())
            .finish_non_exhaustive()
    }
}

impl PartialEq for SurveyRequest {
    fn eq(&self, other: &Self) -> bool {
        (self.generation, &self.kind) == (other.generation, &other.kind)
    }
}

impl Eq for SurveyRequest {}

/// A view worked out, for the request of the same generation.
#[derive(Debug)]
pub struct Surveyed {
    generation: u64,
    view: SurveyView,
}

#[derive(Debug)]
enum SurveyView {
    Timeline(TimelineList),
    Board(Board),
    Track { id: String, steps: Vec<TrackStep> },
}

/// What a view being worked out is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// Opens when it comes back, unless another view was opened meanwhile.
    Open,
    /// Replaces the open board's contents: the briefings were reloaded under it. The board
    /// stays open, as it was, while the new one is read.
    Refresh,
}

/// The view being worked out: what it is, what for, and the stop its request reads until.
#[derive(Debug)]
struct Pending {
    kind: SurveyKind,
    purpose: Purpose,
    /// How many summits it reads.
    reads: usize,
    stop: Arc<AtomicBool>,
}

/// The view being worked out, if any.
#[derive(Debug, Default)]
pub(super) struct Surveys {
    /// Counts requests, so that a view given up on, or asked for over another corpus, is
    /// recognised when it comes back and dropped.
    generation: u64,
    pending: Option<Pending>,
    /// [`SURVEYED_IN_PLACE_UP_TO`], lower in tests.
    in_place_up_to: Option<usize>,
}

impl App {
    /// The timeline of the summits in view: opened now when they are few, else asked of
    /// the runner.
    pub(super) fn show_timeline(&mut self) -> Effect {
        self.survey(SurveyKind::Timeline, Purpose::Open)
    }

    /// The board of the summits in view, as [`App::show_timeline`] opens the timeline.
    pub(super) fn show_board(&mut self) -> Effect {
        self.survey(SurveyKind::Board, Purpose::Open)
    }

    /// The open board, if any, worked out again over reloaded briefings: in place when the
    /// summits in view are few, else by the runner while the board stays open (rebuilt on
    /// the key's thread, 100,000 summits froze the reader for seconds at each save).
    pub(super) fn refresh_board(&mut self) -> Effect {
        if !matches!(self.overlay, Overlay::Board(_)) {
            return Effect::None;
        }
        self.survey(SurveyKind::Board, Purpose::Refresh)
    }

    /// How many summits the open board is being read again from, after a reload
    /// ([`App::refresh_board`]), if it is.
    pub(super) fn board_being_read_again(&self) -> Option<usize> {
        (self.surveys.pending.as_ref())
            .filter(|pending| pending.purpose == Purpose::Refresh)
            .map(|pending| pending.reads)
    }

    pub(super) fn survey(&mut self, kind: SurveyKind, purpose: Purpose) -> Effect {
        // A history is read from every summit, narrowed or not: it needs no list of them.
        let (positions, reads) = match kind {
            SurveyKind::Track(_) => (Vec::new(), self.corpus.len()),
            SurveyKind::Timeline | SurveyKind::Board => {
                let positions = self.summits_in_view();
                let reads = positions.len();
                (positions, reads)
            }
        };
        let mut request = SurveyRequest {
            generation: self.surveys.generation,
            kind,
            corpus: Arc::clone(&self.corpus),
            positions,
            stop: Arc::default(),
        };
        let in_place_up_to = (self.surveys.in_place_up_to).unwrap_or(SURVEYED_IN_PLACE_UP_TO);
        if reads <= in_place_up_to {
            self.show_surveyed(request.run().view, purpose);
            return Effect::None;
        }
        // A view still being read for an earlier key stops reading: this one replaces it.
        let _ = self.give_up_survey();
        self.surveys.generation += 1;
        request.generation = self.surveys.generation;
        self.surveys.pending = Some(Pending {
            kind: request.kind.clone(),
            purpose,
            reads,
            stop: Arc::clone(&request.stop),
        });
        if purpose == Purpose::Open {
            let reading = self.reading_message();
            self.set_status(reading.unwrap_or_default(), false);
        }
        Effect::Survey(request)
    }

    /// Whether a view is being worked out.
    pub(super) fn is_surveying(&self) -> bool {
        self.surveys.pending.is_some()
    }

    /// What the status line says while a view is being read for a key, until it opens: the
    /// next key's hints would otherwise hide that something is still coming, and that `Esc`
    /// now stops it.
    pub(super) fn reading_message(&self) -> Option<String> {
        let pending = self.surveys.pending.as_ref()?;
        (pending.purpose == Purpose::Open).then(|| {
            let key = self.keymap().key_for(Command::ClearSearch);
            format!(
                "Reading {} summits for {}… ({key} stops)",
                with_separators(pending.reads),
                pending.kind.name()
            )
        })
    }

    /// `Esc` gives up on the view being worked out: it is dropped when it comes back.
    pub(super) fn stop_survey(&mut self) {
        if let Some(stopped) = self.give_up_survey() {
            self.set_status(stopped, false);
        }
    }

    /// After each key: a board read again for a reload stops reading once the board is
    /// closed (not when help or the finder opens over it), as nothing would show it; a
    /// view still being read for its key keeps saying so where the key left the status
    /// line free ([`App::reading_message`]).
    pub(super) fn surveys_after_key(&mut self) {
        if self.board_being_read_again().is_some() && self.board_view_mut().is_none() {
            let _ = self.give_up_survey();
        }
        if self.status.is_none()
            && let Some(reading) = self.reading_message()
        {
            self.set_status(reading, false);
        }
    }

    /// Gives up on the view being worked out, if any (it is dropped when it comes back):
    /// what the status line says of it.
    pub(super) fn give_up_survey(&mut self) -> Option<String> {
        let Pending { kind, stop, .. } = self.surveys.pending.take()?;
        stop.store(true, Ordering::Relaxed);
        self.surveys.generation += 1;
        let key = self.keymap().key_for(kind.command());
        Some(format!(
            "Stopped reading for {} ({key} starts again)",
            kind.name()
        ))
    }

    /// The runner reports a view worked out: it opens, unless it was given up on, the
    /// briefings were loaded again, or another view was opened meanwhile; a board read
    /// again for a reload replaces the open board's contents.
    pub fn survey_finished(&mut self, surveyed: Surveyed) {
        let Some(pending) = &self.surveys.pending else {
            return;
        };
        if surveyed.generation != self.surveys.generation {
            return;
        }
        let purpose = pending.purpose;
        if purpose == Purpose::Open && !matches!(self.overlay, Overlay::None) {
            if let Some(stopped) = self.give_up_survey() {
                self.set_status(format!("{stopped}: another view is open"), false);
            }
            return;
        }
        self.surveys.pending = None;
        if purpose == Purpose::Open {
            self.status = None;
        }
        self.show_surveyed(surveyed.view, purpose);
    }

    fn show_surveyed(&mut self, view: SurveyView, purpose: Purpose) {
        match (view, purpose) {
            (SurveyView::Timeline(list), _) => self.open_timeline(list),
            (SurveyView::Track { id, steps }, _) => self.open_track(&id, steps),
            (SurveyView::Board(board), Purpose::Open) => self.open_board(board),
            (SurveyView::Board(board), Purpose::Refresh) => self.replace_board(board),
        }
    }

    /// This app working out views in place up to `summits` summits in view, and asking the
    /// runner past that ([`SURVEYED_IN_PLACE_UP_TO`] by default): how tests reach the wait
    /// without generating thousands of files.
    #[must_use]
    pub fn with_views_in_place_up_to(mut self, summits: usize) -> Self {
        self.surveys.in_place_up_to = Some(summits);
        self
    }
}
