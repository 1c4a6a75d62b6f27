//! `sherpa list`: summits by date, as aligned columns or JSON, from the catalog (each
//! file's small row in the persistent index), not the whole briefings.

use std::io::{self, Write};

use super::CommandResult;
use super::json::ListJson;
use super::load::with_failed_files;
use sherpa_core::corpus::Catalog;
use sherpa_core::sanitize::sanitize_line;

pub(super) fn list(catalog: &Catalog, json: bool) -> CommandResult {
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
        let rows: Vec<(String, String)> = catalog
            .listed()
            .iter()
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
        for (listed, (location, title)) in catalog.listed().iter().zip(rows) {
            let pad = location_width
                .saturating_sub(unicode_width::UnicodeWidthStr::width(location.as_str()));
            writeln!(
                out,
                "{:id_width$}  {}  {location}{}  {title}",
                listed.id(),
                listed.date(),
                " ".repeat(pad)
            )?;
        }
    }
    out.flush()?;
    with_failed_files(catalog.failed_files(), Ok(()))
}
