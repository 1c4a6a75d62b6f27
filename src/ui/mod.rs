//! Drawing the reader: a pure function of the [`App`] state onto a frame.
//!
//! Nothing here changes state, reads files or wraps pane text: panes arrive wrapped and
//! clamped from `update`, and only the visible lines are turned into widgets, so a pane of
//! 10,000 items costs the same per frame as a small one.

mod board;
mod chart;
mod fit;
mod overlays;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Overlay, PaneView};
use crate::grid::GridPane;
use crate::keymap::{Command, Context};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH, ScreenLayout, TAB_SEPARATOR, screen_layout};
use sherpa_core::diagnostics;
use sherpa_core::document::{FieldKind, Header};
use sherpa_core::render_text::{LineStyle, header_lines};
use sherpa_core::sanitize::{Safe, sanitize_line};
use sherpa_core::search::Query;
use sherpa_core::wrap::wrap_text;
pub use theme::{NO_COLOR_ENV, Palette, Theme, ThemeName};

/// How many problems the loader found, summaries past a file's cap counted in full.
fn problems(found: &[diagnostics::Diagnostic]) -> usize {
    let (errors, warnings) = diagnostics::count(found);
    errors + warnings
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    render(app, theme, area, frame.buffer_mut());
}

/// Renders the screen into a buffer; `draw` and the tests share this.
pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(layout) = screen_layout(
        area,
        app.focus(),
        app.is_zoomed(),
        app.is_plain(),
        app.pane_weights(),
    ) else {
        render_too_small(app, area, buf);
        return;
    };
    render_header_area(app, theme, layout.header, buf);
    if app.is_loading() && app.corpus().is_empty() {
        render_loading(app, theme, &layout, buf);
    } else if app.corpus().is_empty() {
        render_empty(app, theme, &layout, buf);
    } else {
        if let Some(tabs) = layout.tabs {
            render_tabs(app, theme, tabs, buf);
        }
        for (pane, rect) in layout.panes.iter() {
            if let Some(rect) = rect {
                render_pane(app, theme, pane, &layout, *rect, buf);
            }
        }
    }
    let overlay_open = !matches!(app.overlay(), Overlay::None);
    // The view help or the finder went over, as it was, receding behind them with the page.
    if let Some(beneath) = app.view_beneath() {
        render_overlay(app, beneath, theme, area, buf);
    }
    if !overlay_open {
        render_status(app, theme, layout.status, buf);
    } else if app.is_plain() {
        // Without borders or colours nothing sets the overlay apart from the page, and a
        // screen reader reads row by row: the page goes, all but the status line.
        let above_status = Rect {
            height: layout.status.y.saturating_sub(area.y),
            ..area
        };
        Clear.render(above_status, buf);
    } else {
        // The screen behind an overlay recedes, so the box reads as in front of it.
        buf.set_style(area, theme.backdrop());
    }
    render_overlay(app, app.overlay(), theme, area, buf);
    if overlay_open {
        // After the view, so a message that takes the row above the status line is drawn
        // over the view's bottom edge instead of under it; it recedes with the page.
        let drawn = render_status(app, theme, layout.status, buf);
        if !app.is_plain() {
            buf.set_style(drawn, theme.backdrop());
        }
    }
}

/// One view over the panes: a text view, a list or the board.
fn render_overlay(app: &App, overlay: &Overlay, theme: Theme, area: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::None => {}
        Overlay::Text(overlay) => {
            overlays::render_text_overlay(
                overlay,
                app.search().map(|s| &s.query),
                theme,
                app.is_plain(),
                area,
                buf,
            );
        }
        Overlay::Picker(picker) => {
            overlays::render_picker(
                picker,
                app.keymap(),
                &|id| app.updated_since_read(id).is_some(),
                theme,
                app.is_plain(),
                area,
                buf,
            );
        }
        Overlay::Board(view) => board::render_board(view, theme, app.is_plain(), area, buf),
    }
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small ({}×{}). sherpa needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Press {} to quit.",
        area.width,
        area.height,
        app.keymap().key_for(Command::Quit)
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center)
        .render(area, buf);
}

