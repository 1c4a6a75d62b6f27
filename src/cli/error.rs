//! The one error type of the command line. Commands return it; `main` reports it once
//! and turns it into the exit status, so no command prints an error and picks a number.

use std::io;

use sherpa_core::export::ExportError;
use sherpa_core::sanitize::{sanitize, sanitize_line};

use crate::config::ConfigError;

/// Exit status for success.
pub const EXIT_OK: u8 = 0;
/// Exit status for a content or I/O problem.
pub const EXIT_FAILURE: u8 = 1;
/// Exit status for a usage error, an invalid config, or the reader without a terminal.
pub const EXIT_USAGE: u8 = 2;

/// Why a command failed. Each variant is a problem the user can act on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Writing the output failed (a closed pipe ends quietly, as `head` expects).
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
    /// The config file is missing (when named), unreadable or invalid.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// `--config` is needed because the platform has no config folder.
    #[error("this platform has no config folder; use --config FILE")]
    NoConfigFolder,
    /// The reader was started where it cannot draw.
    #[error("{0}.\nUse `sherpa list` to list summits and `sherpa export ID [PANE]` to print one.")]
    NoTerminal(&'static str),
    /// No summit has this id.
    #[error(
        "no summit with id \"{}\"; {}",
        sanitize_line(id),
        hint(near, "`sherpa list` shows the ids")
    )]
    UnknownSummit { id: String, near: Vec<String> },
    /// The file named after the id is there but does not load: its first error says why.
    #[error(
        "summit \"{}\" is in {}, which does not load:\n{error}\n`sherpa check {}` lists every problem",
        sanitize_line(id),
        sanitize_line(path),
        sanitize_line(path)
    )]
    BrokenSummit {
        id: String,
        path: String,
        /// The first error, as `sherpa check` prints it (location, message, snippet).
        error: String,
    },
    /// `sherpa new` was given an id the loader would refuse.
    #[error(
        "\"{}\" is not a valid summit id: lowercase letters, digits and dashes, starting with a letter or digit{}",
        sanitize_line(id),
        suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default()
    )]
    InvalidId {
        id: String,
        suggestion: Option<String>,
    },
    /// `sherpa new` was given an id a briefing in the folder already has.
    #[error(
        "summit id \"{}\" is already used by {path}; did you mean `{free}`?",
        sanitize_line(id)
    )]
    UsedId {
        id: String,
        path: String,
        free: String,
    },
    /// `sherpa new` never replaces a file.
    #[error("{} already exists; sherpa new never replaces a file", path.display())]
    Exists { path: std::path::PathBuf },
    /// A word that is neither a command nor an existing path.
    #[error(
        "`{word}` is not a command, file or folder; {}",
        near.as_ref().map_or_else(|| "`sherpa --help` lists the commands".to_owned(), |n| format!("did you mean `{n}`?"))
    )]
    UnknownCommand { word: String, near: Option<String> },
    /// The briefing cannot be edited: no file, a bad `$VISUAL`/`$EDITOR`, a failing editor.
    #[error("{0}")]
    Editor(#[from] crate::tui::editor::EditorError),
    /// No disagreement has this id: the nearest, as for a summit's, else every id.
    #[error(
        "no disagreement with id \"{}\"; {}",
        sanitize_line(id),
        hint(near, &format!("known ids: {}", known.join(", ")))
    )]
    UnknownDisagreement {
        id: String,
        near: Vec<String>,
        known: Vec<String>,
    },
    /// A search found nothing (exit 1, as grep does, so scripts can test for it).
    #[error("nothing matches \"{}\"", sanitize_line(.0))]
    NothingMatches(String),
    /// `timeline --participant` matched nobody: an empty answer would look like success.
    #[error("no meeting lists a participant matching \"{}\"", sanitize_line(name))]
    NoParticipant { name: String },
    /// A book's selection holds no summit.
    #[error("{0}; `sherpa list` shows the summits and their dates")]
    Selection(#[from] sherpa_core::book::SelectError),
    /// An export could not be written.
    #[error("{0}")]
    Export(#[from] ExportError),
    /// `--format` names one format and the output file's extension another.
    #[error(
        "--format {format} contradicts {}, whose extension means {implied}; drop --format or rename the file",
        sanitize_line(&path.display().to_string())
    )]
    FormatContradiction {
        format: &'static str,
        implied: &'static str,
        path: std::path::PathBuf,
    },
    /// A JSON document could not be produced.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// `sherpa cache` could not list or delete the indexes.
    #[error("cannot {doing} the index folder {}: {source}", sanitize_line(&path.display().to_string()))]
    Cache {
        doing: &'static str,
        path: std::path::PathBuf,
        source: io::Error,
    },
    /// The command printed its own account of the problem (a check's summary, the files
    /// that did not load) and fails without another message.
    #[error("")]
    Reported,
}

fn hint(near: &[String], otherwise: &str) -> String {
    if near.is_empty() {
        otherwise.to_owned()
    } else {
        format!("did you mean {}?", near.join(", "))
    }
}

impl CliError {
    /// The process exit status for this error.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Output(err) if err.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
            Self::Config(_)
            | Self::NoTerminal(_)
            | Self::InvalidId { .. }
            | Self::UnknownCommand { .. }
            | Self::FormatContradiction { .. }
            | Self::Editor(crate::tui::editor::EditorError::Unparsable { .. }) => EXIT_USAGE,
            _ => EXIT_FAILURE,
        }
    }

    /// The message for stderr, sanitised, or `None` when there is nothing more to say.
    #[must_use]
    pub fn message(&self) -> Option<String> {
        match self {
            Self::Reported => None,
            Self::Output(err) if err.kind() == io::ErrorKind::BrokenPipe => None,
            other => Some(format!("sherpa: {}", sanitize(&other.to_string()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_ends_quietly_with_success() {
        let err = CliError::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(err.exit_code(), EXIT_OK);
        assert_eq!(err.message(), None);
    }

    #[test]
    fn unknown_ids_suggest_the_closest_and_are_sanitised() {
        let err = CliError::UnknownSummit {
            id: "helsinky\u{1b}]0;x\u{7}".to_owned(),
            near: vec!["helsinki-2018".to_owned()],
        };
        let message = err.message().unwrap();
        assert!(message.contains("did you mean helsinki-2018?"), "{message}");
        assert!(!message.contains('\u{1b}'));
        assert_eq!(err.exit_code(), EXIT_FAILURE);
    }

    #[test]
    fn an_unknown_disagreement_suggests_the_closest_else_lists_them_all() {
        let known = vec!["arms-control".to_owned(), "cyber".to_owned()];
        let near = CliError::UnknownDisagreement {
            id: "arms-contro".to_owned(),
            near: vec!["arms-control".to_owned()],
            known: known.clone(),
        };
        let message = near.message().unwrap();
        assert!(message.ends_with("did you mean arms-control?"), "{message}");
        let far = CliError::UnknownDisagreement {
            id: "trade".to_owned(),
            near: Vec::new(),
            known,
        };
        let message = far.message().unwrap();
        assert!(
            message.ends_with("known ids: arms-control, cyber"),
            "{message}"
        );
    }
}
