//! Views across the corpus: the timeline of every meeting, a disagreement followed from
//! summit to summit, what changed between two summits, who attended what, and the board
//! of every disagreement against every summit.
//!
//! Pure functions over a [`Corpus`]; the reader and the command line both show their results.

pub mod board;
pub mod book_checks;
mod reworded;

pub use board::{Board, BoardCell, BoardColumn, BoardRow, board, board_of, board_text};
pub use reworded::TextChange;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Corpus, Unheld};
use crate::fold::fold;
use crate::model::{Briefing, Date, Disagreement, DisagreementStatus, Goal, Position};

/// A name (or a tag, a topic) folded for matching with [`fold`], spaces collapsed, so
/// "Sauli Niinistö" and "sauli niinisto" are the same person, and "store" is part of
/// "Jonas Gahr Støre".
#[must_use]
pub fn name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One meeting on the timeline: a summit with a briefing, or a prior meeting without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub date: Date,
    pub place: String,
    pub title: String,
    /// The briefing that covers this meeting, if there is one.
    pub summit: Option<String>,
    /// Briefings that list this meeting among their prior meetings.
    pub mentioned_in: Vec<String>,
    /// Who was there, as far as the corpus knows.
    pub participants: Vec<String>,
}

/// Every summit and every prior meeting in date order. A prior meeting linked to a
/// briefing, or at the same date and place as another entry, appears once.
#[must_use]
pub fn timeline(corpus: &Corpus) -> Vec<TimelineEntry> {
    timeline_at(corpus, &(0..corpus.len()).collect::<Vec<_>>())
}

/// The timeline of the summits at `positions` of `corpus` (the reader's, narrowed or
/// not), their documents read on every core and not kept ([`Corpus::unheld`]): held, the
/// documents of 100,000 summits took more than a gigabyte.
#[must_use]
pub fn timeline_at(corpus: &Corpus, positions: &[usize]) -> Vec<TimelineEntry> {
    timeline_through(&corpus.unheld(), positions)
}

/// [`timeline_at`], reading through `unheld` (one that stops when the view is given up
/// on, [`Corpus::unheld_until`]: what it stopped before reading is left out).
#[must_use]
pub fn timeline_through(unheld: &Unheld<'_>, positions: &[usize]) -> Vec<TimelineEntry> {
    let summits = (positions.par_iter())
        .filter_map(|&position| unheld.briefing(position).map(|b| TimelineSummit::of(&b)))
        .collect();
    merged_timeline(summits)
}

/// The timeline of some of the corpus's briefings (a book's selection): their summits and
/// the prior meetings they list.
#[must_use]
pub fn timeline_of(briefings: &[&Briefing]) -> Vec<TimelineEntry> {
    merged_timeline(briefings.iter().map(|b| TimelineSummit::of(b)).collect())
}

/// What one briefing puts on the timeline: its summit's entry, and an entry for each
/// prior meeting it lists, with the summit that meeting links to.
struct TimelineSummit {
    entry: TimelineEntry,
    meetings: Vec<(Option<String>, TimelineEntry)>,
}

impl TimelineSummit {
    fn of(briefing: &Briefing) -> Self {
        let id = briefing.id();
        let summit = &briefing.summit;
        Self {
            entry: TimelineEntry {
                date: summit.date,
                place: summit.location.clone(),
                title: summit.title.clone(),
                summit: Some(id.to_owned()),
                mentioned_in: Vec::new(),
                participants: (briefing.participants.iter())
                    .map(|p| p.name.clone())
                    .collect(),
            },
            meetings: (briefing.prior_meetings.iter())
                .map(|meeting| {
                    let entry = TimelineEntry {
                        date: meeting.date,
                        place: meeting.place.clone(),
                        title: first_sentence(&meeting.summary),
                        summit: None,
                        mentioned_in: vec![id.to_owned()],
                        participants: Vec::new(),
                    };
                    (meeting.summit.clone(), entry)
                })
                .collect(),
        }
    }
}

