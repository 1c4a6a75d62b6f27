//! How commands write their answers: JSON, indented rows, a document paged or written
//! atomically to a file, the width tables fit and whether to colour.

use std::io::{self, Write};
use std::path::PathBuf;

use super::args::ColorChoice;
use super::{CommandResult, pager};
use sherpa_core::export;
use sherpa_core::sanitize::{sanitize, sanitize_line};

/// Where an export goes.
pub(super) enum Output {
    /// Standard output, through the pager on a terminal unless `no_pager`.
    Stdout { no_pager: bool },
    /// A file written atomically, replaced only with `force`.
    File { path: PathBuf, force: bool },
}

/// Writes a command's document to stdout (paged on a terminal unless `no_pager`), or
/// atomically to FILE (kept unless `force`).
pub(super) fn write_output(text: &str, output: Output) -> CommandResult {
    match output {
        Output::Stdout { no_pager } => pager::print_paged(text, no_pager)?,
        // `-o -` means standard output, by convention; `-o ./-` still names a file.
        Output::File { path, .. } if path.as_os_str() == "-" => pager::print_paged(text, true)?,
        Output::File { path, force } => {
            export::write_atomic(&path, text, force)?;
            eprintln!("sherpa: wrote {}", sanitize(&path.display().to_string()));
        }
    }
    Ok(())
}

/// Prints a value as pretty JSON.
pub(super) fn print_json(value: &impl serde::Serialize) -> CommandResult {
    let mut out = io::stdout().lock();
    let text = sherpa_core::export::to_json_pretty(value)?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// Prints (line, detail lines) rows, details indented under their line.
pub(super) fn print_rows(rows: impl IntoIterator<Item = (String, Vec<String>)>) -> CommandResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (line, detail) in rows {
        writeln!(out, "{}", sanitize_line(&line))?;
        for d in detail {
            writeln!(out, "    {}", sanitize_line(&d))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The width tables fit when none is given: the terminal's, or 80 in a pipe (where a
/// script or a file gets the same table every time).
pub(super) fn output_width() -> usize {
    use std::io::IsTerminal;
    if io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    80
}

/// Whether to colour what goes to stdout. `always` and `never` are final; `auto` colours a
/// terminal unless `NO_COLOR` is set (<https://no-color.org>), `CLICOLOR_FORCE` colours
/// even a pipe (unless `NO_COLOR`), and `TERM=dumb` means a terminal that knows no escapes.
pub(super) fn colours_stdout(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    colours(choice, io::stdout().is_terminal(), |name| {
        std::env::var_os(name).and_then(|value| value.into_string().ok())
    })
}

/// [`colours_stdout`] over a terminal flag and an environment.
fn colours(choice: ColorChoice, terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| env(name).is_some_and(|value| !value.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set(crate::palette::NO_COLOR_ENV) => false,
        ColorChoice::Auto
            if set(CLICOLOR_FORCE_ENV) && env(CLICOLOR_FORCE_ENV).as_deref() != Some("0") =>
        {
            true
        }
        ColorChoice::Auto => terminal && env("TERM").as_deref() != Some("dumb"),
    }
}

/// The variable that asks for colour even when stdout is not a terminal
/// (<https://bixense.com/clicolors/>); `0` does not.
const CLICOLOR_FORCE_ENV: &str = "CLICOLOR_FORCE";

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(terminal: bool, vars: &[(&str, &str)]) -> bool {
        colours(ColorChoice::Auto, terminal, |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn auto_colours_a_terminal_that_knows_escapes_unless_no_color() {
        assert!(auto(true, &[("TERM", "xterm")]));
        assert!(!auto(false, &[("TERM", "xterm")]));
        assert!(!auto(true, &[("TERM", "dumb")]));
        assert!(!auto(true, &[("NO_COLOR", "1")]));
        assert!(
            auto(true, &[("NO_COLOR", "")]),
            "an empty NO_COLOR does not count"
        );
    }

    #[test]
    fn clicolor_force_colours_a_pipe_but_yields_to_no_color() {
        assert!(auto(false, &[("CLICOLOR_FORCE", "1")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "0")]));
        assert!(!auto(false, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    }
}
