//! What a briefing's text holds where: its span index and, when it deserialises, its
//! briefing, and what the cursor is on. Every range comes from the parser's spans.

use std::ops::Range;

use serde::Deserialize;
use sherpa_core::corpus::MAX_FILE_BYTES;
use sherpa_core::model::{Briefing, ItemTable};
use sherpa_core::span::SpanIndex;
use toml::de::DeTable;

/// One parse of a document's text.
pub struct Syntax<'t> {
    pub index: SpanIndex<'t>,
    /// `None` when the text is TOML but no briefing (a key missing, a value of the wrong
    /// type): what needs values (hover, links) then has nothing to say.
    pub briefing: Option<Briefing>,
}

impl<'t> Syntax<'t> {
    /// Parses `text`; `None` when it is not TOML or larger than the loader reads.
    #[must_use]
    pub fn parse(text: &'t str) -> Option<Self> {
        if text.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        let root = DeTable::parse(text).ok()?;
        let index = SpanIndex::new(&root);
        let briefing = Briefing::deserialize(toml::de::Deserializer::from(root)).ok();
        Some(Self { index, briefing })
    }

    /// What the cursor at byte `offset` is on, with the range of the value it is in.
    #[must_use]
    pub fn target_at(&self, offset: usize) -> Option<(Target, Range<usize>)> {
        let place = self
            .index
            .places()
            .filter(|place| {
                place.value_span().contains(&offset) || place.value_span().end == offset
            })
            .last()?;
        let path = place.path().to_string();
        let segments: Vec<&str> = path.split('.').collect();
        let target = match segments.as_slice() {
            ["summit", "id"] => Target::SummitId,
            ["prior_meetings", meeting, "summit"] => Target::Link(meeting.parse().ok()?),
            [table, item, "sources", cited] => {
                Target::Citation(item_table(table)?, item.parse().ok()?, cited.parse().ok()?)
            }
            ["disagreements", item, "id"] => Target::Disagreement(item.parse().ok()?),
            _ => return None,
        };
        Some((target, place.value_span()))
    }

    /// The id a target names, read from the briefing.
    #[must_use]
    pub fn id_of(&self, target: Target) -> Option<&str> {
        let briefing = self.briefing.as_ref()?;
        match target {
            Target::SummitId => Some(briefing.id()),
            Target::Link(meeting) => briefing.prior_meetings.get(meeting)?.summit.as_deref(),
            Target::Citation(table, item, cited) => briefing
                .sources_of(table, item)
                .get(cited)
                .map(String::as_str),
            Target::Disagreement(item) => briefing.disagreements.get(item)?.id.as_deref(),
        }
    }

    /// Where the `[summit]` table is (its header, or its first key for a dotted one).
    #[must_use]
    pub fn summit_span(&self) -> Option<Range<usize>> {
        self.index.root().get("summit").map(|s| s.value_span())
    }

    /// Where the `[[sources]]` entry with this id is.
    #[must_use]
    pub fn source_span(&self, id: &str) -> Option<Range<usize>> {
        let at = self
            .briefing
            .as_ref()?
            .sources
            .iter()
            .position(|source| source.id == id)?;
        Some(self.index.root().get("sources")?.at(at)?.value_span())
    }
}

/// What a cursor can be on that names something elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `[summit] id = "…"`.
    SummitId,
    /// A prior meeting's `summit = "…"` link, by the meeting's index.
    Link(usize),
    /// Citation `cited` in `sources = […]` of item `item` of a table.
    Citation(ItemTable, usize, usize),
    /// A disagreement's `id`, by the disagreement's index.
    Disagreement(usize),
}

/// The table of items a top-level key names.
#[must_use]
pub fn item_table(key: &str) -> Option<ItemTable> {
    [
        ItemTable::Participants,
        ItemTable::PriorMeetings,
        ItemTable::Goals,
        ItemTable::Disagreements,
    ]
    .into_iter()
    .find(|table| table.key() == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[summit]\nid = \"ł-x\"\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n\
        [[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"old\"\n\
        sources = [\"s1\", \"s2\"]\n[[sources]]\nid = \"s2\"\n";

    #[test]
    fn the_cursor_on_a_link_or_a_citation_names_its_target_and_id() {
        let syntax = Syntax::parse(TEXT).expect("TOML");
        let link = TEXT.find("\"old\"").expect("the link") + 2;
        let (target, span) = syntax.target_at(link).expect("on the link");
        assert_eq!(target, Target::Link(0));
        assert_eq!(&TEXT[span], "\"old\"");
        assert_eq!(syntax.id_of(target), Some("old"));
        let cited = TEXT.find("\"s2\"").expect("the citation");
        let (target, _) = syntax.target_at(cited).expect("on the citation");
        assert_eq!(target, Target::Citation(ItemTable::PriorMeetings, 0, 1));
        assert_eq!(syntax.id_of(target), Some("s2"));
        let entry = syntax.source_span("s2").expect("the entry");
        assert_eq!(&TEXT[entry], "[[sources]]");
        assert!(
            syntax
                .target_at(TEXT.find("place").expect("a key"))
                .is_none()
        );
    }
}
