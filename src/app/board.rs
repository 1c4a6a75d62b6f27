//! The disagreement board over the reader: the core's [`Board`] with a cell cursor and the
//! first row and column in view, kept so the cursor is always visible.

use std::ops::Range;

use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::{App, Overlay};
use crate::grid::GridPane;
use crate::layout::{BoardLayout, BoardWidths, board_layout};
use sherpa_core::analysis::board::Board;
use sherpa_core::sanitize::sanitize_line;

/// The board and the reader's place on it.
#[derive(Debug, Clone)]
pub struct BoardView {
    pub board: Board,
    /// The cursor: a row (disagreement) and a column (summit).
    pub row: usize,
    pub column: usize,
    /// The first row and column in view.
    pub first_row: usize,
    pub first_column: usize,
    /// Where everything goes on the screen the state was laid out for.
    pub layout: BoardLayout,
}

impl BoardView {
    fn new(board: Board) -> Self {
        Self {
            board,
            row: 0,
            column: 0,
            first_row: 0,
            first_column: 0,
            layout: BoardLayout::default(),
        }
    }

    /// Lays the board out on a screen of `area` and brings the cursor into view.
    fn fit(&mut self, area: Rect) {
        let width = |text: &String| sanitize_line(text).width();
        let widest = |texts: &mut dyn Iterator<Item = &String>| texts.map(width).max().unwrap_or(0);
        let summits: Vec<usize> = self
            .board
            .columns
            .iter()
            .map(|c| width(&c.summit))
            .collect();
        let widths = BoardWidths {
            ids: widest(&mut self.board.rows.iter().map(|r| &r.id)),
            topics: widest(&mut self.board.rows.iter().map(|r| &r.topic)),
            summits: &summits,
        };
        self.layout = board_layout(area, widths);
        self.clamp();
    }

    /// The disagreements (rows) in view.
    #[must_use]
    pub fn rows_in_view(&self) -> Range<usize> {
        let end = (self.first_row + self.cell_rows()).min(self.board.rows.len());
        self.first_row.min(end)..end
    }

    /// Rows of the column header, as many as the ids in view need.
    #[must_use]
    pub fn header_rows(&self) -> u16 {
        self.layout.header_rows(self.first_column)
    }

    /// Rows of cells in view under the column header.
    #[must_use]
    pub fn cell_rows(&self) -> usize {
        self.layout.cell_rows(self.first_column)
    }

    /// The summits (columns) in view.
    #[must_use]
    pub fn columns_in_view(&self) -> Range<usize> {
        self.layout.columns_in_view(self.first_column)
    }

    /// Each summit in view with the left edge and width of its column on the screen: the
    /// one geometry both the drawing and a click read.
    #[must_use]
    pub fn column_cells(&self) -> Vec<(usize, u16, u16)> {
        let cells_x = self.layout.inner.x.saturating_add(self.layout.row_header());
        let spans = self.layout.column_spans(self.first_column);
        spans
            .into_iter()
            .map(|(column, offset, width)| (column, cells_x.saturating_add(offset), width))
            .collect()
    }

    /// The cell drawn at a screen cell, as (row, column), if one is there: what a click
    /// selects. The same geometry as the drawing, from the same layout.
    #[must_use]
    pub fn cell_at(&self, x: u16, y: u16) -> Option<(usize, usize)> {
        let layout = &self.layout;
        let cells_y = layout.inner.y.saturating_add(self.header_rows());
        if !layout.inner.contains(Position::new(x, y)) || y < cells_y {
            return None;
        }
        let row = self.first_row + usize::from(y - cells_y);
        let (column, _, _) = self
            .column_cells()
            .into_iter()
            .find(|&(_, left, width)| (left..left.saturating_add(width)).contains(&x))?;
        self.rows_in_view().contains(&row).then_some((row, column))
    }

    /// A click on a cell: the first selects it, a second (on the selected cell) opens it.
    /// True when the click asks to open.
    fn click(&mut self, x: u16, y: u16) -> bool {
        let Some((row, column)) = self.cell_at(x, y) else {
            return false;
        };
        if (row, column) == (self.row, self.column) {
            return true;
        }
        self.row = row;
        self.column = column;
        self.clamp();
        false
    }

    /// Whether `Right` moves the cursor: it is not on the last column.
    #[must_use]
    pub fn can_move_right(&self) -> bool {
        self.column + 1 < self.board.columns.len()
    }

    /// Moves the cursor by rows and columns, stopping at the edges.
    pub(super) fn move_by(&mut self, rows: isize, columns: isize) {
        self.row = self.row.saturating_add_signed(rows);
        self.column = self.column.saturating_add_signed(columns);
        self.clamp();
    }

