//! Hostile input and faults: briefings that try to drive the terminal, broken files, huge
//! files and failing disks. Nothing may reach the terminal as a control sequence, nothing
//! may panic, and no export may be lost or left half-written.
//!
//! The payload fixtures in `tests/fixtures/hostile` carry each payload in every string field,
//! between a visible marker (`MARK-ESC`) and its `-AFTER` form, so a test can tell a payload
//! made inert from one silently dropped.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{PANES, Session, fixtures, sherpa, squeeze};
use unicode_width::UnicodeWidthStr;

/// Every payload fixture, by summit id, with its visible marker.
const PAYLOADS: [(&str, &str); 10] = [
    ("esc", "MARK-ESC"),
    ("osc-title", "MARK-OSC0"),
    ("osc-clipboard", "MARK-OSC52"),
    ("csi", "MARK-CSI"),
    ("dcs", "MARK-DCS"),
    ("c1", "MARK-C1"),
    ("bidi", "MARK-BIDI"),
    ("controls", "MARK-CTRL"),
    ("unicode", "MARK-UNI"),
    ("raw", "MARK-RAW"),
];

fn hostile(id: &str) -> PathBuf {
    fixtures("hostile").join(format!("{id}.toml"))
}

/// Overlays (and only overlays) have rounded corners: seeing one means an overlay is open.
const OVERLAY_CORNER: &str = "╭";

/// A character that must never reach a terminal as itself, in text made of lines.
fn forbidden(c: char) -> bool {
    c != '\n' && common::forbidden(c)
}

/// Fails unless the output is UTF-8 with no ESC byte, no control (newline excepted), no C1
/// and no bidi control.
fn assert_inert(bytes: &[u8], context: &str) {
    if let Some(i) = bytes.iter().position(|&b| b == 0x1b) {
        let from = i.saturating_sub(40);
        panic!(
            "{context}: ESC at byte {i}: {:?}",
            String::from_utf8_lossy(&bytes[from..(i + 40).min(bytes.len())])
        );
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{context}: not UTF-8: {e}"));
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        let around: String = text[i..].chars().take(40).collect();
        panic!(
            "{context}: {c:?} (U+{:04X}) at byte {i}: {around:?}",
            u32::from(c)
        );
    }
}

fn read_toml(path: &Path) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every string in a TOML value, except items' `sources` id lists (shown as `[1,2]`).
fn strings_in(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        toml::Value::Table(table) => {
            for (key, v) in table {
                if key != "sources" || !v.is_array() {
                    strings_in(v, out);
                }
            }
        }
        _ => {}
    }
}

/// The file's strings that a pane (or, with `None`, the whole briefing) shows.
fn pane_strings(table: &toml::Table, pane: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    match pane {
        None => {
            for (key, value) in table {
                if key == "sources" {
                    // The sources pane shows ids as well as titles.
                    strings_in(value, &mut out);
                } else {
                    strings_in(value, &mut out);
                }
            }
        }
        Some("summary") => {
            if let Some(summary) = table["summit"].get("summary") {
                strings_in(summary, &mut out);
            }
        }
        Some(pane) => {
            let section = toml_section(pane);
            if let Some(value) = table.get(section) {
                strings_in(value, &mut out);
            }
        }
    }
    out
}

fn toml_section(pane: &str) -> &str {
    if pane == "meetings" {
        "prior_meetings"
    } else {
        pane
    }
}

/// Fails unless the output shows the marker at least as often as the file's strings do.
fn assert_marker_kept(output: &str, marker: &str, expected: &[String], context: &str) {
    let wanted: usize = expected.iter().map(|s| s.matches(marker).count()).sum();
    assert!(wanted > 0, "{context}: the fixture has no {marker} here");
    let found = squeeze(output).matches(marker).count();
    assert!(
        found >= wanted,
        "{context}: {marker} shown {found} times, the file has it {wanted} times:\n{output}"
    );
    let after = format!("{marker}-AFTER");
    let wanted_after: usize = expected.iter().map(|s| s.matches(&after).count()).sum();
    assert!(
        squeeze(output).matches(&after).count() >= wanted_after,
        "{context}: text after the payload was lost:\n{output}"
    );
}

/// Runs a command and returns (exit code, stdout, stderr), failing on a panic exit.
fn run(cmd: &mut Command, context: &str) -> (i32, Vec<u8>, Vec<u8>) {
    let output = cmd.output().unwrap();
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{context}: exit code {code} (101 is a panic); stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (code, output.stdout, output.stderr)
}

