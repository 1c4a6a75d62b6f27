//! Finding a mark's or note's item again after the briefings were edited: by its key, then
//! by its quote, else it is orphaned (kept and listed with its quote, never dropped).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use strsim::normalized_levenshtein;

use super::{Anchor, quote_of};
use crate::corpus::Corpus;
use crate::document::{Item, Pane, pane_items};
use crate::item_key::{ItemKey, pane_keys};

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
/// the keys of the pane it looks in (its items too, when the key is gone), so it belongs
/// off the drawing path; [`place_all`] places many at once.
#[must_use]
pub fn place(anchor: &Anchor, corpus: &Corpus) -> Placement {
    place_all(&[anchor], corpus)
        .pop()
        .unwrap_or(Placement::Orphaned)
}

/// Places every anchor of `anchors` as [`place`] does, in their order, with the work shared:
/// each summit's pane is built once for all the anchors in it, and the corpus is walked
/// once for all the anchors only a quote can place. One at a time, a thousand notes cost a
/// thousand pane builds, and every orphaned one a walk of the whole corpus.
#[must_use]
pub fn place_all(anchors: &[&Anchor], corpus: &Corpus) -> Vec<Placement> {
    let mut placements: Vec<Option<Placement>> = vec![None; anchors.len()];
    // By key, then by a reworded quote, in the anchor's own summit and pane.
    let mut by_pane: BTreeMap<(&str, Pane), Vec<usize>> = BTreeMap::new();
    for (index, anchor) in anchors.iter().enumerate() {
        by_pane
            .entry((anchor.key.summit(), anchor.key.pane()))
            .or_default()
            .push(index);
    }
    for ((summit, pane), indexes) in by_pane {
        let Some(briefing) = corpus.get(summit) else {
            continue;
        };
        let keys = pane_keys(briefing, pane);
        let mut items = None;
        for index in indexes {
            let anchor = anchors[index];
            placements[index] = if keys.contains(&anchor.key) {
                Some(Placement::Kept)
            } else if anchor.quote.is_empty() {
                Some(Placement::Orphaned)
            } else {
                let items = items.get_or_insert_with(|| pane_items(briefing, pane));
                reworded(anchor, items).map(|item| Placement::Moved(item.key.clone()))
            };
        }
    }
    // By the quote, in any summit (its id may have changed): the first item of the pane,
    // in corpus order, whose text is the quote.
    let mut by_quote: HashMap<(Pane, String), Vec<usize>> = HashMap::new();
    for (index, anchor) in anchors.iter().enumerate() {
        if placements[index].is_none() && !anchor.quote.is_empty() {
            by_quote
                .entry((anchor.key.pane(), anchor.quote.clone()))
                .or_default()
                .push(index);
        }
    }
    let panes: BTreeSet<Pane> = by_quote.keys().map(|(pane, _)| *pane).collect();
    // Checked before each document is read: with every anchor placed by its key, no
    // other document is read.
    let briefings = corpus.briefings();
    'corpus: for position in 0..briefings.len() {
        if by_quote.is_empty() {
            break;
        }
        let Some(briefing) = briefings.get(position) else {
            continue;
        };
        for &pane in &panes {
            for item in pane_items(briefing, pane) {
                if by_quote.is_empty() {
                    break 'corpus;
                }
                let Some(indexes) = by_quote.remove(&(pane, quote_of(&item))) else {
                    continue;
                };
                for index in indexes {
                    placements[index] = Some(Placement::Moved(item.key.clone()));
                }
            }
        }
    }
    placements
        .into_iter()
        .map(|placement| placement.unwrap_or(Placement::Orphaned))
        .collect()
}

/// The item of `items` whose text is closest to the anchor's quote, if it is close enough
/// to be taken for the anchored item reworded.
fn reworded<'a>(anchor: &Anchor, items: &'a [Item]) -> Option<&'a Item> {
    items
        .iter()
        .map(|item| (normalized_levenshtein(&quote_of(item), &anchor.quote), item))
        .filter(|(similarity, _)| *similarity >= REWORDED_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, item)| item)
}
