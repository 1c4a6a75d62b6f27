//! The JSON that commands write for scripts, as types: one vocabulary across commands (a
//! summit's id is always `summit`, a place always `place`, an item always carries its
//! `key`), a `version` first in every document, and a JSON Schema per output generated
//! from these types into `schema/`, so the documented shape is the written one.
//!
//! The analyses' own types serve the reader and the text output; these are the stable
//! face scripts see, built from them.

use schemars::JsonSchema;
use serde::Serialize;

use sherpa_core::analysis::{
    self, Board, Change, DisagreementChange, GoalEntry, SummitDiff, TimelineEntry, TrackStep,
};
use sherpa_core::corpus::{Catalog, Corpus, FoundSummit};
use sherpa_core::export::{BriefingExport, JSON_VERSION, PaneExport};
use sherpa_core::item_key::pane_keys;
use sherpa_core::model::{Briefing, Date, DisagreementStatus, Position, SummitStatus};
use sherpa_core::pane::Pane;
use sherpa_core::search::{Passage, char_range};
use sherpa_core::store::ChangedSummit;

/// The key of the item at `index` of a pane of `briefing`, as scripts see it.
fn key_at(briefing: &Briefing, pane: Pane, index: usize) -> Option<String> {
    pane_keys(briefing, pane)
        .get(index)
        .map(ToString::to_string)
}

/// `sherpa list --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa list --json")]
pub(super) struct ListJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    /// Every summit, in date order.
    summits: Vec<ListedSummit<'a>>,
}

/// A summit as `list` shows it.
#[derive(Serialize, JsonSchema)]
struct ListedSummit<'a> {
    /// The summit's id.
    summit: &'a str,
    date: Date,
    place: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<SummitStatus>,
    tags: &'a [String],
    /// The file the briefing was read from (absent for the bundled briefings).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

impl<'a> ListJson<'a> {
    pub(super) fn of(catalog: &'a Catalog) -> Self {
        let summits = catalog
            .listed()
            .iter()
            .map(|listed| ListedSummit {
                summit: listed.id(),
                date: listed.date(),
                place: listed.location(),
                title: listed.title(),
                status: listed.status(),
                tags: listed.tags(),
                path: Some(listed.path()),
            })
            .collect();
        Self {
            version: JSON_VERSION,
            summits,
        }
    }
}

/// `sherpa search QUERY --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa search --json")]
pub(super) struct SearchJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    /// The query as typed (trimmed).
    query: &'a str,
    /// Summits whose title, place and tags hold every word, in date order.
    summits: Vec<SummitMatch<'a>>,
    /// Items that hold every word, in reading order.
    passages: Vec<PassageJson<'a>>,
}

/// Where a match is in a text that the output also holds: `start..end` counts characters
/// (Unicode scalar values) of `text`, not bytes.
#[derive(Serialize, JsonSchema)]
struct Match<'a> {
    /// The whole text the match is in.
    text: &'a str,
    /// The first match's first character in `text`.
    start: usize,
    /// Just past the first match's last character in `text`.
    end: usize,
}

impl<'a> Match<'a> {
    fn of(text: &'a str, bytes: &std::ops::Range<usize>) -> Self {
        let chars = char_range(text, bytes);
        Self {
            text,
            start: chars.start,
            end: chars.end,
        }
    }
}

/// A summit found by its header.
#[derive(Serialize, JsonSchema)]
struct SummitMatch<'a> {
    /// The summit's id.
    summit: &'a str,
    date: Date,
    title: &'a str,
    /// Which part of the header holds the first match: `title`, `place` or `tag`.
    field: &'static str,
    #[serde(flatten)]
    found: Match<'a>,
}

/// An item found by its text.
#[derive(Serialize, JsonSchema)]
struct PassageJson<'a> {
    /// The summit's id.
    summit: &'a str,
    date: Date,
    /// The item's stable key.
    key: String,
    pane: &'static str,
    /// The item's heading; a summary paragraph is called by its number.
    heading: &'a str,
    /// Which part of the item holds the first match: `heading` or `field`.
    field: &'static str,
    /// The index of the field in the item; absent for the heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    field_index: Option<usize>,
    /// A short stretch of `text` around the first match, on one line, for showing.
    snippet: &'a str,
    #[serde(flatten)]
    found: Match<'a>,
}

