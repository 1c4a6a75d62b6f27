//! Putting a new corpus under a running reader: the first load finishing in the
//! background, and live reload after a briefing changed on disk. The reader stays on the
//! same summit and pane, on the same items (found by their keys, not their positions), and
//! at the same scroll wherever they still exist.

use std::sync::Arc;

use super::{App, Effect, Place, StatusMessage, SummitEntries};
use crate::grid::Grid;
use crate::keymap::Command;
use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::{Severity, with_separators};
use sherpa_core::item_key::{ItemKey, pane_keys};
use sherpa_core::sanitize::sanitize_line;

impl App {
    /// What to say about files that could not be loaded, if any.
    #[must_use]
    pub fn failure_message(&self) -> Option<String> {
        let failed = self.corpus.failed_files();
        (failed > 0).then(|| {
            format!(
                "{failed} file{} could not be loaded; press {} to see why",
                if failed == 1 { "" } else { "s" },
                self.keymap().key_for(Command::Problems)
            )
        })
    }

    /// [`App::failure_message`] in few words, for a header without room for the sentence:
    /// still the count and the key, never cut mid-way.
    #[must_use]
    pub fn failure_message_short(&self) -> Option<String> {
        let failed = self.corpus.failed_files();
        (failed > 0).then(|| {
            format!(
                "{failed} file{} not loaded ({})",
                if failed == 1 { "" } else { "s" },
                self.keymap().key_for(Command::Problems)
            )
        })
    }

    /// The background load finished: open on the latest summit, the one a briefing book
    /// is usually prepared for.
    pub fn corpus_loaded(&mut self, corpus: Corpus) -> Effect {
        self.loading = false;
        let effect = self.swap_corpus(corpus);
        // Broken files are announced once, in the header, not again in the status line.
        self.show(self.corpus.len().saturating_sub(1), Grid::default());
        self.restore_position();
        effect
    }

    /// A briefing changed on disk and the corpus was read again: keep the reader's place,
    /// and say what happened, naming the first error if the edit broke a file. An open
    /// board is worked out again, by the runner when it covers many summits.
    pub fn corpus_reloaded(&mut self, corpus: Corpus) -> Effect {
        let first_error = corpus
            .diagnostics()
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| sanitize_line(d.to_string().lines().next().unwrap_or_default()));
        let count = corpus.len();
        // A view asked over the old briefings would name summits by their old places.
        let stopped = self.give_up_survey();
        let effect = self.swap_corpus(corpus);
        let mut status = match first_error {
            Some(error) => StatusMessage {
                text: format!(
                    "Reloaded, with problems: {error} ({} lists all)",
                    self.keymap().key_for(Command::Problems)
                ),
                is_error: true,
            },
            None => StatusMessage {
                text: format!(
                    "Reloaded {count} briefing{}",
                    if count == 1 { "" } else { "s" }
                ),
                is_error: false,
            },
        };
        if let Some(stopped) = stopped {
            // Within the sentence.
            let stopped = stopped.replacen("Stopped", "stopped", 1);
            status.text = format!("{} — {stopped}", status.text);
        }
        if let Some(id) = &self.awaited {
            status.text = format!(
                "{} — {} did not load; sherpa returns to it when it does",
                status.text,
                sanitize_line(id)
            );
        }
        if let Some(reads) = self.board_being_read_again() {
            status.text = format!(
                "{} — reading {} summits for the board again…",
                status.text,
                with_separators(reads)
            );
        }
        self.status = Some(status);
        effect
    }

    /// Replaces the corpus, mapping the current summit and the history to the new
    /// positions by id; an open board is worked out again ([`App::refresh_board`]), which
    /// the runner may be asked to do.
    fn swap_corpus(&mut self, corpus: Corpus) -> Effect {
        let id_at = |position: usize| self.corpus.id_at(position).map(str::to_owned);
        let current_id = id_at(self.current);
        let selected_keys = self.selected_keys();
        let history_ids: Vec<_> = self
            .history
            .iter()
            .map(|location| (id_at(location.summit), *location))
            .collect();
        let here = self.location();
        self.corpus = Arc::new(corpus);
        self.summit_entries = SummitEntries::new(Arc::clone(&self.corpus));
        self.place_notes_anew();
        self.reset_search_source();
        self.renarrow();
        self.refresh_changed();
        self.history = history_ids
            .into_iter()
            .filter_map(|(id, mut location)| {
                location.summit = self.corpus.position(&id?)?;
                Some(location)
            })
            .collect();
        // A summit whose file broke is waited for: the reader shows a neighbour meanwhile
        // and returns when the file loads again.
        let wanted = self.awaited.take().or(current_id);
        let found = wanted.as_deref().and_then(|id| self.corpus.position(id));
        if found.is_none() {
            self.awaited = wanted;
        }
        let position =
            found.unwrap_or_else(|| self.current.min(self.corpus.len().saturating_sub(1)));
        let places = self.places_of(position, &selected_keys, here.places);
        // An open picker stays open (its entries name summits by id), so keys typed into it
        // never turn into reader commands; a text overlay is rebuilt below.
        self.show(position, places);
        let refreshed = self.refresh_board();
        self.relayout();
        refreshed
    }

    /// What each grid pane has selected, by what the item is rather than where it stands.
    fn selected_keys(&self) -> Grid<Option<ItemKey>> {
        let briefing = self.corpus.briefings().get(self.current);
        Grid::from_fn(|pane| {
            let briefing = briefing?;
            pane_keys(briefing, pane.pane())
                .into_iter()
                .nth(self.panes[pane].selected)
        })
    }

    /// `places` with each pane's selection moved to the item `keys` names, where the summit
    /// at `position` still has it: an item inserted, removed or moved above the selected
    /// one leaves the selection on the same person, meeting or dispute. A pane whose item
    /// is gone keeps its index, the nearest thing to where the reader was.
    fn places_of(
        &self,
        position: usize,
        keys: &Grid<Option<ItemKey>>,
        mut places: Grid<Place>,
    ) -> Grid<Place> {
        let Some(briefing) = self.corpus.briefings().get(position) else {
            return places;
        };
        for (pane, key) in keys.iter() {
            let Some(key) = key.as_ref().filter(|key| key.summit() == briefing.id()) else {
                continue;
            };
            if let Some(index) = pane_keys(briefing, pane.pane())
                .iter()
                .position(|k| k == key)
            {
                places[pane].selected = index;
            }
        }
        places
    }
}
