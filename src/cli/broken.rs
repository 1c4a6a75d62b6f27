//! Why an id names no summit: often its file is there but does not load. `edit`, `export`
//! and `show` then name the file and its first error instead of a bare "no summit", so a
//! broken file is one command away from being fixed.

use std::path::Path;

use sherpa_core::corpus::{Corpus, slug};
use sherpa_core::diagnostics::{Diagnostic, Severity};

use super::CliError;

/// The error for an id `corpus` has no summit for: the file named after it and its first
/// error when that file failed to load, else the closest ids.
pub(super) fn unknown_summit(corpus: &Corpus, id: &str) -> CliError {
    match first_error_of_file_named(corpus, id) {
        Some(diagnostic) => CliError::BrokenSummit {
            id: id.to_owned(),
            path: diagnostic.path.clone(),
            error: diagnostic.to_string(),
        },
        None => CliError::UnknownSummit {
            id: id.to_owned(),
            near: corpus
                .closest_ids(id)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        },
    }
}

/// The first error of a file that did not load and whose name gives `id` (as the loader
/// derives an id from a file name: `Ridge 2015.toml` is `ridge-2015`). One pass over the
/// diagnostics, which are few next to the briefings.
fn first_error_of_file_named<'a>(corpus: &'a Corpus, id: &str) -> Option<&'a Diagnostic> {
    corpus.diagnostics().iter().find(|diagnostic| {
        diagnostic.severity == Severity::Error
            && Path::new(&diagnostic.path)
                .file_stem()
                .is_some_and(|stem| slug(&stem.to_string_lossy()) == id)
    })
}
