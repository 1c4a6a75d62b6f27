//! The disagreement board: row headers (ids, topics where there is room) down the left,
//! column headers (summit ids and dates) across the top, both kept in view while the
//! cells scroll under them.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::fit::fit;
use super::overlays::frame;
use super::theme::Theme;
use crate::app::BoardView;
use crate::layout::{BOARD_GAP, BOARD_HEADER_ROWS, board_area};
use sherpa_core::analysis::board::BoardRow;
use sherpa_core::sanitize::sanitize_line;

pub fn render_board(view: &BoardView, theme: Theme, plain: bool, area: Rect, buf: &mut Buffer) {
    let outer = board_area(area);
    Clear.render(outer, buf);
    let board = &view.board;
    let title = format!(
        " Disagreement board: {} disputes × {} summits ",
        board.rows.len(),
        board.columns.len()
    );
    let footer = if board.rows.is_empty() {
        String::new()
    } else {
        format!(
            " dispute {} of {} · summit {} of {} ",
            view.row + 1,
            board.rows.len(),
            view.column + 1,
            board.columns.len()
        )
    };
    frame(title, &footer, plain, theme).render(outer, buf);
    let grid = Grid::of(view, area);
    if board.rows.is_empty() {
        let note = "No tracked disagreements: none of these briefings gives a disagreement an id.";
        Line::styled(note, theme.dim()).render(grid.inner, buf);
        return;
    }
    render_column_headers(view, &grid, theme, buf);
    let rows = board
        .rows
        .iter()
        .enumerate()
        .skip(view.first_row)
        .take(view.layout.rows);
    for (y, (r, row)) in (grid.inner.y.saturating_add(BOARD_HEADER_ROWS)..).zip(rows) {
        render_row(view, &grid, r, row, y, theme, buf);
    }
}

/// Where the visible cells go: the board's text area (never outside the area drawn
/// into) and the columns in view.
struct Grid {
    inner: Rect,
    cells_x: u16,
    cell_width: u16,
    columns: Range<usize>,
}

impl Grid {
    fn of(view: &BoardView, area: Rect) -> Self {
        let layout = view.layout;
        let inner = layout.inner.intersection(area);
        let first = view.first_column.min(view.board.columns.len());
        let end = (first + layout.columns).min(view.board.columns.len());
        Self {
            inner,
            cells_x: inner.x.saturating_add(layout.row_header()),
            cell_width: layout.cell_width,
            columns: first..end,
        }
    }

    /// The left edge of column `column` (one of `columns`).
    fn x(&self, column: usize) -> u16 {
        let offset = u16::try_from(column.saturating_sub(self.columns.start)).unwrap_or(u16::MAX);
        self.cells_x
            .saturating_add(offset.saturating_mul(self.cell_width + BOARD_GAP))
    }

    /// Draws `line` at a place, clipped to the board.
    fn put(&self, buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line) {
        let at = Rect::new(x, y, width, 1).intersection(self.inner);
        if !at.is_empty() {
            line.render(at, buf);
        }
    }
}

/// Each visible summit's id (shortened) over its date; the cursor's column stands out.
fn render_column_headers(view: &BoardView, grid: &Grid, theme: Theme, buf: &mut Buffer) {
    for c in grid.columns.clone() {
        let Some(column) = view.board.columns.get(c) else {
            break;
        };
        let style = if c == view.column {
            theme.key()
        } else {
            theme.dim()
        };
        let id = fit(&sanitize_line(&column.summit), usize::from(grid.cell_width));
        let (x, y) = (grid.x(c), grid.inner.y);
        grid.put(buf, x, y, grid.cell_width, Line::styled(id, style));
        let date = Line::styled(column.date.to_string(), style);
        grid.put(buf, x, y.saturating_add(1), grid.cell_width, date);
    }
}

/// A disagreement's row: its id (and topic), then a status word per visible summit in
/// the status's colour, blank where it did not come up, the cursor in reverse video.
fn render_row(
    view: &BoardView,
    grid: &Grid,
    r: usize,
    row: &BoardRow,
    y: u16,
    theme: Theme,
    buf: &mut Buffer,
) {
    let layout = view.layout;
    let id_width = usize::from(layout.id_width);
    let id_style = if r == view.row {
        theme.key()
    } else {
        Style::new()
    };
    let id = fit(&sanitize_line(&row.id), id_width);
    let mut header = vec![Span::styled(format!("{id:<id_width$}"), id_style)];
    if layout.topic_width > 0 {
        let topic = fit(&sanitize_line(&row.topic), usize::from(layout.topic_width));
        header.push(Span::raw("  "));
        header.push(Span::styled(topic, theme.dim()));
    }
    grid.put(
        buf,
        grid.inner.x,
        y,
        layout.row_header(),
        Line::from(header),
    );
    let width = usize::from(grid.cell_width);
    for c in grid.columns.clone() {
        let cell = row.cells.get(c).copied().flatten();
        let (word, mut style) = cell.map_or(("", Style::new()), |cell| {
            (cell.status.as_str(), theme.status(cell.status))
        });
        if (r, c) == (view.row, view.column) {
            // Reverse video shows the cursor without colour, on a blank cell too.
            style = style.add_modifier(Modifier::REVERSED);
        }
        let text = Line::styled(format!("{word:<width$}"), style);
        grid.put(buf, grid.x(c), y, grid.cell_width, text);
    }
}
