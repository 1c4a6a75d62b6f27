//! Hostile input, round three, outside the reader: closed and full outputs for `new`, FIFOs
//! and endless files as the config, a path that is no folder for `new --dir`, and huge
//! arguments echoed back. Each test names the way the attack arrives.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;
use std::process::Stdio;

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
