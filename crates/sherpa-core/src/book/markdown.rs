//! The book as GitHub-flavoured markdown: headings GitHub gives anchors to, so the table
//! of contents links resolve; lists; the board as a table; citations as footnotes.

use super::{BOARD, Book, BookSource, Part, SOURCES, TIMELINE, linkable};
use crate::analysis::{board::Board, timeline_text};
use crate::document::{Field, FieldKind, Item};
use crate::render_text::{markdown_inline, push_markdown_sections};
use crate::sanitize::sanitize_line;

/// The anchor GitHub gives a heading: its text lowercased, everything but letters, marks,
/// digits, `_`, `-` and spaces removed, spaces turned into hyphens.
#[must_use]
pub fn github_anchor(heading: &str) -> String {
    sanitize_line(heading)
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// A part's heading, numbered so no two parts (and no summit called "Timeline") share an
/// anchor.
fn part_heading(part: &Part<'_>) -> String {
    format!("{}. {}", part.number, part.briefing.summit.title)
}

fn footnote_refs(part: &Part<'_>, ids: &[String]) -> String {
    part.cite(
        ids,
        |n| format!("[^{n}]"),
        |id| format!("\\[?{}\\]", markdown_inline(id)),
    )
}

/// The book's own markup for a field: citations become footnote references, a link to a
/// summit in the book becomes a link to its part.
fn field_markup(book: &Book<'_>, part: &Part<'_>, item: &Item, field: &Field) -> Option<String> {
    match field.kind {
        FieldKind::Citation => Some(footnote_refs(part, &field.sources)),
        FieldKind::Link => {
            let target = book.part_of(item.link.as_deref()?)?;
            Some(format!(
                "[{}](#{})",
                markdown_inline(&field.text),
                github_anchor(&part_heading(target))
            ))
        }
        _ => None,
    }
}

fn push_part(md: &mut String, book: &Book<'_>, part: &Part<'_>) {
    md.push('\n');
    let markup = |item: &Item, field: &Field| field_markup(book, part, item, field);
    push_markdown_sections(
        md,
        &part_heading(part),
        &part.document,
        part.sections(),
        2,
        &markup,
    );
}

fn push_board(md: &mut String, book: &Book<'_>, board: &Board) {
    md.push_str(&format!("\n## {}\n\n", BOARD.0));
    if board.rows.is_empty() {
        md.push_str("No tracked disagreements in these summits.\n");
        return;
    }
    let heads: Vec<String> = board
        .columns
        .iter()
        .map(|c| {
            let id = markdown_inline(&c.summit);
            match book.part_of(&c.summit) {
                Some(part) => format!("[{id}](#{})", github_anchor(&part_heading(part))),
                None => id,
            }
        })
        .collect();
    md.push_str(&format!("| Disagreement | {} |\n", heads.join(" | ")));
    md.push_str(&format!("|---|{}\n", "---|".repeat(heads.len())));
    for row in &board.rows {
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(|cell| cell.map_or("", |c| c.status.as_str()))
            .collect();
        md.push_str(&format!(
            "| {} | {} |\n",
            markdown_inline(&row.id),
            cells.join(" | ")
        ));
    }
}

fn push_timeline(md: &mut String, book: &Book<'_>) {
    md.push_str(&format!("\n## {}\n\n", TIMELINE.0));
    for entry in &book.timeline {
        let (line, detail) = timeline_text(entry);
        md.push_str(&format!("- {}\n", markdown_inline(&line)));
        for d in detail {
            md.push_str(&format!("  - {}\n", markdown_inline(&d)));
        }
    }
}

/// `Title. Publisher, 2018-07-16. <https://…>`, each part escaped; the link only when
/// [`linkable`].
fn source_text(source: &BookSource<'_>) -> String {
    let mut text = markdown_inline(source.title());
    let meta: Vec<String> = source.meta().iter().map(|m| markdown_inline(m)).collect();
    if !meta.is_empty() {
        text.push_str(&format!(". {}", meta.join(", ")));
    }
    if let Some(url) = source.source.url.as_deref() {
        match linkable(url) {
            Some(url) => text.push_str(&format!(". <{url}>")),
            None => text.push_str(&format!(". {}", markdown_inline(url))),
        }
    }
    text
}

fn push_sources(md: &mut String, book: &Book<'_>) {
    md.push_str(&format!("\n## {}\n\n", SOURCES.0));
    // GitHub drops a footnote nothing refers to, so uncited sources are listed plainly.
    let (cited, uncited): (Vec<_>, Vec<_>) = book.sources.iter().partition(|s| s.cited);
    if !uncited.is_empty() {
        md.push_str("Listed in the briefings but cited by no item:\n\n");
        for source in uncited {
            md.push_str(&format!(
                "- \\[{}\\] {}\n",
                source.number,
                source_text(source)
            ));
        }
        md.push('\n');
    }
    for source in cited {
        md.push_str(&format!("[^{}]: {}\n", source.number, source_text(source)));
    }
}

/// The book as markdown: a cover, contents linking each part, each summit's header,
/// summary and panes with footnoted sources, then the board, the timeline and the sources.
#[must_use]
pub fn book_markdown(book: &Book<'_>) -> String {
    let mut md = format!("# {}\n\n", markdown_inline(&book.title));
    for line in book.cover_lines() {
        md.push_str(&format!("{}  \n", markdown_inline(&line)));
    }
    md.push_str("\n## Contents\n\n");
    for part in &book.parts {
        let heading = part_heading(part);
        md.push_str(&format!(
            "{}. [{}](#{})\n",
            part.number,
            markdown_inline(&part.briefing.summit.title),
            github_anchor(&heading)
        ));
    }
    for (title, _) in [BOARD, TIMELINE, SOURCES] {
        md.push_str(&format!("- [{title}](#{})\n", github_anchor(title)));
    }
    for part in &book.parts {
        push_part(&mut md, book, part);
    }
    push_board(&mut md, book, &book.board);
    push_timeline(&mut md, book);
    push_sources(&mut md, book);
    md
}

#[cfg(test)]
mod tests {
    use super::super::tests::{book, corpus};
    use super::*;

    #[test]
    fn anchors_follow_githubs_rules() {
        assert_eq!(
            github_anchor("1. Trump–Putin summit in Helsinki"),
            "1-trumpputin-summit-in-helsinki"
        );
        assert_eq!(github_anchor("All sources"), "all-sources");
    }

    #[test]
    fn contents_link_to_headings_that_exist() {
        let corpus = corpus();
        let md = book_markdown(&book(&corpus));
        let headings: Vec<String> = md
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(|h| github_anchor(&h.replace('\\', "")))
            .collect();
        let links: Vec<&str> = md
            .lines()
            .take_while(|l| !l.starts_with("## 1."))
            .filter_map(|l| l.split("](#").nth(1))
            .map(|rest| rest.trim_end_matches(')'))
            .collect();
        assert_eq!(links.len(), 5, "{md}");
        for link in links {
            assert!(headings.iter().any(|h| h == link), "{link} in {headings:?}");
        }
    }

    #[test]
    fn citations_are_footnotes_defined_once_and_markup_is_escaped() {
        let corpus = corpus();
        let md = book_markdown(&book(&corpus));
        assert!(
            md.starts_with("# Briefing book\n\n2020-01-01 to 2021-01-01  \n"),
            "{md}"
        );
        assert!(md.contains("## 1. Alpha \\<b\\>talks\\</b\\>"), "{md}");
        assert!(md.contains("- **Sources:** [^1] [^2]\n"), "{md}");
        assert!(md.contains("- **Sources:** \\[?nope\\]\n"), "{md}");
        assert_eq!(
            md.matches("[^1]: Shared report. <https://example.org/shared>")
                .count(),
            1
        );
        assert!(
            md.contains("[^2]: Own report. javascript:alert(1)\n"),
            "{md}"
        );
        assert!(md.contains("- \\[3\\] Never cited\n"), "{md}");
        assert!(md.contains("[→ briefing: a](#1-alpha-btalksb)"), "{md}");
        assert!(md.contains("| border | open | narrowed |"), "{md}");
        assert!(
            md.contains("- 2020-01-01  Alpha · \\[a\\] — Alpha \\<b\\>talks\\</b\\>"),
            "{md}"
        );
    }
}
