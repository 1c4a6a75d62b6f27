//! The analyst lists opened over the reader: timeline, a disagreement's track and the
//! summits a participant attended.

use std::sync::Arc;

use super::picker::EntriesBuilder;
use super::survey::{Purpose, SurveyKind};
use super::{Accept, App, Effect, Overlay, Picker, PickerEntries};
use crate::keymap::{Command, Context};
use sherpa_core::analysis;
use sherpa_core::document::Pane;

/// The timeline as its list shows it: a row per entry, and each row's year for the chart.
#[derive(Debug)]
pub struct TimelineList {
    entries: PickerEntries,
    years: Vec<u16>,
}

impl TimelineList {
    /// The list of `entries`, each dropped once its row is made: over 100,000 summits the
    /// entries and the rows together were most of the reader's memory. Built where the
    /// timeline is worked out, on the runner's thread past many summits.
    ///
    /// A row is matched on its own line, and on each name and summit id of its detail lines
    /// apart, as the finder matches a summit: a name met at many summits is stored and
    /// scored once (the detail lines matched whole were 2 KB a row, folded), and a query's
    /// words each find the name or id they stand for.
    #[must_use]
    pub fn new(entries: Vec<analysis::TimelineEntry>) -> Self {
        let mut builder = EntriesBuilder::default();
        let mut years = Vec::with_capacity(entries.len());
        for entry in entries {
            let (text, detail) = analysis::timeline_row(&entry);
            years.push(entry.date.year);
            let own = text.clone();
            let analysis::TimelineEntry {
                summit,
                participants,
                mentioned_in,
                ..
            } = entry;
            let fields = std::iter::once(own).chain(participants).chain(mentioned_in);
            builder.push(text, detail, summit, fields);
        }
        Self {
            entries: builder.build(),
            years,
        }
    }
}

impl App {
    pub(super) fn open_picker(
        &mut self,
        title: String,
        entries: PickerEntries,
        current: Option<usize>,
    ) {
        self.overlay = Overlay::Picker(Box::new(Picker::new(title, Arc::new(entries), current)));
    }

    /// The timeline worked out ([`App::show_timeline`]), as a list with its chart.
    pub(super) fn open_timeline(&mut self, list: TimelineList) {
        let current_id = self.briefing().map(|b| b.id().to_owned());
        let current = current_id.and_then(|id| list.entries.position_of(&id));
        let picker = Picker::new(
            self.scoped_title("Timeline"),
            Arc::new(list.entries),
            current,
        )
        .with_chart(list.years);
        self.overlay = Overlay::Picker(Box::new(picker));
    }

    /// `d`: the history of the selected disagreement, worked out as the timeline is
    /// ([`App::survey`]): over many summits the runner reads it while the reader goes on.
    pub(super) fn show_track(&mut self) -> Effect {
        if self.focused_pane() != Pane::Disagreements {
            self.set_status(
                format!(
                    "{} follows a disagreement: select one in Disagreements (press {})",
                    self.keymap().key_for(Command::Track),
                    self.keymap().key_for(Command::Pane4)
                ),
                false,
            );
            return Effect::None;
        }
        let selected = self.panes[self.focus].selected;
        let Some(disagreement) = (self.briefing()).and_then(|b| b.disagreements.get(selected))
        else {
            self.set_status("This briefing has no disagreement to follow", false);
            return Effect::None;
        };
        let Some(id) = disagreement.id.clone() else {
            self.set_status(
                "This disagreement has no id, so it cannot be followed",
                false,
            );
            return Effect::None;
        };
        self.survey(SurveyKind::Track(id), Purpose::Open)
    }

    /// The history of the disagreement `id` worked out ([`App::show_track`]), its steps
    /// kept to the summits in view.
    pub(super) fn open_track(&mut self, id: &str, mut steps: Vec<analysis::TrackStep>) {
        let current_id = self.briefing().map(|b| b.id().to_owned());
        let every_step = steps.len();
        steps.retain(|step| {
            self.corpus
                .position(&step.summit)
                .is_some_and(|position| self.is_in_view(position))
        });
        let title = self.narrowed_list_title(&format!("History of {id}"), steps.len(), every_step);
        let current = steps
            .iter()
            .position(|s| Some(&s.summit) == current_id.as_ref());
        let entries = PickerEntries::from_lines(steps.iter().map(|step| {
            let (text, detail) = analysis::track_text(step);
            (text, detail, Some(step.summit.clone()))
        }));
        self.open_picker(title, entries, current);
    }

