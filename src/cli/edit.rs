//! `sherpa edit ID`: open a summit's briefing in the user's editor, at its `[summit]` table.
//!
//! The reader's `E` key does the same from inside the reader with the function this uses,
//! [`crate::editor::command_for`], at the selected item.

use std::path::PathBuf;

use sherpa_core::corpus::ItemPlace;

use super::CommandResult;
use super::load::{Sources, find_summit, load_for_summit};
use crate::editor::command_for;

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
    // Found just above, so it has a position.
    if let Some(position) = corpus.position(&args.id) {
        command_for(&corpus, position, ItemPlace::Summit)?.run()?;
    }
    Ok(())
}
