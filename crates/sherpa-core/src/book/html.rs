//! The book as one self-contained HTML file: styles inline, no scripts, no fonts or images
//! from elsewhere, so it opens offline, can be mailed, and cannot call out. It follows the
//! reader's light or dark preference on screen and prints as a book on whatever paper the
//! printer has (A4 and Letter are tested): `@page` margins, each summit on a new page, link
//! addresses written out after their links, and the board in groups of
//! [`BOARD_COLUMNS`] summits, each a table narrow enough for a portrait page, as the
//! command-line board splits its columns, so no summit column and no status word is cut.
//!
//! Every string from a briefing goes through [`escape_html`]; links are made only of URLs
//! that [`linkable`] accepts.

use super::{BOARD, Book, BookSource, Part, SOURCES, TIMELINE, linkable};
use crate::analysis::timeline_text;
use crate::document::{Field, FieldKind, Item, Section};
use crate::sanitize::escape_html;

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fdfcf8; --muted: #5b5b60; --rule: #d9d6cc;
  --open: #a4261d; --narrowed: #8a5300; --resolved: #1d6b34; --link: #1f4f9e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e6e1; --bg: #17171a; --muted: #a5a3a0; --rule: #3a3a40;
    --open: #ff8d80; --narrowed: #f5c26b; --resolved: #8fd6a3; --link: #9cc2ff; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 2rem 1.25rem 4rem; color: var(--fg); background: var(--bg);
  font: 1rem/1.55 Georgia, "Times New Roman", serif; }
