//! Export of a pane or a whole briefing, and writing it without ever losing a file.
//!
//! Writes go to a temporary file in the target folder that is renamed into place only when
//! complete, so a full disk or a crash never leaves a partial export, and an existing file
//! is replaced only when the user asked for it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::document::{Document, Pane, sources_cited_in};
use crate::model::Briefing;
use crate::render_text::{export_markdown, export_text};

/// The export formats of `sherpa export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text wrapped to a width; control characters made visible.
    #[default]
    Text,
    /// Markdown with headings per pane and item.
    Markdown,
    /// The exact strings of the file, structured (JSON escaping makes them inert).
    Json,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Self; 3] = [Self::Text, Self::Markdown, Self::Json];

    /// The name used on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Json => "json",
        }
    }
}

/// Renders a pane (or, with `None`, the whole briefing) in a format.
#[must_use]
pub fn render(briefing: &Briefing, pane: Option<Pane>, format: Format, width: usize) -> String {
    match format {
        Format::Text => export_text(&Document::of(briefing, pane), width),
        Format::Markdown => export_markdown(&Document::of(briefing, pane)),
        Format::Json => {
            let value = match pane {
                None => serde_json::to_value(briefing),
                Some(pane) => pane_json(briefing, pane),
            };
            let mut text = value
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            text.push('\n');
            text
        }
    }
}

fn pane_json(briefing: &Briefing, pane: Pane) -> serde_json::Result<serde_json::Value> {
    let items = match pane {
        Pane::Participants => serde_json::to_value(&briefing.participants)?,
        Pane::Meetings => serde_json::to_value(&briefing.prior_meetings)?,
        Pane::Goals => serde_json::to_value(&briefing.goals)?,
        Pane::Disagreements => serde_json::to_value(&briefing.disagreements)?,
        Pane::Sources => serde_json::to_value(&briefing.sources)?,
        Pane::Summary => serde_json::to_value(&briefing.summit.summary)?,
    };
    let mut value = json!({
        "summit": briefing.id(),
        "pane": pane.name(),
        pane.name(): items,
    });
    // A pane carries the sources it cites, structured, unless it is the sources pane itself.
    if pane != Pane::Sources {
        let cited = sources_cited_in(briefing, pane);
        let sources: Vec<&crate::model::Source> = briefing
            .sources
            .iter()
            .filter(|s| cited.contains(&s.id))
            .collect();
        value["sources"] = serde_json::to_value(sources)?;
    }
    Ok(value)
}

/// Why an export could not be written. Each carries the path the user needs to look at.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path} already exists; use --force to replace it")]
    Exists { path: PathBuf },
    #[error("cannot write {path}: {reason}")]
    Io { path: PathBuf, reason: String },
}

fn io_error(path: &Path, err: &std::io::Error) -> ExportError {
    ExportError::Io {
        path: path.to_owned(),
        reason: crate::diagnostics::io_reason(err),
    }
}

/// Writes `contents` to `path` atomically. Without `force`, an existing file is never
/// replaced (the final step is a no-clobber link, so even a racing writer is safe).
///
/// # Errors
/// [`ExportError::Exists`] when the file exists and `force` is off; [`ExportError::Io`]
/// when the folder is missing, read-only or full. No partial file is left either way.
pub fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<(), ExportError> {
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
    {
        return Err(ExportError::Io {
            path: path.to_owned(),
            reason: "not a regular file; choose a file name to write to".to_owned(),
        });
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sherpa-export-");
    // A temporary file is private (0600); an export is an ordinary file: the mode a new
    // file gets (0666 less the umask), or the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| io_error(path, &e))?;
    if force && let Ok(existing) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(|e| io_error(path, &e))?;
    }
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| io_error(path, &e))?;
    let result = if force {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    result.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists {
                path: path.to_owned(),
            }
        } else {
            io_error(path, &e.error)
        }
    })
}

/// Writes to `<dir>/<stem>.txt`, or `<stem>-2.txt`, `<stem>-3.txt`, … if taken.
/// Returns the path written.
///
/// # Errors
/// [`ExportError::Io`] when the folder cannot be written.
pub fn write_unique(dir: &Path, stem: &str, contents: &str) -> Result<PathBuf, ExportError> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.txt")
        } else {
            format!("{stem}-{n}.txt")
        };
        let path = dir.join(name);
        // Any name already taken (by a file, a folder, a FIFO or a dangling link) goes to
        // the next number; the no-clobber write below still settles a race.
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match write_atomic(&path, contents, false) {
            Err(ExportError::Exists { .. }) => {}
            other => return other.map(|()| path),
        }
    }
    Err(ExportError::Io {
        path: dir.join(format!("{stem}.txt")),
        reason: "too many earlier exports with this name".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn exports_get_an_ordinary_files_mode_not_a_temporary_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        let mode_of = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let ordinary = dir.path().join("ordinary.txt");
        std::fs::write(&ordinary, "").unwrap();
        write_atomic(&path, "one", false).unwrap();
        assert_eq!(
            mode_of(&path),
            mode_of(&ordinary),
            "the mode any new file gets"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, "two", true).unwrap();
        assert_eq!(
            mode_of(&path),
            0o640,
            "--force keeps the replaced file's mode"
        );
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic(&path, "one", false).unwrap();
        assert!(matches!(
            write_atomic(&path, "two", false),
            Err(ExportError::Exists { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomic(&path, "three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
    }

    #[test]
    fn unique_names_count_up() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_unique(dir.path(), "a-goals", "x").unwrap();
        let second = write_unique(dir.path(), "a-goals", "y").unwrap();
        assert!(first.ends_with("a-goals.txt"));
        assert!(second.ends_with("a-goals-2.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_or_fifo_planted_on_the_name_takes_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a-goals.txt")).unwrap();
        let fifo = dir.path().join("a-goals-2.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let written = write_unique(dir.path(), "a-goals", "x").unwrap();
        assert!(written.ends_with("a-goals-3.txt"), "{}", written.display());
        assert_eq!(std::fs::read_to_string(written).unwrap(), "x");
    }

    #[test]
    fn missing_folder_is_a_clear_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/out.txt");
        let err = write_atomic(&path, "x", false).unwrap_err();
        assert!(err.to_string().contains("cannot write"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
