//! `sherpa cache status|clear`, and whether a run uses the index of parsed briefings
//! (`--no-cache`, `$SHERPA_NO_CACHE`).

use std::io::{self, Write};

use super::args::{CacheAction, SourceArgs};
use super::{CliError, CommandResult};
use sherpa_core::diagnostics::with_separators;
use sherpa_core::index;
use sherpa_core::sanitize::sanitize_line;

/// Makes this run's loads keep the index in the cache folder, unless `sources` say
/// `--no-cache` (or `$SHERPA_NO_CACHE` does). Called once, before the first load.
pub fn use_index(sources: &SourceArgs) {
    index::configure(if sources.no_cache {
        None
    } else {
        index::default_dir()
    });
}

pub(super) fn cache_command(action: CacheAction) -> CommandResult {
    let Some(dir) = index::default_dir() else {
        writeln!(
            io::stdout().lock(),
            "this platform has no cache folder; sherpa reads without an index"
        )?;
        return Ok(());
    };
    let shown = sanitize_line(&dir.display().to_string());
    let mut out = io::BufWriter::new(io::stdout().lock());
    match action {
        CacheAction::Status => {
            let files = index::status(&dir).map_err(|source| CliError::Cache {
                doing: "list",
                path: dir.clone(),
                source,
            })?;
            writeln!(out, "index folder: {shown}")?;
            for file in &files {
                let name = file.path.file_name().unwrap_or_default().to_string_lossy();
                let briefings = file.briefings.map_or_else(
                    || "unreadable (rebuilt at the next start)".to_owned(),
                    |count| {
                        format!(
                            "{} files",
                            with_separators(usize::try_from(count).unwrap_or(usize::MAX))
                        )
                    },
                );
                let corpus = file.corpus.as_deref().unwrap_or("?");
                writeln!(
                    out,
                    "{}  {}  {} bytes  {}",
                    sanitize_line(&name),
                    briefings,
                    with_separators(usize::try_from(file.bytes).unwrap_or(usize::MAX)),
                    sanitize_line(corpus)
                )?;
                // Part of the bytes above: the signatures searches made, at most 2 KiB a file.
                let count = |n: u64| with_separators(usize::try_from(n).unwrap_or(usize::MAX));
                if let Some((signed, bytes)) = index::prefilter::status(&file.path) {
                    writeln!(
                        out,
                        "  search prefilter: {} files signed, {} bytes",
                        count(signed),
                        count(bytes)
                    )?;
                }
                // Also part of them: what searches read of each file, so the next reads
                // it instead of parsing the file.
                if let Some((stored, bytes)) = index::prefilter::searchable_status(&file.path) {
                    writeln!(
                        out,
                        "  stored for search: {} files, {} bytes",
                        count(stored),
                        count(bytes)
                    )?;
                }
                // And the catalog the last search loaded, which the next starts from.
                if let Some(bytes) = index::prefilter::snapshot_status(&file.path) {
                    writeln!(out, "  search snapshot: {} bytes", count(bytes))?;
                }
            }
            let total: u64 = files.iter().map(|file| file.bytes).sum();
            writeln!(
                out,
                "{} of {} indexes, {} bytes",
                files.len(),
                index::MAX_INDEX_FILES,
                with_separators(usize::try_from(total).unwrap_or(usize::MAX))
            )?;
        }
        CacheAction::Clear => {
            let cleared = index::clear(&dir).map_err(|source| CliError::Cache {
                doing: "empty",
                path: dir.clone(),
                source,
            })?;
            let noun = if cleared == 1 { "index" } else { "indexes" };
            writeln!(out, "deleted {cleared} {noun} from {shown}")?;
        }
    }
    out.flush()?;
    Ok(())
}
