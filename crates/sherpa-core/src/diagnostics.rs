//! Problems found while loading briefings, shown identically by `sherpa check` and the reader.
//!
//! A diagnostic carries everything a user needs to fix the file: where (path, line,
//! column), how bad, what, and the offending line itself.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::sanitize::{sanitize, sanitize_field};
pub use crate::span::Span;

/// How bad a problem is. Errors drop the file (or the duplicate); warnings keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One problem in one briefing file.
/// Deserialised only from the persistent index, which stores what a file's parse reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file as the user named it (or `bundled:NAME` for built-in briefings).
    pub path: String,
    /// 1-based line, when the parser knows it: the start of [`Diagnostic::span`].
    pub line: Option<usize>,
    /// 1-based column in characters, when the parser knows it: the start of
    /// [`Diagnostic::span`].
    pub column: Option<usize>,
    /// What the problem is about, from where it starts to where it ends (`line` and `column`
    /// are its start, kept for the readers that know only those). Boxed: most diagnostics
    /// travel in `Result`s, which stay small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Box<Span>>,
    pub severity: Severity,
    pub message: String,
    /// What the user probably meant (a known key for a misspelt one), when there is a
    /// near miss: the message says it in words too, but editors and CI annotations offer
    /// it as a fix only when it stands on its own. Boxed as [`Diagnostic::span`] is: a
    /// thin pointer keeps a diagnostic within clippy's bound for `Result`s' errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[allow(clippy::box_collection)]
    pub suggestion: Option<Box<String>>,
    /// The text of the offending line, shown under the message.
    pub snippet: Option<String>,
    /// For the summary that ends a file's diagnostics past [`MAX_PER_FILE`]: how many
    /// problems of its severity it stands for. 0 for a diagnostic about one problem. A
    /// `u32` holds it (a file has at most a few hundred thousand items) and keeps a
    /// diagnostic small enough to travel in `Result`s.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub omitted: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Diagnostic {
    /// A diagnostic about the file as a whole.
    #[must_use]
    pub fn new(path: &str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: None,
            column: None,
            span: None,
            severity,
            message: message.into(),
            suggestion: None,
            snippet: None,
            omitted: 0,
        }
    }

    /// The diagnostic with what the user probably meant.
    #[must_use]
    pub fn with_suggestion(self, suggestion: Option<impl Into<String>>) -> Self {
        Self {
            suggestion: suggestion.map(|near| Box::new(near.into())),
            ..self
        }
    }

    /// What the user probably meant, when there is a near miss.
    #[must_use]
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref().map(String::as_str)
    }

    /// The first line of the diagnostic, `path:line:col: severity: message`, without the
    /// offending line under it: what one-line readers (vim's quickfix, `check --format
    /// short`) take. Paths and messages are sanitised, as in the full display.
    #[must_use]
    pub fn headline(&self) -> String {
        format!(
            "{}: {}: {}",
            self.location(),
            self.severity.as_str(),
            sanitize_field(&shorten(&self.message, MESSAGE_CHARS))
        )
    }

    /// How many problems this diagnostic reports: one, or those a summary stands for.
    #[must_use]
    pub fn problems(&self) -> usize {
        if self.omitted > 0 {
            self.omitted as usize
        } else {
            1
        }
    }

    /// Points the diagnostic at a byte offset of `source`, filling line, column and snippet.
    #[must_use]
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        self.at_range(source, offset..offset)
    }

    /// Points the diagnostic at a byte range of `source`, filling its span, line, column and
    /// snippet (the whole of the first line, however long: the display cuts it).
    #[must_use]
    pub fn at_range(self, source: &str, range: Range<usize>) -> Self {
        LineCounter::quoting_every_line(source).point(self, range)
    }

    /// The `path:line:col` prefix, with as much position as is known. The path is shown
    /// sanitised as one line: a file name with a newline cannot forge another diagnostic.
    #[must_use]
    pub fn location(&self) -> String {
        let path = sanitize_field(&self.path);
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{path}:{line}:{column}"),
            (Some(line), None) => format!("{path}:{line}"),
            _ => path.into_string(),
        }
    }
}

