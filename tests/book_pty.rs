//! Your own book with the real binary in a pseudo-terminal: a mark and the reader's place
//! survive quitting, and the file they are kept in is where the README says.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::ffi::OsStr;

use common::{Session, fixtures};

#[test]
fn the_reader_reopens_where_it_was_left_with_its_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = fixtures("good");
    let args = [corpus.as_os_str()];
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    // To alpha, its goals, the mark on the first one; then quit.
    session.send("[");
    session.wait_for("Alpha summit");
    session.send("3");
    session.send("m");
    session.wait_for("1 marked");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let books = tmp.path().join("data/sherpa/books");
    let files: Vec<_> = std::fs::read_dir(&books)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "one file for the corpus");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("[[marks]]\nitem = \"alpha/goals/"), "{text}");
    let sources = format!(
        "sources = [\"{}\"]",
        corpus.canonicalize().unwrap().display()
    );
    assert!(text.contains(&sources), "{text}");
    assert!(
        text.contains("[position]\nsummit = \"alpha\"\npane = \"goals\""),
        "{text}"
    );

    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    let screen = session.wait_for("Alpha summit");
    session.wait_for("1 marked");
    assert!(!screen.contains("Beta summit"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_note_written_in_the_reader_is_under_its_item_after_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = fixtures("good");
    let args = [corpus.as_os_str()];
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    session.send("3a");
    session.wait_for("Note:");
    session.send("ask about the islands\r");
    session.wait_for("✎ you: ask about the islands");
    session.wait_for("1 note");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("✎ you: ask about the islands");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn remember_position_false_opens_at_the_latest_summit() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = fixtures("good");
    let args = [corpus.as_os_str()];
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    session.send("[");
    session.wait_for("Alpha summit");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let config = tmp.path().join("config.toml");
    std::fs::write(&config, "remember-position = false\n").unwrap();
    let args = [
        OsStr::new("--config"),
        config.as_os_str(),
        corpus.as_os_str(),
    ];
    let Some(mut session) = Session::start(tmp.path(), &args, 120, 40) else {
        return;
    };
    session.wait_for("Beta summit");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
