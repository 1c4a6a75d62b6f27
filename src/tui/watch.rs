//! Live reload: watch the briefing files and folders and report (debounced) when they change.
//!
//! Editors save in different ways: some write in place, others write a new file and rename
//! it over the old one, which replaces the file's inode. Watching the containing folder
//! rather than the file catches both. Reading a file is not a change: access and
//! metadata-only events are ignored, or the reader's own reload would trigger another.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

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
}
