//! The text views over the panes (help, summary, sources, what changed, problems) and
//! the pane's text for export and copy.

use std::collections::HashMap;
use std::path::PathBuf;

use ratatui::layout::{Position, Rect};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::EXPORT_WIDTH;
use super::{App, EditAt, Effect, Overlay, OverlayKind, ScrollView, TextOverlay};
use crate::keymap::{Command, Context, Keymap};
use crate::layout::{text_overlay_area, text_overlay_text};
use crate::tui::editor;
use sherpa_core::corpus::{ItemPlace, STDIN_DISPLAY};
use sherpa_core::diagnostics::{self, Diagnostic};
use sherpa_core::document::Pane;
use sherpa_core::document::{Document, Header, pane_items, sources_items_for};
use sherpa_core::item_key::pane_keys;
use sherpa_core::model::Source;
use sherpa_core::render_text::{
    LineStyle, TextLine, export_text, lines_to_text, render_header, render_items, render_pane,
    wrap_indented, wrap_text,
};
use sherpa_core::sanitize::{Safe, linkable, sanitize, sanitize_line};
use sherpa_core::wrap::is_url;

impl App {
    /// The focused pane as exported text (the same text `sherpa export ID PANE` prints).
    pub(super) fn pane_export_text(&self) -> Option<String> {
        self.briefing()
            .map(|b| export_text(&Document::of(b, Some(self.focused_pane())), EXPORT_WIDTH))
    }

