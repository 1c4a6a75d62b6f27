//! Stable item identity: an [`ItemKey`] names an item of a briefing by what it is, not by
//! where it stands, so it survives reordering and inserting items, and a selection, a
//! search position, a bookmark or a script can hold on to it across an edit.
//!
//! # The string form
//!
//! `SUMMIT/PANE/IDENTITY[~N]`, for example `helsinki-2018/participants/vladimir-putin`:
//!
//! - `SUMMIT` is the briefing's id and `PANE` a pane's name (`participants`, `meetings`,
//!   `goals`, `disagreements`, `sources`, `summary`).
//! - `IDENTITY` is the item's own text, lowercased, with every run of other characters than
//!   letters and digits written as one `-`: a participant's name, a meeting's date and place
//!   (`2017-07-07.hamburg`), a goal's party and text (`united-states.a-deal`), a
//!   disagreement's id or else its topic, a source's id, or `paragraph` for a paragraph of
//!   the summary. Parts are joined with `.`, which the lowercasing never writes.
//! - `~N` (N ≥ 2) tells apart the Nth item of a pane whose identity is written the same as
//!   an earlier one's, in file order: only true duplicates (and summary paragraphs) carry
//!   an ordinal, so only they move when items are inserted before them.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::corpus::is_valid_id;
use crate::model::Briefing;
use crate::pane::Pane;

/// The identity of an item of a briefing (see the [module](self) for its string form).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey {
    /// Shared by every key of a pane: a key costs one allocation, its identity.
    summit: Arc<str>,
    pane: Pane,
    identity: String,
    /// 1 for the first item with this identity in its pane, 2 for the second, …
    occurrence: usize,
}

impl ItemKey {
    /// The briefing's id.
    #[must_use]
    pub fn summit(&self) -> &str {
        &self.summit
    }

    #[must_use]
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The item's own identity, as written in the key.
    #[must_use]
    pub fn identity(&self) -> &str {
        &self.identity
    }

    /// 1 for the first item of its pane with this identity, 2 for the next, …
    #[must_use]
    pub fn occurrence(&self) -> usize {
        self.occurrence
    }

    /// The key of the `occurrence`th item of `pane` whose identity is written `identity`,
    /// in the briefing `summit`: a key read back from what the index stored of a search.
    pub(crate) fn of_parts(
        summit: Arc<str>,
        pane: Pane,
        identity: &str,
        occurrence: usize,
    ) -> Self {
        Self {
            summit,
            pane,
            identity: identity.to_owned(),
            occurrence,
        }
    }

    /// Reads a key's string form.
    ///
    /// # Errors
    /// [`ItemKeyError`] saying which part is wrong.
    pub fn parse(text: &str) -> Result<Self, ItemKeyError> {
        let mut parts = text.splitn(3, '/');
        let (Some(summit), Some(pane), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(ItemKeyError::Shape);
        };
        if !is_valid_id(summit) {
            return Err(ItemKeyError::Summit(summit.to_owned()));
        }
        let pane = Pane::ALL
            .into_iter()
            .find(|candidate| candidate.name() == pane)
            .ok_or_else(|| ItemKeyError::Pane(pane.to_owned()))?;
        let (identity, occurrence) = match rest.rsplit_once('~') {
            Some((identity, ordinal)) => match ordinal.parse::<usize>() {
                Ok(n) if n >= 2 && ordinal == n.to_string() => (identity, n),
                _ => return Err(ItemKeyError::Ordinal(ordinal.to_owned())),
            },
            None => (rest, 1),
        };
        // What `identity_of` writes, and nothing else: each `.`-separated part as it would be
        // written again.
        if identity.is_empty() || identity.split('.').any(|part| identity_of([part]) != part) {
            return Err(ItemKeyError::Identity(identity.to_owned()));
        }
        Ok(Self {
            summit: summit.into(),
            pane,
            identity: identity.to_owned(),
            occurrence,
        })
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.summit, self.pane.name(), self.identity)?;
        if self.occurrence > 1 {
            write!(f, "~{}", self.occurrence)?;
        }
        Ok(())
    }
}

impl FromStr for ItemKey {
    type Err = ItemKeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl serde::Serialize for ItemKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a string is not an item key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemKeyError {
    #[error("an item key is SUMMIT/PANE/IDENTITY, as in helsinki-2018/participants/vladimir-putin")]
    Shape,
    #[error("\"{0}\" is not a summit id (lowercase letters, digits and dashes)")]
    Summit(String),
    #[error(
        "\"{0}\" is not a pane (participants, meetings, goals, disagreements, sources, summary)"
    )]
    Pane(String),
    #[error("\"{0}\" is not an item's identity (lowercase letters and digits, joined by - and .)")]
    Identity(String),
    #[error("\"~{0}\" is not an ordinal (a number from 2, telling apart items written alike)")]
    Ordinal(String),
}

