//! Every command's JSON, as the binary writes it for the bundled briefings and the fixture
//! book, validated against its schema in `schema/`; and the one vocabulary they share.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

mod common;

use common::{PANES, bundled, fixtures, sherpa};
use serde_json::Value;

/// The JSON a command writes to stdout for the briefings in `dir`.
fn json_of(tmp: &Path, args: &[&str], dir: &Path) -> Value {
    let output = sherpa(tmp)
        .args(args)
        .arg("--dir")
        .arg(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "{args:?}: {err}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn schema_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{name}.schema.json"))
}

/// Asserts that `value` is valid against `schema/NAME.schema.json`.
fn assert_valid(name: &str, value: &Value, context: &str) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path(name)).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|err| format!("{err} at {}", err.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{context} against {name}.schema.json:\n{}",
        errors.join("\n")
    );
    assert_eq!(value["version"], 1, "{context}");
}

/// Every JSON output of every command for the briefings in `dir`, each validated.
fn validate_every_output(dir: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let list = json_of(tmp, &["list", "--json"], dir);
    assert_valid("list", &list, "list");
    let ids: Vec<String> = list["summits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|summit| summit["summit"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() >= 2, "{list}");
    for id in &ids {
        let whole = json_of(tmp, &["export", id, "--format", "json"], dir);
        assert_valid("export", &whole, id);
        for pane in PANES {
            let pane_json = json_of(tmp, &["export", id, pane, "--format", "json"], dir);
            assert_valid("export-pane", &pane_json, &format!("{id} {pane}"));
        }
    }
    for pair in ids.windows(2) {
        let diff = json_of(tmp, &["diff", &pair[0], &pair[1], "--json"], dir);
        assert_valid("diff", &diff, &format!("diff {pair:?}"));
    }
    let board = json_of(tmp, &["board", "--json"], dir);
    assert_valid("board", &board, "board");
    let disagreements: Vec<&str> = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["disagreement"].as_str().unwrap())
        .collect();
    assert!(!disagreements.is_empty(), "{board}");
    for disagreement in disagreements {
        let track = json_of(tmp, &["track", disagreement, "--json"], dir);
        assert_valid("track", &track, disagreement);
    }
    assert_valid(
        "timeline",
        &json_of(tmp, &["timeline", "--json"], dir),
        "timeline",
    );
    for query in ["the", "summit"] {
        let search = json_of(tmp, &["search", query, "--json"], dir);
        assert_valid("search", &search, query);
    }
    for command in ["marks", "notes"] {
        let listed = json_of(tmp, &[command, "--json"], dir);
        assert_valid(command, &listed, command);
    }
    assert_valid(
        "check",
        &json_of(tmp, &["check", "--format", "json"], dir),
        "check",
    );
}

#[test]
fn every_output_of_the_bundled_briefings_fits_its_schema() {
    validate_every_output(&bundled());
}

#[test]
fn every_output_of_the_fixture_book_fits_its_schema() {
    validate_every_output(&fixtures("book"));
}

/// Every `summit` field anywhere in `value` holds a summit's id (a string), and no
/// object names a place `location` or a summit's id `id`.
fn assert_vocabulary(value: &Value, ids: &[String], context: &str) {
    match value {
        Value::Object(map) => {
            if let Some(summit) = map.get("summit") {
                let id = summit
                    .as_str()
                    .unwrap_or_else(|| panic!("{context}: `summit` is not a string: {summit}"));
                assert!(ids.iter().any(|known| known == id), "{context}: {id}");
            }
            assert!(!map.contains_key("location"), "{context}: {value}");
            if let Some(id) = map.get("id").and_then(Value::as_str) {
                assert!(
                    !ids.iter().any(|known| known == id),
                    "{context}: a summit's id under `id`"
                );
            }
            map.values()
                .for_each(|inner| assert_vocabulary(inner, ids, context));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|inner| assert_vocabulary(inner, ids, context)),
        _ => {}
    }
}

#[test]
fn a_summit_is_always_summit_and_a_place_always_place() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let dir = bundled();
    let ids: Vec<String> = json_of(tmp, &["list", "--json"], &dir)["summits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|summit| summit["summit"].as_str().unwrap().to_owned())
        .collect();
    let outputs: [&[&str]; 8] = [
        &["list", "--json"],
        &["search", "ceasefire", "--json"],
        &["timeline", "--json"],
        &["track", "arms-control", "--json"],
        &["board", "--json"],
        &["diff", "helsinki-2018", "anchorage-2025", "--json"],
        &["export", "helsinki-2018", "--format", "json"],
        &["export", "helsinki-2018", "meetings", "--format", "json"],
    ];
    for args in outputs {
        let value = json_of(tmp, args, &dir);
        assert_vocabulary(&value, &ids, &args.join(" "));
    }
    let list = json_of(tmp, &["list", "--json"], &dir);
    assert!(list["summits"][0]["place"].is_string(), "{list}");
}

