//! Where things go on the screen, as a pure function of the terminal size.
//!
//! Both `update` (which needs each pane's size to wrap text and clamp scrolling) and
//! `draw` use these functions, so they always agree on what is visible.

use std::ops::Range;

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
/// `weights` share the grid by content: in each row the panes split the width in
/// proportion to their weights, and the rows split the height by their heavier pane, so
/// a pane with little in it gives room to a full one (a weight of 0 counts as 1).
#[must_use]
pub fn screen_layout(
    area: Rect,
    focus: GridPane,
    zoom: bool,
    plain: bool,
    weights: Grid<u16>,
) -> Option<ScreenLayout> {
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
        let weight = |pane: GridPane| weights[pane].max(1);
        // Both rows split at the same column, so the grid reads as one grid: each column
        // is as wide as its fuller pane asks.
        let columns = [
            Constraint::Fill(weight(GridPane::Participants).max(weight(GridPane::Goals))),
            Constraint::Fill(weight(GridPane::Meetings).max(weight(GridPane::Disagreements))),
        ];
        let (top_row, bottom_row) = (columns, columns);
        let height = |[l, r]: [GridPane; 2]| Constraint::Fill(weight(l).max(weight(r)));
        let [top, bottom] = Layout::vertical([
            height([GridPane::Participants, GridPane::Meetings]),
            height([GridPane::Goals, GridPane::Disagreements]),
        ])
        .areas(body);
        let [a, b] = Layout::horizontal(top_row).areas(top);
        let [c, d] = Layout::horizontal(bottom_row).areas(bottom);
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

/// The widest a column of body text gets: wider lines are hard to follow back to their
/// start (print and `glow` keep to 60–100 characters).
pub const READING_WIDTH: u16 = 100;

/// Inside a frame: inside the border, with one column of padding each side.
#[must_use]
pub fn frame_inner(frame: Rect) -> Rect {
    frame.inner(Margin::new(2, 1))
}

/// The text area inside a pane: inside the border with padding, and at most
/// [`READING_WIDTH`] wide, so text keeps a readable measure. In a pane much wider than
/// that (a zoomed one) the column is centred, where the eye expects it on a wide screen;
/// in a pane only a little wider (the grid shares width by content) it stays at the left
/// edge, beside its selection bar.
#[must_use]
pub fn pane_text_area(pane: Rect) -> Rect {
    let inner = frame_inner(pane);
    let width = inner.width.min(READING_WIDTH);
    let centred = inner.width >= READING_WIDTH + READING_WIDTH / 2;
    Rect {
        x: inner.x
            + if centred {
                (inner.width - width) / 2
            } else {
                0
            },
        width,
        ..inner
    }
}

/// The rectangle of a centred text overlay (help, finder, summary, diagnostics): its text
/// at most [`READING_WIDTH`] wide, the height of the screen less a margin.
#[must_use]
pub fn overlay_area(area: Rect) -> Rect {
    centred(area, READING_WIDTH + 4, area.height.saturating_sub(2))
}

/// The box of a list (finder, timeline, track, summits attended, compare) and of the
/// board: most of the screen's width, so rows, snippets and summits are not cut while
/// columns stay empty, and at least the reading width where the screen has it.
#[must_use]
pub fn list_area(area: Rect) -> Rect {
    let most = area.width - area.width / 10;
    centred(
        area,
        most.max(READING_WIDTH + 4),
        area.height.saturating_sub(2),
    )
}

/// The parts of a list inside its frame (the [`frame_inner`] of its [`list_area`], less
/// the finder's preview beside it, which takes columns only): the query line, a blank row,
/// the timeline's chart where there is one, then the rows. Drawing places them with it and
/// the state measures a page (`PageDown`) with it, so a page is what the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListLayout {
    pub query: Rect,
    pub chart: Option<Rect>,
    pub rows: Rect,
}

