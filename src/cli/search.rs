//! `sherpa search`: the reader's text search for scripts, one passage per line like
//! ripgrep, or JSON.

use std::io::{self, Write};

use super::json::SearchJson;
use super::load::{load_catalog, load_search, with_failed_files};
use super::output::print_json;
use super::{CliError, CommandResult};
use sherpa_core::corpus::{Origin, SearchResults};
use sherpa_core::sanitize::sanitize_line;
use sherpa_core::search::{PartKind, Query};
use sherpa_core::wrap::first_chars;

/// The most characters of a query that "nothing matches" repeats: enough to recognise it,
/// where a 100 KB query filled the screen.
const ECHOED_QUERY_CHARS: usize = 80;

/// `query` as "nothing matches" repeats it, cut with an ellipsis past [`ECHOED_QUERY_CHARS`].
fn echoed(query: &str) -> String {
    first_chars(query, ECHOED_QUERY_CHARS)
        .map_or_else(|| query.to_owned(), |kept| format!("{kept}…"))
}

/// Prints every summit `origin` names whose title, place and tags match `query`, then
/// every passage matching it, the matches in bold red when `colour`; fails (exit 1) when
/// nothing does, or when a file did not load (its summit may be missing).
pub(super) fn search(origin: &Origin, query: &str, json: bool, colour: bool) -> CommandResult {
    let Some(parsed) = Query::new(query) else {
        // Nothing to look for: the load is only for its problems, which the catalog has.
        load_catalog(origin);
        return Err(CliError::NothingMatches(echoed(query)));
    };
    let mut results = load_search(origin, &parsed);
    let printed = if json {
        print_json_of(&mut results, &parsed)
    } else {
        print_lines(&mut results, &parsed, colour)
    };
    let failed_files = results.failed_files();
    // Whether or not printing failed (a closed pipe), what the search stores is written.
    results.finish();
    if !printed? {
        // As typed, spaces and all, as when the query has no word.
        return Err(CliError::NothingMatches(echoed(query)));
    }
    with_failed_files(failed_files, Ok(()))
}

/// Prints what a search found as one JSON document; whether it found anything.
fn print_json_of(results: &mut SearchResults, query: &Query) -> Result<bool, CliError> {
    let mut passages = Vec::new();
    results.passages(|chunk| {
        passages.extend(chunk);
        Ok::<(), CliError>(())
    })?;
    print_json(&SearchJson::of(query.text(), results.summits(), &passages))?;
    Ok(!results.summits().is_empty() || !passages.is_empty())
}

/// Prints what a search found, one line a summit then one a passage, each chunk of
/// passages as soon as it is found (so `| head` stops the search); whether it found
/// anything.
fn print_lines(results: &mut SearchResults, query: &Query, colour: bool) -> Result<bool, CliError> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let show = |text: &str| {
        let text = sanitize_line(text);
        if colour {
            mark(&text, query)
        } else {
            // Not `to_string`, which formats a copy: a line or two for each of a common
            // word's hundreds of thousands of passages.
            text.into_string()
        }
    };
    for found in results.summits() {
        let hit = found.hit();
        writeln!(
            out,
            "{}  {}  {}: {}",
            sanitize_line(found.id()),
            found.date(),
            hit.field.name(),
            show(&hit.text),
        )?;
    }
    let mut found_any = !results.summits().is_empty();
    results.passages(|passages| {
        found_any |= !passages.is_empty();
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
        // Each chunk as soon as it is found: the first lines come early.
        out.flush()
    })?;
    Ok(found_any)
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
