//! `sherpa search`: the reader's text search for scripts, one passage per line like
//! ripgrep, or JSON.

use std::io::{self, Write};

use super::json::SearchJson;
use super::output::print_json;
use super::{CliError, CommandResult};
use sherpa_core::corpus::Corpus;
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::{PartKind, Query, SearchIndex, find_summits};

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

/// Prints every summit of `corpus` whose title, place and tags match `query`, then every
/// passage matching it, the matches in bold red when `colour`; fails (exit 1) when nothing
/// does.
pub(super) fn search(corpus: &Corpus, query: &str, json: bool, colour: bool) -> CommandResult {
    let Some(parsed) = Query::new(query) else {
        return Err(CliError::NothingMatches(echoed(query)));
    };
    let summits = find_summits(corpus, &parsed);
    let passages = SearchIndex::build(corpus).search(corpus, &parsed);
    if json {
        print_json(&SearchJson::of(corpus, parsed.text(), &summits, &passages))?;
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
        for hit in &summits {
            let Some(briefing) = corpus.briefings().get(hit.position) else {
                continue;
            };
            writeln!(
                out,
                "{}  {}  {}: {}",
                sanitize_line(briefing.id()),
                briefing.summit.date,
                hit.field.name(),
                show(&hit.text),
            )?;
        }
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
    if summits.is_empty() && passages.is_empty() {
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
