//! Finding briefing files under the paths given, and which symbolic links are followed.

use std::ffi::OsStr;
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::read::STDIN_PATH;
use crate::diagnostics::{Diagnostic, Severity, io_reason};
use crate::index::Fingerprint;

/// The briefing files under `paths` (folders searched recursively, `-` left out), each
/// once, reporting paths that cannot be searched.
pub(super) fn find_files(
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    find_files_in(Order::ByName, paths, diagnostics)
}

/// The briefing files under `paths`, as [`find_files`] finds them, in no particular order:
/// for completion, which sorts the words it offers (sorting the names of a folder of
/// 10,000 files was a fourteenth of a Tab's instructions).
pub(super) fn find_files_in_any_order(
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    find_files_in(Order::Any, paths, diagnostics)
}

/// The order a walk finds files in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Each folder's entries by name, as bytes: the loader's order, on which "the first
    /// file keeps its id" and the order of diagnostics depend.
    ByName,
    /// As the folders list them.
    Any,
}

fn find_files_in(
    order: Order,
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
        followed_links |= discover(path, &folders, order, &mut found, diagnostics);
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
    order: Order,
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
    let root = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let mut walk = Walk {
        root: &root,
        folders,
        order,
        found,
        diagnostics,
        followed: false,
        ancestors: Vec::new(),
    };
    // A folder given that is named like a briefing is reported, and searched.
    if path.extension().is_some_and(|e| e == "toml") {
        walk.entry(path.to_owned(), false, true);
    }
    walk.folder(path, &root, &root, &display);
    walk.followed
}

/// One walk of a folder given. Links are followed only while they stay inside the folders
/// given: a `notes.toml` pointing at a credentials file, or a link to `/proc`, is skipped
/// with a warning (a file named directly is read wherever it is). A link to a folder inside
/// another folder given is not walked here: walking that folder reads it, and two folders
/// linking to each other would otherwise be a loop.
///
/// The walk follows no link itself (following links stats every entry to learn what it
/// leads to, and the loader stats each file again for its fingerprint: an eighth of a warm
/// `list`): an entry's kind comes from the folder listing, so only links are statted, and a
/// link to a folder is walked in its place, which keeps the order of a walk that follows
/// links. Each folder is read whole and its names sorted once, as bytes: `walkdir`'s sort
/// compared paths, finding both names again at each of the 1.7 million comparisons a
/// folder of 100,000 files takes (a tenth of a warm `list`'s instructions), and a path is
/// built only for the entries kept.
struct Walk<'a> {
    /// The folder given, canonical.
    root: &'a Path,
    folders: &'a [PathBuf],
    order: Order,
    found: &'a mut Vec<(String, PathBuf)>,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Whether a link was followed (a file may then be listed twice).
    followed: bool,
    /// The walks that were under way when a link to a folder was walked, outermost first,
    /// each as the canonical folder it walks (its base) and the one the link was met in
    /// (its end). A link to a folder between a base and its end (or, for the first walk,
    /// to any folder above its end) leads back into itself.
    ancestors: Vec<(PathBuf, PathBuf)>,
}

/// One entry of a folder being walked: its name and its kind as the listing gives it.
type Listed = (OsString, FileType);

