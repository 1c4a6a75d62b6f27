//! The disagreement board: row headers (ids, topics where there is room) down the left,
//! column headers (summit ids and dates) across the top, both kept in view while the
//! cells scroll under them.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::fit::{fit, fit_start};
use super::overlays::frame;
use super::theme::Theme;
use crate::app::BoardView;
use crate::layout::{BOARD_MIN_TOPIC, list_area};
use sherpa_core::analysis::board::BoardRow;
use sherpa_core::sanitize::sanitize_line;

pub fn render_board(view: &BoardView, theme: Theme, plain: bool, area: Rect, buf: &mut Buffer) {
    let outer = list_area(area);
    Clear.render(outer, buf);
    let board = &view.board;
    let width = usize::from(outer.width.saturating_sub(2));
    frame(title(view, width), &footer(view, width), plain, theme).render(outer, buf);
    let grid = Grid::of(view, area);
    if board.rows.is_empty() {
        let note = "No tracked disagreements: none of these briefings gives a disagreement an id.";
        Line::styled(note, theme.dim()).render(grid.inner, buf);
        return;
    }
    render_column_headers(view, &grid, theme, buf);
    let rows = view.rows_in_view();
    let ys = grid.inner.y.saturating_add(view.header_rows())..;
    for (y, r) in ys.zip(rows) {
        if let Some(row) = board.rows.get(r) {
            render_row(view, &grid, r, row, y, theme, buf);
        }
    }
}

/// The board's size and, when it does not all fit, which disputes and summits are in
/// view ("summits 5–14 of 18"), so a reader knows there is more to scroll to. Where that
/// would be cut within `width` columns, the summits' counter alone, then in figures.
fn title(view: &BoardView, width: usize) -> String {
    // The first and last in view, counted from 1, when not all are.
    let partly = |range: Range<usize>, total: usize| {
        (range.len() < total).then(|| (range.start + 1, range.end))
    };
    let named = |shown: Option<(usize, usize)>, total: usize, noun: &str| match shown {
        Some((first, last)) => format!("{noun}s {first}–{last} of {total}"),
        None if total == 1 => format!("1 {noun}"),
        None => format!("{total} {noun}s"),
    };
    let (disputes, summits) = (view.board.rows.len(), view.board.columns.len());
    let rows = named(partly(view.rows_in_view(), disputes), disputes, "dispute");
    let shown = partly(view.columns_in_view(), summits);
    let columns = named(shown, summits, "summit");
    let figures = match shown {
        Some((first, last)) => format!("{first}–{last}/{summits}"),
        None => summits.to_string(),
    };
    let full = format!(" Disagreement board: {rows} × {columns} ");
    let summits_only = format!(" Disagreement board: {columns} ");
    [full, summits_only]
        .into_iter()
        .find(|title| title.width() <= width)
        .unwrap_or_else(|| format!(" Disagreement board: {figures} "))
}

/// Where the cursor is; with the selected dispute's topic when its row does not show
/// it whole, cut to what leaves the rest of the footer within `width` columns.
fn footer(view: &BoardView, width: usize) -> String {
    let board = &view.board;
    let Some(row) = board.rows.get(view.row) else {
        return String::new();
    };
    let dispute = format!(" dispute {} of {}", view.row + 1, board.rows.len());
    let summit = format!(" · summit {} of {} ", view.column + 1, board.columns.len());
    let topic = sanitize_line(&row.topic);
    let room = width.saturating_sub(dispute.width() + summit.width() + 2);
    if topic.width() <= usize::from(view.layout.topic_width) || room < usize::from(BOARD_MIN_TOPIC)
    {
        return format!("{dispute}{summit}");
    }
    format!("{dispute}: {}{summit}", fit(&topic, room))
}

/// Where the visible cells go: the board's text area (never outside the area drawn
/// into) and each summit in view with its column's left edge and width.
struct Grid {
    inner: Rect,
    columns: Vec<(usize, u16, u16)>,
}

impl Grid {
    fn of(view: &BoardView, area: Rect) -> Self {
        Self {
            inner: view.layout.inner.intersection(area),
            columns: view.column_cells(),
        }
    }

