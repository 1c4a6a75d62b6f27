//! Finding a mark's or note's item again after the briefings were edited: by its key, then
//! by its quote, else it is orphaned (kept and listed with its quote, never dropped).

use strsim::normalized_levenshtein;

use super::{Anchor, quote_of};
use crate::corpus::Corpus;
use crate::document::pane_items;
use crate::item_key::ItemKey;

/// How alike a quote and an item's text must be (0 to 1) for a reworded item in the same
/// summit and pane to be taken as the anchored one.
const REWORDED_SIMILARITY: f64 = 0.6;

/// Where an anchor's item is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The item its key names (whatever its text says now).
    Kept,
    /// Another item, found by the quote: the item's identity changed (a reworded goal, a
    /// renamed summit).
    Moved(ItemKey),
    /// No item of the corpus: the entry is kept and shown with its quote.
    Orphaned,
}

impl Placement {
    /// The item the anchor stands on now, if any.
    #[must_use]
    pub fn key<'a>(&'a self, anchor: &'a Anchor) -> Option<&'a ItemKey> {
        match self {
            Self::Kept => Some(&anchor.key),
            Self::Moved(key) => Some(key),
            Self::Orphaned => None,
        }
    }
}

/// Places `anchor` in `corpus`: the item its key names; else, in the same summit and pane,
/// the item whose text is the quote or close to it; else, in any summit, the item of the
/// same pane whose text is the quote (a summit whose id changed); else orphaned. Builds
/// the items of the panes it looks in, so it belongs off the drawing path.
#[must_use]
pub fn place(anchor: &Anchor, corpus: &Corpus) -> Placement {
    let pane = anchor.key.pane();
    if let Some(briefing) = corpus.get(anchor.key.summit()) {
        let items = pane_items(briefing, pane);
        if items.iter().any(|item| item.key == anchor.key) {
            return Placement::Kept;
        }
        if anchor.quote.is_empty() {
            return Placement::Orphaned;
        }
        let closest = items
            .iter()
            .map(|item| (normalized_levenshtein(&quote_of(item), &anchor.quote), item))
            .filter(|(similarity, _)| *similarity >= REWORDED_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, item)) = closest {
            return Placement::Moved(item.key.clone());
        }
    }
    if anchor.quote.is_empty() {
        return Placement::Orphaned;
    }
    corpus
        .briefings()
        .iter()
        .flat_map(|briefing| pane_items(briefing, pane))
        .find(|item| quote_of(item) == anchor.quote)
        .map_or(Placement::Orphaned, |item| Placement::Moved(item.key))
}