/// The key of every item of one pane of a briefing, in the pane's order.
#[must_use]
pub fn pane_keys(briefing: &Briefing, pane: Pane) -> Vec<ItemKey> {
    let identities: Vec<String> = match pane {
        Pane::Participants => (briefing.participants.iter())
            .map(|p| identity_of([p.name.as_str()]))
            .collect(),
        Pane::Meetings => (briefing.prior_meetings.iter())
            .map(|m| identity_of([m.date.to_string().as_str(), m.place.as_str()]))
            .collect(),
        Pane::Goals => (briefing.goals.iter())
            .map(|g| identity_of([g.party.as_str(), g.goal.as_str()]))
            .collect(),
        Pane::Disagreements => (briefing.disagreements.iter())
            .map(|d| identity_of([d.id.as_deref().unwrap_or(&d.topic)]))
            .collect(),
        Pane::Sources => (briefing.sources.iter())
            .map(|s| identity_of([s.id.as_str()]))
            .collect(),
        Pane::Summary => vec![PARAGRAPH.to_owned(); pane.count(briefing)],
    };
    let summit: Arc<str> = briefing.id().into();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(identities.len());
    let occurrences: Vec<usize> = identities
        .iter()
        .map(|identity| {
            let count = seen.entry(identity.as_str()).or_default();
            *count += 1;
            *count
        })
        .collect();
    identities
        .into_iter()
        .zip(occurrences)
        .map(|(identity, occurrence)| ItemKey {
            summit: Arc::clone(&summit),
            pane,
            identity,
            occurrence,
        })
        .collect()
}

/// The identity of a summary paragraph, which has no text of its own to be named by.
const PARAGRAPH: &str = "paragraph";

