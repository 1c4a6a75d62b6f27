//! `sherpa timeline`: every meeting in date order, optionally one person's.

use super::json::TimelineJson;
use super::output::{print_json, print_rows};
use super::{CliError, CommandResult};
use sherpa_core::analysis;
use sherpa_core::corpus::Corpus;

pub(super) fn timeline(corpus: &Corpus, participant: Option<&str>, json: bool) -> CommandResult {
    let mut entries = analysis::timeline(corpus);
    if let Some(name) = participant {
        entries = analysis::with_participant(entries, name);
        if entries.is_empty() {
            return Err(CliError::NoParticipant {
                name: name.to_owned(),
            });
        }
    }
    if json {
        return print_json(&TimelineJson::of(corpus, &entries));
    }
    print_rows(entries.iter().map(analysis::timeline_text))
}