/// The timeline of `summits`, in the order given: each prior meeting merges into the
/// entry of the summit it links to, else into the first entry at its date whose place
/// names its place (or is named by it), else is an entry of its own.
///
/// Both are looked up, not searched for: each meeting scanning every entry (folding both
/// places for each) made the reader's timeline of 100,000 briefings, each listing earlier
/// ones, run for minutes.
fn merged_timeline(summits: Vec<TimelineSummit>) -> Vec<TimelineEntry> {
    let (mut entries, meetings): (Vec<TimelineEntry>, Vec<_>) = summits
        .into_iter()
        .map(|summit| (summit.entry, summit.meetings))
        .unzip();
    // The first summit with an id is the one its links reach.
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        if let Some(id) = &entry.summit {
            by_id.entry(id.clone()).or_insert(index);
        }
    }
    // Each date's entries, in the order they were made, with their places folded once:
    // the first whose place names the meeting's is the one it merges into.
    let mut on_date: HashMap<Date, Vec<(usize, String)>> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        (on_date.entry(entry.date).or_default()).push((index, name_key(&entry.place)));
    }
    for (link, meeting) in meetings.into_iter().flatten() {
        let linked = link.and_then(|id| by_id.get(&id).copied());
        let place = name_key(&meeting.place);
        let same = linked.or_else(|| {
            let same_date = on_date.get(&meeting.date)?;
            (same_date.iter())
                .find(|(_, entry_place)| same_place(entry_place, &place))
                .map(|&(index, _)| index)
        });
        if let Some(index) = same {
            let entry = &mut entries[index];
            let mention = meeting.mentioned_in.into_iter().next();
            // A briefing's mentions of an entry come one after another (ids are unique),
            // so only the last needs comparing.
            if let Some(mention) = mention
                && entry.mentioned_in.last() != Some(&mention)
            {
                entry.mentioned_in.push(mention);
            }
        } else {
            (on_date.entry(meeting.date).or_default()).push((entries.len(), place));
            entries.push(meeting);
        }
    }
    entries.sort_by(|a, b| (a.date, &a.summit).cmp(&(b.date, &b.summit)));
    entries
}

/// Places match when one names the other ("Helsinki" and "Presidential Palace, Helsinki"),
/// given as [`name_key`]s.
fn same_place(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a))
}

fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

/// Whether a person's name matches what was asked for: `wanted` (already folded with
/// [`name_key`]) is part of the folded name, so "niinisto" finds "Sauli Niinistö".
#[must_use]
pub fn name_matches(name: &str, wanted: &str) -> bool {
    name_key(name).contains(wanted)
}

/// Keeps the timeline entries a participant attended (matched by folded name, in part).
#[must_use]
pub fn with_participant(entries: Vec<TimelineEntry>, name: &str) -> Vec<TimelineEntry> {
    let wanted = name_key(name);
    entries
        .into_iter()
        .filter(|e| e.participants.iter().any(|p| name_matches(p, &wanted)))
        .collect()
}

/// One summit's view of a tracked disagreement: what the briefing says about it there,
/// so a history reads as what each side said at each meeting, not a list of statuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackStep {
    pub summit: String,
    pub date: Date,
    pub title: String,
    pub topic: String,
    pub status: DisagreementStatus,
    /// The briefing's summary of the disagreement at this summit.
    pub summary: Option<String>,
    pub positions: Vec<Position>,
}

/// Every summit that discusses the disagreement with this id, in date order.
#[must_use]
pub fn track(corpus: &Corpus, disagreement_id: &str) -> Vec<TrackStep> {
    track_through(&corpus.unheld(), disagreement_id)
}

/// [`track`], reading each document through `unheld` (which a view given up on stops).
#[must_use]
pub fn track_through(unheld: &Unheld<'_>, disagreement_id: &str) -> Vec<TrackStep> {
    track_or_known_through(unheld, disagreement_id, Known::Unwanted).unwrap_or_default()
}

/// [`track`], or, when no summit discusses the disagreement, every disagreement id the
/// corpus uses, sorted, for a "did you mean": both from one read of each document, where
/// asking for the ids after an unknown id read 100,000 documents a second time.
pub fn track_or_known(
    corpus: &Corpus,
    disagreement_id: &str,
) -> Result<Vec<TrackStep>, Vec<String>> {
    track_or_known_through(&corpus.unheld(), disagreement_id, Known::Wanted)
}

/// Whether a track that finds no step collects the ids the corpus does use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    /// For a "did you mean" (the command line's unknown id).
    Wanted,
    /// The reader's `d` follows an id its briefing has: copying every summit's ids to
    /// throw them away cost an allocation per disagreement of 100,000 summits.
    Unwanted,
}

fn track_or_known_through(
    unheld: &Unheld<'_>,
    disagreement_id: &str,
    known: Known,
) -> Result<Vec<TrackStep>, Vec<String>> {
    let (steps, ids): (Vec<Option<TrackStep>>, Vec<Vec<String>>) = (0..unheld.corpus().len())
        .into_par_iter()
        .filter_map(|position| {
            let b = unheld.briefing(position)?;
            let ids = match known {
                Known::Wanted => (b.disagreements.iter())
                    .filter_map(|d| d.id.clone())
                    .collect(),
                Known::Unwanted => Vec::new(),
            };
            let step = (b.disagreements.iter())
                .find(|d| d.id.as_deref() == Some(disagreement_id))
                .map(|d| TrackStep {
                    summit: b.id().to_owned(),
                    date: b.summit.date,
                    title: b.summit.title.clone(),
                    topic: d.topic.clone(),
                    status: d.status,
                    summary: d.summary.clone(),
                    positions: d.positions.clone(),
                });
            Some((step, ids))
        })
        .unzip();
    let steps: Vec<TrackStep> = steps.into_iter().flatten().collect();
    if !steps.is_empty() {
        return Ok(steps);
    }
    let mut ids: Vec<String> = ids.into_iter().flatten().collect();
    ids.sort();
    ids.dedup();
    Err(ids)
}