fn render_header_area(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(briefing) = app.briefing() else {
        // While the first load runs there are none yet, not none at all.
        let text = if app.is_loading() {
            "sherpa: loading briefings…"
        } else {
            "sherpa: no briefings"
        };
        Line::styled(text, theme.line(LineStyle::Title)).render(area, buf);
        return;
    };
    let (title, facts, tags) = header_lines(&Header::of(briefing));
    let position = format!(" {}/{} by date", app.current() + 1, app.corpus().len());
    let notes = header_notes(
        app,
        theme,
        tags.map(|tags| tags.to_string()),
        app.updated_since_read(briefing.id()),
        area.width,
    );
    // The position is drawn over the title's end: a title that runs under it is cut
    // with `…` before it, so a reader sees there is more.
    let title_room = usize::from(area.width).saturating_sub(position.width() + 1);
    let title_line = Line::from(vec![Span::styled(
        fit::fit(&title.to_string(), title_room),
        theme.line(LineStyle::Title),
    )]);
    let facts_line = Line::styled(
        facts.to_string(),
        theme.line(LineStyle::Field(FieldKind::Meta)),
    );
    Paragraph::new(vec![title_line, facts_line, notes]).render(area, buf);
    let width = (position.width() as u16).min(area.width);
    let position_area = Rect {
        x: area.right() - width,
        width,
        height: 1,
        ..area
    };
    Clear.render(position_area, buf);
    Line::styled(position, theme.dim()).render(position_area, buf);
}

/// The header's notes line: what the reader is narrowed to (it changes what every key
/// moves among), that the summit changed since you read it on `updated_day`, the tags, and
/// the warning that files failed to load. The narrowing, the update and the warning are
/// read whole (in few words where the sentences do not fit); the tags take the room left,
/// shortened, and give way when there is none.
fn header_notes(
    app: &App,
    theme: Theme,
    tags: Option<String>,
    updated_day: Option<String>,
    width: u16,
) -> Line<'static> {
    const SEPARATOR: &str = "   ";
    // Fewer columns than this hold no tag worth reading.
    const LEAST_TAGS: usize = 12;
    let width = usize::from(width);
    let narrowing_long = app.narrowing_note().map(|note| {
        format!(
            "{} ({} shows all)",
            sanitize_line(&note),
            app.keymap().key_for(Command::ClearNarrowing)
        )
    });
    let narrowing_short = app
        .narrowing_note()
        .map(|note| sanitize_line(&note).to_string());
    let warning_long = app.failure_message().map(|message| format!("⚠ {message}"));
    let warning_short = app
        .failure_message_short()
        .map(|message| format!("⚠ {message}"));
    let updated_long = updated_day.as_ref().map(|day| {
        format!(
            "✱ updated since you read it on {day} ({} shows what changed)",
            app.keymap().key_for(Command::SinceRead)
        )
    });
    let updated_short = updated_day.map(|day| format!("✱ updated {day}"));
    let needs = |texts: &[&Option<String>]| -> usize {
        let present: Vec<usize> = texts
            .iter()
            .filter_map(|t| t.as_deref())
            .map(UnicodeWidthStr::width)
            .collect();
        present.iter().sum::<usize>() + SEPARATOR.len() * present.len().saturating_sub(1)
    };
    // The longest forms that fit: the update note shortened first, then the warning, then
    // the narrowing.
    let forms = [
        (&narrowing_long, &updated_long, &warning_long),
        (&narrowing_long, &updated_short, &warning_long),
        (&narrowing_long, &updated_short, &warning_short),
        (&narrowing_short, &updated_short, &warning_short),
    ];
    let (narrowing, updated, warning) = forms
        .iter()
        .find(|(narrowing, updated, warning)| needs(&[narrowing, updated, warning]) <= width)
        .unwrap_or(&forms[3]);
    let (narrowing, updated, warning) =
        ((*narrowing).clone(), (*updated).clone(), (*warning).clone());
    let fixed = needs(&[&narrowing, &updated, &warning]);
    let separators = SEPARATOR.len()
        * usize::from(narrowing.is_some() || updated.is_some() || warning.is_some());
    let room = width.saturating_sub(fixed + separators);
    let tags = tags
        .map(|tags| fit::fit_words(&tags, room))
        .filter(|_| room >= LEAST_TAGS);
    let mut notes = Vec::new();
    let parts = [
        narrowing.map(|text| Span::styled(text, theme.key())),
        updated.map(|text| Span::styled(text, theme.key())),
        tags.map(|text| Span::styled(text, theme.line(LineStyle::Field(FieldKind::Meta)))),
        warning.map(|text| Span::styled(text, theme.error())),
    ];
    for part in parts.into_iter().flatten() {
        if !notes.is_empty() {
            notes.push(Span::raw(SEPARATOR));
        }
        notes.push(part);
    }
    Line::from(notes)
}

