//! What a new user read wrong (session 13): counts in the singular, the command list's
//! descriptions, and `diff` given one summit twice.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

use common::{buffer, rows};

fn press(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action);
}

/// The bottom edge of the open text view, where it counts the lines below.
fn footer(app: &App) -> String {
    let screen = rows(&buffer(app, Theme::colored()));
    screen
        .iter()
        .rev()
        .find(|row| row.contains("╰"))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn the_sources_view_counts_one_line_below_in_the_singular() {
    // The bundled Anchorage briefing cites 32 sources: more than 24 rows show.
    let anchorage = common::bundled().join("anchorage-2025.toml");
    let corpus = Corpus::load_paths(&[anchorage]);
    let mut app = App::new(corpus, Settings::new("bundled", "."), 80, 24);
    press(&mut app, KeyCode::Char('S'));
    let mut seen = Vec::new();
    // Scroll a line at a time until nothing is left below.
    for _ in 0..200 {
        let footer = footer(&app);
        if !footer.contains("below") {
            break;
        }
        seen.push(footer);
        press(&mut app, KeyCode::Char('j'));
    }
    let last = seen
        .last()
        .expect("the view is longer than the screen at 80x24");
    assert!(last.contains(" 1 more line below "), "{last}");
    assert!(
        seen.iter().all(|f| !f.contains(" 1 more lines")),
        "{seen:?}"
    );
    assert!(
        seen.first().unwrap().contains(" more lines below "),
        "{seen:?}"
    );
}