impl Walk<'_> {
    /// Walks `folder`, which is the canonical folder `here`, in a walk of the canonical
    /// folder `base` (shown as `display`), in the order of the entries' names, each
    /// folder's entries right after it, a link to a folder in its place.
    fn folder(&mut self, folder: &Path, base: &Path, here: &Path, display: &str) {
        let Some(entries) = self.list(folder, display) else {
            return;
        };
        for (name, kind) in entries {
            if kind.is_symlink() {
                self.link(&joined(folder, &name), base, here);
            } else if kind.is_dir() {
                let path = joined(folder, &name);
                if is_toml(&name) {
                    self.entry(path.clone(), false, true);
                }
                self.folder(&path, base, &here.join(&name), display);
            } else if is_toml(&name) {
                self.entry(joined(folder, &name), kind.is_file(), false);
            }
        }
    }

    /// The entries of `folder`, sorted by name as bytes (when the walk is [`Order::ByName`]);
    /// `None` when it cannot be read. What
    /// cannot be read is reported: the folder (by its path), an entry whose kind is unknown
    /// (by its path, before the others, as `walkdir` sorts its errors first), or the listing
    /// failing on the way (named as the walk, `display`, as `walkdir` names it).
    fn list(&mut self, folder: &Path, display: &str) -> Option<Vec<Listed>> {
        let listing = match std::fs::read_dir(folder) {
            Ok(listing) => listing,
            Err(err) => {
                self.cannot_read(&shown(folder), &io_reason(&err));
                return None;
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    self.cannot_read(display, &io_reason(&err));
                    continue;
                }
            };
            match entry.file_type() {
                Ok(kind) => entries.push((entry.file_name(), kind)),
                Err(err) => self.cannot_read(&shown(&entry.path()), &io_reason(&err)),
            }
        }
        if self.order == Order::ByName {
            // Names in one folder are unique, so an unstable sort gives the one order.
            entries
                .sort_unstable_by(|(a, _), (b, _)| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        }
        Some(entries)
    }

    /// A symbolic link at `path`, met in the canonical folder `parent` of the walk of `base`:
    /// what it leads to is read as an entry of its own kind, if it leads inside the folder
    /// given.
    fn link(&mut self, path: &Path, base: &Path, parent: &Path) {
        let shown = path.display().to_string();
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => return self.cannot_read(&shown, &io_reason(&err)),
        };
        self.followed = true;
        let is_dir = metadata.is_dir();
        let target = path.canonicalize().ok();
        if is_dir
            && let Some(target) = &target
            && (self.ancestors.iter())
                .map(|(base, end)| (base.as_path(), end.as_path()))
                .chain([(base, parent)])
                .enumerate()
                // The first walk's ancestors include the folder given's own (as walkdir's
                // loop check does): a link to `/` is a loop, not a link out.
                .any(|(at, (base, end))| {
                    (at == 0 || target.starts_with(base)) && end.starts_with(target)
                })
        {
            return self.cannot_read(&shown, "symbolic link loop; not followed");
        }
        let within = |folder: &Path| target.as_ref().is_some_and(|t| t.starts_with(folder));
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        if !within(self.root) {
            let into_another = self.folders.iter().any(|folder| within(folder));
            if !into_another && (is_dir || is_toml) {
                self.diagnostics.push(Diagnostic::new(
                    &shown,
                    Severity::Warning,
                    "symbolic link to outside the folders given; not followed (name it directly to read it)",
                ));
            }
            if is_dir || !into_another {
                return;
            }
        }
        if is_toml {
            self.entry(path.to_owned(), metadata.is_file(), is_dir);
        }
        if is_dir && let Some(target) = target {
            self.ancestors.push((base.to_owned(), parent.to_owned()));
            self.folder(path, &target, &target, &shown);
            self.ancestors.pop();
        }
    }

    /// An entry of the walk at `path`, named `*.toml`: a file, a folder, or neither (a FIFO,
    /// socket or device). A file is found, and a folder or other thing so named is reported.
    fn entry(&mut self, path: PathBuf, is_file: bool, is_dir: bool) {
        let shown = shown(&path);
        if is_file {
            self.found.push((shown, path));
        } else if is_dir {
            self.diagnostics.push(Diagnostic::new(
                &shown,
                Severity::Error,
                "is a directory, not a briefing file; its contents are searched separately",
            ));
        } else {
            self.diagnostics.push(Diagnostic::new(
                &shown,
                Severity::Error,
                "not a regular file (a FIFO, socket or device); skipped",
            ));
        }
    }

    fn cannot_read(&mut self, shown: &str, reason: &str) {
        self.diagnostics.push(Diagnostic::new(
            shown,
            Severity::Error,
            format!("cannot read: {reason}"),
        ));
    }
}

/// How many folders [`fingerprints`] holds open at once.
#[cfg(target_os = "linux")]
const FOLDERS_OPEN_AT_ONCE: usize = 256;

