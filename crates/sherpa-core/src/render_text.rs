//! Lays out a pane as wrapped, sanitised lines: the one renderer behind the reader's panes,
//! text export and the clipboard, so what you see is what you export. Markdown export uses
//! the same items with markup instead of wrapping.

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

use crate::document::{
    Field, FieldKind, Item, Pane, pane_items, paragraphs, sources_cited_in, sources_items_for,
};
use crate::model::Briefing;
use crate::sanitize::{Safe, sanitize, sanitize_line};

/// Indent of an item's fields under its heading.
const INDENT: &str = "  ";

/// How a line should look; the screen maps this to colours, text export ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Title,
    Heading,
    Field(FieldKind),
    /// A note from sherpa itself, such as an empty pane.
    Note,
    Blank,
}

/// One wrapped line of a pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub text: Safe,
    pub style: LineStyle,
    /// Which item of the pane the line belongs to, for selection in the reader.
    pub item: Option<usize>,
}

impl TextLine {
    /// An empty separator line.
    #[must_use]
    pub fn blank() -> Self {
        Self {
            text: Safe::default(),
            style: LineStyle::Blank,
            item: None,
        }
    }
}

/// Wraps sanitised text to `width` columns (Unicode display widths), pushing lines.
/// First-fit wrapping keeps large panes fast; words wider than the line are broken.
fn push_wrapped(
    out: &mut Vec<TextLine>,
    text: &Safe,
    width: usize,
    indent: &str,
    style: LineStyle,
    item: Option<usize>,
) {
    let width = width.max(1);
    let indent = if width > indent.len() * 4 { indent } else { "" };
    for source_line in text.split('\n') {
        if source_line.trim().is_empty() {
            out.push(TextLine {
                text: Safe::default(),
                style,
                item,
            });
            continue;
        }
        // Most fields (names, places, citations) fit on one line, and textwrap would give
        // such a line back unchanged after its indent: skip its word splitting for them.
        if !source_line.starts_with(' ')
            && !source_line.ends_with(' ')
            && indent.len() + source_line.width() <= width
        {
            out.push(TextLine {
                text: Safe::trusted(format!("{indent}{source_line}")),
                style,
                item,
            });
            continue;
        }
        for line in first_fit(source_line, width, indent, WORD_BATCH) {
            out.push(TextLine {
                text: Safe::trusted(line),
                style,
                item,
            });
        }
    }
}

/// Words handed to the wrapping algorithm at a time: a paragraph of megabytes is wrapped in
/// batches instead of as one vector of all its words, which cost ten times the text.
const WORD_BATCH: usize = 4096;

/// First-fit wrapping of one line to `width` columns with `indent` on every line, as
/// textwrap does it (words split at ASCII spaces, never at hyphens; words longer than a
/// line broken), but with words measured the screen's way and fed `batch` at a time. First fit is greedy, so carrying the last,
/// unfinished line into the next batch gives exactly the lines of one pass over all words.
fn first_fit(line: &str, width: usize, indent: &str, batch: usize) -> Vec<String> {
    let text_width = width.saturating_sub(indent.width());
    let line_widths = [f64::from(u32::try_from(text_width).unwrap_or(u32::MAX))];
    // Each word is measured as the screen draws it: textwrap adds up character widths,
    // which counts an emoji sequence (a heart and U+FE0F) a column short.
    let mut words = WordSeparator::AsciiSpace
        .find_words(line)
        .map(|word| Word {
            width: word.word.width(),
            ..word
        })
        .peekable();
    let mut carried: Vec<Word> = Vec::new();
    let mut lines = Vec::new();
    let mut first = true;
    loop {
        let mut pending = std::mem::take(&mut carried);
        pending.extend(words.by_ref().take(batch));
        let done = words.peek().is_none();
        let mut broken = break_words(pending, text_width);
        if first && !indent.is_empty() {
            // As textwrap does: lets a first word too long for the first line move down.
            broken.insert(0, Word::from(""));
        }
        first = false;
        let wrapped = wrap_first_fit(&broken, &line_widths);
        let finished = if done {
            wrapped.len()
        } else {
            wrapped.len().saturating_sub(1)
        };
        for words in &wrapped[..finished] {
            let mut text = String::from(indent);
            if let Some((last, rest)) = words.split_last() {
                for word in rest {
                    text.push_str(word.word);
                    text.push_str(word.whitespace);
                }
                text.push_str(last.word);
                text.push_str(last.penalty);
            }
            lines.push(text);
        }
        if done {
            return lines;
        }
        carried = wrapped
            .last()
            .map(|words| words.to_vec())
            .unwrap_or_default();
    }
}

