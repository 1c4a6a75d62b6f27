//! Marks and where you left off, in the reader's state: the keys, the list of marks, going
//! back to a place, and the store the runner is asked to save.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{Accept, App, Effect, Overlay, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::item_key::ItemKey;
use sherpa_core::store::{Anchor, Position, Store};

fn good() -> Corpus {
    Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")])
}

fn reader(settings: Settings) -> App {
    let mut app = App::new(good(), settings, 120, 40);
    app.corpus_loaded(good());
    app
}

fn app() -> App {
    reader(Settings::new("good", PathBuf::from(".")))
}

/// Presses keys through the real key table; returns the effects.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let key = key_from_event(&KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
        if let Some(action) = app.action_for_key(key) {
            effects.push(app.update(action));
        }
    }
    effects
}

fn key(text: &str) -> ItemKey {
    ItemKey::parse(text).unwrap()
}

fn saved(effects: &[Effect]) -> &Store {
    match effects.last() {
        Some(Effect::SaveBook(store)) => store,
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn m_marks_the_selected_item_and_asks_to_save_then_removes_the_mark() {
    let mut app = app();
    app.book_loaded(Store::default(), &[]);
    // Beta, the latest summit; its goals pane, first goal.
    let effects = press(&mut app, "3m");
    let store = saved(&effects);
    let marked: Vec<String> = store.marks().map(|m| m.anchor.key.to_string()).collect();
    assert_eq!(marked, ["beta/goals/south.settle-the-islands"]);
    assert_eq!(
        store.marks().next().unwrap().anchor.quote,
        "South: Settle the islands."
    );
    assert_eq!(app.marked_items(GridPane::Goals), [0]);
    assert!(app.status().unwrap().text.starts_with("Marked"));
    let effects = press(&mut app, "m");
    assert_eq!(saved(&effects).marks().count(), 0);
    assert!(app.marked_items(GridPane::Goals).is_empty());
}

#[test]
fn the_marks_list_goes_to_the_marked_item_by_its_key() {
    let mut app = app();
    let mut store = Store::default();
    store.toggle_mark(
        Anchor {
            key: key("alpha/participants/bo-sample"),
            quote: "Bo Sample — Minister".to_owned(),
        },
        1,
    );
    app.book_loaded(store, &[]);
    press(&mut app, "'");
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("the marks list is open");
    };
    assert_eq!(picker.accept, Accept::Item);
    assert_eq!(picker.entries.len(), 1);
    assert_eq!(picker.entries.get(0).unwrap().text, "alpha · Participants");
    press(&mut app, "\n");
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    assert_eq!(app.focus(), GridPane::Participants);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
}

#[test]
fn an_orphaned_mark_is_listed_with_its_quote_and_goes_nowhere() {
    let mut app = app();
    let mut store = Store::default();
    store.toggle_mark(
        Anchor {
            key: key("alpha/participants/someone-gone"),
            quote: "Someone Gone".to_owned(),
        },
        1,
    );
    app.book_loaded(store, &[]);
    press(&mut app, "'");
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("the marks list is open");
    };
    let entry = picker.entries.get(0).unwrap();
    assert_eq!(entry.text, "orphaned · alpha/participants/someone-gone");
    assert_eq!(entry.detail, ["Someone Gone"]);
    press(&mut app, "\n");
    assert_eq!(app.briefing().unwrap().id(), "beta");
    assert!(app.status().unwrap().is_error);
}

#[test]
fn with_no_marks_the_list_says_how_to_mark() {
    let mut app = app();
    press(&mut app, "'");
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.status().unwrap().text.contains("m marks"));
}

fn left_at_alpha_goals() -> Store {
    let mut store = Store::default();
    store.set_position(Position {
        summit: "alpha".to_owned(),
        pane: Pane::Participants,
        item: Some(key("alpha/participants/bo-sample")),
        scroll: 0,
    });
    store
}

#[test]
fn the_reader_reopens_where_it_was_left_and_remembers_where_it_quits() {
    let mut app = app();
    app.book_loaded(left_at_alpha_goals(), &[]);
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    assert_eq!(app.focus(), GridPane::Participants);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    press(&mut app, "]3");
    let closing = app.closing_book();
    let position = closing.position().unwrap();
    assert_eq!(position.summit, "beta");
    assert_eq!(position.pane, Pane::Goals);
    assert_eq!(
        position.item,
        Some(key("beta/goals/south.settle-the-islands"))
    );
}

#[test]
fn the_store_read_before_the_corpus_is_gone_back_to_when_the_corpus_arrives() {
    let mut app = App::loading(Settings::new("good", "."), 120, 40);
    app.book_loaded(left_at_alpha_goals(), &[]);
    app.corpus_loaded(good());
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
}

