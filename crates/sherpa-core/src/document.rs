//! What a briefing says, before any layout: a [`Document`] of a header and sections, each
//! section a list of items, each item a heading and labelled fields. The reader's panes,
//! the summary view, and the text, markdown and plain exports are all formatters over it,
//! so they cannot disagree about content.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::item_key::{ItemKey, pane_keys};
use crate::model::{Briefing, Date, DisagreementStatus, ItemTable, SummitStatus};

pub use crate::pane::{Pane, paragraphs};

/// What a field is, so the screen can style it and markdown can mark it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Secondary facts (delegation, publisher, date).
    Meta,
    /// A link to another briefing.
    Link,
    /// A disagreement's status; the word itself is always written out.
    Status(DisagreementStatus),
    /// Running text.
    Body,
    /// Cross-references: the sources an item cites, the items that cite a source.
    Citation,
    /// The mark of an item that cites no source.
    Unsourced,
}

/// One line-group of an item: an optional label and untrusted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    pub label: Option<String>,
    pub text: String,
    /// The source ids a citation field stands for (empty for other fields), so a book can
    /// number them across briefings instead of re-reading the model.
    pub sources: Vec<String>,
}

impl Field {
    fn new(kind: FieldKind, label: Option<&str>, text: impl Into<String>) -> Self {
        Self {
            kind,
            label: label.map(str::to_owned),
            text: text.into(),
            sources: Vec::new(),
        }
    }
}

/// One entry of a pane: a participant, a meeting, a goal, a disagreement, a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub heading: Option<String>,
    pub fields: Vec<Field>,
    /// The briefing this item links to, for `Enter` in the reader.
    pub link: Option<String>,
    /// What the item is, whatever its position: what a selection, a search place or a
    /// script holds on to across an edit.
    pub key: ItemKey,
}

/// Each source id's position in `[[sources]]` (the first, for a repeated id), so an item's
/// markers cost a lookup per id, not a scan of the sources.
struct SourceNumbers<'a>(HashMap<&'a str, usize>);

impl<'a> SourceNumbers<'a> {
    fn new(briefing: &'a Briefing) -> Self {
        let mut numbers = HashMap::with_capacity(briefing.sources.len());
        for (i, source) in briefing.sources.iter().enumerate() {
            numbers.entry(source.id.as_str()).or_insert(i);
        }
        Self(numbers)
    }
}

/// Footnote marker for a list of source ids: `[1,3]` by position in `[[sources]]`,
/// `[?id]` for an id the file does not define. Empty when nothing is cited.
fn marker(numbers: &SourceNumbers<'_>, ids: &[String]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    // In ascending order, as footnote markers read (`[1,3]`, never `[3,1]`); ids that name
    // no source follow, in the order written.
    let mut cited: Vec<(Option<usize>, &str)> = ids
        .iter()
        .map(|id| (numbers.0.get(id.as_str()).copied(), id.as_str()))
        .collect();
    cited.sort_by_key(|&(number, _)| (number.is_none(), number));
    let numbers: Vec<String> = cited
        .into_iter()
        .map(|(number, id)| number.map_or_else(|| format!("?{id}"), |i| (i + 1).to_string()))
        .collect();
    format!("[{}]", numbers.join(","))
}

/// The citation line of an item: its footnote markers, or a visible "unsourced" mark.
fn cite(numbers: &SourceNumbers<'_>, ids: &[String]) -> Field {
    if ids.is_empty() {
        Field::new(FieldKind::Unsourced, None, "Unsourced: no source cited")
    } else {
        Field {
            sources: ids.to_vec(),
            ..Field::new(FieldKind::Citation, Some("Sources"), marker(numbers, ids))
        }
    }
}

/// For every cited source id, the items that cite it, in one pass over the items.
fn citations(briefing: &Briefing) -> HashMap<&str, Vec<String>> {
    let mut citing: HashMap<&str, Vec<String>> = HashMap::new();
    for item in briefing.citing_items() {
        let kind = match item.table {
            ItemTable::Participants => "participant",
            ItemTable::PriorMeetings => "meeting",
            ItemTable::Goals => "goal",
            ItemTable::Disagreements => "disagreement",
        };
        let mut label = None;
        let mut seen = HashSet::new();
        for id in item.sources {
            if seen.insert(id.as_str()) {
                let label = label.get_or_insert_with(|| format!("{kind}: {}", item.name()));
                citing.entry(id.as_str()).or_default().push(label.clone());
            }
        }
    }
    citing
}

