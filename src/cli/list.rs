//! `sherpa list`: summits by date, as aligned columns or JSON.

use std::io::{self, Write};

use super::CommandResult;
use super::json::ListJson;
use super::load::with_load_status;
use sherpa_core::corpus::Corpus;
use sherpa_core::sanitize::sanitize_line;

pub(super) fn list(corpus: &Corpus, json: bool) -> CommandResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let text = sherpa_core::export::to_json_pretty(&ListJson::of(corpus))?;
        writeln!(out, "{text}")?;
    } else {
        let id_width = corpus
            .briefings()
            .iter()
            .map(|b| b.id().len())
            .max()
            .unwrap_or(0);
        let rows: Vec<(String, String)> = corpus
            .briefings()
            .iter()
            .map(|b| {
                let location = sanitize_line(&b.summit.location).into_string();
                let title = sanitize_line(&b.summit.title).into_string();
                (location, title)
            })
            .collect();
        let location_width = rows
            .iter()
            .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str()))
            .max()
            .unwrap_or(0);
        for (b, (location, title)) in corpus.briefings().iter().zip(rows) {
            let pad = location_width
                .saturating_sub(unicode_width::UnicodeWidthStr::width(location.as_str()));
            writeln!(
                out,
                "{:id_width$}  {}  {location}{}  {title}",
                b.id(),
                b.summit.date,
                " ".repeat(pad)
            )?;
        }
    }
    out.flush()?;
    with_load_status(corpus, Ok(()))
}
