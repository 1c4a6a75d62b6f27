//! `sherpa check`: every problem as a `path:line:col` line, then the totals.

use std::io::{self, Write};

use super::{CliError, CommandResult};
use sherpa_core::analysis;
use sherpa_core::corpus::{LoadOptions, Origin};
use sherpa_core::diagnostics;
use sherpa_core::sanitize::sanitize;

pub(super) fn check(origin: &Origin, strict: bool, require_sources: bool) -> CommandResult {
    let corpus = origin.load_with(LoadOptions {
        require_sources,
        with_bundled: false,
    });
    // The book checks look at content, not format, so they run here, not on every load.
    let book = analysis::book_checks::check_book(&corpus);
    let found: Vec<_> = corpus.diagnostics().iter().chain(&book).collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for diagnostic in &found {
        writeln!(out, "{}", sanitize(&diagnostic.to_string()))?;
    }
    let (errors, warnings) = diagnostics::count(found.iter().copied());
    let failed = errors > 0 || (strict && warnings > 0);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} briefing{} loaded, {} file{} skipped: {errors} error{}, {warnings} warning{}{}",
        corpus.len(),
        plural(corpus.len()),
        corpus.failed_files(),
        plural(corpus.failed_files()),
        plural(errors),
        plural(warnings),
        if strict && warnings > 0 && errors == 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        }
    )?;
    out.flush()?;
    if failed {
        return Err(CliError::Reported);
    }
    Ok(())
}