/// Turns byte ranges into lines and columns, counting each newline and each character once
/// for ranges met in increasing order: the places the loader notes in every file (a link
/// in each meeting) cost one pass over the text however many there are, even when a
/// hostile file puts tens of thousands of them on one line. [`point_all`] sorts them first.
pub(crate) struct LineCounter<'a> {
    source: &'a str,
    /// Whether a line longer than [`QUOTED_LINE_BYTES`] is quoted too.
    quote_long_lines: bool,
    /// Everything before this offset is counted.
    counted_to: usize,
    /// The 1-based line and character column of `counted_to`, and where its line starts
    /// and ends.
    line: usize,
    column: usize,
    line_start: usize,
    line_end: usize,
}

/// A line longer than this is not quoted in a diagnostic a [`LineCounter`] points: many
/// places on one long line would otherwise each hold a copy of it.
const QUOTED_LINE_BYTES: usize = 1024;

impl<'a> LineCounter<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Self {
            source,
            quote_long_lines: false,
            counted_to: 0,
            line: 1,
            column: 1,
            line_start: 0,
            line_end: Self::end_of_line(source, 0),
        }
    }

    /// A counter for one diagnostic, whose line is quoted whatever its length.
    fn quoting_every_line(source: &'a str) -> Self {
        Self {
            quote_long_lines: true,
            ..Self::new(source)
        }
    }

    fn end_of_line(source: &str, from: usize) -> usize {
        memchr::memchr(b'\n', &source.as_bytes()[from..]).map_or(source.len(), |n| from + n)
    }

    /// Points `diagnostic` at `range` as [`Diagnostic::at_range`] does, except that a line
    /// longer than [`QUOTED_LINE_BYTES`] is not quoted; a range starting before the last one
    /// counts from the start again. The end is counted from the start, without moving the
    /// counter, so ranges may nest.
    pub(crate) fn point(&mut self, diagnostic: Diagnostic, range: Range<usize>) -> Diagnostic {
        let offset = floor_char_boundary(self.source, range.start.min(self.source.len()));
        let end = floor_char_boundary(self.source, range.end.clamp(offset, self.source.len()));
        if offset < self.counted_to {
            *self = Self {
                quote_long_lines: self.quote_long_lines,
                ..Self::new(self.source)
            };
        }
        let skipped = &self.source[self.counted_to..offset];
        match memchr::memrchr(b'\n', skipped.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', skipped.as_bytes()).count();
                self.line_start = self.counted_to + last + 1;
                self.line_end = Self::end_of_line(self.source, self.line_start);
                self.column = 1 + self.source[self.line_start..offset].chars().count();
            }
            None => self.column += skipped.chars().count(),
        }
        self.counted_to = offset;
        let line = &self.source[self.line_start..self.line_end];
        let inside = &self.source[offset..end];
        let (end_line, end_column) = match memchr::memrchr(b'\n', inside.as_bytes()) {
            Some(last) => (
                self.line + memchr::memchr_iter(b'\n', inside.as_bytes()).count(),
                1 + inside[last + 1..].chars().count(),
            ),
            None => (self.line, self.column + inside.chars().count()),
        };
        Diagnostic {
            line: Some(self.line),
            column: Some(self.column),
            span: Some(Box::new(Span {
                start: offset,
                end,
                line: self.line,
                column: self.column,
                end_line,
                end_column,
            })),
            snippet: (self.quote_long_lines || line.len() <= QUOTED_LINE_BYTES)
                .then(|| line.trim_end_matches('\r').to_owned()),
            ..diagnostic
        }
    }
}

/// Points each diagnostic at its range (leaving one without a range as it is), in one pass
/// over `source` whatever order the ranges come in.
pub(crate) fn point_all(
    source: &str,
    pending: Vec<(Diagnostic, Option<Range<usize>>)>,
) -> Vec<Diagnostic> {
    let mut by_start: Vec<(usize, Diagnostic, Option<Range<usize>>)> = pending
        .into_iter()
        .enumerate()
        .map(|(at, (diagnostic, range))| (at, diagnostic, range))
        .collect();
    by_start.sort_by_key(|(_, _, range)| range.as_ref().map_or(0, |range| range.start));
    let mut counter = LineCounter::new(source);
    let mut pointed: Vec<(usize, Diagnostic)> = by_start
        .into_iter()
        .map(|(at, diagnostic, range)| match range {
            Some(range) => (at, counter.point(diagnostic, range)),
            None => (at, diagnostic),
        })
        .collect();
    pointed.sort_by_key(|(at, _)| *at);
    pointed
        .into_iter()
        .map(|(_, diagnostic)| diagnostic)
        .collect()
}