/// The items of one pane of a briefing.
#[must_use]
pub fn pane_items(briefing: &Briefing, pane: Pane) -> Vec<Item> {
    let references = CrossReferences::new(briefing);
    pane_texts(briefing, pane)
        .into_iter()
        .zip(pane_keys(briefing, pane))
        .map(|(text, key)| text.into_item(key, &references))
        .collect()
}

/// One item of a pane as [`pane_texts`] lays it out: its heading and fields, borrowed from
/// the briefing where they are its own words, without what an [`Item`] adds (its key and
/// cross-references). What the search folds: laying out whole [`Item`]s to read their
/// words was a third of a search for a word no briefing holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText<'a> {
    pub heading: Option<Cow<'a, str>>,
    /// The item's fields before its cross-reference, which [`Item::fields`] ends with
    /// where it has one: a field has the same index in both.
    pub fields: Vec<FieldText<'a>>,
    link: Option<&'a str>,
    references: References<'a>,
}

/// A field of an [`ItemText`], which becomes a [`Field`] of its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldText<'a> {
    pub kind: FieldKind,
    pub label: Option<&'a str>,
    pub text: Cow<'a, str>,
}

impl<'a> FieldText<'a> {
    fn new(kind: FieldKind, label: Option<&'a str>, text: impl Into<Cow<'a, str>>) -> Self {
        Self {
            kind,
            label,
            text: text.into(),
        }
    }
}

/// What the last field of an item refers to: the sources it cites, or, for a source, the
/// items that cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum References<'a> {
    /// A summary paragraph refers to nothing.
    None,
    Cites(&'a [String]),
    CitedBy(&'a str),
}

/// What turns [`References`] into fields: the sources' numbers for an item's markers, and
/// for each source the items that cite it, each made once a pane, when first needed.
struct CrossReferences<'a> {
    briefing: &'a Briefing,
    numbers: OnceCell<SourceNumbers<'a>>,
    citing: OnceCell<HashMap<&'a str, Vec<String>>>,
}

impl<'a> CrossReferences<'a> {
    fn new(briefing: &'a Briefing) -> Self {
        Self {
            briefing,
            numbers: OnceCell::new(),
            citing: OnceCell::new(),
        }
    }

    /// The field that ends an item referring to `references`, if it refers to anything.
    fn field(&self, references: &References<'_>) -> Option<Field> {
        match *references {
            References::None => None,
            References::Cites(ids) => Some(cite(
                self.numbers
                    .get_or_init(|| SourceNumbers::new(self.briefing)),
                ids,
            )),
            References::CitedBy(id) => {
                let citing = match self.citing.get_or_init(|| citations(self.briefing)).get(id) {
                    Some(citing) if !citing.is_empty() => citing.join("; "),
                    _ => "nothing in this briefing".to_owned(),
                };
                Some(Field::new(FieldKind::Citation, Some("Cited by"), citing))
            }
        }
    }
}

impl ItemText<'_> {
    fn into_item(self, key: ItemKey, references: &CrossReferences<'_>) -> Item {
        let mut fields: Vec<Field> = (self.fields.into_iter())
            .map(|field| Field {
                kind: field.kind,
                label: field.label.map(str::to_owned),
                text: field.text.into_owned(),
                sources: Vec::new(),
            })
            .collect();
        fields.extend(references.field(&self.references));
        Item {
            heading: self.heading.map(Cow::into_owned),
            fields,
            link: self.link.map(str::to_owned),
            key,
        }
    }
}

/// The texts of the items of one pane of a briefing, in the pane's order: the layout
/// [`pane_items`] and the search share.
#[must_use]
pub fn pane_texts(briefing: &Briefing, pane: Pane) -> Vec<ItemText<'_>> {
    match pane {
        Pane::Participants => participant_texts(briefing),
        Pane::Meetings => meeting_texts(briefing),
        Pane::Goals => goal_texts(briefing),
        Pane::Disagreements => disagreement_texts(briefing),
        Pane::Sources => source_texts(briefing),
        Pane::Summary => summary_texts(briefing),
    }
}