impl<'a> SearchJson<'a> {
    pub(super) fn of(query: &'a str, summits: &'a [FoundSummit], passages: &'a [Passage]) -> Self {
        let summits = summits
            .iter()
            .map(|found| {
                let hit = found.hit();
                SummitMatch {
                    summit: found.id(),
                    date: found.date(),
                    title: found.title(),
                    field: hit.field.name(),
                    found: Match::of(&hit.text, &hit.range),
                }
            })
            .collect();
        let passages = passages
            .iter()
            .map(|passage| PassageJson {
                summit: &passage.id,
                date: passage.date,
                key: passage.key.to_string(),
                pane: passage.place.pane.name(),
                heading: &passage.heading,
                field: passage.part.name(),
                field_index: passage.part.field_index(),
                snippet: &passage.snippet,
                found: Match::of(&passage.text, &passage.range),
            })
            .collect();
        Self {
            version: JSON_VERSION,
            query,
            summits,
            passages,
        }
    }
}

/// `sherpa timeline --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa timeline --json")]
pub(super) struct TimelineJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    /// Every meeting, in date order.
    meetings: Vec<MeetingJson<'a>>,
}

/// A meeting: a summit with a briefing (`summit` and `title`), or a prior meeting that no
/// briefing covers (`key` and `summary`).
#[derive(Serialize, JsonSchema)]
struct MeetingJson<'a> {
    date: Date,
    place: &'a str,
    /// The id of the briefing that covers the meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    summit: Option<&'a str>,
    /// The summit's title, for a meeting with a briefing.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    /// For a meeting without a briefing: the key of the prior meeting that first lists it.
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    /// For a meeting without a briefing: the first sentence of its summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    /// The ids of the briefings that list this meeting among their prior meetings.
    mentioned_in: &'a [String],
    /// Who was there, as far as the corpus knows.
    participants: &'a [String],
}

impl<'a> TimelineJson<'a> {
    pub(super) fn of(corpus: &Corpus, entries: &'a [TimelineEntry]) -> Self {
        let meetings = entries
            .iter()
            .map(|entry| {
                let covered = entry.summit.is_some();
                MeetingJson {
                    date: entry.date,
                    place: &entry.place,
                    summit: entry.summit.as_deref(),
                    title: covered.then_some(entry.title.as_str()),
                    key: if covered {
                        None
                    } else {
                        prior_meeting_key(corpus, entry)
                    },
                    summary: (!covered).then_some(entry.title.as_str()),
                    mentioned_in: &entry.mentioned_in,
                    participants: &entry.participants,
                }
            })
            .collect();
        Self {
            version: JSON_VERSION,
            meetings,
        }
    }
}

/// The key of the prior meeting a timeline entry without a briefing was made from: the
/// first briefing listing it holds it with the entry's date and place.
fn prior_meeting_key(corpus: &Corpus, entry: &TimelineEntry) -> Option<String> {
    let briefing = corpus.get(entry.mentioned_in.first()?)?;
    let index = (briefing.prior_meetings.iter())
        .position(|meeting| meeting.date == entry.date && meeting.place == entry.place)?;
    key_at(briefing, Pane::Meetings, index)
}

/// `sherpa track ID --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa track --json")]
pub(super) struct TrackJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    /// The disagreement's tracking id.
    disagreement: &'a str,
    /// Every summit that discusses it, in date order.
    steps: Vec<TrackStepJson<'a>>,
}

/// What one summit's briefing says about the disagreement.
#[derive(Serialize, JsonSchema)]
struct TrackStepJson<'a> {
    /// The summit's id.
    summit: &'a str,
    date: Date,
    title: &'a str,
    /// The disagreement's key in that briefing.
    key: Option<String>,
    topic: &'a str,
    status: DisagreementStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    positions: &'a [Position],
}

