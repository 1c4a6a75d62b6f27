//! Export of a pane or a whole briefing, and writing it without ever losing a file.
//!
//! Writes go to a temporary file in the target folder that is renamed into place only when
//! complete, so a full disk or a crash never leaves a partial export, and an existing file
//! is replaced only when the user asked for it.

use std::io::Write;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use crate::document::{Document, Pane, sources_cited_in};
use crate::item_key::pane_keys;
use crate::model::{
    Briefing, Date, Disagreement, Goal, Participant, PriorMeeting, Source, SummitStatus,
};
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
            let mut text = match pane {
                None => to_json_pretty(&BriefingExport::of(briefing)),
                Some(pane) => to_json_pretty(&PaneExport::of(briefing, pane)),
            }?;
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

/// The version of every JSON document sherpa writes (`"version"`, its first field). A
/// script can rely on a field's name and meaning for as long as the version stays the
/// same; renaming or removing a field, or changing what it holds, raises it.
pub const JSON_VERSION: u32 = 1;

/// An item of a briefing as the file has it, with its stable item key (as a string) so a
/// script can name the item in a way that survives edits to the file.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Keyed{T}")]
pub struct Keyed<'a, T> {
    /// The item's stable key, `SUMMIT/PANE/IDENTITY`.
    pub key: String,
    #[serde(flatten)]
    pub item: &'a T,
}

/// Each item of `items` (a pane's items, in order) with its key.
fn keyed<'a, T>(items: &'a [T], briefing: &Briefing, pane: Pane) -> Vec<Keyed<'a, T>> {
    items
        .iter()
        .zip(pane_keys(briefing, pane))
        .map(|(item, key)| Keyed {
            key: key.to_string(),
            item,
        })
        .collect()
}

/// A whole briefing as `sherpa export ID --format json` writes it: the summit's facts at the
/// top level (`summit` is its id, as in every other output), then every pane's items with
/// their keys. Item fields keep the file's names.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "sherpa export (whole briefing)")]
pub struct BriefingExport<'a> {
    /// The version of this output's shape (see the README's JSON section).
    pub version: u32,
    /// The summit's id.
    pub summit: &'a str,
    pub title: &'a str,
    pub date: Date,
    /// Where the summit takes place (the file's `location`).
    pub place: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<SummitStatus>,
    /// The summary as written, paragraphs separated by blank lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'a str>,
    pub tags: &'a [String],
    pub participants: Vec<Keyed<'a, Participant>>,
    pub prior_meetings: Vec<Keyed<'a, PriorMeeting>>,
    pub goals: Vec<Keyed<'a, Goal>>,
    pub disagreements: Vec<Keyed<'a, Disagreement>>,
    pub sources: Vec<Keyed<'a, Source>>,
}

impl<'a> BriefingExport<'a> {
    /// The export of `briefing`.
    #[must_use]
    pub fn of(briefing: &'a Briefing) -> Self {
        let summit = &briefing.summit;
        Self {
            version: JSON_VERSION,
            summit: briefing.id(),
            title: &summit.title,
            date: summit.date,
            place: &summit.location,
            status: summit.status,
            summary: summit.summary.as_deref(),
            tags: &summit.tags,
            participants: keyed(&briefing.participants, briefing, Pane::Participants),
            prior_meetings: keyed(&briefing.prior_meetings, briefing, Pane::Meetings),
            goals: keyed(&briefing.goals, briefing, Pane::Goals),
            disagreements: keyed(&briefing.disagreements, briefing, Pane::Disagreements),
            sources: keyed(&briefing.sources, briefing, Pane::Sources),
        }
    }
}

/// One pane as `sherpa export ID PANE --format json` writes it: its items under the pane's
/// name, and the sources they cite.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "sherpa export (one pane)")]
pub struct PaneExport<'a> {
    /// The version of this output's shape (see the README's JSON section).
    pub version: u32,
    /// The summit's id.
    pub summit: &'a str,
    #[serde(flatten)]
    pub content: PaneContent<'a>,
}

/// A pane's items under the pane's name, told apart by `pane`, with the sources they cite
/// under `sources`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "pane", rename_all = "snake_case")]
pub enum PaneContent<'a> {
    Participants {
        participants: Vec<Keyed<'a, Participant>>,
        sources: Vec<Keyed<'a, Source>>,
    },
    Meetings {
        meetings: Vec<Keyed<'a, PriorMeeting>>,
        sources: Vec<Keyed<'a, Source>>,
    },
    Goals {
        goals: Vec<Keyed<'a, Goal>>,
        sources: Vec<Keyed<'a, Source>>,
    },
    Disagreements {
        disagreements: Vec<Keyed<'a, Disagreement>>,
        sources: Vec<Keyed<'a, Source>>,
    },
    Sources {
        sources: Vec<Keyed<'a, Source>>,
    },
    Summary {
        /// The summary as written, or null when the briefing has none.
        summary: Option<&'a str>,
        sources: Vec<Keyed<'a, Source>>,
    },
}

impl<'a> PaneExport<'a> {
    /// The export of one pane of `briefing`.
    #[must_use]
    pub fn of(briefing: &'a Briefing, pane: Pane) -> Self {
        let cited = || {
            let cited = sources_cited_in(briefing, pane);
            keyed(&briefing.sources, briefing, Pane::Sources)
                .into_iter()
                .filter(|source| cited.contains(&source.item.id))
                .collect()
        };
        let content = match pane {
            Pane::Participants => PaneContent::Participants {
                participants: keyed(&briefing.participants, briefing, pane),
                sources: cited(),
            },
            Pane::Meetings => PaneContent::Meetings {
                meetings: keyed(&briefing.prior_meetings, briefing, pane),
                sources: cited(),
            },
            Pane::Goals => PaneContent::Goals {
                goals: keyed(&briefing.goals, briefing, pane),
                sources: cited(),
            },
            Pane::Disagreements => PaneContent::Disagreements {
                disagreements: keyed(&briefing.disagreements, briefing, pane),
                sources: cited(),
            },
            Pane::Sources => PaneContent::Sources {
                sources: keyed(&briefing.sources, briefing, pane),
            },
            Pane::Summary => PaneContent::Summary {
                summary: briefing.summit.summary.as_deref(),
                sources: cited(),
            },
        };
        Self {
            version: JSON_VERSION,
            summit: briefing.id(),
            content,
        }
    }
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
        for (field, pane) in [
            ("participants", Pane::Participants),
            ("prior_meetings", Pane::Meetings),
            ("goals", Pane::Goals),
            ("disagreements", Pane::Disagreements),
            ("sources", Pane::Sources),
        ] {
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

    #[test]
    fn json_exports_share_one_vocabulary_and_a_version() {
        let corpus = crate::corpus::Corpus::load_bundled();
        let briefing = corpus.get("helsinki-2018").expect("a bundled briefing");
        let json = |pane| -> serde_json::Value {
            let text = render(briefing, pane, Format::Json, 80).expect("JSON");
            serde_json::from_str(&text).expect("valid JSON")
        };
        for value in [
            json(None),
            json(Some(Pane::Goals)),
            json(Some(Pane::Summary)),
        ] {
            assert_eq!(value["version"], JSON_VERSION, "{value}");
            assert_eq!(value["summit"], "helsinki-2018", "the id, never an object");
        }
        let whole = json(None);
        assert_eq!(whole["place"], briefing.summit.location);
        assert!(whole.get("location").is_none());
        assert_eq!(whole["title"], briefing.summit.title);
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