#[test]
fn a_meeting_without_a_briefing_has_a_summary_and_a_key_not_a_title() {
    let tmp = tempfile::tempdir().unwrap();
    let timeline = json_of(tmp.path(), &["timeline", "--json"], &bundled());
    let meetings = timeline["meetings"].as_array().unwrap();
    let (covered, uncovered): (Vec<&Value>, Vec<&Value>) =
        meetings.iter().partition(|m| m.get("summit").is_some());
    assert!(!covered.is_empty() && !uncovered.is_empty());
    for meeting in covered {
        assert!(meeting["title"].is_string(), "{meeting}");
        assert!(meeting.get("summary").is_none(), "{meeting}");
    }
    for meeting in uncovered {
        assert!(meeting.get("title").is_none(), "{meeting}");
        assert!(meeting["summary"].is_string(), "{meeting}");
        let key = meeting["key"].as_str().unwrap();
        let mentioned = meeting["mentioned_in"][0].as_str().unwrap();
        assert!(
            key.starts_with(&format!("{mentioned}/meetings/")),
            "{meeting}"
        );
    }
}

#[test]
fn items_in_analyses_carry_their_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let good = fixtures("good");
    let track = json_of(tmp.path(), &["track", "river-border", "--json"], &good);
    assert_eq!(track["disagreement"], "river-border");
    assert_eq!(track["steps"][0]["key"], "alpha/disagreements/river-border");
    let board = json_of(tmp.path(), &["board", "--json"], &good);
    assert_eq!(
        board["rows"][0]["cells"][1],
        serde_json::json!({"status": "narrowed", "key": "beta/disagreements/river-border"})
    );
    let diff = json_of(tmp.path(), &["diff", "alpha", "beta", "--json"], &good);
    assert_eq!(diff["from"]["summit"], "alpha");
    assert_eq!(diff["to"]["summit"], "beta");
    let change = &diff["disagreements"][0];
    assert_eq!(change["key_before"], "alpha/disagreements/river-border");
    assert_eq!(change["key_after"], "beta/disagreements/river-border");
    let left = &diff["participants_left"][0];
    assert_eq!(left["key"], "alpha/participants/ada-example", "{left}");
    let dropped = diff["goals_dropped"][0]["key"].as_str().unwrap();
    assert!(dropped.starts_with("alpha/goals/"), "{dropped}");
}

#[test]
fn search_offsets_count_characters_of_text_it_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("reykjavik.toml"),
        "[summit]\ntitle = \"Reykjavík summit\"\ndate = 1986-10-11\n\
         location = \"Höfði House, Reykjavík\"\ntags = [\"arms\"]\n\
         [[goals]]\nparty = \"Ísland\"\ngoal = \"Þing at Höfði house\"\n",
    )
    .unwrap();
    let search = json_of(tmp.path(), &["search", "house", "--json"], tmp.path());
    assert_valid("search", &search, "house");
    let hits: Vec<&Value> = search["summits"]
        .as_array()
        .unwrap()
        .iter()
        .chain(search["passages"].as_array().unwrap())
        .collect();
    assert_eq!(hits.len(), 2, "{search}");
    for hit in hits {
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        let (start, end) = (
            hit["start"].as_u64().unwrap() as usize,
            hit["end"].as_u64().unwrap() as usize,
        );
        let found: String = text[start..end].iter().collect();
        assert_eq!(found.to_lowercase(), "house", "{hit}");
    }
    assert_eq!(search["summits"][0]["field"], "place");
    assert_eq!(
        search["passages"][0]["key"],
        "reykjavik/goals/ísland.þing-at-höfði-house"
    );
}

#[test]
fn search_finds_a_summit_by_its_place_folded() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("reykjavik-1986.toml"),
        "[summit]\ntitle = \"Reykjavík summit\"\ndate = 1986-10-11\n\
         location = \"Höfði House, Reykjavík\"\ntags = [\"détente\"]\n",
    )
    .unwrap();
    for (query, field) in [("höfði", "place"), ("hofdi", "place"), ("detente", "tag")] {
        let output = sherpa(tmp.path())
            .args(["search", query, "--dir"])
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{query}");
        let out = String::from_utf8(output.stdout).unwrap();
        assert!(
            out.starts_with(&format!("reykjavik-1986  1986-10-11  {field}: ")),
            "{query}: {out}"
        );
    }
}
