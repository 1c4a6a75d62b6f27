//! Parsing and checking one briefing's text: TOML, the format's keys, the id, citations.

use std::ops::Range;

use serde::Deserialize;
use toml::de::DeTable;

use super::LoadOptions;
use super::id::{is_valid_id, slug};
use super::read::{FoundFile, ItemCount, MAX_FILE_ITEMS, items_at_most};
use super::sites::{ItemSites, Sites};
use crate::diagnostics::{Diagnostic, FileDiagnostics, Severity, with_separators};
use crate::model::Briefing;
use crate::span::{Place, SpanIndex};

/// One file after parsing: its path, the briefing if usable, its diagnostics, and the
/// places later checks point at. Cloned by [`super::LiveCorpus`], which keeps every file's.
#[derive(Clone)]
pub(super) struct Parsed {
    pub(super) path: String,
    /// From [`FoundFile::bundled`].
    pub(super) bundled: bool,
    pub(super) briefing: Option<Briefing>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) sites: Sites,
}

/// Parses a file read; `items` is its [`items_at_most`], when the loader already counted.
pub(super) fn parse_file(
    file: FoundFile,
    options: LoadOptions,
    items: Option<ItemCount>,
) -> Parsed {
    match file.text {
        Ok(text) => Parsed {
            bundled: file.bundled,
            ..parse_text(&file.display, &file.stem, &text, options, items)
        },
        Err(diagnostic) => Parsed {
            path: file.display,
            bundled: file.bundled,
            briefing: None,
            diagnostics: vec![diagnostic],
            sites: Sites::default(),
        },
    }
}

/// Parses one briefing's text. Returns the briefing (if it is usable) and its diagnostics.
#[must_use]
pub fn parse_briefing(path: &str, stem: &str, text: &str) -> (Option<Briefing>, Vec<Diagnostic>) {
    let parsed = parse_text(path, stem, text, LoadOptions::default(), None);
    (parsed.briefing, parsed.diagnostics)
}

/// Parses one briefing's text into a [`Parsed`] for the corpus (`display` is the path kept).
fn parse_text(
    path: &str,
    stem: &str,
    text: &str,
    options: LoadOptions,
    items: Option<ItemCount>,
) -> Parsed {
    let mut report = FileDiagnostics::default();
    let mut sites = Sites::default();
    let items = items.unwrap_or_else(|| items_at_most(text));
    let briefing = check_text(path, stem, text, options, items, &mut report, &mut sites);
    Parsed {
        path: path.to_owned(),
        bundled: false,
        briefing,
        diagnostics: report.finish_in(path, text),
        sites,
    }
}

/// The briefing in `text` if it is usable, reporting its problems and noting its sites.
fn check_text(
    path: &str,
    stem: &str,
    text: &str,
    options: LoadOptions,
    items: ItemCount,
    report: &mut FileDiagnostics,
    sites: &mut Sites,
) -> Option<Briefing> {
    // Only what TOML itself calls whitespace makes a file empty; a form feed or vertical
    // tab is an invalid character the parser points at.
    if text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
        report.push(Diagnostic::new(
            path,
            Severity::Error,
            "the file is empty; a briefing needs at least a [summit] table with title, date and location",
        ));
        return None;
    }
    if let (_, Some(offset)) = items {
        report.push(
            Diagnostic::new(
                path,
                Severity::Error,
                format!(
                    "more than {} keys, tables and values, the limit for one briefing; skipped",
                    with_separators(MAX_FILE_ITEMS)
                ),
            )
            .at_offset(text, offset),
        );
        return None;
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(err) => {
            report.insert_first(toml_error(path, text, &err));
            return None;
        }
    };
    *sites = Sites::in_table(text, root.get_ref());
    // Unknown keys are reported when the briefing does not deserialise too: a misspelt
    // `locaton` is why `location` is missing, and the error alone would not say so. Only
    // those that can be shown are written out; the rest are counted. Their positions come
    // from a span index, made only for a file that has one: indexing every file cost the
    // loader 5 % of its time.
    if crate::model::has_unknown_keys(root.get_ref()) {
        let index = SpanIndex::new(&root);
        crate::model::unknown_keys(&index, |key| {
            report.push_at_with(Severity::Warning, || unknown_key(path, key));
        });
    }
    let mut briefing = match Briefing::deserialize(toml::de::Deserializer::from(root)) {
        Ok(briefing) => briefing,
        Err(err) => {
            report_deserialise_errors(path, text, &err, report);
            return None;
        }
    };
    if briefing.summit.id.is_empty() {
        briefing.summit.id = slug(stem);
        if briefing.summit.id.is_empty() {
            report.push(Diagnostic::new(
                path,
                Severity::Error,
                "no summit id: the file name has no letters or digits; add `id = \"...\"` to [summit]",
            ));
            return None;
        }
    } else if !is_valid_id(&briefing.summit.id) {
        report.push(Sites::at(
            sites.id.as_ref(),
            path,
            Severity::Error,
            format!(
                "summit id \"{}\" must be lowercase letters, digits and dashes, starting with a letter or digit",
                briefing.summit.id
            ),
        ));
        return None;
    }
    let items = ItemSites::new(path, text);
    items.check_sources(&briefing, options, report);
    items.check_source_urls(&briefing, report);
    items.check_disagreement_ids(&briefing, report);
    Some(briefing)
}