/// The fingerprint of each file `found` (as [`find_files`] finds them), in order, stated on
/// every core; `None` where `stat` fails. On Linux each file is stated by its name in its
/// folder, opened once (`fstatat`; `O_PATH`, so a folder that can be searched but not
/// listed is opened too): stated by path, the kernel looked up every folder of every path
/// again.
pub(super) fn fingerprints(found: &[(String, PathBuf)]) -> Vec<Option<Fingerprint>> {
    let by_path = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|metadata| Fingerprint::of(&metadata))
    };
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, Mode, OFlags};
        // The files of a folder are found one after the other: each run shares its
        // folder, opened once (`None` where it cannot be, or the path has no folder).
        let mut runs: Vec<(Option<&OsStr>, std::ops::Range<usize>)> = Vec::new();
        for (at, (_, path)) in found.iter().enumerate() {
            let folder = folder_and_name(path).map(|(folder, _)| folder);
            match runs.last_mut() {
                Some((last, run)) if *last == folder => run.end = at + 1,
                _ => runs.push((folder, at..at + 1)),
            }
        }
        let mut prints = Vec::with_capacity(found.len());
        // A few hundred folders open at once, far below the usual limit of 1,024 files a
        // process may hold open (the index's connections need some too).
        for batch in runs.chunks(FOLDERS_OPEN_AT_ONCE) {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let folders: Vec<Option<std::os::fd::OwnedFd>> = (batch.iter())
                .map(|(folder, _)| {
                    folder.and_then(|folder| rustix::fs::open(folder, flags, Mode::empty()).ok())
                })
                .collect();
            let files: Vec<(&PathBuf, Option<&std::os::fd::OwnedFd>)> =
                (batch.iter().zip(&folders))
                    .flat_map(|((_, run), folder)| {
                        found[run.clone()]
                            .iter()
                            .map(move |(_, path)| (path, folder.as_ref()))
                    })
                    .collect();
            prints.par_extend(files.into_par_iter().map(|(path, folder)| {
                match (folder, folder_and_name(path)) {
                    (Some(folder), Some((_, name))) => {
                        rustix::fs::statat(folder, name, AtFlags::empty())
                            .ok()
                            .map(|stat| Fingerprint::of_stat(&stat))
                    }
                    _ => by_path(path),
                }
            }));
        }
        prints
    }
    #[cfg(not(target_os = "linux"))]
    {
        found.par_iter().map(|(_, path)| by_path(path)).collect()
    }
}

/// The folder and the name of `path` split at its last `/`, when both are plain (the name
/// is not `.` or `..`, the folder not empty): a found path is its folder and name joined
/// ([`joined`]), and splitting its bytes is a tenth of what `Path::parent` and
/// `Path::file_name` cost, which parse components.
#[cfg(target_os = "linux")]
fn folder_and_name(path: &Path) -> Option<(&OsStr, &OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let slash = bytes.iter().rposition(|&byte| byte == b'/')?;
    let (folder, name) = (&bytes[..slash], &bytes[slash + 1..]);
    let plain = !folder.is_empty() && !matches!(name, b"" | b"." | b"..");
    plain.then(|| (OsStr::from_bytes(folder), OsStr::from_bytes(name)))
}

/// Whether an entry named `name` is a briefing by its name: `*.toml`, as
/// [`Path::extension`] reads it (`.toml` alone has no extension), without parsing a path.
fn is_toml(name: &OsStr) -> bool {
    const EXTENSION: &[u8] = b".toml";
    let name = name.as_encoded_bytes();
    name.len() > EXTENSION.len() && name.ends_with(EXTENSION)
}

/// The path of the entry `name` of `folder`, allocated once at its size: `Path::join`
/// grows a copy of the folder's path twice, a tenth of the walk.
fn joined(folder: &Path, name: &OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(folder.as_os_str().len() + 1 + name.len());
    path.push(folder);
    path.push(name);
    path
}

