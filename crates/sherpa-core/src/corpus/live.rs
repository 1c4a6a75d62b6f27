//! A folder's briefings kept parsed between edits: a language server re-checks the one file
//! being typed against the others without reading and parsing all of them again.
//!
//! The checks across files (duplicate ids, dangling links) are the loader's own: each
//! [`LiveCorpus::corpus`] assembles the kept parses as [`Corpus::load_paths`] would.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::discover::find_files;
use super::parse::{Parsed, parse_file};
use super::read::{FoundFile, MAX_FILE_BYTES, open_file, read_opened, stem_of, too_large};
use super::{Corpus, LoadOptions};

/// Every briefing file of a folder, parsed, in the order the loader finds them (which
/// decides which of two files with one id is kept). A file's path is also its display name.
#[derive(Default)]
pub struct LiveCorpus {
    files: Vec<(PathBuf, Parsed)>,
}

impl LiveCorpus {
    /// Reads and parses every briefing under `folder` (searched recursively, as the loader
    /// does); a folder that cannot be read gives an empty corpus.
    #[must_use]
    pub fn load(folder: &Path) -> Self {
        let found = find_files(&[folder.to_path_buf()], &mut Vec::new());
        let files = found
            .into_par_iter()
            .map(|(_, path)| {
                let parsed = parse(read_file(&path));
                (path, parsed)
            })
            .collect();
        Self { files }
    }

    /// Replaces what `path` holds with `text` (an editor's unsaved buffer), adding the file
    /// when it is new. Text past the loader's size limit gets the loader's error.
    pub fn set_text(&mut self, path: &Path, text: &str) {
        let display = path.display().to_string();
        let text = if text.len() as u64 > MAX_FILE_BYTES {
            Err(too_large(&display, text.len() as u64))
        } else {
            Ok(text.to_owned())
        };
        self.put(
            path,
            parse(FoundFile {
                stem: stem_of(path),
                display,
                text,
                bundled: false,
            }),
        );
    }

    /// Reads `path` from disk again (it was written, created or removed outside the editor).
    pub fn reread(&mut self, path: &Path) {
        if path.is_file() {
            self.put(path, parse(read_file(path)));
        } else {
            self.files.retain(|(kept, _)| kept != path);
        }
    }

    /// The corpus of the files as they are now, with every problem `sherpa check` reports.
    #[must_use]
    pub fn corpus(&self) -> Corpus {
        Corpus::assemble(
            self.files
                .iter()
                .map(|(_, parsed)| parsed.clone())
                .collect(),
        )
    }

    /// Keeps `parsed` for `path`, in place, or where the loader would list a new file
    /// (paths in order, as its walk sorts by name).
    fn put(&mut self, path: &Path, parsed: Parsed) {
        if let Some((_, kept)) = self.files.iter_mut().find(|(kept, _)| kept == path) {
            *kept = parsed;
        } else {
            let at = self
                .files
                .partition_point(|(kept, _)| kept.as_path() < path);
            self.files.insert(at, (path.to_path_buf(), parsed));
        }
    }
}

fn read_file(path: &Path) -> FoundFile {
    let display = path.display().to_string();
    FoundFile {
        stem: stem_of(path),
        text: open_file(&display, path)
            .and_then(|(file, stamp, _)| read_opened(&display, file, stamp.len)),
        display,
        bundled: false,
    }
}

fn parse(file: FoundFile) -> Parsed {
    parse_file(file, LoadOptions::default(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::MINIMAL;

    #[test]
    fn an_edited_file_is_checked_against_the_folder_as_the_loader_checks_it() {
        let folder = tempfile::tempdir().expect("a folder");
        let kept = folder.path().join("a.toml");
        std::fs::write(&kept, MINIMAL.replace("[summit]", "[summit]\nid = \"one\"")).expect("a");
        let mut live = LiveCorpus::load(folder.path());
        assert_eq!(live.corpus().len(), 1);
        let edited = folder.path().join("b.toml");
        let link = "[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\n";
        live.set_text(
            &edited,
            &format!("{MINIMAL}{link}summit = \"one\"\n")
                .replace("[summit]", "[summit]\nid = \"one\""),
        );
        let corpus = live.corpus();
        assert_eq!(
            corpus
                .diagnostics()
                .iter()
                .map(|d| d.path.as_str())
                .collect::<Vec<_>>(),
            vec![edited.display().to_string()],
            "the later file's id is the duplicate: {:?}",
            corpus.diagnostics()
        );
        live.set_text(&edited, &format!("{MINIMAL}{link}summit = \"onee\"\n"));
        let corpus = live.corpus();
        assert_eq!(corpus.len(), 2);
        assert!(corpus.diagnostics()[0].message.contains("\"onee\""));
        std::fs::remove_file(&kept).expect("removed");
        live.reread(&kept);
        assert_eq!(live.corpus().len(), 1, "the removed file is gone");
        live.set_text(
            &edited,
            &" ".repeat(usize::try_from(MAX_FILE_BYTES).unwrap_or(0) + 1),
        );
        assert!(
            live.corpus().diagnostics()[0]
                .message
                .contains("limit for a briefing")
        );
    }
}
