//! When the runner loads, reloads, warms up and watches: a state machine with pure
//! transitions, so the orderings that matter are unit tests rather than terminal runs.
//!
//! The runner reports each event (a file changed, a load or a warm-up finished, a frame
//! was drawn) and does the [`Task`]s it gets back; this type does no I/O itself. What it
//! keeps, as measured in PERFORMANCE.md:
//! - one load at a time; a change seen while one runs starts another when it ends, so
//!   the last edit is always the one shown (the running load may have read the old file);
//! - every finished load is shown, even when another follows: under a stream of edits a
//!   reader that waited for a quiet moment might never show anything;
//! - the warm-up (the finder's entries and the search index) starts after the frame that
//!   shows a load is drawn, never beside it, and only one runs at a time, so the other core
//!   stays free for keys; a warm-up that ends after a newer load was shown was for a
//!   corpus no longer shown, and the newer one is warmed next;
//! - watching starts after the first complete frame once no warm-up runs (the watch then
//!   asks for a reload if a briefing changed while the first load read it, or before it
//!   started), and starts again after a reload when a watched folder went away, so the
//!   watch follows it when it comes back. Starting checks every file (100,000 `stat`s and
//!   the folders walked again): beside the warm-up, the two took both cores while the
//!   first keys were read (a `j` took 84 ms median then).

/// Counts the corpora shown: 0 while the first load runs, then one more per finished load.
pub type Generation = u64;

/// What the runner must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Read the briefings again, on the loader's thread.
    StartLoad,
    /// Build the finder's entries and the search index for the corpus shown, then report
    /// [`Loading::warmed`] with this generation.
    WarmUp(Generation),
    /// Start watching the briefings (again, if the last watch lost its folder).
    StartWatch,
}

/// How a finished load is put under the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    /// The first load: the reader opens on the latest summit.
    First,
    /// A reload: the reader keeps its place and says what happened.
    Reload,
}

/// What to do with a load that finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub landing: Landing,
    /// [`Task::StartLoad`] when a change came while the load ran.
    pub next: Option<Task>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Watching {
    /// Not yet: the first complete frame has not been drawn.
    NotYet,
    Running,
    /// A watched folder went away; its watch is dead and is started again after the
    /// reload that follows is drawn.
    Lost,
}

/// The load / reload / warm-up / watch state of a running reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// A load is reading the briefings.
    load_running: bool,
    /// A change arrived while the load ran.
    reload_wanted: bool,
    /// The corpus shown.
    shown: Generation,
    /// The generation a running warm-up builds for.
    warming: Option<Generation>,
    /// The newest generation warmed, or being warmed.
    warmed_for: Generation,
    watching: Watching,
}

impl Default for Loading {
    fn default() -> Self {
        Self::new()
    }
}

impl Loading {
    /// The state when the reader starts: the first load is already running (it starts
    /// before the terminal is set up, so the two overlap).
    #[must_use]
    pub fn new() -> Self {
        Self {
            load_running: true,
            reload_wanted: false,
            shown: 0,
            warming: None,
            warmed_for: 0,
            watching: Watching::NotYet,
        }
    }

    /// A briefing changed on disk; `watch_lost` when a watched folder went away (removed
    /// or renamed), which ends its watch.
    pub fn changed(&mut self, watch_lost: bool) -> Option<Task> {
        if watch_lost && self.watching == Watching::Running {
            self.watching = Watching::Lost;
        }
        if self.load_running {
            self.reload_wanted = true;
            None
        } else {
            self.load_running = true;
            Some(Task::StartLoad)
        }
    }

    /// A load finished: show it, and start the next if a change came meanwhile.
    pub fn loaded(&mut self) -> Loaded {
        let landing = if self.shown == 0 {
            Landing::First
        } else {
            Landing::Reload
        };
        self.shown += 1;
        self.load_running = std::mem::take(&mut self.reload_wanted);
        Loaded {
            landing,
            next: self.load_running.then_some(Task::StartLoad),
        }
    }

    /// A warm-up finished. One for an older generation than the one shown changes
    /// nothing but letting the newest start.
    pub fn warmed(&mut self, generation: Generation) {
        if self.warming == Some(generation) {
            self.warming = None;
        }
    }

