//! The contract between the reader's state and the runner: `update` names the work and
//! the runner does it, so no action reads a file or the environment.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use sherpa::app::{Action, App, EditAt, Effect, Settings};
use sherpa::tui::editor::command_at;
use sherpa_core::corpus::{Corpus, ItemPlace};
use sherpa_core::model::ItemTable;

#[test]
fn edit_briefing_names_the_file_and_item_without_reading_either() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("alpha.toml");
    std::fs::copy(common::fixtures("good").join("alpha.toml"), &file).unwrap();
    let corpus = Corpus::load_paths(std::slice::from_ref(&file));
    let mut app = App::new(corpus, Settings::new("t", "."), 120, 40);
    // The file is gone and nothing can be read: `update` must not need to. (Before, it read
    // the file for the line and `$VISUAL`/`$EDITOR` for the program.)
    std::fs::remove_file(&file).unwrap();
    app.update(Action::Down);
    let effect = app.update(Action::EditBriefing);
    let Effect::Edit {
        file: edited,
        at: EditAt::Item { key, loaded_at },
    } = effect
    else {
        panic!("{effect:?}")
    };
    assert_eq!(edited, file);
    assert_eq!(key.to_string(), "alpha/participants/bo-sample");
    assert_eq!(loaded_at, ItemPlace::Item(ItemTable::Participants, 1));
    assert_eq!(
        app.status(),
        None,
        "nothing to report before the editor runs"
    );
}

#[test]
fn a_reload_counts_one_briefing_in_the_singular() {
    let one = || Corpus::load_paths(&[common::fixtures("good").join("alpha.toml")]);
    let mut app = App::new(one(), Settings::new("t", "."), 120, 40);
    app.corpus_reloaded(one());
    assert_eq!(app.status().unwrap().text, "Reloaded 1 briefing");
}

#[test]
fn the_editor_opens_at_the_item_by_its_key_even_after_an_edit_above_it() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("alpha.toml");
    std::fs::copy(common::fixtures("good").join("alpha.toml"), &file).unwrap();
    let corpus = Corpus::load_paths(std::slice::from_ref(&file));
    let mut app = App::new(corpus, Settings::new("t", "."), 120, 40);
    app.update(Action::Down);
    let Effect::Edit { at, .. } = app.update(Action::EditBriefing) else {
        panic!("E edits")
    };
    // Before the editor starts, someone adds a participant above Bo Sample.
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "[[participants]]",
        "[[participants]]\nname = \"New Person\"\nsources = [\"a1\"]\n\n[[participants]]",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    let bo = edited
        .lines()
        .position(|line| line == "name = \"Bo Sample\"")
        .unwrap();
    let command = command_at(&file, at).unwrap();
    // The header line above Bo Sample's name, 1-based: `+N FILE`, or `FILE:N` for the
    // editors that take it so, whichever the environment names.
    let args: Vec<String> = command
        .args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    assert!(
        args.iter()
            .any(|a| *a == format!("+{bo}") || a.ends_with(&format!(":{bo}"))),
        "opens at Bo Sample's [[participants]] (line {bo}): {args:?}"
    );
}
