//! How commands write their answers: JSON, indented rows, a document paged or written
//! atomically to a file, and the width tables fit.

use std::io::{self, Write};
use std::path::PathBuf;

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
