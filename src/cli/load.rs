//! Where a command's briefings come from, and loading them: the one place that resolves
//! paths against the config, notes a fallback and reports files that did not load.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{CliError, CommandResult};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::diagnostics::Severity;
use sherpa_core::model::Briefing;
use sherpa_core::sanitize::sanitize;

/// Where briefings come from when a command names none, and whether the bundled ones are
/// read too: the config's and `--bundled`, resolved once.
pub(super) struct Sources<'a> {
    pub(super) briefings: &'a [PathBuf],
    pub(super) bundled: bool,
}

impl Sources<'_> {
    fn origin(&self, paths: &[PathBuf]) -> Origin {
        Origin::resolve(paths, self.briefings).with_bundled(self.bundled)
    }
}

/// Loads the corpus for a command, telling the user on stderr where it came from when it
/// fell back, and printing load errors there too (the data goes to stdout).
pub(super) fn load(paths: &[PathBuf], configured: &Sources<'_>, report_errors: bool) -> Corpus {
    load_origin(&resolve_noting_fallback(paths, configured), report_errors)
}

fn load_origin(origin: &Origin, report_errors: bool) -> Corpus {
    let corpus = origin.load();
    tracing::info!(
        briefings = corpus.len(),
        failed = corpus.failed_files(),
        "loaded {}",
        origin.describe()
    );
    if report_errors {
        // Stderr is unbuffered: without a buffer each piece of each line is its own write.
        let mut err = io::BufWriter::new(io::stderr().lock());
        for d in corpus
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            // A closed stderr leaves nowhere to say so; the exit status still tells.
            let _ = writeln!(err, "{}", sanitize(&d.to_string()));
        }
        let _ = err.flush();
    }
    corpus
}

pub(super) fn resolve_noting_fallback(paths: &[PathBuf], configured: &Sources<'_>) -> Origin {
    let origin = configured.origin(paths);
    if origin.is_fallback() {
        eprintln!("sherpa: reading {}", origin.describe());
    }
    origin
}

/// Loads what a command about one summit needs: the file named after the id when a folder
/// has one (so exporting from 10,000 briefings reads one file), else every briefing.
pub(super) fn load_for_summit(paths: &[PathBuf], configured: &Sources<'_>, id: &str) -> Corpus {
    let origin = resolve_noting_fallback(paths, configured);
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
    load_origin(&origin, false)
}

/// A command over the whole corpus prints what it could, but fails (exit 1) when a file
/// did not load, since its answer may be missing that file's summit.
pub(super) fn with_load_status(corpus: &Corpus, result: CommandResult) -> CommandResult {
    result?;
    if corpus.failed_files() > 0 {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// Looks up a summit; the error names the closest ids.
pub(super) fn find_summit<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Briefing, CliError> {
    corpus.get(id).ok_or_else(|| CliError::UnknownSummit {
        id: id.to_owned(),
        near: corpus
            .closest_ids(id)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}
