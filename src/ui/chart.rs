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

/// Draws `chart`, keeping the bar `focus` (the selected year, or the selected row's) in
/// view.
pub fn render_year_chart(
    chart: &YearChart,
    focus: Option<usize>,
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
        _ => format!(
            "Meetings per year · all years{} · {keys} picks a year",
            span(&chart.bars)
        ),
    };
    let heading = fit_words(&heading, usize::from(title.width));
    Line::styled(heading, theme.key()).render(title, buf);
    let slots = slots(&chart.bars);
    let focus = focus.and_then(|bar| slots.iter().position(|&slot| slot == Some(bar)));
    let shown = window(
        slots.len(),
        usize::from((bars.width + BAR_GAP) / (BAR_WIDTH + BAR_GAP)),
        focus,
    );
    // Years cut off at either side: a marked slot, as a gap is, so the chart never looks
    // like all there is (as vim marks a line that goes on past the screen's edge).
    let cut = |shown: bool, mark: &'static str| {
        shown.then(|| {
            Bar::new(0)
                .text_value(String::new())
                .label(Line::styled(mark, theme.dim()))
        })
    };
    let data: Vec<Bar> = cut(shown.cut_before, "«")
        .into_iter()
        .chain(slots[shown.slots].iter().map(|&slot| {
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
        }))
        .chain(cut(shown.cut_after, "»"))
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&data))
        .bar_width(BAR_WIDTH)
        .bar_gap(BAR_GAP)
        .render(bars, buf);
}

/// The years the chart spans, as " 1960–2030" (or " 2024" for one), so the heading says
/// how far back they go when only the latest fit.
fn span(bars: &[(u16, u64)]) -> String {
    match (bars.first(), bars.last()) {
        (Some(&(first, _)), Some(&(last, _))) if first < last => format!(" {first}–{last}"),
        (Some(&(year, _)), _) => format!(" {year}"),
        _ => String::new(),
    }
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

/// Which slots a chart shows, and whether some are cut off before or after them.
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    slots: Range<usize>,
    cut_before: bool,
    cut_after: bool,
}

/// The slots that fit in `room` places, a cut side taking one for its mark: the most
/// recent ones, or, when the `focus` slot is further back, from it on (from the first
/// when it is among the first).
fn window(count: usize, room: usize, focus: Option<usize>) -> Shown {
    let shown = |slots: Range<usize>| Shown {
        cut_before: slots.start > 0,
        cut_after: slots.end < count,
        slots,
    };
    if count <= room {
        return shown(0..count);
    }
    if room < 3 {
        // No room for marks beside the bars: the focus alone, or the latest.
        let start = focus.map_or(count - room, |f| f.min(count - room));
        return Shown {
            slots: start..start + room,
            cut_before: false,
            cut_after: false,
        };
    }
    let latest = count - (room - 1);
    match focus {
        Some(f) if f < room - 1 => shown(0..room - 1),
        Some(f) if f < latest => shown(f..f + room - 2),
        _ => shown(latest..count),
    }
}

#[cfg(test)]
mod tests {
    use super::{Shown, slots, window};

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
    fn the_most_recent_years_show_unless_the_focus_is_further_back() {
        let shown = |slots: std::ops::Range<usize>, cut_before, cut_after| Shown {
            slots,
            cut_before,
            cut_after,
        };
        assert_eq!(window(5, 10, None), shown(0..5, false, false), "all fit");
        assert_eq!(
            window(20, 8, None),
            shown(13..20, true, false),
            "the latest seven after the mark of earlier years"
        );
        assert_eq!(window(20, 8, Some(15)), shown(13..20, true, false));
        assert_eq!(
            window(20, 8, Some(9)),
            shown(9..15, true, true),
            "a year further back first, marks either side"
        );
        assert_eq!(
            window(20, 8, Some(3)),
            shown(0..7, false, true),
            "among the first years: from the first"
        );
        assert_eq!(
            window(20, 2, Some(3)),
            shown(3..5, false, false),
            "no room for marks"
        );
        assert_eq!(window(20, 0, None), shown(20..20, false, false), "no room");
    }
}