/// The errors of a briefing that does not deserialise, first: they are why the file is
/// skipped. Deserialising stops at the first missing key, so every required key the file
/// lacks is found by walking it again (parsed anew: deserialising took the first parse, and
/// keeping a copy would cost every good file); `err` is kept too unless it is one of them.
fn report_deserialise_errors(
    path: &str,
    text: &str,
    err: &toml::de::Error,
    report: &mut FileDiagnostics,
) {
    let error = toml_error(path, text, err);
    let mut missing = Vec::new();
    if let Ok(root) = DeTable::parse(text) {
        crate::model::missing_keys(&root, |key, span| missing.push((key, span)));
    }
    let message = |key: &str| format!("{MISSING_KEY} `{key}`");
    let repeated = missing.iter().any(|(key, _)| message(key) == error.message);
    report.insert_errors_first(missing, |(key, span)| {
        let diagnostic = Diagnostic::new(path, Severity::Error, message(key));
        if is_first_statement(text, span.start) {
            // Unquoted, as `toml_error` leaves an error there.
            let mut diagnostic = diagnostic.at_range(text, span);
            diagnostic.snippet = None;
            (diagnostic, None)
        } else {
            (diagnostic, Some(span))
        }
    });
    if !repeated {
        report.insert_first(error);
    }
}

/// The warning for a key the format does not have, with the key meant, and where the key is.
fn unknown_key(path: &str, key: Place<'_, '_>) -> (Diagnostic, Option<Range<usize>>) {
    let key_path = key.path().to_string();
    let near = crate::model::closest_key(&key_path);
    let suggestion = near
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default();
    let message = format!("unknown key `{key_path}` is ignored{suggestion}");
    (
        Diagnostic::new(path, Severity::Warning, message).with_suggestion(near),
        Some(key.span()),
    )
}

/// The error of a file that does not parse or deserialise, over what the parser points at.
fn toml_error(path: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(path, Severity::Error, explain(err.message()));
    if let Some(span) = err.span() {
        let start = span.start;
        diagnostic = diagnostic.at_range(text, span);
        // An error in the very first statement means this may not be TOML at all
        // (a key file, a binary): its line is not shown, only where it is.
        if is_first_statement(text, start) {
            diagnostic.snippet = None;
        }
    }
    diagnostic
}

