//! Export of a pane or a whole briefing, and writing it without ever losing a file.
//!
//! Writes go to a temporary file in the target folder that is renamed into place only when
//! complete, so a full disk or a crash never leaves a partial export, and an existing file
//! is replaced only when the user asked for it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::document::{Document, Pane, sources_cited_in};
use crate::item_key::{ItemKey, pane_keys};
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
///
/// # Errors
/// [`ExportError::Json`] if serde cannot serialise the briefing (text and markdown cannot
/// fail), so a script sees a failing command, never an `{"error": …}` document.
pub fn render(
    briefing: &Briefing,
    pane: Option<Pane>,
    format: Format,
    width: usize,
) -> Result<String, ExportError> {
    Ok(match format {
        Format::Text => export_text(&Document::of(briefing, pane), width),
        Format::Markdown => export_markdown(&Document::of(briefing, pane)),
        Format::Json => {
            let value = match pane {
                None => briefing_json(briefing),
                Some(pane) => pane_json(briefing, pane),
            };
            let mut text = value.and_then(|v| to_json_pretty(&v))?;
            text.push('\n');
            text
        }
    })
}

/// Pretty JSON in which nothing a terminal acts on appears raw: besides what JSON itself
/// escapes (C0 controls, quotes, backslashes), DEL, every C1 control, bidi control, format
/// control and line or paragraph separator is written as `\uXXXX`. The strings decode to
/// exactly the file's text. Every JSON the program writes goes through this.
///
/// # Errors
/// When the value cannot be serialised (serde's own errors).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        InertFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut serializer)?;
    // The serializer writes only valid UTF-8 (strings are &str, escapes are ASCII).
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Whether a character must be escaped in JSON output even though JSON allows it raw.
#[must_use]
pub fn json_must_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' // DEL and C1 controls
            | '\u{ad}' // soft hyphen
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// `serde_json`'s pretty formatter, escaping what [`json_must_escape`] names.
struct InertFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for InertFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if json_must_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The JSON key of each pane's items in a briefing's JSON (the summary is a string).
const ITEM_ARRAYS: [(&str, Pane); 5] = [
    ("participants", Pane::Participants),
    ("prior_meetings", Pane::Meetings),
    ("goals", Pane::Goals),
    ("disagreements", Pane::Disagreements),
    ("sources", Pane::Sources),
];

/// A whole briefing as JSON, each item with its `key`.
fn briefing_json(briefing: &Briefing) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(briefing)?;
    for (field, pane) in ITEM_ARRAYS {
        if let Some(items) = value.get_mut(field) {
            insert_keys(items, pane_keys(briefing, pane));
        }
    }
    Ok(value)
}

/// Adds to each item object of `items`, a pane's items in order, its `key`, so a script
/// can name an item in a way that survives edits to the file.
fn insert_keys(items: &mut serde_json::Value, keys: Vec<ItemKey>) {
    let Some(items) = items.as_array_mut() else {
        return;
    };
    for (item, key) in items.iter_mut().zip(keys) {
        if let Some(item) = item.as_object_mut() {
            item.insert("key".to_owned(), serde_json::Value::String(key.to_string()));
        }
    }
}

fn pane_json(briefing: &Briefing, pane: Pane) -> serde_json::Result<serde_json::Value> {
    let mut items = match pane {
        Pane::Participants => serde_json::to_value(&briefing.participants)?,
        Pane::Meetings => serde_json::to_value(&briefing.prior_meetings)?,
        Pane::Goals => serde_json::to_value(&briefing.goals)?,
        Pane::Disagreements => serde_json::to_value(&briefing.disagreements)?,
        Pane::Sources => serde_json::to_value(&briefing.sources)?,
        Pane::Summary => serde_json::to_value(&briefing.summit.summary)?,
    };
    insert_keys(&mut items, pane_keys(briefing, pane));
    let mut value = json!({
        "summit": briefing.id(),
        "pane": pane.name(),
        pane.name(): items,
    });
    // A pane carries the sources it cites, structured, unless it is the sources pane itself.
    if pane != Pane::Sources {
        let cited = sources_cited_in(briefing, pane);
        let (sources, keys): (Vec<&crate::model::Source>, Vec<ItemKey>) = briefing
            .sources
            .iter()
            .zip(pane_keys(briefing, Pane::Sources))
            .filter(|(s, _)| cited.contains(&s.id))
            .unzip();
        let mut sources = serde_json::to_value(sources)?;
        insert_keys(&mut sources, keys);
        value["sources"] = sources;
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
    #[error("cannot write the briefing as JSON: {0}")]
    Json(#[from] serde_json::Error),
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

    #[test]
    fn json_exports_give_every_item_its_key() {
        let corpus = crate::corpus::Corpus::load_bundled();
        let briefing = corpus.get("helsinki-2018").expect("a bundled briefing");
        let whole = render(briefing, None, Format::Json, 80).expect("JSON");
        let whole: serde_json::Value = serde_json::from_str(&whole).expect("valid JSON");
        for (field, pane) in ITEM_ARRAYS {
            let keys: Vec<String> = pane_keys(briefing, pane)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert!(!keys.is_empty(), "{field}");
            let written: Vec<&str> = whole[field]
                .as_array()
                .expect("an array")
                .iter()
                .filter_map(|item| item["key"].as_str())
                .collect();
            assert_eq!(written, keys, "{field}");
        }
        assert_eq!(
            whole["participants"][0]["key"],
            "helsinki-2018/participants/donald-trump"
        );
        let goals = render(briefing, Some(Pane::Goals), Format::Json, 80).expect("JSON");
        let goals: serde_json::Value = serde_json::from_str(&goals).expect("valid JSON");
        assert_eq!(goals["goals"][0]["key"], whole["goals"][0]["key"]);
        let cited = goals["sources"][0]["id"].as_str().expect("a cited source");
        assert_eq!(
            goals["sources"][0]["key"],
            format!("helsinki-2018/sources/{cited}")
        );
    }

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
    fn json_escapes_c1_bidi_and_format_controls() {
        let text = "a\u{85}\u{8e}\u{9c}\u{200e}\u{61c}\u{202e}\u{e0041}b";
        let json = to_json_pretty(&serde_json::json!({ "k": [text] })).unwrap();
        assert!(json.is_ascii(), "{json}");
        assert!(json.contains("\\u0085\\u008e\\u009c\\u200e\\u061c\\u202e\\udb40\\udc41b"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["k"][0], text);
        assert_eq!(
            json,
            serde_json::to_string_pretty(&serde_json::json!({ "k": ["ab"] }))
                .unwrap()
                .replace(
                    "ab",
                    "a\\u0085\\u008e\\u009c\\u200e\\u061c\\u202e\\udb40\\udc41b"
                )
        );
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
