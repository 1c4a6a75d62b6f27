//! Long output to a terminal goes through a pager, as git does.
//!
//! Only `show` and a whole-briefing `export` page: they are the outputs longer than a
//! screen. Output to a pipe or a file is never paged, so scripts see exactly the text.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The pager when neither `$SHERPA_PAGER` nor `$PAGER` is set.
pub const DEFAULT_PAGER: &str = "less";

/// The environment variable naming sherpa's own pager, over `$PAGER` (as `GIT_PAGER` is
/// git's); empty means none.
pub const SHERPA_PAGER_ENV: &str = "SHERPA_PAGER";

/// The environment variable naming the pager; empty means none, as for git.
pub const PAGER_ENV: &str = "PAGER";

/// less's options, read from its environment; set for the pager only when unset.
pub const LESS_ENV: &str = "LESS";

/// What `LESS` is set to when it is unset, as git does: quit if one screen is enough
/// (`F`), pass colours (`R`), leave the text on screen after quitting (`X`). A user's own
/// `LESS` is theirs and is left alone.
pub const DEFAULT_LESS: &str = "FRX";

/// A pager to run: its program and arguments, and `LESS` to set for it if any.
#[derive(Debug, PartialEq, Eq)]
struct Pager {
    argv: Vec<String>,
    less: Option<&'static str>,
}

/// Writes `text` to stdout, through the pager when stdout is a terminal and paging is on.
/// A pager that cannot be started is not an error: the text is printed instead.
pub fn print_paged(text: &str, no_pager: bool) -> Result<(), io::Error> {
    let pager = if no_pager || !io::stdout().is_terminal() {
        None
    } else {
        let var = |name| std::env::var(name).ok();
        pager_command(
            var(SHERPA_PAGER_ENV).or_else(|| var(PAGER_ENV)).as_deref(),
            std::env::var_os(LESS_ENV).is_some(),
        )
    };
    if let Some(pager) = pager
        && let Some((program, args)) = pager.argv.split_first()
        && let Ok(mut child) = {
            let mut command = Command::new(program);
            command.args(args).stdin(Stdio::piped());
            if let Some(less) = pager.less {
                command.env(LESS_ENV, less);
            }
            command.spawn()
        }
    {
        if let Some(mut stdin) = child.stdin.take() {
            // Quitting the pager early closes the pipe: that ends the output, not an error.
            match stdin.write_all(text.as_bytes()) {
                Err(err) if err.kind() != io::ErrorKind::BrokenPipe => return Err(err),
                _ => {}
            }
        }
        child.wait()?;
        return Ok(());
    }
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The pager from its variable's value (`$SHERPA_PAGER`, else `$PAGER`; split as a shell
/// splits words, never run through a shell), and the `LESS` to give it when `less_set`
/// is false: `None` for an empty value or one that does not split.
fn pager_command(env: Option<&str>, less_set: bool) -> Option<Pager> {
    let argv = shell_words::split(env.unwrap_or(DEFAULT_PAGER)).ok()?;
    (!argv.is_empty()).then_some(Pager {
        argv,
        less: (!less_set).then_some(DEFAULT_LESS),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_defaults_to_less_and_an_empty_pager_means_none() {
        let argv = |pager: Option<Pager>| pager.map(|p| p.argv);
        assert_eq!(
            argv(pager_command(None, false)),
            Some(vec!["less".to_owned()])
        );
        assert_eq!(pager_command(Some(""), false), None);
        assert_eq!(
            argv(pager_command(Some("most -s 'a b'"), false)),
            Some(vec!["most".to_owned(), "-s".to_owned(), "a b".to_owned()])
        );
        assert_eq!(pager_command(Some("less 'unclosed"), false), None);
    }

    #[test]
    fn less_options_are_set_only_when_less_is_unset() {
        let less = |set| pager_command(None, set).and_then(|p| p.less);
        assert_eq!(less(false), Some("FRX"));
        assert_eq!(less(true), None);
    }
}
