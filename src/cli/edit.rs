//! `sherpa edit ID`: open a summit's briefing in the user's editor, at its `[summit]` table.
//!
//! The reader's `E` key does the same from inside the reader with the function this uses,
//! [`crate::tui::editor::command_for`], at the selected item.

use super::CommandResult;
use super::load::{find_summit, load_for_summit};
use crate::tui::editor::command_for;
use sherpa_core::corpus::Origin;

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on the summit's file and waits for it.
pub(super) fn edit(origin: &Origin, id: &str) -> CommandResult {
    let corpus = load_for_summit(origin, id);
    find_summit(&corpus, id)?;
    // Found just above, so it has a position.
    if let Some(position) = corpus.position(id) {
        command_for(&corpus, position)?.run()?;
    }
    Ok(())
}
