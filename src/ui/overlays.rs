//! Overlays drawn over the panes: scrolling text (help, summary, problems) and the finder.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use crate::app::{Picker, TextOverlay};
use crate::layout::{overlay_area, pane_text_area};
use sherpa_core::sanitize::sanitize_line;

/// The overlay's frame: a rounded box, or in plain mode (for screen readers) only its title.
fn frame(title: String, footer: &str, plain: bool, theme: Theme) -> Block<'static> {
    let block = Block::new().title(title);
    if plain {
        return block;
    }
    block
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title_bottom(Line::styled(footer.to_owned(), theme.dim()))
}

/// Cuts `text` to `width` columns, ending in `…` when something was cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        // Leave a column for the ellipsis.
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub fn render_text_overlay(
    overlay: &TextOverlay,
    theme: Theme,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    let view = &overlay.text;
    let more = view.lines.len().saturating_sub(view.scroll + view.window());
    let footer = if more > 0 {
        format!(" {more} more lines below ")
    } else {
        String::new()
    };
    frame(
        format!(" {} ", sanitize_line(&overlay.title)),
        &footer,
        plain,
        theme,
    )
    .render(outer, buf);
    let text = pane_text_area(outer);
    let visible = view
        .lines
        .iter()
        .skip(view.scroll)
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

pub fn render_picker(picker: &Picker, theme: Theme, plain: bool, area: Rect, buf: &mut Buffer) {
    let outer = overlay_area(area);
    Clear.render(outer, buf);
    let title = format!(
        " {} ({} of {}) ",
        sanitize_line(&picker.title),
        picker.matches.len(),
        picker.entries.len()
    );
    let footer = " type to filter; the status line shows the keys ";
    frame(title, footer, plain, theme).render(outer, buf);
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
        Span::styled(if plain { "" } else { "▏" }, theme.key()),
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
        // `>` marks the selection in words as well as in reverse video; `●` the summit
        // being read.
        let selected = if offset == picker.selected { '>' } else { ' ' };
        let current = if picker.current == Some(index) {
            '●'
        } else {
            ' '
        };
        let marker = format!("{selected}{current} ");
        let room = usize::from(list.width).saturating_sub(marker.chars().count());
        Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(fit(&sanitize_line(&entry.text), room), style),
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
            let room = usize::from(list.width).saturating_sub(4);
            Line::styled(
                format!("    {}", fit(&sanitize_line(detail), room)),
                theme.dim(),
            )
            .render(
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

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn long_rows_end_in_an_ellipsis_within_the_width() {
        assert_eq!(fit("Élysée Palace", 20), "Élysée Palace");
        assert_eq!(fit("Élysée Palace", 6), "Élysé…");
        assert_eq!(fit("東京都", 4), "東…");
        assert_eq!(fit("abc", 0), "");
    }
}
