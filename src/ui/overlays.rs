//! Overlays drawn over the panes: scrolling text (help, summary, problems) and the finder.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::chart::render_year_chart;
use super::fit::{fit, fit_start};
use super::theme::Theme;
use super::{highlighted, input_line};
use crate::app::{MatchedChars, NoteHit, Picker, PickerEntry, PickerRow, Progress, TextOverlay};
use crate::keymap::Keymap;
use crate::layout::{ListLayout, PREVIEW_MIN_WIDTH, frame_inner, list_area, list_layout};
use sherpa_core::render_text::LineStyle;
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::{PartKind, Passage, Query};

/// The overlay's frame: a rounded box, or in plain mode (for screen readers) only its title.
pub(super) fn frame(title: String, footer: &str, plain: bool, theme: Theme) -> Block<'static> {
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

pub fn render_text_overlay(
    overlay: &TextOverlay,
    search: Option<&Query>,
    theme: Theme,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let view = &overlay.text;
    let (outer, text) = overlay.areas(area);
    Clear.render(outer, buf);
    let more = view.lines.len().saturating_sub(view.scroll + view.window());
    let footer = match more {
        0 => String::new(),
        1 => " 1 more line below ".to_owned(),
        more => format!(" {more} more lines below "),
    };
    frame(
        format!(" {} ", sanitize_line(&overlay.title)),
        &footer,
        plain,
        theme,
    )
    .render(outer, buf);
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
        // Only a link alone on its line is wider than the text (see the state's
        // `break_wide_lines`), and the box widened for it: on a screen too narrow for it
        // whole, it is cut at the border with `…`, never broken over two rows.
        let cut;
        let text: &str = if line.text.width() > usize::from(text.width) {
            cut = fit(&line.text, usize::from(text.width));
            &cut
        } else {
            &line.text
        };
        highlighted(text, theme.line(line.style), search, theme).render(row_area, buf);
        if overlay.selected.is_some() && line.item == overlay.selected {
            buf.set_style(row_area, theme.selected_row(true));
        }
    }
}

/// Draws a list; `updated` says whether the summit an entry opens (by id) was updated
/// since it was last read, for its marker.
pub fn render_picker(
    picker: &Picker,
    keymap: &Keymap,
    updated: &dyn Fn(&str) -> bool,
    theme: Theme,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let outer = list_area(area);
    Clear.render(outer, buf);
    let title = picker_title(picker, outer.width);
    let footer = " type to filter; the status line shows the keys ";
    frame(title, footer, plain, theme).render(outer, buf);
    let inner = beside_preview(picker, theme, plain, area.width, frame_inner(outer), buf);
    let ListLayout {
        query: input,
        chart,
        rows: list,
    } = list_layout(inner, picker.chart.is_some());
    let query = sanitize_line(&picker.query);
    input_line("/ ", &query, theme, plain, usize::from(input.width)).render(input, buf);
    if let (Some(chart), Some(chart_area)) = (&picker.chart, chart) {
        render_year_chart(chart, picker.chart_focus(), keymap, theme, chart_area, buf);
    }
    let searching = (picker.passages.as_ref()).is_some_and(|p| p.pending || p.progress.is_some());
    if picker.row_count() == 0 {
        let note = if searching {
            "Searching the text…"
        } else {
            "Nothing matches."
        };
        Line::styled(note, theme.dim()).render(list, buf);
        return;
    }
    let first = first_row(
        picker.row_count(),
        picker.selected,
        usize::from(list.height),
        |index| picker.screen_rows_of(index),
    );
    let query = picker.passages.as_ref().and_then(|p| p.query.as_ref());
    let mut matched = MatchedChars::new(&picker.query);
    let mut row = list.y;
    for offset in first..picker.row_count() {
        if row >= list.bottom() {
            break;
        }
        let is_selected = offset == picker.selected;
        let style = if is_selected {
            theme.highlight()
        } else {
            Style::new()
        };
        // `>` marks the selection in words as well as in reverse video; `●` the summit
        // being read.
        let selected = if is_selected { '>' } else { ' ' };
        let at = Rect {
            y: row,
            height: list.bottom() - row,
            ..list
        };
        match picker.row(offset) {
            Some(PickerRow::Entry(entry)) => {
                let current = picker.current == Some(picker.matches[offset]);
                let hits = matched.of(&sanitize_line(&entry.text));
                let marks = Marks {
                    selected,
                    current,
                    hits,
                    updated: entry.target.as_deref().is_some_and(updated),
                };
                row += render_entry(entry, &marks, style, theme, at, buf);
            }
            Some(PickerRow::Note(note)) => {
                row += render_note(note, query, selected, style, theme, at, buf);
            }
            Some(PickerRow::Passage(place)) => {
                // Built for the rows on screen only: a common word has tens of thousands.
                let passage = picker
                    .passages
                    .as_ref()
                    .zip(query)
                    .and_then(|(passages, query)| passages.source.passage(query, *place));
                render_passage(passage.as_ref(), query, selected, style, theme, at, buf);
                row += 1;
            }
            None => break,
        }
    }
}

