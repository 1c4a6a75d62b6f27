//! Overlays drawn over the panes: scrolling text (help, summary, problems) and the finder.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::layout::{overlay_area, pane_text_area};
use super::theme::Theme;
use crate::app::{App, Finder, TextOverlay};
use crate::sanitize::sanitize_line;

pub fn render_text_overlay(overlay: &TextOverlay, theme: Theme, area: Rect, buf: &mut Buffer) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    let more = overlay
        .lines
        .len()
        .saturating_sub(overlay.scroll + usize::from(overlay.height));
    let footer = if more > 0 {
        format!(" {more} more lines: j/↓ · Esc closes ")
    } else {
        " Esc closes ".to_owned()
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

pub fn render_finder(app: &App, finder: &Finder, theme: Theme, area: Rect, buf: &mut Buffer) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(format!(
            " Find a summit ({} of {}) ",
            finder.matches.len(),
            app.corpus.len()
        ))
        .title_bottom(Line::styled(
            " Enter jumps · Esc cancels · ↑/↓ select ",
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
        Span::raw(sanitize_line(&finder.query).to_string()),
        Span::styled("▏", theme.key()),
    ])
    .render(input, buf);
    if finder.matches.is_empty() {
        Line::styled("No summit matches.", theme.dim()).render(list, buf);
        return;
    }
    // Keep the selection in view: scroll the list by whole pages.
    let height = usize::from(list.height.max(1));
    let first = finder.selected / height * height;
    let briefings = app.corpus.briefings();
    for (row, (offset, position)) in
        (list.y..list.bottom()).zip(finder.matches.iter().enumerate().skip(first))
    {
        let Some(briefing) = briefings.get(*position) else {
            continue;
        };
        let summit = &briefing.summit;
        let text = sanitize_line(&format!(
            "{}  {} — {}",
            summit.date, summit.title, summit.location
        ));
        let style = if offset == finder.selected {
            theme.highlight()
        } else {
            ratatui::style::Style::new()
        };
        let marker = if *position == app.current {
            "● "
        } else {
            "  "
        };
        let row_area = Rect {
            y: row,
            height: 1,
            ..list
        };
        Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(text.to_string(), style),
        ])
        .render(row_area, buf);
    }
}
