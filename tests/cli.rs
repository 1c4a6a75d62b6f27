//! The command line, run as a user runs it: output, exit codes and stderr of each command.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

mod common;

use assert_cmd::Command;
use common::{PANES, bundled, fixtures, sherpa};
use predicates::prelude::*;

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn list_sorts_by_date_with_id_date_location_title() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("list")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout("alpha  2020-03-01  Alphaville  Alpha summit\nbeta   2021-06-01  Betatown    Beta summit\n");
}

#[test]
fn list_json_is_structured() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["list", "--json"])
            .arg(fixtures("good")),
    );
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = &list["summits"];
    assert_eq!(rows[0]["summit"], "alpha");
    assert_eq!(rows[0]["place"], "Alphaville");
    assert_eq!(rows[1]["date"], "2021-06-01");
    assert_eq!(rows[1]["status"], "scheduled");
}

#[test]
fn broken_files_are_reported_and_good_files_still_list() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("list")
        .arg(fixtures("mixed"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Alpha summit"))
        .stdout(predicate::str::contains("beta"))
        .stdout(predicate::str::contains("unknown-key"))
        .stderr(predicate::str::contains("truncated.toml:2:19: error"));
}

#[test]
fn check_reports_each_broken_fixture_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let output = sherpa(tmp.path())
        .arg("check")
        .arg(fixtures("mixed"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    let expected = [
        "bad-date.toml:3:8: error: invalid date",
        "invalid-utf8.toml:2:14: error: invalid UTF-8",
        "missing-title.toml:1:1: error: missing required key `title`",
        "truncated.toml:2:19: error: invalid basic string",
        "unknown-key.toml:5:1: warning: unknown key `summit.venue` is ignored",
        "wrong-types.toml:2:9: error: invalid type: integer `42`, expected a string",
        "z-duplicate-id.toml:2:1: error: duplicate summit id \"alpha\": already used by",
    ];
    for line in expected {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    assert!(
        out.contains(" 2 | title = 42\n"),
        "the offending line is shown:\n{out}"
    );
    assert!(
        // The other 3 warnings are beta.toml's, from the book checks (no positions, an
        // unexplained status move, an undated source).
        out.ends_with("3 briefings loaded, 6 files skipped: 6 errors, 4 warnings\n"),
        "{out}"
    );
}

#[test]
fn check_passes_clean_files_and_strict_fails_on_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("check")
        .arg(fixtures("good"))
        .assert()
        .success();
    let file = tmp.path().join("warn.toml");
    std::fs::write(
        &file,
        "[summit]\ntitle = \"W\"\ndate = 2020-01-01\nlocation = \"L\"\nextra = 1\n",
    )
    .unwrap();
    sherpa(tmp.path())
        .arg("check")
        .arg(&file)
        .assert()
        .success();
    sherpa(tmp.path())
        .args(["check", "--strict"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warnings count as errors"));
}

#[test]
fn dangling_links_and_sources_are_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("d.toml");
    std::fs::write(
        &file,
        "[summit]\ntitle = \"D\"\ndate = 2020-01-01\nlocation = \"L\"\n\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"P\"\nsummary = \"S\"\nsummit = \"nowhere\"\n\n[[goals]]\nparty = \"A\"\ngoal = \"G\"\nsources = [\"missing\"]\n",
    )
    .unwrap();
    let out = stdout_of(sherpa(tmp.path()).arg("check").arg(&file));
    assert!(
        out.contains("links to summit \"nowhere\", which is not in the corpus"),
        "{out}"
    );
    assert!(
        out.contains("d.toml:15:13: warning: goals[0] (A) cites source \"missing\""),
        "{out}"
    );
}

#[test]
fn oversized_files_are_refused_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures("good/alpha.toml"), tmp.path().join("alpha.toml")).unwrap();
    let big = tmp.path().join("big.toml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    sherpa(tmp.path())
        .arg("list")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("alpha"))
        .stderr(predicate::str::contains("larger than the 16 MiB limit"));
}

#[test]
fn missing_path_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["check", "no-such-folder"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "no-such-folder: error: cannot read: No such file or directory",
        ));
}

#[test]
fn export_text_pane_is_wrapped_to_width() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["export", "alpha", "participants", "--width", "30", "--dir"])
            .arg(fixtures("good")),
    );
    assert!(
        out.starts_with("Alpha summit\n2020-03-01 · Alphaville · held\n"),
        "{out}"
    );
    assert!(out.contains("PARTICIPANTS (2)"));
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 30,
            "{line:?} is wider than 30"
        );
    }
    assert!(
        out.contains("中文"),
        "wide characters survive wrapping: {out}"
    );
}

