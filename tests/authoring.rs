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

/// `sherpa check` on one file written in a fresh folder; returns stdout.
fn check_file(name: &str, text: &str, args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(name), text).unwrap();
    let output = sherpa(tmp.path())
        .arg("check")
        .args(args)
        .arg(name)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

const SUMMIT: &str = "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"L\"\n";

#[test]
fn a_dangling_summit_link_is_reported_at_the_link_with_its_line() {
    let text = format!(
        "{SUMMIT}\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"P\"\nsummary = \"S\"\n\n\
         [[prior_meetings]]\ndate = 2019-02-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"nowhere\"\n"
    );
    let out = check_file("d.toml", &text, &[]);
    assert!(
        out.contains(
            "d.toml:15:10: warning: prior meeting 2019-02-01 links to summit \"nowhere\", which is not in the corpus\n 15 | summit = \"nowhere\"\n"
        ),
        "{out}"
    );
}

#[test]
fn duplicate_ids_point_at_both_id_lines_saying_which_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let text = SUMMIT.replace("[summit]\n", "[summit]\nid = \"same\"\n");
    std::fs::write(tmp.path().join("a.toml"), &text).unwrap();
    std::fs::write(tmp.path().join("b.toml"), format!("# second\n{text}")).unwrap();
    let output = sherpa(tmp.path())
        .args(["check", "a.toml", "b.toml"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.contains(
            "b.toml:3:1: error: duplicate summit id \"same\": already used by a.toml:2:1, which is kept; this file is skipped\n 3 | id = \"same\""
        ),
        "{out}"
    );
}

#[test]
fn require_sources_points_at_each_items_table_header() {
    let text = format!(
        "{SUMMIT}\n[[participants]]\nname = \"A\"\nsources = [\"s1\"]\n\n[[participants]]\nname = \"B\"\n\n\
         [[sources]]\nid = \"s1\"\n"
    );
    let out = check_file("r.toml", &text, &["--require-sources"]);
    assert!(
        out.contains(
            "r.toml:10:1: error: participants[1] (B) cites no source\n 10 | [[participants]]"
        ),
        "{out}"
    );
    assert!(!out.contains("participants[0]"), "{out}");
}

#[test]
fn each_dangling_source_is_reported_where_it_is_cited() {
    let text = format!(
        "{SUMMIT}\n[[participants]]\nname = \"A\"\nnotes = \"see \\\"x\\\"\"\nsources = [\"x\"]\n\n\
         [[participants]]\nname = \"B\"\nsources = [\"y\", \"x\"]\n"
    );
    let out = check_file("s.toml", &text, &[]);
    for expected in [
        "s.toml:9:13: warning: participants[0] (A) cites source \"x\"",
        "s.toml:13:13: warning: participants[1] (B) cites source \"y\"",
        "s.toml:13:18: warning: participants[1] (B) cites source \"x\"",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn an_unknown_key_suggests_the_key_meant_and_the_missing_key_is_reported_too() {
    let text = "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocaton = \"L\"\n";
    let out = check_file("u.toml", text, &[]);
    assert!(
        out.contains("error: missing required key `location`"),
        "{out}"
    );
    assert!(
        out.contains(
            "u.toml:4:1: warning: unknown key `summit.locaton` is ignored; did you mean `location`?"
        ),
        "{out}"
    );
    let text = format!("{SUMMIT}\n[[participants]]\nnmae = \"A\"\nname = \"B\"\n");
    let out = check_file("p.toml", &text, &[]);
    assert!(out.contains("did you mean `name`?"), "{out}");
    let text = format!("{SUMMIT}zzzz = 1\n");
    let out = check_file("z.toml", &text, &[]);
    assert!(
        out.contains("unknown key `summit.zzzz` is ignored\n"),
        "{out}"
    );
}

/// The README's complete example is what authors copy: it must pass the strictest check.
#[test]
fn the_readme_complete_example_passes_strict_check() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n#:schema")
        .expect("the README has a complete example")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let example = &readme[start..end];
    assert!(example.contains("[[sources]]"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("helsinki-2018.toml"), example).unwrap();
    // The example links hamburg-2017, which the bundled briefings hold.
    std::fs::copy(
        common::bundled().join("hamburg-2017.toml"),
        tmp.path().join("hamburg-2017.toml"),
    )
    .unwrap();
    sherpa(tmp.path())
        .args(["check", "--strict", "--require-sources", "."])
        .assert()
        .success()
        .stdout("2 briefings loaded, 0 files skipped: 0 errors, 0 warnings\n");
}

/// An executable named `name` in `dir` that writes its arguments, one a line, to `args.txt`
/// beside it, and exits with `status`.
#[cfg(unix)]
fn fake_editor(dir: &std::path::Path, name: &str, status: u8) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let path = bin.join(name);
    let record = bin.join("args.txt");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit {status}\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn edit_opens_the_summits_file_at_its_summit_table_and_waits() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one.toml"), format!("# notes\n\n{SUMMIT}")).unwrap();
    let vim = fake_editor(tmp.path(), "vim", 0);
    sherpa(tmp.path())
        .args(["edit", "one", "--dir", "briefings"])
        .env("EDITOR", &vim)
        .env_remove("VISUAL")
        .assert()
        .success();
    let args = std::fs::read_to_string(tmp.path().join("bin/args.txt")).unwrap();
    assert_eq!(args, "+3\nbriefings/one.toml\n");
    let hx = fake_editor(tmp.path(), "hx", 0);
    sherpa(tmp.path())
        .args(["edit", "one", "--dir", "briefings"])
        .env("VISUAL", &hx)
        .env("EDITOR", &vim)
        .assert()
        .success();
    let args = std::fs::read_to_string(tmp.path().join("bin/args.txt")).unwrap();
    assert_eq!(args, "briefings/one.toml:3\n");
}

#[cfg(unix)]
#[test]
fn edit_says_clearly_when_the_editor_fails_or_there_is_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one.toml"), SUMMIT).unwrap();
    let failing = fake_editor(tmp.path(), "nano", 3);
    sherpa(tmp.path())
        .args(["edit", "one"])
        .env("EDITOR", &failing)
        .env_remove("VISUAL")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("the editor").and(predicate::str::contains("exit status: 3")),
        );
    sherpa(tmp.path())
        .args(["edit", "one"])
        .env("VISUAL", "/no/such/editor")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot start the editor `/no/such/editor`: no such program (set $VISUAL or $EDITOR",
        ));
    sherpa(tmp.path())
        .args(["edit", "helsinki-2018", "--bundled"])
        .env("VISUAL", &failing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no file to edit"));
    sherpa(tmp.path())
        .args(["edit", "one"])
        .env("VISUAL", "vim 'unclosed")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("$VISUAL cannot be split"));
    sherpa(tmp.path())
        .args(["edit", "onr"])
        .env("VISUAL", &failing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean one?"));
}