#[test]
fn every_payload_fixture_is_listed_here() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures("hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = PAYLOADS.iter().map(|(id, _)| (*id).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn list_and_check_show_payloads_inert_with_markers() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        sherpa(tmp.path()).arg("list").arg(fixtures("hostile")),
        "list",
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_inert(&out, "list stdout");
    assert_inert(&err, "list stderr");
    let out = String::from_utf8(out).unwrap();
    for (id, marker) in PAYLOADS {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} is listed:\n{out}"));
        assert!(
            squeeze(line).matches(marker).count() >= 4,
            "title and location keep {marker}: {line}"
        );
        assert!(line.contains(&format!("{marker}-AFTER")), "{line}");
    }

    let (_, out, _) = run(
        sherpa(tmp.path())
            .args(["list", "--json"])
            .arg(fixtures("hostile")),
        "list --json",
    );
    let list: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for row in list["summits"].as_array().unwrap() {
        let id = row["summit"].as_str().unwrap();
        let table = read_toml(&hostile(id));
        assert_eq!(row["title"].as_str(), table["summit"]["title"].as_str());
        assert_eq!(row["place"].as_str(), table["summit"]["location"].as_str());
    }

    for (id, marker) in PAYLOADS {
        let (code, out, err) = run(
            sherpa(tmp.path())
                .args(["show", id, "--dir"])
                .arg(hostile(id)),
            "show",
        );
        assert_eq!(code, 0, "show {id}: {}", String::from_utf8_lossy(&err));
        assert_inert(&out, &format!("show {id}"));
        assert_inert(&err, &format!("show {id} stderr"));
        let out = String::from_utf8(out).unwrap();
        let table = read_toml(&hostile(id));
        assert_marker_kept(
            &out,
            marker,
            &pane_strings(&table, None),
            &format!("show {id}"),
        );
    }

    let (code, out, err) = run(
        sherpa(tmp.path()).arg("check").arg(fixtures("hostile")),
        "check",
    );
    // The payloads' disagreement ids and source urls break the format's rules (the schema's
    // and, since #25, the loader's too), so the check fails; what it prints stays inert.
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out));
    assert_inert(&out, "check stdout");
    assert_inert(&err, "check stderr");
    let out = String::from_utf8(out).unwrap();
    for (_, marker) in PAYLOADS.iter().filter(|(id, _)| *id != "raw") {
        assert!(out.contains(marker), "the link warning shows {marker}");
    }
}

#[test]
fn board_diff_and_track_show_payloads_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = fixtures("hostile");
    let runs: [(&str, Vec<String>); 4] = [
        ("board", vec!["board".into()]),
        (
            "board narrow",
            vec!["board".into(), "--width".into(), "24".into()],
        ),
        ("diff", vec!["diff".into(), "esc".into(), "csi".into()]),
        (
            "diff json",
            vec!["diff".into(), "c1".into(), "bidi".into(), "--json".into()],
        ),
    ];
    for (context, args) in runs {
        let mut cmd = sherpa(tmp.path());
        cmd.args(&args).arg("--dir").arg(&dir);
        let (code, out, err) = run(&mut cmd, context);
        assert_eq!(code, 0, "{context}: {}", String::from_utf8_lossy(&err));
        assert!(!out.is_empty(), "{context} printed nothing");
        assert_inert(&out, context);
        assert_inert(&err, &format!("{context} stderr"));
    }
    let mut tracked = 0;
    for (id, marker) in PAYLOADS {
        let table = read_toml(&hostile(id));
        // An argument cannot hold a NUL; that payload is shown by the other commands.
        let Some(disagreement) = table
            .get("disagreements")
            .and_then(|d| d.get(0))
            .and_then(|d| d.get("id"))
            .and_then(toml::Value::as_str)
            .filter(|id| !id.contains('\0'))
        else {
            continue;
        };
        let (code, out, err) = run(
            sherpa(tmp.path())
                .args(["track", disagreement, "--dir"])
                .arg(hostile(id)),
            "track",
        );
        assert_eq!(code, 0, "track {id}: {}", String::from_utf8_lossy(&err));
        assert_inert(&out, &format!("track {id}"));
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(&format!("Disagreement summary {marker}")),
            "the summary is shown: {out}"
        );
        tracked += 1;
    }
    assert!(tracked >= 5, "only {tracked} payloads tracked");
}

