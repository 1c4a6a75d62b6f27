//! The briefing format: one TOML file per summit, deserialised into these types.
//!
//! The types are the single source of truth for the format: the loader reads them,
//! `sherpa schema` generates the JSON Schema from them, and the JSON export writes them.
//! Strings are kept exactly as written; escaping for the terminal happens at the output
//! boundary (see [`crate::sanitize`]), so a JSON export round-trips the file's text.

mod date;
mod shape;

pub use date::Date;
pub use shape::{closest_key, has_unknown_keys, keys_of, missing_keys, unknown_keys};

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One summit's briefing book: the whole content of one TOML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(
    title = "sherpa briefing",
    description = "One summit's briefing book for sherpa."
)]
pub struct Briefing {
    /// The summit itself: title, date, place and summary.
    pub summit: Summit,
    /// Who will be (or was) in the room.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Earlier meetings between the parties, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_meetings: Vec<PriorMeeting>,
    /// What each side says it wants from the summit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Questions still unresolved between the parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// Public sources that items cite by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// The `[summit]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Summit {
    /// Stable id, `[a-z0-9][a-z0-9-]*`, unique in the corpus. Defaults to the file stem.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// A short title, e.g. "Trump–Putin summit in Helsinki".
    pub title: String,
    /// The day the summit began (a TOML local date; a datetime is accepted and its date used).
    pub date: Date,
    /// Where the summit takes place.
    pub location: String,
    /// Whether the summit is still ahead, took place, or was called off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SummitStatus>,
    /// Background for the reader; paragraphs are separated by blank lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Free-form keywords used by the finder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Whether a summit is still ahead, took place, or was called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SummitStatus {
    Scheduled,
    Held,
    Cancelled,
}

impl SummitStatus {
    /// The word used in files and on screen.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Held => "held",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A person in the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Participant {
    /// The person's full name.
    pub name: String,
    /// Office or function at the time of the summit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The side the person belongs to, e.g. "United States".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    /// Anything the reader should know about the person at this summit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Ids of `[[sources]]` entries in the same file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// An earlier meeting; `summit` links it to the briefing that covers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PriorMeeting {
    /// The day the meeting took place.
    pub date: Date,
    /// Where the meeting took place.
    pub place: String,
    /// What the meeting was about.
    pub summary: String,
    /// What came of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The id of another briefing in the corpus that covers this meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summit: Option<String>,
    /// Ids of `[[sources]]` entries in the same file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// What one side says it wants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Goal {
    /// The side that holds the goal, e.g. "United States".
    pub party: String,
    /// What the side says it wants from the summit.
    pub goal: String,
    /// Ids of `[[sources]]` entries in the same file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// An unresolved question; `id` follows it from one summit to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Disagreement {
    /// Stable key shared by every briefing that discusses the same question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Option<String>,
    /// The question still open, in a few words.
    pub topic: String,
    /// Where the question stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// How far the question has moved: open (the default), narrowed or resolved.
    #[serde(default)]
    pub status: DisagreementStatus,
    /// Each party's stated position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// Ids of `[[sources]]` entries in the same file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// How far a disagreement has moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DisagreementStatus {
    #[default]
    Open,
    Narrowed,
    Resolved,
}

impl DisagreementStatus {
    /// The word used in files and on screen; colour is never the only carrier of it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Narrowed => "narrowed",
            Self::Resolved => "resolved",
        }
    }
}

/// One party's position on a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Position {
    /// The side that holds the position.
    pub party: String,
    /// What the side holds.
    pub position: String,
}

/// A public source that items cite by `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// The id items cite in their `sources` lists, unique in the file.
    pub id: String,
    /// The title of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where to read it: an absolute URI, such as `https://example.org/report`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri"), regex(pattern = URL_PATTERN))]
    pub url: Option<String>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// What a source's `url` must look like, for the schema (validators need not check
/// `format`, so the pattern says it too) and, through [`is_url`], for the loader: a scheme,
/// a colon, then printable ASCII without spaces, as URIs are written.
pub const URL_PATTERN: &str = "^[A-Za-z][A-Za-z0-9+.-]*:[!-~]+$";

/// Whether `text` matches [`URL_PATTERN`], written out (the core has no regex engine).
#[must_use]
pub fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme = scheme.chars();
    scheme.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && !rest.is_empty()
        && rest.chars().all(|c| matches!(c, '!'..='~'))
}

