//! A summit whose file does not load is one key or command away from being fixed (issue 24,
//! point 4): `edit`, `export` and `show` name the file and its first error and point to
//! `sherpa check`, instead of saying there is no such summit.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

mod common;

use common::{fixtures, sherpa};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use sherpa::app::{App, Effect, Settings};
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;

fn press(app: &mut App, code: KeyCode) -> Effect {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action)
}

/// The invented book copied into `dir`, with ridge-2015's date made invalid on line 4.
fn book_with_a_broken_ridge(dir: &Path) -> PathBuf {
    let book = dir.join("book");
    std::fs::create_dir(&book).unwrap();
    for entry in std::fs::read_dir(fixtures("book")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, book.join(path.file_name().unwrap())).unwrap();
    }
    let ridge = book.join("ridge-2015.toml");
    let text = std::fs::read_to_string(&ridge).unwrap();
    assert_eq!(text.lines().nth(3), Some("date = 2015-02-20"));
    std::fs::write(&ridge, text.replace("date = 2015-02-20", "date = 2015-02-")).unwrap();
    book
}

#[test]
fn edit_export_and_show_name_the_broken_file_its_first_error_and_sherpa_check() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_with_a_broken_ridge(tmp.path());
    let file = book.join("ridge-2015.toml");
    let commands: [&[&str]; 3] = [
        &["edit", "ridge-2015"],
        &["export", "ridge-2015"],
        &["show", "ridge-2015", "--no-pager"],
    ];
    for args in commands {
        sherpa(tmp.path())
            .args(args)
            .arg("--dir")
            .arg(&book)
            .env("VISUAL", "true")
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(format!(
                    "summit \"ridge-2015\" is in {}, which does not load",
                    file.display()
                ))
                .and(predicate::str::contains(format!("{}:4:", file.display())))
                .and(predicate::str::contains("error:"))
                .and(predicate::str::contains(format!(
                    "`sherpa check {}` lists every problem",
                    file.display()
                )))
                .and(predicate::str::contains("no summit with id").not()),
            );
    }
}

#[test]
fn an_id_with_no_file_still_suggests_the_closest_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_with_a_broken_ridge(tmp.path());
    sherpa(tmp.path())
        .args(["export", "harbour-2013", "--dir"])
        .arg(&book)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no summit with id \"harbour-2013\"; did you mean harbour-2012?",
        ));
}

#[test]
fn enter_in_the_problems_view_opens_the_broken_file_at_the_problems_line() {
    let tmp = tempfile::tempdir().unwrap();
    let book = book_with_a_broken_ridge(tmp.path());
    let corpus = Corpus::load_paths(std::slice::from_ref(&book));
    let mut app = App::new(corpus, Settings::new("book", "."), 120, 40);
    assert_eq!(press(&mut app, KeyCode::Char('!')), Effect::None);
    let effect = press(&mut app, KeyCode::Enter);
    // At line 4 of the broken file; the runner finds the editor, not `update`.
    assert_eq!(
        effect,
        Effect::Edit {
            file: book.join("ridge-2015.toml"),
            at: sherpa::app::EditAt::Line(Some(4)),
        }
    );
}

#[test]
fn enter_in_a_problems_view_without_problems_says_so() {
    let corpus = Corpus::load_paths(&[fixtures("book")]);
    let mut app = App::new(corpus, Settings::new("book", "."), 120, 40);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(app.status().unwrap().text.contains("No problem to open"));
}
