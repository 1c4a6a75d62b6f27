//! `sherpa check`: every problem found, in the format its reader wants (a person, an
//! editor's quickfix list, a script, a code-scanning service, GitHub Actions), then the
//! totals.
//!
//! Files named are checked against the other files of their folders (links and duplicate
//! ids resolve as when the folder is checked), and only their own problems are reported.
//!
//! Every format carries the same diagnostics and the exit status never depends on the
//! format. The machine formats write only their data to stdout; the totals go to stderr.

use std::collections::HashSet;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

use super::args::CheckFormat;
use super::{CliError, CommandResult};
use sherpa_core::analysis;
use sherpa_core::corpus::{LoadOptions, Origin};
use sherpa_core::diagnostics::{self, Diagnostic, Severity};
use sherpa_core::export::{JSON_VERSION, to_json_pretty};
use sherpa_core::sanitize::{sanitize, sanitize_field};

pub(super) fn check(
    origin: &Origin,
    strict: bool,
    require_sources: bool,
    format: CheckFormat,
) -> CommandResult {
    // Files named are checked against the rest of their folders, which are not reported.
    let (origin, neighbours) = origin.with_neighbours();
    let neighbours: HashSet<&str> = neighbours.iter().map(String::as_str).collect();
    let corpus = origin.load_with(LoadOptions {
        require_sources,
        with_bundled: false,
    });
    // The book checks look at content, not format, so they run here, not on every load.
    let book = analysis::book_checks::check_book(&corpus);
    let found: Vec<&Diagnostic> = corpus
        .diagnostics()
        .iter()
        .chain(&book)
        .filter(|diagnostic| !neighbours.contains(diagnostic.path.as_str()))
        .collect();
    let (errors, warnings) = diagnostics::count(found.iter().copied());
    let neighbours_loaded = (0..corpus.len())
        .filter_map(|position| corpus.path_of(position))
        .filter(|path| neighbours.contains(path))
        .count();
    let totals = Totals {
        briefings: corpus.len() - neighbours_loaded,
        skipped_files: corpus
            .failed_files()
            .saturating_sub(neighbours.len() - neighbours_loaded),
        errors,
        warnings,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        CheckFormat::Text => {
            for diagnostic in &found {
                writeln!(out, "{}", sanitize(&diagnostic.to_string()))?;
            }
        }
        CheckFormat::Short => {
            for diagnostic in &found {
                writeln!(out, "{}", diagnostic.headline())?;
            }
        }
        CheckFormat::Json => writeln!(out, "{}", to_json_pretty(&json_report(&found, &totals))?)?,
        CheckFormat::Sarif => writeln!(out, "{}", to_json_pretty(&sarif_log(&found))?)?,
        CheckFormat::Github => {
            for diagnostic in &found {
                writeln!(out, "{}", github_annotation(diagnostic))?;
            }
        }
    }
    let summary = totals.line(strict);
    if format == CheckFormat::Text {
        writeln!(out, "{summary}")?;
        out.flush()?;
    } else {
        out.flush()?;
        eprintln!("{summary}");
    }
    if errors > 0 || (strict && warnings > 0) {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// What a check found, counted.
#[derive(Serialize, JsonSchema)]
struct Totals {
    briefings: usize,
    skipped_files: usize,
    errors: usize,
    warnings: usize,
}

impl Totals {
    /// The line that ends a check: `3 briefings loaded, 1 file skipped: 1 error, 0 warnings`.
    fn line(&self, strict: bool) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        format!(
            "{} briefing{} loaded, {} file{} skipped: {} error{}, {} warning{}{}",
            self.briefings,
            plural(self.briefings),
            self.skipped_files,
            plural(self.skipped_files),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            if strict && self.warnings > 0 && self.errors == 0 {
                " (--strict: warnings count as errors)"
            } else {
                ""
            }
        )
    }
}

/// `check --format json`: the totals and every diagnostic.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "sherpa check --format json")]
pub(super) struct JsonReport<'a> {
    version: u32,
    #[serde(flatten)]
    totals: &'a Totals,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One diagnostic as `check --format json` writes it. Text is written as the file has it:
/// the JSON writer escapes what a terminal would act on.
#[derive(Serialize, JsonSchema)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    #[schemars(with = "SeverityName")]
    severity: Severity,
    message: &'a str,
    /// Where the problem starts, when the loader knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Position>,
    /// Where it ends (just after its last character), when the loader knows its extent.
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Position>,
    /// What the user probably meant, for an editor to offer as a fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    /// For a line that stands for the problems of a file past the shown ones: how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<u32>,
}

/// [`Severity`] as the schema names it (the core's type knows no schemas).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(
    dead_code,
    reason = "only its schema is used: the output writes `Severity` itself"
)]
enum SeverityName {
    Warning,
    Error,
}

/// A place in a file: 1-based line, 1-based column in characters, byte offset.
#[derive(Serialize, JsonSchema)]
struct Position {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<usize>,
}