#[test]
fn export_every_pane_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    for pane in PANES {
        for format in ["text", "markdown", "json"] {
            let output = sherpa(tmp.path())
                .args(["export", "alpha", pane, "--format", format, "--dir"])
                .arg(fixtures("good"))
                .output()
                .unwrap();
            assert!(output.status.success(), "{pane} {format}");
            let out = String::from_utf8(output.stdout).unwrap();
            match format {
                "json" => {
                    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(value["pane"], pane);
                    assert_eq!(value["summit"], "alpha");
                }
                "markdown" => assert!(out.starts_with("# Alpha summit\n"), "{out}"),
                _ => assert!(out.starts_with("Alpha summit\n"), "{out}"),
            }
        }
    }
}

#[test]
fn export_json_of_the_whole_briefing_keeps_exact_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["export", "alpha", "--format", "json", "--dir"])
            .arg(fixtures("good")),
    );
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["summit"], "alpha");
    assert_eq!(value["title"], "Alpha summit");
    assert_eq!(value["disagreements"][0]["positions"][1]["party"], "South");
    assert_eq!(value["sources"][0]["date"], "2020-03-02");
}

#[test]
fn export_to_file_refuses_to_overwrite_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("out.txt");
    std::fs::write(&target, "keep me").unwrap();
    sherpa(tmp.path())
        .args(["export", "alpha", "goals", "-o"])
        .arg(&target)
        .arg("--dir")
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    sherpa(tmp.path())
        .args(["export", "alpha", "goals", "--force", "-o"])
        .arg(&target)
        .arg("--dir")
        .arg(fixtures("good"))
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("GOALS (1)")
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
}

#[test]
fn export_to_a_full_disk_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    if !Path::new("/dev/full").exists() {
        common::skip("/dev/full does not exist on this system");
        return;
    }
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sherpa"))
        .current_dir(tmp.path())
        .args(["export", "alpha", "goals", "--dir"])
        .arg(fixtures("good"))
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("No space left on device"), "{stderr}");
    // -o onto a device is refused rather than renamed over it.
    sherpa(tmp.path())
        .args([
            "export",
            "alpha",
            "goals",
            "--force",
            "-o",
            "/dev/full",
            "--dir",
        ])
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a regular file"));
    assert!(Path::new("/dev/full").exists());
}

#[test]
fn export_to_a_missing_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["export", "alpha", "-o", "nope/out.txt", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write nope/out.txt"));
}

#[test]
fn unknown_id_suggests_the_closest() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["export", "alph", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no summit with id \"alph\"; did you mean alpha?",
        ));
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["export", "alpha", "nonsense"])
        .assert()
        .code(2);
    sherpa(tmp.path())
        .args(["list", "--bogus"])
        .assert()
        .code(2);
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(sherpa(tmp.path()).arg("schema"));
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["title"], "sherpa briefing");
    assert_eq!(schema["required"], serde_json::json!(["summit"]));
    let summit_required = &schema["$defs"]["Summit"]["required"];
    assert_eq!(
        summit_required,
        &serde_json::json!(["title", "date", "location"])
    );
}

#[test]
fn checked_in_schema_matches_the_types() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(sherpa(tmp.path()).arg("schema"));
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/briefing.schema.json");
    let checked_in = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        out, checked_in,
        "run `cargo run -- schema > schema/briefing.schema.json`"
    );
}