    pub(super) fn export_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let stem = format!(
            "{}-{}",
            self.briefing().map_or("", |b| b.id()),
            self.focused_pane().name()
        );
        Effect::Export {
            dir: self.settings.export_dir.clone(),
            stem,
            contents,
        }
    }

    /// `o` in a sources view: the URL of the selected source (by default the one at the
    /// top of the view).
    pub(super) fn open_source_effect(&mut self) -> Effect {
        let (text, effect) = match self.source_acted_on() {
            Err(why) => (why, Effect::None),
            Ok((id, None)) => (format!("{} has no link", sanitize(&id)), Effect::None),
            Ok((_, Some(url))) if linkable(&url).is_some() => {
                (format!("Opening {}", sanitize(&url)), Effect::OpenUrl(url))
            }
            Ok(_) => (
                "Only http and https links are opened".to_owned(),
                Effect::None,
            ),
        };
        self.set_status(text, false);
        effect
    }

    /// `y` in a sources view: the URL of the selected source (as for `o`), on the
    /// clipboard, so a link too long to click can still be pasted. The status names the
    /// URL, so a reader who picked among several sees which one went.
    pub(super) fn copy_source_url_effect(&mut self) -> Effect {
        match self.source_acted_on() {
            Err(why) => {
                self.set_status(why, false);
                Effect::None
            }
            Ok((id, None)) => {
                self.set_status(format!("{} has no link", sanitize(&id)), false);
                Effect::None
            }
            Ok((id, Some(url))) => {
                let what = format!("the link of {}", sanitize(&id));
                // The URL last, so where the line is short it has a row of its own.
                let shown = sanitize(&url).to_string();
                self.copy_effect(&what, Some(&shown), url)
            }
        }
    }

    /// `Tab` / `Shift-Tab` in a sources view: selects the next or previous source
    /// (wrapping around), drawn selected and scrolled into view, so a reader can pick
    /// which of several links `o` opens and `y` copies, as a picker's selection does in
    /// helix. From no selection it moves on from the source `o` and `y` act on by default.
    pub(super) fn step_source(&mut self, forward: bool) {
        let count = match self.listed_sources() {
            Ok(sources) => sources.len(),
            Err(why) => {
                self.set_status(why, false);
                return;
            }
        };
        let Overlay::Text(overlay) = &self.overlay else {
            return;
        };
        if count == 0 {
            self.set_status("This view lists no source", false);
            return;
        }
        let from = overlay
            .selected
            .unwrap_or_else(|| self.first_item_shown(overlay));
        let to = if forward {
            (from + 1) % count
        } else {
            (from + count - 1) % count
        };
        if let Overlay::Text(overlay) = &mut self.overlay {
            overlay.selected = Some(to);
            overlay.reveal_item(to);
        }
        let status = match self.source_acted_on() {
            Ok((id, url)) => {
                let (open, copy) = (
                    self.keymap().key_in(Context::Text, Command::Open),
                    self.keymap().key_in(Context::Text, Command::CopyItem),
                );
                let what = format!("Source {} of {count} ({})", to + 1, sanitize(&id));
                match url {
                    Some(_) => format!("{what} selected: {open} opens its link, {copy} copies it"),
                    None => format!("{what} selected; it has no link"),
                }
            }
            Err(why) => why,
        };
        self.set_status(status, false);
    }

    /// The sources the open sources view lists, in its order: every source of the summit
    /// (`S`) or those the selected item cites (`c`). An error says where links are.
    pub(super) fn listed_sources(&self) -> Result<Vec<&Source>, String> {
        let not_here = || {
            let keys = [Command::Sources, Command::ItemSources].map(|c| self.keymap().key_for(c));
            format!(
                "Links open from the sources views ({} and {})",
                keys[0], keys[1]
            )
        };
        let (Overlay::Text(overlay), Some(briefing)) = (&self.overlay, self.briefing()) else {
            return Err(not_here());
        };
        let ids = match overlay.kind {
            OverlayKind::Sources => None,
            OverlayKind::ItemSources => Some(self.selected_item_sources()),
            _ => return Err(not_here()),
        };
        Ok(briefing
            .sources
            .iter()
            .filter(|s| ids.as_ref().is_none_or(|ids| ids.contains(&s.id)))
            .collect())
    }

    /// The id and link of the source `o` and `y` act on in the open sources view: the
    /// one a click, a search or `Tab` selected, or else the first one shown
    /// ([`App::first_item_shown`]).
    fn source_acted_on(&self) -> Result<(String, Option<String>), String> {
        let sources = self.listed_sources()?;
        let Overlay::Text(overlay) = &self.overlay else {
            return Err("This view lists no source".to_owned());
        };
        let top = overlay
            .selected
            .unwrap_or_else(|| self.first_item_shown(overlay));
        sources
            .get(top)
            .map(|s| (s.id.clone(), s.url.clone()))
            .ok_or_else(|| "This view lists no source".to_owned())
    }

    /// The first item of a text view whose first line is on screen: the one a reader sees
    /// begin, where the top row may show only the end of the one before (a search shows
    /// two lines above its match, as `less` does). When no item begins on screen (one
    /// fills it), the item on the top row.
    fn first_item_shown(&self, overlay: &TextOverlay) -> usize {
        let lines = &overlay.text.lines;
        let (_, text) = overlay.areas(Rect::new(0, 0, self.width, self.height));
        let shown = overlay.text.scroll
            ..lines
                .len()
                .min(overlay.text.scroll + usize::from(text.height));
        let begins = |at: usize| {
            let item = lines[at].item?;
            (at == 0 || lines[at - 1].item != Some(item)).then_some(item)
        };
        shown
            .clone()
            .find_map(begins)
            .or_else(|| shown.clone().find_map(|at| lines[at].item))
            .unwrap_or(0)
    }

    /// A click in a sources view selects the source under the pointer; a second click on
    /// it opens its link as `o` does, through the same effect.
    pub(super) fn click_source(&mut self, column: u16, row: u16) -> Effect {
        let Some(item) = self.overlay_item_at(column, row) else {
            return Effect::None;
        };
        let Overlay::Text(overlay) = &mut self.overlay else {
            return Effect::None;
        };
        if !matches!(
            overlay.kind,
            OverlayKind::Sources | OverlayKind::ItemSources
        ) {
            return Effect::None;
        }
        if overlay.selected.replace(item) == Some(item) {
            return self.open_source_effect();
        }
        let open = self.keymap().key_in(Context::Text, Command::Open);
        self.set_status(
            format!("Selected; click it again or press {open} to open its link"),
            false,
        );
        Effect::None
    }

    /// The item of the open text view drawn at a screen cell, if one is.
    fn overlay_item_at(&self, column: u16, row: u16) -> Option<usize> {
        let Overlay::Text(overlay) = &self.overlay else {
            return None;
        };
        let (_, text) = overlay.areas(Rect::new(0, 0, self.width, self.height));
        if !text.contains(Position::new(column, row)) {
            return None;
        }
        let line = overlay.text.scroll + usize::from(row - text.y);
        overlay.text.lines.get(line)?.item
    }

    /// `Enter` in the problems view: the file of the problem at the top of the view, in
    /// the user's editor at the problem's line, as `E` opens a briefing that loads.
    pub(super) fn edit_problem_effect(&mut self) -> Effect {
        let Overlay::Text(overlay) = &self.overlay else {
            return Effect::None;
        };
        let top = overlay
            .text
            .lines
            .iter()
            .skip(overlay.text.scroll)
            .find_map(|line| line.item);
        let Some(diagnostic) = top.and_then(|i| self.corpus.diagnostics().get(i)) else {
            self.set_status("No problem to open: every briefing loaded", false);
            return Effect::None;
        };
        // Bundled briefings and standard input are named, not files on disk.
        if diagnostic.path.starts_with("bundled:") || diagnostic.path == STDIN_DISPLAY {
            let text = format!("{} has no file to edit", sanitize_line(&diagnostic.path));
            self.set_status(text, false);
            return Effect::None;
        }
        Effect::Edit {
            file: PathBuf::from(&diagnostic.path),
            at: EditAt::Line(diagnostic.line),
        }
    }

    /// `E`: the briefing's file in the user's editor, at the selected item's table.
    pub(super) fn edit_effect(&mut self) -> Effect {
        let Some(briefing) = self.briefing() else {
            return Effect::None;
        };
        let selected = self.panes[self.focus].selected;
        let pane = self.focused_pane();
        let at = match pane.table() {
            Some(table) if selected < self.panes[self.focus].items.len() => {
                match pane_keys(briefing, pane).into_iter().nth(selected) {
                    Some(key) => EditAt::Item {
                        key,
                        loaded_at: ItemPlace::Item(table, selected),
                    },
                    None => EditAt::Summit,
                }
            }
            _ => EditAt::Summit,
        };
        match editor::file_to_edit(&self.corpus, self.current) {
            Ok(file) => Effect::Edit {
                file: file.to_owned(),
                at,
            },
            Err(err) => {
                self.set_status(sanitize(&err.to_string()).to_string(), true);
                Effect::None
            }
        }
    }

    /// `Y`: the whole focused pane, as exported.
    pub(super) fn copy_pane_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let what = format!("{} pane", self.focused_pane().title());
        self.copy_effect(&what, None, contents)
    }

    /// `y`: the selected item, as the pane draws it (at the export width).
    pub(super) fn copy_item_effect(&mut self) -> Effect {
        let Some(briefing) = self.briefing() else {
            return Effect::None;
        };
        let pane = self.focused_pane();
        let items = pane_items(briefing, pane);
        let Some(item) = items.get(self.panes[self.focus].selected) else {
            self.set_status(format!("{} is empty: nothing to copy", pane.title()), false);
            return Effect::None;
        };
        let contents = lines_to_text(&render_items(std::slice::from_ref(item), EXPORT_WIDTH));
        let what = format!("the selected item of {}", pane.title());
        self.copy_effect(&what, None, contents)
    }

    /// `contents` on the clipboard, the status saying what went and, for more than one
    /// line, how many (a single line, such as a link, is named in `what` or `shown`, which
    /// ends the message).
    fn copy_effect(&mut self, what: &str, shown: Option<&str>, contents: String) -> Effect {
        let lines = match contents.lines().count() {
            0 | 1 => String::new(),
            lines => format!(" ({lines} lines)"),
        };
        let shown = shown.map(|shown| format!(": {shown}")).unwrap_or_default();
        self.set_status(
            format!("Copied {what}{lines} via OSC 52, if your terminal allows it{shown}"),
            false,
        );
        Effect::Copy(contents)
    }

    /// The `sources` list of the selected item in the focused pane.
    pub(super) fn selected_item_sources(&self) -> Vec<String> {
        let (Some(briefing), Some(table)) = (self.briefing(), self.focused_pane().table()) else {
            return Vec::new();
        };
        briefing
            .sources_of(table, self.panes[self.focus].selected)
            .to_vec()
    }

    pub(super) fn show_item_sources(&mut self) {
        if self.briefing().is_some() && !self.panes[self.focus].items.is_empty() {
            self.open_overlay(OverlayKind::ItemSources);
        }
    }

    pub(super) fn open_overlay(&mut self, kind: OverlayKind) {
        if kind == OverlayKind::Help {
            self.set_view_aside();
        }
        let title = match kind {
            OverlayKind::Help => "Keys".to_owned(),
            OverlayKind::Summary => "Summary".to_owned(),
            OverlayKind::Diagnostics => format!("Problems in {}", self.settings.origin),
            OverlayKind::Sources => "Sources and what cites them".to_owned(),
            OverlayKind::ItemSources => format!(
                "Sources cited by the selected item in {}",
                self.focused_pane().title()
            ),
            OverlayKind::Changes => "What changed".to_owned(),
            OverlayKind::SinceRead => "What changed since you last read it".to_owned(),
        };
        self.overlay = Overlay::Text(TextOverlay {
            title,
            kind,
            text: ScrollView::default(),
            selected: None,
            unbroken: 0,
        });
        self.rewrap_overlay();
    }

    pub(super) fn rewrap_overlay(&mut self) {
        let Overlay::Text(overlay) = &self.overlay else {
            return;
        };
        let kind = overlay.kind;
        let screen = Rect::new(0, 0, self.width, self.height);
        let text_area =
            text_overlay_text(text_overlay_area(screen, kind.is_wide()), kind.is_wide());
        let width = usize::from(text_area.width.max(1));
        let height = usize::from(text_area.height);
        let lines = break_wide_lines(self.overlay_lines(kind, width, height), width);
        let unbroken = lines
            .iter()
            .map(|line| line.text.width())
            .max()
            .unwrap_or(0);
        if let Overlay::Text(overlay) = &mut self.overlay {
            overlay.unbroken = if unbroken > width {
                u16::try_from(unbroken).unwrap_or(u16::MAX)
            } else {
                0
            };
            overlay.text.lines = lines;
            overlay.text.height = text_area.height;
            overlay.text.clamp();
        }
    }

    /// The text of view `kind` at `width`; help also fits itself to `height`.
    pub(super) fn overlay_lines(
        &self,
        kind: OverlayKind,
        width: usize,
        height: usize,
    ) -> Vec<TextLine> {
        match kind {
            OverlayKind::Help => help_lines(self.keymap(), width, height),
            OverlayKind::Summary => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let mut lines = render_header(&Header::of(briefing), width);
                lines.push(TextLine::blank());
                lines.extend(render_pane(briefing, Pane::Summary, width));
                lines
            }
            OverlayKind::Sources => self
                .briefing()
                .map(|b| render_pane(b, Pane::Sources, width))
                .unwrap_or_default(),
            OverlayKind::ItemSources => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let ids = self.selected_item_sources();
                if ids.is_empty() {
                    let note = "This item cites no source: it is unsourced.";
                    return wrap_text(&Safe::trusted(note), width, LineStyle::Note);
                }
                render_items(&sources_items_for(briefing, &ids), width)
            }
            OverlayKind::Changes | OverlayKind::SinceRead => {
                let text = if kind == OverlayKind::Changes {
                    self.changes_text()
                } else {
                    self.since_read_text()
                };
                text.iter()
                    .flat_map(|line| wrap_indented(line, width, LineStyle::Note))
                    .collect()
            }
            OverlayKind::Diagnostics => {
                let diagnostics = self.corpus.diagnostics();
                if diagnostics.is_empty() {
                    let text = match self.corpus.len() {
                        1 => "No problems: the one briefing loaded cleanly.".to_owned(),
                        count => format!("No problems: {count} briefings loaded cleanly."),
                    };
                    return wrap_text(&Safe::trusted(text), width, LineStyle::Note);
                }
                problem_lines(diagnostics, width)
            }
        }
    }
}

