//! Full-text search as scripts and readers use it: `sherpa search` on the command line.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::{bundled, sherpa};
use predicates::prelude::*;

fn search(args: &[&str]) -> (String, String, i32) {
    let tmp = tempfile::tempdir().unwrap();
    let out = sherpa(tmp.path())
        .arg("search")
        .args(args)
        .arg(bundled())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn search_prints_one_passage_per_line_in_date_order() {
    let (out, _, code) = search(&["ceasefire"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 10, "{out}");
    let mut previous = String::new();
    for line in &lines {
        let columns: Vec<&str> = line.splitn(4, "  ").collect();
        assert_eq!(columns.len(), 4, "id  date  pane  heading: {line}");
        let date = columns[1].to_owned();
        assert!(date >= previous, "date order: {line}");
        previous = date;
        assert!(line.to_lowercase().contains("ceasefire"), "{line}");
        assert!(!line.contains('\u{1b}'), "no marks when piped: {line:?}");
    }
    assert!(out.contains("davos-2026"), "the latest summit is searched");
    assert!(out.contains("  summary  "), "summaries are searched");
}

#[test]
fn a_capital_makes_case_matter_and_accents_never_do() {
    let (lower, _, _) = search(&["zelenskyy"]);
    let (capital, _, _) = search(&["Zelenskyy"]);
    let (shouting, _, code) = search(&["ZELENSKYY"]);
    assert!(lower.lines().count() >= capital.lines().count());
    assert!(capital.lines().count() > 0);
    assert_eq!(code, 1, "{shouting}");
    let (folded, _, _) = search(&["orban"]);
    let (accented, _, _) = search(&["orbán"]);
    assert!(folded.contains("Orbán"), "{folded}");
    assert_eq!(folded, accented);
}

#[test]
fn every_word_must_occur_in_the_same_passage() {
    let (both, _, _) = search(&["ceasefire putin"]);
    let (one, _, _) = search(&["ceasefire"]);
    assert!(both.lines().count() < one.lines().count());
    for line in both.lines() {
        let lower = line.to_lowercase();
        assert!(
            lower.contains("ceasefire") || lower.contains("putin"),
            "{line}"
        );
    }
}

#[test]
fn nothing_found_is_exit_1_with_a_message() {
    let (out, err, code) = search(&["xyzzy-never-written"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("nothing matches \"xyzzy-never-written\""),
        "{err}"
    );
}

#[test]
fn json_gives_place_field_and_match_range() {
    let (out, _, code) = search(&["ceasefire", "--json"]);
    assert_eq!(code, 0);
    let search: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = search["passages"].as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        for key in [
            "summit", "date", "pane", "key", "heading", "field", "snippet", "text", "start", "end",
        ] {
            assert!(row.get(key).is_some(), "{key} in {row}");
        }
        let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
        assert_eq!(end - start, "ceasefire".len() as u64, "{row}");
        assert!(
            row["snippet"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("ceasefire")
        );
    }
}

#[test]
fn hostile_text_is_sanitised_in_search_output() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("evil.toml"),
        "[summit]\nid = \"evil\"\ntitle = \"t\"\ndate = 2020-01-01\nlocation = \"x\"\n\
         [[goals]]\nparty = \"A\\u001b]0;PWNED\\u0007\"\ngoal = \"ceasefire\\u001b[2J now\"\n",
    )
    .unwrap();
    sherpa(tmp.path())
        .args(["search", "ceasefire"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("evil  2020-01-01  goals")
                .and(predicate::str::contains("\u{1b}").not()),
        );
}

/// Every form of output, pinned: text, JSON and colour, a capital, several words, accents,
/// a summit found by its header, files that do not load, and nothing found. The snapshot
/// was checked byte for byte against the search that loaded the whole corpus before
/// searching it (session 10); each form prints the same through the index being written,
/// read, and without it.
#[test]
fn every_form_of_output_is_as_before_with_and_without_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str], cache: &[&str]| {
        let out = sherpa(tmp.path())
            .current_dir(root)
            .arg("search")
            .args(args)
            .args(cache)
            .args(["briefings", "tests/fixtures/mixed"])
            .output()
            .unwrap();
        format!(
            "$ search {}\nexit {:?}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        )
    };
    let mut pinned = String::new();
    for args in [
        &["Ceasefire talks"][..],
        &["ceasefire", "--json"],
        &["elysee", "--color=always"],
        &["anchorage"],
        &["alaska", "--json"],
        &["ZELENSKYY"],
        &["nothing-holds-this"],
        &["  nothing holds this  ", "--json"],
    ] {
        let written = run(args, &[]);
        assert_eq!(run(args, &[]), written, "read from the index: {args:?}");
        assert_eq!(run(args, &["--no-cache"]), written, "without it: {args:?}");
        pinned.push_str(&written);
    }
    insta::assert_snapshot!(pinned);
}
