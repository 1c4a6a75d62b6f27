//! `sherpa list`: summits by date, as aligned columns or JSON, from the catalog (each
//! file's small row in the persistent index), not the whole briefings.

use std::fmt::Write as _;
use std::io::{self, Write};

use rayon::prelude::*;

use super::CommandResult;
use super::json::ListJson;
use super::load::with_failed_files;
use sherpa_core::corpus::Catalog;
use sherpa_core::sanitize::sanitize_line;

/// Lines formatted together on one thread.
const LINES_PER_CHUNK: usize = 2048;

/// Prints `catalog`, which is then left to the end of the process rather than freed:
/// freeing 100,000 summits' strings one by one was a twentieth of a warm `list`, and the
/// catalog holds only memory (no file, lock or buffer that its drop would flush).
pub(super) fn list(catalog: Catalog, json: bool) -> CommandResult {
    let printed = print(&catalog, json);
    std::mem::forget(catalog);
    printed
}

fn print(catalog: &Catalog, json: bool) -> CommandResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let text = sherpa_core::export::to_json_pretty(&ListJson::of(catalog))?;
        writeln!(out, "{text}")?;
    } else {
        let id_width = catalog
            .listed()
            .iter()
            .map(|listed| listed.id().len())
            .max()
            .unwrap_or(0);
        // On every core: sanitising and formatting 100,000 rows was an eighth of a warm list.
        let rows: Vec<(String, String)> = catalog
            .listed()
            .par_iter()
            .map(|listed| {
                let location = sanitize_line(listed.location()).into_string();
                let title = sanitize_line(listed.title()).into_string();
                (location, title)
            })
            .collect();
        let location_width = rows
            .iter()
            .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str()))
            .max()
            .unwrap_or(0);
        let chunks: Vec<String> = (catalog.listed().par_chunks(LINES_PER_CHUNK))
            .zip(rows.par_chunks(LINES_PER_CHUNK))
            .map(|(listed, rows)| {
                let mut text = String::new();
                for (listed, (location, title)) in listed.iter().zip(rows) {
                    let pad = location_width
                        .saturating_sub(unicode_width::UnicodeWidthStr::width(location.as_str()));
                    let _ = writeln!(
                        text,
                        "{:id_width$}  {}  {location}{:pad$}  {title}",
                        listed.id(),
                        listed.date(),
                        ""
                    );
                }
                text
            })
            .collect();
        for chunk in chunks {
            out.write_all(chunk.as_bytes())?;
        }
    }
    out.flush()?;
    with_failed_files(catalog.failed_files(), Ok(()))
}
