//! `sherpa new ID`: start a briefing from a scaffold that already passes `sherpa check`.
//!
//! The only command that writes into a briefings folder, so it is careful: the file is
//! written atomically and never replaces one (not even one created a moment before), and
//! an id another briefing in the folder already uses is refused, since the loader would
//! skip one of the two.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sherpa_core::corpus::{Corpus, is_valid_id, slug};
use sherpa_core::export::{ExportError, write_atomic};
use sherpa_core::model::Date;
use sherpa_core::sanitize::sanitize;
use sherpa_core::scaffold::{self, Scaffold};

use super::{CliError, CommandResult};

/// Where the schema sits in a checkout, relative to a folder that holds it.
const SCHEMA_FILE: &str = "schema/briefing.schema.json";
/// How many folders above the new file's folder are searched for [`SCHEMA_FILE`]: a
/// briefings folder beside `schema/`, or one level deeper, as the bundled ones are.
const SCHEMA_SEARCH_LEVELS: usize = 3;

/// The arguments of `sherpa new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The new summit's id, e.g. oslo-2026 (also the file name).
    id: String,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "briefings")]
    dir: PathBuf,
    /// The summit's title [default: a placeholder].
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// The day the summit begins, e.g. 2026-05-01 [default: today].
    #[arg(long, value_name = "DATE", value_parser = date_parser)]
    date: Option<Date>,
    /// Where the summit takes place [default: a placeholder].
    #[arg(long, value_name = "PLACE")]
    location: Option<String>,
}

fn date_parser(text: &str) -> Result<Date, String> {
    Date::parse(text)
        .ok_or_else(|| "not a calendar date; write it as YYYY-MM-DD, e.g. 2026-05-01".to_owned())
}

/// Writes `DIR/ID.toml` and prints its path.
pub fn new_briefing(new: &NewArgs) -> CommandResult {
    let id = new.id.as_str();
    if !is_valid_id(id) {
        return Err(CliError::InvalidId {
            id: id.to_owned(),
            suggestion: Some(slug(id)).filter(|s| is_valid_id(s)),
        });
    }
    if new.dir.exists() {
        let corpus = Corpus::load_paths(std::slice::from_ref(&new.dir));
        if let Some(position) = corpus.position(id) {
            return Err(CliError::UsedId {
                id: id.to_owned(),
                path: corpus.path_of(position).unwrap_or_default().to_owned(),
                free: free_id(id, &corpus),
            });
        }
    }
    std::fs::create_dir_all(&new.dir).map_err(|err| {
        let (path, reason) = not_a_folder(&new.dir)
            .unwrap_or_else(|| (new.dir.clone(), sherpa_core::diagnostics::io_reason(&err)));
        CliError::Export(ExportError::Io { path, reason })
    })?;
    let path = new.dir.join(format!("{id}.toml"));
    let schema = schema_reference(&new.dir);
    let text = scaffold::render(&Scaffold {
        id,
        title: new.title.as_deref(),
        date: new.date.unwrap_or_else(Date::today),
        location: new.location.as_deref(),
        schema: schema.as_deref(),
    });
    write_atomic(&path, &text, false).map_err(|err| match err {
        ExportError::Exists { path } => CliError::Exists { path },
        other => CliError::Export(other),
    })?;
    // Through `writeln!` and `?`: a closed pipe ends quietly and a full disk is an error,
    // as for every command (`println!` panics on both).
    writeln!(
        io::stdout().lock(),
        "{}",
        sanitize(&path.display().to_string())
    )?;
    Ok(())
}

/// The part of `dir` that exists but is no folder, and what it is instead, so `new --dir`
/// says "a file, not a folder" where creating the folder says only "File exists".
fn not_a_folder(dir: &Path) -> Option<(PathBuf, String)> {
    // The deepest part that exists: every part above it is a folder, or it would not.
    let (existing, own) = dir
        .ancestors()
        .filter(|part| !part.as_os_str().is_empty())
        .find_map(|part| Some((part, std::fs::symlink_metadata(part).ok()?)))?;
    let what = if own.file_type().is_symlink() {
        let target = std::fs::read_link(existing).ok()?;
        let target = sanitize(&target.display().to_string()).to_string();
        match std::fs::metadata(existing) {
            Ok(followed) if followed.is_dir() => return None,
            Ok(_) => format!("a link to {target}, which is a file, not a folder"),
            Err(_) => format!("a link to {target}, which does not exist"),
        }
    } else if own.is_dir() {
        return None;
    } else {
        "a file, not a folder".to_owned()
    };
    Some((existing.to_path_buf(), format!("it is {what}")))
}

/// The first of `ID-2`, `ID-3`, … that no briefing in the folder uses (one more than
/// the corpus holds is always enough).
fn free_id(id: &str, corpus: &Corpus) -> String {
    (2..=corpus.len() + 2)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| corpus.get(candidate).is_none())
        .unwrap_or_else(|| id.to_owned())
}

/// What the new file's `#:schema` line names: the schema in a folder at or above `dir`,
/// as a path relative to `dir` (so the checkout can move), else the schema of the source
/// tree sherpa was built from when it is still there, by its absolute path.
fn schema_reference(dir: &Path) -> Option<String> {
    let absolute = dir.canonicalize().ok()?;
    for (level, ancestor) in absolute
        .ancestors()
        .take(SCHEMA_SEARCH_LEVELS + 1)
        .enumerate()
    {
        if ancestor.join(SCHEMA_FILE).is_file() {
            return Some(format!("{}{SCHEMA_FILE}", "../".repeat(level)));
        }
    }
    let built_from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE);
    built_from
        .is_file()
        .then(|| built_from.display().to_string())
        // A path with a newline would end the comment and start a line of TOML.
        .filter(|path| !path.contains(['\n', '\r']))
}
