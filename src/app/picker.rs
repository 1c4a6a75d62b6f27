//! A fuzzy-filtered list that jumps to a summit: the summit finder, the timeline, a
//! disagreement's history and a participant's summits all use it, with the same keys.

use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::corpus::Corpus;

/// One row of a picker: a line, optional detail lines under it, and where Enter goes.
#[derive(Debug, Clone)]
pub struct PickerEntry {
    /// Untrusted text; sanitised when drawn.
    pub text: String,
    pub detail: Vec<String>,
    /// The summit (corpus position) Enter jumps to, if any.
    pub target: Option<usize>,
    /// What the query is matched against.
    pub haystack: Utf32String,
}

impl PickerEntry {
    #[must_use]
    pub fn new(text: String, detail: Vec<String>, target: Option<usize>, haystack: &str) -> Self {
        Self {
            text,
            detail,
            target,
            haystack: Utf32String::from(haystack),
        }
    }
}

/// One finder entry per summit, matched on id, title, place, year, tags and participants.
#[must_use]
pub fn summit_entries(corpus: &Corpus) -> Vec<PickerEntry> {
    corpus
        .briefings()
        .iter()
        .enumerate()
        .map(|(position, b)| {
            let s = &b.summit;
            let mut haystack = format!(
                "{} {} {} {} {}",
                s.title,
                s.location,
                s.date.year,
                b.id(),
                s.tags.join(" ")
            );
            for p in &b.participants {
                haystack.push(' ');
                haystack.push_str(&p.name);
            }
            let text = format!("{}  {} — {}", s.date, s.title, s.location);
            PickerEntry::new(text, Vec::new(), Some(position), &haystack)
        })
        .collect()
}

/// The query, the entries that match it (best first) and the selection.
pub struct Picker {
    pub title: String,
    pub entries: Arc<Vec<PickerEntry>>,
    pub query: String,
    /// Indices into `entries`.
    pub matches: Vec<usize>,
    pub selected: usize,
    /// The entry for the summit being read, marked in the list.
    pub current: Option<usize>,
    matcher: Matcher,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("title", &self.title)
            .field("query", &self.query)
            .field("matches", &self.matches.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl Picker {
    /// A picker listing every entry, with `current` (an entry index) selected and marked.
    #[must_use]
    pub fn new(
        title: impl Into<String>,
        entries: Arc<Vec<PickerEntry>>,
        current: Option<usize>,
    ) -> Self {
        let mut picker = Self {
            title: title.into(),
            entries,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            current,
            matcher: Matcher::new(Config::DEFAULT),
        };
        picker.refresh();
        if let Some(current) = current {
            picker.selected = picker
                .matches
                .iter()
                .position(|&m| m == current)
                .unwrap_or(0);
        }
        picker
    }

    /// Re-runs the query. An empty query lists every entry in its original order.
    pub fn refresh(&mut self) {
        self.selected = 0;
        if self.query.trim().is_empty() {
            self.matches = (0..self.entries.len()).collect();
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                pattern
                    .score(entry.haystack.slice(..), &mut self.matcher)
                    .map(|score| (score, i))
            })
            .collect();
        // Best score first; ties keep the original (date) order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
    }

    pub fn push(&mut self, c: char) {
        self.query.push(c);
        self.refresh();
    }

    pub fn pop(&mut self) {
        self.query.pop();
        self.refresh();
    }

    /// The selected entry.
    #[must_use]
    pub fn selection(&self) -> Option<&PickerEntry> {
        self.matches
            .get(self.selected)
            .and_then(|&i| self.entries.get(i))
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Arc<Vec<PickerEntry>> {
        Arc::new(vec![
            PickerEntry::new("Helsinki".into(), vec![], Some(0), "helsinki 2018 niinistö"),
            PickerEntry::new("Geneva".into(), vec![], Some(1), "geneva 2021 parmelin"),
        ])
    }

    #[test]
    fn empty_query_lists_everything_with_current_selected() {
        let picker = Picker::new("t", entries(), Some(1));
        assert_eq!(picker.matches, vec![0, 1]);
        assert_eq!(picker.selection().and_then(|e| e.target), Some(1));
    }

    #[test]
    fn query_matches_accents_loosely_and_resets_selection() {
        let mut picker = Picker::new("t", entries(), Some(1));
        for c in "niinisto".chars() {
            picker.push(c);
        }
        assert_eq!(picker.matches, vec![0]);
        picker.move_selection(5);
        assert_eq!(picker.selected, 0, "clamped to the last match");
        for _ in 0..8 {
            picker.pop();
        }
        assert_eq!(picker.matches.len(), 2);
    }
}
