//! `--color` and `-q`: what commands print around their answer. Under `never`, `NO_COLOR`
//! or `TERM=dumb` no escape sequence at all reaches the terminal; `-q` drops the note of
//! which briefings are read.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::ffi::OsStr;

use common::{Session, bundled, sherpa};

const ESC: u8 = 0x1b;
/// Environment variables set for one run.
type Env<'a> = &'a [(&'a str, &'a str)];
/// How `search` marks a match in colour.
const MATCH: &str = "\u{1b}[1;31mceasefire\u{1b}[0m";

/// `sherpa search ceasefire` in a pipe, with `args` before the query and `env` set.
fn search_piped(args: &[&str], env: &[(&str, &str)]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = sherpa(tmp.path());
    cmd.arg("search").args(args).arg("ceasefire").arg(bundled());
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).unwrap()
}

/// The bytes `sherpa search ceasefire` writes to a terminal, with `args` and `env`.
fn search_on_terminal(args: &[&str], env: &[(&str, &str)]) -> Option<Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let bundled = bundled();
    let mut all: Vec<&OsStr> = vec!["search".as_ref()];
    all.extend(args.iter().map(OsStr::new));
    all.extend(["ceasefire".as_ref(), bundled.as_os_str()]);
    let mut session = Session::start_with_env(tmp.path(), &all, env, 200, 50)?;
    assert_eq!(session.wait_exit(), 0);
    Some(session.raw())
}

#[test]
fn a_terminal_gets_colour_unless_never_no_color_or_dumb() {
    let Some(coloured) = search_on_terminal(&[], &[]) else {
        return;
    };
    assert!(
        String::from_utf8_lossy(&coloured).contains(MATCH),
        "matches are marked on a terminal"
    );
    let plain: [(&[&str], Env); 3] = [
        (&["--color", "never"], &[]),
        (&[], &[("NO_COLOR", "1")]),
        (&[], &[("TERM", "dumb")]),
    ];
    for (args, env) in plain {
        let raw = search_on_terminal(args, env).unwrap();
        assert!(
            !raw.contains(&ESC),
            "an escape with {args:?} {env:?}:\n{}",
            String::from_utf8_lossy(&raw)
        );
        assert!(String::from_utf8_lossy(&raw).contains("ceasefire"));
    }
}

#[test]
fn always_and_clicolor_force_colour_a_pipe() {
    assert!(!search_piped(&[], &[]).contains('\u{1b}'));
    assert!(search_piped(&["--color", "always"], &[]).contains(MATCH));
    assert!(search_piped(&["--color=always"], &[("NO_COLOR", "1")]).contains(MATCH));
    assert!(search_piped(&[], &[("CLICOLOR_FORCE", "1")]).contains(MATCH));
    assert!(!search_piped(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    assert!(!search_piped(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
}

#[test]
fn quiet_drops_the_note_of_where_briefings_come_from() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .arg("list")
        .assert()
        .success()
        .stderr("sherpa: reading the bundled briefings\n");
    for args in [&["list", "-q"][..], &["--quiet", "list"], &["-q", "check"]] {
        sherpa(tmp.path()).args(args).assert().success().stderr("");
    }
}

#[test]
fn every_command_that_prints_takes_color_and_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    for command in [
        &["list"][..],
        &["timeline"],
        &["board"],
        &["check"],
        &["search", "ceasefire"],
        &["export", "geneva-2021", "goals", "--no-pager"],
    ] {
        sherpa(tmp.path())
            .args(command)
            .args(["--color", "never", "--quiet"])
            .assert()
            .success()
            .stderr("");
    }
}
