//! The summit finder: a fuzzy filter over each summit's id, title, place, year, tags and
//! participant names, re-run on every keystroke.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::corpus::Corpus;

/// The text each summit is matched on, built once per corpus.
#[must_use]
pub fn haystacks(corpus: &Corpus) -> Vec<Utf32String> {
    corpus
        .briefings()
        .iter()
        .map(|b| {
            let s = &b.summit;
            let mut text = format!(
                "{} {} {} {} {}",
                s.title,
                s.location,
                s.date.year,
                b.id(),
                s.tags.join(" ")
            );
            for p in &b.participants {
                text.push(' ');
                text.push_str(&p.name);
            }
            Utf32String::from(text)
        })
        .collect()
}

/// The finder's query and its current matches (positions in the corpus, best first).
pub struct Finder {
    pub query: String,
    pub matches: Vec<usize>,
    pub selected: usize,
    matcher: Matcher,
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finder")
            .field("query", &self.query)
            .field("matches", &self.matches.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl Finder {
    /// A finder listing every summit, with `current` selected.
    #[must_use]
    pub fn new(haystacks: &[Utf32String], current: usize) -> Self {
        let mut finder = Self {
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        finder.refresh(haystacks);
        finder.selected = current.min(finder.matches.len().saturating_sub(1));
        finder
    }

    /// Re-runs the query. An empty query lists every summit in date order.
    pub fn refresh(&mut self, haystacks: &[Utf32String]) {
        self.selected = 0;
        if self.query.trim().is_empty() {
            self.matches = (0..haystacks.len()).collect();
            return;
        }
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        let mut scored: Vec<(u32, usize)> = haystacks
            .iter()
            .enumerate()
            .filter_map(|(i, hay)| {
                pattern
                    .score(hay.slice(..), &mut self.matcher)
                    .map(|score| (score, i))
            })
            .collect();
        // Best score first; ties keep date order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.matches = scored.into_iter().map(|(_, i)| i).collect();
    }

    /// The corpus position of the selected match.
    #[must_use]
    pub fn selection(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    pub fn move_selection(&mut self, delta: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}