/// `parts` lowercased, each run of characters other than letters and digits written as one
/// `-` (none at either end), joined with `.`; `-` for text with no letter or digit.
///
/// An ASCII character is lowered and judged without Unicode's tables: a goal's identity
/// holds its whole sentence, and a search storing what it read of 10,000 briefings spent a
/// seventeenth of its time here.
fn identity_of<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            out.push('.');
        }
        out.reserve(part.len());
        let start = out.len();
        let mut gap = false;
        let mut keep = |c: char, is_alphanumeric: bool| {
            if is_alphanumeric {
                if gap && out.len() > start {
                    out.push('-');
                }
                gap = false;
                out.push(c);
            } else {
                gap = true;
            }
        };
        for c in part.chars() {
            if c.is_ascii() {
                keep(c.to_ascii_lowercase(), c.is_ascii_alphanumeric());
            } else {
                for lower in c.to_lowercase() {
                    keep(lower, lower.is_alphanumeric());
                }
            }
        }
        if out.len() == start {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_briefing;

    const SUMMIT: &str =
        "[summit]\nid = \"oslo-2024\"\ntitle = \"T\"\ndate = 2024-01-02\nlocation = \"L\"\n";

    fn keys(text: &str, pane: Pane) -> Vec<String> {
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", text);
        let briefing = briefing.unwrap_or_else(|| panic!("{diagnostics:?}"));
        pane_keys(&briefing, pane)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn people(names: &[&str]) -> String {
        let mut text = SUMMIT.to_owned();
        for name in names {
            text.push_str(&format!("[[participants]]\nname = \"{name}\"\n"));
        }
        text
    }

    /// The identity as the key format defines it, every character through Unicode's
    /// tables: what [`identity_of`]'s ASCII shortcut must equal.
    fn identity_by_unicode(parts: &[&str]) -> String {
        let mut out = String::new();
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                out.push('.');
            }
            let start = out.len();
            let mut gap = false;
            for c in part.chars().flat_map(char::to_lowercase) {
                if c.is_alphanumeric() {
                    if gap && out.len() > start {
                        out.push('-');
                    }
                    gap = false;
                    out.push(c);
                } else {
                    gap = true;
                }
            }
            if out.len() == start {
                out.push('-');
            }
        }
        out
    }

    proptest::proptest! {
        /// Identities are the same through the ASCII shortcut: capitals, digits, marks,
        /// letters that lower to two (`İ`), and text with none.
        #[test]
        fn an_identity_is_the_same_through_the_ascii_shortcut(
            parts in proptest::collection::vec("[a-zA-Z0-9 ,.\\-_'!İÉéßΣσ中ǅ٣\u{301}]{0,24}", 1..4),
        ) {
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(identity_of(parts.iter().copied()), identity_by_unicode(&parts));
        }
    }

    #[test]
    fn every_pane_names_its_items_by_their_own_identity() {
        let text = format!(
            "{SUMMIT}[[participants]]\nname = \"Jonas Gahr Støre\"\n\
             [[prior_meetings]]\ndate = 2017-07-07\nplace = \"Hamburg, G20\"\nsummary = \"S\"\n\
             [[goals]]\nparty = \"United States\"\ngoal = \"A deal.\"\n\
             [[disagreements]]\nid = \"crimea\"\ntopic = \"Crimea\"\n\
             [[disagreements]]\ntopic = \"Election interference\"\n\
             [[sources]]\nid = \"kremlin-2018\"\n"
        );
        let expected: [(Pane, &[&str]); 5] = [
            (
                Pane::Participants,
                &["oslo-2024/participants/jonas-gahr-støre"],
            ),
            (
                Pane::Meetings,
                &["oslo-2024/meetings/2017-07-07.hamburg-g20"],
            ),
            (Pane::Goals, &["oslo-2024/goals/united-states.a-deal"]),
            (
                Pane::Disagreements,
                &[
                    "oslo-2024/disagreements/crimea",
                    "oslo-2024/disagreements/election-interference",
                ],
            ),
            (Pane::Sources, &["oslo-2024/sources/kremlin-2018"]),
        ];
        for (pane, expected) in expected {
            assert_eq!(keys(&text, pane), expected, "{pane:?}");
        }
    }

    #[test]
    fn keys_survive_reordering_and_insertion() {
        let before = keys(&people(&["Ann", "Bob", "Cy"]), Pane::Participants);
        let after = keys(&people(&["Cy", "Dee", "Ann", "Bob"]), Pane::Participants);
        for key in &before {
            assert!(after.contains(key), "{key} lost in {after:?}");
        }
        assert_eq!(after[0], "oslo-2024/participants/cy");
    }

    #[test]
    fn only_items_written_alike_get_ordinals() {
        assert_eq!(
            keys(
                &people(&["Ann", "Bob", "ann", "Ann!", "—"]),
                Pane::Participants
            ),
            [
                "oslo-2024/participants/ann",
                "oslo-2024/participants/bob",
                "oslo-2024/participants/ann~2",
                "oslo-2024/participants/ann~3",
                "oslo-2024/participants/-",
            ]
        );
        let text = format!("{SUMMIT}summary = \"one\\n\\ntwo\"\n");
        assert_eq!(
            keys(&text, Pane::Summary),
            [
                "oslo-2024/summary/paragraph",
                "oslo-2024/summary/paragraph~2"
            ]
        );
    }

    #[test]
    fn the_string_form_round_trips_and_bad_forms_are_refused() {
        let text = people(&["Ann", "Łukasz Ø. Ðóttir", "ann"]);
        let (briefing, _) = parse_briefing("f.toml", "f", &text);
        let briefing = briefing.expect("a briefing");
        for pane in Pane::ALL {
            for key in pane_keys(&briefing, pane) {
                assert_eq!(ItemKey::parse(&key.to_string()), Ok(key.clone()));
                assert_eq!(key.to_string().parse::<ItemKey>(), Ok(key));
            }
        }
        let refused = [
            ("oslo-2024/participants", ItemKeyError::Shape),
            ("Oslo/participants/ann", ItemKeyError::Summit("Oslo".into())),
            ("oslo-2024/people/ann", ItemKeyError::Pane("people".into())),
            (
                "oslo-2024/participants/Ann",
                ItemKeyError::Identity("Ann".into()),
            ),
            (
                "oslo-2024/participants/",
                ItemKeyError::Identity(String::new()),
            ),
            (
                "oslo-2024/participants/a/b",
                ItemKeyError::Identity("a/b".into()),
            ),
            (
                "oslo-2024/goals/a..b",
                ItemKeyError::Identity("a..b".into()),
            ),
            (
                "oslo-2024/participants/ann~1",
                ItemKeyError::Ordinal("1".into()),
            ),
            (
                "oslo-2024/participants/ann~02",
                ItemKeyError::Ordinal("02".into()),
            ),
            (
                "oslo-2024/participants/ann~x",
                ItemKeyError::Ordinal("x".into()),
            ),
        ];
        for (text, error) in refused {
            assert_eq!(ItemKey::parse(text), Err(error), "{text}");
        }
    }
}
