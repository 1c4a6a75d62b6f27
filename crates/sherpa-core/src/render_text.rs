//! Formatters over the [`Document`]: the reader's pane lines, and the text, markdown and
//! plain (`sherpa show`) exports. Each walks the same header and sections, so what you see
//! is what you export.

use crate::document::{Document, Field, FieldKind, Header, Item, Pane, Section};
use crate::model::Briefing;
use crate::sanitize::{Safe, sanitize, sanitize_line};
use crate::wrap::{INDENT, push_wrapped};
pub use crate::wrap::{LineStyle, TextLine, lines_to_text, wrap_indented, wrap_text};

fn field_text(field: &Field) -> Safe {
    match &field.label {
        Some(label) => sanitize(&format!("{label}: {}", field.text)),
        None => sanitize(&field.text),
    }
}

/// The wrapped lines of one pane, items separated by blank lines.
#[must_use]
pub fn render_pane(briefing: &Briefing, pane: Pane, width: usize) -> Vec<TextLine> {
    render_section(&Section::of(briefing, pane), width)
}

/// The wrapped lines of a section: its items, or its note when it has none.
#[must_use]
pub fn render_section(section: &Section, width: usize) -> Vec<TextLine> {
    if section.items.is_empty() {
        return wrap_text(&Safe::trusted(section.empty_note()), width, LineStyle::Note);
    }
    render_items(&section.items, width)
}

/// Wrapped lines of any list of items, separated by blank lines.
#[must_use]
pub fn render_items(items: &[Item], width: usize) -> Vec<TextLine> {
    let mut out = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(TextLine::blank());
        }
        render_item(&mut out, item, index, width);
    }
    out
}

fn render_item(out: &mut Vec<TextLine>, item: &Item, index: usize, width: usize) {
    let indent = if item.heading.is_some() { INDENT } else { "" };
    if let Some(heading) = &item.heading {
        push_wrapped(
            out,
            &sanitize_line(heading),
            width,
            "",
            LineStyle::Heading,
            Some(index),
        );
    }
    for field in &item.fields {
        let style = LineStyle::Field(field.kind);
        push_wrapped(out, &field_text(field), width, indent, style, Some(index));
    }
}

/// The header facts of a briefing, sanitised to one line each: title, then date, place
/// and status, then tags (if any).
#[must_use]
pub fn header_lines(header: &Header) -> (Safe, Safe, Option<Safe>) {
    let tags = (!header.tags.is_empty())
        .then(|| sanitize_line(&format!("Tags: {}", header.tags.join(", "))));
    (
        sanitize_line(&header.title),
        sanitize_line(&header.facts().join(" · ")),
        tags,
    )
}

/// The header of a briefing, wrapped: title, then date, place and status, then tags.
#[must_use]
pub fn render_header(header: &Header, width: usize) -> Vec<TextLine> {
    let (title, facts, tags) = header_lines(header);
    let mut out = Vec::new();
    let meta = LineStyle::Field(FieldKind::Meta);
    push_wrapped(&mut out, &title, width, "", LineStyle::Title, None);
    push_wrapped(&mut out, &facts, width, "", meta, None);
    if let Some(tags) = tags {
        push_wrapped(&mut out, &tags, width, "", meta, None);
    }
    out
}

/// A text export: the header, then each section under an upper-case heading.
#[must_use]
pub fn export_text(document: &Document, width: usize) -> String {
    let mut lines = render_header(&document.header, width);
    for section in &document.sections {
        lines.push(TextLine::blank());
        let heading = Safe::trusted(section.heading().to_uppercase());
        push_wrapped(&mut lines, &heading, width, "", LineStyle::Title, None);
        lines.push(TextLine::blank());
        lines.extend(render_section(section, width));
    }
    lines_to_text(&lines)
}

/// Escapes characters that markdown would read as markup at the start of text.
pub(crate) fn markdown_inline(text: &str) -> String {
    let safe = sanitize_line(text);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A markdown export: headings per section and item, fields as list items, the summary
/// as paragraphs.
#[must_use]
pub fn export_markdown(document: &Document) -> String {
    let mut md = String::new();
    let heading = document.header.title.as_str();
    let sections = document.sections.iter();
    push_markdown_sections(&mut md, heading, document, sections, 1, &|_, _| None);
    md
}

/// Writes a document as markdown: `heading` at `level`, the header's facts and tags, then
/// the given sections a level below and each item a level below that. `markup` may write
/// a field itself (the book's footnotes and links); where it returns `None` the field is
/// escaped text. The export and the book's parts share this, so they lay a briefing out
/// alike.
pub(crate) fn push_markdown_sections<'a>(
    md: &mut String,
    heading: &str,
    document: &Document,
    sections: impl Iterator<Item = &'a Section>,
    level: usize,
    markup: &dyn Fn(&Item, &Field) -> Option<String>,
) {
    let header = &document.header;
    md.push_str(&format!(
        "{} {}\n\n",
        "#".repeat(level),
        markdown_inline(heading)
    ));
    let facts: Vec<String> = header.facts().iter().map(|f| markdown_inline(f)).collect();
    md.push_str(&format!("*{}*\n", facts.join(" · ")));
    if !header.tags.is_empty() {
        let tags: Vec<String> = header.tags.iter().map(|t| markdown_inline(t)).collect();
        md.push_str(&format!("\nTags: {}\n", tags.join(", ")));
    }
    for section in sections {
        md.push_str(&format!(
            "\n{} {}\n",
            "#".repeat(level + 1),
            markdown_inline(&section.heading())
        ));
        if section.items.is_empty() {
            md.push_str(&format!("\n{}\n", section.empty_note()));
        }
        for item in &section.items {
            let field_markup = |field: &Field| markup(item, field);
            push_markdown_item(md, item, section.is_prose(), level + 2, &field_markup);
        }
    }
}

