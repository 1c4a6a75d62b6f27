//! `sherpa track ID`: one disagreement followed through every summit that discussed it.

use super::json::TrackJson;
use super::output::{print_json, print_rows};
use super::{CliError, CommandResult};
use sherpa_core::analysis;
use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::closest_word;

pub(super) fn track(corpus: &Corpus, id: &str, json: bool) -> CommandResult {
    let steps = match analysis::track_or_known(corpus, id) {
        Ok(steps) => steps,
        Err(known) => {
            let near = closest_word(id, known.iter().map(String::as_str))
                .map(str::to_owned)
                .into_iter()
                .collect();
            return Err(CliError::UnknownDisagreement {
                id: id.to_owned(),
                near,
                known,
            });
        }
    };
    if json {
        return print_json(&TrackJson::of(corpus, id, &steps));
    }
    print_rows(steps.iter().map(analysis::track_text))
}
