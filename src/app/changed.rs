//! What changed since you last read, in the reader: which summits were updated since, the
//! items new in the one being read, the view of what changed (the comparison `sherpa diff`
//! makes) and marking summits read.
//!
//! A summit is read when it is opened; it stays shown as updated until the reader leaves
//! it, so the marks are still there while its changes are being read. What it said then
//! is kept in memory as the new version last read, and handed to the runner to keep on
//! disk as the reader goes, as a mail reader keeps what was read: when a summit is opened
//! (so a reader killed while on it, or whose terminal closed, still knows it was read)
//! and again when it is left (as it is then, after any reload), with the next key's
//! [`Effect::KeepRead`], which the runner writes on a thread of its own once the frame
//! answering the keystroke is drawn; and once more when the reader quits
//! ([`App::closing_versions`]).

use std::collections::{BTreeSet, HashMap};

use super::{App, Effect, OverlayKind, ReadVersions};
use crate::grid::{Grid, GridPane};
use crate::keymap::Command;
use sherpa_core::analysis;
use sherpa_core::model::Briefing;
use sherpa_core::store::{Remembered, day_of, new_items, now};

/// The reader's view of what changed since each summit was last read.
#[derive(Debug, Default)]
pub(super) struct SinceRead {
    /// Each summit as it was when last read: from disk, then as read in this session.
    remembered: Remembered,
    /// The summits that differ from their version last read, by id: when that was read.
    changed: HashMap<String, u64>,
    /// The items of the current summit's panes that are new since it was last read.
    new_items: Grid<Vec<usize>>,
    /// The summit opened (and so read) last, which is read as it is when the reader leaves.
    opened: Option<String>,
    /// Summits read in this session, whose version the runner keeps when the reader quits.
    read_now: BTreeSet<String>,
    /// Summits opened or left since what was read was last handed to the runner to keep.
    unkept: BTreeSet<String>,
}

impl App {
    /// The runner read the versions last read of the summits the store says were read.
    /// What was read in this session since is newer and stays.
    pub fn versions_loaded(&mut self, remembered: Remembered) {
        self.since_read.remembered.fill_from(remembered);
        self.refresh_changed();
    }

    /// The day the summit `id` was last read, if it changed since: what the header, the
    /// finder, the timeline and `]`/`[` say.
    #[must_use]
    pub fn updated_since_read(&self, id: &str) -> Option<String> {
        self.since_read.changed.get(id).map(|&at| day_of(at))
    }

    /// Positions of the items of a pane of the current summit that are new since it was
    /// last read, for their markers.
    #[must_use]
    pub fn new_since_read(&self, pane: GridPane) -> &[usize] {
        &self.since_read.new_items[pane]
    }

    /// The versions of the summits read in this session, for the runner to keep as the
    /// versions last read when the reader quits.
    #[must_use]
    pub fn closing_versions(&self) -> Vec<Briefing> {
        self.since_read
            .read_now
            .iter()
            .filter_map(|id| self.corpus.get(id).cloned())
            .collect()
    }

    /// Works out again which summits changed since they were read, after the corpus or
    /// the versions read changed.
    pub(super) fn refresh_changed(&mut self) {
        let since_read = &mut self.since_read;
        let briefings = self.corpus.briefings();
        since_read.changed = (since_read.remembered.read_in(&self.corpus).into_iter())
            .filter_map(|position| briefings.get(position))
            .filter_map(|briefing| {
                let reading = since_read.remembered.changed(briefing)?;
                Some((briefing.id().to_owned(), reading.at))
            })
            .collect();
        self.refresh_new_items();
    }

    /// The new items of the summit being read, compared with its version last read.
    fn refresh_new_items(&mut self) {
        let reading = self.briefing().and_then(|briefing| {
            self.since_read
                .changed
                .contains_key(briefing.id())
                .then(|| self.since_read.remembered.get(briefing.id()))
                .flatten()
                .map(|reading| (briefing, reading))
        });
        self.since_read.new_items = match reading {
            Some((briefing, reading)) => {
                Grid::from_fn(|pane| new_items(&reading.briefing, briefing, pane.pane()))
            }
            None => Grid::default(),
        };
    }

