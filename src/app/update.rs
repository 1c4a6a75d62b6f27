//! How each action changes the reader's state.
//!
//! Scrolling and selection are clamped here, so drawing can trust the numbers it reads.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::{
    Action, App, Effect, Location, Overlay, OverlayKind, PaneView, Picker, PickerEntry,
    StatusMessage, TextOverlay,
};
use crate::keymap::{Command, Context, Keymap};
use crate::layout::{TAB_SEPARATOR, overlay_area, pane_text_area, screen_layout, tab_at};
use sherpa_core::analysis;
use sherpa_core::document::Pane;
use sherpa_core::document::{Header, sources_items_for};
use sherpa_core::export::{self, Format};
use sherpa_core::render_text::{
    LineStyle, TextLine, render_header, render_items, render_pane, wrap_indented, wrap_text,
};
use sherpa_core::sanitize::{Safe, sanitize};

/// Width of the text exported by `e` and copied by `y`: the same as `sherpa export`'s
/// default, so a pane exported from the reader matches the command line byte for byte.
pub const EXPORT_WIDTH: usize = 80;

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: isize = 3;

impl PaneView {
    fn view_height(&self) -> usize {
        usize::from(self.height.max(1))
    }

    fn item_range(&self, index: usize) -> Range<usize> {
        self.items.get(index).cloned().unwrap_or(0..0)
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Scrolls just enough to show the selected item, its start first if it is taller than the view.
    fn reveal_selected(&mut self) {
        let range = self.item_range(self.selected);
        let height = self.view_height();
        if range.start < self.scroll {
            self.scroll = range.start;
        } else if range.end > self.scroll + height {
            self.scroll = range.start.min(range.end - height);
        }
        self.clamp();
    }

    /// `j`: scroll through the rest of a tall item, else select the next item.
    pub fn down(&mut self) {
        let range = self.item_range(self.selected);
        if range.end > self.scroll + self.view_height() {
            self.scroll += 1;
        } else if self.selected + 1 < self.items.len() {
            self.selected += 1;
            self.reveal_selected();
        }
        self.clamp();
    }

    /// `k`: scroll back through a tall item, else select the previous item.
    pub fn up(&mut self) {
        let range = self.item_range(self.selected);
        if range.start < self.scroll {
            self.scroll -= 1;
        } else if self.selected > 0 {
            self.selected -= 1;
            let range = self.item_range(self.selected);
            if range.start < self.scroll {
                self.scroll = range
                    .end
                    .saturating_sub(self.view_height())
                    .max(range.start);
            }
        }
        self.clamp();
    }

    /// Scrolls by lines; the selection follows if it leaves the view.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
        let range = self.item_range(self.selected);
        let visible = self.scroll..self.scroll + self.view_height();
        if range.end <= visible.start || range.start >= visible.end {
            self.selected = self
                .items
                .iter()
                .position(|r| r.end > self.scroll)
                .unwrap_or(self.selected);
        }
        self.clamp();
    }

    pub fn top(&mut self) {
        self.selected = 0;
        self.scroll = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.items.len().saturating_sub(1);
        self.scroll = self.max_scroll();
    }

    /// Replaces the lines (after a resize or a new summit), keeping the reading position:
    /// the item at the top of the view stays at the top.
    fn set_lines(&mut self, lines: Vec<TextLine>) {
        let top_item = self
            .lines
            .get(self.scroll..)
            .and_then(|rest| rest.iter().find_map(|l| l.item));
        self.items = item_ranges(&lines);
        self.lines = lines;
        if let Some(range) = top_item.and_then(|i| self.items.get(i)) {
            self.scroll = range.start;
        }
        self.clamp();
        self.reveal_selected();
    }
}

/// The line range of each item, from the item index each line carries.
fn item_ranges(lines: &[TextLine]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(item) = line.item else { continue };
        if item < ranges.len() {
            ranges[item].end = index + 1;
        } else {
            ranges.push(index..index + 1);
        }
    }
    ranges
}