/// The screen between the header and the status line.
fn body_area(layout: &ScreenLayout) -> Rect {
    Rect {
        y: layout.header.bottom(),
        height: layout.status.y.saturating_sub(layout.header.bottom()),
        ..layout.header
    }
}

/// The first frame while a large corpus is still being read.
fn render_loading(app: &App, theme: Theme, layout: &ScreenLayout, buf: &mut Buffer) {
    let text = vec![
        Line::styled("Loading briefings…", theme.line(LineStyle::Heading)),
        Line::raw(""),
        Line::raw(format!(
            "Reading {}.",
            sanitize_line(&app.settings().origin)
        )),
        Line::styled(
            format!(
                "{} shows the keys, {} quits.",
                app.keymap().key_for(Command::Help),
                app.keymap().key_for(Command::Quit)
            ),
            theme.dim(),
        ),
    ];
    Paragraph::new(text).wrap(Wrap { trim: false }).render(
        body_area(layout).inner(ratatui::layout::Margin::new(2, 1)),
        buf,
    );
}

fn render_empty(app: &App, theme: Theme, layout: &ScreenLayout, buf: &mut Buffer) {
    let body = body_area(layout);
    let origin = sanitize_line(&app.settings().origin);
    let mut text = vec![
        Line::styled("No briefings to show.", theme.line(LineStyle::Heading)),
        Line::raw(""),
        Line::raw(format!(
            "sherpa looked in {origin} and found no summit it could load."
        )),
        Line::raw(
            "A briefing is a TOML file with a [summit] table; see the README for the format.",
        ),
    ];
    if !app.corpus().diagnostics().is_empty() {
        text.push(Line::raw(""));
        text.push(Line::styled(
            match problems(app.corpus().diagnostics()) {
                1 => format!(
                    "1 problem found: press {} to see it.",
                    app.keymap().key_for(Command::Problems)
                ),
                n => format!(
                    "{} problems found: press {} to list them.",
                    diagnostics::with_separators(n),
                    app.keymap().key_for(Command::Problems)
                ),
            },
            theme.error(),
        ));
    }
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border(false)),
        )
        .render(body, buf);
}

fn render_tabs(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    if app.is_plain() {
        // In words, for a screen reader: which pane this is and how to move on.
        let pane = app.focused_pane();
        let count = app.briefing().map_or(0, |b| pane.count(b));
        let text = format!(
            "Pane {} of 4: {} ({count}). {} for the next pane.",
            app.focus().number(),
            pane.title(),
            app.keymap().key_for(Command::NextPane)
        );
        Line::styled(text, theme.line(LineStyle::Heading)).render(area, buf);
        return;
    }
    let mut spans = Vec::new();
    for (index, title) in app.tab_titles(area.width).into_iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(TAB_SEPARATOR, theme.dim()));
        }
        let style = if index == app.focus().index() {
            theme.border(true).patch(theme.highlight())
        } else {
            theme.dim()
        };
        spans.push(Span::styled(title, style));
    }
    Line::from(spans).render(area, buf);
}

