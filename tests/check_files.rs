//! `sherpa check FILE`: one file of a folder, as a pre-commit hook checks it, is checked
//! against the rest of its folder, and only its own problems are reported.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::{bundled, sherpa};

fn check(dir: &std::path::Path, args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let output = sherpa(dir).arg("check").args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn each_bundled_briefing_checks_on_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(bundled()).unwrap() {
        let path = entry.unwrap().path();
        let (code, out) = check(tmp.path(), &["--strict".as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(0), "{}:\n{out}", path.display());
        assert!(
            out.ends_with("1 briefing loaded, 0 files skipped: 0 errors, 0 warnings\n"),
            "{}:\n{out}",
            path.display()
        );
    }
}

#[test]
fn only_the_named_files_problems_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("linked.toml"),
        "[summit]\ntitle = \"L\"\ndate = 2019-01-01\nlocation = \"L\"\nbroken = 1\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.toml"), "[summit\n").unwrap();
    std::fs::write(
        dir.join("named.toml"),
        "[summit]\ntitle = \"N\"\ndate = 2020-01-01\nlocation = \"L\"\n\n\
         [[prior_meetings]]\ndate = 2019-01-01\nplace = \"P\"\nsummary = \"S\"\nsummit = \"linked\"\n",
    )
    .unwrap();
    let (code, out) = check(dir, &["named.toml".as_ref()]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out, "1 briefing loaded, 0 files skipped: 0 errors, 0 warnings\n",
        "the link resolves; the neighbours' problems are theirs"
    );
    // The folder named stays as it was: every file's problems.
    let (code, out) = check(dir, &[".".as_ref()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("broken.toml"), "{out}");
}

#[test]
fn a_named_file_repeating_a_neighbours_id_is_the_one_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let summit = |title: &str| {
        format!(
            "[summit]\nid = \"same\"\ntitle = \"{title}\"\ndate = 2020-01-01\nlocation = \"L\"\n"
        )
    };
    std::fs::write(dir.join("z-existing.toml"), summit("Existing")).unwrap();
    // Sorted before its neighbour, yet it is the one skipped.
    std::fs::write(dir.join("a-new.toml"), summit("New")).unwrap();
    let (code, out) = check(dir, &["a-new.toml".as_ref()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "a-new.toml:2:1: error: duplicate summit id \"same\": already used by z-existing.toml"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("0 briefings loaded, 1 file skipped: 1 error, 0 warnings\n"),
        "{out}"
    );
}
