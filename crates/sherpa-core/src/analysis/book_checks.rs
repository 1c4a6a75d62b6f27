//! Checks that keep a briefing book honest beyond its format: what an author checking the
//! book's content, not its syntax, would want to hear about.
//!
//! - A disagreement needs the positions of at least two parties: one side's view alone is
//!   not a disagreement, and a reader cannot weigh it.
//! - A tracked disagreement (one `id` in several briefings) whose status moves from the
//!   previous summit by date must say why in its `summary`, or the board shows a change
//!   nobody explains.
//! - A source needs a date, and its title must be written whole (not cut with "…"), so a
//!   reader can find the page.
//!
//! They run over a loaded corpus (the tracked-status check needs every briefing), once per
//! item, so they are linear in the corpus. Each problem is a warning, which `check
//! --strict` turns into an error. A file's problems count against the same cap as its load
//! problems ([`MAX_PER_FILE`](crate::diagnostics::MAX_PER_FILE)), so a hostile file with a
//! million one-sided disagreements prints a summary, not a million lines.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::analysis::name_key;
use crate::corpus::{Corpus, ItemPlace, item_line};
use crate::diagnostics::{Diagnostic, FileDiagnostics, Severity};
use crate::model::{Briefing, CitingItem, DisagreementStatus, ItemTable};

/// The fewest parties whose positions make a disagreement.
const MIN_PARTIES: usize = 2;

/// One problem the checks found in a briefing. Its message is written only if it is shown:
/// past the per-file cap a problem is only counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem<'a> {
    /// Disagreement `index` gives the positions of `parties` parties (0 or 1).
    OneSided { index: usize, parties: usize },
    /// Disagreement `index`, tracked as `id`, moved from `before` at `summit` to `after`
    /// without a summary.
    UnexplainedMove {
        index: usize,
        id: &'a str,
        before: DisagreementStatus,
        summit: &'a str,
        after: DisagreementStatus,
    },
    /// Source `index` has no date.
    Undated { index: usize },
    /// Source `index`'s title ends in an ellipsis.
    CutTitle { index: usize },
}

impl Problem<'_> {
    /// Where the problem is in the file, for its line.
    fn place(self) -> ItemPlace {
        match self {
            Self::OneSided { index, .. } | Self::UnexplainedMove { index, .. } => {
                ItemPlace::Item(ItemTable::Disagreements, index)
            }
            Self::Undated { index } | Self::CutTitle { index } => ItemPlace::Source(index),
        }
    }

    /// The message, naming the item as the other diagnostics do: `disagreements[2]
    /// (Territory)`, `sources[0] (s1)`.
    fn message<'b>(self, briefing: &'b Briefing, items: &OnceCell<Vec<CitingItem<'b>>>) -> String {
        let disagreement = |index: usize| {
            items
                .get_or_init(|| briefing.citing_items())
                .iter()
                .find(|item| item.table == ItemTable::Disagreements && item.index == index)
                .map_or_else(|| format!("disagreements[{index}]"), CitingItem::label)
        };
        let source = |index: usize| {
            let id = briefing.sources.get(index).map_or("", |s| s.id.as_str());
            format!("sources[{index}] ({id})")
        };
        match self {
            Self::OneSided { index, parties } => format!(
                "{}: gives {} party's position; a disagreement needs the positions of at least {MIN_PARTIES} parties",
                disagreement(index),
                if parties == 0 { "no" } else { "one" },
            ),
            Self::UnexplainedMove {
                index,
                id,
                before,
                summit,
                after,
            } => format!(
                "{}: \"{id}\" moves from {} at {summit} to {} here without a summary saying why",
                disagreement(index),
                before.as_str(),
                after.as_str(),
            ),
            Self::Undated { index } => format!(
                "{}: has no date; give the date the page carries",
                source(index)
            ),
            Self::CutTitle { index } => format!(
                "{}: title ends in an ellipsis; write the headline whole",
                source(index)
            ),
        }
    }
}

