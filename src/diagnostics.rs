//! Problems found while loading briefings, shown identically by `sherpa check` and the reader.
//!
//! A diagnostic carries everything a user needs to fix the file: where (path, line,
//! column), how bad, what, and the offending line itself.

use std::fmt;

use serde::Serialize;

/// How bad a problem is. Errors drop the file (or the duplicate); warnings keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file as the user named it (or `bundled:NAME` for built-in briefings).
    pub path: String,
    /// 1-based line, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column in characters, when the parser knows it.
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
    /// The text of the offending line, shown under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about the file as a whole.
    #[must_use]
    pub fn new(path: &str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: None,
            column: None,
            severity,
            message: message.into(),
            snippet: None,
        }
    }

    /// Points the diagnostic at a byte offset of `source`, filling line, column and snippet.
    #[must_use]
    pub fn at_offset(mut self, source: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        self.line = Some(before.matches('\n').count() + 1);
        self.column = Some(source[line_start..offset].chars().count() + 1);
        self.snippet = Some(
            source[line_start..line_end]
                .trim_end_matches('\r')
                .to_owned(),
        );
        self
    }

    /// The `path:line:col` prefix, with as much position as is known.
    #[must_use]
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.path),
            (Some(line), None) => format!("{}:{line}", self.path),
            _ => self.path.clone(),
        }
    }
}

/// Renders as `path:line:col: severity: message`, then the offending line and a caret.
/// Callers that print to a terminal sanitise this text (file content is untrusted).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity.as_str(),
            self.message
        )?;
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let gutter = line.to_string();
            write!(f, "\n {gutter} | {snippet}")?;
            if let Some(column) = self.column {
                let pad = " ".repeat(gutter.len());
                let indent: String = snippet
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {indent}^")?;
            }
        }
        Ok(())
    }
}

/// The largest char boundary at or below `index` (parsers may report mid-character offsets).
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Counts of errors and warnings, for summaries.
#[must_use]
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn offset_inside_a_character_does_not_panic() {
        let d = Diagnostic::new("f", Severity::Error, "m").at_offset("é", 1);
        assert_eq!(d.location(), "f:1:1");
    }
}