/// How a disagreement moved from one summit to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Resolved,
    Narrowed,
    Reopened,
    /// Same status, but the topic is worded differently: not "unchanged", since the
    /// question itself may have been recast.
    Reworded,
    Unchanged,
    /// Listed at the earlier summit, not at the later one.
    Dropped,
}

impl Change {
    /// The word the text output shows and the JSON carries, so scripts and readers agree.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Resolved => "resolved",
            Self::Narrowed => "narrowed",
            Self::Reopened => "reopened",
            Self::Reworded => "reworded",
            Self::Unchanged => "unchanged",
            Self::Dropped => "dropped",
        }
    }
}

impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One disagreement compared across two summits. A status or topic is absent on the side
/// where the disagreement is not listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisagreementChange {
    /// The tracking id, when the briefings give one (untracked ones match by topic).
    pub id: Option<String>,
    pub change: Change,
    /// The topic at the later summit, or at the earlier one when dropped.
    pub topic: String,
    /// The earlier wording, when it differs from `topic`.
    pub topic_before: Option<String>,
    pub status_before: Option<DisagreementStatus>,
    pub status_after: Option<DisagreementStatus>,
}

/// A goal as a party states it, structured for JSON and labelled `party: goal` in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalEntry {
    pub party: String,
    pub goal: String,
}

impl GoalEntry {
    fn of(goal: &Goal) -> Self {
        Self {
            party: goal.party.clone(),
            goal: goal.goal.clone(),
        }
    }

    /// `party: goal`, as the text output lists it.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{}: {}", self.party, self.goal)
    }

    /// The goal folded for matching, so a change of case or accents is not a new goal.
    fn key(&self) -> String {
        name_key(&self.label())
    }
}

/// What changed between two summits: who came and went, how each disagreement moved,
/// which goals were added and dropped, which texts of the items both list were reworded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummitDiff {
    pub from: String,
    pub to: String,
    /// Participants at the later summit, not at the earlier one (folded names).
    pub participants_joined: Vec<String>,
    /// Participants at the earlier summit, not at the later one.
    pub participants_left: Vec<String>,
    /// The later summit's disagreements in file order, then the dropped ones.
    pub disagreements: Vec<DisagreementChange>,
    pub goals_added: Vec<GoalEntry>,
    pub goals_dropped: Vec<GoalEntry>,
    /// Texts of items both summits list whose words changed (texts that narrate one summit
    /// only when both sides are the same summit: see the `reworded` module).
    pub text_reworded: Vec<TextChange>,
}

/// A disagreement's key across summits: its id, else its folded topic.
fn disagreement_key(d: &Disagreement) -> String {
    d.id.clone().unwrap_or_else(|| name_key(&d.topic))
}

/// How a disagreement's status moved, or whether only its wording did.
fn classify(before: &Disagreement, after: &Disagreement) -> Change {
    match (before.status, after.status) {
        (old, new) if old == new => {
            if name_key(&before.topic) == name_key(&after.topic) {
                Change::Unchanged
            } else {
                Change::Reworded
            }
        }
        (_, DisagreementStatus::Resolved) => Change::Resolved,
        (DisagreementStatus::Open, _) => Change::Narrowed,
        _ => Change::Reopened,
    }
}

/// The items of `items` whose key is not among `others`' keys, in order.
fn missing_from<T: Clone, K: PartialEq>(
    items: &[T],
    others: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let other_keys: Vec<K> = others.iter().map(&key).collect();
    items
        .iter()
        .filter(|item| !other_keys.contains(&key(item)))
        .cloned()
        .collect()
}