/// On a screen [`PREVIEW_MIN_WIDTH`] wide or more, draws the finder's preview in the right
/// part of `inner` and returns the part left for the list; else returns `inner` whole.
fn beside_preview(
    picker: &Picker,
    theme: Theme,
    plain: bool,
    screen_width: u16,
    inner: Rect,
    buf: &mut Buffer,
) -> Rect {
    if picker.passages.is_none() || screen_width < PREVIEW_MIN_WIDTH {
        return inner;
    }
    let [list, rule, preview] = Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(inner);
    if !plain {
        render_rule(theme, rule, buf);
    }
    // Level with the list's first row, below the query line.
    let preview = Rect {
        y: preview.y.saturating_add(2),
        height: preview.height.saturating_sub(2),
        ..preview
    };
    render_preview(picker, theme, preview, buf);
    list
}

/// The line between the finder's list and its preview.
fn render_rule(theme: Theme, area: Rect, buf: &mut Buffer) {
    let x = area.x + area.width / 2;
    for y in area.y..area.bottom() {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol("│").set_style(theme.border(false));
        }
    }
}

/// The finder's preview: the selected passage in full, as its pane draws it, with every
/// match highlighted and the first in view; for a summit, its row and details. Only the
/// selected row is built, so a keystroke costs the same over ten summits or ten thousand.
fn render_preview(picker: &Picker, theme: Theme, area: Rect, buf: &mut Buffer) {
    let passages = picker.passages.as_ref();
    let query = passages.and_then(|p| p.query.as_ref());
    let (heading, lines): (String, Vec<(String, Style)>) = match picker.selection() {
        Some(PickerRow::Passage(place)) => {
            let Some(passages) = passages else { return };
            let passage = query.and_then(|q| passages.source.passage(q, *place));
            let heading = passage.map_or_else(String::new, |p| {
                format!(
                    "{} · {} · {}",
                    sanitize_line(&p.id),
                    p.date,
                    p.place.pane.title()
                )
            });
            let lines = passages
                .source
                .item_lines(*place, usize::from(area.width))
                .into_iter()
                .map(|line| (line.text.to_string(), theme.line(line.style)))
                .collect();
            (heading, lines)
        }
        Some(PickerRow::Note(note)) => (
            note_place(note),
            vec![(
                format!("{NOTE_MARKER}{}", sanitize_line(&note.text)),
                theme.line(LineStyle::UserNote),
            )],
        ),
        Some(PickerRow::Entry(entry)) => {
            let lines = entry
                .detail
                .iter()
                .map(|d| (sanitize_line(d).to_string(), theme.dim()))
                .collect();
            (sanitize_line(&entry.text).to_string(), lines)
        }
        None => return,
    };
    let [head, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    Line::styled(fit(&heading, usize::from(head.width)), theme.dim()).render(head, buf);
    // The first match in view, with two lines of context above it, as `less` leaves.
    let first_match = query.and_then(|q| {
        lines
            .iter()
            .position(|(text, _)| !q.highlights(text).is_empty())
    });
    let height = usize::from(body.height);
    let skip = first_match
        .filter(|&at| at >= height)
        .map_or(0, |at| at.saturating_sub(2));
    for ((text, style), y) in lines.iter().skip(skip).zip(body.y..body.bottom()) {
        let row = Rect {
            y,
            height: 1,
            ..body
        };
        highlighted(text, *style, query, theme).render(row, buf);
    }
}

/// A text passage's row: the selection marker, then the passage with its matches.
fn render_passage(
    passage: Option<&Passage>,
    query: Option<&Query>,
    selected: char,
    style: Style,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let marker = format!("{selected}  ");
    let room = usize::from(area.width).saturating_sub(marker.chars().count());
    let mut spans = vec![Span::styled(marker, theme.key())];
    if let Some(passage) = passage {
        spans.extend(passage_spans(passage, query, style, theme, room));
    }
    Line::from(spans).render(area, buf);
}

/// What a note of yours starts with in the finder, so it is never taken for the briefing's
/// own text.
const NOTE_MARKER: &str = "✎ note  ";

/// The item a note is on, as the finder names it: `summit · Pane`.
fn note_place(note: &NoteHit) -> String {
    format!(
        "{} · {}",
        sanitize_line(note.key.summit()),
        note.key.pane().title()
    )
}

/// A note's row in the finder: the marker, the noted item, then the note in its own style
/// with the query's words highlighted, as a passage's are. Returns the rows used (one), as
/// [`render_entry`] does.
fn render_note(
    note: &NoteHit,
    query: Option<&Query>,
    selected: char,
    style: Style,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let text = sanitize_line(&note.text).to_string();
    let note_style = theme.line(LineStyle::UserNote).patch(style);
    let mut spans = vec![
        Span::styled(format!("{selected}  {NOTE_MARKER}"), theme.key()),
        Span::styled(format!("{}: ", note_place(note)), style),
    ];
    spans.extend(highlighted(&text, note_style, query, theme).spans);
    Line::from(spans).render(area, buf);
    1
}

/// What an entry's row is marked with: the selection, the summit being read, and the
/// characters the query matched.
struct Marks {
    selected: char,
    current: bool,
    /// Char indices into the row's sanitised text.
    hits: Vec<usize>,
    /// The summit the entry opens was updated since it was last read.
    updated: bool,
}

/// What follows an entry updated since it was read: words, which a screen reader says.
const UPDATED_BADGE: &str = " · updated since read";

/// An entry's row and its detail lines, from the top of `area`; returns the rows used.
fn render_entry(
    entry: &PickerEntry,
    marks: &Marks,
    style: Style,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let line_at = |row: u16| Rect {
        y: area.y + row,
        height: 1,
        ..area
    };
    let marker = format!(
        "{}{} ",
        marks.selected,
        if marks.current { '●' } else { ' ' }
    );
    let badge = if marks.updated { UPDATED_BADGE } else { "" };
    let room = usize::from(area.width)
        .saturating_sub(marker.chars().count())
        .saturating_sub(badge.chars().count());
    let text = sanitize_line(&entry.text);
    let (shown, hits) = showing_hits(&text, &marks.hits, room);
    let mut spans = vec![Span::styled(marker, theme.key())];
    spans.extend(matched_spans(
        &shown,
        &hits,
        style,
        style.patch(theme.search_match()),
    ));
    if !badge.is_empty() {
        spans.push(Span::styled(badge, theme.key()));
    }
    Line::from(spans).render(line_at(0), buf);
    let mut rows = 1;
    for detail in &entry.detail {
        if rows >= area.height {
            break;
        }
        let room = usize::from(area.width).saturating_sub(4);
        Line::styled(
            format!("    {}", fit(&sanitize_line(detail), room)),
            theme.dim(),
        )
        .render(line_at(rows), buf);
        rows += 1;
    }
    rows
}

/// A row's lead: what comes before its first two spaces (a date, a summit's id), which
/// tells the row from its neighbours and so stays in view when the row slides to show a
/// match, as long as it leaves the row at least half its room.
const LEAD_GAP: &str = "  ";

/// `text` in `room` columns with its matched characters (`hits`, ascending char indices)
/// in view: cut at the right as usual, or, when that would hide the last of them, its lead
/// (see [`LEAD_GAP`]) kept and the rest started late enough (after a `…`) to show it.
/// Returns the row and the hits' indices in it.
fn showing_hits(text: &str, hits: &[usize], room: usize) -> (String, Vec<usize>) {
    let Some((lead, rest)) = text
        .split_once(LEAD_GAP)
        .filter(|(lead, _)| !lead.is_empty() && (lead.width() + LEAD_GAP.len()) * 2 <= room)
    else {
        return sliding_to_hits(text, hits, room);
    };
    let skipped = lead.chars().count() + LEAD_GAP.len();
    let (lead_hits, rest_hits): (Vec<usize>, Vec<usize>) = hits.iter().partition(|&&h| h < skipped);
    let rest_hits: Vec<usize> = rest_hits.iter().map(|&h| h - skipped).collect();
    let rest_room = room - lead.width() - LEAD_GAP.len();
    let (shown, shown_hits) = sliding_to_hits(rest, &rest_hits, rest_room);
    let hits = lead_hits
        .into_iter()
        .chain(shown_hits.into_iter().map(|h| h + skipped))
        .collect();
    (format!("{lead}{LEAD_GAP}{shown}"), hits)
}

/// `text` in `room` columns with its matched characters (`hits`, ascending char indices)
/// in view: cut at the right as usual, or, when that would hide the last of them, started
/// late enough (after a `…`) to show it. Returns the row and the hits' indices in it.
fn sliding_to_hits(text: &str, hits: &[usize], room: usize) -> (String, Vec<usize>) {
    let shown = fit(text, room);
    let visible = shown.chars().count().saturating_sub(1);
    let Some(&last) = hits
        .last()
        .filter(|&&last| shown != text && last >= visible)
    else {
        return (shown, hits.to_vec());
    };
    let chars: Vec<char> = text.chars().collect();
    let width = |from: usize| -> usize {
        chars
            .get(from..=last)
            .map_or(0, |run| run.iter().map(|c| c.width().unwrap_or(0)).sum())
    };
    // The earliest start at which the run to the last hit fits between two `…`.
    let start = (1..=last)
        .find(|&from| width(from) + 2 <= room)
        .unwrap_or(last);
    let rest: String = chars.get(start..).unwrap_or_default().iter().collect();
    let row = format!("…{}", fit(&rest, room.saturating_sub(1)));
    let hits = hits
        .iter()
        .filter(|&&h| h >= start)
        .map(|&h| h - start + 1)
        .collect();
    (row, hits)
}

/// `text` as spans, the characters at `hits` (ascending char indices) in `matched`.
fn matched_spans(text: &str, hits: &[usize], style: Style, matched: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut hits = hits.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_hit = hits.next_if(|&&h| h == i).is_some();
        if is_hit != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { style };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { style }));
    }
    spans
}

