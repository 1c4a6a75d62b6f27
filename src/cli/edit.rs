//! `sherpa edit ID`: open a summit's briefing in the user's editor, at its `[summit]` table.
//!
//! The reader's `E` key does the same from inside the reader with the functions this uses:
//! [`crate::editor::editor_command`] and [`sherpa_core::corpus::item_line`].

use std::path::PathBuf;

use sherpa_core::corpus::{ItemPlace, item_line};

use super::{CliError, CommandResult, Sources, find_summit, load_for_summit};
use crate::editor::editor_command;

/// The arguments of `sherpa edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The summit id (see `sherpa list`).
    #[arg(add = super::complete::summit_id())]
    id: String,
    /// Briefing file or folder to read instead of the default source.
    #[arg(long, value_name = "PATH")]
    dir: Vec<PathBuf>,
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on the summit's file and waits for it.
pub(super) fn edit(args: &EditArgs, configured: &Sources<'_>) -> CommandResult {
    let corpus = load_for_summit(&args.dir, configured, &args.id);
    find_summit(&corpus, &args.id)?;
    let file = corpus
        .position(&args.id)
        .and_then(|position| corpus.file_of(position))
        .ok_or_else(|| CliError::NoFile {
            id: args.id.clone(),
        })?;
    // The file may have changed since it was loaded; at worst the editor opens at the top.
    let line = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| item_line(&text, ItemPlace::Summit));
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let command = editor_command(visual.as_deref(), editor.as_deref(), file, line)?;
    let status = command
        .command()
        .status()
        .map_err(|err| CliError::EditorFailed {
            command: command.describe(),
            reason: sherpa_core::diagnostics::io_reason(&err),
        })?;
    if !status.success() {
        return Err(CliError::EditorFailed {
            command: command.describe(),
            reason: status.to_string(),
        });
    }
    Ok(())
}