    /// `PageDown` / `PageUp`: the cursor a screen of rows down or up (the rows of cells in
    /// view, one at least), as the lists move by a screen; the view follows it.
    pub(super) fn move_page(&mut self, forward: bool) {
        let page = self.cell_rows().max(1).cast_signed();
        self.move_by(if forward { page } else { -page }, 0);
    }

    /// Keeps the cursor on the board and the view on the cursor.
    fn clamp(&mut self) {
        self.row = self.row.min(self.board.rows.len().saturating_sub(1));
        self.column = self.column.min(self.board.columns.len().saturating_sub(1));
        // Columns first: the ids they bring into view decide how many rows the header takes.
        self.first_column = self.layout.first_column_for(self.first_column, self.column);
        self.first_row = follow(self.first_row, self.row, self.cell_rows());
    }
}

/// The first visible index after the cursor moved to `cursor`, seen through `window`
/// places: unchanged while the cursor is in view, else just far enough to show it.
fn follow(first: usize, cursor: usize, window: usize) -> usize {
    let window = window.max(1);
    if cursor < first {
        cursor
    } else if cursor >= first + window {
        cursor + 1 - window
    } else {
        first
    }
}

impl App {
    /// The board worked out ([`App::show_board`]), on the summit being read.
    pub(super) fn open_board(&mut self, board: Board) {
        let mut view = BoardView::new(board);
        // Start on the summit being read, where it is on the board, and on its first
        // disagreement there: a cell Enter opens, rather than an empty one.
        if let Some(column) = view
            .board
            .columns
            .iter()
            .position(|c| c.position == self.current)
        {
            view.column = column;
            view.row = (0..view.board.rows.len())
                .find(|&row| view.board.target(row, column).is_some())
                .unwrap_or(0);
        }
        self.overlay = Overlay::Board(view);
        self.refit_board();
    }

    /// Lays the open board out again for the terminal's size.
    pub(super) fn refit_board(&mut self) {
        let area = Rect::new(0, 0, self.width, self.height);
        if let Overlay::Board(view) = &mut self.overlay {
            view.fit(area);
        }
    }

    /// The open board's contents worked out again over reloaded briefings
    /// ([`App::refresh_board`]), keeping the cursor where it can.
    pub(super) fn replace_board(&mut self, board: Board) {
        if let Some(view) = self.board_view_mut() {
            view.board = board;
        }
        // One set aside under help or the finder is laid out when it comes back.
        self.refit_board();
    }

    /// The open board: on screen, or set aside under help or the finder opened over it.
    pub(super) fn board_view_mut(&mut self) -> Option<&mut BoardView> {
        std::iter::once(&mut self.overlay)
            .chain(self.beneath.as_mut())
            .find_map(|overlay| match overlay {
                Overlay::Board(view) => Some(view),
                _ => None,
            })
    }

    /// A click on the board: selects the cell under the pointer, or opens it if it was
    /// selected already.
    pub(super) fn click_board(&mut self, x: u16, y: u16) {
        if let Overlay::Board(view) = &mut self.overlay
            && view.click(x, y)
        {
            self.open_cell();
        }
    }

    /// `Enter` on a cell: its summit, with the disagreement selected in its pane.
    pub(super) fn open_cell(&mut self) {
        let Overlay::Board(view) = &self.overlay else {
            return;
        };
        let Some((_, disagreement)) = view.board.target(view.row, view.column) else {
            self.set_status(
                "That disagreement did not come up at this summit: pick a cell with a status",
                false,
            );
            return;
        };
        // By ids, not by the board's positions: a board being read again after a reload
        // ([`App::refresh_board`]) still has the old briefings' positions, of summits and
        // of disagreements within them.
        let column = view.board.columns.get(view.column);
        let row_id = view.board.rows.get(view.row).map(|row| row.id.clone());
        let Some(position) = column.and_then(|column| self.corpus.position(&column.summit)) else {
            self.set_status("That summit is no longer in the briefings", true);
            return;
        };
        let disagreement = (self.corpus.briefings()[position].disagreements.iter())
            .position(|d| d.id.is_some() && d.id == row_id)
            .unwrap_or(disagreement);
        self.overlay = Overlay::None;
        self.go_to(position);
        self.set_focus(GridPane::Disagreements);
        let pane = &mut self.panes[GridPane::Disagreements];
        pane.selected = disagreement.min(pane.items.len().saturating_sub(1));
        pane.reveal_selected();
    }
}

#[cfg(test)]
mod tests {
    use super::follow;

    #[test]
    fn the_view_moves_only_as_far_as_the_cursor_needs() {
        assert_eq!(follow(0, 3, 5), 0, "in view: unchanged");
        assert_eq!(follow(0, 7, 5), 3, "below: the cursor on the last row");
        assert_eq!(follow(4, 2, 5), 2, "above: the cursor on the first row");
        assert_eq!(follow(0, 2, 0), 2, "no room: the cursor alone");
    }
}