/// The first row to draw so that the list fills the view: from the top when everything
/// up to the selection fits, else with the selection about a third of the way down and
/// the rows after it filling the rest — never blank rows under a list that has more.
fn first_row(
    count: usize,
    selected: usize,
    height: usize,
    rows_of: impl Fn(usize) -> usize,
) -> usize {
    let through_selection: usize = (0..=selected.min(count.saturating_sub(1)))
        .map(&rows_of)
        .sum();
    if through_selection <= height {
        return 0;
    }
    // Rows the selection and everything after it take, up to a full view.
    let mut below = 0;
    for row in selected..count {
        below += rows_of(row);
        if below >= height {
            break;
        }
    }
    let context = if below >= height {
        height / 3
    } else {
        height - below
    };
    let mut first = selected;
    let mut above = 0;
    while first > 0 && above + rows_of(first - 1) <= context {
        first -= 1;
        above += rows_of(first);
    }
    first
}

/// A picker's title with its count, within a frame `width` columns wide: the frame's
/// corners take two columns, and a title too long for the rest says how far a search went
/// as a share, not as "N of M summits".
fn picker_title(picker: &Picker, width: u16) -> String {
    let title = |form| {
        let count = picker_count(picker, form);
        format!(" {} ({count}) ", sanitize_line(&picker.title))
    };
    let long = title(ProgressForm::Counted);
    if long.width() + 2 > usize::from(width) {
        title(ProgressForm::Share)
    } else {
        long
    }
}

