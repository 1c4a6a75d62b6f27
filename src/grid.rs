//! The reader's four panes as a type: a place in the grid is a [`GridPane`], never an
//! index, so there is no `% 4`, `.min(3)` or out-of-range pane anywhere.
//!
//! Below the app, the layout and the key table, which all name grid panes.

use std::ops::{Index, IndexMut};

use sherpa_core::document::Pane;

/// One of the four panes of the reader's grid, in their numbered order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GridPane {
    #[default]
    Participants,
    Meetings,
    Goals,
    Disagreements,
}

impl GridPane {
    /// The panes in their numbered order (the keys `1`–`4`, the tab strip, the grid).
    pub const ALL: [Self; 4] = [
        Self::Participants,
        Self::Meetings,
        Self::Goals,
        Self::Disagreements,
    ];

    /// Position in [`GridPane::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The number shown on the pane's title and pressed to focus it, 1–4.
    #[must_use]
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The document section this pane shows.
    #[must_use]
    pub fn pane(self) -> Pane {
        match self {
            Self::Participants => Pane::Participants,
            Self::Meetings => Pane::Meetings,
            Self::Goals => Pane::Goals,
            Self::Disagreements => Pane::Disagreements,
        }
    }

    /// The grid pane showing a document section, if it is one of the four.
    #[must_use]
    pub fn of(pane: Pane) -> Option<Self> {
        Self::ALL.into_iter().find(|grid| grid.pane() == pane)
    }

    /// The next pane, wrapping from the last to the first (`Tab`).
    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    /// The previous pane, wrapping from the first to the last (`Shift-Tab`).
    #[must_use]
    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// One value per grid pane, indexed by [`GridPane`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Grid<T>([T; 4]);

impl<T> Grid<T> {
    /// A grid whose value for each pane is `make(pane)`.
    pub fn from_fn(mut make: impl FnMut(GridPane) -> T) -> Self {
        Self(GridPane::ALL.map(&mut make))
    }

    /// Each pane with its value, in numbered order.
    pub fn iter(&self) -> impl Iterator<Item = (GridPane, &T)> {
        GridPane::ALL.into_iter().zip(&self.0)
    }
}

impl<T> Index<GridPane> for Grid<T> {
    type Output = T;
    fn index(&self, pane: GridPane) -> &T {
        &self.0[pane.index()]
    }
}

impl<T> IndexMut<GridPane> for Grid<T> {
    fn index_mut(&mut self, pane: GridPane) -> &mut T {
        &mut self.0[pane.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_and_shift_tab_wrap_around_the_grid() {
        assert_eq!(GridPane::Disagreements.next(), GridPane::Participants);
        assert_eq!(GridPane::Participants.prev(), GridPane::Disagreements);
        for pane in GridPane::ALL {
            assert_eq!(pane.next().prev(), pane);
        }
    }

    #[test]
    fn grid_panes_are_the_documents_grid_sections() {
        let sections = GridPane::ALL.map(GridPane::pane);
        assert_eq!(
            sections,
            [
                Pane::Participants,
                Pane::Meetings,
                Pane::Goals,
                Pane::Disagreements
            ]
        );
        assert_eq!(GridPane::of(Pane::Sources), None);
        assert_eq!(GridPane::of(Pane::Goals), Some(GridPane::Goals));
    }
}