/// Compares summit `to` with the earlier summit `from`.
#[must_use]
pub fn diff(from: &Briefing, to: &Briefing) -> SummitDiff {
    let mut disagreements = Vec::new();
    for d in &to.disagreements {
        let key = disagreement_key(d);
        let before = from
            .disagreements
            .iter()
            .find(|p| disagreement_key(p) == key);
        let topic_before = before
            .filter(|p| name_key(&p.topic) != name_key(&d.topic))
            .map(|p| p.topic.clone());
        disagreements.push(DisagreementChange {
            id: d.id.clone(),
            change: before.map_or(Change::New, |p| classify(p, d)),
            topic: d.topic.clone(),
            topic_before,
            status_before: before.map(|p| p.status),
            status_after: Some(d.status),
        });
    }
    for d in missing_from(&from.disagreements, &to.disagreements, disagreement_key) {
        disagreements.push(DisagreementChange {
            id: d.id.clone(),
            change: Change::Dropped,
            topic: d.topic.clone(),
            topic_before: None,
            status_before: Some(d.status),
            status_after: None,
        });
    }
    let names =
        |b: &Briefing| -> Vec<String> { b.participants.iter().map(|p| p.name.clone()).collect() };
    let goals = |b: &Briefing| -> Vec<GoalEntry> { b.goals.iter().map(GoalEntry::of).collect() };
    let (from_names, to_names) = (names(from), names(to));
    let (from_goals, to_goals) = (goals(from), goals(to));
    SummitDiff {
        from: from.id().to_owned(),
        to: to.id().to_owned(),
        participants_joined: missing_from(&to_names, &from_names, |n| name_key(n)),
        participants_left: missing_from(&from_names, &to_names, |n| name_key(n)),
        disagreements,
        goals_added: missing_from(&to_goals, &from_goals, GoalEntry::key),
        goals_dropped: missing_from(&from_goals, &to_goals, GoalEntry::key),
        text_reworded: reworded::text_reworded(from, to, disagreement_key),
    }
}

/// The latest summit before `position` that shares a participant with it. Names are read
/// from the catalog's rows ([`Corpus::participants_at`]), not from each document.
#[must_use]
pub fn previous_with_shared_participant(corpus: &Corpus, position: usize) -> Option<usize> {
    if position >= corpus.len() {
        return None;
    }
    let names: Vec<String> = (corpus.participants_at(position).into_iter())
        .map(name_key)
        .collect();
    (0..position).rev().find(|&i| {
        (corpus.participants_at(i).into_iter()).any(|name| names.contains(&name_key(name)))
    })
}

/// Positions of the summits a person attended (folded full-name match), from the
/// catalog's rows ([`Corpus::participants_at`]) on every core.
#[must_use]
pub fn attended(corpus: &Corpus, name: &str) -> Vec<usize> {
    let wanted = name_key(name);
    (0..corpus.len())
        .into_par_iter()
        .filter(|&i| (corpus.participants_at(i).into_iter()).any(|name| name_key(name) == wanted))
        .collect()
}

/// A timeline entry as a line and detail lines, as the command line prints it. Date and
/// place come first and the briefing's id next, so a long summary cut at the screen's edge
/// never takes the place with it.
#[must_use]
pub fn timeline_text(entry: &TimelineEntry) -> (String, Vec<String>) {
    let line = format!(
        "{}  {} · {} — {}",
        entry.date,
        entry.place,
        briefing_label(entry),
        entry.title
    );
    (line, timeline_detail(entry))
}

/// A timeline entry as the reader's list shows it: what identifies it first (the date, then
/// the briefing's id), then the free text (place, title), so a row cut at a narrow list's
/// edge loses the place and title, never the id a reader jumps by. In the command line's
/// order the id was cut at 80 columns.
#[must_use]
pub fn timeline_row(entry: &TimelineEntry) -> (String, Vec<String>) {
    let line = format!(
        "{}  {} · {} — {}",
        entry.date,
        briefing_label(entry),
        entry.place,
        entry.title
    );
    (line, timeline_detail(entry))
}

/// The briefing an entry opens, as its line names it.
fn briefing_label(entry: &TimelineEntry) -> String {
    entry
        .summit
        .as_deref()
        .map_or_else(|| "no briefing".to_owned(), |id| format!("[{id}]"))
}

/// Who was at a timeline entry, and which briefings list it as a prior meeting.
fn timeline_detail(entry: &TimelineEntry) -> Vec<String> {
    let mut detail = Vec::new();
    if !entry.participants.is_empty() {
        detail.push(format!("with {}", entry.participants.join(", ")));
    }
    if !entry.mentioned_in.is_empty() {
        detail.push(format!(
            "listed as a prior meeting in {}",
            entry.mentioned_in.join(", ")
        ));
    }
    detail
}

