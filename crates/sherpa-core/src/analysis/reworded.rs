//! Text reworded between two summits: the passages of an item both summits list (a
//! participant's role, a meeting's summary, a disagreement's summary or a party's position)
//! whose words changed. Without it a summit whose only edit is a reworded summary reads as
//! "updated" while the comparison shows nothing.
//!
//! Texts that narrate one summit (its title and summary, a participant's notes, a
//! disagreement's summary "there") are compared only when both sides are the same summit
//! (what changed since you read it): two different summits always narrate differently, and
//! saying so would be noise. A person's office, a party's position and a past meeting's
//! account are the same fact seen from two summits, so they are compared across summits too.

use serde::Serialize;

use super::name_key;
use crate::model::{Briefing, Disagreement, Participant, PriorMeeting};
use crate::wrap::first_chars;

/// How many characters of each wording the text output shows at most, from where the
/// wordings part ([`CONTEXT_WORDS`] before): enough to see the change, short enough for a
/// line. The JSON carries both wordings whole.
pub(crate) const QUOTE_CHARS: usize = 80;

/// How many unchanged words the text output keeps on each side of what changed.
const CONTEXT_WORDS: usize = 4;

/// One passage whose words changed. A side is absent where the item has no such text (a
/// summary added or removed is a rewording too: the briefing says something else).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    /// The item the text belongs to, in words: `summit`, a participant's name,
    /// `meeting 2018-07-16 Helsinki`, `disagreement arms-control`.
    pub item: String,
    /// Which of its texts: `title`, `summary`, `role`, `delegation`, `notes`, `outcome`,
    /// `position of <party>`.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl TextChange {
    /// `item field: now "…"; was "…"`: each wording from a few words before the first word
    /// that changed to a few after the last ([`CONTEXT_WORDS`]), `…` where words are left
    /// out, and cut at [`QUOTE_CHARS`] characters. Cut from its start, a long position
    /// reworded near its end showed the same words twice and not the change.
    #[must_use]
    pub fn line(&self) -> String {
        let after = words(self.after.as_deref());
        let before = words(self.before.as_deref());
        let (same_start, same_end) = unchanged_ends(&after, &before);
        let quote = |text: &Option<String>, words: &[&str]| {
            text.as_ref().map_or_else(
                || "none".to_owned(),
                |_| format!("\"{}\"", clip(&around_change(words, same_start, same_end))),
            )
        };
        format!(
            "{} {}: now {}; was {}",
            self.item,
            self.field,
            quote(&self.after, &after),
            quote(&self.before, &before)
        )
    }
}

/// The words of a wording (none where there is none).
fn words(text: Option<&str>) -> Vec<&str> {
    text.map(|text| text.split_whitespace().collect())
        .unwrap_or_default()
}

/// How many words two wordings share at their start, and then at their end.
fn unchanged_ends(a: &[&str], b: &[&str]) -> (usize, usize) {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let left = a.len().min(b.len()) - start;
    let end = (a.iter().rev().zip(b.iter().rev()))
        .take(left)
        .take_while(|(x, y)| x == y)
        .count();
    (start, end)
}

/// `words` from [`CONTEXT_WORDS`] before the change (after `same_start` unchanged words) to
/// as many after it (before `same_end` unchanged words), with `…` where words are left out.
fn around_change(words: &[&str], same_start: usize, same_end: usize) -> String {
    let from = same_start.saturating_sub(CONTEXT_WORDS);
    let to = (words.len() - same_end.min(words.len()) + CONTEXT_WORDS).min(words.len());
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&words[from..to.max(from)].join(" "));
    if to < words.len() {
        shown.push('…');
    }
    shown
}

/// `text` cut to `QUOTE_CHARS` characters with an ellipsis (the ellipsis one of them).
fn clip(text: &str) -> String {
    match first_chars(text, QUOTE_CHARS) {
        None => text.to_owned(),
        Some(_) => format!("{}…", first_chars(text, QUOTE_CHARS - 1).unwrap_or(text)),
    }
}

/// Spaces and line breaks collapsed: a paragraph re-flowed in the file is not reworded.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects the passages of matched items whose words differ.
struct Passages {
    /// Both sides are the same summit: its narrating texts are compared too.
    same_summit: bool,
    changes: Vec<TextChange>,
}

impl Passages {
    fn compare(&mut self, item: &str, field: &str, before: Option<&str>, after: Option<&str>) {
        if before.map(collapse) != after.map(collapse) {
            self.changes.push(TextChange {
                item: item.to_owned(),
                field: field.to_owned(),
                before: before.map(str::to_owned),
                after: after.map(str::to_owned),
            });
        }
    }

    fn participant(&mut self, before: &Participant, after: &Participant) {
        let name = after.name.as_str();
        self.compare(name, "role", before.role.as_deref(), after.role.as_deref());
        let delegation = (before.delegation.as_deref(), after.delegation.as_deref());
        self.compare(name, "delegation", delegation.0, delegation.1);
        if self.same_summit {
            let notes = (before.notes.as_deref(), after.notes.as_deref());
            self.compare(name, "notes", notes.0, notes.1);
        }
    }

