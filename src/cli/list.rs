//! `sherpa list`: summits by date, as aligned columns or JSON, from the catalog (each
//! file's small row in the persistent index), not the whole briefings.

use std::io::{self, Write};

use rayon::prelude::*;

use super::CommandResult;
use super::json::ListJson;
use super::load::{load_catalog, note_if_none_found, with_failed_files};
use sherpa_core::corpus::{Catalog, Origin};
use sherpa_core::sanitize::sanitize_line;

/// Lines formatted together on one thread.
const LINES_PER_CHUNK: usize = 2048;

/// `sherpa list`: prints the catalog of `origin`, noting on stderr (unless `quiet`) when
/// it holds no briefing file at all. The catalog is then left to the end of the process
/// rather than freed: freeing 100,000 summits' strings one by one was a twentieth of a
/// warm `list`, and the catalog holds only memory (no file, lock or buffer that its drop
/// would flush).
pub(super) fn list(origin: &Origin, json: bool, quiet: bool) -> CommandResult {
    let catalog = load_catalog(origin);
    if !quiet {
        note_if_none_found(origin, catalog.listed().len() + catalog.failed_files());
    }
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
        // Each location with its width, measured once.
        let rows: Vec<(String, usize, String)> = catalog
            .listed()
            .par_iter()
            .map(|listed| {
                let location = sanitize_line(listed.location()).into_string();
                let width = unicode_width::UnicodeWidthStr::width(location.as_str());
                let title = sanitize_line(listed.title()).into_string();
                (location, width, title)
            })
            .collect();
        let location_width = rows.iter().map(|(_, width, _)| *width).max().unwrap_or(0);
        let chunks: Vec<String> = (catalog.listed().par_chunks(LINES_PER_CHUNK))
            .zip(rows.par_chunks(LINES_PER_CHUNK))
            .map(|(listed, rows)| {
                let mut text = String::new();
                // Summits come by date, so most share their date with the one before.
                let mut date = None;
                let mut date_text = String::new();
                for (listed, (location, width, title)) in listed.iter().zip(rows) {
                    if date != Some(listed.date()) {
                        date = Some(listed.date());
                        date_text = listed.date().to_string();
                    }
                    let location_pad = location_width.saturating_sub(*width);
                    // `{:width$}` pads by characters.
                    let id_pad = id_width.saturating_sub(listed.id().chars().count());
                    // Written piece by piece: through `writeln!`'s formatting machinery, the
                    // lines were a twelfth of a warm `list`'s instructions over 100,000.
                    text.push_str(listed.id());
                    text.extend(std::iter::repeat_n(' ', id_pad));
                    for part in ["  ", &date_text, "  ", location] {
                        text.push_str(part);
                    }
                    text.extend(std::iter::repeat_n(' ', location_pad));
                    for part in ["  ", title, "\n"] {
                        text.push_str(part);
                    }
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
