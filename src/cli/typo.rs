//! A mistyped command is a usage error, not a path to read.
//!
//! With no command, every word is a briefing path, so `sherpa lsit` used to open an empty
//! reader (or, piped, complain that the reader needs a terminal). A bare word that names
//! no file or folder is taken for a command instead, and the closest one is suggested.

use std::path::{Component, Path, PathBuf};

use clap::CommandFactory;

use super::{Cli, CliError};

/// Fails when the first path is a bare word (no folder part, no extension) that does not
/// exist: the user meant a command. Paths that exist, or look like paths, pass.
pub fn reject_mistyped_command(paths: &[PathBuf]) -> Result<(), CliError> {
    let Some(first) = paths.first() else {
        return Ok(());
    };
    let bare = first.extension().is_none()
        && matches!(
            first.components().collect::<Vec<_>>().as_slice(),
            [Component::Normal(_)]
        );
    if !bare || first.exists() || first == Path::new("-") {
        return Ok(());
    }
    let word = first.to_string_lossy().into_owned();
    Err(CliError::UnknownCommand {
        near: closest_command(&word),
        word,
    })
}

/// The command (or alias) nearest to a mistyped word, if one is near enough.
fn closest_command(word: &str) -> Option<String> {
    let command = Cli::command();
    let names = command
        .get_subcommands()
        .flat_map(|sub| std::iter::once(sub.get_name()).chain(sub.get_all_aliases()))
        .chain(std::iter::once("help"));
    sherpa_core::diagnostics::closest_word(word, names).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_suggests_the_command() {
        assert_eq!(closest_command("lsit").as_deref(), Some("list"));
        assert_eq!(closest_command("chekc").as_deref(), Some("check"));
        assert_eq!(closest_command("qqqqqq"), None);
    }

    #[test]
    fn paths_that_look_like_paths_are_left_to_the_reader() {
        for path in ["missing.toml", "./lsit", "some/where", "-"] {
            assert!(
                reject_mistyped_command(&[PathBuf::from(path)]).is_ok(),
                "{path}"
            );
        }
        assert!(reject_mistyped_command(&[PathBuf::from("lsit-no-such")]).is_err());
    }
}