/// Whether only blank lines and comments come before the line holding `offset`.
fn is_first_statement(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or(text);
    let earlier = before.rfind('\n').map_or("", |end| &before[..end]);
    earlier.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// How a missing key's error begins, as the deserialiser's is reworded and as the loader
/// writes the others it finds.
const MISSING_KEY: &str = "missing required key";

/// Rewords serde's messages in the terms of the format ("key", not "field").
fn explain(message: &str) -> String {
    let message = message.trim();
    match message.strip_prefix("missing field ") {
        Some(key) => format!("{MISSING_KEY} {key}"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_briefing;
    use crate::corpus::tests::{MINIMAL, numbered};
    use crate::diagnostics::MAX_PER_FILE;

    #[test]
    fn id_defaults_to_the_slugged_file_stem() {
        let (briefing, diagnostics) = parse_briefing("x/Geneva 2021.toml", "Geneva 2021", MINIMAL);
        assert!(diagnostics.is_empty());
        assert_eq!(briefing.unwrap().id(), "geneva-2021");
    }

    #[test]
    fn unknown_keys_warn_with_their_line() {
        let text = format!(
            "{MINIMAL}\n[[participants]]\nname = \"A\"\n\n[[participants]]\nname = \"B\"\nnmae = \"typo\"\n"
        );
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert!(diagnostics[0].message.contains("participants.1.nmae"));
        assert_eq!(diagnostics[0].line, Some(11));
        assert_eq!(diagnostics[0].suggestion(), Some("name"));
    }

    /// The example: a key searched for in the text was found inside the string on
    /// the line above (8:40); the parser's span is the key itself.
    #[test]
    fn an_unknown_key_in_an_inline_table_is_at_its_own_line_and_column() {
        let text = format!(
            "{MINIMAL}\n[[disagreements]]\ntopic = \"T\"\n\
             summary = \"what each side wants; stance = fixed for now\"\n\
             positions = [{{ party = \"x\", position = \"P\", stance = 1 }}]\n"
        );
        let (_, diagnostics) = parse_briefing("x.toml", "x", &text);
        let [warning] = diagnostics.as_slice() else {
            panic!("one warning expected: {diagnostics:?}");
        };
        assert!(
            warning
                .message
                .contains("`disagreements.0.positions.0.stance`"),
            "{warning}"
        );
        assert_eq!(
            (warning.line, warning.column),
            (Some(9), Some(45)),
            "{warning}"
        );
        let span = warning.span.as_deref().expect("a span");
        assert_eq!(&text[span.range()], "stance");
        assert_eq!((span.end_line, span.end_column), (9, 51));
        let json = serde_json::to_value(warning).expect("JSON");
        assert_eq!(json["line"], 9);
        assert_eq!(json["span"]["end_column"], 51);
    }

    #[test]
    fn an_unknown_table_is_at_its_header() {
        let text = format!("{MINIMAL}\n[[notes]]\nx = 1\n");
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(briefing.is_some());
        let [warning] = diagnostics.as_slice() else {
            panic!("one warning expected: {diagnostics:?}");
        };
        assert!(warning.message.contains("`notes`"), "{warning}");
        assert_eq!(
            (warning.line, warning.column),
            (Some(6), Some(3)),
            "{warning}"
        );
        assert_eq!(warning.snippet.as_deref(), Some("[[notes]]"));
    }

    #[test]
    fn missing_title_is_an_error() {
        let (briefing, diagnostics) = parse_briefing(
            "f.toml",
            "f",
            "[summit]\ndate = 2020-01-02\nlocation = \"L\"\n",
        );
        assert!(briefing.is_none());
        assert_eq!(diagnostics[0].message, "missing required key `title`");
    }

    #[test]
    fn quoted_date_explains_the_fix() {
        let text = MINIMAL.replace("2020-01-02", "\"2020-01-02\"");
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        assert!(diagnostics[0].message.contains("without quotes"));
        assert_eq!(diagnostics[0].line, Some(3));
    }

    #[test]
    fn a_form_feed_or_vertical_tab_alone_is_an_error_with_a_position() {
        for text in ["\u{c}", "\u{b}", "\n\u{c}\n"] {
            let (briefing, diagnostics) = parse_briefing("f.toml", "f", text);
            assert!(briefing.is_none());
            assert!(
                diagnostics[0].line.is_some(),
                "{text:?}: {}",
                diagnostics[0]
            );
            assert!(
                !diagnostics[0].message.contains("empty"),
                "{}",
                diagnostics[0]
            );
        }
        let (_, diagnostics) = parse_briefing("f.toml", "f", " \n\t\r\n");
        assert!(diagnostics[0].message.contains("empty"));
    }

    #[test]
    fn problems_past_the_cap_are_counted_exactly_in_one_summary_per_severity() {
        let count = MAX_PER_FILE + 50;
        let people = numbered(count, "[[participants]]\nname = \"P{i}\"\nnmae = \"x\"\n");
        let text = format!("{MINIMAL}{people}");
        let options = LoadOptions {
            require_sources: true,
            ..LoadOptions::default()
        };
        let parsed = parse_text("f.toml", "f", &text, options, None);
        assert!(parsed.briefing.is_some());
        let shown = &parsed.diagnostics;
        // The unknown keys come first and fill the cap; the errors are all left out.
        assert_eq!(shown.len(), MAX_PER_FILE + 2, "{shown:?}");
        assert!(
            shown[MAX_PER_FILE - 1]
                .message
                .contains("participants.99.nmae")
        );
        let [errors, warnings] = &shown[MAX_PER_FILE..] else {
            unreachable!()
        };
        assert_eq!(errors.severity, Severity::Error);
        assert!(
            errors
                .message
                .starts_with("… and 150 more errors in this file"),
            "{errors}"
        );
        assert_eq!(warnings.severity, Severity::Warning);
        assert!(
            warnings
                .message
                .starts_with("… and 50 more warnings in this file"),
            "{warnings}"
        );
        assert_eq!(crate::diagnostics::count(shown), (count, count));
    }

    /// A new user's file: the typo is why `location` is missing, and both missing keys are
    /// errors (deserialising stopped at `date`), with the typo's warning beside them.
    #[test]
    fn every_missing_required_key_is_reported_beside_the_typo_that_caused_it() {
        let text = "[summit]\ntitle = \"X\"\nlocaton = \"Y\"\n";
        let (briefing, diagnostics) = parse_briefing("f.toml", "f", text);
        assert!(briefing.is_none());
        let shown: Vec<(Severity, &str, Option<usize>)> = diagnostics
            .iter()
            .map(|d| (d.severity, d.message.as_str(), d.line))
            .collect();
        assert_eq!(
            shown,
            [
                (Severity::Error, "missing required key `date`", Some(1)),
                (Severity::Error, "missing required key `location`", Some(1)),
                (
                    Severity::Warning,
                    "unknown key `summit.locaton` is ignored; did you mean `location`?",
                    Some(3)
                ),
            ]
        );
        // The file's first statement is never quoted: it may not be a briefing at all.
        assert_eq!(diagnostics[1].snippet, None);
    }

    #[test]
    fn a_missing_key_error_does_not_quote_the_first_line_of_a_file_that_is_no_briefing() {
        let (_, diagnostics) = parse_briefing("f.toml", "f", "token = \"s3cret\"\n");
        assert_eq!(diagnostics[0].message, "missing required key `summit`");
        assert_eq!(diagnostics[0].line, Some(1));
        assert_eq!(diagnostics[0].snippet, None);
    }

    #[test]
    fn missing_keys_of_every_table_are_reported_at_the_table_lacking_them() {
        let text = format!(
            "{MINIMAL}\n[[participants]]\nrole = \"R\"\n\n[[prior_meetings]]\ndate = 2019-01-01\n"
        );
        let (_, diagnostics) = parse_briefing("f.toml", "f", &text);
        let shown: Vec<(&str, Option<usize>)> = diagnostics
            .iter()
            .map(|d| (d.message.as_str(), d.line))
            .collect();
        assert_eq!(
            shown,
            [
                ("missing required key `name`", Some(6)),
                ("missing required key `place`", Some(9)),
                ("missing required key `summary`", Some(9)),
            ]
        );
    }

    #[test]
    fn a_wrong_value_is_reported_with_the_missing_keys() {
        let (_, diagnostics) = parse_briefing("f.toml", "f", "[summit]\ntitle = 3\n");
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("expected a string"), "{messages:?}");
        assert_eq!(
            messages[1..],
            [
                "missing required key `date`",
                "missing required key `location`"
            ]
        );
    }

    #[test]
    fn missing_keys_past_the_cap_are_counted_and_come_before_the_warnings() {
        let count = MAX_PER_FILE + 50;
        let people = numbered(count, "[[participants]]\nnmae = \"P{i}\"\n");
        let text = format!("{MINIMAL}{people}");
        let parsed = parse_text("f.toml", "f", &text, LoadOptions::default(), None);
        assert!(parsed.briefing.is_none());
        let shown = &parsed.diagnostics;
        assert_eq!(shown.len(), MAX_PER_FILE + 2, "{shown:?}");
        assert!((shown[..MAX_PER_FILE].iter()).all(|d| d.message == "missing required key `name`"));
        assert!(
            shown[MAX_PER_FILE]
                .message
                .starts_with("… and 50 more errors")
        );
        assert!(
            shown[MAX_PER_FILE + 1]
                .message
                .starts_with("… and 150 more warnings")
        );
        assert_eq!(crate::diagnostics::count(shown), (count, count));
    }
}