fn render_pane(
    app: &App,
    theme: Theme,
    grid_pane: GridPane,
    layout: &ScreenLayout,
    area: Rect,
    buf: &mut Buffer,
) {
    let view = app.pane(grid_pane);
    let search = app.search().map(|s| &s.query);
    let focused = grid_pane == app.focus();
    let text_area = layout.text_area(area);
    let marked = app.marked_items(grid_pane);
    if app.is_plain() {
        render_pane_lines(view, search, theme, focused, true, text_area, buf);
        render_marks(view, &marked, theme, true, text_area, buf);
        render_new_items(
            view,
            app.new_since_read(grid_pane),
            theme,
            true,
            text_area,
            buf,
        );
        return;
    }
    let pane = grid_pane.pane();
    let count = app.briefing().map_or(0, |b| pane.count(b));
    let mut marks = String::new();
    if !marked.is_empty() {
        marks.push_str(&format!(", {} marked", marked.len()));
    }
    match app.noted_items(grid_pane) {
        0 => {}
        1 => marks.push_str(", 1 note"),
        notes => marks.push_str(&format!(", {notes} notes")),
    }
    let mut title = vec![Span::styled(
        format!(" {} {} ({count}{marks}) ", grid_pane.number(), pane.title()),
        theme.border(focused),
    )];
    if focused && app.is_zoomed() {
        title.push(Span::styled("[zoomed: z] ", theme.dim()));
    }
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Line::from(title))
        .render(area, buf);
    render_pane_lines(view, search, theme, focused, false, text_area, buf);
    render_marks(view, &marked, theme, false, text_area, buf);
    render_new_items(
        view,
        app.new_since_read(grid_pane),
        theme,
        false,
        text_area,
        buf,
    );
    if view.text.lines.len() > usize::from(text_area.height) {
        let mut state = ScrollbarState::new(view.text.max_scroll() + 1).position(view.text.scroll);
        let bar_area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        ratatui::widgets::StatefulWidget::render(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            bar_area,
            buf,
            &mut state,
        );
    }
}

/// Draws the visible slice of a pane's lines, with a bar beside the selected item (a `>`
/// in plain mode, which a screen reader can say).
fn render_pane_lines(
    view: &PaneView,
    search: Option<&Query>,
    theme: Theme,
    focused: bool,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let marker = if plain { ">" } else { "▌" };
    let visible = view
        .text
        .lines
        .iter()
        .skip(view.text.scroll)
        .take(usize::from(area.height));
    for (row, line) in (area.y..area.bottom()).zip(visible) {
        let selected = line.item.is_some_and(|i| i == view.selected);
        let row_area = Rect {
            y: row,
            height: 1,
            ..area
        };
        if selected {
            buf.set_style(row_area.intersection(buf.area), theme.selected_row(focused));
            if area.x > 0 {
                let column = area.x.saturating_sub(if plain { 2 } else { 1 });
                buf.set_string(column, row, marker, theme.selection(focused));
            }
        }
        let style = theme.line(line.style);
        highlighted(&line.text, style, search, theme).render(row_area, buf);
    }
}

/// Draws a mark (`★`, `*` in plain mode) at the right end of the first visible line of
/// each marked item.
fn render_marks(
    view: &PaneView,
    marked: &[usize],
    theme: Theme,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let star = if plain { "*" } else { "★" };
    render_item_markers(view, marked, star, 1, theme, area, buf);
}

/// Draws `new` (`+` in plain mode) left of the mark's column on the first visible line of
/// each item new since the summit was last read.
fn render_new_items(
    view: &PaneView,
    new: &[usize],
    theme: Theme,
    plain: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let marker = if plain { "+" } else { "new" };
    render_item_markers(view, new, marker, 2 + marker.len() as u16, theme, area, buf);
}