impl<'a> TrackJson<'a> {
    pub(super) fn of(corpus: &Corpus, disagreement: &'a str, steps: &'a [TrackStep]) -> Self {
        let steps = steps
            .iter()
            .map(|step| TrackStepJson {
                summit: &step.summit,
                date: step.date,
                title: &step.title,
                key: disagreement_key(corpus, &step.summit, |d| {
                    d.id.as_deref() == Some(disagreement)
                }),
                topic: &step.topic,
                status: step.status,
                summary: step.summary.as_deref(),
                positions: &step.positions,
            })
            .collect();
        Self {
            version: JSON_VERSION,
            disagreement,
            steps,
        }
    }
}

/// The key of the first disagreement of summit `summit` that `wanted` accepts.
fn disagreement_key(
    corpus: &Corpus,
    summit: &str,
    wanted: impl Fn(&sherpa_core::model::Disagreement) -> bool,
) -> Option<String> {
    let briefing = corpus.get(summit)?;
    let index = briefing.disagreements.iter().position(wanted)?;
    key_at(briefing, Pane::Disagreements, index)
}

/// `sherpa board --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa board --json")]
pub(super) struct BoardJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    /// Summits that discuss a tracked disagreement, in date order.
    columns: Vec<BoardColumnJson<'a>>,
    /// Tracked disagreements, by first appearance.
    rows: Vec<BoardRowJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct BoardColumnJson<'a> {
    /// The summit's id.
    summit: &'a str,
    title: &'a str,
    date: Date,
}

#[derive(Serialize, JsonSchema)]
struct BoardRowJson<'a> {
    /// The disagreement's tracking id.
    disagreement: &'a str,
    /// The topic as the latest summit words it.
    topic: &'a str,
    /// One cell per column; null where the summit does not discuss it.
    cells: Vec<Option<BoardCellJson>>,
}

#[derive(Serialize, JsonSchema)]
struct BoardCellJson {
    status: DisagreementStatus,
    /// The disagreement's key in the column's briefing.
    key: Option<String>,
}

impl<'a> BoardJson<'a> {
    pub(super) fn of(corpus: &Corpus, board: &'a Board) -> Self {
        let columns = (board.columns.iter())
            .map(|column| BoardColumnJson {
                summit: &column.summit,
                title: &column.title,
                date: column.date,
            })
            .collect();
        let rows = (board.rows.iter())
            .map(|row| BoardRowJson {
                disagreement: &row.id,
                topic: &row.topic,
                cells: (row.cells.iter().zip(&board.columns))
                    .map(|(cell, column)| {
                        cell.map(|cell| BoardCellJson {
                            status: cell.status,
                            key: (corpus.briefings().get(column.position)).and_then(|briefing| {
                                key_at(briefing, Pane::Disagreements, cell.disagreement)
                            }),
                        })
                    })
                    .collect(),
            })
            .collect();
        Self {
            version: JSON_VERSION,
            columns,
            rows,
        }
    }
}

/// `sherpa diff FROM TO --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa diff --json")]
pub(super) struct DiffJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    version: u32,
    #[serde(flatten)]
    differences: Differences<'a>,
}

impl<'a> DiffJson<'a> {
    pub(super) fn of(from: &'a Briefing, to: &'a Briefing, diff: &'a SummitDiff) -> Self {
        Self {
            version: JSON_VERSION,
            differences: Differences::of(from, to, diff),
        }
    }
}

/// `sherpa changed --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa changed --json")]
pub(super) struct ChangedJson<'a> {
    /// The version of this output's shape (see the README's JSON section).
    pub(super) version: u32,
    pub(super) summits: Vec<ChangedRow<'a>>,
}

/// A summit changed since you last read it.
#[derive(Serialize, JsonSchema)]
pub(super) struct ChangedRow<'a> {
    /// The summit's id.
    summit: &'a str,
    title: &'a str,
    /// When you last read it, in seconds since 1970.
    read_at: u64,
    /// The day you last read it, in words ("3 Dec 2026").
    read_day: &'a str,
    /// From the summit as you read it (`from`) to the summit now (`to`), as `diff` gives it.
    changes: Differences<'a>,
}

impl<'a> ChangedRow<'a> {
    pub(super) fn of(changed: &'a ChangedSummit, now: &'a Briefing) -> Self {
        Self {
            summit: &changed.id,
            title: &changed.title,
            read_at: changed.at,
            read_day: &changed.day,
            changes: Differences::of(&changed.read, now, &changed.diff),
        }
    }
}

