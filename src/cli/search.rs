//! `sherpa search`: the reader's text search for scripts, one passage per line like
//! ripgrep, or JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::output::print_json;
use super::{CliError, CommandResult};
use sherpa_core::corpus::Corpus;
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::{PartKind, Passage, Query, SearchIndex};

/// One passage as scripts see it.
#[derive(Serialize)]
struct PassageJson<'a> {
    id: &'a str,
    date: String,
    pane: &'static str,
    item: usize,
    heading: &'a str,
    field: &'static str,
    /// The index of the field in the item; absent for the heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    field_index: Option<usize>,
    snippet: &'a str,
    /// The first match's byte range in the part's text (`label: text` for a labelled field).
    start: usize,
    end: usize,
}

impl<'a> PassageJson<'a> {
    fn of(passage: &'a Passage) -> Self {
        Self {
            id: &passage.id,
            date: passage.date.to_string(),
            pane: passage.place.pane.name(),
            item: passage.place.item,
            heading: &passage.heading,
            field: passage.part.name(),
            field_index: passage.part.field_index(),
            snippet: &passage.snippet,
            start: passage.range.start,
            end: passage.range.end,
        }
    }
}

/// The most characters of a query that "nothing matches" repeats: enough to recognise it,
/// where a 100 KB query filled the screen.
const ECHOED_QUERY_CHARS: usize = 80;

/// `query` as "nothing matches" repeats it, cut with an ellipsis past [`ECHOED_QUERY_CHARS`].
fn echoed(query: &str) -> String {
    match query.char_indices().nth(ECHOED_QUERY_CHARS) {
        Some((end, _)) => format!("{}…", &query[..end]),
        None => query.to_owned(),
    }
}

/// Prints every passage of `corpus` matching `query`, its matches in bold red when
/// `colour`; fails (exit 1) when none does.
pub(super) fn search(corpus: &Corpus, query: &str, json: bool, colour: bool) -> CommandResult {
    let Some(parsed) = Query::new(query) else {
        return Err(CliError::NothingMatches(echoed(query)));
    };
    let passages = SearchIndex::build(corpus).search(corpus, &parsed);
    if json {
        let rows: Vec<PassageJson> = passages.iter().map(PassageJson::of).collect();
        print_json(&rows)?;
    } else {
        let mut out = io::BufWriter::new(io::stdout().lock());
        let show = |text: &str| {
            let text = sanitize_line(text);
            if colour {
                mark(&text, &parsed)
            } else {
                text.to_string()
            }
        };
        for passage in &passages {
            write!(
                out,
                "{}  {}  {}  {}",
                sanitize_line(&passage.id),
                passage.date,
                passage.place.pane.name(),
                show(&passage.heading),
            )?;
            // A match in the heading is shown there; otherwise the text around it follows.
            if passage.part == PartKind::Heading {
                writeln!(out)?;
            } else {
                writeln!(out, ": {}", show(&passage.snippet))?;
            }
        }
        out.flush()?;
    }
    if passages.is_empty() {
        return Err(CliError::NothingMatches(echoed(query)));
    }
    Ok(())
}

/// `text` with each match in bold red, as ripgrep marks them.
fn mark(text: &str, query: &Query) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for range in query.highlights(text) {
        out.push_str(&text[at..range.start]);
        out.push_str("\x1b[1;31m");
        out.push_str(&text[range.clone()]);
        out.push_str("\x1b[0m");
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}
