//! `sherpa changed`: the summits updated since they were last read in the reader, with what
//! changed as `sherpa diff` says it, for people and for scripts.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use common::{fixtures, sherpa};
use sherpa_core::corpus::Corpus;
use sherpa_core::store::{Versions, corpus_sources, store_path};

/// 3 Dec 2025, 00:00 UTC.
const DEC_3: u64 = 1_764_720_000;

/// Keeps, for a run in `dir`, that beta was read on 3 Dec 2025 as `beta` says, and alpha
/// as it is.
fn read_on_dec_3(dir: &Path, beta: &str) {
    let sources = corpus_sources(&[fixtures("good")], false);
    let path = store_path(&dir.join("data/sherpa"), &sources);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let store = format!(
        "sources = []\n\n[[read]]\nsummit = \"alpha\"\nat = {DEC_3}\n\n\
         [[read]]\nsummit = \"beta\"\nat = {DEC_3}\n"
    );
    std::fs::write(&path, store).unwrap();
    let alpha = std::fs::read_to_string(fixtures("good").join("alpha.toml")).unwrap();
    let read = Corpus::from_sources([("alpha.toml", alpha.as_str()), ("beta.toml", beta)]);
    for briefing in read.briefings() {
        Versions::beside(&path).remember(briefing).unwrap();
    }
}

fn beta_as_read() -> String {
    std::fs::read_to_string(fixtures("good").join("beta.toml"))
        .unwrap()
        .replace("status = \"narrowed\"", "status = \"open\"")
}

#[test]
fn changed_lists_each_summit_updated_since_it_was_read_with_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    read_on_dec_3(tmp.path(), &beta_as_read());
    sherpa(tmp.path())
        .arg("changed")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "beta  updated since you read it on 3 Dec 2025\n    \
             Participants joined\n      none\n    \
             Participants left\n      none\n    \
             Disagreements\n      narrowed   Where the river border runs [river-border] (open → narrowed)\n    \
             Goals added\n      none\n    \
             Goals dropped\n      none\n    \
             Text reworded\n      none\n",
        );
}

#[test]
fn changed_json_gives_the_day_read_and_the_diff() {
    let tmp = tempfile::tempdir().unwrap();
    read_on_dec_3(tmp.path(), &beta_as_read());
    let output = sherpa(tmp.path())
        .args(["changed", "--json"])
        .arg(fixtures("good"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // In the vocabulary of every JSON output (see tests/json_outputs.rs), and valid.
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/changed.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{json}");
    assert_eq!(json["version"], 1);
    let rows = &json["summits"];
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    assert_eq!(rows[0]["summit"], "beta");
    assert_eq!(rows[0]["title"], "Beta summit");
    assert_eq!(rows[0]["read_at"], DEC_3);
    assert_eq!(rows[0]["read_day"], "3 Dec 2025");
    assert_eq!(rows[0]["changes"]["from"]["summit"], "beta");
    assert_eq!(rows[0]["changes"]["disagreements"][0]["change"], "narrowed");
}

#[test]
fn changed_with_nothing_read_or_nothing_changed_lists_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("changed")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout("");
    let beta = std::fs::read_to_string(fixtures("good").join("beta.toml")).unwrap();
    read_on_dec_3(tmp.path(), &beta);
    sherpa(tmp.path())
        .arg("changed")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout("");
}

#[test]
fn changed_reports_text_reworded_when_that_is_all_that_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let beta = std::fs::read_to_string(fixtures("good").join("beta.toml"))
        .unwrap()
        .replace(
            "The first meeting, on the river border.",
            "A first meeting about the river.",
        );
    read_on_dec_3(tmp.path(), &beta);
    sherpa(tmp.path())
        .arg("changed")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "beta  updated since you read it on 3 Dec 2025\n    \
             Participants joined\n      none\n    \
             Participants left\n      none\n    \
             Disagreements\n      unchanged  Where the river border runs [river-border] (still narrowed)\n    \
             Goals added\n      none\n    \
             Goals dropped\n      none\n    \
             Text reworded\n      meeting 2020-03-01 Alphaville summary: \
             now \"The first meeting, on the river border.\"; was \"A first meeting about the river.\"\n",
        );
    let output = sherpa(tmp.path())
        .args(["changed", "--json"])
        .arg(fixtures("good"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["summits"][0]["changes"]["text_reworded"],
        serde_json::json!([{"item": "meeting 2020-03-01 Alphaville", "field": "summary",
            "before": "A first meeting about the river.",
            "after": "The first meeting, on the river border."}])
    );
}