/// Every problem the book checks find in `corpus`, as warnings, file by file in the
/// corpus's (date) order.
///
/// The corpus keeps no file text, so a problem in a file on disk gets its line by reading
/// that file back once (as the editor command does) and finding the item's table header;
/// a bundled briefing, standard input or a file changed since has the path only. Either
/// way the message names the item.
#[must_use]
pub fn check_book(corpus: &Corpus) -> Vec<Diagnostic> {
    // A file's cap counts the problems its load already listed.
    let mut shown: HashMap<&str, usize> = HashMap::new();
    for diagnostic in corpus.diagnostics().iter().filter(|d| d.omitted == 0) {
        *shown.entry(diagnostic.path.as_str()).or_default() += 1;
    }
    let mut last_status = HashMap::new();
    let mut diagnostics = Vec::new();
    for (position, briefing) in corpus.briefings().iter().enumerate() {
        let mut problems = Vec::new();
        find_one_sided(briefing, &mut problems);
        find_unexplained_moves(briefing, &mut last_status, &mut problems);
        find_incomplete_sources(briefing, &mut problems);
        if problems.is_empty() {
            continue;
        }
        let path = corpus.path_of(position).unwrap_or_default();
        let text = corpus.file_of(position).and_then(read_text);
        let items = OnceCell::new();
        let mut report = FileDiagnostics::after(shown.get(path).copied().unwrap_or(0));
        for problem in problems {
            report.push_with(Severity::Warning, || Diagnostic {
                line: text
                    .as_deref()
                    .and_then(|text| item_line(text, problem.place())),
                ..Diagnostic::new(path, Severity::Warning, problem.message(briefing, &items))
            });
        }
        diagnostics.extend(report.finish(path));
    }
    diagnostics
}

/// Disagreements that give fewer than two parties' positions. Parties are told apart as
/// names are everywhere ([`name_key`]), so "Russia" twice is one side.
fn find_one_sided(briefing: &Briefing, problems: &mut Vec<Problem<'_>>) {
    for (index, disagreement) in briefing.disagreements.iter().enumerate() {
        let parties: HashSet<String> = disagreement
            .positions
            .iter()
            .map(|p| name_key(&p.party))
            .collect();
        if parties.len() < MIN_PARTIES {
            problems.push(Problem::OneSided {
                index,
                parties: parties.len(),
            });
        }
    }
}

/// Tracked disagreements whose status differs from the previous summit's (by date) while
/// they have no `summary` to say why. `last_status` holds each id's status at the latest
/// summit seen so far, and that summit's id; briefings come in date order.
fn find_unexplained_moves<'a>(
    briefing: &'a Briefing,
    last_status: &mut HashMap<&'a str, (DisagreementStatus, &'a str)>,
    problems: &mut Vec<Problem<'a>>,
) {
    for (index, disagreement) in briefing.disagreements.iter().enumerate() {
        let Some(id) = disagreement.id.as_deref() else {
            continue;
        };
        let explained = disagreement
            .summary
            .as_deref()
            .is_some_and(|summary| !summary.trim().is_empty());
        if let Some(&(before, summit)) = last_status.get(id)
            && before != disagreement.status
            && !explained
        {
            problems.push(Problem::UnexplainedMove {
                index,
                id,
                before,
                summit,
                after: disagreement.status,
            });
        }
        last_status.insert(id, (disagreement.status, briefing.id()));
    }
}

/// Sources without a date, and sources whose title is cut short with an ellipsis.
fn find_incomplete_sources(briefing: &Briefing, problems: &mut Vec<Problem<'_>>) {
    for (index, source) in briefing.sources.iter().enumerate() {
        if source.date.is_none() {
            problems.push(Problem::Undated { index });
        }
        if source.title.as_deref().is_some_and(is_cut_short) {
            problems.push(Problem::CutTitle { index });
        }
    }
}

/// Whether a title was cut short: it ends in "…" or "...", after any closing quotes.
fn is_cut_short(title: &str) -> bool {
    let end = title
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ']', ')']);
    end.ends_with('…') || end.ends_with("...")
}

/// A briefing file's text, if it can still be read.
fn read_text(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_cut_short_by_either_ellipsis_even_inside_quotes() {
        assert!(is_cut_short("West regains unity on Ukraine…"));
        assert!(is_cut_short("Trump to meet Zelensky at Davos..."));
        assert!(is_cut_short("\"Trump suspends plans…\""));
        assert!(!is_cut_short("Trump: made progress with Putin"));
        assert!(!is_cut_short("Wait… what happened in Helsinki"));
    }
}