/// Longest offending line shown; a longer line is cut to a window around the column.
const SNIPPET_CHARS: usize = 120;
/// Longest message shown (parser messages can quote a whole value).
const MESSAGE_CHARS: usize = 400;

/// Renders as `path:line:col: severity: message`, then the offending line and a caret.
/// The line is shown sanitised (so the caret lines up under tabs, wide characters and
/// control characters shown as `^[`) and cut to a window if it is very long. Callers that
/// print to a terminal still sanitise the whole text (paths and messages are untrusted).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let gutter = line.to_string();
            let column = self.column.unwrap_or(1).saturating_sub(1);
            let (before, after) = snippet_window(snippet, column);
            let shown = sanitize(&format!("{before}{after}"));
            write!(f, "\n {gutter} | {shown}")?;
            if self.column.is_some() {
                let pad = " ".repeat(gutter.len());
                let indent = " ".repeat(sanitize(&before).width());
                write!(f, "\n {pad} | {indent}^")?;
            }
        }
        Ok(())
    }
}

/// The text of a line before and from a 0-based character column, cut to
/// [`SNIPPET_CHARS`] around the column with `…` where text was left out.
fn snippet_window(line: &str, column: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    let start = column.saturating_sub(SNIPPET_CHARS / 2);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut before: String = chars[start..column].iter().collect();
    let mut after: String = chars[column..end].iter().collect();
    if start > 0 {
        before.insert(0, '…');
    }
    if end < chars.len() {
        after.push('…');
    }
    (before, after)
}

/// Cuts text to `limit` characters, saying so.
fn shorten(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    match crate::wrap::first_chars(text, limit) {
        Some(kept) => format!("{kept}… (shortened)").into(),
        None => text.into(),
    }
}