/// How a picker's title says how far a streamed text search went.
#[derive(Clone, Copy)]
enum ProgressForm {
    /// "searching… 1200 of 100000 summits"
    Counted,
    /// "1200 passages · searching… 1%", for a narrow frame
    Share,
}

/// The count in a picker's title: entries shown of all, and for the finder, your notes,
/// passages and the summits they are in.
fn picker_count(picker: &Picker, form: ProgressForm) -> String {
    let Some(passages) = &picker.passages else {
        return format!("{} of {}", picker.matches.len(), picker.entries.len());
    };
    let summits = match picker.matches.len() {
        1 => "1 summit".to_owned(),
        n => format!("{n} summits"),
    };
    if passages.query.is_none() && !passages.pending {
        return summits;
    }
    let hits = &passages.hits;
    let found = match (hits.len(), passages.summits()) {
        (1, _) => "1 passage".to_owned(),
        (n, 1) => format!("{n} passages in 1 summit"),
        (n, in_summits) => format!("{n} passages in {in_summits} summits"),
    };
    let summits = match picker.notes.len() {
        0 => summits,
        1 => format!("{summits} · 1 note"),
        n => format!("{summits} · {n} notes"),
    };
    match passages.progress {
        _ if passages.pending => format!("{summits} · searching the text…"),
        Some(Progress { searched, of }) => match form {
            ProgressForm::Counted => {
                format!("{summits} · {found} · searching… {searched} of {of} summits")
            }
            ProgressForm::Share => {
                let share = searched.saturating_mul(100) / of.max(1);
                let passages = match hits.len() {
                    1 => "1 passage".to_owned(),
                    n => format!("{n} passages"),
                };
                format!("{summits} · {passages} · searching… {share}%")
            }
        },
        None => format!("{summits} · {found}"),
    }
}

