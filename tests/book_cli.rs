//! `sherpa marks` and `sherpa notes`: what is kept for a corpus, listed for scripts.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, sherpa};
use sherpa_core::store::{corpus_sources, store_path};

/// Writes `text` as the store of the `good` fixtures for a run in `dir`.
fn write_store(dir: &Path, text: &str) -> PathBuf {
    let sources = corpus_sources(&[fixtures("good")], false);
    let path = store_path(&dir.join("data/sherpa"), &sources);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

const STORE: &str = "sources = []\n\n\
    [[marks]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo Sample — Minister\"\nat = 5\n\n\
    [[marks]]\nitem = \"beta/participants/gone\"\nquote = \"Someone gone\"\nat = 6\n";

#[test]
fn marks_lists_each_mark_placed_and_the_orphans_with_their_quote() {
    let tmp = tempfile::tempdir().unwrap();
    write_store(tmp.path(), STORE);
    sherpa(tmp.path())
        .arg("marks")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "alpha/participants/bo-sample  Bo Sample — Minister\n\
             orphaned beta/participants/gone  Someone gone\n",
        );
}

#[test]
fn marks_json_says_where_each_mark_stands_now() {
    let tmp = tempfile::tempdir().unwrap();
    write_store(tmp.path(), STORE);
    let output = sherpa(tmp.path())
        .args(["marks", "--json"])
        .arg(fixtures("good"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!({"version": 1, "marks": [
            {"key": "alpha/participants/bo-sample", "quote": "Bo Sample — Minister",
             "at": 5, "placed": "alpha/participants/bo-sample", "orphaned": false},
            {"key": "beta/participants/gone", "quote": "Someone gone",
             "at": 6, "placed": null, "orphaned": true},
        ]})
    );
}

#[test]
fn a_damaged_store_is_reported_at_its_place_and_the_rest_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let damaged = format!("{STORE}\n[[marks]]\nitem = \"Bad Key\"\n");
    let path = write_store(tmp.path(), &damaged);
    let output = sherpa(tmp.path())
        .arg("marks")
        .arg(fixtures("good"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:14:8", path.display())),
        "{stderr}"
    );
    // Listing never rewrites the file.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
}

#[test]
fn a_quote_cut_at_its_limit_ends_in_an_ellipsis_and_json_keeps_it_as_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "x".repeat(70) + " and more";
    write_store(
        tmp.path(),
        &format!("[[marks]]\nitem = \"beta/participants/gone\"\nquote = \"{long}y\"\nat = 6\n"),
    );
    sherpa(tmp.path())
        .arg("marks")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(format!("orphaned beta/participants/gone  {long}…\n"));
    let output = sherpa(tmp.path())
        .args(["marks", "--json"])
        .arg(fixtures("good"))
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows["marks"][0]["quote"], format!("{long}y"));
}

#[test]
fn marks_with_no_store_lists_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("marks")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout("");
}

#[test]
fn notes_lists_each_note_placed_and_the_orphans_with_their_quote() {
    let tmp = tempfile::tempdir().unwrap();
    write_store(
        tmp.path(),
        "[[notes]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo Sample\"\n\
         text = \"ask about the deal\"\nat = 5\n\n\
         [[notes]]\nitem = \"beta/goals/gone\"\nquote = \"A goal since dropped\"\n\
         text = \"was it dropped?\\u001b[31m\"\nat = 6\n",
    );
    sherpa(tmp.path())
        .arg("notes")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "alpha/participants/bo-sample  ask about the deal\n\
             orphaned beta/goals/gone  was it dropped?^[[31m\n    was on: A goal since dropped\n",
        );
    let output = sherpa(tmp.path())
        .args(["notes", "--json"])
        .arg(fixtures("good"))
        .output()
        .unwrap();
    let notes: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = &notes["notes"];
    assert_eq!(rows[0]["text"], "ask about the deal");
    assert_eq!(rows[0]["placed"], "alpha/participants/bo-sample");
    assert_eq!(rows[1]["orphaned"], true);
}