/// `lines` with every line wider than `width` broken into lines of `width`, each indented
/// as the line was, except a link alone on its line. The wrapping never splits a URL, so
/// a long one stands alone on a line wider than the view, and stays so: broken over two
/// rows, a mouse selection of it copied the box's border and a line break with it. It is
/// drawn cut with `…` at the border instead, visibly not whole, and `y` copies it whole
/// (`o` opens it), which the status line offers in the sources views.
fn break_wide_lines(lines: Vec<TextLine>, width: usize) -> Vec<TextLine> {
    let too_wide = |line: &TextLine| line.text.width() > width && !is_lone_url(line);
    if !lines.iter().any(too_wide) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if !too_wide(&line) {
            out.push(line);
            continue;
        }
        let body = line.text.trim_start_matches(' ');
        let indent = line.text.len() - body.len();
        let room = width.saturating_sub(indent).max(1);
        let mut piece = String::new();
        let mut used = 0;
        let mut push = |piece: &mut String| {
            out.push(TextLine {
                text: Safe::trusted(format!("{}{piece}", " ".repeat(indent))),
                style: line.style,
                item: line.item,
            });
            piece.clear();
        };
        for c in body.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room && !piece.is_empty() {
                push(&mut piece);
                used = 0;
            }
            piece.push(c);
            used += w;
        }
        if !piece.is_empty() {
            push(&mut piece);
        }
    }
    out
}

