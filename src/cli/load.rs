//! Where a command's briefings come from, and loading them: the one place that resolves
//! the source arguments against the config, notes a fallback and reports files that did
//! not load. The reader and completion resolve their sources with [`origin`] too.

use std::io::{self, Write};

use super::args::SourceArgs;
use super::{CliError, CommandResult};
use crate::config::Config;
use sherpa_core::corpus::{Catalog, Corpus, Origin, SearchResults};
use sherpa_core::diagnostics::Diagnostic;
use sherpa_core::diagnostics::Severity;
use sherpa_core::model::Briefing;
use sherpa_core::sanitize::sanitize;
use sherpa_core::search::Query;

/// Where briefings come from: the paths and `--dir`s given, else the config's `briefings`
/// (and the environment and fallbacks [`Origin::resolve`] knows), with the bundled ones
/// too when `--bundled` or the config asks.
#[must_use]
pub fn origin(args: &SourceArgs, config: &Config) -> Origin {
    Origin::resolve(&args.all_paths(), &config.briefings)
        .with_bundled(args.bundled || config.bundled)
}

/// [`origin`], telling the user on stderr where briefings come from when it fell back
/// (unless `quiet`).
pub(super) fn resolve_noting_fallback(args: &SourceArgs, config: &Config, quiet: bool) -> Origin {
    let origin = origin(args, config);
    if origin.is_fallback() && !quiet {
        eprintln!("sherpa: reading {}", origin.describe());
    }
    origin
}

/// Notes on stderr that `origin` holds no briefing file, when `found` (the files found) is
/// none: an empty list and a success alone did not say whether the folder was the wrong one.
pub(super) fn note_if_none_found(origin: &Origin, found: usize) {
    if found == 0 {
        eprintln!(
            "sherpa: no briefing files (*.toml) in {}",
            sanitize(&origin.describe())
        );
    }
}

/// Loads the corpus for a command, printing load errors on stderr when `report_errors`
/// (the data goes to stdout).
pub(super) fn load(origin: &Origin, report_errors: bool) -> Corpus {
    noted(origin, origin.load(), report_errors)
}

/// Loads the corpus for a command that reads each document once, through the views over
/// every summit (`timeline`, `board`, `track`): each document is read when asked for and
/// not kept, as the reader reads them, where a whole load held every one (1.4 GB over
/// 100,000 briefings). Load errors are printed on stderr as [`load`] prints them.
pub(super) fn load_on_demand(origin: &Origin) -> Corpus {
    noted(origin, origin.load_on_demand(), true)
}

/// `corpus`, once its load is noted (and its errors printed when `report_errors`).
fn noted(origin: &Origin, corpus: Corpus, report_errors: bool) -> Corpus {
    let found = (corpus.len(), corpus.failed_files());
    note_loaded(origin, found, corpus.diagnostics(), report_errors);
    corpus
}

/// The catalog for `sherpa list`, printing load errors on stderr as [`load`] does.
pub(super) fn load_catalog(origin: &Origin) -> Catalog {
    let catalog = origin.catalog();
    let found = (catalog.listed().len(), catalog.failed_files());
    note_loaded(origin, found, catalog.diagnostics(), true);
    catalog
}

/// What `sherpa search` found for `query`, printing load errors on stderr as [`load`]
/// does.
pub(super) fn load_search(origin: &Origin, query: &Query) -> SearchResults {
    let results = origin.search(query);
    let found = (results.loaded(), results.failed_files());
    note_loaded(origin, found, results.diagnostics(), true);
    results
}

/// Logs how many briefings a load of `origin` kept and how many files failed (`found`),
/// and prints the errors among `diagnostics` on stderr when `report_errors`.
fn note_loaded(
    origin: &Origin,
    (briefings, failed): (usize, usize),
    diagnostics: &[Diagnostic],
    report_errors: bool,
) {
    tracing::info!(briefings, failed, "loaded {}", origin.describe());
    if !report_errors {
        return;
    }
    // Stderr is unbuffered: without a buffer each piece of each line is its own write.
    let mut err = io::BufWriter::new(io::stderr().lock());
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        // A closed stderr leaves nowhere to say so; the exit status still tells.
        let _ = writeln!(err, "{}", sanitize(&d.to_string()));
    }
    let _ = err.flush();
}

/// Loads what a command about one summit needs: the file named after the id when a folder
/// has one (so exporting from 10,000 briefings reads one file), else every briefing.
pub(super) fn load_for_summit(origin: &Origin, id: &str) -> Corpus {
    if sherpa_core::corpus::is_valid_id(id)
        && let Some(file) = origin
            .paths()
            .iter()
            .map(|path| path.join(format!("{id}.toml")))
            .find(|candidate| candidate.is_file())
    {
        let corpus = Corpus::load_paths(&[file]);
        if corpus.get(id).is_some() {
            return corpus;
        }
    }
    load(origin, false)
}

/// A command over the whole corpus prints what it could, but fails (exit 1) when a file
/// did not load, since its answer may be missing that file's summit.
pub(super) fn with_load_status(corpus: &Corpus, result: CommandResult) -> CommandResult {
    with_failed_files(corpus.failed_files(), result)
}

/// [`with_load_status`], for a command that knows only how many files did not load.
pub(super) fn with_failed_files(failed_files: usize, result: CommandResult) -> CommandResult {
    result?;
    if failed_files > 0 {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// Looks up a summit; the error names the closest ids.
pub(super) fn find_summit<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Briefing, CliError> {
    corpus
        .get(id)
        .ok_or_else(|| super::broken::unknown_summit(corpus, id))
}