/// Wraps sanitised text into lines of one style that belong to no item.
#[must_use]
pub fn wrap_text(text: &Safe, width: usize, style: LineStyle) -> Vec<TextLine> {
    let mut out = Vec::new();
    push_wrapped(&mut out, text, width, "", style, None);
    out
}

/// Wraps one line of untrusted text, continuing each wrapped line at the indent the text
/// starts with, so indented report lines stay indented.
#[must_use]
pub fn wrap_indented(text: &str, width: usize, style: LineStyle) -> Vec<TextLine> {
    let body = text.trim_start_matches(' ');
    let indent = " ".repeat(text.len() - body.len());
    let mut out = Vec::new();
    push_wrapped(&mut out, &sanitize(body), width, &indent, style, None);
    out
}

fn field_text(field: &Field) -> Safe {
    match &field.label {
        Some(label) => sanitize(&format!("{label}: {}", field.text)),
        None => sanitize(&field.text),
    }
}

/// The wrapped lines of one pane, items separated by blank lines.
#[must_use]
pub fn render_pane(briefing: &Briefing, pane: Pane, width: usize) -> Vec<TextLine> {
    let items = pane_items(briefing, pane);
    if items.is_empty() {
        let note = format!("No {} in this briefing.", pane.title().to_lowercase());
        return wrap_text(&Safe::trusted(note), width, LineStyle::Note);
    }
    render_items(&items, width)
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
pub fn header_lines(briefing: &Briefing) -> (Safe, Safe, Option<Safe>) {
    let summit = &briefing.summit;
    let mut facts = vec![summit.date.to_string(), summit.location.clone()];
    if let Some(status) = summit.status {
        facts.push(status.as_str().to_owned());
    }
    let tags = (!summit.tags.is_empty())
        .then(|| sanitize_line(&format!("Tags: {}", summit.tags.join(", "))));
    (
        sanitize_line(&summit.title),
        sanitize_line(&facts.join(" · ")),
        tags,
    )
}

/// The header of a briefing, wrapped: title, then date, place and status, then tags.
#[must_use]
pub fn render_header(briefing: &Briefing, width: usize) -> Vec<TextLine> {
    let (title, facts, tags) = header_lines(briefing);
    let mut out = Vec::new();
    let meta = LineStyle::Field(FieldKind::Meta);
    push_wrapped(&mut out, &title, width, "", LineStyle::Title, None);
    push_wrapped(&mut out, &facts, width, "", meta, None);
    if let Some(tags) = tags {
        push_wrapped(&mut out, &tags, width, "", meta, None);
    }
    out
}

/// Joins lines into text with a final newline, ready to write.
#[must_use]
pub fn lines_to_text(lines: &[TextLine]) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(line.text.trim_end());
        text.push('\n');
    }
    text
}

/// A text export: one pane under a heading, or the whole briefing.
#[must_use]
pub fn export_text(briefing: &Briefing, pane: Option<Pane>, width: usize) -> String {
    let mut lines = render_header(briefing, width);
    let panes = pane.map_or(Pane::ALL.to_vec(), |p| vec![p]);
    for pane in panes {
        if pane == Pane::Summary && briefing.summit.summary.is_none() {
            continue;
        }
        let heading = if pane == Pane::Summary {
            pane.title().to_uppercase()
        } else {
            format!("{} ({})", pane.title().to_uppercase(), pane.count(briefing))
        };
        push_section(
            &mut lines,
            &heading,
            render_pane(briefing, pane, width),
            width,
        );
    }
    // A single pane carries the sources it cites, so the export stands on its own.
    let cited = pane
        .map(|p| sources_cited_in(briefing, p))
        .unwrap_or_default();
    if !cited.is_empty() {
        let heading = format!("SOURCES CITED ({})", cited.len());
        let items = sources_items_for(briefing, &cited);
        push_section(&mut lines, &heading, render_items(&items, width), width);
    }
    lines_to_text(&lines)
}