/// Lays out a list inside `inner`, with room for a chart above its rows (`with_chart`).
#[must_use]
pub fn list_layout(inner: Rect, with_chart: bool) -> ListLayout {
    let [query, _, rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    if !with_chart {
        return ListLayout {
            query,
            chart: None,
            rows,
        };
    }
    let [chart, rows] = Layout::vertical([
        Constraint::Length(chart_height(rows.height)),
        Constraint::Min(0),
    ])
    .areas(rows);
    ListLayout {
        query,
        chart: Some(chart),
        rows,
    }
}

/// Rows the timeline's chart takes above a list `height` rows tall: fewer on a small
/// screen, none where the list would be left too little room.
#[must_use]
pub fn chart_height(height: u16) -> u16 {
    match height {
        30.. => 10,
        14.. => 6,
        _ => 0,
    }
}

/// Screens at least this wide show the finder's preview beside its list.
pub const PREVIEW_MIN_WIDTH: u16 = 120;

/// The widest the help overlay gets: its key table in up to three columns, none wider
/// than the reading width, since a wider column of text is hard to follow. Three columns
/// of about 53 leave most descriptions on one row, so every key fits a 200×50 screen.
pub const HELP_WIDTH: u16 = 172;

/// A text overlay's box: the reading width, or (`wide`, for help laid out in columns)
/// up to [`HELP_WIDTH`].
#[must_use]
pub fn text_overlay_area(area: Rect, wide: bool) -> Rect {
    if wide {
        centred(area, HELP_WIDTH, area.height.saturating_sub(2))
    } else {
        overlay_area(area)
    }
}

/// Where a text overlay's text goes inside its box: capped at the reading width, except in
/// a wide overlay, whose columns are each narrower than that.
#[must_use]
pub fn text_overlay_text(outer: Rect, wide: bool) -> Rect {
    if wide {
        frame_inner(outer)
    } else {
        pane_text_area(outer)
    }
}

/// The box of a text overlay holding lines that cannot be broken (a link alone on its
/// line) `unbroken` columns wide beside text at the reading width: as wide as they need
/// where the screen has room, so a link is read and copied whole on one row, and no
/// taller than `lines` need (as [`fitted_overlay_area`]). Its text goes in
/// [`frame_inner`], the text at its left.
#[must_use]
pub fn unbroken_overlay_area(area: Rect, lines: usize, unbroken: u16) -> Rect {
    let width = unbroken.max(READING_WIDTH).saturating_add(4);
    let wanted = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    centred(area, width, area.height.saturating_sub(2).min(wanted))
}

/// [`text_overlay_area`] no taller than `lines` of text need, so a short help or summary
/// sits in a box its size over the dimmed screen. Only drawing shrinks it: the state wraps
/// and scrolls for the full height, which agrees whenever the text fits.
#[must_use]
pub fn fitted_overlay_area(area: Rect, lines: usize, wide: bool) -> Rect {
    let full = text_overlay_area(area, wide);
    let wanted = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    centred(area, full.width, full.height.min(wanted))
}

/// A `width` × `height` rectangle (at most `area` less two columns each side) centred in
/// `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = area.width.saturating_sub(4).min(width);
    let height = height.min(area.height);
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
            Grid::default(),
        )
        .unwrap();
        assert!(layout.panes.iter().all(|(_, rect)| rect.is_some()));
        assert!(layout.tabs.is_none());
    }

    #[test]
    fn narrow_terminals_get_one_pane_and_tabs() {
        let layout = screen_layout(
            Rect::new(0, 0, 80, 24),
            GridPane::Goals,
            false,
            false,
            Grid::default(),
        )
        .unwrap();
        assert_eq!(layout.panes.iter().filter(|(_, r)| r.is_some()).count(), 1);
        assert!(layout.panes[GridPane::Goals].is_some());
        assert!(layout.tabs.is_some());
    }

    #[test]
    fn a_pane_with_little_in_it_gives_room_to_a_full_one() {
        let mut weights = Grid::default();
        weights[GridPane::Participants] = 4;
        weights[GridPane::Meetings] = 1;
        weights[GridPane::Goals] = 1;
        weights[GridPane::Disagreements] = 1;
        let layout = screen_layout(
            Rect::new(0, 0, 200, 50),
            GridPane::Participants,
            false,
            false,
            weights,
        )
        .unwrap();
        let width = |pane| layout.panes[pane].map_or(0, |r: Rect| r.width);
        let height = |pane| layout.panes[pane].map_or(0, |r: Rect| r.height);
        assert_eq!(width(GridPane::Participants), 160);
        // Both rows split at the same column (issue 24): the grid reads as one grid.
        assert_eq!(width(GridPane::Goals), width(GridPane::Participants));
        assert_eq!(width(GridPane::Disagreements), width(GridPane::Meetings));
        assert!(height(GridPane::Participants) > 3 * height(GridPane::Goals));
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_body() {
        let layout = screen_layout(
            Rect::new(0, 0, 200, 50),
            GridPane::Disagreements,
            true,
            false,
            Grid::default(),
        )
        .unwrap();
        assert_eq!(
            layout.panes[GridPane::Disagreements].map(|r| r.width),
            Some(200)
        );
    }

    #[test]
    fn plain_mode_is_one_borderless_pane_at_any_size() {
        let layout = screen_layout(
            Rect::new(0, 0, 200, 50),
            GridPane::Meetings,
            false,
            true,
            Grid::default(),
        )
        .unwrap();
        assert_eq!(layout.panes.iter().filter(|(_, r)| r.is_some()).count(), 1);
        let pane = layout.panes[GridPane::Meetings].unwrap();
        assert_eq!(layout.text_area(pane).height, pane.height);
        assert!(layout.tabs.is_some());
    }

    #[test]
    fn text_keeps_a_reading_width_centred_in_wide_panes() {
        let zoomed = pane_text_area(Rect::new(0, 0, 200, 40));
        assert_eq!(zoomed.width, READING_WIDTH);
        assert_eq!(zoomed.x, (200 - READING_WIDTH) / 2);
        assert_eq!(pane_text_area(Rect::new(0, 0, 60, 20)).width, 56);
        let a_little_wider = pane_text_area(Rect::new(0, 0, 120, 40));
        assert_eq!(a_little_wider.width, READING_WIDTH);
        assert_eq!(a_little_wider.x, 2, "left, beside the selection bar");
        assert_eq!(
            overlay_area(Rect::new(0, 0, 200, 50)).width,
            READING_WIDTH + 4
        );
    }

    #[test]
    fn short_overlays_shrink_to_their_text_and_never_past_the_screen() {
        let screen = Rect::new(0, 0, 200, 50);
        let short = fitted_overlay_area(screen, 5, false);
        assert_eq!(short.height, 7);
        assert_eq!(short.y, (50 - 7) / 2);
        assert_eq!(
            fitted_overlay_area(screen, 500, false),
            overlay_area(screen)
        );
        let tiny = Rect::new(0, 0, 3, 1);
        assert!(fitted_overlay_area(tiny, 5, true).height <= 1);
        assert_eq!(text_overlay_area(screen, true).width, HELP_WIDTH);
    }

    /// The bundled briefings' summit ids, in board order, as widths.
    const BUNDLED_SUMMITS: [usize; 18] = [
        12, 11, 13, 17, 10, 13, 11, 10, 19, 12, 14, 14, 15, 13, 13, 19, 15, 10,
    ];

    fn bundled_board(width: u16, height: u16) -> BoardLayout {
        let widths = BoardWidths {
            ids: 23,
            topics: 50,
            summits: &BUNDLED_SUMMITS,
        };
        board_layout(Rect::new(0, 0, width, height), widths)
    }

    #[test]
    fn the_board_uses_the_lists_box_and_help_keeps_its_own_cap() {
        let wide = Rect::new(0, 0, 300, 60);
        assert_eq!(bundled_board(300, 60).inner, frame_inner(list_area(wide)));
        assert!(bundled_board(300, 60).inner.width > HELP_WIDTH);
        assert_eq!(text_overlay_area(wide, true).width, HELP_WIDTH);
    }

    #[test]
    fn a_wide_board_shows_whole_ids_and_gives_the_room_to_summits() {
        let layout = bundled_board(200, 50);
        let whole: Vec<u16> = BUNDLED_SUMMITS
            .iter()
            .map(|&w| u16::try_from(w).unwrap())
            .collect();
        assert_eq!(layout.column_widths, whole, "no id is cut");
        assert_eq!(layout.topic_width, 0, "summits scroll: topics give way");
        let in_view = layout.columns_in_view(0);
        assert!(in_view.len() >= 10, "{in_view:?}");
        let used = span_width(&layout.column_widths[in_view.clone()]);
        assert!(used <= u32::from(layout.cells_room()));
        let one_more = span_width(&layout.column_widths[..=in_view.end]);
        assert!(one_more > u32::from(layout.cells_room()), "as many as fit");
    }

    #[test]
    fn a_narrow_board_cuts_long_ids_rather_than_summits() {
        let layout = bundled_board(80, 24);
        assert!(layout.column_widths.iter().all(|&w| w == BOARD_CELL_WIDTH));
        assert_eq!(layout.columns_in_view(0).len(), 4);
        // Two summits whose whole ids fit are never cut, however narrow the screen.
        let two = BoardWidths {
            ids: 23,
            topics: 0,
            summits: &[19, 19],
        };
        let layout = board_layout(Rect::new(0, 0, 80, 24), two);
        assert_eq!(layout.column_widths, [19, 19]);
    }

    #[test]
    fn topics_take_the_room_the_summits_leave() {
        let book = BoardWidths {
            ids: 13,
            topics: 27,
            summits: &[13, 12, 10, 10, 11],
        };
        let layout = board_layout(Rect::new(0, 0, 200, 50), book);
        assert_eq!(layout.topic_width, 27);
        assert_eq!(layout.columns_in_view(0), 0..5);
        let cramped = board_layout(Rect::new(0, 0, 80, 24), book);
        assert_eq!(cramped.topic_width, 0, "not every summit fits: no topics");
    }

    #[test]
    fn the_board_scrolls_just_far_enough_and_leaves_no_room_empty() {
        let layout = bundled_board(80, 24);
        assert_eq!(layout.first_column_for(0, 3), 0, "in view: unchanged");
        assert_eq!(layout.first_column_for(0, 5), 2, "right: the cursor last");
        assert_eq!(layout.first_column_for(6, 4), 4, "left: the cursor first");
        assert_eq!(
            layout.first_column_for(17, 17),
            14,
            "the end fills the room"
        );
        assert_eq!(layout.first_column_for(0, 99), 14, "past the end: the last");
        let wide = bundled_board(200, 50);
        let first = wide.first_column_for(0, 17);
        assert_eq!(wide.columns_in_view(first).end, 18);
        assert!(span_width(&wide.column_widths[first - 1..]) > u32::from(wide.cells_room()));
        assert_eq!(
            BoardLayout::default().first_column_for(3, 5),
            0,
            "no summits"
        );
        assert_eq!(BoardLayout::default().columns_in_view(3), 0..0);
    }

    #[test]
    fn the_room_the_columns_leave_makes_cut_ids_whole() {
        let layout = bundled_board(120, 40);
        let first = layout.first_column_for(0, 17);
        let spans = layout.column_spans(first);
        let widths: Vec<u16> = spans.iter().map(|&(_, _, width)| width).collect();
        assert_eq!(widths, [13, 13, 19, 15, 10], "every id in view whole");
        let (_, left, width) = spans[spans.len() - 1];
        assert!(left + width <= layout.cells_room());
        // One spare column: the first id it makes whole takes it; the others stay cut.
        let narrow = bundled_board(80, 24);
        let widths: Vec<u16> = narrow.column_spans(0).iter().map(|s| s.2).collect();
        assert_eq!(widths, [10, 11, 10, 10]);
    }

    #[test]
    fn tiny_terminals_get_no_layout() {
        assert!(
            screen_layout(
                Rect::new(0, 0, 39, 24),
                GridPane::Participants,
                false,
                false,
                Grid::default()
            )
            .is_none()
        );
        assert!(
            screen_layout(
                Rect::new(0, 0, 1, 1),
                GridPane::Participants,
                false,
                false,
                Grid::default()
            )
            .is_none()
        );
    }
}

