//! Moving around: focus, summits, links and history, and the geometry that maps a
//! click to a pane or tab. Panes are re-wrapped here when their size changes.

use ratatui::layout::{Position, Rect};

use super::{App, Location};
use crate::keymap::Command;
use crate::layout::{TAB_SEPARATOR, screen_layout, tab_at};
use sherpa_core::document::Pane;
use sherpa_core::render_text::render_pane;
use sherpa_core::sanitize::sanitize;

impl App {
    pub(super) fn set_focus(&mut self, index: usize) {
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

    pub(super) fn rewrap(&mut self, index: usize) {
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

    pub(super) fn step_summit(&mut self, delta: isize) {
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

    pub(super) fn follow_link(&mut self) {
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

    pub(super) fn back(&mut self) {
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

    /// Which grid pane is drawn at a screen cell.
    pub(super) fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
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

    pub(super) fn click(&mut self, column: u16, row: u16) {
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
}
