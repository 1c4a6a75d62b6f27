//! The status line's key hints, following the focus: first what the selected item offers
//! (a link to open, a disagreement to track, sources to show, the next match), then the
//! keys that always work. A key that would do nothing here is not offered.

use super::{Accept, App, Overlay, OverlayKind};
use crate::keymap::{Command, Context};
use sherpa_core::document::Pane;

/// Whether and how a command is worth a hint now.
enum Offer {
    /// It does something for the selected item: listed first.
    Here,
    /// It does something wherever the reader is.
    Anywhere,
    /// It would do nothing now.
    Not,
}

impl App {
    /// `(key, hint)` pairs for the status line: how to quit and get help (always where
    /// a user looks first, as in `less` or `htop`), then what the selected item offers,
    /// then the rest.
    #[must_use]
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mut anchors = Vec::new();
        let mut here = Vec::new();
        let mut anywhere = Vec::new();
        let context = self.context();
        for binding in self.keymap().bindings_in(context) {
            let (Some(key), Some(hint)) =
                (binding.keys.first(), hint_word(context, binding.command))
            else {
                continue;
            };
            let hint = self.hint_here(binding.command).unwrap_or(hint);
            let hint = (key.to_string(), hint);
            match self.offer(binding.command) {
                _ if matches!(binding.command, Command::Quit | Command::Help) => anchors.push(hint),
                Offer::Here => here.push(hint),
                Offer::Anywhere => anywhere.push(hint),
                Offer::Not => {}
            }
        }
        anchors.extend(here);
        anchors.extend(anywhere);
        anchors
    }

    /// What a command's key does where the reader is, when that says more than the
    /// context's [`hint_word`]: what `Enter` does with a list's row, where `Left`/`Right`
    /// take the timeline's chart.
    fn hint_here(&self, command: Command) -> Option<&'static str> {
        let Overlay::Picker(picker) = &self.overlay else {
            return None;
        };
        match command {
            Command::Open => match picker.accept {
                Accept::Compare => Some("compare"),
                Accept::Narrow => Some("narrow to it"),
                Accept::Jump | Accept::Item => None,
            },
            Command::Left => picker.chart.as_ref().map(|chart| chart.step_hint(-1)),
            Command::Right => picker.chart.as_ref().map(|chart| chart.step_hint(1)),
            _ => None,
        }
    }

    fn offer(&self, command: Command) -> Offer {
        if self.context() == Context::List && matches!(command, Command::Left | Command::Right) {
            let charted = matches!(&self.overlay, Overlay::Picker(p) if p.chart.is_some());
            return if charted { Offer::Here } else { Offer::Not };
        }
        if let Overlay::Board(view) = &self.overlay {
            let offered = match command {
                Command::Open => view.board.target(view.row, view.column).is_some(),
                Command::Right => view.can_move_right(),
                // One move key is enough of a hint: the other where the first does nothing.
                Command::Left => !view.can_move_right() && view.column > 0,
                _ => return Offer::Anywhere,
            };
            return if offered { Offer::Here } else { Offer::Not };
        }
        if let Overlay::Text(overlay) = &self.overlay
            && matches!(command, Command::Open | Command::CopyItem)
        {
            // What a link cut at the view's border is opened and copied whole with.
            let sources = matches!(
                overlay.kind,
                OverlayKind::Sources | OverlayKind::ItemSources
            );
            return if sources { Offer::Here } else { Offer::Not };
        }
        if let Overlay::Text(overlay) = &self.overlay
            && command == Command::Down
            && overlay.text.max_scroll() == 0
        {
            // The whole text is in view: there is nothing to scroll to.
            return Offer::Not;
        }
        if matches!(command, Command::NextSource | Command::PrevSource) {
            // Choosing is worth a hint only where there is more than one link to choose.
            let several = self.listed_sources().is_ok_and(|sources| sources.len() > 1);
            return if several { Offer::Here } else { Offer::Not };
        }
        if !matches!(self.overlay, Overlay::None) {
            return Offer::Anywhere;
        }
        // With no briefings there is no pane, summit or text to move to or find.
        if self.corpus.is_empty() {
            return Offer::Not;
        }
        let pane = self.focused_pane();
        let selected = self.panes[self.focus].selected;
        let briefing = self.briefing();
        let here = |yes: bool| if yes { Offer::Here } else { Offer::Not };
        match command {
            Command::Open => here(
                pane == Pane::Meetings
                    && briefing
                        .and_then(|b| b.prior_meetings.get(selected))
                        .is_some_and(|m| m.summit.is_some()),
            ),
            Command::Track => here(
                pane == Pane::Disagreements
                    && briefing
                        .and_then(|b| b.disagreements.get(selected))
                        .is_some_and(|d| d.id.is_some()),
            ),
            Command::Attended => here(
                pane == Pane::Participants && briefing.is_some_and(|b| !b.participants.is_empty()),
            ),
            Command::ItemSources => here(!self.selected_item_sources().is_empty()),
            Command::NextMatch => here(self.search.is_some()),
            Command::ClearNarrowing => here(self.narrowed.is_some()),
            Command::Back if self.history.is_empty() => Offer::Not,
            Command::Summary if briefing.is_none_or(|b| b.summit.summary.is_none()) => Offer::Not,
            Command::Export | Command::Summary | Command::NextSummit if briefing.is_none() => {
                Offer::Not
            }
            _ => Offer::Anywhere,
        }
    }
}

/// The word a command's key gets in the status line of a context, if it is worth one
/// there: the line has room for a few, so only what a newcomer looks for first.
fn hint_word(context: Context, command: Command) -> Option<&'static str> {
    use Command as C;
    use Context::{Board, List, Reader, Text};
    Some(match (context, command) {
        (Reader, C::Quit) => "quit",
        (Reader, C::Help) => "help",
        (Reader, C::NextPane) => "pane",
        (Reader, C::NextSummit) => "summit",
        (Reader, C::Find) => "find",
        (Reader, C::ClearNarrowing) => "all summits",
        (Reader, C::NextMatch) => "next match",
        (Reader | Text, C::Open) => "open link",
        (Reader, C::Back) => "back",
        (Reader, C::Summary) => "summary",
        (Reader, C::ItemSources) => "cited sources",
        (Reader, C::Timeline) => "timeline",
        (Reader, C::Track) => "track",
        (Reader, C::Board) => "board",
        (Reader, C::Attended) => "their summits",
        (Reader, C::Export) => "export",
        (Text | Board, C::Close) => "close",
        (Text, C::CopyItem) => "copy link",
        (Text, C::NextSource) => "next source",
        (Text, C::Down) => "scroll",
        (List, C::Open) => "jump",
        (List, C::Close) => "cancel",
        (List, C::Left | C::Right) => "year",
        (List, C::Down) => "select",
        (Board, C::Open) => "open summit",
        (Board, C::Left | C::Right) => "move",
        _ => return None,
    })
}