#[test]
fn fallback_order_env_then_local_folder_then_bundled() {
    let tmp = tempfile::tempdir().unwrap();
    // Nothing here: the bundled briefings, and stderr says so.
    sherpa(tmp.path())
        .arg("list")
        .assert()
        .success()
        .stderr("sherpa: reading the bundled briefings\n")
        .stdout(predicate::str::contains("anchorage-2025"));
    // $SHERPA_BRIEFINGS wins over the bundled briefings.
    sherpa(tmp.path())
        .arg("list")
        .env("SHERPA_BRIEFINGS", fixtures("good"))
        .assert()
        .success()
        .stderr(predicate::str::contains("reading $SHERPA_BRIEFINGS"))
        .stdout(predicate::str::starts_with("alpha"));
    // ./briefings is used when present.
    std::fs::create_dir(tmp.path().join("briefings")).unwrap();
    std::fs::copy(
        fixtures("good/beta.toml"),
        tmp.path().join("briefings/beta.toml"),
    )
    .unwrap();
    sherpa(tmp.path())
        .arg("list")
        .assert()
        .success()
        .stderr("sherpa: reading ./briefings\n")
        .stdout(predicate::str::starts_with("beta"));
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    // A pane far larger than a pipe's buffer, so the writer meets the closed pipe.
    let long = "word ".repeat(400_000);
    let file = tmp.path().join("big.toml");
    std::fs::write(
        &file,
        format!(
            "[summit]\ntitle = \"B\"\ndate = 2020-01-01\nlocation = \"L\"\nsummary = \"{long}\"\n"
        ),
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sherpa"))
        .current_dir(tmp.path())
        .args(["export", "big", "summary", "--dir"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe, like `| head -c1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{stderr}");
}

#[test]
fn reader_refuses_a_pipe_with_a_pointer_to_list() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("sherpa list"));
}

#[test]
fn bundled_briefings_pass_strict_check() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["check", "--strict"])
        .arg(bundled())
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "19 briefings loaded, 0 files skipped: 0 errors, 0 warnings\n",
        ));
}

#[test]
fn export_finds_a_summit_whose_file_is_named_otherwise() {
    // `beta.toml` holds summit `gamma`, and summit `beta` lives in `other.toml`: the quick
    // look at the file named after the id must not stop the search.
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let text = std::fs::read_to_string(fixtures("good").join("beta.toml")).unwrap();
    let declare = |id: &str| {
        format!(
            "[summit]\nid = \"{id}\"\n{}",
            text.replacen("[summit]\nid = \"beta\"\n", "", 1)
        )
    };
    std::fs::write(folder.join("beta.toml"), declare("gamma")).unwrap();
    std::fs::write(folder.join("other.toml"), declare("beta")).unwrap();
    for id in ["beta", "gamma"] {
        sherpa(tmp.path())
            .args(["export", id, "goals", "--dir"])
            .arg(&folder)
            .assert()
            .success()
            .stdout(predicate::str::contains("GOALS"));
    }
}

#[test]
fn corpus_wide_commands_fail_when_a_file_did_not_load_but_still_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let mixed = fixtures("mixed");
    sherpa(tmp.path())
        .arg("timeline")
        .arg(&mixed)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Alpha summit"))
        .stderr(predicate::str::contains("truncated.toml"));
    for args in [&["track", "river-border"][..], &["diff", "alpha", "beta"]] {
        sherpa(tmp.path())
            .args(args)
            .arg("--dir")
            .arg(&mixed)
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty().not())
            .stderr(predicate::str::contains("truncated.toml"));
    }
}

/// A mistyped disagreement id gets the nearest one, as a mistyped summit id does.
#[test]
fn track_suggests_the_nearest_disagreement_id() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["track", "river-bordr", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no disagreement with id \"river-bordr\"; did you mean river-border?",
        ));
}

#[test]
fn track_shows_each_summits_summary_and_positions() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["track", "river-border", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "2020-03-01  open      alpha — Where the river border runs\n\
             \x20   Both sides claim the islands.\n\
             \x20   North: The main channel is the border.\n\
             \x20   South: The western bank is the border.\n\
             2021-06-01  narrowed  beta — Where the river border runs\n\
             \x20   no positions recorded\n",
        );
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["track", "river-border", "--json", "--dir"])
            .arg(fixtures("good")),
    );
    let track: serde_json::Value = serde_json::from_str(&out).unwrap();
    let steps = &track["steps"];
    assert_eq!(steps[0]["summary"], "Both sides claim the islands.");
    assert_eq!(steps[0]["positions"][1]["party"], "South");
    assert_eq!(steps[1]["status"], "narrowed");
    assert_eq!(steps[1]["summary"], serde_json::Value::Null);
}

#[test]
fn diff_reports_participants_disagreements_and_goals() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["diff", "alpha", "beta", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(
            "What changed from alpha to beta\n\n\
             Participants joined\n  none\n\n\
             Participants left\n  Ada Example\n  Bo Sample\n\n\
             Disagreements\n  narrowed   Where the river border runs [river-border] (open → narrowed)\n\n\
             Goals added\n  South: Settle the islands.\n\n\
             Goals dropped\n  North: A lasting truce along the river.\n\n\
             Text reworded\n  \
             disagreement river-border position of North: now none; was \"The main channel is the border.\"\n  \
             disagreement river-border position of South: now none; was \"The western bank is the border.\"\n",
        );
}

#[test]
fn diff_json_is_objects_with_ids_and_statuses_before_and_after() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["diff", "helsinki-2018", "anchorage-2025", "--json", "--dir"])
            .arg(bundled()),
    );
    let diff: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arms = diff["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["disagreement"] == "arms-control")
        .unwrap();
    assert_eq!(arms["change"], "reworded", "{arms}");
    assert_eq!(arms["status_before"], "open");
    assert_eq!(arms["status_after"], "open");
    assert!(arms["topic_before"].as_str().unwrap().contains("INF"));
    assert!(
        diff["participants_joined"]
            .as_array()
            .unwrap()
            .iter()
            .any(|joined| joined["name"] == "Marco Rubio")
    );
    let goal = &diff["goals_added"][0];
    assert!(
        goal["party"].is_string() && goal["goal"].is_string(),
        "{goal}"
    );
}

#[test]
fn timeline_for_a_participant_nobody_matches_fails_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["timeline", "--participant", "Nobody Atall"])
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no meeting lists a participant matching \"Nobody Atall\"",
        ));
    sherpa(tmp.path())
        .args(["timeline", "--participant", "ada"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Alpha summit"));
}

#[test]
fn board_is_an_aligned_table_that_fits_the_width() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("board")
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout("              alpha     beta\nriver-border  open      narrowed\n");
    for width in ["20", "40", "80"] {
        let out = stdout_of(
            sherpa(tmp.path())
                .args(["board", "--width", width, "--dir"])
                .arg(bundled()),
        );
        let width: usize = width.parse().unwrap();
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{width}: {line:?}"
            );
        }
        for summit in ["helsinki-2018", "anchorage-2025", "davos-2026"] {
            assert!(
                out.contains(summit) || width < 25,
                "{summit} at {width}:\n{out}"
            );
        }
        assert!(out.contains("narrowed"), "{out}");
    }
}

#[test]
fn board_json_has_columns_rows_and_the_cells_enter_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout_of(
        sherpa(tmp.path())
            .args(["board", "--json"])
            .arg(fixtures("good")),
    );
    let board: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        board["columns"][1],
        serde_json::json!({"summit": "beta", "title": "Beta summit", "date": "2021-06-01"})
    );
    assert_eq!(board["rows"][0]["disagreement"], "river-border");
    assert_eq!(
        board["rows"][0]["cells"],
        serde_json::json!([
            {"status": "open", "key": "alpha/disagreements/river-border"},
            {"status": "narrowed", "key": "beta/disagreements/river-border"},
        ])
    );
}

#[test]
fn a_file_reached_by_two_paths_loads_once() {
    let tmp = tempfile::tempdir().unwrap();
    let good = fixtures("good");
    sherpa(tmp.path())
        .arg("check")
        .arg(&good)
        .arg(good.join("alpha.toml"))
        .arg(good.join(".").join("beta.toml"))
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            // beta.toml's 3 book-check warnings, once each: the file is loaded once.
            "2 briefings loaded, 0 files skipped: 0 errors, 3 warnings\n",
        ));
}

#[test]
fn ids_typed_on_the_command_line_cannot_forge_a_line_of_output() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["export", "hel\nsherpa: forged"],
        vec!["track", "x\nsherpa: forged"],
        vec!["timeline", "--participant", "y\nsherpa: forged"],
    ] {
        let out = sherpa(tmp.path())
            .args(&args)
            .arg("--dir")
            .arg(fixtures("good"))
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            !err.lines().any(|l| l.starts_with("sherpa: forged")),
            "{args:?}: {err}"
        );
        assert!(!out.status.success());
    }
}

/// A briefing whose participants and tag carry letters that do not decompose (ø, Ł).
const OSLO: &str = r#"[summit]
title = "Oslo talks"
date = 2026-05-01
location = "Oslo"
status = "held"
summary = "Talks in Oslo."
tags = ["Fjørd"]

[[participants]]
name = "Jonas Gahr Støre"

[[participants]]
name = "Łukasz Nowak"
"#;

#[test]
fn participants_and_tags_match_folded_in_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("oslo");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("oslo-2026.toml"), OSLO).unwrap();
    let folder = folder.to_str().unwrap();
    for name in ["store", "lukasz", "Støre", "gahr store"] {
        sherpa(tmp.path())
            .args(["timeline", "--participant", name, folder])
            .assert()
            .success()
            .stdout(predicate::str::contains("[oslo-2026]"));
        sherpa(tmp.path())
            .args(["book", "--participant", name, "--dir", folder])
            .assert()
            .success()
            .stdout(predicate::str::contains("Oslo talks"));
        sherpa(tmp.path())
            .args(["search", name, "--dir", folder])
            .assert()
            .success()
            .stdout(predicate::str::contains("oslo-2026"));
    }
    sherpa(tmp.path())
        .args(["book", "--tag", "fjord", "--", folder])
        .assert()
        .success()
        .stdout(predicate::str::contains("Oslo talks"));
}

#[test]
fn list_of_a_folder_without_briefings_says_so_on_stderr_unless_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    sherpa(tmp.path())
        .args(["list", "--dir", "empty"])
        .assert()
        .success()
        .stdout("")
        .stderr("sherpa: no briefing files (*.toml) in empty\n");
    sherpa(tmp.path())
        .args(["list", "-q", "--dir", "empty"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // A folder with briefings says nothing more.
    sherpa(tmp.path())
        .args(["list", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stderr("");
}
