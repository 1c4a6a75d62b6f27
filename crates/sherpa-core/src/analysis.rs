//! Views across the corpus: the timeline of every meeting, a disagreement followed from
//! summit to summit, what changed between two summits, and who attended what.
//!
//! Pure functions over a [`Corpus`]; the reader and the command line both show their results.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::corpus::Corpus;
use crate::model::{Briefing, Date, DisagreementStatus, Position};

/// A name folded for matching: lowercase, accents removed, spaces collapsed, so
/// "Sauli Niinistö" and "sauli niinisto" are the same person.
#[must_use]
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
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
    let mut entries: Vec<TimelineEntry> = corpus
        .briefings()
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
    for briefing in corpus.briefings() {
        for meeting in &briefing.prior_meetings {
            let linked = meeting
                .summit
                .as_deref()
                .and_then(|id| entries.iter().position(|e| e.summit.as_deref() == Some(id)));
            let same = linked.or_else(|| {
                entries
                    .iter()
                    .position(|e| e.date == meeting.date && same_place(&e.place, &meeting.place))
            });
            let mention = briefing.id().to_owned();
            match same {
                Some(index) => {
                    let entry = &mut entries[index];
                    if !entry.mentioned_in.contains(&mention) {
                        entry.mentioned_in.push(mention);
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

/// Places match when one names the other ("Helsinki" and "Presidential Palace, Helsinki").
fn same_place(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

/// Keeps the timeline entries a participant attended (matched by folded name, in part).
#[must_use]
pub fn with_participant(entries: Vec<TimelineEntry>, name: &str) -> Vec<TimelineEntry> {
    let wanted = name_key(name);
    entries
        .into_iter()
        .filter(|e| e.participants.iter().any(|p| name_key(p).contains(&wanted)))
        .collect()
}

/// One summit's view of a tracked disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackStep {
    pub summit: String,
    pub date: Date,
    pub title: String,
    pub topic: String,
    pub status: DisagreementStatus,
    pub positions: Vec<Position>,
}

/// Every summit that discusses the disagreement with this id, in date order.
#[must_use]
pub fn track(corpus: &Corpus, disagreement_id: &str) -> Vec<TrackStep> {
    corpus
        .briefings()
        .iter()
        .filter_map(|b| {
            let d = b
                .disagreements
                .iter()
                .find(|d| d.id.as_deref() == Some(disagreement_id))?;
            Some(TrackStep {
                summit: b.id().to_owned(),
                date: b.summit.date,
                title: b.summit.title.clone(),
                topic: d.topic.clone(),
                status: d.status,
                positions: d.positions.clone(),
            })
        })
        .collect()
}

/// Every disagreement id used in the corpus, sorted, for completion and hints.
#[must_use]
pub fn disagreement_ids(corpus: &Corpus) -> Vec<String> {
    let mut ids: Vec<String> = corpus
        .briefings()
        .iter()
        .flat_map(|b| b.disagreements.iter().filter_map(|d| d.id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// How a disagreement moved from one summit to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    New,
    Resolved,
    Narrowed,
    Reopened,
    Unchanged,
    /// Listed at the earlier summit, not at the later one.
    Dropped,
}

impl Change {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Resolved => "resolved",
            Self::Narrowed => "narrowed",
            Self::Reopened => "reopened",
            Self::Unchanged => "unchanged",
            Self::Dropped => "no longer listed",
        }
    }
}

/// What changed between two summits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummitDiff {
    pub from: String,
    pub to: String,
    /// (change, topic, status at the later summit or the earlier one if dropped)
    pub disagreements: Vec<(Change, String, DisagreementStatus)>,
    pub goals_added: Vec<String>,
    pub goals_dropped: Vec<String>,
}

/// A disagreement's key across summits: its id, else its folded topic.
fn disagreement_key(d: &crate::model::Disagreement) -> String {
    d.id.clone().unwrap_or_else(|| name_key(&d.topic))
}

fn goal_label(g: &crate::model::Goal) -> String {
    format!("{}: {}", g.party, g.goal)
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
        let change = match before.map(|p| p.status) {
            None => Change::New,
            Some(old) if old == d.status => Change::Unchanged,
            Some(_) if d.status == DisagreementStatus::Resolved => Change::Resolved,
            Some(DisagreementStatus::Open) => Change::Narrowed,
            Some(_) => Change::Reopened,
        };
        disagreements.push((change, d.topic.clone(), d.status));
    }
    for d in &from.disagreements {
        let key = disagreement_key(d);
        if !to.disagreements.iter().any(|n| disagreement_key(n) == key) {
            disagreements.push((Change::Dropped, d.topic.clone(), d.status));
        }
    }
    let from_goals: Vec<String> = from.goals.iter().map(goal_label).collect();
    let to_goals: Vec<String> = to.goals.iter().map(goal_label).collect();
    let folded = |goals: &[String]| goals.iter().map(|g| name_key(g)).collect::<Vec<_>>();
    let (from_keys, to_keys) = (folded(&from_goals), folded(&to_goals));
    SummitDiff {
        from: from.id().to_owned(),
        to: to.id().to_owned(),
        disagreements,
        goals_added: to_goals
            .iter()
            .zip(&to_keys)
            .filter(|(_, k)| !from_keys.contains(k))
            .map(|(g, _)| g.clone())
            .collect(),
        goals_dropped: from_goals
            .iter()
            .zip(&from_keys)
            .filter(|(_, k)| !to_keys.contains(k))
            .map(|(g, _)| g.clone())
            .collect(),
    }
}

/// The latest summit before `position` that shares a participant with it.
#[must_use]
pub fn previous_with_shared_participant(corpus: &Corpus, position: usize) -> Option<usize> {
    let current = corpus.briefings().get(position)?;
    let names: Vec<String> = current
        .participants
        .iter()
        .map(|p| name_key(&p.name))
        .collect();
    (0..position).rev().find(|&i| {
        corpus.briefings()[i]
            .participants
            .iter()
            .any(|p| names.contains(&name_key(&p.name)))
    })
}

/// Positions of the summits a person attended (folded full-name match).
#[must_use]
pub fn attended(corpus: &Corpus, name: &str) -> Vec<usize> {
    let wanted = name_key(name);
    corpus
        .briefings()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.participants.iter().any(|p| name_key(&p.name) == wanted))
        .map(|(i, _)| i)
        .collect()
}

/// A timeline entry as a line and detail lines, for the reader's list and the command line.
/// Date and place come first and the briefing's id next, so a long summary cut at the
/// screen's edge never takes the place with it.
#[must_use]
pub fn timeline_text(entry: &TimelineEntry) -> (String, Vec<String>) {
    let briefing = entry
        .summit
        .as_deref()
        .map_or_else(|| "no briefing".to_owned(), |id| format!("[{id}]"));
    let line = format!(
        "{}  {} · {briefing} — {}",
        entry.date, entry.place, entry.title
    );
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
    (line, detail)
}

/// A step of a disagreement's history as a line and one detail line per position.
#[must_use]
pub fn track_text(step: &TrackStep) -> (String, Vec<String>) {
    let line = format!(
        "{}  {}  {} — {}",
        step.date,
        step.status.as_str(),
        step.summit,
        step.topic
    );
    let detail = step
        .positions
        .iter()
        .map(|p| format!("{}: {}", p.party, p.position))
        .collect();
    (line, detail)
}

/// A summit comparison as lines of text.
#[must_use]
pub fn diff_text(diff: &SummitDiff) -> Vec<String> {
    let mut lines = vec![
        format!("What changed from {} to {}", diff.from, diff.to),
        String::new(),
    ];
    lines.push("Disagreements".to_owned());
    if diff.disagreements.is_empty() {
        lines.push("  none listed at either summit".to_owned());
    }
    for (change, topic, status) in &diff.disagreements {
        let when = if *change == Change::Dropped {
            "was"
        } else {
            "now"
        };
        lines.push(format!(
            "  {:<16} {topic} ({when} {})",
            change.as_str(),
            status.as_str()
        ));
    }
    lines.push(String::new());
    lines.push("Goals added".to_owned());
    lines.extend(list_or_none(&diff.goals_added));
    lines.push(String::new());
    lines.push("Goals dropped".to_owned());
    lines.extend(list_or_none(&diff.goals_dropped));
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
    }

    #[test]
    fn timeline_merges_a_meeting_at_the_same_date_and_place() {
        let entries = timeline(&corpus());
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, vec!["An earlier talk.", "A", "B"]);
        assert_eq!(entries[1].mentioned_in, vec!["b"]);
        assert_eq!(entries[0].summit, None);
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
        let [a, b] = corpus.briefings() else {
            panic!("two briefings")
        };
        let d = diff(a, b);
        let changes: Vec<(Change, &str)> = d
            .disagreements
            .iter()
            .map(|(c, t, _)| (*c, t.as_str()))
            .collect();
        assert_eq!(
            changes,
            vec![
                (Change::Narrowed, "Border"),
                (Change::New, "Water"),
                (Change::Dropped, "Fishing")
            ]
        );
        assert_eq!(d.goals_added, vec!["N: Trade"]);
        assert_eq!(d.goals_dropped, vec!["N: Truce"]);
    }

    #[test]
    fn previous_summit_shares_a_participant() {
        let corpus = corpus();
        assert_eq!(previous_with_shared_participant(&corpus, 1), Some(0));
        assert_eq!(previous_with_shared_participant(&corpus, 0), None);
        assert_eq!(attended(&corpus, "Sauli Niinisto"), vec![0, 1]);
    }
}
