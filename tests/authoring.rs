//! Writing briefings: `sherpa new`, `sherpa edit`, and the diagnostics an author reads.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::sherpa;
use predicates::prelude::*;

#[test]
fn new_writes_a_briefing_that_passes_strict_check_and_prints_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026", "--title", "Oslo \"peace\" talks"])
        .args(["--date", "2026-05-01", "--location", "Oslo"])
        .assert()
        .success()
        .stdout("briefings/oslo-2026.toml\n");
    sherpa(tmp.path())
        .args(["check", "--strict", "briefings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
    sherpa(tmp.path())
        .args(["list", "briefings"])
        .assert()
        .success()
        .stdout("oslo-2026  2026-05-01  Oslo  Oslo \"peace\" talks\n");
    let text = std::fs::read_to_string(tmp.path().join("briefings/oslo-2026.toml")).unwrap();
    for section in [
        "participants",
        "prior_meetings",
        "goals",
        "disagreements",
        "sources",
    ] {
        assert!(text.contains(&format!("# [[{section}]]")), "{section}");
    }
}

#[test]
fn new_points_the_schema_line_at_a_schema_folder_nearby() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("schema")).unwrap();
    std::fs::write(tmp.path().join("schema/briefing.schema.json"), "{}").unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026", "--dir", "books/2026"])
        .assert()
        .success();
    let text = std::fs::read_to_string(tmp.path().join("books/2026/oslo-2026.toml")).unwrap();
    assert!(
        text.starts_with("#:schema ../../schema/briefing.schema.json\n"),
        "{text}"
    );
}

#[test]
fn new_without_a_schema_nearby_names_one_by_absolute_path_or_says_how() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026"])
        .assert()
        .success();
    let text = std::fs::read_to_string(tmp.path().join("briefings/oslo-2026.toml")).unwrap();
    let first = text.lines().next().unwrap();
    match first.strip_prefix("#:schema ") {
        Some(path) => assert!(
            std::path::Path::new(path).is_absolute() && std::path::Path::new(path).is_file(),
            "{first}"
        ),
        None => assert!(first.contains("sherpa schema"), "{first}"),
    }
}

#[test]
fn new_never_replaces_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir_all(&dir).unwrap();
    // Not a briefing, so only the file's existence stops `new`.
    std::fs::write(dir.join("oslo-2026.toml"), "precious").unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.join("oslo-2026.toml")).unwrap(),
        "precious"
    );
}

#[test]
fn new_refuses_an_id_in_use_naming_the_file_and_a_free_id() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026"])
        .assert()
        .success();
    std::fs::rename(
        tmp.path().join("briefings/oslo-2026.toml"),
        tmp.path().join("briefings/renamed.toml"),
    )
    .unwrap();
    sherpa(tmp.path())
        .args(["new", "oslo-2026"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"oslo-2026\" is already used by briefings/renamed.toml; did you mean `oslo-2026-2`?",
        ));
    assert!(!tmp.path().join("briefings/oslo-2026.toml").exists());
}

#[test]
fn new_refuses_an_invalid_id_suggesting_a_valid_one() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["new", "Oslo 2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `oslo-2026`?"));
    sherpa(tmp.path())
        .args(["new", "../escape"])
        .assert()
        .code(2);
    assert!(!tmp.path().join("briefings").exists());
    sherpa(tmp.path())
        .args(["new", "oslo-2026", "--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a calendar date"));
}