impl<'a> JsonDiagnostic<'a> {
    fn of(diagnostic: &'a Diagnostic) -> Self {
        let span = diagnostic.span.as_deref();
        Self {
            path: &diagnostic.path,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            start: diagnostic.line.map(|line| Position {
                line,
                column: diagnostic.column,
                offset: span.map(|span| span.start),
            }),
            end: span.map(|span| Position {
                line: span.end_line,
                column: Some(span.end_column),
                offset: Some(span.end),
            }),
            suggestion: diagnostic.suggestion(),
            omitted: (diagnostic.omitted > 0).then_some(diagnostic.omitted),
        }
    }
}

fn json_report<'a>(found: &[&'a Diagnostic], totals: &'a Totals) -> JsonReport<'a> {
    JsonReport {
        version: JSON_VERSION,
        totals,
        diagnostics: found.iter().map(|d| JsonDiagnostic::of(d)).collect(),
    }
}

/// `check --format sarif`: one run of sherpa with a result per diagnostic. Columns count
/// characters (SARIF's `unicodeCodePoints`); the suggestion is in the result's property bag.
fn sarif_log(found: &[&Diagnostic]) -> serde_json::Value {
    let results: Vec<serde_json::Value> = found
        .iter()
        .map(|diagnostic| {
            let mut location = json!({
                "physicalLocation": { "artifactLocation": { "uri": uri_reference(&diagnostic.path) } }
            });
            if let Some(region) = sarif_region(diagnostic) {
                location["physicalLocation"]["region"] = region;
            }
            let mut result = json!({
                "level": diagnostic.severity.as_str(),
                "message": { "text": diagnostic.message },
                "locations": [location],
            });
            if let Some(suggestion) = diagnostic.suggestion() {
                result["properties"] = json!({ "suggestion": suggestion });
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sherpa",
                "version": env!("CARGO_PKG_VERSION"),
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The SARIF region of a diagnostic with a line: its span when known (end exclusive, as
/// SARIF's), else the line and column alone.
fn sarif_region(diagnostic: &Diagnostic) -> Option<serde_json::Value> {
    let line = diagnostic.line?;
    let mut region = json!({ "startLine": line });
    if let Some(column) = diagnostic.column {
        region["startColumn"] = json!(column);
    }
    if let Some(span) = diagnostic.span.as_deref() {
        region["endLine"] = json!(span.end_line);
        region["endColumn"] = json!(span.end_column);
        region["byteOffset"] = json!(span.start);
        region["byteLength"] = json!(span.end - span.start);
    }
    Some(region)
}

/// A path as a relative (or absolute-path) URI reference: every byte but the unreserved
/// ones and `/` percent-encoded, so spaces, `#`, `?` and `%` in file names survive.
fn uri_reference(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// `check --format github`: a GitHub Actions workflow command that annotates the file,
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…::message`. GitHub takes columns on
/// one line only, so a problem spanning lines gives its lines alone; its end column is the
/// last character's (inclusive).
fn github_annotation(diagnostic: &Diagnostic) -> String {
    let mut properties = vec![format!(
        "file={}",
        escape_github_property(&sanitize_field(&diagnostic.path))
    )];
    if let Some(line) = diagnostic.line {
        properties.push(format!("line={line}"));
        let span = diagnostic.span.as_deref();
        let one_line = span.is_none_or(|span| span.end_line == line);
        if let Some(column) = diagnostic.column.filter(|_| one_line) {
            properties.push(format!("col={column}"));
        }
        if let Some(span) = span {
            properties.push(format!("endLine={}", span.end_line));
            if one_line {
                let last = span.end_column.saturating_sub(1).max(span.column);
                properties.push(format!("endColumn={last}"));
            }
        }
    }
    format!(
        "::{} {}::{}",
        diagnostic.severity.as_str(),
        properties.join(","),
        escape_github_data(&sanitize(&diagnostic.message))
    )
}

/// Escapes a workflow command's message as GitHub's toolkit does: `%`, CR and LF, so a
/// message can neither end the command early nor start another.
fn escape_github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as [`escape_github_data`], and `:` and
/// `,`, which end a value.
fn escape_github_property(text: &str) -> String {
    escape_github_data(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_percent_newlines_and_property_separators() {
        assert_eq!(escape_github_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_github_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn a_multi_line_problem_gives_github_its_lines_only() {
        let diagnostic =
            Diagnostic::new("f.toml", Severity::Error, "m").at_range("ab\ncd\nef", 1..4);
        assert_eq!(
            github_annotation(&diagnostic),
            "::error file=f.toml,line=1,endLine=2::m"
        );
    }

    #[test]
    fn uri_references_encode_spaces_and_reserved_bytes() {
        assert_eq!(uri_reference("a b/#c%.toml"), "a%20b/%23c%25.toml");
        assert_eq!(uri_reference("dir/é.toml"), "dir/%C3%A9.toml");
    }
}
