//! Where things go on the screen, as a pure function of the terminal size.
//!
//! Both `update` (which needs each pane's size to wrap text and clamp scrolling) and
//! `draw` use these functions, so they always agree on what is visible.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use crate::grid::{Grid, GridPane};

/// Below this size the reader shows a "terminal too small" message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this size up, the four panes sit in a 2×2 grid; below, one pane with a tab strip.
pub const GRID_WIDTH: u16 = 100;
pub const GRID_HEIGHT: u16 = 20;
/// Rows of the header: title, date and place, and a notes line.
pub const HEADER_HEIGHT: u16 = 3;

/// The regions of the reader's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLayout {
    pub header: Rect,
    /// The tab strip, in single-pane mode.
    pub tabs: Option<Rect>,
    /// Each grid pane's outer rectangle, if it is visible.
    pub panes: Grid<Option<Rect>>,
    pub status: Rect,
    /// Linear mode for screen readers: one pane, no borders.
    pub plain: bool,
}

impl ScreenLayout {
    /// Where a pane's text goes: inside its border, or (plain) after a selection marker.
    #[must_use]
    pub fn text_area(&self, pane: Rect) -> Rect {
        if self.plain {
            Rect {
                x: pane.x.saturating_add(2).min(pane.right()),
                width: pane.width.saturating_sub(2),
                ..pane
            }
        } else {
            pane_text_area(pane)
        }
    }
}

/// Lays out the screen, or `None` when the terminal is too small to be useful. `plain`
/// (for screen readers) always shows one pane with the tab strip, whatever the size.
#[must_use]
pub fn screen_layout(area: Rect, focus: GridPane, zoom: bool, plain: bool) -> Option<ScreenLayout> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(HEADER_HEIGHT),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut panes = Grid::default();
    let grid = !plain && area.width >= GRID_WIDTH && area.height >= GRID_HEIGHT;
    let tabs = if grid && zoom {
        panes[focus] = Some(body);
        None
    } else if grid {
        let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(body);
        let [a, b] = Layout::horizontal([Constraint::Fill(1); 2]).areas(top);
        let [c, d] = Layout::horizontal([Constraint::Fill(1); 2]).areas(bottom);
        let mut quarters = [a, b, c, d].into_iter();
        panes = Grid::from_fn(|_| quarters.next());
        None
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        panes[focus] = Some(pane);
        Some(tabs)
    };
    Some(ScreenLayout {
        header,
        tabs,
        panes,
        status,
        plain,
    })
}

/// The text area inside a pane: inside the border, with one column of padding each side.
#[must_use]
pub fn pane_text_area(pane: Rect) -> Rect {
    pane.inner(Margin::new(2, 1))
}

/// The rectangle of a centred overlay (help, finder, summary, diagnostics).
#[must_use]
pub fn overlay_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(160);
    let height = area.height.saturating_sub(2);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The separator drawn between tab titles.
pub const TAB_SEPARATOR: &str = " │ ";

/// Which tab sits at `column` (relative to the strip's left edge), given the tab titles.
#[must_use]
pub fn tab_at(titles: &[String], column: u16) -> Option<usize> {
    let mut start = 0usize;
    for (index, title) in titles.iter().enumerate() {
        let end = start + unicode_width::UnicodeWidthStr::width(title.as_str());
        if (start..end).contains(&usize::from(column)) {
            return Some(index);
        }
        start = end + TAB_SEPARATOR.chars().count();
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn tabs_are_found_by_column() {
        let titles = vec!["1 A (2)".to_owned(), "2 B (0)".to_owned()];
        assert_eq!(tab_at(&titles, 0), Some(0));
        assert_eq!(tab_at(&titles, 7), None);
        assert_eq!(tab_at(&titles, 10), Some(1));
        assert_eq!(tab_at(&titles, 30), None);
    }

    use super::*;

    #[test]
    fn wide_terminals_get_a_grid() {
        let layout = screen_layout(
            Rect::new(0, 0, 200, 50),
            GridPane::Participants,
            false,
            false,
        )
        .unwrap();
        assert!(layout.panes.iter().all(|(_, rect)| rect.is_some()));
        assert!(layout.tabs.is_none());
    }

    #[test]
    fn narrow_terminals_get_one_pane_and_tabs() {
        let layout = screen_layout(Rect::new(0, 0, 80, 24), GridPane::Goals, false, false).unwrap();
        assert_eq!(layout.panes.iter().filter(|(_, r)| r.is_some()).count(), 1);
        assert!(layout.panes[GridPane::Goals].is_some());
        assert!(layout.tabs.is_some());
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_body() {
        let layout = screen_layout(
            Rect::new(0, 0, 200, 50),
            GridPane::Disagreements,
            true,
            false,
        )
        .unwrap();
        assert_eq!(
            layout.panes[GridPane::Disagreements].map(|r| r.width),
            Some(200)
        );
    }

    #[test]
    fn plain_mode_is_one_borderless_pane_at_any_size() {
        let layout =
            screen_layout(Rect::new(0, 0, 200, 50), GridPane::Meetings, false, true).unwrap();
        assert_eq!(layout.panes.iter().filter(|(_, r)| r.is_some()).count(), 1);
        let pane = layout.panes[GridPane::Meetings].unwrap();
        assert_eq!(layout.text_area(pane).height, pane.height);
        assert!(layout.tabs.is_some());
    }

    #[test]
    fn tiny_terminals_get_no_layout() {
        assert!(
            screen_layout(
                Rect::new(0, 0, 39, 24),
                GridPane::Participants,
                false,
                false
            )
            .is_none()
        );
        assert!(
            screen_layout(Rect::new(0, 0, 1, 1), GridPane::Participants, false, false).is_none()
        );
    }
}
