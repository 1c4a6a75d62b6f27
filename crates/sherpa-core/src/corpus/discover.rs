//! Finding briefing files under the paths given, and which symbolic links are followed.

use std::path::{Path, PathBuf};

use super::read::STDIN_PATH;
use crate::diagnostics::{Diagnostic, Severity, io_reason};

/// The briefing files under `paths` (folders searched recursively, `-` left out), each
/// once, reporting paths that cannot be searched.
pub(super) fn find_files(
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut followed_links = false;
    let folders: Vec<PathBuf> = paths
        .iter()
        .filter(|path| path.is_dir())
        .filter_map(|path| path.canonicalize().ok())
        .collect();
    for path in paths.iter().filter(|path| path.as_os_str() != STDIN_PATH) {
        followed_links |= discover(path, &folders, &mut found, diagnostics);
    }
    // The same file reached twice (`briefings` and `./briefings/x.toml`, overlapping
    // folders, a link to a file also listed) is one briefing, not a duplicate of itself.
    // One folder walked without links cannot list a file twice, and resolving every path
    // (a few system calls each) is most of listing a large folder.
    if paths.len() > 1 || followed_links {
        let mut seen = std::collections::HashSet::new();
        found.retain(|(_, path)| seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())));
    }
    found
}

/// Finds briefing files under `path`, reporting paths that cannot be searched. `folders`
/// are all the folders given (canonical): links are followed only into them. Returns
/// whether it met a link (a file may then be listed twice).
fn discover(
    path: &Path,
    folders: &[PathBuf],
    found: &mut Vec<(String, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let display = path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            diagnostics.push(Diagnostic::new(
                &display,
                Severity::Error,
                format!("cannot read: {}", io_reason(&err)),
            ));
            return false;
        }
    };
    if metadata.is_file() {
        found.push((display, path.to_owned()));
        return false;
    }
    if !metadata.is_dir() {
        // A FIFO, socket or device: reading it could block or never end.
        diagnostics.push(Diagnostic::new(
            &display,
            Severity::Error,
            "not a regular file or folder; skipped",
        ));
        return false;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by(|a, b| file_name(a.path()).cmp(file_name(b.path())));
    // Links are followed only while they stay inside the folders given: a `notes.toml`
    // pointing at a credentials file, or a link to `/proc`, is skipped with a warning (a
    // file named directly is read wherever it is). A link to a folder inside another folder
    // given is not walked here: walking that folder reads it, and two folders linking to
    // each other would otherwise be a loop.
    let root = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut entries = walker.into_iter();
    let mut followed = false;
    while let Some(entry) = entries.next() {
        match entry {
            Ok(entry) => {
                let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
                if entry.depth() > 0 && entry.path_is_symlink() {
                    followed = true;
                    let target = entry.path().canonicalize().ok();
                    let within =
                        |folder: &PathBuf| target.as_ref().is_some_and(|t| t.starts_with(folder));
                    let is_dir = entry.file_type().is_dir();
                    if !within(&root) {
                        let into_another = folders.iter().any(within);
                        if is_dir {
                            entries.skip_current_dir();
                        }
                        if !into_another && (is_dir || is_toml) {
                            diagnostics.push(Diagnostic::new(
                                &entry.path().display().to_string(),
                                Severity::Warning,
                                "symbolic link to outside the folders given; not followed (name it directly to read it)",
                            ));
                        }
                        if is_dir || !into_another {
                            continue;
                        }
                    }
                }
                if !is_toml {
                    continue;
                }
                let shown = entry.path().display().to_string();
                if entry.file_type().is_file() {
                    found.push((shown, entry.into_path()));
                } else if entry.file_type().is_dir() {
                    diagnostics.push(Diagnostic::new(
                        &shown,
                        Severity::Error,
                        "is a directory, not a briefing file; its contents are searched separately",
                    ));
                } else {
                    diagnostics.push(Diagnostic::new(
                        &shown,
                        Severity::Error,
                        "not a regular file (a FIFO, socket or device); skipped",
                    ));
                }
            }
            Err(err) => {
                let shown = err
                    .path()
                    .map_or_else(|| display.clone(), |p| p.display().to_string());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_owned()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), io_reason)
                };
                diagnostics.push(Diagnostic::new(
                    &shown,
                    Severity::Error,
                    format!("cannot read: {reason}"),
                ));
            }
        }
    }
    followed
}

