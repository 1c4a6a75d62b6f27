//! The briefings of a [`Corpus`] as callers see them: a view by position rather than a
//! slice, so a corpus need not hold every briefing it lists.

use std::ops::{Index, Range};

use super::Corpus;
use crate::model::Briefing;

/// Every briefing of a corpus, ordered by date then id: what a `&[Briefing]` offered
/// (`len`, `get`, `iter`, indexing, `for … in`), by position.
#[derive(Clone, Copy)]
pub struct Briefings<'a> {
    corpus: &'a Corpus,
}

impl<'a> Briefings<'a> {
    pub(super) fn of(corpus: &'a Corpus) -> Self {
        Self { corpus }
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.corpus.len()
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.corpus.is_empty()
    }

    /// The briefing at `position`, if there is one.
    #[must_use]
    pub fn get(self, position: usize) -> Option<&'a Briefing> {
        self.corpus.briefing_at(position)
    }

    #[must_use]
    pub fn first(self) -> Option<&'a Briefing> {
        self.get(0)
    }

    /// Every briefing, in order.
    #[must_use]
    pub fn iter(self) -> Iter<'a> {
        Iter {
            corpus: self.corpus,
            positions: 0..self.len(),
        }
    }
}

/// Shown as the list of briefings, as the slice was.
impl std::fmt::Debug for Briefings<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.iter()).finish()
    }
}

impl Index<usize> for Briefings<'_> {
    type Output = Briefing;

    /// The briefing at `position`; like a slice's, panics past the end.
    fn index(&self, position: usize) -> &Briefing {
        #[expect(
            clippy::panic,
            reason = "indexing past the end is a caller's bug, as for a slice"
        )]
        self.get(position).unwrap_or_else(|| {
            panic!(
                "position {position} is past the corpus's {} briefings",
                self.len()
            )
        })
    }
}

impl<'a> IntoIterator for Briefings<'a> {
    type Item = &'a Briefing;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The briefings of a corpus in order ([`Briefings::iter`]).
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    corpus: &'a Corpus,
    positions: Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Briefing;

    fn next(&mut self) -> Option<&'a Briefing> {
        self.positions
            .next()
            .and_then(|at| self.corpus.briefing_at(at))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<&'a Briefing> {
        self.positions
            .nth(n)
            .and_then(|at| self.corpus.briefing_at(at))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.positions
            .next_back()
            .and_then(|at| self.corpus.briefing_at(at))
    }
}

impl ExactSizeIterator for Iter<'_> {}