/// Narrowest width of a board cell: the longest status word ("narrowed") and a date
/// ("1986-10-11") both fit, so a status is always written out.
pub const BOARD_CELL_WIDTH: u16 = 10;
/// Columns between two board cells.
pub const BOARD_GAP: u16 = 2;
/// Rows of the board's column header when every summit's id shows whole: the id, then its
/// date. A board whose ids are cut takes one more, for the id's second half.
pub const BOARD_HEADER_ROWS: u16 = 2;
/// A topic cut to fewer columns than this says nothing, so none is shown.
pub const BOARD_MIN_TOPIC: u16 = 8;

/// Where the board's parts go inside its overlay: the state uses it to keep the cursor in
/// view and to find the cell under a click, the drawing to place the text, so the two
/// agree on every column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardLayout {
    /// The board's text area inside the overlay's frame.
    pub inner: Rect,
    /// Columns of the row header: the id, and the topic when `topic` is non-zero.
    pub id_width: u16,
    pub topic_width: u16,
    /// Each summit's column width as scrolling counts it, in board order: as wide as its
    /// id, at least [`BOARD_CELL_WIDTH`], and on a narrow screen at most a sixth of the
    /// room (see [`board_layout`]).
    pub column_widths: Vec<u16>,
    /// Each summit's id width, at least [`BOARD_CELL_WIDTH`]: what its column takes
    /// whenever the room the columns in view leave allows (see [`Self::column_spans`]).
    pub whole_widths: Vec<u16>,
}