fn push_section(lines: &mut Vec<TextLine>, heading: &str, body: Vec<TextLine>, width: usize) {
    lines.push(TextLine::blank());
    push_wrapped(
        lines,
        &Safe::trusted(heading),
        width,
        "",
        LineStyle::Title,
        None,
    );
    lines.push(TextLine::blank());
    lines.extend(body);
}

/// Escapes characters that markdown would read as markup at the start of text.
fn markdown_inline(text: &str) -> String {
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

/// A markdown export: headings per pane and item, fields as paragraphs and list items.
#[must_use]
pub fn export_markdown(briefing: &Briefing, pane: Option<Pane>) -> String {
    let summit = &briefing.summit;
    let mut md = format!("# {}\n\n", markdown_inline(&summit.title));
    let mut facts = vec![summit.date.to_string(), markdown_inline(&summit.location)];
    if let Some(status) = summit.status {
        facts.push(status.as_str().to_owned());
    }
    md.push_str(&format!("*{}*\n", facts.join(" · ")));
    if !summit.tags.is_empty() {
        let tags: Vec<String> = summit.tags.iter().map(|t| markdown_inline(t)).collect();
        md.push_str(&format!("\nTags: {}\n", tags.join(", ")));
    }
    let panes = pane.map_or(Pane::ALL.to_vec(), |p| vec![p]);
    for pane in panes {
        if pane == Pane::Summary {
            if let Some(summary) = &summit.summary {
                md.push_str("\n## Summary\n");
                for paragraph in paragraphs(summary) {
                    md.push_str(&format!("\n{}\n", markdown_inline(&paragraph)));
                }
            }
            continue;
        }
        let heading = format!("{} ({})", pane.title(), pane.count(briefing));
        push_markdown_items(&mut md, &heading, &pane_items(briefing, pane), pane);
    }
    let cited = pane
        .map(|p| sources_cited_in(briefing, p))
        .unwrap_or_default();
    if !cited.is_empty() {
        let heading = format!("Sources cited ({})", cited.len());
        push_markdown_items(
            &mut md,
            &heading,
            &sources_items_for(briefing, &cited),
            Pane::Sources,
        );
    }
    md
}

fn push_markdown_items(md: &mut String, heading: &str, items: &[Item], pane: Pane) {
    md.push_str(&format!("\n## {}\n", markdown_inline(heading)));
    if items.is_empty() {
        md.push_str(&format!(
            "\nNo {} in this briefing.\n",
            pane.title().to_lowercase()
        ));
    }
    for item in items {
        if let Some(heading) = &item.heading {
            md.push_str(&format!("\n### {}\n\n", markdown_inline(heading)));
        }
        for field in &item.fields {
            let text = markdown_inline(&field.text);
            let line = match (&field.label, field.kind) {
                (Some(label), _) => format!("- **{}:** {text}", markdown_inline(label)),
                (None, FieldKind::Meta) => format!("- *{text}*"),
                (None, _) => format!("- {text}"),
            };
            md.push_str(&line);
            md.push('\n');
        }
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
pub fn export_plain(briefing: &Briefing) -> String {
    let summit = &briefing.summit;
    let mut out = format!("{}\n", plain_phrase(&summit.title));
    out.push_str(&format!("Date: {}\n", summit.date));
    out.push_str(&format!("Location: {}\n", plain_phrase(&summit.location)));
    if let Some(status) = summit.status {
        out.push_str(&format!("Status: {}\n", status.as_str()));
    }
    if !summit.tags.is_empty() {
        out.push_str(&format!(
            "Tags: {}\n",
            plain_phrase(&summit.tags.join(", "))
        ));
    }
    for pane in Pane::ALL {
        let items = pane_items(briefing, pane);
        if pane == Pane::Summary {
            if summit.summary.is_none() {
                continue;
            }
            out.push_str("\nSummary\n");
            let text: Vec<String> = summit
                .summary
                .iter()
                .flat_map(|s| paragraphs(s))
                .map(|p| plain_phrase(&p))
                .collect();
            out.push_str(&text.join("\n\n"));
            out.push('\n');
            continue;
        }
        let count = items.len();
        let noun = if count == 1 { "item" } else { "items" };
        out.push_str(&format!("\n{}, {count} {noun}\n", pane.title()));
        for (number, item) in items.iter().enumerate() {
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
    use textwrap::{Options, WordSplitter, WrapAlgorithm};

    /// textwrap's own first-fit wrapping with the options sherpa's wrapping reproduces.
    fn textwrap_lines(text: &str, width: usize, indent: &str) -> Vec<String> {
        let options = Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(indent)
            .wrap_algorithm(WrapAlgorithm::FirstFit)
            .word_separator(WordSeparator::AsciiSpace)
            .word_splitter(WordSplitter::NoHyphenation);
        textwrap::wrap(text, options)
            .into_iter()
            .map(std::borrow::Cow::into_owned)
            .collect()
    }

    #[test]
    fn batched_wrapping_gives_textwrap_lines() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        let vocabulary = [
            "a",
            "summit",
            "Genève",
            "東京",
            "ukraine-ceasefire",
            "x",
            "🎉",
            "talks",
        ];
        let mut text = String::new();
        for _ in 0..3_000 {
            text.push_str(vocabulary[next(8) as usize]);
            if next(50) == 0 {
                text.push_str(&"w".repeat(90));
            }
            text.push_str(if next(9) == 0 { "  " } else { " " });
        }
        for (width, indent) in [(1, ""), (7, ""), (30, "  "), (79, "  "), (200, "")] {
            let expected = textwrap_lines(&text, width, indent);
            for batch in [1, 2, 5, 64, 100_000] {
                assert_eq!(
                    first_fit(&text, width, indent, batch),
                    expected,
                    "width {width}, batch {batch}"
                );
            }
        }
    }
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
    fn lines_that_fit_come_out_as_textwrap_gives_them() {
        for text in [
            "a",
            "two  spaces",
            "中文 and 🎉",
            "exactly ten",
            "Niinistö — President",
        ] {
            for width in 1..30 {
                let mut out = Vec::new();
                push_wrapped(
                    &mut out,
                    &sanitize(text),
                    width,
                    INDENT,
                    LineStyle::Note,
                    None,
                );
                let ours: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
                let indent = if width > INDENT.len() * 4 { INDENT } else { "" };
                let expected = textwrap_lines(text, width, indent);
                assert_eq!(ours, expected, "{text:?} at width {width}");
            }
        }
    }

    #[test]
    fn emoji_sequences_wrap_by_the_width_the_screen_draws() {
        // A heart with U+FE0F is one column to textwrap and two on screen.
        let text = sanitize(&"❤\u{fe0f} ".repeat(40));
        for width in [5, 9, 20, 41] {
            let mut out = Vec::new();
            push_wrapped(&mut out, &text, width, INDENT, LineStyle::Note, None);
            for line in &out {
                assert!(line.text.as_str().width() <= width, "{line:?} at {width}");
            }
            let hearts: usize = out
                .iter()
                .map(|l| l.text.as_str().matches('❤').count())
                .sum();
            assert_eq!(hearts, 40, "nothing is lost at {width}");
        }
    }

    #[test]
    fn ids_are_not_split_at_their_hyphens() {
        let mut out = Vec::new();
        let text = sanitize("Status: open · tracked as ukraine-ceasefire");
        push_wrapped(&mut out, &text, 30, INDENT, LineStyle::Note, None);
        assert!(
            out.iter()
                .any(|l| l.text.as_str().trim() == "ukraine-ceasefire"),
            "{out:?}"
        );
    }

    #[test]
    fn indented_lines_stay_indented_when_wrapped() {
        let lines = wrap_indented(
            "  new   a disagreement with a long title",
            20,
            LineStyle::Note,
        );
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| l.text.as_str().starts_with("  ")),
            "{lines:?}"
        );
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
        let md = export_markdown(&b, Some(Pane::Goals));
        assert!(md.contains("\\*bold\\*"));
        assert!(!md.contains('\u{1b}'));
    }
}