fn participant_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    (briefing.participants.iter())
        .map(|p| {
            let heading = match &p.role {
                Some(role) => Cow::Owned(format!("{} — {role}", p.name)),
                None => Cow::Borrowed(p.name.as_str()),
            };
            let mut fields = Vec::with_capacity(2);
            if let Some(delegation) = &p.delegation {
                fields.push(FieldText::new(FieldKind::Meta, None, delegation.as_str()));
            }
            if let Some(notes) = &p.notes {
                fields.push(FieldText::new(FieldKind::Body, None, notes.as_str()));
            }
            ItemText {
                heading: Some(heading),
                fields,
                link: None,
                references: References::Cites(&p.sources),
            }
        })
        .collect()
}

fn meeting_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    (briefing.prior_meetings.iter())
        .map(|m| {
            let mut fields = Vec::with_capacity(3);
            if let Some(target) = &m.summit {
                fields.push(FieldText::new(
                    FieldKind::Link,
                    None,
                    format!("→ briefing: {target}"),
                ));
            }
            fields.push(FieldText::new(FieldKind::Body, None, m.summary.as_str()));
            if let Some(outcome) = &m.outcome {
                fields.push(FieldText::new(
                    FieldKind::Body,
                    Some("Outcome"),
                    outcome.as_str(),
                ));
            }
            ItemText {
                heading: Some(Cow::Owned(format!("{} · {}", m.date, m.place))),
                fields,
                link: m.summit.as_deref(),
                references: References::Cites(&m.sources),
            }
        })
        .collect()
}

fn goal_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    (briefing.goals.iter())
        .map(|g| ItemText {
            heading: Some(Cow::Borrowed(g.party.as_str())),
            fields: vec![FieldText::new(FieldKind::Body, None, g.goal.as_str())],
            link: None,
            references: References::Cites(&g.sources),
        })
        .collect()
}

fn disagreement_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    (briefing.disagreements.iter())
        .map(|d| {
            let status = match &d.id {
                Some(id) => Cow::Owned(format!("{} · tracked as {id}", d.status.as_str())),
                None => Cow::Borrowed(d.status.as_str()),
            };
            let mut fields = Vec::with_capacity(2 + d.positions.len());
            fields.push(FieldText::new(
                FieldKind::Status(d.status),
                Some("Status"),
                status,
            ));
            if let Some(summary) = &d.summary {
                fields.push(FieldText::new(FieldKind::Body, None, summary.as_str()));
            }
            for position in &d.positions {
                fields.push(FieldText::new(
                    FieldKind::Body,
                    Some(&position.party),
                    position.position.as_str(),
                ));
            }
            ItemText {
                heading: Some(Cow::Borrowed(d.topic.as_str())),
                fields,
                link: None,
                references: References::Cites(&d.sources),
            }
        })
        .collect()
}

fn source_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    (briefing.sources.iter().enumerate())
        .map(|(i, s)| {
            let title = s.title.as_deref().unwrap_or("(untitled)");
            let mut fields = Vec::with_capacity(2);
            let meta = match (&s.publisher, s.date) {
                (Some(publisher), Some(date)) => Some(Cow::Owned(format!("{publisher} · {date}"))),
                (Some(publisher), None) => Some(Cow::Borrowed(publisher.as_str())),
                (None, Some(date)) => Some(Cow::Owned(date.to_string())),
                (None, None) => None,
            };
            if let Some(meta) = meta {
                fields.push(FieldText::new(FieldKind::Meta, None, meta));
            }
            if let Some(url) = &s.url {
                fields.push(FieldText::new(FieldKind::Link, None, url.as_str()));
            }
            ItemText {
                heading: Some(Cow::Owned(format!("[{}] {title} ({})", i + 1, s.id))),
                fields,
                link: None,
                references: References::CitedBy(&s.id),
            }
        })
        .collect()
}

/// The `[[sources]]` entries with these ids, in file order, each with what cites it.
#[must_use]
pub fn sources_items_for(briefing: &Briefing, ids: &[String]) -> Vec<Item> {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let references = CrossReferences::new(briefing);
    (briefing.sources.iter())
        .zip(source_texts(briefing))
        .zip(pane_keys(briefing, Pane::Sources))
        .filter(|((s, _), _)| wanted.contains(s.id.as_str()))
        .map(|((_, text), key)| text.into_item(key, &references))
        .collect()
}

