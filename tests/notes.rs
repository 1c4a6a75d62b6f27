//! Notes in the reader's state: `a` opens an input line, `Enter` keeps the note under its
//! item (in the pane's lines, counted in the title) and asks for the store to be saved.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Effect};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa_core::item_key::ItemKey;
use sherpa_core::render_text::LineStyle;

fn app() -> App {
    common::good_reader()
}

fn press_code(app: &mut App, code: KeyCode) -> Effect {
    let key = key_from_event(&KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    app.action_for_key(key)
        .map_or(Effect::None, |action| app.update(action))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press_code(app, KeyCode::Char(c));
    }
}

#[test]
fn a_writes_a_note_under_the_selected_item_and_asks_to_save() {
    let mut app = app();
    type_text(&mut app, "3a");
    assert_eq!(app.note_input(), Some(""));
    // Keys type while the input line is open: `q` and `m` are text, not commands.
    type_text(&mut app, "ask me quickly");
    assert!(app.is_running());
    assert!(common::drawn(&app).contains("Note: ask me quickly"));
    let effect = press_code(&mut app, KeyCode::Enter);
    let Effect::SaveBook(store) = effect else {
        panic!("expected a save, got {effect:?}");
    };
    let key = ItemKey::parse("beta/goals/south.settle-the-islands").unwrap();
    assert_eq!(store.note(&key).unwrap().text, "ask me quickly");
    assert_eq!(app.note_input(), None);
    assert!(store.marks().next().is_none(), "typing m did not mark");
    let lines = &app.pane(GridPane::Goals).text.lines;
    let note = lines
        .iter()
        .find(|line| line.style == LineStyle::UserNote)
        .unwrap();
    assert_eq!(note.text.as_str().trim(), "✎ you: ask me quickly");
    assert_eq!(note.item, Some(0), "the note belongs to its item");
    assert!(common::drawn(&app).contains("Goals (1, 1 note)"));
}

#[test]
fn esc_leaves_the_note_as_it_was_and_an_emptied_note_is_removed() {
    let mut app = app();
    type_text(&mut app, "3a");
    type_text(&mut app, "first");
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "a");
    assert_eq!(app.note_input(), Some("first"), "the note is there to edit");
    type_text(&mut app, " more");
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.note_input(), None);
    let key = ItemKey::parse("beta/goals/south.settle-the-islands").unwrap();
    assert_eq!(app.book().note(&key).unwrap().text, "first");
    type_text(&mut app, "a");
    for _ in 0..5 {
        press_code(&mut app, KeyCode::Backspace);
    }
    let effect = press_code(&mut app, KeyCode::Enter);
    assert!(matches!(effect, Effect::SaveBook(_)));
    assert!(app.book().note(&key).is_none());
    assert!(
        !app.pane(GridPane::Goals)
            .text
            .lines
            .iter()
            .any(|line| line.style == LineStyle::UserNote)
    );
}

#[test]
fn shift_a_asks_for_the_editor_on_the_items_note_and_keeps_what_it_wrote() {
    let mut app = app();
    type_text(&mut app, "3a");
    type_text(&mut app, "first");
    press_code(&mut app, KeyCode::Enter);
    let Effect::EditNote { anchor, text } = press_code(&mut app, KeyCode::Char('A')) else {
        panic!("expected the editor");
    };
    let key = ItemKey::parse("beta/goals/south.settle-the-islands").unwrap();
    assert_eq!(anchor.key, key);
    assert_eq!(text, "first", "the note so far is in the editor");
    // A longer note's lines are kept as one, as every note is shown on its item.
    let effect = app.note_edited(anchor, Ok("first thoughts\nand a second line\n".into()));
    let Effect::SaveBook(store) = effect else {
        panic!("expected a save, got {effect:?}");
    };
    assert_eq!(
        store.note(&key).unwrap().text,
        "first thoughts and a second line"
    );
    assert!(common::drawn(&app).contains("✎ you: first thoughts and a second line"));
    assert_eq!(app.status().unwrap().text, "Note kept");
}

#[test]
fn an_editor_that_fails_leaves_the_note_as_it_was() {
    let mut app = app();
    type_text(&mut app, "3");
    let Effect::EditNote { anchor, .. } = press_code(&mut app, KeyCode::Char('A')) else {
        panic!("expected the editor");
    };
    let effect = app.note_edited(anchor, Err("the editor `vi` failed: exit status: 1".into()));
    assert_eq!(effect, Effect::None);
    assert!(app.book().notes().next().is_none());
    let status = app.status().unwrap();
    assert!(status.is_error);
    assert_eq!(
        status.text,
        "Note not changed: the editor `vi` failed: exit status: 1"
    );
}

/// `A`, and the editor closed on the text it opened with: nothing is saved, and the
/// status line says so.
fn edit_without_change(app: &mut App) {
    let Effect::EditNote { anchor, text } = press_code(app, KeyCode::Char('A')) else {
        panic!("expected the editor");
    };
    assert_eq!(
        app.note_edited(anchor, Ok(format!("{text}\n"))),
        Effect::None
    );
    assert_eq!(app.status().unwrap().text, "Note not changed");
}

#[test]
fn an_editor_that_changes_nothing_says_so_and_saves_nothing() {
    let mut app = app();
    type_text(&mut app, "3");
    // No note yet: the editor opens on an empty file and is closed as it was.
    edit_without_change(&mut app);
    // A note kept, then the editor closed on the same words.
    type_text(&mut app, "a");
    type_text(&mut app, "first");
    press_code(&mut app, KeyCode::Enter);
    edit_without_change(&mut app);
    assert_eq!(app.book().notes().count(), 1, "the note is still there");
}