/// The largest char boundary at or below `index` (parsers may report mid-character offsets).
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The candidate nearest to a mistyped word, if one is near enough to be a typo: the one
/// rule behind every "did you mean" for keys, commands, colours and action names.
#[must_use]
pub fn closest_word<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|name| (strsim::jaro_winkler(word, name), name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// Counts of errors and warnings, for summaries: exact, including the problems left out
/// past [`MAX_PER_FILE`].
#[must_use]
pub fn count<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> (usize, usize) {
    diagnostics
        .into_iter()
        .fold((0, 0), |(errors, warnings), d| match d.severity {
            Severity::Error => (errors + d.problems(), warnings),
            Severity::Warning => (errors, warnings + d.problems()),
        })
}

/// At most this many diagnostics are kept for one file; the rest are counted, in one
/// summary per severity at the end, as compilers stop after the first errors
/// (`-fmax-errors`). A file can hold hundreds of thousands of unknown keys or dangling
/// citations: locating, keeping and printing each took seconds, and no one reads past the
/// first screens (fixing the first problems usually explains the rest).
pub const MAX_PER_FILE: usize = 100;

/// The diagnostics of one file, keeping the first [`MAX_PER_FILE`] and counting the rest.
#[derive(Debug, Default)]
pub(crate) struct FileDiagnostics {
    /// Problems of this file already shown by an earlier step, counted against the cap.
    shown_before: usize,
    /// Each diagnostic kept, with the range of the file's text it is still to be pointed
    /// at: positions are counted once, in [`FileDiagnostics::finish_in`].
    kept: Vec<(Diagnostic, Option<Range<usize>>)>,
    omitted_errors: usize,
    omitted_warnings: usize,
}

impl FileDiagnostics {
    /// The diagnostics of a file that already has `shown` problems listed.
    pub(crate) fn after(shown: usize) -> Self {
        Self {
            shown_before: shown,
            ..Self::default()
        }
    }

    /// Keeps the diagnostic `make` builds while there is room, else only counts it: building
    /// one (finding its position, quoting its line, a suggestion) is what costs.
    pub(crate) fn push_with(&mut self, severity: Severity, make: impl FnOnce() -> Diagnostic) {
        self.push_at_with(severity, || (make(), None));
    }

    /// Like [`FileDiagnostics::push_with`], for a diagnostic about a range of the file's
    /// text (also found only when kept), pointed at in [`FileDiagnostics::finish_in`].
    pub(crate) fn push_at_with(
        &mut self,
        severity: Severity,
        make: impl FnOnce() -> (Diagnostic, Option<Range<usize>>),
    ) {
        if self.shown_before + self.kept.len() < MAX_PER_FILE {
            self.kept.push(make());
        } else {
            self.omit(severity, 1);
        }
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let severity = diagnostic.severity;
        self.push_with(severity, || diagnostic);
    }

    /// Counts `count` problems that were never built.
    pub(crate) fn omit(&mut self, severity: Severity, count: usize) {
        match severity {
            Severity::Error => self.omitted_errors += count,
            Severity::Warning => self.omitted_warnings += count,
        }
    }

    /// The error that skips the file, shown first whatever the cap: it is why the file did
    /// not load.
    pub(crate) fn insert_first(&mut self, diagnostic: Diagnostic) {
        self.kept.insert(0, (diagnostic, None));
    }

    /// The errors that skip the file, each made from an item by `make`, put before all
    /// found so far as [`FileDiagnostics::insert_first`] does, but within the cap: a file
    /// can lack a required key in each of thousands of tables. What they push past the cap
    /// is counted instead of kept.
    pub(crate) fn insert_errors_first<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        make: impl Fn(T) -> (Diagnostic, Option<Range<usize>>),
    ) {
        // One at least, as `insert_first` keeps one whatever the cap.
        let room = MAX_PER_FILE.saturating_sub(self.shown_before).max(1);
        let mut first = Vec::new();
        for item in items {
            if first.len() < room {
                first.push(make(item));
            } else {
                self.omit(Severity::Error, 1);
            }
        }
        let later = std::mem::replace(&mut self.kept, first);
        for (diagnostic, range) in later {
            self.push_at_with(diagnostic.severity, || (diagnostic, range));
        }
    }

    /// [`FileDiagnostics::finish`] for diagnostics pushed with a range of `source`, each
    /// pointed at it in one pass over the text.
    pub(crate) fn finish_in(mut self, path: &str, source: &str) -> Vec<Diagnostic> {
        let pending = std::mem::take(&mut self.kept);
        self.kept = point_all(source, pending)
            .into_iter()
            .map(|diagnostic| (diagnostic, None))
            .collect();
        self.finish(path)
    }

    /// The diagnostics kept, then a summary of each severity left out. Ranges not yet
    /// pointed at (see [`FileDiagnostics::finish_in`]) are left without a position.
    pub(crate) fn finish(mut self, path: &str) -> Vec<Diagnostic> {
        let summaries = [
            (Severity::Error, self.omitted_errors, "error"),
            (Severity::Warning, self.omitted_warnings, "warning"),
        ];
        for (severity, omitted, noun) in summaries {
            if omitted > 0 {
                let plural = if omitted == 1 { "" } else { "s" };
                let message = format!(
                    "… and {} more {noun}{plural} in this file (only the first {MAX_PER_FILE} problems of a file are shown)",
                    with_separators(omitted)
                );
                self.kept.push((
                    Diagnostic {
                        omitted: u32::try_from(omitted).unwrap_or(u32::MAX),
                        ..Diagnostic::new(path, severity, message)
                    },
                    None,
                ));
            }
        }
        self.kept
            .into_iter()
            .map(|(diagnostic, _)| diagnostic)
            .collect()
    }
}