/// The ids of the sources that a pane's items cite, in `[[sources]]` order.
#[must_use]
pub fn sources_cited_in(briefing: &Briefing, pane: Pane) -> Vec<String> {
    let Some(table) = pane.table() else {
        return Vec::new();
    };
    let cited: HashSet<&str> = briefing
        .citing_items()
        .into_iter()
        .filter(|item| item.table == table)
        .flat_map(|item| item.sources.iter())
        .map(String::as_str)
        .collect();
    briefing
        .sources
        .iter()
        .filter(|s| cited.contains(s.id.as_str()))
        .map(|s| s.id.clone())
        .collect()
}

fn summary_texts(briefing: &Briefing) -> Vec<ItemText<'_>> {
    paragraphs(briefing.summit.summary.as_deref().unwrap_or(""))
        .into_iter()
        .map(|text| ItemText {
            heading: None,
            fields: vec![FieldText::new(FieldKind::Body, None, text)],
            link: None,
            references: References::None,
        })
        .collect()
}

/// The header of a briefing: its title and the facts shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub title: String,
    pub date: Date,
    pub location: String,
    pub status: Option<SummitStatus>,
    pub tags: Vec<String>,
}

impl Header {
    /// The header of a briefing.
    #[must_use]
    pub fn of(briefing: &Briefing) -> Self {
        let summit = &briefing.summit;
        Self {
            title: summit.title.clone(),
            date: summit.date,
            location: summit.location.clone(),
            status: summit.status,
            tags: summit.tags.clone(),
        }
    }

    /// Date, place and status, as one line joins them: `2018-07-16 · Helsinki · held`.
    #[must_use]
    pub fn facts(&self) -> Vec<String> {
        let mut facts = vec![self.date.to_string(), self.location.clone()];
        if let Some(status) = self.status {
            facts.push(status.as_str().to_owned());
        }
        facts
    }
}

/// What a section of a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// One of the briefing's panes.
    Pane(Pane),
    /// The sources a single exported pane cites, so the export stands on its own.
    CitedSources,
}

/// One section of a document: a pane's items, or the sources a pane cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub items: Vec<Item>,
}

impl Section {
    /// The section of one pane.
    #[must_use]
    pub fn of(briefing: &Briefing, pane: Pane) -> Self {
        Self {
            kind: SectionKind::Pane(pane),
            items: pane_items(briefing, pane),
        }
    }

    /// The section's title without a count: `Prior meetings`, `Sources cited`.
    #[must_use]
    pub fn title(&self) -> &'static str {
        match self.kind {
            SectionKind::Pane(pane) => pane.title(),
            SectionKind::CitedSources => "Sources cited",
        }
    }

    /// The section's heading with its count: `Goals (4)`; the summary has no count.
    #[must_use]
    pub fn heading(&self) -> String {
        match self.kind {
            SectionKind::Pane(Pane::Summary) => self.title().to_owned(),
            _ => format!("{} ({})", self.title(), self.items.len()),
        }
    }

    /// What an empty section says instead of items.
    #[must_use]
    pub fn empty_note(&self) -> String {
        format!("No {} in this briefing.", self.title().to_lowercase())
    }

    /// Whether the items are paragraphs of running text rather than entries.
    #[must_use]
    pub fn is_prose(&self) -> bool {
        self.kind == SectionKind::Pane(Pane::Summary)
    }
}

/// A briefing, or one pane of it, laid out once for every output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub header: Header,
    pub sections: Vec<Section>,
}

impl Document {
    /// The whole briefing (`None`) or one pane with the sources it cites. A briefing
    /// without a summary has no summary section.
    #[must_use]
    pub fn of(briefing: &Briefing, scope: Option<Pane>) -> Self {
        let summit = &briefing.summit;
        let header = Header::of(briefing);
        let panes = scope.map_or(Pane::ALL.to_vec(), |pane| vec![pane]);
        let mut sections: Vec<Section> = panes
            .into_iter()
            .filter(|pane| *pane != Pane::Summary || summit.summary.is_some())
            .map(|pane| Section::of(briefing, pane))
            .collect();
        let cited = scope
            .map(|pane| sources_cited_in(briefing, pane))
            .unwrap_or_default();
        if !cited.is_empty() {
            sections.push(Section {
                kind: SectionKind::CitedSources,
                items: sources_items_for(briefing, &cited),
            });
        }
        Self { header, sections }
    }