    pub(super) fn show_attended(&mut self) {
        if self.focused_pane() != Pane::Participants {
            self.set_status(
                format!(
                    "{} lists a participant's summits: select one in Participants (press {})",
                    self.keymap().key_for(Command::Attended),
                    self.keymap().key_for(Command::Pane1)
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
        let mut positions = analysis::attended(&self.corpus, &name);
        let every_summit = positions.len();
        positions.retain(|&position| self.is_in_view(position));
        let title = self.narrowed_list_title(
            &format!("Summits attended by {name}"),
            positions.len(),
            every_summit,
        );
        let current = positions.iter().position(|&p| p == self.current);
        let entries = self.summit_entries.get().subset(positions);
        self.open_picker(title, entries, current);
    }
}

impl App {
    /// `w`: the other summits by date, the previous one sharing a participant selected;
    /// `Enter` shows what changed between the two.
    pub(super) fn show_compare_list(&mut self) {
        let Some(briefing) = self.briefing() else {
            return;
        };
        if self.corpus.len() < 2 {
            self.set_status("There is no other summit to compare with", false);
            return;
        }
        let open = self.keymap().key_in(Context::List, Command::Open);
        let title = format!("Compare {} with ({open} shows what changed)", briefing.id());
        let current = self.current;
        let summits = self.summit_entries.get();
        let entries = summits.subset((0..summits.len()).filter(|&position| position != current));
        // Positions after the current summit move up one in a list without it.
        let preselected = analysis::previous_with_shared_participant(&self.corpus, current)
            .unwrap_or_else(|| current.saturating_sub(1));
        let preselected = if preselected > current {
            preselected - 1
        } else {
            preselected
        };
        let mut picker = Picker::new(title, Arc::new(entries), Some(preselected));
        // Selected, not marked: `●` marks the summit being read, which is not listed.
        picker.current = None;
        picker.accept = Accept::Compare;
        self.overlay = Overlay::Picker(Box::new(picker));
    }

    /// Shows what changed between the summit being read and `other` (an id), earlier to later.
    pub(super) fn compare_with(&mut self, other: String) {
        self.compared = Some(other);
        self.open_overlay(super::OverlayKind::Changes);
    }

    /// The "what changed" text: from the earlier of the two summits to the later.
    pub(super) fn changes_text(&self) -> Vec<String> {
        let briefings = self.corpus.briefings();
        let other = self
            .compared
            .as_deref()
            .and_then(|id| self.corpus.position(id));
        match (other, briefings.get(self.current)) {
            (Some(other), Some(_)) if other != self.current => {
                let (from, to) = (other.min(self.current), other.max(self.current));
                analysis::diff_text(&analysis::diff(&briefings[from], &briefings[to]))
            }
            _ => vec![format!(
                "Pick a summit to compare this one with: press {}.",
                self.keymap().key_for(Command::Changes)
            )],
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sherpa_core::analysis::TimelineEntry;
    use sherpa_core::model::Date;

    use super::TimelineList;
    use crate::app::Picker;

    fn entry(day: u8, place: &str, participants: &[&str], mentioned_in: &[&str]) -> TimelineEntry {
        TimelineEntry {
            date: Date {
                year: 2018,
                month: 7,
                day,
            },
            place: place.to_owned(),
            title: format!("Meeting in {place}"),
            summit: None,
            mentioned_in: mentioned_in.iter().map(|&id| id.to_owned()).collect(),
            participants: participants.iter().map(|&name| name.to_owned()).collect(),
        }
    }

    /// The rows of the timeline of `entries` that `query` keeps, by place.
    fn matching(entries: Vec<TimelineEntry>, query: &str) -> Vec<String> {
        let list = TimelineList::new(entries);
        let mut picker = Picker::new("Timeline", Arc::new(list.entries), None);
        picker.push_str(query);
        picker
            .matches
            .iter()
            .filter_map(|&row| picker.entries.get(row))
            .map(|entry| entry.text.clone())
            .collect()
    }

    #[test]
    fn a_row_is_matched_on_each_name_and_id_apart() {
        let entries = || {
            vec![
                entry(1, "Helsinki", &["Donald Trump", "Vladimir Putin"], &[]),
                entry(2, "Hamburg", &["Donald Trump"], &["osaka-2019"]),
                entry(3, "Oslo", &["Jens Stoltenberg"], &[]),
            ]
        };
        let places = |query| -> Vec<String> {
            // In date order: each row begins with its date.
            let mut rows = matching(entries(), query);
            rows.sort();
            // Each row reads "date  [id] · place — title".
            let place = |row: &String| {
                let after_id = row.split(" · ").nth(1).unwrap_or_default();
                after_id.split(" — ").next().unwrap_or_default().to_owned()
            };
            rows.iter().map(place).collect()
        };
        assert_eq!(places("trump"), ["Helsinki", "Hamburg"]);
        assert_eq!(
            places("trump putin"),
            ["Helsinki"],
            "each word, its own name"
        );
        assert_eq!(places("osaka-2019"), ["Hamburg"], "a summit that lists it");
        // Letters strewn over two names match no one: matched whole, the detail line
        // "with Donald Trump, Vladimir Putin" held them in order.
        assert_eq!(places("trumpvla"), Vec::<String>::new());
    }

    #[test]
    fn the_years_follow_the_rows() {
        let list = TimelineList::new(vec![entry(1, "Helsinki", &[], &[])]);
        assert_eq!(list.years, [2018]);
        assert_eq!(list.entries.position_of("helsinki-2018"), None);
    }
}
