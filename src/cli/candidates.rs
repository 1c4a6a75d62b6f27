//! The values completion offers for summit ids, disagreement ids and participants' names.
//!
//! The command line's definitions (`args`) name these completers, and completion (`complete`)
//! records where the command being typed reads its briefings from before clap asks them:
//! kept apart so that neither the definitions nor the completers import the other's room.

use std::ffi::OsStr;
use std::sync::OnceLock;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use sherpa_core::analysis;
use sherpa_core::corpus::{Corpus, Origin, is_valid_id};
use sherpa_core::fold::fold;

/// The shell being completed for, set once per completion process.
static SHELL: OnceLock<&'static str> = OnceLock::new();

/// Where the command being typed reads its briefings from, set once per completion process.
static SOURCES: OnceLock<Origin> = OnceLock::new();

/// Records the shell asking and the briefings the command being typed will read, before
/// clap runs the completers.
pub(super) fn record(shell: &'static str, sources: Origin) {
    let _ = SHELL.set(shell);
    let _ = SOURCES.set(sources);
}

/// The briefings to offer from: none before [`record`].
fn corpus() -> Corpus {
    SOURCES.get().map(Origin::load).unwrap_or_default()
}

/// Candidates from `words` that start with what is typed so far (an opening quote aside),
/// folded as every match in sherpa is: `luk` offers `Łukasz`.
fn matching(current: &OsStr, words: impl IntoIterator<Item = String>) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let typed = fold(typed.trim_start_matches(['\'', '"']));
    let mut words: Vec<String> = words
        .into_iter()
        .filter(|word| fold(word.trim_start_matches('\'')).starts_with(&typed))
        .collect();
    words.sort();
    words.dedup();
    words.into_iter().map(CompletionCandidate::new).collect()
}

fn summit_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let corpus = corpus();
    matching(
        current,
        corpus.briefings().iter().map(|b| b.id().to_owned()),
    )
}

fn disagreement_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let ids = analysis::disagreement_ids(&corpus());
    matching(current, ids.into_iter().filter(|id| is_valid_id(id)))
}

/// Participant names, only those made of letters, digits, spaces, dots and dashes: a
/// completion is inserted into the user's command line, so a name from a briefing must not
/// carry anything a shell would act on. bash inserts a candidate as it is, so a name with
/// a space is quoted for bash (the other shells quote it themselves).
fn participant_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let corpus = corpus();
    let for_bash = SHELL.get() == Some(&"bash");
    let names = corpus
        .briefings()
        .iter()
        .flat_map(|b| b.participants.iter().map(|p| p.name.clone()))
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-'))
        })
        .map(|name| {
            if for_bash && name.contains(' ') {
                format!("'{name}'")
            } else {
                name
            }
        });
    matching(current, names)
}

/// The completer for a summit id argument.
pub(super) fn summit_id() -> ArgValueCompleter {
    ArgValueCompleter::new(summit_ids)
}

/// The completer for a disagreement id argument.
pub(super) fn disagreement_id() -> ArgValueCompleter {
    ArgValueCompleter::new(disagreement_ids)
}

/// The completer for a participant's name.
pub(super) fn participant() -> ArgValueCompleter {
    ArgValueCompleter::new(participant_names)
}