    /// Where the item `key` names stands in its pane's section, if this document shows
    /// that pane and the item is still there: what finds the same item again after a
    /// reload moved it.
    #[must_use]
    pub fn position_of(&self, key: &ItemKey) -> Option<usize> {
        self.sections
            .iter()
            .find(|section| section.kind == SectionKind::Pane(key.pane()))?
            .items
            .iter()
            .position(|item| item.key == *key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inserting a participant above another, or reordering them, leaves each findable by
    /// its key: what keeps the reader's selection on the same person across a reload.
    #[test]
    fn an_item_is_found_by_its_key_after_items_are_inserted_and_moved() {
        let briefing = |names: &[&str]| {
            let mut text =
                "[summit]\nid = \"s\"\ntitle = \"T\"\ndate = 2024-01-02\nlocation = \"L\"\n"
                    .to_owned();
            for name in names {
                text.push_str(&format!("[[participants]]\nname = \"{name}\"\n"));
            }
            let (briefing, _) = crate::corpus::parse_briefing("s.toml", "s", &text);
            briefing.expect("a briefing")
        };
        let file = |names: &[&str]| Document::of(&briefing(names), None);
        let before = file(&["Ann", "Bob"]);
        // No summary: the participants come first.
        let bob = before.sections[0].items[1].key.clone();
        assert_eq!(bob.to_string(), "s/participants/bob");
        assert_eq!(before.position_of(&bob), Some(1));
        let after = file(&["Cy", "Ann", "Bob"]);
        assert_eq!(after.position_of(&bob), Some(2));
        assert_eq!(file(&["Bob", "Ann"]).position_of(&bob), Some(0));
        assert_eq!(file(&["Ann"]).position_of(&bob), None);
        let goals = Document::of(&briefing(&["Bob"]), Some(Pane::Goals));
        assert_eq!(goals.position_of(&bob), None);
    }

    /// The texts the search folds are the items as drawn, field for field at the same
    /// index, less only the cross-reference that ends an item.
    #[test]
    fn pane_texts_are_the_items_without_their_cross_references() {
        let corpus = crate::corpus::Corpus::load_bundled();
        assert!(!corpus.briefings().is_empty());
        for briefing in corpus.briefings() {
            for pane in Pane::ALL {
                let texts = pane_texts(briefing, pane);
                let items = pane_items(briefing, pane);
                assert_eq!(texts.len(), items.len(), "{} {pane:?}", briefing.id());
                for (text, item) in texts.iter().zip(&items) {
                    assert_eq!(text.heading.as_deref(), item.heading.as_deref());
                    assert_eq!(text.link, item.link.as_deref());
                    let (own, references) = item.fields.split_at(text.fields.len());
                    for (field, drawn) in text.fields.iter().zip(own) {
                        assert_eq!(field.kind, drawn.kind);
                        assert_eq!(field.label, drawn.label.as_deref());
                        assert_eq!(field.text, drawn.text);
                    }
                    let expected = usize::from(pane != Pane::Summary);
                    assert_eq!(references.len(), expected, "{:?}", item.key);
                    assert!((references.iter()).all(|field| matches!(
                        field.kind,
                        FieldKind::Citation | FieldKind::Unsourced
                    )));
                }
            }
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_join_lines() {
        assert_eq!(paragraphs("a\nb\n\n\nc\n"), vec!["a b", "c"]);
        assert!(paragraphs("  \n").is_empty());
    }

    #[test]
    fn citation_markers_are_in_ascending_order_unknown_ids_last() {
        let text = "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n\
                    [[sources]]\nid = \"a\"\ntitle = \"A\"\n[[sources]]\nid = \"b\"\ntitle = \"B\"\n\
                    [[sources]]\nid = \"c\"\ntitle = \"C\"\n";
        let corpus = crate::corpus::Corpus::from_sources([("t.toml", text)]);
        let numbers = SourceNumbers::new(corpus.briefings().get(0).unwrap());
        let ids = |list: &[&str]| list.iter().map(|&id| id.to_owned()).collect::<Vec<_>>();
        assert_eq!(marker(&numbers, &ids(&["c", "a"])), "[1,3]");
        assert_eq!(marker(&numbers, &ids(&["x", "b", "a"])), "[1,2,?x]");
    }
}