impl BoardLayout {
    /// Columns the row header takes, with the gap after it.
    #[must_use]
    pub fn row_header(&self) -> u16 {
        let topic = if self.topic_width > 0 {
            self.topic_width + BOARD_GAP
        } else {
            0
        };
        self.id_width + topic + BOARD_GAP
    }

    /// Columns beside the row header, where the cells go.
    #[must_use]
    pub fn cells_room(&self) -> u16 {
        self.inner.width.saturating_sub(self.row_header())
    }

    /// The summits in view when `first` is the leftmost: as many as fit beside the row
    /// header. `first` itself is always in view (clipped when even it does not fit), so
    /// the cursor's column never disappears.
    #[must_use]
    pub fn columns_in_view(&self, first: usize) -> Range<usize> {
        let widths = &self.column_widths;
        let first = first.min(widths.len());
        let room = u32::from(self.cells_room());
        let mut used = widths.get(first).map_or(0, |&w| u32::from(w));
        let mut end = (first + 1).min(widths.len());
        while let Some(&width) = widths.get(end) {
            used += u32::from(BOARD_GAP + width);
            if used > room {
                break;
            }
            end += 1;
        }
        first..end
    }

    /// The summits in view from `first`, each with its column's offset from the cells'
    /// left edge and its width: the widths scrolling counts with, and the room the last
    /// column leaves given back to the ids in view that were cut (left to right, each
    /// taking it only if it then shows whole), so an id is cut only when the screen has
    /// no room for it.
    #[must_use]
    pub fn column_spans(&self, first: usize) -> Vec<(usize, u16, u16)> {
        let in_view = self.columns_in_view(first);
        let counted = self.column_widths.get(in_view.clone()).unwrap_or_default();
        let whole = self.whole_widths.get(in_view.clone()).unwrap_or_default();
        let mut spare = u32::from(self.cells_room()).saturating_sub(span_width(counted));
        let mut left = 0u16;
        in_view
            .zip(counted.iter().zip(whole))
            .map(|(column, (&counted, &whole))| {
                // Only a whole id is worth the room: a column a little wider still cuts.
                let extra = whole.saturating_sub(counted);
                let width = if u32::from(extra) <= spare {
                    spare -= u32::from(extra);
                    whole
                } else {
                    counted
                };
                let span = (column, left, width);
                left = left.saturating_add(width).saturating_add(BOARD_GAP);
                span
            })
            .collect()
    }