/// Draws `marker` `from_right` columns from the right end of the first visible line of
/// each of `items`.
fn render_item_markers(
    view: &PaneView,
    items: &[usize],
    marker: &str,
    from_right: u16,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some(column) = area
        .right()
        .checked_sub(from_right)
        .filter(|column| area.width >= from_right && *column >= area.x)
    else {
        return;
    };
    for &item in items {
        let Some(range) = view.items.get(item) else {
            continue;
        };
        let first = range.start.max(view.text.scroll);
        let Some(offset) = first
            .checked_sub(view.text.scroll)
            .filter(|offset| *offset < usize::from(area.height) && first < range.end)
        else {
            continue;
        };
        let row = area.y + offset as u16;
        buf.set_string(column, row, marker, theme.key());
    }
}

/// `text` in `style`, with every match of the active search (if any) in the match style.
pub(crate) fn highlighted<'a>(
    text: &'a str,
    style: Style,
    search: Option<&Query>,
    theme: Theme,
) -> Line<'a> {
    let ranges = search
        .map(|query| query.highlights(text))
        .unwrap_or_default();
    // Styles go on the spans, never the line, and an item's indentation is not
    // underlined, so an underlined link covers its text only, not the pane's edge.
    let indent = text.len() - text.trim_start_matches(' ').len();
    let indent = if ranges.first().is_some_and(|r| r.start < indent) {
        0
    } else {
        indent
    };
    let mut spans = Vec::with_capacity(2 * ranges.len() + 2);
    if indent > 0 {
        spans.push(Span::styled(
            &text[..indent],
            style.remove_modifier(Modifier::UNDERLINED),
        ));
    }
    let matched = style.patch(theme.search_match());
    let mut at = indent;
    for range in ranges {
        if range.start > at {
            spans.push(Span::styled(&text[at..range.start], style));
        }
        spans.push(Span::styled(&text[range.clone()], matched));
        at = range.end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], style));
    }
    Line::from(spans)
}

/// Draws the status line; returns the rows it took (the row above too for a long message).
fn render_status(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let origin = format!(" {} ", sanitize_line(&app.settings().origin));
    let mut right_width = (origin.width() as u16).min(area.width / 3);
    // A list says "the status line shows the keys": when they fit only without the
    // folder's name, the name gives way (at 80 columns the timeline's `Down select` gave
    // way to `./briefings`). The reader's own hints are a sample; `?` lists them all.
    let (status, note) = (app.status(), app.note_input());
    let beside = usize::from(area.width.saturating_sub(right_width));
    // All of a list's keys, drawn as worked out at the whole width when they fit in it.
    let mut keys_first = (status.is_none() && note.is_none() && app.context() == Context::List)
        .then(|| hint_line(app, theme, area.width))
        .and_then(|(line, needs)| needs.map(|needs| (line, needs)))
        .map(|(line, needs)| {
            if needs > beside {
                right_width = 0;
            }
            line
        });
    let origin = fit::fit_start(&origin, usize::from(right_width));
    let left = Rect {
        width: area.width.saturating_sub(right_width),
        ..area
    };
    let line = match (note, &status) {
        (Some(text), _) => note_input_line(app, text, theme, left.width),
        (None, status) => match status {
            Some(status) => {
                let style = if status.is_error {
                    theme.error()
                } else {
                    Style::new()
                };
                let text = sanitize_line(&status.text);
                if text.width() > usize::from(left.width) {
                    return render_long_status(&text, style, area, buf);
                }
                Line::styled(text.to_string(), style)
            }
            None => keys_first
                .take()
                .unwrap_or_else(|| hint_line(app, theme, left.width).0),
        },
    };
    line.render(left, buf);
    let right = Rect {
        x: left.right(),
        width: right_width,
        ..area
    };
    Line::styled(origin, theme.dim())
        .alignment(Alignment::Right)
        .render(right, buf);
    area
}