/// A step of a disagreement's history as a line and detail lines: the summary, then one
/// line per party's position (or a note that the briefing records none).
#[must_use]
pub fn track_text(step: &TrackStep) -> (String, Vec<String>) {
    let line = format!(
        "{}  {:<8}  {} — {}",
        step.date,
        step.status.as_str(),
        step.summit,
        step.topic
    );
    let mut detail: Vec<String> = step.summary.iter().cloned().collect();
    if step.positions.is_empty() {
        detail.push("no positions recorded".to_owned());
    }
    detail.extend(
        step.positions
            .iter()
            .map(|p| format!("{}: {}", p.party, p.position)),
    );
    (line, detail)
}

/// One disagreement's line of a comparison: `narrowed  Topic (open → narrowed)`.
fn change_line(c: &DisagreementChange) -> String {
    let status = |s: Option<DisagreementStatus>| s.map_or("-", DisagreementStatus::as_str);
    let movement = match (c.status_before, c.status_after) {
        (Some(before), Some(after)) if before != after => {
            format!("{} → {}", before.as_str(), after.as_str())
        }
        (None, after) => format!("now {}", status(after)),
        (before, None) => format!("was {}", status(before)),
        (_, after) => format!("still {}", status(after)),
    };
    let id =
        c.id.as_deref()
            .map(|id| format!(" [{id}]"))
            .unwrap_or_default();
    let mut line = format!("{:<10} {}{id} ({movement})", c.change.as_str(), c.topic);
    if let Some(before) = &c.topic_before {
        line.push_str(&format!("; was worded \"{before}\""));
    }
    line
}

/// A summit comparison as lines of text.
#[must_use]
pub fn diff_text(diff: &SummitDiff) -> Vec<String> {
    let mut lines = vec![format!("What changed from {} to {}", diff.from, diff.to)];
    let mut section = |title: &str, items: Vec<String>| {
        lines.push(String::new());
        lines.push(title.to_owned());
        lines.extend(list_or_none(&items));
    };
    section("Participants joined", diff.participants_joined.clone());
    section("Participants left", diff.participants_left.clone());
    section(
        "Disagreements",
        diff.disagreements.iter().map(change_line).collect(),
    );
    section(
        "Goals added",
        diff.goals_added.iter().map(GoalEntry::label).collect(),
    );
    section(
        "Goals dropped",
        diff.goals_dropped.iter().map(GoalEntry::label).collect(),
    );
    section(
        "Text reworded",
        diff.text_reworded.iter().map(TextChange::line).collect(),
    );
    lines
}