h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h2 { margin-top: 3rem; border-bottom: 2px solid var(--rule); padding-bottom: .3rem; }
h3 { margin-top: 2rem; }
h4 { margin: 1.2rem 0 .3rem; }
a { color: var(--link); }
.cover { padding: 2rem 0 1rem; border-bottom: 2px solid var(--rule); }
.cover h1 { font-size: 2.6rem; margin-bottom: .5rem; }
.cover p { margin: .2rem 0; color: var(--muted); font-size: 1.15rem; }
.facts, .meta, .tags { color: var(--muted); }
.item ul { margin: 0; padding-left: 1.2rem; }
.label { font-weight: bold; }
.unsourced { color: var(--muted); font-style: italic; }
.status-open { color: var(--open); font-weight: bold; }
.status-narrowed { color: var(--narrowed); font-weight: bold; }
.status-resolved { color: var(--resolved); font-weight: bold; }
sup a { text-decoration: none; }
.board-wrap { overflow-x: auto; margin-bottom: 1.5rem; }
table.board { border-collapse: collapse; font: .85rem/1.3 "Helvetica Neue", Arial, sans-serif; }
table.board caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: .3rem; }
table.board th, table.board td { border: 1px solid var(--rule); padding: .25rem .4rem; text-align: left; vertical-align: top; }
table.board thead th[scope="col"], table.board td { white-space: nowrap; }
.sources li { margin-bottom: .4rem; overflow-wrap: anywhere; }
@page { margin: 18mm 16mm 20mm; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --rule: #999; --link: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .cover { border: 0; padding-top: 30vh; }
  nav, .part-board, .part-timeline, .part-sources { break-before: page; page-break-before: always; }
  section.summit { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .item { break-inside: avoid; page-break-inside: avoid; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; overflow-wrap: anywhere; }
  .board-wrap { overflow: visible; break-inside: avoid; page-break-inside: avoid; }
  table.board { font-size: 8pt; }
}
"#;

fn status_class(word: &str) -> String {
    format!("status-{word}")
}

fn footnote_refs(part: &Part<'_>, ids: &[String]) -> String {
    part.cite(
        ids,
        // A bare number is no name for a link: a screen reader would say only "3".
        |n| format!("<sup><a href=\"#source-{n}\" aria-label=\"source {n}\">{n}</a></sup>"),
        |id| format!("<sup>[?{}]</sup>", escape_html(id)),
    )
}

/// One field as a list item: label, then text, a footnote or a link as the kind asks.
fn field_html(book: &Book<'_>, part: &Part<'_>, item: &Item, field: &Field) -> String {
    let label = field
        .label
        .as_deref()
        .map(|l| format!("<span class=\"label\">{}:</span> ", escape_html(l)))
        .unwrap_or_default();
    let (class, body) = match field.kind {
        FieldKind::Citation => ("cite", footnote_refs(part, &field.sources)),
        FieldKind::Unsourced => ("unsourced", escape_html(&field.text)),
        FieldKind::Meta => ("meta", escape_html(&field.text)),
        FieldKind::Status(status) => (
            "status",
            format!(
                "<span class=\"{}\">{}</span>",
                status_class(status.as_str()),
                escape_html(&field.text)
            ),
        ),
        FieldKind::Link => match item.link.as_deref().and_then(|id| book.part_of(id)) {
            Some(target) => (
                "link",
                format!(
                    "<a href=\"#{}\">{}</a>",
                    target.anchor(),
                    escape_html(&field.text)
                ),
            ),
            None => ("link", escape_html(&field.text)),
        },
        FieldKind::Body => ("body", escape_html(&field.text)),
    };
    format!("<li class=\"{class}\">{label}{body}</li>\n")
}

fn section_html(out: &mut String, book: &Book<'_>, part: &Part<'_>, section: &Section) {
    out.push_str(&format!(
        "<section class=\"pane\">\n<h3>{}</h3>\n",
        escape_html(&section.heading())
    ));
    if section.items.is_empty() {
        out.push_str(&format!(
            "<p class=\"meta\">{}</p>\n",
            escape_html(&section.empty_note())
        ));
    }
    for item in &section.items {
        if section.is_prose() {
            for field in &item.fields {
                out.push_str(&format!("<p>{}</p>\n", escape_html(&field.text)));
            }
            continue;
        }
        out.push_str("<div class=\"item\">\n");
        if let Some(heading) = &item.heading {
            out.push_str(&format!("<h4>{}</h4>\n", escape_html(heading)));
        }
        out.push_str("<ul>\n");
        for field in &item.fields {
            out.push_str(&field_html(book, part, item, field));
        }
        out.push_str("</ul>\n</div>\n");
    }
    out.push_str("</section>\n");
}

fn part_html(out: &mut String, book: &Book<'_>, part: &Part<'_>) {
    let header = &part.document.header;
    out.push_str(&format!(
        "<section class=\"summit\" id=\"{}\">\n<h2>{}. {}</h2>\n<p class=\"facts\">{}</p>\n",
        part.anchor(),
        part.number,
        escape_html(&header.title),
        escape_html(&header.facts().join(" · "))
    ));
    if !header.tags.is_empty() {
        out.push_str(&format!(
            "<p class=\"tags\">Tags: {}</p>\n",
            escape_html(&header.tags.join(", "))
        ));
    }
    for section in part.sections() {
        section_html(out, book, part, section);
    }
    out.push_str("</section>\n");
}

/// Summit columns per board table: with the disagreement column, a table of this many
/// fits a portrait A4 or Letter page at the print size, each summit id and status word
/// whole (`washington-feb-2025`, `narrowed`).
pub const BOARD_COLUMNS: usize = 4;

fn board_html(out: &mut String, book: &Book<'_>) {
    let board = &book.board;
    out.push_str(&format!(
        "<section class=\"part-board\" id=\"{}\">\n<h2>{}</h2>\n",
        BOARD.1, BOARD.0
    ));
    if board.rows.is_empty() {
        out.push_str("<p>No tracked disagreements in these summits.</p>\n</section>\n");
        return;
    }
    let total = board.columns.len();
    for (group, columns) in board.columns.chunks(BOARD_COLUMNS).enumerate() {
        let first = group * BOARD_COLUMNS;
        let range = first..first + columns.len();
        out.push_str(&format!(
            "<div class=\"board-wrap\"><table class=\"board\">\n<caption>Each tracked \
             disagreement's status at summits {}–{} of {total}, in date order</caption>\n\
             <thead><tr><th scope=\"col\">Disagreement</th>",
            range.start + 1,
            range.end
        ));
        for column in columns {
            let id = escape_html(&column.summit);
            let head = match book.part_of(&column.summit) {
                Some(part) => format!("<a href=\"#{}\">{id}</a>", part.anchor()),
                None => id,
            };
            out.push_str(&format!("<th scope=\"col\">{head}</th>"));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &board.rows {
            out.push_str(&format!(
                "<tr><th scope=\"row\" title=\"{}\">{}</th>",
                escape_html(&row.topic),
                escape_html(&row.id)
            ));
            for cell in row.cells.get(range.clone()).unwrap_or_default() {
                match cell {
                    Some(cell) => {
                        let word = cell.status.as_str();
                        out.push_str(&format!("<td class=\"{}\">{word}</td>", status_class(word)));
                    }
                    None => out.push_str("<td></td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    out.push_str("</section>\n");
}

fn timeline_html(out: &mut String, book: &Book<'_>) {
    out.push_str(&format!(
        "<section class=\"part-timeline\" id=\"{}\">\n<h2>{}</h2>\n<ul class=\"timeline\">\n",
        TIMELINE.1, TIMELINE.0
    ));
    for entry in &book.timeline {
        let (line, detail) = timeline_text(entry);
        let line = escape_html(&line);
        let line = match entry.summit.as_deref().and_then(|id| book.part_of(id)) {
            Some(part) => format!("<a href=\"#{}\">{line}</a>", part.anchor()),
            None => line,
        };
        out.push_str(&format!("<li>{line}"));
        for d in detail {
            out.push_str(&format!(
                "<br><span class=\"meta\">{}</span>",
                escape_html(&d)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

fn source_html(source: &BookSource<'_>) -> String {
    let url = source.source.url.as_deref();
    let title = escape_html(source.title());
    let title = match url.and_then(linkable) {
        Some(url) => format!("<a href=\"{}\">{title}</a>", escape_html(url)),
        None => title,
    };
    let mut meta: Vec<String> = source.meta().iter().map(|m| escape_html(m)).collect();
    if let Some(url) = url.filter(|u| linkable(u).is_none()) {
        // Not a web link: shown as text, never as a link.
        meta.push(escape_html(url));
    }
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(". <span class=\"meta\">{}</span>", meta.join(", "))
    };
    let uncited = if source.cited {
        ""
    } else {
        " <span class=\"unsourced\">(cited by no item)</span>"
    };
    format!(
        "<li id=\"source-{}\" value=\"{}\">{title}{meta}{uncited}</li>\n",
        source.number, source.number
    )
}

/// The book as one HTML document (see the module documentation).
#[must_use]
pub fn book_html(book: &Book<'_>) -> String {
    let title = escape_html(&book.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"sherpa\">\n<title>{title}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n<header class=\"cover\">\n<h1>{title}</h1>\n"
    );
    for line in book.cover_lines() {
        out.push_str(&format!("<p>{}</p>\n", escape_html(&line)));
    }
    out.push_str("</header>\n<nav id=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
    for part in &book.parts {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a> <span class=\"meta\">{}</span></li>\n",
            part.anchor(),
            escape_html(&part.briefing.summit.title),
            part.briefing.summit.date
        ));
    }
    out.push_str("</ol>\n<ul>\n");
    for (title, anchor) in [BOARD, TIMELINE, SOURCES] {
        out.push_str(&format!("<li><a href=\"#{anchor}\">{title}</a></li>\n"));
    }
    out.push_str("</ul>\n</nav>\n<main>\n");
    for part in &book.parts {
        part_html(&mut out, book, part);
    }
    board_html(&mut out, book);
    timeline_html(&mut out, book);
    out.push_str(&format!(
        "<section class=\"part-sources\" id=\"{}\">\n<h2>{}</h2>\n<ol class=\"sources\">\n",
        SOURCES.1, SOURCES.0
    ));
    for source in &book.sources {
        out.push_str(&source_html(source));
    }
    out.push_str("</ol>\n</section>\n</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{book, corpus};
    use super::*;

    #[test]
    fn briefing_text_is_escaped_and_only_web_links_are_links() {
        let corpus = corpus();
        let html = book_html(&book(&corpus));
        assert!(
            html.contains("<h2>1. Alpha &lt;b&gt;talks&lt;/b&gt;</h2>"),
            "{html}"
        );
        assert!(!html.contains("<b>talks"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<a href=\"https://example.org/shared\">Shared report</a>"));
        assert!(html.contains("<sup><a href=\"#source-2\" aria-label=\"source 2\">2</a></sup>"));
        assert!(html.contains("<sup>[?nope]</sup>"));
        assert!(html.contains("<a href=\"#summit-1\">→ briefing: a</a>"));
        assert!(!html.contains("<script"));
    }
}
