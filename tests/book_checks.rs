//! `sherpa check` runs the book checks: warnings by default, errors under `--strict`.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::{fixtures, sherpa};
use predicates::prelude::*;

#[test]
fn check_warns_about_a_one_sided_disagreement_and_strict_fails_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = fixtures("book_checks/one-sided");
    let warning =
        "lone.toml:9: warning: disagreements[0] (Fishing rights): gives one party's position";
    sherpa(tmp.path())
        .arg("check")
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains(warning))
        .stdout(predicate::str::ends_with(
            "1 briefing loaded, 0 files skipped: 0 errors, 3 warnings\n",
        ));
    sherpa(tmp.path())
        .args(["check", "--strict"])
        .arg(&folder)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(warning))
        .stdout(predicate::str::ends_with(
            "0 errors, 3 warnings (--strict: warnings count as errors)\n",
        ));
}

#[test]
fn strict_check_fails_on_an_unexplained_status_move_and_on_incomplete_sources() {
    let tmp = tempfile::tempdir().unwrap();
    for (folder, message) in [
        (
            "unexplained-move",
            "\"debt\" moves from narrowed at a-first to open here",
        ),
        ("incomplete-sources", "sources[0] (undated): has no date"),
    ] {
        sherpa(tmp.path())
            .args(["check", "--strict"])
            .arg(fixtures(&format!("book_checks/{folder}")))
            .assert()
            .code(1)
            .stdout(predicate::str::contains(message));
    }
}

#[test]
fn strict_check_passes_a_good_book() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["check", "--strict", "--require-sources"])
        .arg(fixtures("book_checks/good"))
        .assert()
        .success()
        .stdout("2 briefings loaded, 0 files skipped: 0 errors, 0 warnings\n");
}

#[test]
fn the_bundled_briefings_pass_the_strictest_check() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["check", "--strict", "--require-sources"])
        .arg(common::bundled())
        .assert()
        .success()
        .stdout("19 briefings loaded, 0 files skipped: 0 errors, 0 warnings\n");
}