    /// Rows of the column header when `first` is the leftmost summit:
    /// [`BOARD_HEADER_ROWS`], and one more when an id in view is cut, which then goes over
    /// two rows, so three summits called `washington-…` do not all read `washingto…` at 80
    /// columns.
    #[must_use]
    pub fn header_rows(&self, first: usize) -> u16 {
        let whole = |&(column, _, width): &(usize, u16, u16)| {
            self.whole_widths.get(column).is_none_or(|&id| width >= id)
        };
        if self.column_spans(first).iter().all(whole) {
            BOARD_HEADER_ROWS
        } else {
            BOARD_HEADER_ROWS + 1
        }
    }

    /// Rows of cells that fit under the column header when `first` is the leftmost summit.
    #[must_use]
    pub fn cell_rows(&self, first: usize) -> usize {
        usize::from(self.inner.height.saturating_sub(self.header_rows(first)))
    }

    /// The leftmost summit to show once the cursor moved to `cursor`, `first` being the
    /// leftmost before: unchanged while the cursor is in view, else just far enough to
    /// show it. Once the last summit is in view, earlier ones come back while they fit,
    /// so no room stays empty while summits are hidden (after a resize, say). Walks only
    /// the summits in view, so a key press costs the same on a board of thousands.
    #[must_use]
    pub fn first_column_for(&self, first: usize, cursor: usize) -> usize {
        let Some(last) = self.column_widths.len().checked_sub(1) else {
            return 0;
        };
        let cursor = cursor.min(last);
        let first = if cursor < first {
            cursor
        } else if cursor >= self.columns_in_view(first).end {
            self.first_fitting_before(cursor)
        } else {
            first
        };
        if self.columns_in_view(first).end > last {
            self.first_fitting_before(last)
        } else {
            first
        }
    }

