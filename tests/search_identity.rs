//! A text search kept across live reload: its places follow the items' keys, so an edit
//! above a match does not move `n` and `N` onto another item.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Effect, Overlay, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;

/// Presses keys through the real key table, running any search the app asks for.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = key_from_event(&key).and_then(|key| app.action_for_key(key))
            && let Effect::Search(request) = app.update(action)
        {
            app.search_finished(request.run());
        }
    }
}

fn press_code(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = key_from_event(&key).and_then(|key| app.action_for_key(key)) {
        app.update(action);
    }
}

fn selected_name(app: &App) -> String {
    assert_eq!(app.focus(), GridPane::Participants);
    let index = app.pane(GridPane::Participants).selected;
    app.briefing().unwrap().participants[index].name.clone()
}

#[test]
fn n_lands_on_the_same_item_after_a_participant_is_inserted_above_the_match() {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::fixtures("book")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
    }
    let load = || Corpus::load_paths(&[tmp.path().to_path_buf()]);
    let mut app = App::new(load(), Settings::new("book", "."), 120, 40);
    // Two matches, Bruno's and Chidi's notes, both in harbour-2012.
    press(&mut app, "/speaks for South at Harbour");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is not open");
    };
    for _ in 0..finder.matches.len() {
        press_code(&mut app, KeyCode::Down);
    }
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.briefing().unwrap().id(), "harbour-2012");
    assert_eq!(selected_name(&app), "Bruno Øberg");

    let file = tmp.path().join("harbour-2012.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let inserted = text.replacen(
        "[[participants]]",
        "[[participants]]\nname = \"Gia Newcomer\"\nrole = \"Adviser\"\nsources = [\"s1\"]\n\n[[participants]]",
        1,
    );
    std::fs::write(&file, inserted).unwrap();
    app.corpus_reloaded(load());
    assert_eq!(selected_name(&app), "Bruno Øberg");

    // By index, the search's next match (item 2) was now Bruno again, and after it came
    // Ada (item 1, once Chidi's place): `n` wrapped onto the wrong person.
    press(&mut app, "n");
    assert_eq!(selected_name(&app), "Chidi Okafor");
    assert!(app.status().is_none_or(|s| !s.text.contains("wrapped")));
    press(&mut app, "N");
    assert_eq!(selected_name(&app), "Bruno Øberg");
    press(&mut app, "N");
    assert_eq!(selected_name(&app), "Chidi Okafor");
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("wrapped around to the last")
    );
}
