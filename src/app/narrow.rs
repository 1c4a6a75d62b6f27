//! Narrowing the reader to the summits of a tag or a participant, and going to a summit by
//! id or title (issue 24, point 5). A corpus of hundreds of summits is read a slice at a
//! time, as newsboat narrows by tag and lazygit filters its lists: while narrowed, `]`/`[`,
//! the timeline, the board and the finder stay inside the slice, and the header says so.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use foldhash::HashMap;

use super::{Accept, App, Overlay, Picker, PickerEntries};
use sherpa_core::analysis::{self, name_key};
use sherpa_core::corpus::Corpus;

/// What the reader is narrowed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Narrowing {
    /// Summits whose `tags` include this one.
    Tag(String),
    /// Summits this person attended (names compared as [`name_key`] folds them).
    Participant(String),
}

impl fmt::Display for Narrowing {
    /// `tag: ukraine`, `participant: Ada Lindqvist`: what the header and the list show, and
    /// what the list's entries carry as their target ([`Narrowing::from_target`] reads it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tag(tag) => write!(f, "{TAG}{tag}"),
            Self::Participant(name) => write!(f, "{PARTICIPANT}{name}"),
        }
    }
}

const TAG: &str = "tag: ";
const PARTICIPANT: &str = "participant: ";

impl Narrowing {
    /// Reads a list entry's target, as [`Display`](fmt::Display) writes it. The prefixes
    /// hold no colon of their own, so a tag or name containing `": "` still reads back.
    fn from_target(target: &str) -> Option<Self> {
        if let Some(tag) = target.strip_prefix(TAG) {
            return Some(Self::Tag(tag.to_owned()));
        }
        target
            .strip_prefix(PARTICIPANT)
            .map(|name| Self::Participant(name.to_owned()))
    }

    /// The positions (date order) of the summits of `corpus` this narrowing keeps.
    fn positions(&self, corpus: &Corpus) -> Vec<usize> {
        match self {
            Self::Tag(tag) => (0..corpus.len())
                .filter(|&position| corpus.tags_at(position).iter().any(|t| t == tag))
                .collect(),
            Self::Participant(name) => analysis::attended(corpus, name),
        }
    }
}

/// The narrowing in force and the summits it keeps, recomputed whenever the corpus changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrowed {
    pub by: Narrowing,
    /// Corpus positions, ascending (date order).
    pub positions: Vec<usize>,
}

/// The widest the `:` list's id column grows: a longer id keeps two spaces before its
/// title rather than push every title off the screen.
const GO_TO_ID_COLUMN_MAX: usize = 24;

impl App {
    /// The narrowing in force, if any.
    #[must_use]
    pub fn narrowed(&self) -> Option<&Narrowed> {
        self.narrowed.as_ref()
    }

    /// The positions of the summits the reader moves among: the narrowed ones, or all.
    pub(super) fn summits_in_view(&self) -> Vec<usize> {
        self.narrowed
            .as_ref()
            .map_or_else(|| (0..self.corpus.len()).collect(), |n| n.positions.clone())
    }

    /// Whether the summit at `position` is among those the reader moves among.
    pub(super) fn is_in_view(&self, position: usize) -> bool {
        self.narrowed
            .as_ref()
            .is_none_or(|n| n.positions.binary_search(&position).is_ok())
    }

    /// The list of every tag and participant with how many summits each has; `Enter`
    /// narrows the reader to the selected one.
    pub(super) fn show_narrow_list(&mut self) {
        if self.corpus.is_empty() {
            return;
        }
        let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
        // Each name as written: how often, and the first time it is (a running count of
        // names). Folding each of 600,000 names over 100,000 summits took half a second on
        // the key's thread; a name written the same way is folded once.
        let mut written: HashMap<&str, (usize, usize)> = HashMap::default();
        let mut names_seen = 0;
        for position in 0..self.corpus.len() {
            for tag in self.corpus.tags_at(position) {
                *tags.entry(tag).or_default() += 1;
            }
            for name in self.corpus.participants_at(position) {
                written.entry(name).or_insert((names_seen, 0)).1 += 1;
                names_seen += 1;
            }
        }
        // By folded name, so "Ada Lindqvist" and "ada  lindqvist" count as one person;
        // the name is shown as first written.
        let mut people: BTreeMap<String, (usize, &str, usize)> = BTreeMap::new();
        for (name, (first, count)) in written {
            let person = people.entry(name_key(name)).or_insert((first, name, 0));
            if first < person.0 {
                (person.0, person.1) = (first, name);
            }
            person.2 += count;
        }
        let tags = tags
            .into_iter()
            .map(|(tag, count)| (Narrowing::Tag(tag.to_owned()), count));
        let people = people
            .into_values()
            .map(|(_, name, count)| (Narrowing::Participant(name.to_owned()), count));
        let entries = PickerEntries::from_lines(tags.chain(people).map(|(by, count)| {
            let summits = if count == 1 { "summit" } else { "summits" };
            (
                format!("{by}  ({count} {summits})"),
                Vec::new(),
                Some(by.to_string()),
            )
        }));
        let mut picker = Picker::new("Narrow to a tag or participant", Arc::new(entries), None);
        picker.accept = Accept::Narrow;
        self.overlay = Overlay::Picker(Box::new(picker));
    }

