//! Long output to a terminal goes through a pager, as git does.
//!
//! Only `show` and a whole-briefing `export` page: they are the outputs longer than a
//! screen. Output to a pipe or a file is never paged, so scripts see exactly the text.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

/// The pager when `$PAGER` is unset: quit if one screen is enough (`F`), keep colours and
/// the text on screen after quitting (`R`, `X`).
pub const DEFAULT_PAGER: &str = "less -FRX";

/// The environment variable naming the pager; empty means none, as for git.
pub const PAGER_ENV: &str = "PAGER";

/// Writes `text` to stdout, through the pager when stdout is a terminal and paging is on.
/// A pager that cannot be started is not an error: the text is printed instead.
pub fn print_paged(text: &str, no_pager: bool) -> Result<(), io::Error> {
    let pager = if no_pager || !io::stdout().is_terminal() {
        None
    } else {
        pager_command(std::env::var(PAGER_ENV).ok().as_deref())
    };
    if let Some(argv) = pager
        && let Some((program, args)) = argv.split_first()
        && let Ok(mut child) = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .spawn()
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

/// The pager's program and arguments from `$PAGER` (split as a shell splits words, never
/// run through a shell): `None` for an empty value or one that does not split.
fn pager_command(env: Option<&str>) -> Option<Vec<String>> {
    let words = shell_words::split(env.unwrap_or(DEFAULT_PAGER)).ok()?;
    (!words.is_empty()).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_defaults_to_less_and_an_empty_pager_means_none() {
        assert_eq!(
            pager_command(None),
            Some(vec!["less".to_owned(), "-FRX".to_owned()])
        );
        assert_eq!(pager_command(Some("")), None);
        assert_eq!(
            pager_command(Some("most -s 'a b'")),
            Some(vec!["most".to_owned(), "-s".to_owned(), "a b".to_owned()])
        );
        assert_eq!(pager_command(Some("less 'unclosed")), None);
    }
}