    /// The leftmost summit from which every column up to `end` fits (`end` itself at
    /// least).
    fn first_fitting_before(&self, end: usize) -> usize {
        let widths = &self.column_widths;
        let room = u32::from(self.cells_room());
        let mut used = widths.get(end).map_or(0, |&w| u32::from(w));
        let mut first = end;
        while let Some(&width) = first.checked_sub(1).and_then(|before| widths.get(before)) {
            used += u32::from(BOARD_GAP + width);
            if used > room {
                break;
            }
            first -= 1;
        }
        first
    }
}

/// Columns taken by cells of `widths` side by side, with the gaps between them.
fn span_width(widths: &[u16]) -> u32 {
    let cells: u32 = widths.iter().map(|&w| u32::from(w)).sum();
    let gaps = u32::try_from(widths.len().saturating_sub(1)).unwrap_or(u32::MAX);
    cells.saturating_add(gaps.saturating_mul(u32::from(BOARD_GAP)))
}

/// What the board's text needs: the widest disagreement id and topic, and each summit's
/// id (a column header), in board order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BoardWidths<'a> {
    pub ids: usize,
    pub topics: usize,
    pub summits: &'a [usize],
}

/// The board laid out on a screen of `area` for text of `widths`, in the lists' box (as
/// wide as the timeline's and the finder's). The disagreement ids come first (up to a
/// third of the width). Each summit's column is then as wide as its id; when not every
/// summit fits so, at most a sixth of the room beside the ids: a wide screen shows ids
/// whole, while on a narrow one long ids are cut rather than crowding out summits (at 80
/// columns four cells of ten, not three whole ids). Topics are shown only when every summit fits beside them, in the room the
/// summits leave: while summits scroll the room is theirs, and the footer names the
/// selected dispute's topic whole.
#[must_use]
pub fn board_layout(area: Rect, widths: BoardWidths) -> BoardLayout {
    let inner = frame_inner(list_area(area));
    let fit = |wanted: usize, most: u16| u16::try_from(wanted).unwrap_or(u16::MAX).min(most);
    let mut layout = BoardLayout {
        inner,
        id_width: fit(widths.ids, (inner.width / 3).max(1)),
        topic_width: 0,
        column_widths: Vec::new(),
        whole_widths: Vec::new(),
    };
    layout.whole_widths = widths
        .summits
        .iter()
        .map(|&id| fit(id, u16::MAX).max(BOARD_CELL_WIDTH))
        .collect();
    let room = layout.cells_room();
    let widest = if span_width(&layout.whole_widths) <= u32::from(room) {
        u16::MAX
    } else {
        (room / 6).max(BOARD_CELL_WIDTH)
    };
    layout.column_widths = layout.whole_widths.iter().map(|&w| w.min(widest)).collect();
    let summits = span_width(&layout.column_widths);
    let left = u32::from(layout.cells_room()).saturating_sub(summits + u32::from(BOARD_GAP));
    let topic_width = fit(widths.topics, u16::try_from(left).unwrap_or(u16::MAX));
    if topic_width >= BOARD_MIN_TOPIC {
        layout.topic_width = topic_width;
    }
    layout
}
