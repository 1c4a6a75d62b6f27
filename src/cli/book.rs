//! `sherpa book`: a briefing book of the selected summits, as markdown or HTML.

use std::path::{Path, PathBuf};

use super::CommandResult;
use super::args::BookArgs;
use super::load::{find_summit, load, with_load_status};
use super::marks::read_store;
use super::output::{Output, write_output};
use sherpa_core::book::{Book, BookFormat, DEFAULT_TITLE, Selection, book_html, book_markdown};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::model::Date;
use sherpa_core::store::{NotesStyle, Store, book_notes_section};

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
    let notes = args.notes.then(|| read_store(origin));
    let result = book(
        &corpus,
        &selection,
        format,
        args.title.as_deref(),
        args.output,
        args.force,
        notes.as_ref(),
    );
    with_load_status(&corpus, result)
}

/// Puts the notes `section` at the end of the book `text`: inside the page's main part
/// for HTML, so the file stays one valid document.
fn with_notes(text: &mut String, section: &str, format: BookFormat) {
    let end = match format {
        BookFormat::Html => text.rfind("</main>"),
        BookFormat::Markdown => None,
    };
    if let Some(end) = end {
        text.insert_str(end, &format!("<section>\n{section}</section>\n"));
    } else {
        text.push('\n');
        text.push_str(section);
    }
}

fn book(
    corpus: &Corpus,
    selection: &Selection,
    format: BookFormat,
    title: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
    notes: Option<&Store>,
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
    let mut text = match format {
        BookFormat::Markdown => book_markdown(&book),
        BookFormat::Html => book_html(&book),
    };
    if let Some(store) = notes {
        let ids: Vec<&str> = positions
            .iter()
            .filter_map(|&position| corpus.briefings().get(position))
            .map(sherpa_core::model::Briefing::id)
            .collect();
        let style = match format {
            BookFormat::Markdown => NotesStyle::Markdown,
            BookFormat::Html => NotesStyle::Html,
        };
        if let Some(section) = book_notes_section(store, corpus, &ids, style) {
            with_notes(&mut text, &section, format);
        }
    }
    let output = match output {
        Some(path) => Output::File { path, force },
        // A book is a document to save or pipe, not to page through.
        None => Output::Stdout { no_pager: true },
    };
    write_output(&text, output)
}