/// A count written with thousands separators (`837,900`), as messages show counts.
#[must_use]
pub fn with_separators(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The OS reason without Rust's "(os error N)" suffix, which means nothing to a reader.
#[must_use]
pub fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_counter_points_as_at_offset_does_in_any_order() {
        let source = "a = 1\r\nbé = \"x\"\n\nlast";
        let mut counter = LineCounter::new(source);
        let blank = || Diagnostic::new("", Severity::Warning, "");
        // Forward, backward (counting again from the start), mid-character, the very end.
        for offset in [
            10,
            3,
            0,
            8,
            9,
            source.len() - 1,
            source.len(),
            2,
            source.len() + 5,
        ] {
            let expected = blank().at_offset(source, offset);
            assert_eq!(
                counter.point(blank(), offset..offset),
                expected,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn a_line_counter_counts_a_long_line_once_and_does_not_quote_it() {
        let line = "é, ".repeat(QUOTED_LINE_BYTES);
        let source = format!("first\n{line}\nshort\n");
        let mut counter = LineCounter::new(&source);
        let blank = || Diagnostic::new("", Severity::Warning, "");
        for (index, (offset, _)) in source.match_indices(',').enumerate() {
            let pointed = counter.point(blank(), offset..offset);
            assert_eq!(
                (pointed.line, pointed.column),
                (Some(2), Some(index * 3 + 2))
            );
            assert_eq!(pointed.snippet, None);
        }
        let short = counter.point(blank(), source.len() - 3..source.len() - 3);
        assert_eq!(short, blank().at_offset(&source, source.len() - 3));
    }

    #[test]
    fn a_range_has_the_line_and_column_of_both_ends() {
        let source = "a = \"\"\"\nbé\nxé\"\"\"\n";
        let start = source.find('"').unwrap_or_default();
        let end = source.rfind('"').unwrap_or_default() + 1;
        let d = Diagnostic::new("f", Severity::Error, "m").at_range(source, start..end);
        let span = d.span.as_deref().copied();
        let expected = Span {
            start,
            end,
            line: 1,
            column: 5,
            end_line: 3,
            end_column: 6,
        };
        assert_eq!(span, Some(expected));
        assert_eq!((d.line, d.column), (Some(1), Some(5)));
        // An empty range is a point; a range past the end stops at it.
        let point = Diagnostic::new("f", Severity::Error, "m").at_offset(source, 2);
        let span = point.span.as_deref().copied();
        assert_eq!(span.map(|s| (s.end_line, s.end_column)), Some((1, 3)));
        let past = Diagnostic::new("f", Severity::Error, "m").at_range(source, 0..1_000);
        assert_eq!(past.span.map(|s| s.end), Some(source.len()));
    }

    #[test]
    fn offset_gives_line_column_and_snippet() {
        let source = "a = 1\nbé = x\n";
        let d = Diagnostic::new("f.toml", Severity::Error, "bad").at_offset(source, 10);
        assert_eq!(d.location(), "f.toml:2:4");
        assert_eq!(d.snippet.as_deref(), Some("bé = x"));
        assert_eq!(
            d.to_string(),
            "f.toml:2:4: error: bad\n 2 | bé = x\n   |    ^"
        );
    }

    #[test]
    fn caret_lines_up_under_tabs_wide_and_control_characters() {
        let source = "a\t中\u{1b}x = y";
        let offset = source.find('x').unwrap();
        let d = Diagnostic::new("f", Severity::Error, "m").at_offset(source, offset);
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], " 1 | a   中^[x = y");
        assert_eq!(lines[2], "   |         ^");
    }

    #[test]
    fn long_lines_and_messages_are_cut_around_the_column() {
        let source = format!("{}!{}", "a".repeat(100_000), "b".repeat(100_000));
        let d =
            Diagnostic::new("f", Severity::Error, "m".repeat(10_000)).at_offset(&source, 100_000);
        let text = d.to_string();
        assert!(text.len() < 2_000, "{} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[2].chars().count() - 1;
        assert_eq!(lines[1].chars().nth(caret), Some('!'));
    }

    #[test]
    fn the_closest_word_is_a_near_miss_or_nothing() {
        let words = ["location", "title", "date"];
        assert_eq!(closest_word("locaton", words), Some("location"));
        assert_eq!(closest_word("titel", words), Some("title"));
        assert_eq!(closest_word("venue", words), None);
    }

    #[test]
    fn summary_counts_are_written_with_thousands_separators() {
        let shown: Vec<String> = [0, 999, 1_000, 837_900, 1_234_567]
            .into_iter()
            .map(with_separators)
            .collect();
        assert_eq!(shown, ["0", "999", "1,000", "837,900", "1,234,567"]);
    }

    #[test]
    fn offset_inside_a_character_does_not_panic() {
        let d = Diagnostic::new("f", Severity::Error, "m").at_offset("é", 1);
        assert_eq!(d.location(), "f:1:1");
    }
}