fn export_every_pane(format: &str) {
    let tmp = tempfile::tempdir().unwrap();
    for (id, marker) in PAYLOADS {
        let table = read_toml(&hostile(id));
        let panes = PANES.iter().map(|p| Some(*p)).chain([None]);
        for pane in panes {
            let context = format!("export {id} {} --format {format}", pane.unwrap_or("(all)"));
            let mut cmd = sherpa(tmp.path());
            cmd.args(["export", id]);
            if let Some(pane) = pane {
                cmd.arg(pane);
            }
            cmd.args(["--format", format, "--dir"]).arg(hostile(id));
            let (code, out, err) = run(&mut cmd, &context);
            assert_eq!(code, 0, "{context}: {}", String::from_utf8_lossy(&err));
            assert_inert(&err, &format!("{context} stderr"));
            if format == "json" {
                check_json(&out, &table, pane, &context);
                continue;
            }
            assert_inert(&out, &context);
            let out = String::from_utf8(out).unwrap();
            assert_marker_kept(&out, marker, &pane_strings(&table, pane), &context);
            if format == "text" {
                for line in out.lines() {
                    assert!(
                        line.width() <= 80,
                        "{context}: line wider than 80: {line:?}"
                    );
                }
            }
        }
    }
}

/// Every string of the file is in the JSON export exactly, at the same place.
fn check_json(out: &[u8], table: &toml::Table, pane: Option<&str>, context: &str) {
    let json: serde_json::Value = serde_json::from_slice(out).unwrap_or_else(|e| {
        panic!(
            "{context}: not JSON ({e}):\n{}",
            String::from_utf8_lossy(out)
        )
    });
    let text = std::str::from_utf8(out).unwrap();
    assert!(!text.contains('\u{1b}'), "{context}: JSON escapes ESC");
    match pane {
        None => {
            // The export gives the summit's facts at the top level, its id as `summit` and
            // its place as `place`, as every JSON output names them.
            let mut summit = table["summit"].as_table().unwrap().clone();
            for (file_key, json_key) in [("location", "place"), ("id", "summit")] {
                if let Some(value) = summit.remove(file_key) {
                    summit.insert(json_key.to_owned(), value);
                }
            }
            same_strings(&toml::Value::Table(summit), &json, context);
            let mut items = table.clone();
            items.remove("summit");
            same_strings(&toml::Value::Table(items), &json, context);
        }
        Some("summary") => {
            same_strings(&table["summit"]["summary"], &json["summary"], context);
        }
        Some(pane) => same_strings(&table[toml_section(pane)], &json[pane], context),
    }
}

fn same_strings(toml: &toml::Value, json: &serde_json::Value, context: &str) {
    match toml {
        toml::Value::String(s) => assert_eq!(json.as_str(), Some(s.as_str()), "{context}"),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                same_strings(item, &json[i], context);
            }
        }
        toml::Value::Table(table) => {
            for (key, value) in table {
                same_strings(value, &json[key.as_str()], &format!("{context}.{key}"));
            }
        }
        _ => {}
    }
}

#[test]
fn text_export_of_every_pane_is_inert_and_keeps_markers() {
    export_every_pane("text");
}

#[test]
fn markdown_export_of_every_pane_is_inert_and_keeps_markers() {
    export_every_pane("markdown");
}

#[test]
fn json_export_of_every_pane_keeps_the_exact_strings() {
    export_every_pane("json");
}

#[test]
fn a_hostile_file_name_and_id_argument_stay_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir(&dir).unwrap();
    let name = "evil\u{1b}]0;MARK-NAME\u{7}\u{202e}.toml";
    std::fs::write(dir.join(name), "[summit]\ntitle = 1\n").unwrap();
    std::fs::copy(fixtures("good/alpha.toml"), dir.join("alpha.toml")).unwrap();
    for args in [vec!["check"], vec!["list"]] {
        let (code, out, err) = run(sherpa(tmp.path()).args(&args).arg(&dir), "name");
        assert_eq!(code, 1);
        assert_inert(&out, "stdout");
        assert_inert(&err, "stderr");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err)
        );
        assert!(all.contains("MARK-NAME"), "the file is named: {all}");
    }
    let (code, out, err) = run(
        sherpa(tmp.path())
            .args(["export", "al\u{1b}[2Jpha\u{9b}"])
            .arg("--dir")
            .arg(&dir),
        "id",
    );
    assert_eq!(code, 1);
    assert_inert(&out, "stdout");
    assert_inert(&err, "stderr");
    let (code, _, err) = run(
        sherpa(tmp.path())
            .args(["export", "alpha", "-o", "out\u{1b}]0;x\u{7}/f.txt", "--dir"])
            .arg(&dir),
        "output path",
    );
    assert_eq!(code, 1);
    assert_inert(&err, "stderr");
}

