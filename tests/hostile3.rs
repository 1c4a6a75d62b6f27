//! Hostile input, round three, mostly outside the runner: closed and full outputs for `new`,
//! FIFOs and endless files as the config, a path that is no folder for `new --dir`, a
//! paste flooding the finder, and huge arguments echoed back. Each test names the way the
//! attack arrives.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;
use std::process::Stdio;

use predicates::prelude::predicate;
use sherpa::app::Picker;
use sherpa::app::picker::{MAX_QUERY_CHARS, summit_entries};
use sherpa::app::{Action, App, Overlay, Settings};
use sherpa_core::corpus::Corpus;

/// `sherpa ARGS` in `dir`, isolated as `common::sherpa` is, writing to `stdout`; returns the exit
/// code and stderr.
fn run_into(dir: &Path, args: &[&str], stdout: impl Into<Stdio>) -> (Option<i32>, String) {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sherpa"))
        .current_dir(dir)
        .env_remove("SHERPA_BRIEFINGS")
        .env_remove("SHERPA_LOG")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `sherpa ARGS` with stdout a pipe whose reading end is already closed, as `sherpa … | true`
/// leaves it.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    run_into(dir, args, writer)
}

#[test]
fn new_into_a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stderr) = into_closed_pipe(tmp.path(), &["new", "oslo-2026", "--dir", "b"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    assert!(tmp.path().join("b/oslo-2026.toml").is_file());
}

#[test]
fn a_completion_answer_into_a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("sherpa");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    // What fish's registration runs at Tab after `sherpa `.
    let output = std::process::Command::new(bin)
        .current_dir(tmp.path())
        .env("SHERPA_COMPLETE", "fish")
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .args(["--", "sherpa", ""])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn new_onto_a_full_disk_fails_with_a_message() {
    if !Path::new("/dev/full").exists() {
        common::skip("no /dev/full here");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let full = std::fs::File::create("/dev/full").unwrap();
    let (code, stderr) = run_into(tmp.path(), &["new", "oslo-2026", "--dir", "b"], full);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.starts_with("sherpa: cannot write output:"),
        "{stderr}"
    );
}

#[test]
fn new_dir_on_a_file_or_a_dangling_link_says_what_the_path_is() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
    std::os::unix::fs::symlink("gone", tmp.path().join("dangling")).unwrap();
    std::os::unix::fs::symlink("notes.txt", tmp.path().join("to-file")).unwrap();
    let cases = [
        (
            "notes.txt",
            "cannot write notes.txt: it is a file, not a folder",
        ),
        (
            "notes.txt/sub",
            "cannot write notes.txt: it is a file, not a folder",
        ),
        (
            "dangling",
            "cannot write dangling: it is a link to gone, which does not exist",
        ),
        (
            "to-file",
            "cannot write to-file: it is a link to notes.txt, which is a file, not a folder",
        ),
    ];
    for (dir, message) in cases {
        common::sherpa(tmp.path())
            .args(["new", "oslo-2026", "--dir", dir])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("sherpa: {message}\n"));
    }
}

/// How long a command that used to hang or read without end may take before it counts as
/// hanging.
const PROMPTLY: std::time::Duration = std::time::Duration::from_secs(20);

/// Makes a FIFO at `path`, or returns false (after saying so) where `mkfifo` is missing.
fn mkfifo(path: &Path) -> bool {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    if made.is_ok_and(|status| status.success()) {
        true
    } else {
        common::skip("mkfifo is missing");
        false
    }
}

#[test]
fn a_fifo_without_a_writer_as_the_config_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("fifo.toml");
    if !mkfifo(&fifo) {
        return;
    }
    for args in [
        &["--config", "fifo.toml", "list"][..],
        &["--config", "fifo.toml", "config"],
    ] {
        common::sherpa(tmp.path())
            .args(args)
            .timeout(PROMPTLY)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "sherpa: config fifo.toml: a FIFO with nothing written to it",
            ));
    }
}

#[test]
fn a_fifo_at_the_default_config_path_is_refused_by_config_and_skipped_by_list() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("config/sherpa")).unwrap();
    if !mkfifo(&tmp.path().join("config/sherpa/config.toml")) {
        return;
    }
    common::sherpa(tmp.path())
        .arg("config")
        .timeout(PROMPTLY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a FIFO with nothing written to it",
        ));
    common::sherpa(tmp.path())
        .args(["list", "--bundled"])
        .timeout(PROMPTLY)
        .assert()
        .success();
}

#[test]
fn a_config_through_process_substitution_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    // What `--config <(printf …)` hands over: a pipe, already open for writing, read
    // through /dev/fd; the writer here waits a moment, as a slow program would.
    let (reader, mut writer) = std::io::pipe().unwrap();
    let feeder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        std::io::Write::write_all(&mut writer, b"theme = \"nope\"\n").unwrap();
    });
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sherpa"));
    cmd.current_dir(tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .args(["--config", "/dev/stdin", "config"])
        .stdin(reader);
    let output = cmd.output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The text arrived: its bad theme is reported at its line and column.
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/dev/stdin:1:9: error: `theme`"),
        "{stderr}"
    );
}

#[test]
fn an_endless_or_huge_config_is_refused_with_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", tmp.path().join("zero.toml")).unwrap();
    let mut huge = "# padding\n".repeat(110_000);
    huge.push_str("theme = \"dark\"\n");
    std::fs::write(tmp.path().join("huge.toml"), huge).unwrap();
    for name in ["zero.toml", "huge.toml"] {
        common::sherpa(tmp.path())
            .args(["--config", name, "config"])
            .timeout(PROMPTLY)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "sherpa: config {name}: larger than the 1 MiB limit for a config file\n"
            ));
    }
}

