//! Live reload: watch the briefing files and folders and report (debounced) when they change.
//!
//! Editors save in different ways: some write in place, others write a new file and rename
//! it over the old one, which replaces the file's inode. Watching the containing folder
//! rather than the file catches both.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long changes must settle before a reload: an editor's save is several events.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// A running watch; dropping it stops watching.
pub type Watch = Debouncer<notify::RecommendedWatcher>;

/// Calls `on_change` after briefing files under `paths` change (`.toml` files, or the
/// named files themselves).
///
/// # Errors
/// When the operating system refuses to watch a path (e.g. too many watches).
pub fn watch_paths(
    paths: &[PathBuf],
    on_change: impl Fn() + Send + 'static,
) -> notify::Result<Watch> {
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let relevant = events.iter().any(|event| {
            event.path.extension().is_some_and(|e| e == "toml")
                || named.iter().any(|n| n == &event.path)
        });
        if relevant {
            on_change();
        }
    })?;
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
        debouncer.watcher().watch(target, mode)?;
    }
    Ok(debouncer)
}