    /// The summit being read was opened: it is read now. The one opened before is left,
    /// so it is no longer shown as updated. Only once the reader went back to its place:
    /// the summit shown while the corpus and the store load was not chosen by the reader.
    pub(super) fn summit_opened(&mut self) {
        if !self.book_is_restored() {
            return;
        }
        let Some(id) = self.briefing().map(|b| b.id().to_owned()) else {
            return;
        };
        if self.since_read.opened.as_deref() != Some(id.as_str()) {
            if let Some(left) = self.since_read.opened.take() {
                self.read_as_now(&left);
            }
            let at = now();
            self.book.mark_read(&id, at);
            self.since_read.read_now.insert(id.clone());
            self.since_read.unkept.insert(id.clone());
            self.since_read.opened = Some(id);
        }
        self.refresh_new_items();
    }

    /// Remembers the summit `id` as it is now, read now.
    fn read_as_now(&mut self, id: &str) {
        let Some(briefing) = self.corpus.get(id).cloned() else {
            return;
        };
        let at = now();
        self.since_read.remembered.insert(briefing, at);
        self.since_read.changed.remove(id);
        self.since_read.read_now.insert(id.to_owned());
        self.since_read.unkept.insert(id.to_owned());
        self.book.mark_read(id, at);
    }

    /// `effect`, or, when it leaves the runner free to save and summits were opened or
    /// left since the last save, what was read to keep, the store with it: a key that
    /// asks for other work leaves them to the next one (or to the quit).
    pub(super) fn keeping_what_was_read(&mut self, effect: Effect) -> Effect {
        if !matches!(effect, Effect::None | Effect::SaveBook(_))
            || self.since_read.unkept.is_empty()
        {
            return effect;
        }
        let versions = ReadVersions(
            std::mem::take(&mut self.since_read.unkept)
                .iter()
                .filter_map(|id| self.corpus.get(id).cloned())
                .collect(),
        );
        Effect::KeepRead {
            book: self.book_with_position(),
            versions,
        }
    }

    /// `R`: every summit is read as it is now, the one being read too.
    pub(super) fn mark_all_read(&mut self) -> Effect {
        let ids: Vec<String> = self.since_read.changed.keys().cloned().collect();
        if ids.is_empty() {
            self.set_status("No summit was updated since you read it", false);
            return Effect::None;
        }
        for id in &ids {
            self.read_as_now(id);
        }
        self.refresh_new_items();
        let count = ids.len();
        self.set_status(
            format!(
                "Marked {count} updated summit{} read",
                if count == 1 { "" } else { "s" }
            ),
            false,
        );
        Effect::SaveBook(self.book.clone())
    }

    /// What `]`/`[` say on arriving at a summit updated since it was read.
    pub(super) fn updated_status(&mut self) {
        let Some(day) = self
            .briefing()
            .and_then(|briefing| self.updated_since_read(briefing.id()))
        else {
            return;
        };
        let key = self.keymap().key_for(Command::SinceRead);
        self.set_status(
            format!("Updated since you read it on {day}; {key} shows what changed"),
            false,
        );
    }

    /// `U`: what changed in the summit being read since it was last read.
    pub(super) fn show_since_read(&mut self) {
        if self.briefing().is_some() {
            self.open_overlay(OverlayKind::SinceRead);
        }
    }

    /// The lines of the `U` view: the comparison `sherpa diff` makes, from the version
    /// last read to the summit now.
    pub(super) fn since_read_text(&self) -> Vec<String> {
        let Some(briefing) = self.briefing() else {
            return Vec::new();
        };
        let Some(reading) = self.since_read.remembered.get(briefing.id()) else {
            let key = self.keymap().key_for(Command::SinceRead);
            return vec![format!(
                "You are reading this summit for the first time, so there is nothing earlier \
                 to compare with. sherpa keeps it as you read it now: once it changes, {key} \
                 shows what changed."
            )];
        };
        if *reading.briefing == *briefing {
            return vec![format!("Unchanged since you read it on {}.", reading.day())];
        }
        let diff = analysis::diff(&reading.briefing, briefing);
        let mut lines = vec![format!("Updated since you read it on {}", reading.day())];
        // The comparison's own heading names the summit twice.
        lines.extend(analysis::diff_text(&diff).into_iter().skip(1));
        lines
    }
}