/// Writes one item as markdown: a heading at `level` and its fields as list items (or
/// paragraphs, for prose), each written by `markup` or, where it returns `None`, escaped.
fn push_markdown_item(
    md: &mut String,
    item: &Item,
    prose: bool,
    level: usize,
    markup: &dyn Fn(&Field) -> Option<String>,
) {
    if prose {
        for field in &item.fields {
            md.push_str(&format!("\n{}\n", markdown_inline(&field.text)));
        }
        return;
    }
    if let Some(heading) = &item.heading {
        md.push_str(&format!(
            "\n{} {}\n\n",
            "#".repeat(level),
            markdown_inline(heading)
        ));
    }
    for field in &item.fields {
        let text = markup(field).unwrap_or_else(|| markdown_inline(&field.text));
        let line = match (&field.label, field.kind) {
            (Some(label), _) => format!("- **{}:** {text}", markdown_inline(label)),
            (None, FieldKind::Meta) => format!("- *{text}*"),
            (None, _) => format!("- {text}"),
        };
        md.push_str(&line);
        md.push('\n');
    }
}

/// Reading order for speech and braille: no decoration to read aloud, one field per
/// unwrapped line (the screen reader wraps), each pane a heading with its count and each
/// item a numbered entry.
fn plain_phrase(text: &str) -> String {
    sanitize_line(&text.replace(" · ", ", ").replace(" — ", ", ")).to_string()
}

/// A whole briefing as linear text for `sherpa show`: headings, numbered lists, labelled
/// fields, no box drawing and no symbols that carry meaning.
#[must_use]
pub fn export_plain(document: &Document) -> String {
    let header = &document.header;
    let mut out = format!("{}\n", plain_phrase(&header.title));
    out.push_str(&format!("Date: {}\n", header.date));
    out.push_str(&format!("Location: {}\n", plain_phrase(&header.location)));
    if let Some(status) = header.status {
        out.push_str(&format!("Status: {}\n", status.as_str()));
    }
    if !header.tags.is_empty() {
        out.push_str(&format!(
            "Tags: {}\n",
            plain_phrase(&header.tags.join(", "))
        ));
    }
    for section in &document.sections {
        if section.is_prose() {
            out.push_str(&format!("\n{}\n", section.title()));
            let paragraphs: Vec<String> = section
                .items
                .iter()
                .flat_map(|item| &item.fields)
                .map(|field| plain_phrase(&field.text))
                .collect();
            out.push_str(&paragraphs.join("\n\n"));
            out.push('\n');
            continue;
        }
        let count = section.items.len();
        let noun = if count == 1 { "item" } else { "items" };
        out.push_str(&format!("\n{}, {count} {noun}\n", section.title()));
        for (number, item) in section.items.iter().enumerate() {
            let heading = item.heading.as_deref().unwrap_or_default();
            out.push_str(&format!("{}. {}\n", number + 1, plain_phrase(heading)));
            for field in &item.fields {
                let text = match (field.kind, &item.link) {
                    (FieldKind::Link, Some(target)) => format!("Linked briefing: {target}"),
                    _ => match &field.label {
                        Some(label) => format!("{label}: {}", field.text),
                        None => field.text.clone(),
                    },
                };
                out.push_str(&format!("   {}\n", plain_phrase(&text)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use unicode_width::UnicodeWidthStr;

    fn briefing(extra: &str) -> Briefing {
        let text = format!("[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n{extra}");
        Corpus::from_sources([("t.toml", text.as_str())]).briefings()[0].clone()
    }

    #[test]
    fn wide_characters_wrap_within_the_width() {
        let b = briefing(
            "[[goals]]\nparty = \"中国\"\ngoal = \"和平和平和平和平和平和平和平和平和平和平和平和平\"\n",
        );
        for line in render_pane(&b, Pane::Goals, 12) {
            assert!(line.text.width() <= 12, "{:?}", line.text);
        }
    }

    #[test]
    fn a_huge_word_is_broken_not_overflowing() {
        let word = "x".repeat(5000);
        let b = briefing(&format!("[[goals]]\nparty = \"P\"\ngoal = \"{word}\"\n"));
        let lines = render_pane(&b, Pane::Goals, 40);
        assert!(lines.iter().all(|l| l.text.width() <= 40));
        assert!(lines.len() > 100);
    }

    #[test]
    fn empty_pane_says_so() {
        let b = briefing("");
        let lines = render_pane(&b, Pane::Participants, 40);
        assert_eq!(lines[0].text.as_str(), "No participants in this briefing.");
    }

    #[test]
    fn lines_carry_their_item_index() {
        let b = briefing(
            "[[goals]]\nparty = \"A\"\ngoal = \"x\"\n[[goals]]\nparty = \"B\"\ngoal = \"y\"\n",
        );
        let items: Vec<Option<usize>> = render_pane(&b, Pane::Goals, 40)
            .iter()
            .map(|l| l.item)
            .collect();
        // Heading, goal, unsourced mark; a blank line between items belongs to neither.
        assert_eq!(
            items,
            vec![Some(0), Some(0), Some(0), None, Some(1), Some(1), Some(1)]
        );
    }

    #[test]
    fn markdown_escapes_markup_and_controls() {
        let b = briefing("[[goals]]\nparty = \"A\"\ngoal = \"*bold* \\u001b[31m\"\n");
        let md = export_markdown(&Document::of(&b, Some(Pane::Goals)));
        assert!(md.contains("\\*bold\\*"));
        assert!(!md.contains('\u{1b}'));
    }
}