#[test]
fn a_200_kb_word_wraps_within_the_width() {
    let tmp = tempfile::tempdir().unwrap();
    let word = "x".repeat(200_000);
    let text = format!(
        "[summit]\nid = \"long\"\ntitle = \"Long\"\ndate = 2020-01-01\nlocation = \"L\"\n\
         summary = \"MARK-LONG {word} MARK-LONG-AFTER\"\n\n\
         [[goals]]\nparty = \"P{word}\"\ngoal = \"MARK-LONG {word} MARK-LONG-AFTER\"\n"
    );
    let path = tmp.path().join("long.toml");
    std::fs::write(&path, text).unwrap();
    for (pane, words) in [("goals", 2), ("summary", 1)] {
        let started = Instant::now();
        let (code, out, _) = run(
            sherpa(tmp.path())
                .args(["export", "long", pane, "--width", "60", "--dir"])
                .arg(&path),
            pane,
        );
        assert_eq!(code, 0);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{pane} is slow"
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.lines().all(|l| l.width() <= 60), "{pane} lines fit");
        assert_eq!(out.matches('x').count(), words * 200_000, "nothing lost");
        assert!(squeeze(&out).contains("MARK-LONG-AFTER"));
    }

    // The reader wraps it inside the pane and scrolls to its end.
    let corpus = sherpa_core::corpus::Corpus::load_paths(&[path]);
    let mut app = sherpa::app::App::new(
        corpus,
        sherpa::app::Settings::new("long", tmp.path()),
        80,
        24,
    );
    app.update(sherpa::app::Action::FocusPane(
        sherpa::grid::GridPane::Goals,
    ));
    app.update(sherpa::app::Action::Bottom);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    sherpa::ui::render(&app, sherpa::ui::Theme::plain(), area, &mut buf);
    let rows: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let screen = rows.join("\n");
    assert!(
        screen.contains("AFTER"),
        "the end of the goal is shown:\n{screen}"
    );
    assert!(
        rows[5..22]
            .iter()
            .all(|r| r.ends_with(['┃', '│', '║', '█'])),
        "the pane border is intact:\n{screen}"
    );
}

/// A malformed fixture: its file name, words of its message, and the line and column when
/// the parser knows them (column 0: any column).
type Case = (&'static str, &'static str, Option<(usize, usize)>);

#[test]
fn malformed_files_are_diagnosed_and_good_files_still_load() {
    // (file, expected words in the message, line and column when the parser knows them)
    let cases: [Case; 23] = [
        ("bad-id.toml", "summit id", Some((2, 1))),
        ("bad-status.toml", "unknown variant", Some((5, 10))),
        ("deep-inline-tables.toml", "recursion", Some((7, 0))),
        ("deep-nesting.toml", "recursion", Some((6, 0))),
        ("dir.toml", "is a directory", None),
        ("duplicate-keys.toml", "duplicate key", Some((3, 1))),
        ("duplicate-tables.toml", "duplicate key", Some((6, 0))),
        ("empty.toml", "empty", None),
        ("invalid-date-month.toml", "month", Some((3, 8))),
        ("invalid-date.toml", "day", Some((3, 8))),
        ("invalid-utf8-overlong.toml", "invalid UTF-8", Some((2, 19))),
        ("invalid-utf8.toml", "invalid UTF-8", Some((2, 19))),
        ("lone-cr.toml", "invalid basic string", Some((2, 14))),
        (
            "missing-required.toml",
            "missing required key `location`",
            Some((1, 1)),
        ),
        (
            "no-summit.toml",
            "missing required key `summit`",
            Some((1, 1)),
        ),
        ("nul-byte.toml", "invalid basic string", Some((2, 14))),
        ("quoted-date.toml", "without quotes", Some((3, 8))),
        ("raw-escape.toml", "invalid basic string", Some((2, 21))),
        ("truncated-header.toml", "expected `]`", Some((6, 16))),
        ("truncated.toml", "expected `\"`", Some((2, 0))),
        ("whitespace-only.toml", "empty", None),
        ("wrong-type-array.toml", "invalid type", Some((9, 8))),
        ("wrong-types.toml", "invalid type", Some((2, 9))),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let dir = fixtures("malformed");
    let (code, out, err) = run(sherpa(tmp.path()).arg("check").arg(&dir), "check");
    assert_eq!(code, 1);
    assert_inert(&out, "check stdout");
    assert_inert(&err, "check stderr");
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.len() < 50_000,
        "long lines are cut: {} bytes",
        out.len()
    );
    for (file, words, position) in cases {
        let path = dir.join(file).display().to_string();
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{path}:")))
            .unwrap_or_else(|| panic!("{file} is diagnosed:\n{out}"));
        assert!(line.contains("error"), "{line}");
        assert!(line.contains(words), "{file}: {line}");
        if let Some((row, column)) = position {
            let at = if column == 0 {
                format!("{path}:{row}:")
            } else {
                format!("{path}:{row}:{column}:")
            };
            assert!(line.starts_with(&at), "{file} at {at}: {line}");
        }
    }
    let summary = out.lines().last().unwrap();
    assert!(
        summary.starts_with("1 briefing loaded, 23 files skipped"),
        "{summary}"
    );

    // Each file alone fails the same way, without a panic.
    for (file, _, _) in cases {
        let (code, out, err) = run(sherpa(tmp.path()).arg("check").arg(dir.join(file)), file);
        assert_eq!(code, 1, "{file}");
        assert_inert(&out, file);
        assert_inert(&err, file);
    }

    let (code, out, err) = run(sherpa(tmp.path()).arg("list").arg(&dir), "list");
    assert_eq!(code, 1, "list reports the failures by its exit code");
    assert_inert(&err, "list stderr");
    assert!(String::from_utf8(out).unwrap().contains("MARK-GOOD"));
    let (code, out, _) = run(
        sherpa(tmp.path())
            .args(["export", "still-good", "--dir"])
            .arg(&dir),
        "export",
    );
    assert_eq!(code, 0);
    assert!(String::from_utf8(out).unwrap().contains("MARK-GOOD"));
}

