//! Scrolling and selection inside a pane or a text view, clamped so drawing can trust
//! the numbers it reads.

use std::ops::Range;

use super::{PaneView, ScrollView};
use sherpa_core::render_text::TextLine;

impl ScrollView {
    /// Scrolls by `delta` lines, never past either end.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    pub(super) fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// The line range visible in the window.
    fn visible(&self) -> Range<usize> {
        self.scroll..self.scroll + self.window()
    }
}

impl PaneView {
    pub(super) fn item_range(&self, index: usize) -> Range<usize> {
        self.items.get(index).cloned().unwrap_or(0..0)
    }

    pub(super) fn clamp(&mut self) {
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        self.text.clamp();
    }

    /// Scrolls just enough to show the selected item, its start first if it is taller than the view.
    pub(super) fn reveal_selected(&mut self) {
        let range = self.item_range(self.selected);
        let window = self.text.visible();
        if range.start < window.start {
            self.text.scroll = range.start;
        } else if range.end > window.end {
            self.text.scroll = range.start.min(range.end - self.text.window());
        }
        self.clamp();
    }

    /// Scrolls just enough to show line `line`, with a line of context above when it can.
    pub(super) fn reveal_line(&mut self, line: usize) {
        let window = self.text.visible();
        if line < window.start || line >= window.end {
            self.text.scroll = line.saturating_sub(1);
        }
        self.clamp();
    }

    /// `j`: scroll through the rest of a tall item, else select the next item.
    pub(super) fn down(&mut self) {
        let range = self.item_range(self.selected);
        if range.end > self.text.visible().end {
            self.text.scroll += 1;
        } else if self.selected + 1 < self.items.len() {
            self.selected += 1;
            self.reveal_selected();
        }
        self.clamp();
    }

    /// `k`: scroll back through a tall item, else select the previous item.
    pub(super) fn up(&mut self) {
        let range = self.item_range(self.selected);
        if range.start < self.text.scroll {
            self.text.scroll -= 1;
        } else if self.selected > 0 {
            self.selected -= 1;
            let range = self.item_range(self.selected);
            if range.start < self.text.scroll {
                self.text.scroll = range
                    .end
                    .saturating_sub(self.text.window())
                    .max(range.start);
            }
        }
        self.clamp();
    }

    /// Scrolls by lines (`Ctrl-d`, `Ctrl-u`, a page). The selection follows when the
    /// selected item's first line leaves the view, to the first item starting in view
    /// (the last, scrolling up), so the heading of what is selected is always on screen;
    /// it stays only while a tall item fills the view and no other starts in it.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.text.scroll_by(delta);
        let range = self.item_range(self.selected);
        let visible = self.text.visible();
        if !visible.contains(&range.start) {
            let mut starting_in_view = self
                .items
                .iter()
                .enumerate()
                .filter(|(_, r)| visible.contains(&r.start))
                .map(|(index, _)| index);
            let in_view = if delta < 0 {
                starting_in_view.next_back()
            } else {
                starting_in_view.next()
            };
            if let Some(index) = in_view {
                self.selected = index;
            } else if range.end <= visible.start || range.start >= visible.end {
                self.selected = self
                    .items
                    .iter()
                    .position(|r| r.end > visible.start)
                    .unwrap_or(self.selected);
            }
        }
        self.clamp();
    }

    pub(super) fn top(&mut self) {
        self.selected = 0;
        self.text.scroll = 0;
    }

    pub(super) fn bottom(&mut self) {
        self.selected = self.items.len().saturating_sub(1);
        self.text.scroll = self.text.max_scroll();
    }

    /// Replaces the lines (after a resize or a new summit), keeping the reading position:
    /// the item at the top of the view stays at the top.
    pub(super) fn set_lines(&mut self, lines: Vec<TextLine>) {
        let top_item = self
            .text
            .lines
            .get(self.text.scroll..)
            .and_then(|rest| rest.iter().find_map(|l| l.item));
        self.items = item_ranges(&lines);
        self.text.lines = lines;
        if let Some(range) = top_item.and_then(|i| self.items.get(i)) {
            self.text.scroll = range.start;
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