    /// A frame was drawn: what may start now that it is on the screen.
    pub fn frame_drawn(&mut self) -> Vec<Task> {
        let mut tasks = Vec::new();
        if self.shown == 0 {
            return tasks;
        }
        if self.warming.is_none() && self.warmed_for < self.shown {
            self.warming = Some(self.shown);
            self.warmed_for = self.shown;
            tasks.push(Task::WarmUp(self.shown));
        }
        // After a lost watch, the reload it caused must be drawn first: its corpus is the
        // one the new watch compares the disk against.
        let restart = self.watching == Watching::Lost && !self.load_running;
        let idle = self.warming.is_none();
        if idle && (self.watching == Watching::NotYet || restart) {
            self.watching = Watching::Running;
            tasks.push(Task::StartWatch);
        }
        tasks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reload() -> Loaded {
        Loaded {
            landing: Landing::Reload,
            next: None,
        }
    }

    #[test]
    fn nothing_starts_before_the_first_load_is_drawn() {
        let mut loading = Loading::new();
        assert_eq!(loading.frame_drawn(), [], "the loading frame");
        let first = loading.loaded();
        assert_eq!(
            first,
            Loaded {
                landing: Landing::First,
                next: None
            }
        );
        assert_eq!(
            loading.frame_drawn(),
            [Task::WarmUp(1)],
            "the first complete frame"
        );
        assert_eq!(loading.frame_drawn(), [], "the watch waits for the warm-up");
        loading.warmed(1);
        assert_eq!(loading.frame_drawn(), [Task::StartWatch]);
        assert_eq!(loading.frame_drawn(), [], "each starts once");
    }

    #[test]
    fn an_edit_during_the_first_load_is_loaded_after_it() {
        let mut loading = Loading::new();
        assert_eq!(loading.changed(false), None, "one load at a time");
        assert_eq!(
            loading.loaded(),
            Loaded {
                landing: Landing::First,
                next: Some(Task::StartLoad)
            },
            "the first load is shown, and read again"
        );
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(1)]);
        assert_eq!(loading.loaded(), reload());
    }

    #[test]
    fn two_edits_during_a_reload_cost_one_more_load() {
        let mut loading = Loading::new();
        loading.loaded();
        loading.frame_drawn();
        assert_eq!(loading.changed(false), Some(Task::StartLoad));
        assert_eq!(loading.changed(false), None);
        assert_eq!(loading.changed(false), None);
        assert_eq!(
            loading.loaded(),
            Loaded {
                landing: Landing::Reload,
                next: Some(Task::StartLoad)
            }
        );
        assert_eq!(loading.loaded(), reload(), "and no third");
        assert_eq!(loading.changed(false), Some(Task::StartLoad), "idle again");
    }

    #[test]
    fn a_stale_warm_up_lets_the_newest_start_after_it() {
        let mut loading = Loading::new();
        loading.loaded();
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(1)]);
        loading.changed(false);
        loading.loaded();
        assert_eq!(
            loading.frame_drawn(),
            [],
            "one warm-up at a time: the other core answers keys"
        );
        loading.changed(false);
        loading.loaded();
        assert_eq!(loading.frame_drawn(), []);
        loading.warmed(1);
        assert_eq!(
            loading.frame_drawn(),
            [Task::WarmUp(3)],
            "the corpus shown is warmed, not the ones in between"
        );
        loading.warmed(3);
        assert_eq!(loading.frame_drawn(), [Task::StartWatch]);
        assert_eq!(loading.frame_drawn(), []);
    }

    #[test]
    fn a_warm_up_report_for_a_generation_not_running_is_ignored() {
        let mut loading = Loading::new();
        loading.loaded();
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(1)]);
        loading.changed(false);
        loading.loaded();
        loading.warmed(2);
        assert_eq!(loading.frame_drawn(), [], "warm-up 1 still runs");
    }

    #[test]
    fn a_removed_folder_is_reloaded_then_watched_again() {
        let mut loading = Loading::new();
        loading.loaded();
        loading.frame_drawn();
        loading.warmed(1);
        assert_eq!(loading.frame_drawn(), [Task::StartWatch]);
        assert_eq!(loading.changed(true), Some(Task::StartLoad));
        assert_eq!(
            loading.frame_drawn(),
            [],
            "the watch restarts after the reload"
        );
        assert_eq!(loading.loaded(), reload());
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(2)]);
        loading.warmed(2);
        assert_eq!(loading.frame_drawn(), [Task::StartWatch]);
        assert_eq!(loading.frame_drawn(), []);
    }

    #[test]
    fn a_folder_lost_before_watching_started_is_watched_once() {
        let mut loading = Loading::new();
        loading.changed(true);
        loading.loaded();
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(1)]);
        loading.loaded();
        assert_eq!(loading.frame_drawn(), []);
        loading.warmed(1);
        assert_eq!(loading.frame_drawn(), [Task::WarmUp(2)]);
        loading.warmed(2);
        assert_eq!(loading.frame_drawn(), [Task::StartWatch]);
        assert_eq!(loading.frame_drawn(), []);
    }
}