/// Symbolic-link loops, dangling links, FIFOs, unreadable and oversized files, made here
/// because they cannot be committed.
#[test]
fn unreadable_paths_are_diagnosed_and_the_rest_loads() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("briefings");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixtures("good/alpha.toml"), dir.join("alpha.toml")).unwrap();
    symlink("loop-b.toml", dir.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", dir.join("loop-b.toml")).unwrap();
    symlink("missing.toml", dir.join("dangling.toml")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    std::fs::File::create(dir.join("big.toml"))
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let fifo = dir.join("fifo.toml");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made_fifo {
        common::skip("mkfifo failed, so the FIFO case is not checked");
    }
    let locked = dir.join("locked.toml");
    std::fs::copy(fixtures("good/beta.toml"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let can_lock = std::fs::read(&locked).is_err();
    if !can_lock {
        eprintln!("note: running as a user who can read mode-000 files; unreadable case skipped");
        std::fs::remove_file(&locked).unwrap();
    }

    let started = Instant::now();
    let (code, out, err) = run(sherpa(tmp.path()).arg("check").arg(&dir), "check");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "no hang on a FIFO"
    );
    assert_eq!(code, 1);
    assert_inert(&out, "stdout");
    assert_inert(&err, "stderr");
    let out = String::from_utf8(out).unwrap();
    let diagnosed = |name: &str, words: &str| {
        let line = out
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is diagnosed:\n{out}"));
        assert!(line.contains(words), "{name}: {line}");
    };
    diagnosed("loop-a.toml", "symbolic links");
    diagnosed("loop-b.toml", "symbolic links");
    diagnosed("dangling.toml", "No such file");
    diagnosed("sub/up", "symbolic link loop");
    diagnosed("big.toml", "larger than the 16 MiB limit");
    if made_fifo {
        diagnosed("fifo.toml", "not a regular file");
    }
    if can_lock {
        diagnosed("locked.toml", "Permission denied");
    }
    let (code, out, _) = run(sherpa(tmp.path()).arg("list").arg(&dir), "list");
    assert_eq!(code, 1);
    assert!(String::from_utf8(out).unwrap().starts_with("alpha "));
    if made_fifo {
        let (code, out, _) = run(sherpa(tmp.path()).arg("check").arg(&fifo), "fifo");
        assert_eq!(code, 1);
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("not a regular file")
        );
    }
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644));
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn export_to(tmp: &Path, output: &Path, force: bool) -> (i32, String) {
    let mut cmd = sherpa(tmp);
    cmd.args(["export", "alpha", "goals", "-o"]).arg(output);
    if force {
        cmd.arg("--force");
    }
    cmd.arg("--dir").arg(fixtures("good"));
    let (code, out, err) = run(&mut cmd, &output.display().to_string());
    assert!(out.is_empty(), "nothing on stdout when writing a file");
    assert_inert(&err, "stderr");
    (code, String::from_utf8(err).unwrap())
}