    /// Draws `line` at a place, clipped to the board.
    fn put(&self, buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line) {
        let at = Rect::new(x, y, width, 1).intersection(self.inner);
        if !at.is_empty() {
            line.render(at, buf);
        }
    }
}

/// Each visible summit's id (whole where its column has room, else over two rows) over its
/// date; the cursor's column stands out.
fn render_column_headers(view: &BoardView, grid: &Grid, theme: Theme, buf: &mut Buffer) {
    let id_rows = view.header_rows().saturating_sub(1);
    for &(c, x, width) in &grid.columns {
        let Some(column) = view.board.columns.get(c) else {
            break;
        };
        let style = if c == view.column {
            theme.key()
        } else {
            theme.dim()
        };
        let id = sanitize_line(&column.summit);
        let rows = if id_rows > 1 {
            let (first, rest) = split_id(&id, usize::from(width));
            vec![first, rest]
        } else {
            vec![fit(&id, usize::from(width))]
        };
        let ys = grid.inner.y..;
        for (y, text) in ys.zip(rows) {
            grid.put(buf, x, y, width, Line::styled(text, style));
        }
        let date = Line::styled(column.date.to_string(), style);
        grid.put(buf, x, grid.inner.y.saturating_add(id_rows), width, date);
    }
}

/// An id too wide for its column as two rows of `width` columns: the first ends at a
/// hyphen where one falls within it (`washington` over `-oct-2025`, `budapest-` over
/// `2025`), else at the width; the second keeps the id's end, behind `…` when the middle
/// is cut, since ids differ most at their end (a year, a month, a number). An id that
/// fits stays on the first row.
fn split_id(id: &str, width: usize) -> (String, String) {
    if id.width() <= width {
        return (id.to_owned(), String::new());
    }
    // The longest start of the id that fits the column.
    let mut fits = 0;
    let mut used = 0;
    for (at, c) in id.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        fits = at + c.len_utf8();
    }
    let (start, rest) = id.split_at(fits);
    let cut = if rest.starts_with('-') {
        fits
    } else {
        start
            .rfind('-')
            .filter(|&hyphen| hyphen > 0)
            .map_or(fits, |hyphen| hyphen + 1)
    };
    let (first, second) = id.split_at(cut);
    (first.to_owned(), fit_start(second, width))
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
    let layout = &view.layout;
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
    for &(c, x, width) in &grid.columns {
        let cell = row.cells.get(c).copied().flatten();
        let (word, mut style) = cell.map_or(("", Style::new()), |cell| {
            (cell.status.as_str(), theme.status(cell.status))
        });
        if (r, c) == (view.row, view.column) {
            // Reverse video shows the cursor without colour, on a blank cell too.
            style = style.add_modifier(Modifier::REVERSED);
        }
        let padded = usize::from(width);
        let text = Line::styled(format!("{word:<padded$}"), style);
        grid.put(buf, x, y, width, text);
    }
}

#[cfg(test)]
mod tests {
    use super::split_id;

    #[test]
    fn a_cut_id_goes_over_two_rows_at_a_hyphen_keeping_its_end() {
        let rows = |id: &str| split_id(id, 10);
        assert_eq!(
            rows("washington-oct-2025"),
            ("washington".into(), "-oct-2025".into())
        );
        assert_eq!(
            rows("washington-2025"),
            ("washington".into(), "-2025".into())
        );
        assert_eq!(rows("budapest-2025"), ("budapest-".into(), "2025".into()));
        assert_eq!(rows("the-hague-2025"), ("the-hague-".into(), "2025".into()));
        assert_eq!(rows("davos-2026"), ("davos-2026".into(), String::new()));
        // No hyphen to break at: cut at the width; a long rest keeps its end.
        assert_eq!(rows("abcdefghijklmn"), ("abcdefghij".into(), "klmn".into()));
        assert_eq!(
            rows("a-very-long-summit-id-2025"),
            ("a-very-".into(), "…t-id-2025".into())
        );
        assert_eq!(
            rows("首脳会談の共同声明です"),
            ("首脳会談の".into(), "…声明です".into())
        );
    }
}