/// The last component of an entry's path, as bytes: the order of `WalkDir::sort_by_file_name`,
/// without `Path::file_name`'s parse of the path on every comparison, which was an eighth
/// of a Tab over 10,000 files. An entry's path is its folder's joined with its name, so
/// its name follows the last separator.
fn file_name(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .rsplit(|&byte| std::path::is_separator(char::from(byte)))
        .next()
        .unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::tests::MINIMAL;
    use crate::model::Briefing;

    /// Comparing names as bytes finds files in the order walkdir's own sort by file name
    /// does, which the loader's "first file keeps its id" depends on.
    #[test]
    fn files_are_found_in_the_order_of_their_names() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["a", "a/b", "a.d", "Z"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        for file in [
            "a.toml",
            "a/z.toml",
            "a/b/c.toml",
            "a/a.toml",
            "a.d/x.toml",
            "B.toml",
            "b.toml",
            "é.toml",
            "e.toml",
            "a-b.toml",
            "Z/1.toml",
            "10.toml",
            "9.toml",
        ] {
            std::fs::write(dir.path().join(file), MINIMAL).unwrap();
        }
        let found: Vec<PathBuf> = find_files(&[dir.path().to_owned()], &mut Vec::new())
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        let walked: Vec<PathBuf> = walkdir::WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.unwrap().into_path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
            .collect();
        assert_eq!(found.len(), 13);
        assert_eq!(found, walked);
    }

    /// Links are judged against every folder given at once, so `check a b` follows a link in
    /// `a` into `b`, and reads the file it reaches once.
    #[cfg(unix)]
    #[test]
    fn links_are_followed_into_any_folder_given_and_read_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let [a, b, outside] = ["a", "b", "outside"].map(|name| dir.path().join(name));
        for folder in [&a, &b.join("sub"), &outside] {
            std::fs::create_dir_all(folder).unwrap();
        }
        std::fs::write(b.join("one.toml"), MINIMAL).unwrap();
        std::fs::write(b.join("sub/two.toml"), MINIMAL).unwrap();
        std::fs::write(outside.join("three.toml"), MINIMAL).unwrap();
        symlink(b.join("one.toml"), a.join("one.toml")).unwrap();
        symlink(b.join("sub"), a.join("sub")).unwrap();
        symlink(outside.join("three.toml"), a.join("out.toml")).unwrap();
        // A link back from b to a: walking both must not loop.
        symlink(&a, b.join("back")).unwrap();

        let corpus = Corpus::load_paths(&[a.clone(), b.clone()]);
        let ids: Vec<&str> = corpus.briefings().iter().map(Briefing::id).collect();
        assert_eq!(ids, ["one", "two"], "{:?}", corpus.diagnostics());
        let [warning] = corpus.diagnostics() else {
            panic!("one warning expected: {:?}", corpus.diagnostics());
        };
        assert_eq!(warning.path, a.join("out.toml").display().to_string());
        assert!(
            warning.message.contains("outside the folders given"),
            "{warning}"
        );
        assert_eq!(corpus.failed_files(), 0);

        // Given alone, a's links all lead out of it.
        let corpus = Corpus::load_paths(std::slice::from_ref(&a));
        assert!(corpus.is_empty());
        assert_eq!(corpus.diagnostics().len(), 3, "{:?}", corpus.diagnostics());

        // Named directly, a link is read wherever it leads.
        let corpus = Corpus::load_paths(&[a.join("out.toml")]);
        assert_eq!(corpus.len(), 1, "{:?}", corpus.diagnostics());

        // In one folder, a link to a file beside it is the same briefing, not a duplicate.
        symlink(b.join("one.toml"), b.join("again.toml")).unwrap();
        let corpus = Corpus::load_paths(std::slice::from_ref(&b));
        assert_eq!(corpus.len(), 2, "{:?}", corpus.diagnostics());
        assert_eq!(corpus.failed_files(), 0);
        assert!(
            corpus
                .diagnostics()
                .iter()
                .all(|d| d.severity == Severity::Warning && d.path.ends_with("back")),
            "only the link back out of b is reported: {:?}",
            corpus.diagnostics()
        );
    }
}