/// Whether a line holds one link and nothing else (but its indent).
fn is_lone_url(line: &TextLine) -> bool {
    let body = line.text.trim();
    !body.contains(' ') && is_url(body)
}

/// The problems view: grouped by file in the order files were read, each file headed by
/// its name and counts, each problem's first line in its severity's colour (the word
/// `error` or `warning` is always written out) and its snippet under it. A problem's lines
/// carry its index in `diagnostics` as their item, so `Enter` knows which one is on top.
fn problem_lines(diagnostics: &[Diagnostic], width: usize) -> Vec<TextLine> {
    // One pass: a folder of thousands of broken files must not be scanned once per file.
    let mut files: Vec<(&str, Vec<(usize, &Diagnostic)>)> = Vec::new();
    let mut file_at: HashMap<&str, usize> = HashMap::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let at = *file_at.entry(&diagnostic.path).or_insert_with(|| {
            files.push((&diagnostic.path, Vec::new()));
            files.len() - 1
        });
        files[at].1.push((index, diagnostic));
    }
    let mut lines = Vec::new();
    for (file, in_file) in files {
        // Exact counts: a file's summary line stands for the problems past the cap.
        let (errors, warnings) = diagnostics::count(in_file.iter().map(|(_, d)| *d));
        let count = |n: usize, word: &str| match n {
            0 => None,
            1 => Some(format!("1 {word}")),
            n => Some(format!("{} {word}s", diagnostics::with_separators(n))),
        };
        let counts: Vec<String> = [count(errors, "error"), count(warnings, "warning")]
            .into_iter()
            .flatten()
            .collect();
        let heading = format!("{} — {}", sanitize_line(file), counts.join(", "));
        lines.extend(wrap_text(
            &Safe::trusted(heading),
            width,
            LineStyle::Heading,
        ));
        for (index, diagnostic) in in_file {
            let text = sanitize(&diagnostic.to_string());
            let mut parts = text.splitn(2, '\n');
            let first = parts.next().unwrap_or_default();
            let start = lines.len();
            lines.extend(wrap_indented(
                &format!("  {first}"),
                width,
                LineStyle::Problem(diagnostic.severity),
            ));
            for snippet in parts.next().into_iter().flat_map(str::lines) {
                lines.extend(wrap_indented(
                    &format!("  {snippet}"),
                    width,
                    LineStyle::Note,
                ));
            }
            for line in &mut lines[start..] {
                line.item = Some(index);
            }
        }
        lines.push(TextLine::blank());
    }
    lines.pop();
    lines
}

