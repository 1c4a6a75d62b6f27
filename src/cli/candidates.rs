//! The values completion offers for summit ids, disagreement ids, participants' names,
//! tags and briefing paths.
//!
//! The command line's definitions (`args`) name these completers, and completion (`complete`)
//! records where the command being typed reads its briefings from before clap asks them:
//! kept apart so that neither the definitions nor the completers import the other's room.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::sync::OnceLock;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter};
use sherpa_core::analysis::name_key;
use sherpa_core::corpus::{Offered, Origin, is_valid_id};

/// The shell being completed for, set once per completion process.
static SHELL: OnceLock<&'static str> = OnceLock::new();

/// Where the command being typed reads its briefings from, set once per completion process.
static SOURCES: OnceLock<Origin> = OnceLock::new();

/// The words typed before the one being completed, set once per completion process: an id
/// already on the line is not offered again (`diff A <Tab>` offers the others).
static TYPED: OnceLock<Vec<String>> = OnceLock::new();

/// Records the shell asking, the briefings the command being typed will read and the words
/// typed so far, before clap runs the completers.
pub(super) fn record(shell: &'static str, sources: Origin, typed: Vec<String>) {
    let _ = SHELL.set(shell);
    let _ = SOURCES.set(sources);
    let _ = TYPED.set(typed);
}

/// What to offer from: the words of one field of the briefings' headlines, scanned or
/// read from the index's rows, not loaded (a Tab over a thousand briefings must answer
/// well within 50 ms); none before [`record`].
fn offered(field: Offered) -> Vec<String> {
    SOURCES
        .get()
        .map(|origin| origin.offered(field))
        .unwrap_or_default()
}

/// How a candidate must hold what is typed.
#[derive(Clone, Copy)]
enum Match {
    /// Start with it: ids, which are typed from their start.
    Prefix,
    /// Hold it anywhere, as `--participant`, `--tag` and the disagreement ids match, so
    /// `Zel` offers `Volodymyr Zelenskyy` and `Vladimir P` offers `Vladimir Putin`.
    Anywhere,
}

/// The words among `words` that hold what is typed so far (an opening quote aside), folded
/// as every match in sherpa is (`luk` offers `Łukasz`), sorted, each once.
fn matching(current: &OsStr, words: impl IntoIterator<Item = String>, how: Match) -> Vec<String> {
    let typed = current.to_string_lossy();
    let typed = name_key(typed.trim_start_matches(['\'', '"']));
    // Every word is left to the end of the process, which answers and exits: freeing
    // 10,000 words one by one is work no one waits for.
    let mut words: Vec<String> = match how {
        // Ids are nearly all different, and each is its own key (`folded` borrows it):
        // the few that match are made unique after, rather than hashing 10,000 ids
        // into a set first (a tenth of a Tab's instructions).
        Match::Prefix => {
            let all: Vec<String> = words.into_iter().collect();
            let words = (all.iter())
                .filter(|word| folded(word).starts_with(&typed))
                .cloned()
                .collect();
            std::mem::forget(all);
            words
        }
        // Each word once before folding: 10,000 briefings name 140,000 participants, most
        // of them many times, and folding each was most of a `--participant` Tab.
        Match::Anywhere => {
            let unique: HashSet<String> = words.into_iter().collect();
            let words = (unique.iter())
                .filter(|word| folded(word).contains(&typed))
                .cloned()
                .collect();
            std::mem::forget(unique);
            words
        }
    };
    words.sort_unstable();
    words.dedup();
    words
}

/// `word` folded for matching ([`name_key`]); a word that is its own key, as every summit
/// id is (lowercase letters, digits and dashes), is taken as it is rather than folded into
/// a copy of itself: for 10,000 ids, the copies were a sixth of a Tab.
fn folded(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(name_key(word))
    }
}

/// `words` as candidates the shell inserts as they are. bash inserts a candidate verbatim,
/// so one with a space is quoted for bash (the other shells quote it themselves).
fn candidates(words: Vec<String>) -> Vec<CompletionCandidate> {
    let for_bash = SHELL.get() == Some(&"bash");
    words
        .into_iter()
        .map(|word| {
            if for_bash && word.contains(' ') {
                CompletionCandidate::new(format!("'{word}'"))
            } else {
                CompletionCandidate::new(word)
            }
        })
        .collect()
}

/// Whether a name or tag from a briefing may be inserted into the user's command line:
/// only letters, digits, spaces, dots and dashes, nothing a shell would act on.
fn is_inert(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-'))
}

/// Summit ids, less those already on the line: `diff A <Tab>` never offers A again.
fn summit_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = TYPED.get().map(Vec::as_slice).unwrap_or_default();
    let ids = (offered(Offered::Ids).into_iter()).filter(|id| !typed.contains(id));
    candidates(matching(current, ids, Match::Prefix))
}

fn disagreement_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let ids = (offered(Offered::Disagreements).into_iter()).filter(|id| is_valid_id(id));
    candidates(matching(current, ids, Match::Anywhere))
}

fn participant_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let names = (offered(Offered::Participants).into_iter()).filter(|name| is_inert(name));
    candidates(matching(current, names, Match::Anywhere))
}

fn tags(current: &OsStr) -> Vec<CompletionCandidate> {
    let tags = (offered(Offered::Tags).into_iter()).filter(|tag| is_inert(tag));
    candidates(matching(current, tags, Match::Anywhere))
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

/// The completer for a summit's tag.
pub(super) fn tag() -> ArgValueCompleter {
    ArgValueCompleter::new(tags)
}

/// The completer for a briefing file or folder: folders and `*.toml` files, what the
/// loader reads.
pub(super) fn briefing_path() -> ArgValueCompleter {
    ArgValueCompleter::new(PathCompleter::any().filter(|path| {
        path.is_dir()
            || path
                .extension()
                .is_some_and(|extension| extension == "toml")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Taking a word as its own key folds it as [`name_key`] does, whatever it holds.
    #[test]
    fn a_word_is_folded_as_name_key_folds_it() {
        for word in [
            "athens-1960-00021",
            "",
            "-",
            "Athens-1960",
            "Łukasz Ø",
            "Volodymyr  Zelenskyy",
            " ar ",
            "tag_1",
        ] {
            assert_eq!(folded(word), name_key(word), "{word:?}");
        }
        assert!(matches!(folded("athens-1960-00021"), Cow::Borrowed(_)));
    }

    #[test]
    fn ids_match_from_their_start_and_names_anywhere_folded() {
        let words = ["athens-1960", "Athena Ø", "paris-1960", "athens-1960"].map(String::from);
        assert_eq!(
            matching(OsStr::new("ath"), words.clone(), Match::Prefix),
            ["Athena Ø", "athens-1960"]
        );
        assert_eq!(
            matching(OsStr::new("'o"), words, Match::Anywhere),
            ["Athena Ø"]
        );
    }
}