/// What changed from one summit to another: `diff`'s and `changed`'s shared shape.
#[derive(Serialize, JsonSchema)]
struct Differences<'a> {
    from: SummitRef<'a>,
    to: SummitRef<'a>,
    /// Participants at the later summit, not at the earlier one.
    participants_joined: Vec<Named<'a>>,
    /// Participants at the earlier summit, not at the later one.
    participants_left: Vec<Named<'a>>,
    /// The later summit's disagreements in file order, then the dropped ones.
    disagreements: Vec<DisagreementChangeJson<'a>>,
    goals_added: Vec<GoalJson<'a>>,
    goals_dropped: Vec<GoalJson<'a>>,
    /// Texts of items both summits list whose words changed; texts that narrate one summit
    /// (its title and summary, a participant's notes, a disagreement's summary) only when
    /// both sides are the same summit (what changed since you read it).
    text_reworded: Vec<TextChangeJson<'a>>,
}

/// One passage reworded between the two sides.
#[derive(Serialize, JsonSchema)]
struct TextChangeJson<'a> {
    /// The item, in words: `summit`, a participant's name, `meeting <date> <place>`,
    /// `disagreement <id or topic>`.
    item: &'a str,
    /// Which of its texts: `title`, `summary`, `role`, `delegation`, `notes`, `outcome`,
    /// `position of <party>`.
    field: &'a str,
    /// The earlier wording; absent where the item had no such text.
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<&'a str>,
    /// The later wording; absent where the item has no such text now.
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
}

/// A summit named in another output.
#[derive(Serialize, JsonSchema)]
struct SummitRef<'a> {
    /// The summit's id.
    summit: &'a str,
    date: Date,
    title: &'a str,
}

impl<'a> SummitRef<'a> {
    fn of(briefing: &'a Briefing) -> Self {
        Self {
            summit: briefing.id(),
            date: briefing.summit.date,
            title: &briefing.summit.title,
        }
    }
}

/// A participant by name, with its key in the briefing that lists it.
#[derive(Serialize, JsonSchema)]
struct Named<'a> {
    name: &'a str,
    key: Option<String>,
}

#[derive(Serialize, JsonSchema)]
struct DisagreementChangeJson<'a> {
    /// The tracking id, when the briefings give one (untracked ones match by topic).
    #[serde(skip_serializing_if = "Option::is_none")]
    disagreement: Option<&'a str>,
    /// `new`, `resolved`, `narrowed`, `reopened`, `reworded`, `unchanged` or `dropped`.
    change: &'static str,
    /// The topic at the later summit, or at the earlier one when dropped.
    topic: &'a str,
    /// The earlier wording, when it differs from `topic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    topic_before: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_before: Option<DisagreementStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_after: Option<DisagreementStatus>,
    /// The disagreement's key at the earlier summit, where it is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    key_before: Option<String>,
    /// The disagreement's key at the later summit, where it is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    key_after: Option<String>,
}

#[derive(Serialize, JsonSchema)]
struct GoalJson<'a> {
    party: &'a str,
    goal: &'a str,
    /// The goal's key in the briefing that lists it.
    key: Option<String>,
}

impl<'a> Differences<'a> {
    fn of(from: &'a Briefing, to: &'a Briefing, diff: &'a SummitDiff) -> Self {
        let named = |briefing: &Briefing, names: &'a [String]| -> Vec<Named<'a>> {
            names
                .iter()
                .map(|name| Named {
                    name,
                    key: (briefing.participants.iter())
                        .position(|p| &p.name == name)
                        .and_then(|index| key_at(briefing, Pane::Participants, index)),
                })
                .collect()
        };
        let goals = |briefing: &Briefing, goals: &'a [GoalEntry]| -> Vec<GoalJson<'a>> {
            goals
                .iter()
                .map(|entry| GoalJson {
                    party: &entry.party,
                    goal: &entry.goal,
                    key: (briefing.goals.iter())
                        .position(|g| g.party == entry.party && g.goal == entry.goal)
                        .and_then(|index| key_at(briefing, Pane::Goals, index)),
                })
                .collect()
        };
        Self {
            from: SummitRef::of(from),
            to: SummitRef::of(to),
            participants_joined: named(to, &diff.participants_joined),
            participants_left: named(from, &diff.participants_left),
            disagreements: (diff.disagreements.iter())
                .map(|change| DisagreementChangeJson::of(from, to, change))
                .collect(),
            goals_added: goals(to, &diff.goals_added),
            goals_dropped: goals(from, &diff.goals_dropped),
            text_reworded: (diff.text_reworded.iter())
                .map(|change| TextChangeJson {
                    item: &change.item,
                    field: &change.field,
                    before: change.before.as_deref(),
                    after: change.after.as_deref(),
                })
                .collect(),
        }
    }
}