/// `path` as shown: as it is when it is UTF-8, as nearly every path is, which skips the
/// formatting machinery of a lossy conversion for each of 100,000 files.
fn shown(path: &Path) -> String {
    path.to_str()
        .map_or_else(|| path.display().to_string(), str::to_owned)
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
        for folder in ["a", "a/b", "a.d", "Z", "d.toml"] {
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
            // Named like a briefing, or nearly: only the first two are read.
            "..toml",
            "d.toml/inner.toml",
            ".toml",
            "x.TOML",
            "toml",
        ] {
            std::fs::write(dir.path().join(file), MINIMAL).unwrap();
        }
        let mut diagnostics = Vec::new();
        let found: Vec<PathBuf> = find_files(&[dir.path().to_owned()], &mut diagnostics)
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        let walked: Vec<PathBuf> = walkdir::WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.unwrap().into_path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
            .collect();
        assert_eq!(found.len(), 15);
        assert_eq!(found, walked);
        let [folder] = &diagnostics[..] else {
            panic!("one report expected: {diagnostics:?}");
        };
        assert_eq!(folder.path, dir.path().join("d.toml").display().to_string());
        // Completion's walk finds the same files and reports, in whatever order.
        let mut unordered_diagnostics = Vec::new();
        let mut unordered: Vec<PathBuf> =
            find_files_in_any_order(&[dir.path().to_owned()], &mut unordered_diagnostics)
                .into_iter()
                .map(|(_, path)| path)
                .collect();
        unordered.sort();
        let mut sorted = found;
        sorted.sort();
        assert_eq!(unordered, sorted);
        assert_eq!(unordered_diagnostics, diagnostics);
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

    /// The walk stats only links, yet finds and reports what walkdir's walk following every
    /// link did (this test passes on both): a linked file and a linked folder are read in
    /// their place, in name order, each file once, by the first path that reaches it; a
    /// link back into the walk, through another linked folder or to a folder above the one
    /// given, is a loop; a dangling link is reported whatever its name.
    #[cfg(unix)]
    #[test]
    fn linked_files_and_folders_are_walked_in_place_and_loops_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        for folder in ["a/deep", "b", "c.toml"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        for file in ["a/one.toml", "a/deep/two.toml", "b/three.toml", "z.toml"] {
            std::fs::write(root.join(file), MINIMAL).unwrap();
        }
        symlink(root.join("z.toml"), root.join("b/linked.toml")).unwrap();
        // b/to-a walks a in b's place; a/deep/to-b then leads back to b, a folder the walk
        // is in, through the link.
        symlink(root.join("a"), root.join("b/to-a")).unwrap();
        symlink(root.join("b"), root.join("a/deep/to-b")).unwrap();
        symlink(&root, root.join("a/to-root")).unwrap();
        symlink(dir.path(), root.join("b/to-above")).unwrap();
        symlink(root.join("missing"), root.join("b/dangling")).unwrap();
        symlink(root.join("c.toml"), root.join("b/folder.toml")).unwrap();

        let mut diagnostics = Vec::new();
        let found = find_files(std::slice::from_ref(&root), &mut diagnostics);
        let relative = |path: &str| path.replace(&format!("{}/", root.display()), "");
        let found: Vec<String> = found
            .into_iter()
            .map(|(display, _)| relative(&display))
            .collect();
        let reported: Vec<String> = (diagnostics.iter())
            .map(|d| format!("{}: {}", relative(&d.path), d.message))
            .collect();
        assert_eq!(
            found,
            [
                "a/deep/to-b/linked.toml",
                "a/deep/to-b/three.toml",
                "a/deep/two.toml",
                "a/one.toml"
            ]
        );
        let looped = "cannot read: symbolic link loop; not followed";
        let missing = "cannot read: No such file or directory";
        let folder = "is a directory, not a briefing file; its contents are searched separately";
        assert_eq!(
            reported,
            [
                format!("a/deep/to-b/dangling: {missing}"),
                format!("a/deep/to-b/folder.toml: {folder}"),
                format!("a/deep/to-b/to-a: {looped}"),
                format!("a/deep/to-b/to-above: {looped}"),
                format!("a/to-root: {looped}"),
                format!("b/dangling: {missing}"),
                format!("b/folder.toml: {folder}"),
                format!("b/to-a/deep/to-b: {looped}"),
                format!("b/to-a/to-root: {looped}"),
                format!("b/to-above: {looped}"),
                format!("c.toml: {folder}"),
            ]
        );
    }

    /// Stated by name in their folders, files have the fingerprints `std::fs::metadata`
    /// gives them by path, which the index's rows were made with; the stamps made from
    /// them are the ones live reload compares; a file gone has none.
    #[test]
    fn files_stated_by_name_have_the_fingerprints_of_their_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for file in ["a.toml", "b.toml", "sub/c.toml"] {
            std::fs::write(dir.path().join(file), file).unwrap();
        }
        // More folders than are held open at once.
        for folder in 0..300 {
            let folder = dir.path().join(format!("f{folder:03}"));
            std::fs::create_dir(&folder).unwrap();
            std::fs::write(folder.join("x.toml"), "").unwrap();
        }
        // A link stated as what it leads to, as `metadata` follows it.
        std::fs::write(dir.path().join("t.txt"), "linked").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("t.txt"), dir.path().join("sub/l.toml"))
            .unwrap();
        let found = find_files(&[dir.path().to_owned()], &mut Vec::new());
        let mut found_and_gone = found.clone();
        found_and_gone.push(("gone.toml".to_owned(), dir.path().join("gone.toml")));
        let by_path: Vec<Option<Fingerprint>> = (found_and_gone.iter())
            .map(|(_, path)| std::fs::metadata(path).ok().map(|m| Fingerprint::of(&m)))
            .collect();
        assert_eq!(fingerprints(&found_and_gone), by_path);
        assert_eq!(by_path.iter().flatten().count(), found.len());
        assert_eq!(found.len(), 303 + usize::from(cfg!(unix)));
        for (_, path) in &found {
            let metadata = std::fs::metadata(path).unwrap();
            let stamp = super::super::read::FileStamp::from(Fingerprint::of(&metadata));
            assert_eq!(
                stamp.modified,
                metadata.modified().ok(),
                "{}",
                path.display()
            );
        }
    }
}