/// The JSON Schema of the format, generated from these types: what `sherpa schema` prints
/// and the checked-in `schema/briefing.schema.json` holds.
///
/// An optional key is typed as its type, not "its type or null": TOML has no null, so a
/// key is either absent or has a value, and a schema allowing null would only confuse
/// editors' hover docs and completion.
#[must_use]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Briefing).to_value();
    without_null(&mut schema);
    schema
}

/// Removes `null` from every `type` list and `anyOf` of a schema, in place.
fn without_null(node: &mut serde_json::Value) {
    use serde_json::Value;
    let is_null =
        |v: &Value| v.as_str() == Some("null") || v.get("type") == Some(&Value::from("null"));
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| !is_null(t));
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_owned(), only);
                }
            }
            if let Some(Value::Array(choices)) = map.get_mut("anyOf") {
                choices.retain(|c| !is_null(c));
                if let [Value::Object(only)] = choices.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    map.extend(only);
                }
            }
            map.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// The JSON Schema of the format, made once: what [`shape`] reads the keys each table
/// allows from.
fn schema() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(json_schema)
}

impl Briefing {
    /// The summit's id (filled in from the file stem by the loader when absent).
    #[must_use]
    pub fn id(&self) -> &str {
        &self.summit.id
    }

    /// The source ids one item cites: what the reader asks for the selected item on every
    /// frame, without listing every item of the briefing.
    #[must_use]
    pub fn sources_of(&self, table: ItemTable, index: usize) -> &[String] {
        let sources = match table {
            ItemTable::Participants => self.participants.get(index).map(|p| &p.sources),
            ItemTable::PriorMeetings => self.prior_meetings.get(index).map(|m| &m.sources),
            ItemTable::Goals => self.goals.get(index).map(|g| &g.sources),
            ItemTable::Disagreements => self.disagreements.get(index).map(|d| &d.sources),
        };
        sources.map_or(&[], Vec::as_slice)
    }

    /// Every item that can cite sources, with its `sources` list, in file order: the
    /// basis for dangling-reference warnings, "cited by" lists and unsourced checks.
    #[must_use]
    pub fn citing_items(&self) -> Vec<CitingItem<'_>> {
        let mut items = Vec::new();
        for (index, p) in self.participants.iter().enumerate() {
            items.push(CitingItem::new(
                ItemTable::Participants,
                index,
                &p.name,
                None,
                &p.sources,
            ));
        }
        for (index, m) in self.prior_meetings.iter().enumerate() {
            items.push(CitingItem::new(
                ItemTable::PriorMeetings,
                index,
                &m.place,
                Some(m.date),
                &m.sources,
            ));
        }
        for (index, g) in self.goals.iter().enumerate() {
            items.push(CitingItem::new(
                ItemTable::Goals,
                index,
                &g.party,
                None,
                &g.sources,
            ));
        }
        for (index, d) in self.disagreements.iter().enumerate() {
            items.push(CitingItem::new(
                ItemTable::Disagreements,
                index,
                &d.topic,
                None,
                &d.sources,
            ));
        }
        items
    }
}

/// The tables of a briefing whose items cite sources. Citations are joined to panes by
/// this enum, never by the table's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemTable {
    Participants,
    PriorMeetings,
    Goals,
    Disagreements,
}

impl ItemTable {
    /// The table's name as written in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Participants => "participants",
            Self::PriorMeetings => "prior_meetings",
            Self::Goals => "goals",
            Self::Disagreements => "disagreements",
        }
    }
}

/// An item of a briefing and the source ids it cites. It borrows from the briefing, so
/// listing the items of every file of a large corpus allocates no names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitingItem<'a> {
    /// The table the item sits in.
    pub table: ItemTable,
    pub index: usize,
    /// A person, a party, a topic, or a meeting's place (after its `date`).
    text: &'a str,
    date: Option<Date>,
    pub sources: &'a [String],
}

impl<'a> CitingItem<'a> {
    fn new(
        table: ItemTable,
        index: usize,
        text: &'a str,
        date: Option<Date>,
        sources: &'a [String],
    ) -> Self {
        Self {
            table,
            index,
            text,
            date,
            sources,
        }
    }

    /// A short name for the item: a person, a party, a topic, a date and place.
    #[must_use]
    pub fn name(&self) -> Cow<'a, str> {
        match self.date {
            Some(date) => Cow::Owned(format!("{date} {}", self.text)),
            None => Cow::Borrowed(self.text),
        }
    }

    /// `goals[2] (United States)`: where the item is in the file.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{}[{}] ({})", self.table.key(), self.index, self.name())
    }
}