impl TextOverlay {
    fn scroll_by(&mut self, delta: isize) {
        let max = self
            .lines
            .len()
            .saturating_sub(usize::from(self.height.max(1)));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }
}

impl App {
    /// Applies one action and returns what the runner must do.
    pub fn update(&mut self, action: Action) -> Effect {
        if action == Action::Quit {
            self.running = false;
            return Effect::Quit;
        }
        // A message answers the last key; the next key puts the key hints back (or its
        // own message).
        self.status = None;
        match self.context() {
            Context::Reader => self.update_reader(&action),
            Context::Overlay => {
                self.update_overlay(&action);
                Effect::None
            }
            Context::Finder => {
                self.update_finder(&action);
                Effect::None
            }
        }
    }

    /// The runner reports a new terminal size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.relayout();
    }

    /// The runner reports how an export went: the file written, or why it failed.
    pub fn export_finished(&mut self, result: Result<PathBuf, String>) {
        self.status = Some(match result {
            Ok(path) => StatusMessage {
                text: format!(
                    "Exported {} to {}",
                    self.focused_pane().title(),
                    path.display()
                ),
                is_error: false,
            },
            Err(reason) => StatusMessage {
                text: format!("Export failed: {reason}"),
                is_error: true,
            },
        });
    }

    fn update_reader(&mut self, action: &Action) -> Effect {
        let height = isize::from(self.panes[self.focus].height.max(1).cast_signed());
        let pane = &mut self.panes[self.focus];
        match action {
            Action::Down => pane.down(),
            Action::Up => pane.up(),
            Action::HalfPageDown => pane.scroll_by(height / 2),
            Action::HalfPageUp => pane.scroll_by(-(height / 2)),
            Action::PageDown => pane.scroll_by(height),
            Action::PageUp => pane.scroll_by(-height),
            Action::Top => pane.top(),
            Action::Bottom => pane.bottom(),
            Action::NextPane => self.set_focus((self.focus + 1) % 4),
            Action::PrevPane => self.set_focus((self.focus + 3) % 4),
            Action::FocusPane(index) => self.set_focus((*index).min(3)),
            Action::ToggleZoom => {
                self.zoom = !self.zoom;
                self.relayout();
            }
            Action::NextSummit => self.step_summit(1),
            Action::PrevSummit => self.step_summit(-1),
            Action::OpenFinder if !self.corpus.is_empty() => {
                let finder = Picker::new(
                    "Find a summit",
                    Arc::clone(&self.summit_entries),
                    Some(self.current),
                );
                self.overlay = Overlay::Picker(finder);
            }
            Action::FollowLink => self.follow_link(),
            Action::Back => self.back(),
            Action::ToggleHelp => self.open_overlay(OverlayKind::Help),
            Action::ToggleSummary if self.briefing().is_some() => {
                self.open_overlay(OverlayKind::Summary);
            }
            Action::ShowDiagnostics => self.open_overlay(OverlayKind::Diagnostics),
            Action::ShowSources if self.briefing().is_some() => {
                self.open_overlay(OverlayKind::Sources);
            }
            Action::ShowItemSources => self.show_item_sources(),
            Action::ShowChanges if self.briefing().is_some() => {
                self.open_overlay(OverlayKind::Changes);
            }
            Action::ShowTimeline if !self.corpus.is_empty() => self.show_timeline(),
            Action::ShowTrack => self.show_track(),
            Action::ShowAttended => self.show_attended(),
            Action::ExportPane => return self.export_effect(),
            Action::CopyPane => return self.copy_effect(),
            Action::Click { column, row } => self.click(*column, *row),
            Action::Wheel { column, row, lines } => {
                if let Some(index) = self.pane_at(*column, *row) {
                    self.set_focus(index);
                    self.panes[index].scroll_by(*lines);
                }
            }
            _ => {}
        }
        Effect::None
    }

    fn update_overlay(&mut self, action: &Action) {
        let Overlay::Text(overlay) = &mut self.overlay else {
            return;
        };
        let page = isize::from(overlay.height.max(1).cast_signed());
        match action {
            Action::CloseOverlay => self.overlay = Overlay::None,
            Action::Down => overlay.scroll_by(1),
            Action::Up => overlay.scroll_by(-1),
            Action::PageDown => overlay.scroll_by(page),
            Action::PageUp => overlay.scroll_by(-page),
            Action::Top => overlay.scroll = 0,
            Action::Bottom => overlay.scroll_by(isize::MAX),
            Action::Wheel { lines, .. } => overlay.scroll_by(*lines),
            _ => {}
        }
    }

    fn update_finder(&mut self, action: &Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        match action {
            Action::CloseOverlay => self.overlay = Overlay::None,
            Action::FinderInput(c) => picker.push(*c),
            Action::FinderDeleteChar => picker.pop(),
            Action::FinderDeleteWord => picker.delete_word(),
            Action::FinderClear => picker.clear(),
            Action::Down | Action::Wheel { lines: 1.., .. } => picker.move_selection(1),
            Action::Up | Action::Wheel { .. } => picker.move_selection(-1),
            Action::FinderAccept => {
                let target = picker.selection().map(|entry| entry.target.clone());
                self.overlay = Overlay::None;
                match target {
                    Some(Some(id)) => match self.corpus.position(&id) {
                        Some(position) => self.go_to(position),
                        None => self
                            .set_status(format!("\"{}\" is no longer loaded", sanitize(&id)), true),
                    },
                    Some(None) => self.set_status("That meeting has no briefing of its own", false),
                    None => self.set_status("Nothing matches; nothing to jump to", true),
                }
            }
            _ => {}
        }
    }

    pub(super) fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(StatusMessage {
            text: text.into(),
            is_error,
        });
    }

    fn set_focus(&mut self, index: usize) {
        self.focus = index;
        self.relayout();
    }

    /// Recomputes every pane's size from the terminal size and re-wraps what changed.
    pub(super) fn relayout(&mut self) {
        let area = Rect::new(0, 0, self.width, self.height);
        for index in 0..4 {
            // Each pane's size is the size it has when it is the visible, focused one.
            let rect = screen_layout(area, index, self.zoom, self.plain)
                .and_then(|layout| Some(layout.text_area(layout.panes[index]?)))
                .unwrap_or_default();
            let view = &mut self.panes[index];
            view.height = rect.height;
            if view.width != rect.width || view.lines.is_empty() {
                view.width = rect.width;
                self.rewrap(index);
            } else {
                view.clamp();
            }
        }
        self.rewrap_overlay();
    }

    fn rewrap(&mut self, index: usize) {
        let width = usize::from(self.panes[index].width.max(1));
        let lines = self
            .corpus
            .briefings()
            .get(self.current)
            .map(|b| render_pane(b, Pane::GRID[index], width))
            .unwrap_or_default();
        self.panes[index].set_lines(lines);
    }

    /// Moves to another summit, remembering where the reader was for `Backspace`.
    pub fn go_to(&mut self, position: usize) {
        if position >= self.corpus.len() || position == self.current {
            return;
        }
        self.history.push(self.location());
        // Going somewhere on purpose ends any wait for a summit whose file broke.
        self.awaited = None;
        self.show(position, [(0, 0); 4]);
    }

    pub(super) fn location(&self) -> Location {
        Location {
            summit: self.current,
            focus: self.focus,
            places: std::array::from_fn(|i| (self.panes[i].selected, self.panes[i].scroll)),
        }
    }

    pub(super) fn show(&mut self, position: usize, places: [(usize, usize); 4]) {
        self.current = position;
        for (index, (selected, scroll)) in places.into_iter().enumerate() {
            let view = &mut self.panes[index];
            view.lines.clear();
            view.selected = selected;
            view.scroll = scroll;
            self.rewrap(index);
            let view = &mut self.panes[index];
            view.selected = selected;
            view.scroll = scroll;
            // The lines may have been wrapped to another width since: the selection must
            // still be on screen.
            view.reveal_selected();
        }
    }

    fn step_summit(&mut self, delta: isize) {
        let len = self.corpus.len();
        if len < 2 {
            self.set_status("There is no other summit to go to", false);
            return;
        }
        let next = self.current.cast_signed() + delta;
        let wrapped = next < 0 || next >= len.cast_signed();
        self.go_to(next.rem_euclid(len.cast_signed()).cast_unsigned());
        if wrapped {
            let end = if delta > 0 { "earliest" } else { "latest" };
            self.set_status(format!("Wrapped around to the {end} summit"), false);
        } else {
            self.status = None;
        }
    }

    fn follow_link(&mut self) {
        if self.focused_pane() != Pane::Meetings {
            let text = format!(
                "{} follows links in Prior meetings (press {})",
                self.keymap.key_for(Command::FollowLink),
                self.keymap.key_for(Command::Pane2)
            );
            self.set_status(text, false);
            return;
        }
        let selected = self.panes[self.focus].selected;
        let Some(link) = self
            .briefing()
            .and_then(|b| b.prior_meetings.get(selected))
            .and_then(|m| m.summit.clone())
        else {
            self.set_status("This meeting has no briefing of its own to open", false);
            return;
        };
        match self.corpus.position(&link) {
            Some(position) => {
                self.go_to(position);
                self.status = None;
            }
            None => self.set_status(
                format!(
                    "The linked summit \"{}\" is not in this corpus",
                    sanitize(&link)
                ),
                true,
            ),
        }
    }

    fn back(&mut self) {
        match self.history.pop() {
            Some(location) => {
                self.focus = location.focus;
                self.show(location.summit, location.places);
                self.relayout();
                self.status = None;
            }
            None => self.set_status("Nothing to go back to", false),
        }
    }

    /// The focused pane as exported text (the same text `sherpa export ID PANE` prints).
    fn pane_export_text(&self) -> Option<String> {
        self.briefing()
            .map(|b| export::render(b, Some(self.focused_pane()), Format::Text, EXPORT_WIDTH))
    }

    fn export_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let stem = format!(
            "{}-{}",
            self.briefing().map_or("", |b| b.id()),
            self.focused_pane().name()
        );
        Effect::Export {
            dir: self.export_dir.clone(),
            stem,
            contents,
        }
    }

    fn copy_effect(&mut self) -> Effect {
        let Some(contents) = self.pane_export_text() else {
            return Effect::None;
        };
        let lines = contents.lines().count();
        self.set_status(
            format!(
                "Copied {} ({lines} lines) to the clipboard via OSC 52, if your terminal allows it",
                self.focused_pane().title()
            ),
            false,
        );
        Effect::Copy(contents)
    }

    /// The `sources` list of the selected item in the focused pane.
    fn selected_item_sources(&self) -> Vec<String> {
        let Some(briefing) = self.briefing() else {
            return Vec::new();
        };
        let selected = self.panes[self.focus].selected;
        let Some(table) = self.focused_pane().table() else {
            return Vec::new();
        };
        briefing
            .citing_items()
            .into_iter()
            .find(|item| item.table == table && item.index == selected)
            .map(|item| item.sources.to_vec())
            .unwrap_or_default()
    }

    fn show_item_sources(&mut self) {
        if self.briefing().is_some() && !self.panes[self.focus].items.is_empty() {
            self.open_overlay(OverlayKind::ItemSources);
        }
    }

    fn open_picker(&mut self, title: String, entries: Vec<PickerEntry>, current: Option<usize>) {
        self.overlay = Overlay::Picker(Picker::new(title, Arc::new(entries), current));
    }

    fn show_timeline(&mut self) {
        let entries = analysis::timeline(&self.corpus);
        let current_id = self.briefing().map(|b| b.id().to_owned());
        let current = entries.iter().position(|e| e.summit == current_id);
        let picker_entries = entries
            .iter()
            .map(|entry| {
                let (text, detail) = analysis::timeline_text(entry);
                PickerEntry::from_lines(text, detail, entry.summit.clone())
            })
            .collect();
        self.open_picker("Timeline".to_owned(), picker_entries, current);
    }

    fn show_track(&mut self) {
        if self.focused_pane() != Pane::Disagreements {
            self.set_status(
                format!(
                    "{} follows a disagreement: select one in Disagreements (press {})",
                    self.keymap.key_for(Command::Track),
                    self.keymap.key_for(Command::Pane4)
                ),
                false,
            );
            return;
        }
        let selected = self.panes[self.focus].selected;
        let Some(id) = self
            .briefing()
            .and_then(|b| b.disagreements.get(selected))
            .and_then(|d| d.id.clone())
        else {
            self.set_status(
                "This disagreement has no id, so it cannot be followed",
                false,
            );
            return;
        };
        let current_id = self.briefing().map(|b| b.id().to_owned());
        let steps = analysis::track(&self.corpus, &id);
        let current = steps
            .iter()
            .position(|s| Some(&s.summit) == current_id.as_ref());
        let entries = steps
            .iter()
            .map(|step| {
                let (text, detail) = analysis::track_text(step);
                PickerEntry::from_lines(text, detail, Some(step.summit.clone()))
            })
            .collect();
        self.open_picker(format!("History of {id}"), entries, current);
    }

    fn show_attended(&mut self) {
        if self.focused_pane() != Pane::Participants {
            self.set_status(
                format!(
                    "{} lists a participant's summits: select one in Participants (press {})",
                    self.keymap.key_for(Command::Attended),
                    self.keymap.key_for(Command::Pane1)
                ),
                false,
            );
            return;
        }
        let selected = self.panes[self.focus].selected;
        let Some(name) = self
            .briefing()
            .and_then(|b| b.participants.get(selected))
            .map(|p| p.name.clone())
        else {
            return;
        };
        let positions = analysis::attended(&self.corpus, &name);
        let current = positions.iter().position(|&p| p == self.current);
        let entries = positions
            .into_iter()
            .filter_map(|position| {
                let entry = self.summit_entries.get(position)?.clone();
                Some(PickerEntry {
                    detail: Vec::new(),
                    ..entry
                })
            })
            .collect();
        self.open_picker(format!("Summits attended by {name}"), entries, current);
    }

    /// Which grid pane is drawn at a screen cell.
    fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
        let layout = screen_layout(
            Rect::new(0, 0, self.width, self.height),
            self.focus,
            self.zoom,
            self.plain,
        )?;
        let point = Position::new(column, row);
        layout
            .panes
            .iter()
            .position(|rect| rect.is_some_and(|r| r.contains(point)))
    }

    fn click(&mut self, column: u16, row: u16) {
        if let Some(index) = self.pane_at(column, row) {
            self.set_focus(index);
            return;
        }
        let layout = screen_layout(
            Rect::new(0, 0, self.width, self.height),
            self.focus,
            self.zoom,
            self.plain,
        );
        // The plain tab strip is a sentence, not tabs to click.
        if let Some(tabs) = layout.and_then(|l| l.tabs)
            && !self.plain
            && tabs.contains(Position::new(column, row))
            && let Some(index) = tab_at(&self.tab_titles(tabs.width), column.saturating_sub(tabs.x))
        {
            self.set_focus(index);
        }
    }

    /// The tab strip's titles: number, pane and item count, shortened until they fit `width`.
    #[must_use]
    pub fn tab_titles(&self, width: u16) -> Vec<String> {
        let counts: Vec<usize> = Pane::GRID
            .iter()
            .map(|pane| self.briefing().map_or(0, |b| pane.count(b)))
            .collect();
        let forms: [fn(usize, Pane, usize) -> String; 3] = [
            |n, pane, count| format!("{n} {} ({count})", pane.title()),
            |n, pane, _| format!("{n} {}", pane.name()),
            |n, pane, _| format!("{n} {}", &pane.name()[..4]),
        ];
        let fits = |titles: &Vec<String>| {
            let total: usize = titles
                .iter()
                .map(|t| t.chars().count() + TAB_SEPARATOR.chars().count())
                .sum();
            total <= usize::from(width) + TAB_SEPARATOR.chars().count()
        };
        let mut titles = Vec::new();
        for form in forms {
            titles = Pane::GRID
                .iter()
                .zip(&counts)
                .enumerate()
                .map(|(i, (pane, count))| form(i + 1, *pane, *count))
                .collect();
            if fits(&titles) {
                break;
            }
        }
        titles
    }

    fn open_overlay(&mut self, kind: OverlayKind) {
        let title = match kind {
            OverlayKind::Help => "Keys".to_owned(),
            OverlayKind::Summary => "Summary".to_owned(),
            OverlayKind::Diagnostics => format!("Problems in {}", self.origin),
            OverlayKind::Sources => "Sources and what cites them".to_owned(),
            OverlayKind::ItemSources => format!(
                "Sources cited by the selected item in {}",
                self.focused_pane().title()
            ),
            OverlayKind::Changes => "What changed".to_owned(),
        };
        self.overlay = Overlay::Text(TextOverlay {
            title,
            kind,
            lines: Vec::new(),
            scroll: 0,
            height: 0,
        });
        self.rewrap_overlay();
    }

    fn rewrap_overlay(&mut self) {
        let area = overlay_area(Rect::new(0, 0, self.width, self.height));
        let text_area = pane_text_area(area);
        let width = usize::from(text_area.width.max(1));
        let lines = match &self.overlay {
            Overlay::Text(overlay) => self.overlay_lines(overlay.kind, width),
            _ => return,
        };
        if let Overlay::Text(overlay) = &mut self.overlay {
            overlay.lines = lines;
            overlay.height = text_area.height;
            overlay.scroll_by(0);
        }
    }

    fn overlay_lines(&self, kind: OverlayKind, width: usize) -> Vec<TextLine> {
        match kind {
            OverlayKind::Help => help_lines(&self.keymap, width),
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
            OverlayKind::Changes => {
                let Some(briefing) = self.briefing() else {
                    return Vec::new();
                };
                let text =
                    match analysis::previous_with_shared_participant(&self.corpus, self.current)
                        .and_then(|i| self.corpus.briefings().get(i))
                    {
                        Some(previous) => analysis::diff_text(&analysis::diff(previous, briefing)),
                        None => vec![
                            "No earlier summit in this corpus shares a participant with this one."
                                .to_owned(),
                        ],
                    };
                text.iter()
                    .flat_map(|line| wrap_indented(line, width, LineStyle::Note))
                    .collect()
            }
            OverlayKind::Diagnostics => {
                let diagnostics = self.corpus.diagnostics();
                if diagnostics.is_empty() {
                    let text = format!(
                        "No problems: {} briefings loaded cleanly.",
                        self.corpus.len()
                    );
                    return wrap_text(&Safe::trusted(text), width, LineStyle::Note);
                }
                let mut lines = Vec::new();
                for diagnostic in diagnostics {
                    lines.extend(wrap_text(
                        &sanitize(&diagnostic.to_string()),
                        width,
                        LineStyle::Note,
                    ));
                    lines.push(TextLine::blank());
                }
                lines
            }
        }
    }
}

/// The help overlay's text, generated from the key table.
fn help_lines(keymap: &Keymap, width: usize) -> Vec<TextLine> {
    // Descriptions line up in a column wide enough for most key lists; a longer list is
    // followed by two spaces instead, so it never runs into its description.
    const KEY_COLUMN: usize = 18;
    let mut lines = Vec::new();
    for context in Context::ALL {
        if !lines.is_empty() {
            lines.push(TextLine::blank());
        }
        lines.extend(wrap_text(
            &Safe::trusted(context.title()),
            width,
            LineStyle::Heading,
        ));
        for binding in keymap.bindings_in(context) {
            let keys = binding.keys_label();
            let row = format!("{keys:<KEY_COLUMN$}  {}", binding.command.description());
            lines.extend(wrap_text(&sanitize(&row), width, LineStyle::Note));
        }
    }
    lines
}
