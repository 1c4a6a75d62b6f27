//! Wrapping sanitised text to a width, measured the way the screen draws it: the one
//! line breaker behind the reader's panes and overlays, text export and the clipboard.

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

use crate::diagnostics::Severity;
use crate::document::FieldKind;
use crate::sanitize::{Safe, sanitize};

/// Indent of an item's fields under its heading.
pub(crate) const INDENT: &str = "  ";

/// How a line should look; the screen maps this to colours, text export ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Title,
    Heading,
    Field(FieldKind),
    /// A note from sherpa itself, such as an empty pane.
    Note,
    /// A note the reader wrote on an item (kept in their own store, never in a briefing).
    UserNote,
    /// The first line of a problem found in a briefing file, by its severity.
    Problem(Severity),
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
pub(crate) fn push_wrapped(
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
        let mut broken = break_long_words(pending, text_width);
        // As textwrap does: lets a first word too long for the first line move down; a
        // URL is never broken, so moving it down would only leave a blank line above it.
        if first && !indent.is_empty() && !broken.first().is_some_and(|w| is_url(w.word)) {
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

/// Breaks words wider than a line into pieces that fit, except links: a URL cut in two
/// cannot be clicked, copied or pasted, so a URL wider than the line gets a line of its
/// own, whole.
fn break_long_words(words: Vec<Word<'_>>, width: usize) -> Vec<Word<'_>> {
    let too_wide = |word: &Word| word.width > width && !is_url(word.word);
    if !words.iter().any(too_wide) {
        return words;
    }
    let mut out = Vec::with_capacity(words.len() + 8);
    for word in words {
        if too_wide(&word) {
            out.extend(break_words([word], width));
        } else {
            out.push(word);
        }
    }
    out
}

/// The first `limit` characters of `text` when it has more, `None` when it has no more:
/// the one cut behind every text shortened with `…` by characters (a quote, an echoed
/// query, a diagnostic's long value).
#[must_use]
pub fn first_chars(text: &str, limit: usize) -> Option<&str> {
    text.char_indices().nth(limit).map(|(cut, _)| &text[..cut])
}

/// Whether a word is (or holds) a web link.
#[must_use]
pub fn is_url(word: &str) -> bool {
    word.contains("https://") || word.contains("http://")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_counts_characters_not_bytes() {
        assert_eq!(first_chars("Höfði House", 4), Some("Höfð"));
        assert_eq!(first_chars("Höfði", 5), None, "no more than the limit");
        assert_eq!(first_chars("首脳会談", 2), Some("首脳"));
        assert_eq!(first_chars("", 0), None);
    }

    #[test]
    fn urls_are_never_split_and_stand_alone_when_too_long() {
        let url = "https://example.org/a/very/long/path/that/does/not/fit/in/the/line/at/all";
        let text = format!("See {url} for more, and averyveryverylongwordthatbreaks too.");
        let lines: Vec<String> = wrap_text(&Safe::trusted(text), 30, LineStyle::Note)
            .into_iter()
            .map(|l| l.text.to_string())
            .collect();
        assert!(lines.iter().any(|l| l == url), "{lines:#?}");
        assert!(
            lines.iter().all(|l| l == url || l.width() <= 30),
            "{lines:#?}"
        );
        assert!(
            !lines
                .iter()
                .any(|l| l.contains("averyveryverylongwordthatbreaks")),
            "other long words still break: {lines:#?}"
        );
    }
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
    use unicode_width::UnicodeWidthStr;

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
}