/// The reader on the bundled briefings with the finder open.
fn finder() -> App {
    let corpus = Corpus::load_paths(&[common::bundled()]);
    let mut app = App::new(corpus, Settings::new("briefings", "."), 100, 30);
    app.update(Action::OpenFinder);
    app
}

fn query(app: &App) -> &str {
    match app.overlay() {
        Overlay::Picker(picker) => &picker.query,
        _ => panic!("the finder is open"),
    }
}

#[test]
fn a_paste_into_the_finder_is_one_edit_with_line_breaks_as_spaces() {
    let mut app = finder();
    app.paste("geneva\n2021");
    assert_eq!(query(&app), "geneva 2021");
    assert!(app.status().is_none());
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("the finder is open")
    };
    assert!(
        !picker.matches.is_empty(),
        "geneva 2021 finds the Geneva summit"
    );
}

#[test]
fn a_64_kib_paste_fills_the_query_to_its_cap_at_once_and_says_so() {
    let mut app = finder();
    let started = std::time::Instant::now();
    app.paste(&"geneva ".repeat(64 * 1024 / 7));
    // One scoring of a capped query, where per-character scoring took 41 s of CPU.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(query(&app).chars().count(), MAX_QUERY_CHARS);
    let status = app.status().unwrap();
    assert!(status.is_error);
    assert!(
        status.text.contains("at most 256 characters"),
        "{}",
        status.text
    );
    // A typed character past the cap is refused the same way.
    app.update(Action::FinderInput('x'));
    assert_eq!(query(&app).chars().count(), MAX_QUERY_CHARS);
    assert!(app.status().is_some_and(|s| s.is_error));
    // Deleting makes room again.
    app.update(Action::FinderDeleteChar);
    app.update(Action::FinderInput('x'));
    assert!(query(&app).ends_with('x'));
    assert!(app.status().is_none());
}

#[test]
fn a_paste_outside_a_list_is_not_taken_for_keys() {
    let corpus = Corpus::load_paths(&[common::bundled()]);
    let mut app = App::new(corpus, Settings::new("briefings", "."), 100, 30);
    let before = format!("{:?}", app.overlay());
    app.paste("qqq/jjj");
    assert!(app.is_running());
    assert_eq!(format!("{:?}", app.overlay()), before);
}

#[test]
fn a_100_kb_query_that_matches_nothing_is_echoed_shortened() {
    let tmp = tempfile::tempdir().unwrap();
    let query = format!("zq{}", "x".repeat(100_000));
    let shown = format!("zq{}…", "x".repeat(78));
    common::sherpa(tmp.path())
        .args(["search", "--bundled", &query])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::ends_with(format!(
            "sherpa: nothing matches \"{shown}\"\n"
        )));
    // A short one is echoed whole.
    common::sherpa(tmp.path())
        .args(["search", "--bundled", "zqzqzq"])
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "sherpa: nothing matches \"zqzqzq\"\n",
        ));
}

#[test]
fn output_dash_is_standard_output_not_a_file_named_dash() {
    let tmp = tempfile::tempdir().unwrap();
    let bundled = common::bundled();
    let export = common::sherpa(tmp.path())
        .args(["export", "geneva-2021", "summary", "-o", "-", "--dir"])
        .arg(&bundled)
        .assert()
        .success()
        .stderr("");
    assert!(String::from_utf8_lossy(&export.get_output().stdout).contains("Geneva"));
    let book = common::sherpa(tmp.path())
        .args(["book", "geneva-2021", "-o", "-", "--dir"])
        .arg(&bundled)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&book.get_output().stdout).starts_with('#'));
    assert!(!tmp.path().join("-").exists());
}

/// The bundled briefings' finder entries, built once for every case.
fn bundled_entries() -> std::sync::Arc<sherpa::app::PickerEntries> {
    static ENTRIES: std::sync::OnceLock<std::sync::Arc<sherpa::app::PickerEntries>> =
        std::sync::OnceLock::new();
    let entries = ENTRIES.get_or_init(|| {
        std::sync::Arc::new(summit_entries(&Corpus::load_paths(&[common::bundled()])))
    });
    std::sync::Arc::clone(entries)
}

proptest::proptest! {
    // Typing 300 characters one by one rescores 300 times: a few dozen cases cover it.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A paste finds what typing the same text finds, up to the cap: one edit, same answer.
    #[test]
    fn a_paste_matches_what_typing_it_matches(
        typed_first in "[gen a2019!^'é]{0,6}",
        pasted in "[gen a2019!^'é\n]{0,300}",
    ) {
        let entries = bundled_entries();
        let mut by_paste = Picker::new("t", std::sync::Arc::clone(&entries), None);
        let mut by_keys = Picker::new("t", entries, None);
        for c in typed_first.chars() {
            by_paste.push(c);
            by_keys.push(c);
        }
        by_paste.push_str(&pasted);
        for c in pasted.chars() {
            by_keys.push(if c == '\n' { ' ' } else { c });
        }
        proptest::prop_assert_eq!(&by_paste.query, &by_keys.query);
        proptest::prop_assert_eq!(&by_paste.matches, &by_keys.matches);
        proptest::prop_assert!(by_paste.query.chars().count() <= MAX_QUERY_CHARS);
    }
}
