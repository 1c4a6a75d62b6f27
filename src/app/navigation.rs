//! Moving around: focus, summits, links and history, and the geometry that maps a
//! click to a pane or tab. Panes are re-wrapped here when their size changes.

use ratatui::layout::{Position, Rect};

use super::{App, Location, Place};
use crate::grid::{Grid, GridPane};
use crate::keymap::Command;
use crate::layout::{GRID_HEIGHT, GRID_WIDTH, ScreenLayout, TAB_SEPARATOR, screen_layout, tab_at};
use sherpa_core::document::Pane;
use sherpa_core::render_text::render_pane;
use sherpa_core::sanitize::sanitize;

impl App {
    pub(super) fn set_focus(&mut self, pane: GridPane) {
        self.focus = pane;
        self.relayout();
    }

    /// Recomputes every pane's size from the terminal size and re-wraps what changed.
    pub(super) fn relayout(&mut self) {
        let area = Rect::new(0, 0, self.width, self.height);
        for pane in GridPane::ALL {
            // Each pane's size is the size it has when it is the visible, focused one.
            let rect = screen_layout(
                area,
                pane,
                self.zoom,
                self.settings.plain,
                self.pane_weights(),
            )
            .and_then(|layout| Some(layout.text_area(layout.panes[pane]?)))
            .unwrap_or_default();
            let view = &mut self.panes[pane];
            view.text.height = rect.height;
            if view.width != rect.width || view.text.lines.is_empty() {
                view.width = rect.width;
                self.rewrap(pane);
            } else {
                view.clamp();
            }
        }
        self.rewrap_overlay();
        self.refit_board();
    }

    pub(super) fn rewrap(&mut self, pane: GridPane) {
        let width = usize::from(self.panes[pane].width.max(1));
        let lines = self
            .corpus
            .briefings()
            .get(self.current)
            .map(|b| render_pane(b, pane.pane(), width))
            .unwrap_or_default();
        let lines = self.with_notes(pane, lines, width);
        self.panes[pane].set_lines(lines);
    }

    /// Moves to another summit, remembering where the reader was for `Backspace`.
    pub fn go_to(&mut self, position: usize) {
        if position >= self.corpus.len() || position == self.current {
            return;
        }
        self.history.push(self.location());
        // Going somewhere on purpose ends any wait for a summit whose file broke.
        self.awaited = None;
        self.show(position, Grid::default());
    }

    pub(super) fn location(&self) -> Location {
        Location {
            summit: self.current,
            focus: self.focus,
            places: Grid::from_fn(|pane| Place {
                selected: self.panes[pane].selected,
                scroll: self.panes[pane].text.scroll,
            }),
        }
    }

    pub(super) fn show(&mut self, position: usize, places: Grid<Place>) {
        // A view set aside under help or the finder belongs to the summit (and the corpus)
        // it was opened on.
        self.beneath = None;
        self.current = position;
        self.refresh_item_keys();
        // The grid is shared by content, so another summit may size the panes anew:
        // every pane is laid out and wrapped for this one.
        for pane in GridPane::ALL {
            self.panes[pane].text.lines.clear();
        }
        self.relayout();
        for (pane, place) in places.iter() {
            let view = &mut self.panes[pane];
            view.selected = place.selected;
            view.text.scroll = place.scroll;
            view.clamp();
            // The lines may have been wrapped to another width since: the selection must
            // still be on screen.
            view.reveal_selected();
        }
        self.summit_opened();
    }

    /// `]`/`[`: the next or previous summit in view (the narrowed ones, or all), wrapping
    /// at either end. From a summit outside the narrowing, the nearest one in it that way.
    pub(super) fn step_summit(&mut self, delta: isize) {
        let view = self.summits_in_view();
        let len = view.len().cast_signed();
        // The first summit in view at or after the current one.
        let at = view.partition_point(|&p| p < self.current);
        let on_current = view.get(at) == Some(&self.current);
        if len == 0 || (on_current && len < 2) {
            self.set_status("There is no other summit to go to", false);
            return;
        }
        let next = match (delta > 0, on_current) {
            (true, true) => at.cast_signed() + 1,
            (true, false) => at.cast_signed(),
            (false, _) => at.cast_signed() - 1,
        };
        let wrapped = next < 0 || next >= len;
        if let Some(&position) = view.get(next.rem_euclid(len).cast_unsigned()) {
            self.go_to(position);
        }
        if wrapped {
            let end = if delta > 0 { "earliest" } else { "latest" };
            self.set_status(format!("Wrapped around to the {end} summit"), false);
        } else {
            self.status = None;
            self.updated_status();
        }
    }

