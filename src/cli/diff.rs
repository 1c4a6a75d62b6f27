//! `sherpa diff FROM TO`: what changed between two summits.

use super::CommandResult;
use super::json::DiffJson;
use super::load::find_summit;
use super::output::{print_json, print_rows};
use sherpa_core::analysis;
use sherpa_core::corpus::Corpus;
use sherpa_core::sanitize::sanitize;

pub(super) fn diff(corpus: &Corpus, from: &str, to: &str, json: bool) -> CommandResult {
    let (a, b) = (find_summit(corpus, from)?, find_summit(corpus, to)?);
    // Allowed, but worth saying: without a word, a list of `unchanged` lines reads as two
    // summits that agreed on everything.
    if a.id() == b.id() {
        eprintln!(
            "sherpa: note: {} is compared with itself, so nothing has changed; name two summits",
            sanitize(a.id())
        );
    }
    // Allowed, but worth saying: the answer reads backwards in time.
    if a.summit.date > b.summit.date {
        eprintln!(
            "sherpa: note: {} ({}) is later than {} ({}); showing the change from the later one",
            sanitize(from),
            a.summit.date,
            sanitize(to),
            b.summit.date
        );
    }
    let result = analysis::diff(a, b);
    if json {
        return print_json(&DiffJson::of(a, b, &result));
    }
    print_rows(
        analysis::diff_text(&result)
            .into_iter()
            .map(|line| (line, Vec::new())),
    )
}
