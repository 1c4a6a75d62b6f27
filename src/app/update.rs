//! How each action changes the reader's state: the dispatch by context.
//!
//! Each arm calls a named method in the module for its concern (navigation, views,
//! lists); scrolling and selection are clamped there, so drawing can trust the numbers.

use std::path::PathBuf;
use std::sync::Arc;

use super::picker::MAX_QUERY_CHARS;
use super::{Accept, Action, App, Effect, Overlay, OverlayKind, Picker, PickerRow, StatusMessage};
use crate::keymap::{Command, Context};
use crate::layout::{frame_inner, list_area, list_layout};
use ratatui::layout::Rect;
use sherpa_core::item_key::ItemKey;
use sherpa_core::sanitize::sanitize;

/// Width of the text exported by `e` and copied by `y`: the same as `sherpa export`'s
/// default, so a pane exported from the reader matches the command line byte for byte.
pub const EXPORT_WIDTH: usize = 80;

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: isize = 3;

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
        let effect = if self.note_input.is_some() {
            self.update_note(&action)
        } else {
            match self.context() {
                Context::Reader => self.update_reader(&action),
                Context::Text => self.update_overlay(&action),
                Context::List => self.update_finder(&action),
                Context::Board => self.update_board(&action),
            }
        };
        if !self.overlay.goes_over_views() {
            // Help or the finder closed, gave the view back, or went somewhere else.
            self.beneath = None;
        }
        self.surveys_after_key();
        self.keeping_what_was_read(effect)
    }

    /// The runner reports a new terminal size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.relayout();
    }

    /// The runner reports that the editor exited: the briefing is reloaded next (live
    /// reload picks the change up either way).
    pub fn edit_finished(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.set_status("Back from the editor; reloading", false),
            // The reason quotes `$VISUAL` or `$EDITOR` and the file's path.
            Err(reason) => self.set_status(sanitize(&reason).to_string(), true),
        }
    }

    /// The runner reports text pasted into the terminal (bracketed paste). In a list it is
    /// typed into the query as one edit, scored once instead of once per character;
    /// elsewhere it is ignored, so pasted text is never taken for key presses. Not an
    /// [`Action`], which is `Copy` data the key table maps to.
    pub fn paste(&mut self, text: &str) -> Effect {
        self.status = None;
        self.stop_finder_search();
        let Overlay::Picker(picker) = &mut self.overlay else {
            return Effect::None;
        };
        let fits = picker.push_str(text);
        self.after_query_input(fits)
    }

    /// After text went into a list's query: says so when the query was full, and asks for
    /// the finder's passages again.
    fn after_query_input(&mut self, fits: bool) -> Effect {
        if !fits {
            self.set_status(
                format!(
                    "A query holds at most {MAX_QUERY_CHARS} characters; the rest was not typed"
                ),
                true,
            );
        }
        self.request_search()
    }

    /// The runner could not start the platform's opener for a link. The opener's own
    /// report (`Launcher "xdg-open" … ExitStatus(…)`) means nothing to a reader: it goes to
    /// the log, and the status line says what to do instead.
    pub fn open_failed(&mut self, reason: &str) {
        tracing::warn!("could not open a link: {reason}");
        let copy = self.keymap().key_in(Context::Text, Command::CopyItem);
        self.set_status(
            format!("No program could open links here; {copy} copies the link instead"),
            true,
        );
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

    pub(super) fn update_reader(&mut self, action: &Action) -> Effect {
        let page = self.panes[self.focus].text.window().cast_signed();
        let view = &mut self.panes[self.focus];
        match action {
            Action::Down => view.down(),
            Action::Up => view.up(),
            Action::HalfPageDown => view.scroll_by(page / 2),
            Action::HalfPageUp => view.scroll_by(-(page / 2)),
            Action::PageDown => view.scroll_by(page),
            Action::PageUp => view.scroll_by(-page),
            Action::Top => view.top(),
            Action::Bottom => view.bottom(),
            Action::NextPane => self.set_focus(self.focus.next()),
            Action::PrevPane => self.set_focus(self.focus.prev()),
            Action::FocusPane(target) => self.set_focus(*target),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::NextSummit => self.step_summit(1),
            Action::PrevSummit => self.step_summit(-1),
            Action::OpenFinder => self.open_finder(),
            Action::GoToSummit => self.show_go_to(),
            Action::Narrow => self.show_narrow_list(),
            Action::ClearNarrowing => self.clear_narrowing(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ClearSearch if self.is_surveying() => self.stop_survey(),
            Action::ClearSearch => self.clear_search(),
            Action::Open => self.follow_link(),
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
            Action::ShowChanges => self.show_compare_list(),
            Action::ShowBoard if !self.corpus.is_empty() => return self.show_board(),
            Action::ShowTimeline if !self.corpus.is_empty() => return self.show_timeline(),
            Action::ShowTrack => return self.show_track(),
            Action::ShowAttended => self.show_attended(),
            Action::ExportPane => return self.export_effect(),
            Action::EditBriefing => return self.edit_effect(),
            Action::CopyPane => return self.copy_pane_effect(),
            Action::CopyItem => return self.copy_item_effect(),
            Action::ToggleMark => return self.toggle_mark(),
            Action::ShowMarks => self.show_marks(),
            Action::WriteNote => self.begin_note(),
            Action::WriteLongNote => return self.begin_long_note(),
            Action::ShowNotes => self.show_notes(),
            Action::ShowSinceRead => self.show_since_read(),
            Action::MarkAllRead => return self.mark_all_read(),
            Action::Click { column, row } => self.click(*column, *row),
            Action::Wheel { column, row, lines } => self.wheel(*column, *row, *lines),
            _ => {}
        }
        Effect::None
    }

    pub(super) fn update_overlay(&mut self, action: &Action) -> Effect {
        let Overlay::Text(overlay) = &mut self.overlay else {
            return Effect::None;
        };
        let text = &mut overlay.text;
        let page = text.window().cast_signed();
        let before = text.scroll;
        let by = match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(page),
            Action::PageUp => Some(-page),
            Action::Top => Some(isize::MIN),
            Action::Bottom => Some(isize::MAX),
            _ => None,
        };
        if let Some(by) = by {
            text.scroll_by(by);
            // Reading on by keys: `o` and `y` act on the first source shown again. A key
            // that moved nothing (the view fits) keeps the source `Tab` or a click chose.
            if text.scroll != before {
                overlay.selected = None;
            }
            return Effect::None;
        }
        match action {
            Action::Close => self.close_view(),
            // Help's own key closes it, as a view's opener does.
            Action::ToggleHelp if overlay.kind == OverlayKind::Help => self.close_view(),
            Action::ToggleHelp => self.open_overlay(OverlayKind::Help),
            Action::Wheel { lines, .. } => text.scroll_by(*lines),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::OpenFinder => self.open_finder(),
            Action::Open if overlay.kind == OverlayKind::Diagnostics => {
                return self.edit_problem_effect();
            }
            Action::Open => return self.open_source_effect(),
            Action::CopyItem => return self.copy_source_url_effect(),
            Action::NextSource => self.step_source(true),
            Action::PrevSource => self.step_source(false),
            Action::Click { column, row } => return self.click_source(*column, *row),
            _ => {}
        }
        Effect::None
    }

    pub(super) fn update_board(&mut self, action: &Action) -> Effect {
        let Overlay::Board(view) = &mut self.overlay else {
            return Effect::None;
        };
        match action {
            Action::Close => self.close_view(),
            Action::Down | Action::Wheel { lines: 1.., .. } => view.move_by(1, 0),
            Action::Up | Action::Wheel { .. } => view.move_by(-1, 0),
            Action::Top => view.move_by(isize::MIN, 0),
            Action::Bottom => view.move_by(isize::MAX, 0),
            Action::PageDown => view.move_page(true),
            Action::PageUp => view.move_page(false),
            Action::Left => view.move_by(0, -1),
            Action::Right => view.move_by(0, 1),
            Action::Open => self.open_cell(),
            Action::ToggleHelp => self.open_overlay(OverlayKind::Help),
            Action::Click { column, row } => self.click_board(*column, *row),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::OpenFinder => self.open_finder(),
            _ => {}
        }
        Effect::None
    }

    pub(super) fn update_finder(&mut self, action: &Action) -> Effect {
        if matches!(
            action,
            Action::FinderInput(_)
                | Action::FinderDeleteChar
                | Action::FinderDeleteWord
                | Action::FinderClear
        ) {
            self.stop_finder_search();
        }
        let page = self.list_page();
        let Overlay::Picker(picker) = &mut self.overlay else {
            return Effect::None;
        };
        match action {
            Action::Close => self.close_list(),
            Action::FinderInput(c) => {
                let fits = picker.push_str(c.encode_utf8(&mut [0; 4]));
                return self.after_query_input(fits);
            }
            Action::FinderDeleteChar => {
                picker.pop();
                return self.request_search();
            }
            Action::FinderDeleteWord => {
                picker.delete_word();
                return self.request_search();
            }
            Action::FinderClear => {
                picker.clear();
                return self.request_search();
            }
            Action::Down | Action::Wheel { lines: 1.., .. } => picker.move_selection(1),
            Action::Up | Action::Wheel { .. } => picker.move_selection(-1),
            Action::PageDown => picker.move_page(true, page),
            Action::PageUp => picker.move_page(false, page),
            Action::Top => picker.move_selection(isize::MIN),
            Action::Bottom => picker.move_selection(isize::MAX),
            Action::Left => picker.step_year(-1),
            Action::Right => picker.step_year(1),
            Action::Open => self.accept_row(),
            Action::OpenFinder => self.open_finder(),
            _ => {}
        }
        Effect::None
    }

    /// Screen rows of the open list's view at this terminal size, which a page moves
    /// past: laid out as drawing lays it out, so a page is what the screen shows.
    fn list_page(&self) -> usize {
        let Overlay::Picker(picker) = &self.overlay else {
            return 1;
        };
        let screen = Rect::new(0, 0, self.width, self.height);
        let rows = list_layout(frame_inner(list_area(screen)), picker.chart.is_some()).rows;
        usize::from(rows.height)
    }

    /// `/` from any view, as in less and vim, so the keys typed next go to its query and
    /// never run as the view's commands. It goes over the view open, which `Esc` gives
    /// back as it was; choosing a row goes there instead.
    fn open_finder(&mut self) {
        if self.corpus.is_empty() {
            return;
        }
        self.set_view_aside();
        // Narrowed, the finder lists the narrowed summits, and their passages only.
        let (entries, current) = match &self.narrowed {
            Some(narrowed) => (
                Arc::new(self.summit_entries.get().subset(narrowed.positions.clone())),
                narrowed.positions.iter().position(|&p| p == self.current),
            ),
            None => (Arc::clone(self.summit_entries.get()), Some(self.current)),
        };
        let finder = Picker::new(self.scoped_title("Find a summit or text"), entries, current)
            .with_passages();
        self.overlay = Overlay::Picker(Box::new(finder));
    }

    /// Before help or the finder opens: the view open now is set aside beneath them, to
    /// come back when they close. Over help or the finder themselves, what they were
    /// opened over stays beneath.
    pub(super) fn set_view_aside(&mut self) {
        if !self.overlay.goes_over_views() && !matches!(self.overlay, Overlay::None) {
            self.beneath = Some(std::mem::replace(&mut self.overlay, Overlay::None));
        }
    }

    /// `Esc` (or a view's own key): the view closes, and the one help or the finder was
    /// opened over comes back as it was, laid out for the terminal's size now.
    pub(super) fn close_view(&mut self) {
        self.overlay = self.beneath.take().unwrap_or(Overlay::None);
        self.rewrap_overlay();
        self.refit_board();
    }

    /// `Enter` in a list: jump to the selected summit, or open the selected passage.
    /// Where there is nothing to go to (no row matches, or a meeting with no briefing of
    /// its own), the list stays open with the query typed, so a reader can change it or
    /// pick another row instead of typing it all again.
    fn accept_row(&mut self) {
        let Overlay::Picker(picker) = &self.overlay else {
            return;
        };
        let stays = match picker.selection() {
            None => Some("Nothing matches here: change the filter, or"),
            Some(PickerRow::Entry(entry))
                if entry.target.is_none() && picker.accept == Accept::Jump =>
            {
                Some("That meeting has no briefing of its own: pick another row, or")
            }
            _ => None,
        };
        if let Some(why) = stays {
            let cancel = self.keymap().key_in(Context::List, Command::Close);
            self.set_status(format!("{why} {cancel} to cancel"), false);
            return;
        }
        let passage = match picker.selection() {
            Some(PickerRow::Passage(_)) => picker.passages.as_ref().and_then(|p| {
                p.active(p.hit_index(picker.selected.checked_sub(picker.passage_offset())?)?)
            }),
            _ => None,
        };
        let target = match picker.selection() {
            Some(PickerRow::Entry(entry)) => Some(entry.target.clone()),
            Some(PickerRow::Note(_) | PickerRow::Passage(_)) | None => None,
        };
        let noted = match picker.selection() {
            Some(PickerRow::Note(note)) => Some(note.key.clone()),
            _ => None,
        };
        let accept = picker.accept;
        // The finder's query stays the search for `n`/`N` whichever row was chosen, as
        // `less` keeps its pattern; a passage's row keeps it at that passage.
        let kept = passage
            .is_none()
            .then(|| self.search_kept_by_finder())
            .flatten();
        self.overlay = Overlay::None;
        if let Some(key) = noted {
            if !self.go_to_item(&key) {
                self.set_status("That item is no longer in the briefings", true);
            }
            if let Some(search) = kept {
                self.keep_search(search, false);
            }
            return;
        }
        if let (Accept::Compare, Some(Some(id))) = (accept, &target) {
            self.compare_with(id.clone());
            return;
        }
        if accept == Accept::Narrow {
            self.accept_narrowing(target.flatten().as_deref());
            return;
        }
        if accept == Accept::Item {
            let key = target.flatten().and_then(|key| ItemKey::parse(&key).ok());
            if !key.is_some_and(|key| self.go_to_item(&key)) {
                self.set_status("That item is no longer in the briefings", true);
            }
            return;
        }
        if let Some(search) = passage {
            self.open_passage(search);
            return;
        }
        match target.flatten() {
            Some(id) => match self.corpus.position(&id) {
                Some(position) => self.go_to(position),
                None => self.set_status(format!("\"{}\" is no longer loaded", sanitize(&id)), true),
            },
            None => self.set_status("Nothing matches; nothing to jump to", true),
        }
        if let Some(search) = kept {
            self.keep_search(search, true);
        }
    }

    pub(super) fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(StatusMessage {
            text: text.into(),
            is_error,
        });
    }
}