/// The note being written, on the status line: its keys' hint while the note leaves room
/// for it, then the whole width for the note, which scrolls as the finder's query does.
/// The keys are the ones that work there (the input types as a list's filter does), so
/// a remapped key is named as it is.
fn note_input_line(app: &App, text: &str, theme: Theme, width: u16) -> Line<'static> {
    let keys = app.keymap();
    let hint = format!(
        "  {} keeps · {} cancels",
        keys.key_in(Context::List, Command::Open),
        keys.key_in(Context::List, Command::Close)
    );
    let text = sanitize_line(text);
    let mut line = input_line("Note: ", &text, theme, app.is_plain(), usize::from(width));
    if line.width() + hint.width() <= usize::from(width) {
        line.push_span(Span::styled(hint, theme.dim()));
    }
    line
}

/// A one-line input: `label`, the end of `text` that fits in `width` columns and the
/// cursor after it (none in plain mode, where a screen reader would read it out). The
/// finder and the note input both use it, so long text scrolls alike in each.
pub(super) fn input_line(
    label: &'static str,
    text: &str,
    theme: Theme,
    plain: bool,
    width: usize,
) -> Line<'static> {
    let shown = fit::input_tail(text, width.saturating_sub(label.width()));
    Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(shown),
        Span::styled(if plain { "" } else { "▏" }, theme.key()),
    ])
}

/// A message too long for the status line beside the origin: it takes the whole width,
/// and when that is not enough, the row above too (over the panes' bottom edge, until the
/// next key), so a sentence is read whole instead of cut off mid-way. Past two rows it is
/// shortened at a word.
fn render_long_status(text: &Safe, style: Style, area: Rect, buf: &mut Buffer) -> Rect {
    let width = usize::from(area.width);
    let lines = wrap_text(text, width, LineStyle::Note);
    let (first, rest) = match lines.as_slice() {
        [only] => (None, only.text.to_string()),
        [first, rest @ ..] if area.y > 0 => {
            let rest: Vec<&str> = rest.iter().map(|line| line.text.as_str()).collect();
            (Some(first.text.to_string()), rest.join(" "))
        }
        _ => (None, text.to_string()),
    };
    let mut drawn = area;
    if let Some(first) = first {
        let above = Rect {
            y: area.y - 1,
            ..area
        };
        Clear.render(above, buf);
        Line::styled(first, style).render(above, buf);
        drawn = above.union(area);
    }
    Clear.render(area, buf);
    Line::styled(fit::fit_words(&rest, width), style).render(area, buf);
    drawn
}

/// `key action` pairs from the key table, for the status line: as many whole pairs as fit
/// in `width` (`?` lists the rest), and, when that is all of them, the columns they need.
fn hint_line(app: &App, theme: Theme, width: u16) -> (Line<'static>, Option<usize>) {
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(search) = app.search() {
        // A search still streaming has found only some of its matches.
        let so_far = if search.progress.is_some() {
            " so far"
        } else {
            ""
        };
        let count = search.places.len();
        // A search kept from the finder without opening a passage has no "match N" yet.
        let text = match search.number() {
            Some(number) => format!("match {number} of {count}{so_far}"),
            None if count == 1 => format!("1 match{so_far}"),
            None => format!("{count} matches{so_far}"),
        };
        used += text.width() + 2;
        spans.push(Span::styled(text, theme.search_match()));
        spans.push(Span::raw("  "));
    }
    for (key, hint) in app.hints() {
        let text = format!(" {hint}  ");
        let needed = key.width() + text.trim_end().width();
        if used + needed > usize::from(width) {
            return (Line::from(spans), None);
        }
        used += key.width() + text.width();
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(text));
    }
    // The last pair's trailing spaces are not needed.
    (Line::from(spans), Some(used.saturating_sub(2)))
}