#[test]
fn remember_position_off_opens_at_the_latest_summit_and_keeps_the_stored_place() {
    let mut settings = Settings::new("good", ".");
    settings.remember_position = false;
    let mut app = reader(settings);
    app.book_loaded(left_at_alpha_goals(), &[]);
    assert_eq!(app.briefing().unwrap().id(), "beta");
    assert_eq!(
        app.closing_book().position(),
        left_at_alpha_goals().position()
    );
}

#[test]
fn a_mark_made_before_the_store_is_read_is_merged_with_it() {
    let mut app = app();
    press(&mut app, "3m");
    let mut on_disk = Store::default();
    on_disk.toggle_mark(
        Anchor {
            key: key("alpha/participants/bo-sample"),
            quote: "Bo Sample".to_owned(),
        },
        1,
    );
    app.book_loaded(on_disk, &[]);
    assert_eq!(app.book().marks().count(), 2);
}

#[test]
fn a_damaged_store_is_reported_in_the_status_line() {
    let mut app = app();
    let (store, diagnostics) = Store::parse("book.toml", "[[marks]]\nitem = \"nope\"\n");
    app.book_loaded(store, &diagnostics);
    let status = app.status().unwrap();
    assert!(status.is_error);
    assert!(status.text.contains("book.toml:2:8"), "{}", status.text);
}

/// A store with a note on Bo Sample (written 3 Dec 2025) and one on an item that is gone.
fn with_notes() -> Store {
    let mut store = Store::default();
    store.set_note(
        Anchor {
            key: key("alpha/participants/bo-sample"),
            quote: "Bo Sample — Minister".to_owned(),
        },
        "ask about the 2018 deal",
        1_764_720_000,
    );
    store.set_note(
        Anchor {
            key: key("alpha/participants/someone-gone"),
            quote: "Someone Gone".to_owned(),
        },
        "who replaced them?",
        1_764_720_000,
    );
    store
}

#[test]
fn the_notes_list_shows_each_note_with_its_item_and_day_and_goes_to_it() {
    let mut app = app();
    app.book_loaded(with_notes(), &[]);
    press(&mut app, "\"");
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("the notes list is open");
    };
    assert_eq!(picker.accept, Accept::Item);
    assert_eq!(picker.entries.len(), 2);
    let placed = picker.entries.get(0).unwrap();
    assert_eq!(placed.text, "alpha · Participants");
    assert_eq!(
        placed.detail,
        [
            "✎ ask about the 2018 deal",
            "Bo Sample — Minister",
            "written 3 Dec 2025"
        ]
    );
    let orphaned = picker.entries.get(1).unwrap();
    assert_eq!(orphaned.text, "orphaned · alpha/participants/someone-gone");
    assert_eq!(
        orphaned.detail,
        [
            "✎ who replaced them?",
            "was on: Someone Gone",
            "written 3 Dec 2025"
        ]
    );
    press(&mut app, "\n");
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    assert_eq!(app.focus(), GridPane::Participants);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
}

#[test]
fn with_no_notes_the_list_says_how_to_write_one() {
    let mut app = app();
    press(&mut app, "\"");
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.status().unwrap().text.contains("a writes one"));
}

#[test]
fn a_save_finishing_after_a_later_change_keeps_that_change() {
    let mut app = app();
    app.book_loaded(Store::default(), &[]);
    let effects = press(&mut app, "3m");
    let first = saved(&effects).clone();
    press(&mut app, "4m");
    // Saves run in the background: the first reports back after the second mark.
    app.book_saved(Ok(first));
    assert_eq!(app.marked_items(GridPane::Goals), [0]);
    assert_eq!(app.marked_items(GridPane::Disagreements), [0]);
}

#[test]
fn a_quote_cut_at_its_limit_ends_in_an_ellipsis_in_the_lists() {
    // 80 characters kept, as the store cuts a long item's text: the lists say it was cut.
    let long = "Pétur ".repeat(14).chars().take(80).collect::<String>();
    let mut app = app();
    let mut store = Store::default();
    let anchor = Anchor {
        key: key("alpha/participants/someone-gone"),
        quote: long.clone(),
    };
    store.toggle_mark(anchor.clone(), 1);
    store.set_note(anchor, "a note", 1);
    app.book_loaded(store, &[]);
    for list in ["'", "\""] {
        press(&mut app, list);
        let Overlay::Picker(picker) = app.overlay() else {
            panic!("the list {list} is open");
        };
        let quote = picker
            .entries
            .get(0)
            .unwrap()
            .detail
            .iter()
            .find(|d| d.contains("Pétur"));
        let quote = quote.unwrap().trim_start_matches("was on: ");
        assert!(quote.ends_with("Pétur P…"), "{quote}");
        assert_eq!(quote.chars().count(), 80, "{quote}");
        assert!(long.starts_with(quote.trim_end_matches('…')), "{quote}");
        press(&mut app, "\u{1b}");
    }
}
