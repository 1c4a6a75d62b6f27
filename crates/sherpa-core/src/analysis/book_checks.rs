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
//! --strict` turns into an error.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::analysis::name_key;
use crate::corpus::{Corpus, ItemPlace, item_line};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Briefing, DisagreementStatus, ItemTable};

/// The fewest parties whose positions make a disagreement.
const MIN_PARTIES: usize = 2;

/// One problem the checks found: in which briefing (its corpus position), at which item,
/// and what.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    position: usize,
    place: ItemPlace,
    message: String,
}

/// Every problem the book checks find in `corpus`, as warnings in the corpus's order.
///
/// The corpus keeps no file text, so a problem in a file on disk gets its line by reading
/// that file back once (as the editor command does) and finding the item's table header;
/// a bundled briefing, standard input or a file changed since has the path only. Either
/// way the message names the item, e.g. `disagreements[2] (Territory)`.
#[must_use]
pub fn check_book(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let mut last_status: HashMap<&str, (DisagreementStatus, &str)> = HashMap::new();
    for (position, briefing) in corpus.briefings().iter().enumerate() {
        find_one_sided(position, briefing, &mut findings);
        find_unexplained_moves(position, briefing, &mut last_status, &mut findings);
        find_incomplete_sources(position, briefing, &mut findings);
    }
    located(corpus, findings)
}

/// Disagreements that give fewer than two parties' positions. Parties are told apart as
/// names are everywhere ([`name_key`]), so "Russia" twice is one side.
fn find_one_sided(position: usize, briefing: &Briefing, findings: &mut Vec<Finding>) {
    for (index, disagreement) in briefing.disagreements.iter().enumerate() {
        let parties: HashSet<String> = disagreement
            .positions
            .iter()
            .map(|p| name_key(&p.party))
            .collect();
        if parties.len() < MIN_PARTIES {
            let given = if parties.is_empty() {
                "no party's position"
            } else {
                "one party's position"
            };
            findings.push(Finding {
                position,
                place: ItemPlace::Item(ItemTable::Disagreements, index),
                message: format!(
                    "{}: gives {given}; a disagreement needs the positions of at least {MIN_PARTIES} parties",
                    item_label(briefing, ItemTable::Disagreements, index),
                ),
            });
        }
    }
}

/// Tracked disagreements whose status differs from the previous summit's (by date) while
/// they have no `summary` to say why. `last_status` holds each id's status at the latest
/// summit seen so far, and the summit's id; briefings come in date order.
fn find_unexplained_moves<'a>(
    position: usize,
    briefing: &'a Briefing,
    last_status: &mut HashMap<&'a str, (DisagreementStatus, &'a str)>,
    findings: &mut Vec<Finding>,
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
            findings.push(Finding {
                position,
                place: ItemPlace::Item(ItemTable::Disagreements, index),
                message: format!(
                    "{}: \"{id}\" moves from {} at {summit} to {} here without a summary saying why",
                    item_label(briefing, ItemTable::Disagreements, index),
                    before.as_str(),
                    disagreement.status.as_str(),
                ),
            });
        }
        last_status.insert(id, (disagreement.status, briefing.id()));
    }
}

/// Sources without a date, and sources whose title is cut short with an ellipsis.
fn find_incomplete_sources(position: usize, briefing: &Briefing, findings: &mut Vec<Finding>) {
    for (index, source) in briefing.sources.iter().enumerate() {
        let mut push = |problem: &str| {
            findings.push(Finding {
                position,
                place: ItemPlace::Source(index),
                message: format!("sources[{index}] ({}): {problem}", source.id),
            });
        };
        if source.date.is_none() {
            push("has no date; give the date the page carries");
        }
        if source.title.as_deref().is_some_and(is_cut_short) {
            push("title ends in an ellipsis; write the headline whole");
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

/// `disagreements[2] (Territory)`: the item as the other diagnostics name it.
fn item_label(briefing: &Briefing, table: ItemTable, index: usize) -> String {
    briefing
        .citing_items()
        .into_iter()
        .find(|item| item.table == table && item.index == index)
        .map_or_else(|| format!("{}[{index}]", table.key()), |item| item.label())
}

/// The findings as diagnostics, each file read back at most once for the lines.
fn located(corpus: &Corpus, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let mut text: Option<(usize, Option<String>)> = None;
    findings
        .into_iter()
        .map(|finding| {
            let path = corpus.path_of(finding.position).unwrap_or_default();
            let mut diagnostic = Diagnostic::new(path, Severity::Warning, finding.message);
            // Findings come grouped by briefing, so one cached text serves each file.
            if text.as_ref().is_none_or(|(at, _)| *at != finding.position) {
                let read = corpus.file_of(finding.position).and_then(read_text);
                text = Some((finding.position, read));
            }
            if let Some((_, Some(text))) = &text {
                diagnostic.line = item_line(text, finding.place);
            }
            diagnostic
        })
        .collect()
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