/// The help overlay's text, generated from the key table: one block per context, flowed
/// into the fewest columns (up to three, as the width holds) that fit `height`, so every
/// key fits a large screen at once.
fn help_lines(keymap: &Keymap, width: usize, height: usize) -> Vec<TextLine> {
    const GAP: usize = 4;
    const MIN_COLUMN: usize = 48;
    const MAX_COLUMNS: usize = 3;
    let most = ((width + GAP) / (MIN_COLUMN + GAP)).clamp(1, MAX_COLUMNS);
    let single = || {
        help_blocks(keymap, width)
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
    };
    if most == 1 || single().len() <= height {
        return single();
    }
    // The fewest columns whose flow fits, else as many as the width holds.
    let (column, lines, columns) = (2..=most)
        .map(|count| {
            let column = (width - GAP * (count - 1)) / count;
            let lines: Vec<TextLine> = help_blocks(keymap, column).into_iter().flatten().collect();
            (column, lines, count)
        })
        .find(|(_, lines, count)| {
            flow_columns(lines, *count)
                .iter()
                .all(|column| column.len() <= height)
        })
        .unwrap_or_else(|| {
            let column = (width - GAP * (most - 1)) / most;
            let lines = help_blocks(keymap, column).into_iter().flatten().collect();
            (column, lines, most)
        });
    let columns = flow_columns(&lines, columns);
    let rows = columns.iter().map(|c| c.len()).max().unwrap_or(0);
    (0..rows)
        .map(|row| {
            let mut text = String::new();
            for (i, lines) in columns.iter().enumerate() {
                let cell = lines.get(row).map_or("", |line| line.text.as_str());
                if i > 0 {
                    let used = unicode_width::UnicodeWidthStr::width(text.as_str());
                    let pad = (column + GAP) * i;
                    text.push_str(&" ".repeat(pad.saturating_sub(used)));
                }
                text.push_str(cell);
            }
            // A row is a heading when its columns hold only headings.
            let is_heading = columns.iter().all(|lines| {
                lines
                    .get(row)
                    .is_none_or(|line| matches!(line.style, LineStyle::Heading | LineStyle::Blank))
            });
            TextLine {
                text: Safe::trusted(text.trim_end().to_owned()),
                style: if is_heading {
                    LineStyle::Heading
                } else {
                    LineStyle::Note
                },
                item: None,
            }
        })
        .collect()
}

