//! Live reload: watch the briefing files and folders and report (debounced) when they change.
//!
//! Editors save in different ways: some write in place, others write a new file and rename
//! it over the old one, which replaces the file's inode. Watching the containing folder
//! rather than the file catches both. Reading a file is not a change: access and
//! metadata-only events are ignored, or the reader's own reload would trigger another.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long changes must settle before a reload: an editor's save is several events.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// A running watch; dropping it stops watching (and its debounce thread).
pub type Watch = RecommendedWatcher;

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
    let is_briefing = move |path: &Path| {
        path.extension().is_some_and(|e| e == "toml")
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
        let (target, mode) = if path.is_dir() {
            (path.as_path(), RecursiveMode::Recursive)
        } else {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            (parent, RecursiveMode::NonRecursive)
        };
        // A path that cannot be watched (gone, or over the system's limit) must not stop
        // the others from reloading.
        if let Err(err) = watcher.watch(target, mode) {
            tracing::warn!("not watching {}: {err}", target.display());
        }
    }
    Ok(watcher)
}

/// Whether a briefing under `paths` may have changed at or after `since`: a `.toml` file
/// in a folder or a file named was modified, or a folder holding them was (a file added,
/// removed or renamed changes its folder). The reader starts watching only once its first
/// load is drawn (the loader opening a thousand files would otherwise be a thousand events
/// to sift while it runs) and asks this for the edits made in between. A false alarm costs
/// one reload.
#[must_use]
pub fn changed_since(paths: &[PathBuf], since: SystemTime) -> bool {
    let modified_since = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified >= since)
    };
    let mut folders = Vec::new();
    for path in paths {
        if path.is_dir() {
            folders.push(path.clone());
        } else if modified_since(path) || path.parent().is_some_and(modified_since) {
            return true;
        }
    }
    // Linked folders are not entered, so a link loop cannot keep this walking.
    while let Some(folder) = folders.pop() {
        if modified_since(&folder) {
            return true;
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") && modified_since(&path) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind};

    /// The latest modification time under `dir`, the folder itself included.
    fn latest(dir: &Path) -> SystemTime {
        let mut newest = std::fs::metadata(dir).unwrap().modified().unwrap();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let modified = if entry.path().is_dir() {
                latest(&entry.path())
            } else {
                entry.metadata().unwrap().modified().unwrap()
            };
            newest = newest.max(modified);
        }
        newest
    }

    #[test]
    fn edits_removals_and_renames_since_a_time_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("nested");
        std::fs::create_dir(&nested).unwrap();
        let briefing = nested.join("a.toml");
        std::fs::write(&briefing, "x").unwrap();
        let folder = [dir.path().to_owned()];
        let after = |dir: &Path| latest(dir) + Duration::from_millis(1);
        let quiet = after(dir.path());
        assert!(!changed_since(&folder, quiet), "nothing changed since");
        assert!(!changed_since(std::slice::from_ref(&briefing), quiet));
        assert!(
            changed_since(&folder, latest(dir.path())),
            "the last write counts"
        );

        // Folders' times move on when a file is added, removed or renamed. File times come
        // from a coarse clock that lags the precise one by a tick: wait well past the last
        // change, then make each.
        let cases: [(&str, &dyn Fn()); 3] = [
            ("edited", &|| std::fs::write(&briefing, "y").unwrap()),
            ("renamed", &|| {
                std::fs::rename(&briefing, nested.join("b.toml")).unwrap();
            }),
            ("removed", &|| {
                std::fs::remove_file(nested.join("b.toml")).unwrap();
            }),
        ];
        for (what, change) in cases {
            let since = after(dir.path());
            while SystemTime::now() <= since + Duration::from_millis(50) {
                std::thread::sleep(Duration::from_millis(5));
            }
            assert!(!changed_since(&folder, since), "before the {what} file");
            change();
            assert!(changed_since(&folder, since), "{what} file");
        }
    }

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
}
