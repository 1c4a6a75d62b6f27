//! The per-file limits as a user meets them: a file with thousands of problems prints the
//! first hundred and one line counting the rest, with exact totals and exit status; a file
//! over the item limit is refused at its position.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::fmt::Write as _;

use common::sherpa;

const HEADER: &str = "[summit]\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n";

/// The shown cap, as `sherpa check --help` states it.
const SHOWN: usize = 100;

/// A briefing with `count` unknown top-level keys, written to `dir/keys.toml`.
fn unknown_keys(dir: &std::path::Path, count: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for i in 0..count {
        writeln!(text, "k{i} = 1").unwrap();
    }
    text.push_str(HEADER);
    let path = dir.join("keys.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_shows_the_first_hundred_problems_of_a_file_and_counts_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let count = 5_000;
    let file = unknown_keys(tmp.path(), count);
    let output = sherpa(tmp.path()).arg("check").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings alone pass");
    let out = String::from_utf8(output.stdout).unwrap();
    let headlines: Vec<&str> = out.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(headlines.len(), SHOWN + 1, "{out}");
    // Each shown warning is at its key's line: `k{i}` is on line i + 1. (Keys are found
    // in the parser's order, `k0`, `k1`, `k10`, ..., not the file's.)
    for line in &headlines[..SHOWN] {
        let key: usize = line
            .split("`k")
            .nth(1)
            .unwrap()
            .split('`')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            line.contains(&format!(
                "keys.toml:{}:1: warning: unknown key `k{key}` is ignored",
                key + 1
            )),
            "{line}"
        );
    }
    assert!(
        headlines[SHOWN].ends_with(
            "keys.toml: warning: … and 4,900 more warnings in this file (only the first 100 problems of a file are shown)"
        ),
        "{}",
        headlines[SHOWN]
    );
    assert!(
        out.ends_with("1 briefing loaded, 0 files skipped: 0 errors, 5000 warnings\n"),
        "{out}"
    );

    // --strict counts every warning, shown or not.
    let output = sherpa(tmp.path())
        .args(["check", "--strict"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.ends_with("0 errors, 5000 warnings (--strict: warnings count as errors)\n"),
        "{out}"
    );
}

#[test]
fn a_file_over_the_item_limit_is_refused_at_the_first_item_over() {
    let tmp = tempfile::tempdir().unwrap();
    // One item per key, before the header: key `k200000`, on line 200,001, is the first
    // over the limit of 200,000.
    let file = unknown_keys(tmp.path(), 200_001);
    let output = sherpa(tmp.path()).arg("check").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.ends_with(
            "keys.toml:200001:9: error: more than 200,000 keys, tables and values, the limit for one briefing; skipped"
        ),
        "{first}"
    );
    assert!(
        out.ends_with("0 briefings loaded, 1 file skipped: 1 error, 0 warnings\n"),
        "{out}"
    );
}