/// A passage's row: where it is (`id · date · pane · heading`), then the text around its
/// first match, matches highlighted, all within `room` columns.
fn passage_spans<'a>(
    passage: &Passage,
    query: Option<&Query>,
    style: Style,
    theme: Theme,
    room: usize,
) -> Vec<Span<'a>> {
    // A narrow row leaves the date out: the id usually says the year, and the match needs
    // the room.
    let place = if room >= 80 {
        format!(
            "{} · {} · {} · ",
            sanitize_line(&passage.id),
            passage.date,
            passage.place.pane.title()
        )
    } else {
        format!(
            "{} · {} · ",
            sanitize_line(&passage.id),
            passage.place.pane.title()
        )
    };
    let heading = sanitize_line(&passage.heading).to_string();
    let in_heading = passage.part == PartKind::Heading;
    let place = fit(&place, room);
    let mut left = room.saturating_sub(place.width());
    let mut spans = vec![Span::styled(place, style.patch(theme.dim()))];
    let heading = if in_heading {
        let first = query.and_then(|q| q.highlights(&heading).into_iter().next());
        match first {
            Some(range) => showing_match(&heading, range, left),
            None => fit(&heading, left),
        }
    } else {
        // The heading takes at most half the row and never the room the match needs, so
        // the match shows in every row.
        let matched = passage
            .snippet
            .get(passage.snippet_match.clone())
            .map_or(0, |m| sanitize_line(m).width());
        fit(&heading, left.saturating_sub(matched + 4).min(left / 2 + 8))
    };
    left = left.saturating_sub(heading.width());
    spans.extend(owned_spans(highlighted(
        &heading,
        style.patch(theme.line(LineStyle::Heading)),
        query,
        theme,
    )));
    if !in_heading && left > 3 {
        let snippet = format!(
            "  {}",
            showing_match(&passage.snippet, passage.snippet_match.clone(), left - 2)
        );
        spans.extend(owned_spans(highlighted(
            &snippet,
            style.patch(theme.dim()),
            query,
            theme,
        )));
    }
    spans
}

