//! Live reload: watch the briefing files and folders and report (debounced) when they change.
//!
//! Editors save in different ways: some write in place, others write a new file and rename
//! it over the old one, which replaces the file's inode. Watching the containing folder
//! rather than the file catches both. Reading a file is not a change: access and
//! metadata-only events are ignored, or the reader's own reload would trigger another.
//!
//! A watched folder can itself go away (removed, or renamed and replaced by another, as a
//! checkout or a sync tool does): the event on the folder counts as a change, and the
//! [`Watch`] says it is lost, so the runner starts a new one. A folder missing when the
//! watch starts is waited for in its nearest existing parent.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long changes must settle before a reload: an editor's save is several events.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// A running watch; dropping it stops watching (and its debounce thread).
pub struct Watch {
    _watcher: RecommendedWatcher,
    /// Each watched folder and what it was when the watch started (`None`: missing).
    folders: Vec<(PathBuf, Option<FolderIdentity>)>,
}

/// Tells a folder from another put at the same path: a watch follows the folder it was
/// given (its inode), not the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderIdentity {
    device: u64,
    inode: u64,
}

impl FolderIdentity {
    fn of(path: &Path) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_dir)?;
        Some(Self {
            device: metadata.dev(),
            inode: metadata.ino(),
        })
    }
}

impl Watch {
    /// Whether a watched folder is gone, replaced, or came back since the watch started:
    /// this watch no longer sees it, and a new one must be started.
    #[must_use]
    pub fn is_lost(&self) -> bool {
        self.folders
            .iter()
            .any(|(path, identity)| FolderIdentity::of(path) != *identity)
    }
}

/// Whether an event can change what a briefing file contains.
fn changes_content(kind: EventKind) -> bool {
    match kind {
        EventKind::Modify(ModifyKind::Metadata(_))
        | EventKind::Access(
            AccessKind::Any
            | AccessKind::Read
            | AccessKind::Open(_)
            | AccessKind::Other
            | AccessKind::Close(AccessMode::Read | AccessMode::Execute),
        )
        | EventKind::Other => false,
        // Everything else: created, removed, renamed, written, or a file opened for
        // writing was closed (the write is complete).
        _ => true,
    }
}

/// Calls `on_change` once a burst of changes to briefing files under `paths` (`.toml`
/// files, or the named files themselves) has settled for [`DEBOUNCE`].
///
/// # Errors
/// When the operating system offers no file watching at all; a single path that cannot be
/// watched is only logged.
pub fn watch_paths(
    paths: &[PathBuf],
    on_change: impl Fn() + Send + 'static,
) -> notify::Result<Watch> {
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    // Paths given as folders (or missing, so perhaps a folder to come): an event on one
    // of them is the folder itself going or coming.
    let folders: Vec<PathBuf> = paths.iter().filter(|p| !p.is_file()).cloned().collect();
    let roots = folders.clone();
    let is_briefing = move |path: &Path| {
        path.extension().is_some_and(|e| e == "toml")
            || roots.iter().any(|root| root == path)
            || path.canonicalize().is_ok_and(|p| named.contains(&p))
    };
    let (changed, settle) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        if let Ok(event) = result
            && changes_content(event.kind)
            && event.paths.iter().any(|p| is_briefing(p))
        {
            let _ = changed.send(());
        }
    })?;
    // Waits for a first change, then for quiet; ends when the watcher (and its sender) drops.
    thread::spawn(move || {
        while settle.recv().is_ok() {
            while settle.recv_timeout(DEBOUNCE).is_ok() {}
            on_change();
        }
    });
    for path in paths {
        let parent = || {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        let (target, mode) = if path.is_dir() {
            (path.as_path(), RecursiveMode::Recursive)
        } else if path.exists() {
            (parent(), RecursiveMode::NonRecursive)
        } else {
            // Missing: watch the nearest parent that exists, to see it come back.
            let existing = path.ancestors().skip(1).find(|p| p.is_dir());
            (existing.unwrap_or_else(parent), RecursiveMode::NonRecursive)
        };
        // A path that cannot be watched (gone, or over the system's limit) must not stop
        // the others from reloading.
        if let Err(err) = watcher.watch(target, mode) {
            tracing::warn!("not watching {}: {err}", target.display());
        }
    }
    Ok(Watch {
        _watcher: watcher,
        folders: folders
            .into_iter()
            .map(|folder| {
                let identity = FolderIdentity::of(&folder);
                (folder, identity)
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind};

    #[test]
    fn reading_is_not_a_change_but_writing_is() {
        assert!(!changes_content(EventKind::Access(AccessKind::Read)));
        assert!(!changes_content(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(changes_content(EventKind::Create(CreateKind::File)));
        assert!(changes_content(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
    }

    /// Waits (up to 5 s) for a change to be reported.
    fn reported(changes: &mpsc::Receiver<()>) -> bool {
        changes.recv_timeout(Duration::from_secs(5)).is_ok()
    }

    #[test]
    fn a_watched_folder_renamed_away_is_a_change_and_loses_the_watch() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("briefings");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.toml"), "").unwrap();
        let (sender, changes) = mpsc::channel();
        let watch = watch_paths(std::slice::from_ref(&folder), move || {
            let _ = sender.send(());
        })
        .unwrap();
        assert!(!watch.is_lost());
        // Renaming the folder moves no file inside it: only the folder's own event tells.
        std::fs::rename(&folder, tmp.path().join("old")).unwrap();
        assert!(reported(&changes), "the folder going away is a change");
        assert!(watch.is_lost());
        // Another folder put in its place is not the one watched.
        std::fs::create_dir(&folder).unwrap();
        assert!(watch.is_lost());
    }

    #[test]
    fn a_missing_folder_is_waited_for() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("briefings");
        let (sender, changes) = mpsc::channel();
        let watch = watch_paths(std::slice::from_ref(&folder), move || {
            let _ = sender.send(());
        })
        .unwrap();
        assert!(!watch.is_lost());
        std::fs::create_dir(&folder).unwrap();
        assert!(reported(&changes), "the folder coming is a change");
        assert!(watch.is_lost(), "and needs a watch of its own");
    }
}