    pub(super) fn follow_link(&mut self) {
        if self.focused_pane() != Pane::Meetings {
            let text = format!(
                "{} follows links in Prior meetings (press {})",
                self.keymap().key_for(Command::Open),
                self.keymap().key_for(Command::Pane2)
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

    /// How much each grid pane holds, for sharing the grid by content: an empty pane
    /// weighs 1, one with three items or more 4.
    #[must_use]
    pub fn pane_weights(&self) -> Grid<u16> {
        Grid::from_fn(|pane| {
            let items = self.briefing().map_or(0, |b| pane.pane().count(b));
            1 + u16::try_from(items.min(3)).unwrap_or(3)
        })
    }

    /// `z`: the focused pane over the whole body and back. Where one pane fills the body
    /// already (a small screen, plain mode), zooming would change nothing but a word in
    /// the title, so the status line says why the key does nothing instead.
    pub(super) fn toggle_zoom(&mut self) {
        if self.shows_one_pane() {
            let zoom = self.keymap().key_for(Command::Zoom);
            self.set_status(
                format!(
                    "One pane fills the screen already; {zoom} zooms a pane of the grid, \
                     from {GRID_WIDTH}×{GRID_HEIGHT}"
                ),
                false,
            );
            return;
        }
        self.zoom = !self.zoom;
        self.relayout();
    }

    /// Whether the screen shows a single pane under a tab strip (a small screen, plain
    /// mode), where zooming changes nothing.
    pub(super) fn shows_one_pane(&self) -> bool {
        self.screen().is_some_and(|screen| screen.tabs.is_some())
    }

    /// The screen as it is drawn now.
    fn screen(&self) -> Option<ScreenLayout> {
        screen_layout(
            Rect::new(0, 0, self.width, self.height),
            self.focus,
            self.zoom,
            self.settings.plain,
            self.pane_weights(),
        )
    }

    /// Which grid pane is drawn at a screen cell.
    pub(super) fn pane_at(&self, column: u16, row: u16) -> Option<GridPane> {
        let point = Position::new(column, row);
        self.screen()?
            .panes
            .iter()
            .find(|(_, rect)| rect.is_some_and(|r| r.contains(point)))
            .map(|(pane, _)| pane)
    }

    /// A click focuses the pane under the pointer and selects the item under it; a second
    /// click on a selected prior meeting opens its linked briefing, as `Enter` does.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        if let Some(pane) = self.pane_at(column, row) {
            let again = pane == self.focus
                && self.item_at(pane, column, row) == Some(self.panes[pane].selected);
            self.set_focus(pane);
            if let Some(item) = self.item_at(pane, column, row) {
                self.panes[pane].selected = item;
            }
            if again && pane.pane() == Pane::Meetings {
                self.follow_link();
            }
            return;
        }
        // The plain tab strip is a sentence, not tabs to click.
        if let Some(tabs) = self.screen().and_then(|l| l.tabs)
            && !self.settings.plain
            && tabs.contains(Position::new(column, row))
            && let Some(index) = tab_at(&self.tab_titles(tabs.width), column.saturating_sub(tabs.x))
            && let Some(pane) = GridPane::ALL.get(index)
        {
            self.set_focus(*pane);
        }
    }

    /// The item of `pane` drawn at a screen cell, if one is.
    fn item_at(&self, pane: GridPane, column: u16, row: u16) -> Option<usize> {
        let layout = self.screen()?;
        let text = layout.text_area(layout.panes[pane]?);
        if !text.contains(Position::new(column, row)) {
            return None;
        }
        let view = &self.panes[pane];
        let line = view.text.scroll + usize::from(row - text.y);
        view.items.iter().position(|lines| lines.contains(&line))
    }

    /// The mouse wheel scrolls the pane under the pointer and nothing else: the focus and
    /// every selection stay, as in a browser, so reading on is one key away.
    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        if let Some(pane) = self.pane_at(column, row) {
            self.panes[pane].text.scroll_by(lines);
        }
    }

    /// The tab strip's titles: number, pane and item count, shortened until they fit `width`.
    #[must_use]
    pub fn tab_titles(&self, width: u16) -> Vec<String> {
        let counts: Vec<usize> = GridPane::ALL
            .iter()
            .map(|pane| self.briefing().map_or(0, |b| pane.pane().count(b)))
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
            titles = GridPane::ALL
                .iter()
                .zip(&counts)
                .map(|(pane, count)| form(pane.number(), pane.pane(), *count))
                .collect();
            if fits(&titles) {
                break;
            }
        }
        titles
    }
}