    fn meeting(&mut self, before: &PriorMeeting, after: &PriorMeeting) {
        let item = format!("meeting {} {}", after.date, after.place);
        self.compare(
            &item,
            "summary",
            Some(&before.summary),
            Some(&after.summary),
        );
        let outcome = (before.outcome.as_deref(), after.outcome.as_deref());
        self.compare(&item, "outcome", outcome.0, outcome.1);
    }

    fn disagreement(&mut self, before: &Disagreement, after: &Disagreement) {
        let item = format!(
            "disagreement {}",
            after.id.as_deref().unwrap_or(&after.topic)
        );
        if self.same_summit {
            let summary = (before.summary.as_deref(), after.summary.as_deref());
            self.compare(&item, "summary", summary.0, summary.1);
        }
        for position in &after.positions {
            let earlier = (before.positions.iter())
                .find(|p| name_key(&p.party) == name_key(&position.party))
                .map(|p| p.position.as_str());
            let field = format!("position of {}", position.party);
            self.compare(&item, &field, earlier, Some(&position.position));
        }
        for position in &before.positions {
            let kept =
                (after.positions.iter()).any(|p| name_key(&p.party) == name_key(&position.party));
            if !kept {
                let field = format!("position of {}", position.party);
                self.compare(&item, &field, Some(&position.position), None);
            }
        }
    }
}

/// The passages reworded from `from` to `to`, on the items both list (narrating texts only
/// within one summit, see the module doc), matched as the rest of the comparison matches
/// them: participants by folded name, disagreements by `key`, meetings by date and folded
/// place.
pub(super) fn text_reworded(
    from: &Briefing,
    to: &Briefing,
    disagreement_key: impl Fn(&Disagreement) -> String,
) -> Vec<TextChange> {
    let mut passages = Passages {
        same_summit: from.id() == to.id(),
        changes: Vec::new(),
    };
    if passages.same_summit {
        let (before, after) = (&from.summit, &to.summit);
        passages.compare("summit", "title", Some(&before.title), Some(&after.title));
        let summary = (before.summary.as_deref(), after.summary.as_deref());
        passages.compare("summit", "summary", summary.0, summary.1);
    }
    for after in &to.participants {
        let key = name_key(&after.name);
        if let Some(before) = (from.participants.iter()).find(|p| name_key(&p.name) == key) {
            passages.participant(before, after);
        }
    }
    for after in &to.prior_meetings {
        let place = name_key(&after.place);
        let before = (from.prior_meetings.iter())
            .find(|m| m.date == after.date && name_key(&m.place) == place);
        if let Some(before) = before {
            passages.meeting(before, after);
        }
    }
    for after in &to.disagreements {
        let key = disagreement_key(after);
        if let Some(before) = (from.disagreements.iter()).find(|d| disagreement_key(d) == key) {
            passages.disagreement(before, after);
        }
    }
    passages.changes
}

#[cfg(test)]
mod tests {
    use super::TextChange;

    fn change(before: Option<&str>, after: Option<&str>) -> String {
        TextChange {
            item: "disagreement x".to_owned(),
            field: "position of Ukraine".to_owned(),
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        }
        .line()
    }

    #[test]
    fn a_long_wording_shows_the_words_that_changed_with_a_few_around_them() {
        let head = "Took part in the three-way talks in Abu Dhabi and Geneva over two days;";
        let before = format!("{head} Zelenskyy said a referendum needs a truce of sixty days.");
        let after = format!("{head} Zelenskyy said the March round would settle the Donbas.");
        assert_eq!(
            change(Some(&before), Some(&after)),
            "disagreement x position of Ukraine: \
             now \"…two days; Zelenskyy said the March round would settle the Donbas.\"; \
             was \"…two days; Zelenskyy said a referendum needs a truce of sixty days.\""
        );
        // A word changed in the middle keeps the words after it too, up to four.
        let tail = "and the rest of a long position that goes on for a good while more";
        let before = format!("{head} no {tail}");
        let after = format!("{head} yes {tail}");
        assert_eq!(
            change(Some(&before), Some(&after)),
            "disagreement x position of Ukraine: \
             now \"…Geneva over two days; yes and the rest of…\"; \
             was \"…Geneva over two days; no and the rest of…\""
        );
    }

    #[test]
    fn a_wording_added_or_removed_is_shown_from_its_start() {
        assert_eq!(
            change(None, Some("Short and new.")),
            "disagreement x position of Ukraine: now \"Short and new.\"; was none"
        );
        let long = "word ".repeat(40);
        let line = change(Some(&long), None);
        assert!(line.starts_with("disagreement x position of Ukraine: now none; was \"word word"));
        assert!(line.ends_with("…\""), "cut: {line}");
    }
}