/// `lines` cut into at most `count` columns as short as can be. A column starts at a
/// context's heading where one is near, else at a key (never inside a wrapped
/// description), and never with a blank line.
fn flow_columns(lines: &[TextLine], count: usize) -> Vec<&[TextLine]> {
    // How far above its height limit a column may end to start the next at a heading.
    const HEADING_SLACK: usize = 4;
    let starts_key = |line: &TextLine| !line.text.as_str().starts_with(' ');
    let is_heading = |line: &TextLine| line.style == LineStyle::Heading;
    let fill = |height: usize| -> Vec<&[TextLine]> {
        let mut columns = Vec::new();
        let mut rest = lines;
        while !rest.is_empty() {
            while rest
                .first()
                .is_some_and(|line| line.style == LineStyle::Blank)
            {
                rest = &rest[1..];
            }
            if rest.len() <= height {
                columns.push(rest);
                break;
            }
            let breaks = (1..=height).filter(|&at| starts_key(&rest[at]));
            let at = (1..=height)
                .rev()
                .take(HEADING_SLACK)
                .find(|&at| is_heading(&rest[at]))
                .or_else(|| breaks.max())
                .unwrap_or(height);
            let (column, next) = rest.split_at(at);
            columns.push(column);
            rest = next;
        }
        columns
    };
    let shortest = lines.len().div_ceil(count);
    (shortest..=lines.len())
        .map(fill)
        .find(|columns| columns.len() <= count)
        .unwrap_or_else(|| vec![lines])
}

/// Each context's heading and keys, wrapped to `width`, a blank line after all but the last.
fn help_blocks(keymap: &Keymap, width: usize) -> Vec<Vec<TextLine>> {
    // Descriptions line up in a column wide enough for most key lists, narrow enough for
    // help in three columns; a longer list is broken over rows (see `key_rows`).
    const KEY_COLUMN: usize = 18;
    // Below this, a description wraps at its own width and the row runs past `width`,
    // which the view's line breaking then folds: still readable on a tiny screen.
    const MIN_DESCRIPTION: usize = 12;
    let mut blocks: Vec<Vec<TextLine>> = Context::ALL
        .into_iter()
        .map(|context| {
            let mut lines = wrap_text(&Safe::trusted(context.title()), width, LineStyle::Heading);
            for binding in keymap.bindings_in(context) {
                let keys = key_rows(&binding.keys_label(), KEY_COLUMN);
                // A single key wider than the column is followed by two spaces instead,
                // so it never runs into its description.
                let widest = keys.iter().map(|row| row.width()).max().unwrap_or(0);
                let column = widest.max(KEY_COLUMN) + 2;
                let description = binding.command.description_in(context);
                // A wrapped description goes on under itself, never under the keys.
                let wrapped = wrap_text(
                    &sanitize(description),
                    width.saturating_sub(column).max(MIN_DESCRIPTION),
                    LineStyle::Note,
                );
                for i in 0..keys.len().max(wrapped.len()) {
                    let lead = keys.get(i).map_or("", String::as_str);
                    let text = wrapped.get(i).map_or("", |line| line.text.as_str());
                    let row = format!("{lead:<column$}{text}");
                    lines.push(TextLine {
                        text: sanitize(row.trim_end()),
                        style: LineStyle::Note,
                        item: None,
                    });
                }
            }
            lines
        })
        .collect();
    let last = blocks.len().saturating_sub(1);
    for block in &mut blocks[..last] {
        block.push(TextLine::blank());
    }
    blocks
}

/// A command's key list (`PageDown / Space / Ctrl-d`) as rows at most `width` wide, broken
/// after a ` /` separator; a row that goes on from the last is indented, so it reads as
/// more keys and never starts a column of help. A single key wider than `width` keeps
/// its own row.
fn key_rows(label: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for key in label.split(" / ") {
        match rows.last_mut() {
            Some(row) if row.width() + 3 + key.width() <= width => {
                row.push_str(" / ");
                row.push_str(key);
            }
            Some(row) => {
                row.push_str(" /");
                rows.push(format!("  {key}"));
            }
            None => rows.push(key.to_owned()),
        }
    }
    rows
}
