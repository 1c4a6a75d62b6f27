//! Overlays drawn over the panes: scrolling text (help, summary, problems) and the finder.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::layout::{overlay_area, pane_text_area};
use super::theme::Theme;
use crate::app::{Picker, TextOverlay};
use crate::sanitize::sanitize_line;

pub fn render_text_overlay(overlay: &TextOverlay, theme: Theme, area: Rect, buf: &mut Buffer) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    let more = overlay
        .lines
        .len()
        .saturating_sub(overlay.scroll + usize::from(overlay.height));
    let footer = if more > 0 {
        format!(" {more} more lines below ")
    } else {
        String::new()
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(format!(" {} ", sanitize_line(&overlay.title)))
        .title_bottom(Line::styled(footer, theme.dim()))
        .render(outer, buf);
    let text = pane_text_area(outer);
    let visible = overlay
        .lines
        .iter()
        .skip(overlay.scroll)
        .take(usize::from(text.height));
    for (row, line) in (text.y..text.bottom()).zip(visible) {
        let row_area = Rect {
            y: row,
            height: 1,
            ..text
        };
        Line::styled(line.text.as_str(), theme.line(line.style)).render(row_area, buf);
    }
}

pub fn render_picker(picker: &Picker, theme: Theme, area: Rect, buf: &mut Buffer) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(format!(
            " {} ({} of {}) ",
            sanitize_line(&picker.title),
            picker.matches.len(),
            picker.entries.len()
        ))
        .title_bottom(Line::styled(
            " type to filter; the status line shows the keys ",
            theme.dim(),
        ))
        .render(outer, buf);
    let inner = pane_text_area(outer);
    let [input, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(sanitize_line(&picker.query).to_string()),
        Span::styled("▏", theme.key()),
    ])
    .render(input, buf);
    if picker.matches.is_empty() {
        Line::styled("Nothing matches.", theme.dim()).render(list, buf);
        return;
    }
    let rows_of = |index: usize| {
        picker
            .matches
            .get(index)
            .and_then(|&i| picker.entries.get(i))
            .map_or(1, |e| 1 + e.detail.len())
    };
    // Start far enough above the selection to show it with some context, never past it.
    let height = usize::from(list.height);
    let mut first = picker.selected;
    let mut used = rows_of(first);
    while first > 0 && used + rows_of(first - 1) <= height / 2 {
        first -= 1;
        used += rows_of(first);
    }
    let mut row = list.y;
    for (offset, &index) in picker.matches.iter().enumerate().skip(first) {
        let Some(entry) = picker.entries.get(index) else {
            continue;
        };
        if row >= list.bottom() {
            break;
        }
        let style = if offset == picker.selected {
            theme.highlight()
        } else {
            Style::new()
        };
        let is_current = picker.current == Some(index);
        let marker = if is_current { "● " } else { "  " };
        Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(sanitize_line(&entry.text).to_string(), style),
        ])
        .render(
            Rect {
                y: row,
                height: 1,
                ..list
            },
            buf,
        );
        row += 1;
        for detail in &entry.detail {
            if row >= list.bottom() {
                break;
            }
            Line::styled(format!("    {}", sanitize_line(detail)), theme.dim()).render(
                Rect {
                    y: row,
                    height: 1,
                    ..list
                },
                buf,
            );
            row += 1;
        }
    }
}
