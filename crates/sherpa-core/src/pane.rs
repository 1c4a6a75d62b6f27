//! The parts of a briefing a reader or an export can show, apart from the document model
//! and the item keys that both name them.

use crate::model::{Briefing, ItemTable};

/// A view of one part of a briefing. The reader shows the first four as panes;
/// `sources` and `summary` are views and export targets of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    Participants,
    Meetings,
    Goals,
    Disagreements,
    Sources,
    Summary,
}

impl Pane {
    /// Every pane, in the order a whole-briefing export lists them.
    pub const ALL: [Self; 6] = [
        Self::Summary,
        Self::Participants,
        Self::Meetings,
        Self::Goals,
        Self::Disagreements,
        Self::Sources,
    ];

    /// The name used on the command line and in export file names.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Participants => "participants",
            Self::Meetings => "meetings",
            Self::Goals => "goals",
            Self::Disagreements => "disagreements",
            Self::Sources => "sources",
            Self::Summary => "summary",
        }
    }

    /// The title shown above the pane.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Participants => "Participants",
            Self::Meetings => "Prior meetings",
            Self::Goals => "Goals",
            Self::Disagreements => "Disagreements",
            Self::Sources => "Sources",
            Self::Summary => "Summary",
        }
    }

    /// The table whose items this pane lists, for the panes whose items cite sources.
    #[must_use]
    pub fn table(self) -> Option<ItemTable> {
        match self {
            Self::Participants => Some(ItemTable::Participants),
            Self::Meetings => Some(ItemTable::PriorMeetings),
            Self::Goals => Some(ItemTable::Goals),
            Self::Disagreements => Some(ItemTable::Disagreements),
            Self::Sources | Self::Summary => None,
        }
    }

    /// How many items the pane lists (paragraphs, for the summary).
    #[must_use]
    pub fn count(self, briefing: &Briefing) -> usize {
        match self {
            Self::Participants => briefing.participants.len(),
            Self::Meetings => briefing.prior_meetings.len(),
            Self::Goals => briefing.goals.len(),
            Self::Disagreements => briefing.disagreements.len(),
            Self::Sources => briefing.sources.len(),
            Self::Summary => paragraphs(briefing.summit.summary.as_deref().unwrap_or("")).len(),
        }
    }
}

/// Splits a summary into paragraphs at blank lines: the items of the summary pane.
#[must_use]
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}
