//! `d` (follow a disagreement) says why it cannot: a briefing with no disagreement at all
//! is not "a disagreement without an id" (what it said before, found trying the reader on
//! a summit whose Disagreements pane was empty).

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;

const FIXTURE: &str = include_str!("fixtures/book/delta-2019.toml");

fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action);
}

/// The reader on `text` as its one briefing, `d` pressed in the Disagreements pane.
fn follow(text: &str) -> App {
    let corpus = Corpus::from_sources([("delta-2019.toml", text)]);
    assert_eq!(corpus.len(), 1);
    let mut app = App::new(corpus, Settings::new("book", "."), 120, 40);
    press(&mut app, '4');
    press(&mut app, 'd');
    app
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn a_briefing_without_disagreements_says_there_is_none_to_follow() {
    let disagreements = FIXTURE.find("[[disagreements]]").unwrap();
    let sources = FIXTURE.find("[[sources]]").unwrap();
    let text = format!("{}{}", &FIXTURE[..disagreements], &FIXTURE[sources..]);
    let app = follow(&text);
    assert_eq!(status(&app), "This briefing has no disagreement to follow");
    assert!(matches!(app.overlay(), Overlay::None));
}

#[test]
fn a_disagreement_without_an_id_says_it_cannot_be_followed() {
    let text = FIXTURE.replacen("id = \"river-border\"\n", "", 1);
    assert_ne!(text, FIXTURE);
    let app = follow(&text);
    assert_eq!(
        status(&app),
        "This disagreement has no id, so it cannot be followed"
    );
}

#[test]
fn a_disagreement_with_an_id_opens_its_history() {
    let app = follow(FIXTURE);
    assert!(
        matches!(app.overlay(), Overlay::Picker(_)),
        "{}",
        status(&app)
    );
}