fn list_or_none(items: &[String]) -> Vec<String> {
    if items.is_empty() {
        return vec!["  none".to_owned()];
    }
    items.iter().map(|item| format!("  {item}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let a = r#"
[summit]
title = "A"
date = 2020-01-01
location = "Old Town, Alpha"
[[participants]]
name = "Sauli Niinistö"
[[goals]]
party = "N"
goal = "Truce"
[[disagreements]]
id = "border"
topic = "Border"
status = "open"
[[disagreements]]
id = "fish"
topic = "Fishing"
"#;
        let b = r#"
[summit]
title = "B"
date = 2021-01-01
location = "Beta"
[[participants]]
name = "sauli niinisto"
[[prior_meetings]]
date = 2020-01-01
place = "Alpha"
summary = "The first. More text."
[[prior_meetings]]
date = 2019-05-05
place = "Gamma"
summary = "An earlier talk. With details."
[[goals]]
party = "N"
goal = "Trade"
[[disagreements]]
id = "border"
topic = "Border"
status = "narrowed"
[[disagreements]]
id = "water"
topic = "Water"
"#;
        Corpus::from_sources([("a.toml", a), ("b.toml", b)])
    }

    #[test]
    fn names_fold_case_and_accents() {
        assert_eq!(name_key("  Sauli   NIINISTÖ "), "sauli niinisto");
        // Letters whose accent does not decompose fold too, as search folds them.
        assert_eq!(name_key("Jonas Gahr Støre"), "jonas gahr store");
        assert!(name_matches("Łukasz Kowalski", &name_key("lukasz")));
    }

    #[test]
    fn timeline_merges_a_meeting_at_the_same_date_and_place() {
        let entries = timeline(&corpus());
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, vec!["An earlier talk.", "A", "B"]);
        assert_eq!(entries[1].mentioned_in, vec!["b"]);
        assert_eq!(entries[0].summit, None);
    }

    /// The timeline as it was first written, every meeting scanning every entry: what the
    /// looked-up [`timeline_of`] must agree with.
    fn timeline_by_scanning(briefings: &[&Briefing]) -> Vec<TimelineEntry> {
        let mut entries: Vec<TimelineEntry> = briefings
            .iter()
            .map(|b| TimelineEntry {
                date: b.summit.date,
                place: b.summit.location.clone(),
                title: b.summit.title.clone(),
                summit: Some(b.id().to_owned()),
                mentioned_in: Vec::new(),
                participants: b.participants.iter().map(|p| p.name.clone()).collect(),
            })
            .collect();
        for briefing in briefings {
            for meeting in &briefing.prior_meetings {
                let linked = (meeting.summit.as_deref())
                    .and_then(|id| entries.iter().position(|e| e.summit.as_deref() == Some(id)));
                let same = linked.or_else(|| {
                    entries.iter().position(|e| {
                        e.date == meeting.date
                            && same_place(&name_key(&e.place), &name_key(&meeting.place))
                    })
                });
                let mention = briefing.id().to_owned();
                match same {
                    Some(index) => {
                        if !entries[index].mentioned_in.contains(&mention) {
                            entries[index].mentioned_in.push(mention);
                        }
                    }
                    None => entries.push(TimelineEntry {
                        date: meeting.date,
                        place: meeting.place.clone(),
                        title: first_sentence(&meeting.summary),
                        summit: None,
                        mentioned_in: vec![mention],
                        participants: Vec::new(),
                    }),
                }
            }
        }
        entries.sort_by(|a, b| (a.date, &a.summit).cmp(&(b.date, &b.summit)));
        entries
    }

    proptest::proptest! {
        /// Briefings on a few dates and places (some naming others, some only in case or
        /// accents apart), whose meetings link to summits there are, summits there are
        /// not, or nothing: the same timeline as every meeting scanning every entry.
        #[test]
        fn the_looked_up_timeline_is_the_scanned_one(
            summits in proptest::collection::vec(
                (
                    0..4u8,
                    0..5usize,
                    proptest::collection::vec((0..4u8, 0..5usize, proptest::option::of(0..8usize)), 0..4),
                ),
                1..8,
            ),
        ) {
            const PLACES: [&str; 5] =
                ["Helsinki", "Presidential Palace, Helsinki", "HELSÍNKI", "Geneva", ""];
            let texts: Vec<String> = (summits.iter().enumerate())
                .map(|(i, (day, place, meetings))| {
                    let mut text = format!(
                        "[summit]\nid = \"s{i}\"\ntitle = \"T{i}\"\ndate = 2020-01-0{}\nlocation = \"{}\"\n",
                        day + 1,
                        PLACES[*place]
                    );
                    for (day, place, link) in meetings {
                        text += &format!(
                            "[[prior_meetings]]\ndate = 2020-01-0{}\nplace = \"{}\"\nsummary = \"Met {i}. Again.\"\n",
                            day + 1,
                            PLACES[*place]
                        );
                        if let Some(link) = link {
                            text += &format!("summit = \"s{link}\"\n");
                        }
                    }
                    text
                })
                .collect();
            let names: Vec<String> = (0..texts.len()).map(|i| format!("s{i}.toml")).collect();
            let corpus = Corpus::from_sources(
                names.iter().map(String::as_str).zip(texts.iter().map(String::as_str)),
            );
            let briefings: Vec<&Briefing> = corpus.briefings().iter().collect();
            let scanned = timeline_by_scanning(&briefings);
            proptest::prop_assert_eq!(&timeline_of(&briefings), &scanned);
            proptest::prop_assert_eq!(&timeline(&corpus), &scanned);
        }
    }

    #[test]
    fn participant_filter_ignores_case_and_accents() {
        let entries = with_participant(timeline(&corpus()), "NIINISTO");
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn track_follows_an_id_in_date_order() {
        let steps = track(&corpus(), "border");
        let statuses: Vec<_> = steps
            .iter()
            .map(|s| (s.summit.as_str(), s.status))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("a", DisagreementStatus::Open),
                ("b", DisagreementStatus::Narrowed)
            ]
        );
    }

    #[test]
    fn diff_classifies_each_disagreement_and_goal() {
        let corpus = corpus();
        let [a, b] = corpus.briefings().iter().collect::<Vec<_>>()[..] else {
            panic!("two briefings")
        };
        let d = diff(a, b);
        let changes: Vec<(Change, &str)> = d
            .disagreements
            .iter()
            .map(|c| (c.change, c.topic.as_str()))
            .collect();
        assert_eq!(
            changes,
            vec![
                (Change::Narrowed, "Border"),
                (Change::New, "Water"),
                (Change::Dropped, "Fishing")
            ]
        );
        let labels = |goals: &[GoalEntry]| goals.iter().map(GoalEntry::label).collect::<Vec<_>>();
        assert_eq!(labels(&d.goals_added), vec!["N: Trade"]);
        assert_eq!(labels(&d.goals_dropped), vec!["N: Truce"]);
    }

    #[test]
    fn previous_summit_shares_a_participant() {
        let corpus = corpus();
        assert_eq!(previous_with_shared_participant(&corpus, 1), Some(0));
        assert_eq!(previous_with_shared_participant(&corpus, 0), None);
        assert_eq!(attended(&corpus, "Sauli Niinisto"), vec![0, 1]);
    }

    fn pair(before: &str, after: &str) -> SummitDiff {
        let head = |title: &str, date: &str| {
            format!("[summit]\ntitle = \"{title}\"\ndate = {date}\nlocation = \"L\"\n")
        };
        let a = head("A", "2020-01-01") + before;
        let b = head("B", "2021-01-01") + after;
        let corpus = Corpus::from_sources([("a.toml", a.as_str()), ("b.toml", b.as_str())]);
        let [a, b] = corpus.briefings().iter().collect::<Vec<_>>()[..] else {
            panic!("two briefings: {:?}", corpus.diagnostics())
        };
        diff(a, b)
    }

    #[test]
    fn diff_reports_who_joined_and_left_ignoring_case_and_accents() {
        let d = pair(
            "[[participants]]\nname = \"Sauli Niinistö\"\n[[participants]]\nname = \"Old Hand\"\n",
            "[[participants]]\nname = \"sauli niinisto\"\n[[participants]]\nname = \"New Face\"\n",
        );
        assert_eq!(d.participants_joined, vec!["New Face"]);
        assert_eq!(d.participants_left, vec!["Old Hand"]);
    }

    #[test]
    fn a_reworded_topic_is_not_unchanged_and_keeps_both_wordings() {
        let d = pair(
            "[[disagreements]]\nid = \"x\"\ntopic = \"The old words\"\n[[disagreements]]\nid = \"y\"\ntopic = \"Same\"\n[[disagreements]]\nid = \"z\"\ntopic = \"Moved\"\nstatus = \"narrowed\"\n",
            "[[disagreements]]\nid = \"x\"\ntopic = \"The new words\"\n[[disagreements]]\nid = \"y\"\ntopic = \"same\"\n[[disagreements]]\nid = \"z\"\ntopic = \"Moved again\"\nstatus = \"open\"\n",
        );
        let x = &d.disagreements[0];
        assert_eq!(x.change, Change::Reworded);
        assert_eq!(x.topic_before.as_deref(), Some("The old words"));
        assert_eq!(d.disagreements[1].change, Change::Unchanged);
        assert_eq!(d.disagreements[1].topic_before, None);
        let z = &d.disagreements[2];
        assert_eq!(z.change, Change::Reopened);
        assert_eq!(z.topic_before.as_deref(), Some("Moved"));
        let text = diff_text(&d).join("\n");
        assert!(
            text.contains(
                "reworded   The new words [x] (still open); was worded \"The old words\""
            ),
            "{text}"
        );
        assert!(
            text.contains("reopened   Moved again [z] (narrowed → open)"),
            "{text}"
        );
    }

    #[test]
    fn reworded_texts_of_items_both_summits_list_are_reported_reflowing_is_not() {
        let d = pair(
            "[[participants]]\nname = \"Ann Lee\"\nrole = \"Envoy\"\n[[participants]]\nname = \"Bo Kay\"\nrole = \"Aide\"\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Oslo\"\nsummary = \"Talks about   talks.\"\n[[disagreements]]\nid = \"x\"\ntopic = \"X\"\nsummary = \"Old view.\"\npositions = [{ party = \"N\", position = \"Yes\" }, { party = \"S\", position = \"No\" }]\n",
            "[[participants]]\nname = \"ann lee\"\nrole = \"Minister\"\n[[participants]]\nname = \"Bo Kay\"\nrole = \"Aide\"\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"oslo\"\nsummary = \"Talks about\\ntalks.\"\n[[disagreements]]\nid = \"x\"\ntopic = \"X\"\nsummary = \"New view.\"\npositions = [{ party = \"N\", position = \"Maybe\" }]\n",
        );
        let lines: Vec<String> = d.text_reworded.iter().map(TextChange::line).collect();
        assert_eq!(
            lines,
            vec![
                "ann lee role: now \"Minister\"; was \"Envoy\"",
                "disagreement x position of N: now \"Maybe\"; was \"Yes\"",
                "disagreement x position of S: now none; was \"No\"",
            ]
        );
        // Two different summits narrate differently by nature: their own summaries, a
        // participant's notes and a disagreement's summary there are not compared.
        assert!(d.text_reworded.iter().all(|c| c.item != "summit"));
        assert!(d.text_reworded.iter().all(|c| c.field != "summary"));
        let text = diff_text(&d).join("\n");
        assert!(
            text.ends_with("Text reworded\n  ann lee role: now \"Minister\"; was \"Envoy\"\n  disagreement x position of N: now \"Maybe\"; was \"Yes\"\n  disagreement x position of S: now none; was \"No\""),
            "{text}"
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json["text_reworded"][0],
            serde_json::json!({"item": "ann lee", "field": "role", "before": "Envoy", "after": "Minister"})
        );
    }

    #[test]
    fn a_summit_compared_with_itself_reports_its_summary_reworded_and_cut_to_a_line() {
        let head = "[summit]\ntitle = \"A\"\ndate = 2020-01-01\nlocation = \"L\"\n";
        let long = "word ".repeat(30);
        let before = format!("{head}summary = \"Short.\"\n");
        let after = format!("{head}summary = \"{long}\"\n");
        let read = Corpus::from_sources([("a.toml", before.as_str())]);
        let now = Corpus::from_sources([("a.toml", after.as_str())]);
        let d = diff(&read.briefings()[0], &now.briefings()[0]);
        let [change] = d.text_reworded.as_slice() else {
            panic!("one change: {:?}", d.text_reworded)
        };
        // Within one summit its narrating texts count: a participant's notes, a
        // disagreement's summary.
        let people = |notes: &str, summary: &str| {
            format!(
                "{head}[[participants]]\nname = \"Ann\"\nnotes = \"{notes}\"\n[[disagreements]]\nid = \"x\"\ntopic = \"X\"\nsummary = \"{summary}\"\n"
            )
        };
        let (read_people, now_people) = (people("Old.", "Was."), people("New.", "Is."));
        let read_people = Corpus::from_sources([("a.toml", read_people.as_str())]);
        let now_people = Corpus::from_sources([("a.toml", now_people.as_str())]);
        let lines: Vec<String> = diff(&read_people.briefings()[0], &now_people.briefings()[0])
            .text_reworded
            .iter()
            .map(TextChange::line)
            .collect();
        assert_eq!(
            lines,
            [
                "Ann notes: now \"New.\"; was \"Old.\"",
                "disagreement x summary: now \"Is.\"; was \"Was.\""
            ]
        );
        assert_eq!(
            (change.item.as_str(), change.field.as_str()),
            ("summit", "summary")
        );
        assert_eq!(change.after.as_deref(), Some(long.as_str()));
        let cut = reworded::QUOTE_CHARS - 1;
        let shown = format!("summit summary: now \"{}…\"; was \"Short.\"", &long[..cut]);
        assert_eq!(change.line(), shown);
        let same = diff(&read.briefings()[0], &read.briefings()[0]);
        assert!(same.text_reworded.is_empty());
        assert!(diff_text(&same).ends_with(&["Text reworded".to_owned(), "  none".to_owned()]));
    }

    #[test]
    fn diff_json_carries_ids_statuses_and_goal_objects_in_the_texts_words() {
        let d = pair(
            "[[goals]]\nparty = \"N\"\ngoal = \"Truce\"\n[[disagreements]]\nid = \"gone\"\ntopic = \"Gone\"\n",
            "[[goals]]\nparty = \"N\"\ngoal = \"Trade\"\n[[disagreements]]\nid = \"fresh\"\ntopic = \"Fresh\"\n",
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json["disagreements"][0],
            serde_json::json!({"id": "fresh", "change": "new", "topic": "Fresh",
                "topic_before": null, "status_before": null, "status_after": "open"})
        );
        assert_eq!(json["disagreements"][1]["change"], "dropped");
        assert_eq!(json["disagreements"][1]["status_before"], "open");
        assert_eq!(
            json["goals_added"],
            serde_json::json!([{"party": "N", "goal": "Trade"}])
        );
        assert_eq!(json["goals_dropped"][0]["goal"], "Truce");
        let text = diff_text(&d).join("\n");
        assert!(text.contains("dropped    Gone [gone] (was open)"), "{text}");
        assert!(
            text.contains("new        Fresh [fresh] (now open)"),
            "{text}"
        );
    }

    #[test]
    fn track_text_shows_the_summary_and_every_position() {
        let corpus = Corpus::from_sources([(
            "a.toml",
            "[summit]\ntitle = \"A\"\ndate = 2020-01-01\nlocation = \"L\"\n[[disagreements]]\nid = \"inf\"\ntopic = \"The INF Treaty\"\nsummary = \"Both accuse the other.\"\npositions = [{ party = \"US\", position = \"Leave\" }, { party = \"Russia\", position = \"Stay\" }]\n",
        )]);
        let steps = track(&corpus, "inf");
        let (line, detail) = track_text(&steps[0]);
        assert_eq!(line, "2020-01-01  open      a — The INF Treaty");
        assert_eq!(
            detail,
            vec!["Both accuse the other.", "US: Leave", "Russia: Stay"]
        );
    }
}
