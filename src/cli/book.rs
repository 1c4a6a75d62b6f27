//! `sherpa book`: a briefing book of the selected summits, as markdown or HTML.

use std::path::{Path, PathBuf};

use super::CommandResult;
use super::args::BookArgs;
use super::load::{find_summit, load, with_load_status};
use super::output::{Output, write_output};
use sherpa_core::book::{Book, BookFormat, DEFAULT_TITLE, Selection, book_html, book_markdown};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::model::Date;

/// HTML for an output file named `.html` or `.htm`, else markdown.
fn book_format_for(output: Option<&Path>) -> BookFormat {
    let html = output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if html {
        BookFormat::Html
    } else {
        BookFormat::Markdown
    }
}

pub(super) fn book_command(origin: &Origin, args: BookArgs) -> CommandResult {
    let corpus = load(origin, true);
    let selection = Selection {
        ids: args.ids,
        tag: args.tag,
        participant: args.participant,
        from: args.from,
        to: args.to,
    };
    let format = args
        .format
        .unwrap_or_else(|| book_format_for(args.output.as_deref()));
    let result = book(
        &corpus,
        &selection,
        format,
        args.title.as_deref(),
        args.output,
        args.force,
    );
    with_load_status(&corpus, result)
}

fn book(
    corpus: &Corpus,
    selection: &Selection,
    format: BookFormat,
    title: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
) -> CommandResult {
    for id in &selection.ids {
        find_summit(corpus, id)?;
    }
    let positions = selection.positions(corpus)?;
    let book = Book::new(
        corpus,
        &positions,
        title.unwrap_or(DEFAULT_TITLE),
        Date::today(),
    );
    let text = match format {
        BookFormat::Markdown => book_markdown(&book),
        BookFormat::Html => book_html(&book),
    };
    let output = match output {
        Some(path) => Output::File { path, force },
        // A book is a document to save or pipe, not to page through.
        None => Output::Stdout { no_pager: true },
    };
    write_output(&text, output)
}
