//! `sherpa notes --export FILE` and `--import FILE`: notes shared with a colleague, merged
//! by item and never twice; a hostile import file is reported at its `path:line:col`.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, sherpa};
use sherpa_core::store::{Store, corpus_sources, store_path};

/// The store of the `good` fixtures for a run in `dir`.
fn store_of(dir: &Path) -> PathBuf {
    let sources = corpus_sources(&[fixtures("good")], false);
    store_path(&dir.join("data/sherpa"), &sources)
}

fn write_store(dir: &Path, text: &str) {
    let path = store_of(dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
}

fn notes_of(dir: &Path) -> Vec<(String, String)> {
    let (store, problems) = Store::load(&store_of(dir));
    assert!(problems.is_empty(), "{problems:?}");
    store
        .notes()
        .map(|note| (note.anchor.key.to_string(), note.text.clone()))
        .collect()
}

const ANNS: &str = "[[marks]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo\"\nat = 1\n\n\
    [[notes]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo Sample\"\n\
    text = \"ask about the deal\"\nat = 5\n\n\
    [[notes]]\nitem = \"beta/goals/south.settle-the-islands\"\nquote = \"South\"\n\
    text = \"which islands?\"\nat = 6\n";

#[test]
fn exported_notes_imported_by_a_colleague_are_merged_by_item_never_twice() {
    let ann = tempfile::tempdir().unwrap();
    write_store(ann.path(), ANNS);
    let shared = ann.path().join("shared-notes.toml");
    sherpa(ann.path())
        .args(["notes", "--export"])
        .arg(&shared)
        .arg(fixtures("good"))
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote 2 notes"));
    let text = std::fs::read_to_string(&shared).unwrap();
    assert!(!text.contains("[[marks]]"), "marks stay Ann's: {text}");

    // Bob has an older note of his own on Bo Sample and a newer one on the islands.
    let bob = tempfile::tempdir().unwrap();
    write_store(
        bob.path(),
        "[[notes]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo Sample\"\n\
         text = \"Bob's older note\"\nat = 1\n\n\
         [[notes]]\nitem = \"beta/goals/south.settle-the-islands\"\nquote = \"South\"\n\
         text = \"Bob's newer note\"\nat = 9\n",
    );
    for _ in 0..2 {
        sherpa(bob.path())
            .args(["notes", "--import"])
            .arg(&shared)
            .arg(fixtures("good"))
            .assert()
            .success();
    }
    assert_eq!(
        notes_of(bob.path()),
        [
            (
                "alpha/participants/bo-sample".to_owned(),
                "ask about the deal".to_owned()
            ),
            (
                "beta/goals/south.settle-the-islands".to_owned(),
                "Bob's newer note".to_owned()
            ),
        ]
    );
}

#[test]
fn a_hostile_import_file_is_reported_at_its_place_and_its_readable_notes_are_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let hostile = tmp.path().join("hostile.toml");
    std::fs::write(
        &hostile,
        "[[notes]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo\"\n\
         text = \"kept\"\nat = 5\n\n\
         [[notes]]\nitem = \"../../etc\u{1b}]0;x\u{7}\"\ntext = 3\n",
    )
    .unwrap();
    let output = sherpa(tmp.path())
        .args(["notes", "--import"])
        .arg(&hostile)
        .arg(fixtures("good"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:8:", hostile.display())),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("imported 1 of 1 note"), "{stderr}");
    assert_eq!(
        notes_of(tmp.path()),
        [("alpha/participants/bo-sample".to_owned(), "kept".to_owned())]
    );
}

#[test]
fn importing_a_missing_file_fails_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["notes", "--import"])
        .arg(tmp.path().join("none.toml"))
        .arg(fixtures("good"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cannot read notes to import: no such file",
        ));
    assert!(!store_of(tmp.path()).exists());
}

const ONE_NOTE: &str = "[[notes]]\nitem = \"alpha/participants/bo-sample\"\nquote = \"Bo Sample\"\n\
    text = \"ask about the deal\\u001b[31m\"\nat = 1764720000\n";

#[test]
fn show_and_export_print_your_notes_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    write_store(tmp.path(), ONE_NOTE);
    let section = "Your notes\n\n  Participants · Bo Sample\n    \
                   ✎ you: ask about the deal^[[31m (written 3 Dec 2025)\n";
    let show = |notes: bool| {
        let mut command = sherpa(tmp.path());
        command
            .args(["show", "alpha", "--no-pager"])
            .arg(fixtures("good"));
        if notes {
            command.arg("--notes");
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    assert!(
        show(true).ends_with(&format!("\n{section}")),
        "{}",
        show(true)
    );
    assert!(!show(false).contains("Your notes"));
    let export = |args: &[&str]| {
        let output = sherpa(tmp.path())
            .arg("export")
            .args(args)
            .arg("--notes")
            .arg(fixtures("good"))
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (code, text) = export(&["alpha", "participants"]);
    assert_eq!(code, Some(0));
    assert!(text.ends_with(&format!("\n{section}")), "{text}");
    let (_, text) = export(&["alpha", "goals"]);
    assert!(!text.contains("Your notes"), "the note is on another pane");
    let (_, text) = export(&["alpha", "participants", "--format", "markdown"]);
    assert!(
        text.ends_with(
            "## Your notes\n\n- **Participants · Bo Sample**: ask about the deal^[[31m \
             _(written 3 Dec 2025)_\n"
        ),
        "{text}"
    );
    let (code, text) = export(&["alpha", "participants", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert!(text.is_empty());
}

#[test]
fn book_prints_your_notes_after_the_summits_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    write_store(tmp.path(), ONE_NOTE);
    let book = |args: &[&str]| {
        let output = sherpa(tmp.path())
            .arg("book")
            .args(args)
            .arg("--dir")
            .arg(fixtures("good"))
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let markdown = book(&["--notes"]);
    assert!(
        markdown.ends_with(
            "\n## Your notes\n\n### Alpha summit\n\n\
             - **Participants · Bo Sample**: ask about the deal^[[31m _(written 3 Dec 2025)_\n"
        ),
        "{markdown}"
    );
    assert!(!book(&[]).contains("Your notes"));
    let html = book(&["--notes", "--format", "html"]);
    let notes = html.find("<h2>Your notes</h2>").unwrap();
    assert!(notes < html.rfind("</main>").unwrap(), "inside the page");
    assert!(
        html.contains(
            "<li><strong>Participants · Bo Sample</strong>: ask about the deal^[[31m \
             <em>(written 3 Dec 2025)</em></li>"
        ),
        "{html}"
    );
}
