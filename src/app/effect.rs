//! What the reader asks the runner to do, because it touches the world outside the state.

use std::path::PathBuf;

use super::SearchRequest;
use crate::tui::editor::EditorCommand;

/// Work that `update` asks the runner to do, because it touches the world outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Write `contents` to `<dir>/<stem>.txt` (or a free `-N` name), then report back.
    Export {
        dir: PathBuf,
        stem: String,
        contents: String,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Hand the terminal to the user's editor, wait for it, then report back with
    /// `App::edit_finished` and reload.
    Edit(EditorCommand),
    /// Open an `http(s)` URL with the platform's opener (never through a shell).
    OpenUrl(String),
    /// Find the finder's passages away from the drawing thread, then report back with
    /// `App::search_finished`.
    Search(SearchRequest),
}