    /// A list of the summits in view matched on their id and title only, so a few letters
    /// of either complete to it; `Enter` goes there.
    pub(super) fn show_go_to(&mut self) {
        if self.corpus.is_empty() {
            return;
        }
        // The titles line up in one column, as in any two-column picker. Ids are ASCII
        // (`[a-z0-9-]`), so padding by characters pads by columns.
        let positions = self.summits_in_view();
        let current = positions.iter().position(|&p| p == self.current);
        let corpus = &self.corpus;
        let column = (positions.iter())
            .filter_map(|&p| corpus.id_at(p).map(str::len))
            .max()
            .unwrap_or(0)
            .min(GO_TO_ID_COLUMN_MAX);
        let entries = PickerEntries::from_lines(positions.iter().filter_map(|&p| {
            let (id, title) = (corpus.id_at(p)?, corpus.title_at(p)?);
            Some((
                format!("{id:<column$}  {title}"),
                Vec::new(),
                Some(id.to_owned()),
            ))
        }));
        self.open_picker(self.scoped_title("Go to a summit"), entries, current);
    }

    /// A list's title, saying when it only lists the narrowed summits.
    pub(super) fn scoped_title(&self, title: &str) -> String {
        match &self.narrowed {
            Some(narrowed) => format!("{title} (narrowed to {})", narrowed.by),
            None => title.to_owned(),
        }
    }

    /// The title of a list that narrowing cut from `every` rows to `shown`, with the
    /// narrowing and both counts, so rows left out are never silently missing.
    pub(super) fn narrowed_list_title(&self, title: &str, shown: usize, every: usize) -> String {
        match &self.narrowed {
            Some(narrowed) => format!("{title} (narrowed to {}: {shown} of {every})", narrowed.by),
            None => title.to_owned(),
        }
    }

    /// `Enter` in the narrowing list: narrow to what its target names.
    pub(super) fn accept_narrowing(&mut self, target: Option<&str>) {
        match target.and_then(Narrowing::from_target) {
            Some(by) => self.narrow_to(by),
            None => self.set_status("Nothing matches; nothing to narrow to", true),
        }
    }

    /// Narrows the reader to `by`; when the summit being read is not among its summits,
    /// goes to the first of them from here on (or the first of all).
    pub fn narrow_to(&mut self, by: Narrowing) {
        let positions = by.positions(&self.corpus);
        let Some(&first) = positions.first() else {
            self.set_status(format!("No summit has {by}"), true);
            return;
        };
        if !positions.contains(&self.current) {
            let next = positions
                .iter()
                .find(|&&p| p > self.current)
                .copied()
                .unwrap_or(first);
            self.go_to(next);
        }
        self.narrowed = Some(Narrowed { by, positions });
        // The finder's and `n`'s passages were found over every summit.
        self.search = None;
    }

    /// Reads every summit again.
    pub(super) fn clear_narrowing(&mut self) {
        if self.narrowed.take().is_some() {
            self.set_status(
                format!("Showing all {} summits again", self.corpus.len()),
                false,
            );
        } else {
            self.set_status("The reader is not narrowed", false);
        }
    }

    /// Finds the narrowed summits again in a reloaded corpus.
    pub(super) fn renarrow(&mut self) {
        if let Some(narrowed) = &mut self.narrowed {
            narrowed.positions = narrowed.by.positions(&self.corpus);
        }
    }

    /// The header's note: what the reader is narrowed to, how many summits of how many.
    #[must_use]
    pub fn narrowing_note(&self) -> Option<String> {
        let narrowed = self.narrowed.as_ref()?;
        Some(format!(
            "narrowed to {} — {} of {}",
            narrowed.by,
            narrowed.positions.len(),
            self.corpus.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Narrowing;

    #[test]
    fn a_narrowing_reads_back_from_what_it_displays() {
        for by in [
            Narrowing::Tag("ukraine".into()),
            Narrowing::Tag("war: ukraine".into()),
            Narrowing::Participant("Ada Lindqvist".into()),
        ] {
            assert_eq!(Narrowing::from_target(&by.to_string()), Some(by));
        }
        assert_eq!(Narrowing::from_target("ukraine"), None);
    }
}
