//! The timeline's chart: meetings per year as bars, year labels under them, the year the
//! list is narrowed to marked in reverse video (so it shows without colour) and named in
//! the chart's title with the keys that change it.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

use super::fit::fit_words;
use super::theme::Theme;
use crate::app::YearChart;
use crate::keymap::{Command, Context, Keymap};

/// Columns of a bar: a year's four digits.
const BAR_WIDTH: u16 = 4;
const BAR_GAP: u16 = 1;

pub fn render_year_chart(
    chart: &YearChart,
    keymap: &Keymap,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let [title, bars, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let keys = format!(
        "{}/{}",
        keymap.key_in(Context::List, Command::Left),
        keymap.key_in(Context::List, Command::Right)
    );
    let heading = match (chart.year(), chart.selected) {
        (Some(year), Some(bar)) => {
            let count = chart.bars.get(bar).map_or(0, |&(_, n)| n);
            format!("Meetings in {year}: {count} · {keys}: other years; past either end: all")
        }
        _ => format!("Meetings per year · all years · {keys} picks a year"),
    };
    let heading = fit_words(&heading, usize::from(title.width));
    Line::styled(heading, theme.key()).render(title, buf);
    let slots = slots(&chart.bars);
    let selected = chart
        .selected
        .and_then(|bar| slots.iter().position(|&slot| slot == Some(bar)));
    let shown = window(
        slots.len(),
        usize::from((bars.width + BAR_GAP) / (BAR_WIDTH + BAR_GAP)),
        selected,
    );
    let data: Vec<Bar> = slots[shown]
        .iter()
        .map(|&slot| {
            let Some((i, &(year, count))) = slot.and_then(|i| Some((i, chart.bars.get(i)?))) else {
                // Years without a meeting: an empty slot, so 1989 never sits beside 2011.
                return Bar::new(0)
                    .text_value(String::new())
                    .label(Line::styled("…", theme.dim()));
            };
            // The selected year's label is reversed, so it shows without colour; its bar
            // takes the accent colour (a reversed bar would look hollow).
            let (bar, label) = if chart.selected == Some(i) {
                (theme.key(), theme.key().add_modifier(Modifier::REVERSED))
            } else {
                (theme.dim(), Style::new())
            };
            Bar::new(count)
                .label(Line::styled(year.to_string(), label))
                .style(bar)
                .value_style(bar)
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&data))
        .bar_width(BAR_WIDTH)
        .bar_gap(BAR_GAP)
        .render(bars, buf);
}

/// The chart's slots left to right: each bar (by index), with a `None` slot between two
/// bars whose years are not consecutive.
fn slots(bars: &[(u16, u64)]) -> Vec<Option<usize>> {
    let mut slots = Vec::with_capacity(bars.len());
    for (i, &(year, _)) in bars.iter().enumerate() {
        if i > 0 && bars[i - 1].0.saturating_add(1) < year {
            slots.push(None);
        }
        slots.push(Some(i));
    }
    slots
}

/// The slots that fit in `room`: the most recent ones, or from the selected year on when
/// that is further back.
fn window(count: usize, room: usize, selected: Option<usize>) -> Range<usize> {
    let recent = count.saturating_sub(room);
    let start = selected.map_or(recent, |s| s.min(recent));
    start..(start + room).min(count)
}

#[cfg(test)]
mod tests {
    use super::{slots, window};

    #[test]
    fn years_without_a_meeting_leave_a_gap() {
        let bars = [(1985, 1), (1986, 2), (1989, 1), (2011, 3)];
        assert_eq!(
            slots(&bars),
            vec![Some(0), Some(1), None, Some(2), None, Some(3)]
        );
        assert_eq!(slots(&[]), Vec::new());
    }

    #[test]
    fn the_most_recent_years_show_unless_an_earlier_one_is_selected() {
        assert_eq!(window(5, 10, None), 0..5, "everything fits");
        assert_eq!(window(20, 8, None), 12..20, "the latest eight");
        assert_eq!(window(20, 8, Some(15)), 12..20);
        assert_eq!(window(20, 8, Some(3)), 3..11, "an earlier year in view");
        assert_eq!(window(20, 0, None), 20..20, "no room");
    }
}