/// `text` (sanitised) in `width` columns, starting close enough to the match at `range`
/// that the match is in view: the text before it keeps at most a third of the row, cut
/// at the left with `…`.
fn showing_match(text: &str, range: std::ops::Range<usize>, width: usize) -> String {
    let (Some(before), Some(matched), Some(rest)) = (
        text.get(..range.start),
        text.get(range.clone()),
        text.get(range.start..),
    ) else {
        return fit(&sanitize_line(text), width);
    };
    let before = sanitize_line(before);
    let rest = sanitize_line(rest);
    if before.width() + rest.width() <= width {
        return format!("{before}{rest}");
    }
    let lead = width
        .saturating_sub(sanitize_line(matched).width() + 1)
        .min(width / 3);
    fit(&format!("{}{rest}", fit_start(&before, lead)), width)
}

/// A line's spans with their text owned, so the line can outlive the string it was cut from.
fn owned_spans(line: Line<'_>) -> Vec<Span<'static>> {
    line.spans
        .into_iter()
        .map(|span| Span::styled(span.content.into_owned(), span.style))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{first_row, showing_hits};
    use crate::ui::fit::{fit, fit_words};

    #[test]
    fn a_row_slid_to_show_its_match_keeps_its_lead() {
        let row = "2025-08-18  Trump meets Zelenskyy and European leaders in Washington — The White House, Washington";
        let last = row[..row.rfind("Washington").unwrap()].chars().count();
        let hits: Vec<usize> = (last..last + 10).collect();
        let (shown, shown_hits) = showing_hits(row, &hits, 60);
        assert_eq!(
            shown,
            "2025-08-18  …rs in Washington — The White House, Washington"
        );
        let hit_text: String = shown_hits
            .iter()
            .map(|&h| shown.chars().nth(h).unwrap())
            .collect();
        assert_eq!(hit_text, "Washington");
        // A lead that would take more than half the row slides with the rest.
        let (shown, _) = showing_hits(row, &hits, 20);
        assert!(shown.starts_with('…'), "{shown}");
    }

    #[test]
    fn lists_fill_the_view_from_the_top_or_up_to_the_last_row() {
        let one = |_| 1;
        assert_eq!(first_row(10, 9, 20, one), 0, "everything fits");
        assert_eq!(
            first_row(100, 99, 20, one),
            80,
            "the last row at the bottom"
        );
        assert_eq!(first_row(100, 50, 21, one), 43, "a third of the view above");
        assert_eq!(first_row(100, 5, 20, one), 0);
        let two = |_| 2;
        assert_eq!(first_row(30, 29, 20, two), 20, "rows of two lines");
    }

    #[test]
    fn long_messages_are_cut_at_a_word() {
        assert_eq!(
            fit_words("Exported Goals to ./x.txt", 40),
            "Exported Goals to ./x.txt"
        );
        assert_eq!(
            fit_words("Exported Goals to ./a-long-name.txt", 20),
            "Exported Goals to…"
        );
        assert_eq!(fit_words("Unbreakable-long-word", 10), "Unbreakab…");
    }

    #[test]
    fn long_rows_end_in_an_ellipsis_within_the_width() {
        assert_eq!(fit("Élysée Palace", 20), "Élysée Palace");
        assert_eq!(fit("Élysée Palace", 6), "Élysé…");
        assert_eq!(fit("東京都", 4), "東…");
        assert_eq!(fit("abc", 0), "");
    }
}
