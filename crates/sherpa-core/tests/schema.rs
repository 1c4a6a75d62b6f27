//! The JSON Schema and the loader agree: every bundled briefing validates, and each broken
//! copy is refused by both (or, for the one inherent gap, explained by the loader).
//!
//! A real validator (the `jsonschema` crate) reads the schema, as taplo and editors do, so
//! a schema that drifts from the types the loader uses fails here.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use sherpa_core::corpus::Corpus;
use sherpa_core::model::json_schema;

/// A TOML document as a JSON-schema validator sees it: dates and datetimes become strings.
fn to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            J::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn schema_errors(text: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(&json_schema()).unwrap();
    let document = to_json(toml::from_str(text).unwrap());
    validator
        .iter_errors(&document)
        .map(|e| e.to_string())
        .collect()
}

fn loader_diagnostics(text: &str) -> Vec<String> {
    Corpus::from_sources([("x.toml", text)])
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn bundled() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../briefings");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 19);
    files
}

const VALID: &str = "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\nstatus = \"held\"\n\n\
    [[sources]]\nid = \"s1\"\nurl = \"https://example.org/x\"\ndate = 2020-01-01\n";

#[test]
fn every_bundled_briefing_validates_against_the_schema() {
    for (path, text) in bundled() {
        let errors = schema_errors(&text);
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
}

#[test]
fn the_schema_and_the_loader_refuse_the_same_broken_copies() {
    let broken = [
        ("missing title", VALID.replace("title = \"T\"\n", "")),
        ("title not a string", VALID.replace("\"T\"", "42")),
        (
            "unknown key",
            VALID.replace("[summit]\n", "[summit]\nvenue = \"V\"\n"),
        ),
        (
            "status not in the enum",
            VALID.replace("\"held\"", "\"postponed\""),
        ),
        (
            "invalid id",
            VALID.replace("[summit]\n", "[summit]\nid = \"Bad Id\"\n"),
        ),
        ("date not a date", VALID.replace("2020-01-02", "12")),
        // A validator sees a TOML date as a string, so a quoted date reaches it only when it
        // is a real day; a day the calendar lacks fails in either form.
        (
            "impossible month and day",
            VALID.replace("2020-01-02", "\"1985-13-45\""),
        ),
        ("31 April", VALID.replace("2020-01-02", "\"2021-04-31\"")),
        (
            "29 February of a common year",
            VALID.replace("2020-01-02", "\"1900-02-29\""),
        ),
        (
            "tags not strings",
            VALID.replace("[summit]\n", "[summit]\ntags = [1]\n"),
        ),
        ("source without id", VALID.replace("id = \"s1\"\n", "")),
        (
            "disagreement id with a space",
            VALID.replace(
                "\n[[sources]]",
                "\n[[disagreements]]\nid = \"SDI dispute\"\ntopic = \"T\"\n\n[[sources]]",
            ),
        ),
        (
            "url not a url",
            VALID.replace("https://example.org/x", "not a url"),
        ),
        (
            "url with a space",
            VALID.replace("https://example.org/x", "https://example.org/a b"),
        ),
    ];
    assert!(
        schema_errors(VALID).is_empty(),
        "{:?}",
        schema_errors(VALID)
    );
    assert!(loader_diagnostics(VALID).is_empty());
    for (what, text) in &broken {
        assert!(
            !schema_errors(text).is_empty(),
            "the schema accepts: {what}"
        );
        assert!(
            !loader_diagnostics(text).is_empty(),
            "the loader accepts: {what}"
        );
    }
}

#[test]
fn a_bad_status_names_the_values_it_may_take() {
    let errors = schema_errors(&VALID.replace("\"held\"", "\"postponed\""));
    let text = errors.join("\n");
    assert!(
        text.contains("scheduled") && text.contains("cancelled"),
        "{text}"
    );
}

#[test]
fn leap_days_and_month_ends_are_dates_for_both() {
    for date in [
        "2000-02-29",
        "2024-02-29",
        "2021-01-31",
        "2021-04-30",
        "2021-12-31",
    ] {
        let text = VALID.replace("2020-01-02", date);
        assert!(
            schema_errors(&text).is_empty(),
            "{date}: {:?}",
            schema_errors(&text)
        );
        assert!(loader_diagnostics(&text).is_empty(), "{date}");
    }
}

#[test]
fn a_datetime_is_a_date_for_both() {
    let text = VALID.replace("2020-01-02", "2020-01-02T10:30:00Z");
    assert!(
        schema_errors(&text).is_empty(),
        "{:?}",
        schema_errors(&text)
    );
    assert!(loader_diagnostics(&text).is_empty());
    let text = VALID.replace("2020-01-02", "2020-01-02T10:30:00");
    assert!(
        schema_errors(&text).is_empty(),
        "{:?}",
        schema_errors(&text)
    );
}

/// The one gap no JSON schema can close: after conversion a TOML date and a quoted date
/// are both strings. The loader refuses the quoted one and says how to fix it.
#[test]
fn a_quoted_date_passes_the_schema_and_the_loader_explains_it() {
    let text = VALID.replace("2020-01-02", "\"2020-01-02\"");
    assert!(schema_errors(&text).is_empty());
    let diagnostics = loader_diagnostics(&text).join("\n");
    assert!(
        diagnostics.contains("write dates without quotes"),
        "{diagnostics}"
    );
}

#[test]
fn optional_keys_are_typed_as_their_type_and_every_key_is_described() {
    let schema = json_schema();
    let text = serde_json::to_string(&schema).unwrap();
    assert!(!text.contains("null"), "TOML has no null: {text}");
    let mut tables = vec![&schema];
    tables.extend(schema["$defs"].as_object().unwrap().values());
    let mut keys = 0;
    for table in tables {
        for (key, property) in table["properties"].as_object().into_iter().flatten() {
            keys += 1;
            assert!(
                property.get("description").is_some(),
                "{key} has no description"
            );
        }
    }
    assert!(keys >= 40, "{keys}");
    assert_eq!(
        schema.pointer("/$defs/Source/properties/url/format"),
        Some(&serde_json::Value::from("uri"))
    );
}