#[test]
fn export_faults_give_a_clear_message_and_leave_nothing_behind() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();

    // An existing file is kept without --force, and replaced whole with it.
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("goals.txt");
    std::fs::write(&target, "precious").unwrap();
    let (code, err) = export_to(tmp.path(), &target, false);
    assert_eq!(code, 1);
    assert!(err.contains("already exists; use --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    assert_eq!(names_in(&out_dir), ["goals.txt"]);
    let (code, _) = export_to(tmp.path(), &target, true);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&target).unwrap().contains("GOALS"));
    assert_eq!(names_in(&out_dir), ["goals.txt"]);

    // A missing folder.
    let (code, err) = export_to(tmp.path(), &tmp.path().join("missing/goals.txt"), false);
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot write") && err.contains("missing"),
        "{err}"
    );
    assert!(!tmp.path().join("missing").exists());

    // A folder given where a file is wanted.
    let (code, err) = export_to(tmp.path(), &out_dir, true);
    assert_eq!(code, 1);
    assert!(err.contains("not a regular file"), "{err}");

    // A read-only folder (root ignores the mode, so fall back to sysfs, read-only to all).
    let ro = tmp.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let ro_writable = std::fs::write(ro.join("probe"), "x").is_ok();
    let _ = std::fs::remove_file(ro.join("probe"));
    let ro_dir = if ro_writable {
        PathBuf::from("/sys")
    } else {
        ro.clone()
    };
    if ro_dir.is_dir() {
        let before = names_in(&ro_dir);
        let (code, err) = export_to(tmp.path(), &ro_dir.join("sherpa-goals.txt"), false);
        assert_eq!(code, 1);
        assert!(err.contains("cannot write"), "{err}");
        assert!(
            err.contains("Permission denied") || err.contains("Read-only"),
            "{err}"
        );
        assert_eq!(
            names_in(&ro_dir),
            before,
            "nothing left in {}",
            ro_dir.display()
        );
    } else {
        common::skip("no read-only folder available");
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();

    // A full disk, the way /dev/full reports it.
    if Path::new("/dev/full").exists() {
        let (code, err) = export_to(tmp.path(), Path::new("/dev/full"), true);
        assert_eq!(code, 1);
        assert!(err.contains("/dev/full"), "{err}");
        assert!(Path::new("/dev/full").exists());
    }
    assert_eq!(names_in(tmp.path()), ["out", "read-only"]);
}

#[test]
fn big_briefings_load_export_and_render() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use sherpa::app::App;
    use sherpa::ui::{self, Theme};
    use sherpa_core::corpus::Corpus;

    let tmp = tempfile::tempdir().unwrap();
    // A 5 MB summary in paragraphs and a briefing of 10,000 participants.
    let paragraph = "MARK-BIG words of a long summary that goes on and on. ".repeat(20);
    let summary = format!("{paragraph}\n\n").repeat(5_000_000 / (paragraph.len() + 2));
    let mut big = format!(
        "[summit]\nid = \"big-summary\"\ntitle = \"Big\"\ndate = 2020-01-01\nlocation = \"L\"\n\
         summary = \"\"\"{summary}\"\"\"\n"
    );
    big.push_str("[[goals]]\nparty = \"P\"\ngoal = \"G\"\n");
    std::fs::write(tmp.path().join("big-summary.toml"), &big).unwrap();
    let mut many = String::from(
        "[summit]\nid = \"many\"\ntitle = \"Many\"\ndate = 2020-01-02\nlocation = \"L\"\n",
    );
    for i in 0..10_000 {
        many.push_str(&format!(
            "\n[[participants]]\nname = \"Person {i} MARK-MANY\"\nrole = \"Role\"\nnotes = \"Notes on person {i}.\"\n"
        ));
    }
    std::fs::write(tmp.path().join("many.toml"), &many).unwrap();

    let started = Instant::now();
    let corpus = Corpus::load_paths(&[tmp.path().to_owned()]);
    assert_eq!(corpus.len(), 2, "{:?}", corpus.diagnostics());
    let mut app = App::new(
        corpus,
        sherpa::app::Settings::new("big", tmp.path()),
        120,
        40,
    );
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    ui::render(&app, Theme::plain(), area, &mut buf);
    app.update(sherpa::app::Action::ToggleSummary);
    app.update(sherpa::app::Action::Bottom);
    ui::render(&app, Theme::plain(), area, &mut buf);
    app.update(sherpa::app::Action::Close);
    app.update(sherpa::app::Action::NextSummit);
    app.update(sherpa::app::Action::Bottom);
    ui::render(&app, Theme::plain(), area, &mut buf);
    let screen: String = buf
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(
        screen.contains("Person 9999"),
        "the last participant is shown"
    );
    eprintln!("big briefings in-process: {:?}", started.elapsed());

    for (id, pane, marker) in [
        ("big-summary", "summary", "MARK-BIG"),
        ("many", "participants", "MARK-MANY"),
    ] {
        let file = tmp.path().join(format!("{id}.txt"));
        let (code, out, _) = run(
            sherpa(tmp.path())
                .args(["export", id, pane, "-o"])
                .arg(&file)
                .arg("--dir")
                .arg(tmp.path()),
            id,
        );
        assert_eq!(code, 0);
        assert!(out.is_empty());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.len() > 400_000, "{id}: {} bytes", text.len());
        assert!(text.contains(marker));
    }
    let (code, out, _) = run(sherpa(tmp.path()).arg("list").arg(tmp.path()), "list big");
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

