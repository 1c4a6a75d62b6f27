//! The status line's key hints, following the focus: first what the selected item offers
//! (a link to open, a disagreement to track, sources to show, the next match), then the
//! keys that always work. A key that would do nothing here is not offered.

use super::{Accept, App, Overlay};
use crate::keymap::Command;
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
        for binding in self.keymap().bindings_in(self.context()) {
            let (Some(key), Some(hint)) = (binding.keys.first(), binding.command.spec().hint)
            else {
                continue;
            };
            // Enter in the list `w` opens compares rather than jumps.
            let compares =
                matches!(&self.overlay, Overlay::Picker(p) if p.accept == Accept::Compare);
            let hint = match binding.command {
                Command::FinderAccept if compares => "compare",
                _ => hint,
            };
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

    fn offer(&self, command: Command) -> Offer {
        if matches!(command, Command::FinderPrevYear | Command::FinderNextYear) {
            let charted = matches!(&self.overlay, Overlay::Picker(p) if p.chart.is_some());
            return if charted { Offer::Here } else { Offer::Not };
        }
        if !matches!(self.overlay, Overlay::None) {
            return Offer::Anywhere;
        }
        let pane = self.focused_pane();
        let selected = self.panes[self.focus].selected;
        let briefing = self.briefing();
        let here = |yes: bool| if yes { Offer::Here } else { Offer::Not };
        match command {
            Command::FollowLink => here(
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
            Command::Back if self.history.is_empty() => Offer::Not,
            Command::Summary if briefing.is_none_or(|b| b.summit.summary.is_none()) => Offer::Not,
            Command::Export | Command::Summary | Command::NextSummit if briefing.is_none() => {
                Offer::Not
            }
            _ => Offer::Anywhere,
        }
    }
}
