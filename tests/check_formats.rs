//! `sherpa check --format`: the same problems for a person, an editor's quickfix list, a
//! script, a code-scanning service and GitHub Actions, with the same exit status.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use common::{fixtures, sherpa};
use serde_json::Value;

/// A briefing with a misspelt key (`titel`, meant `title`) and nothing else wrong.
const MISSPELT: &str =
    "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"L\"\ntitel = \"typo\"\n";

/// Runs `sherpa check --format FORMAT` over `args` in `dir`: exit code, stdout, stderr.
fn check(dir: &Path, format: &str, args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let output = sherpa(dir)
        .args(["check", "--format", format])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn write_misspelt(dir: &Path) {
    std::fs::write(dir.join("misspelt.toml"), MISSPELT).unwrap();
}

#[test]
fn short_is_one_line_per_problem_without_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let mixed = fixtures("mixed");
    let (code, out, err) = check(tmp.path(), "short", &[mixed.as_os_str()]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = out.lines().collect();
    // 6 errors and 4 warnings, as the text format counts them.
    assert_eq!(lines.len(), 10, "{out}");
    for line in &lines {
        assert!(
            line.contains(": error: ") || line.contains(": warning: "),
            "not `path:line:col: severity: message`: {line:?}"
        );
        assert!(!line.starts_with(' '), "a snippet or caret line: {line:?}");
    }
    assert!(
        out.contains("bad-date.toml:3:8: error: invalid date"),
        "{out}"
    );
    assert!(
        err.contains("3 briefings loaded, 6 files skipped: 6 errors, 4 warnings"),
        "the totals go to stderr: {err}"
    );
}

#[test]
fn json_carries_start_end_and_the_suggestion_apart() {
    let tmp = tempfile::tempdir().unwrap();
    write_misspelt(tmp.path());
    let (code, out, err) = check(tmp.path(), "json", &["misspelt.toml".as_ref()]);
    assert_eq!(code, Some(0), "{err}");
    let report: Value = serde_json::from_str(&out).expect("stdout is one JSON value");
    assert_eq!(report["version"], 1);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["errors"], 0);
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["path"], "misspelt.toml");
    assert_eq!(diagnostic["severity"], "warning");
    assert_eq!(diagnostic["suggestion"], "title");
    assert_eq!(diagnostic["start"]["line"], 5);
    assert_eq!(diagnostic["start"]["column"], 1);
    assert_eq!(diagnostic["end"]["line"], 5);
    assert_eq!(diagnostic["end"]["column"], 6);
    let start = diagnostic["start"]["offset"].as_u64().unwrap() as usize;
    let end = diagnostic["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&MISSPELT[start..end], "titel");
    assert!(err.contains("1 briefing loaded"), "{err}");
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures("sarif/sarif-2.1.0-subset.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    write_misspelt(tmp.path());
    let mixed = fixtures("mixed");
    let (code, out, _) = check(
        tmp.path(),
        "sarif",
        &[mixed.as_os_str(), "misspelt.toml".as_ref()],
    );
    assert_eq!(code, Some(1));
    let log: Value = serde_json::from_str(&out).expect("stdout is one JSON value");
    let problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}\n{out}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 11, "{out}");
    let typo = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "misspelt.toml"
        })
        .unwrap();
    assert_eq!(typo["level"], "warning");
    assert_eq!(typo["properties"]["suggestion"], "title");
    let region = &typo["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endColumn"]
        ),
        (&Value::from(5), &Value::from(1), &Value::from(6))
    );
}

#[test]
fn github_annotations_escape_what_ends_a_command() {
    let tmp = tempfile::tempdir().unwrap();
    // A file name with a comma and a key with a percent sign, both quoted back.
    std::fs::write(
        tmp.path().join("a,b.toml"),
        "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"L\"\n\"50%\" = 1\n",
    )
    .unwrap();
    let (code, out, err) = check(tmp.path(), "github", &["a,b.toml".as_ref()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "::warning file=a%2Cb.toml,line=5,col=1,endLine=5,endColumn=5::unknown key `summit.50%25` is ignored\n"
    );
    let mixed = fixtures("mixed");
    let (_, out, _) = check(tmp.path(), "github", &[mixed.as_os_str()]);
    assert!(
        out.lines()
            .any(|line| line.starts_with("::error file=")
                && line.contains("bad-date.toml,line=3,col=8")),
        "{out}"
    );
}

#[test]
fn every_format_exits_as_text_does() {
    let tmp = tempfile::tempdir().unwrap();
    write_misspelt(tmp.path());
    let mixed = fixtures("mixed");
    let good = fixtures("good");
    for format in ["text", "short", "json", "sarif", "github"] {
        assert_eq!(
            check(tmp.path(), format, &[mixed.as_os_str()]).0,
            Some(1),
            "{format}"
        );
        assert_eq!(
            check(tmp.path(), format, &[good.as_os_str()]).0,
            Some(0),
            "{format}"
        );
        let strict = check(
            tmp.path(),
            format,
            &["--strict".as_ref(), "misspelt.toml".as_ref()],
        );
        assert_eq!(strict.0, Some(1), "{format} --strict");
    }
}