// --- The reader in a pseudo-terminal -------------------------------------------------

/// Every escape sequence in the raw output, as the bytes from ESC to its end.
fn escape_sequences(raw: &[u8]) -> Vec<&[u8]> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != 0x1b {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        match raw.get(i) {
            Some(b'[') => {
                i += 1;
                while i < raw.len() && !(0x40..=0x7e).contains(&raw[i]) {
                    i += 1;
                }
            }
            Some(b']' | b'P' | b'_' | b'^' | b'X') => {
                while i < raw.len()
                    && raw[i] != 0x07
                    && !(raw[i] == 0x1b && raw.get(i + 1) == Some(&b'\\'))
                {
                    i += 1;
                }
                if raw.get(i) == Some(&0x1b) {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
        found.push(&raw[start..i.min(raw.len())]);
    }
    found
}

fn drive_reader(cols: u16, rows: u16) {
    let tmp = tempfile::tempdir().unwrap();
    // A private copy, so other tests reading the fixtures cannot trigger a live reload.
    let dir = tmp.path().join("hostile");
    std::fs::create_dir(&dir).unwrap();
    for (id, _) in PAYLOADS {
        std::fs::copy(hostile(id), dir.join(format!("{id}.toml"))).unwrap();
    }
    let Some(mut session) = Session::start(tmp.path(), &[dir.as_os_str()], cols, rows) else {
        return;
    };
    let count = PAYLOADS.len();
    let first = session.position(count);
    for step in 0..count {
        session.wait_for(&format!("{}/{count} by date", (first + step) % count + 1));
        // Every pane in turn (Tab), each scrolled to its end and back.
        for _ in 0..4 {
            session.send("G");
            session.send("\t");
        }
        session.send("g");
        // Overlays: summary, sources, the selected item's sources, problems, the finder.
        // Each is closed by a key of its own, not Esc, which a busy reader could take for
        // Alt and the next key; each must be open (and closed) before the next key goes in.
        for (open, close) in [("s", "s"), ("S", "q"), ("c", "q"), ("!", "!"), ("?", "?")] {
            session.send(open);
            session.wait_for(OVERLAY_CORNER);
            session.send("G");
            session.send(close);
            session.wait_gone(OVERLAY_CORNER);
        }
        session.send("Y"); // copies the pane with OSC 52: base64 of sanitised text
        session.wait_copies(step + 1);
        session.send("]");
    }
    session.wait_for(&format!("{}/{count} by date", first + 1));
    session.send("/");
    session.wait_for("Find a summit");
    session.send("MARK");
    session.wait_for("/ MARK");
    session.send("\r");
    session.wait_gone("Find a summit");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let screen = session.terminal();
    let requests = screen.parser.callbacks();
    assert!(
        requests.titles.is_empty(),
        "the window title was never set: {:?}",
        requests.titles
    );
    // The only OSC sherpa sends of its own: the `auto` theme asking for the terminal's
    // colours (OSC 10 and 11 with `?`), at start, before any briefing is read.
    let payloads: Vec<_> = requests
        .other_osc
        .iter()
        .filter(|osc| !matches!(osc.as_slice(), b"10;?" | b"11;?"))
        .collect();
    assert!(payloads.is_empty(), "no other OSC: {payloads:?}");
    assert_eq!(requests.bells, 0, "no bell rang");
    assert_eq!(requests.clipboard.len(), count, "one copy per summit");
    for data in &requests.clipboard {
        use base64::Engine;
        let text = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_inert(&text, "clipboard");
        assert!(String::from_utf8(text).unwrap().contains("MARK-"));
    }
    let raw = &screen.raw;
    // The drawing itself never carries a C1 control or bidi character.
    let text = String::from_utf8_lossy(raw);
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\u{1b}' && forbidden(c) && !"\r\n\u{7}\u{8}".contains(c))
    {
        panic!("the terminal received {c:?} (U+{:04X})", u32::from(c));
    }
    for sequence in escape_sequences(raw) {
        let shown = String::from_utf8_lossy(sequence);
        assert!(
            !shown.contains("MARK"),
            "a payload reached the terminal: {shown:?}"
        );
        match sequence.get(1) {
            Some(b'[') => {
                let body = &sequence[2..sequence.len().saturating_sub(1)];
                assert!(
                    body.iter()
                        .all(|b| b.is_ascii_digit() || b";:?<=>".contains(b)),
                    "unexpected CSI {shown:?}"
                );
            }
            // OSC 52 copies; OSC 10 and 11 ask the terminal's colours for the `auto` theme.
            Some(b']') => assert!(
                sequence.starts_with(b"\x1b]52;c;")
                    || matches!(sequence, b"\x1b]10;?\x07" | b"\x1b]11;?\x07"),
                "unexpected OSC {shown:?}"
            ),
            other => assert!(
                matches!(other, Some(b'7' | b'8' | b'(' | b'=' | b'>')),
                "unexpected escape {shown:?}"
            ),
        }
    }
}

#[test]
fn the_reader_never_passes_payloads_to_the_terminal_grid() {
    drive_reader(160, 50);
}

#[test]
fn the_reader_never_passes_payloads_to_the_terminal_tabs() {
    drive_reader(80, 24);
}

#[test]
fn the_reader_shows_the_markers() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) =
        Session::start(tmp.path(), &[hostile("osc-title").as_os_str()], 200, 50)
    else {
        return;
    };
    session.wait_for("4 Disagreements");
    let screen = session.wait_for("MARK-OSC0-AFTER");
    assert!(
        screen.contains("^[]0;MARK-OSC0"),
        "the payload is shown inert:\n{screen}"
    );
    for pane in ["Participants", "Prior meetings", "Goals", "Disagreements"] {
        assert!(screen.contains(pane), "{pane}:\n{screen}");
    }
    session.send("s");
    session.wait_for("Summary first paragraph MARK-OSC0");
    session.send("s");
    session.wait_gone("Summary first paragraph");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let screen = session.terminal();
    let titles = &screen.parser.callbacks().titles;
    assert!(titles.is_empty(), "the title was not changed: {titles:?}");
}