impl<'a> DisagreementChangeJson<'a> {
    fn of(from: &Briefing, to: &Briefing, change: &'a DisagreementChange) -> Self {
        // The diff matched the two sides by id, else by folded topic: the keys are looked
        // up the same way.
        let key_in = |briefing: &Briefing, topic: &str| {
            let wanted = analysis::name_key(topic);
            let index = briefing
                .disagreements
                .iter()
                .position(|d| match &change.id {
                    Some(id) => d.id.as_ref() == Some(id),
                    None => d.id.is_none() && analysis::name_key(&d.topic) == wanted,
                })?;
            key_at(briefing, Pane::Disagreements, index)
        };
        let listed_after = change.change != Change::Dropped;
        let listed_before = change.status_before.is_some();
        Self {
            disagreement: change.id.as_deref(),
            change: change.change.as_str(),
            topic: &change.topic,
            topic_before: change.topic_before.as_deref(),
            status_before: change.status_before,
            status_after: change.status_after,
            key_before: if listed_before {
                key_in(
                    from,
                    change.topic_before.as_deref().unwrap_or(&change.topic),
                )
            } else {
                None
            },
            key_after: if listed_after {
                key_in(to, &change.topic)
            } else {
                None
            },
        }
    }
}

/// Every JSON output's schema, by the name of its file under `schema/`
/// (`schema/NAME.schema.json`): generated from the types that write the output.
#[must_use]
pub fn output_schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn schema_of<T: JsonSchema>() -> serde_json::Value {
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        generator.into_root_schema_for::<T>().to_value()
    }
    vec![
        ("list", schema_of::<ListJson>()),
        ("search", schema_of::<SearchJson>()),
        ("timeline", schema_of::<TimelineJson>()),
        ("track", schema_of::<TrackJson>()),
        ("board", schema_of::<BoardJson>()),
        ("diff", schema_of::<DiffJson>()),
        ("changed", schema_of::<ChangedJson>()),
        ("export", schema_of::<BriefingExport>()),
        ("export-pane", schema_of::<PaneExport>()),
        ("marks", schema_of::<super::marks::MarksJson>()),
        ("notes", schema_of::<super::notes::NotesJson>()),
        ("check", schema_of::<super::check::JsonReport>()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folder the schemas are kept in.
    fn schema_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
    }

    /// The checked-in schemas are what the types generate: a change to an output's type
    /// fails here until `SHERPA_WRITE_SCHEMAS=1 cargo test --lib output_schemas` writes
    /// them again (and the change is reviewed, with `JSON_VERSION` raised if a field changed
    /// name or meaning).
    #[test]
    fn output_schemas_on_disk_are_the_generated_ones() {
        let write = std::env::var_os("SHERPA_WRITE_SCHEMAS").is_some();
        for (name, schema) in output_schemas() {
            let path = schema_dir().join(format!("{name}.schema.json"));
            let text = sherpa_core::export::to_json_pretty(&schema).unwrap() + "\n";
            if write {
                std::fs::write(&path, &text).unwrap();
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "{} is out of date: run `SHERPA_WRITE_SCHEMAS=1 cargo test --lib output_schemas`",
                path.display()
            );
        }
    }

    #[test]
    fn every_output_schema_requires_its_version() {
        for (name, schema) in output_schemas() {
            let required = schema["required"].as_array().unwrap();
            assert!(required.contains(&"version".into()), "{name}");
        }
    }
}