#[test]
fn the_briefings_origin_is_shown_sanitised_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, err) = run(
        sherpa(tmp.path())
            .env("SHERPA_BRIEFINGS", "x\u{1b}]0;PWNED\u{7}\nforged error")
            .arg("list"),
        "SHERPA_BRIEFINGS with an escape",
    );
    assert_inert(&err, "stderr");
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("x^[]0;PWNED^G^Jforged error"), "{err}");
    assert!(
        !err.lines().any(|l| l.starts_with("forged")),
        "a forged line: {err}"
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_not_followed_and_non_toml_is_never_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let secret = outside.join("credentials");
    std::fs::write(&secret, "[default]\nkey = AKIA-SECRET-1234\n").unwrap();
    let folder = tmp.path().join("briefings");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(hostile("esc"), folder.join("esc.toml")).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("notes.toml")).unwrap();
    std::os::unix::fs::symlink("/proc", folder.join("proc")).unwrap();
    let (_, out, err) = run(sherpa(tmp.path()).arg("check").arg(&folder), "links out");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    );
    assert!(!all.contains("AKIA-SECRET"), "the secret is shown:\n{all}");
    assert!(!all.contains("/proc/"), "/proc is walked:\n{all}");
    assert!(all.contains("notes.toml"), "{all}");
    assert!(all.contains("outside the folder"), "{all}");

    // Named directly, a file that is not TOML at all is diagnosed without quoting it.
    let not_toml = tmp.path().join("key.toml");
    std::fs::write(&not_toml, "AKIA-SECRET-5678 wJalrXUtnFEMI\n").unwrap();
    let (code, out, err) = run(sherpa(tmp.path()).arg("check").arg(&not_toml), "not TOML");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&err)
    );
    assert_eq!(code, 1);
    assert!(
        !all.contains("AKIA-SECRET"),
        "the contents are shown:\n{all}"
    );
    assert!(all.contains("key.toml:1:"), "{all}");
}
