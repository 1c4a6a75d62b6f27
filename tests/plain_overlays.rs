//! Plain mode (`--plain`, for screen readers) clears beneath every overlay (issue 24, point
//! 7): without borders or colours, page text left beside an overlay ran into its lines
//! (`Ta  / sdi`). Snapshots at 80×24, 120×40 and 200×50.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{App, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

fn plain_book(width: u16, height: u16) -> App {
    let corpus =
        Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")]);
    let mut settings = Settings::new("book", ".");
    settings.plain = true;
    App::new(corpus, settings, width, height)
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = key_from_event(&event).and_then(|key| app.action_for_key(key)) {
            app.update(action);
        }
    }
}

fn rows(app: &App) -> Vec<String> {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Each overlay and the keys that open it.
const OVERLAYS: [(&str, &str); 5] = [
    ("finder", "/"),
    ("summary", "s"),
    ("help", "?"),
    ("board", "b"),
    ("timeline", "t"),
];

#[test]
fn nothing_of_the_page_shows_beside_an_overlay_in_plain_mode() {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        for (name, keys) in OVERLAYS {
            let mut app = plain_book(width, height);
            press(&mut app, keys);
            assert!(!matches!(app.overlay(), Overlay::None), "{name} is open");
            let screen = rows(&app);
            // The page's pane titles would show beside a centred overlay.
            for row in &screen[..screen.len() - 1] {
                assert!(
                    !row.contains("Participants (") && !row.contains("Prior meetings ("),
                    "{name} at {width}×{height}: {row:?}\n{}",
                    screen.join("\n")
                );
            }
        }
    }
}

#[test]
fn snapshot_plain_finder_at_80_by_24() {
    let mut app = plain_book(80, 24);
    press(&mut app, "/");
    insta::assert_snapshot!(rows(&app).join("\n"));
}

#[test]
fn snapshot_plain_summary_at_120_by_40() {
    let mut app = plain_book(120, 40);
    press(&mut app, "s");
    insta::assert_snapshot!(rows(&app).join("\n"));
}

#[test]
fn snapshot_plain_board_at_200_by_50() {
    let mut app = plain_book(200, 50);
    press(&mut app, "b");
    insta::assert_snapshot!(rows(&app).join("\n"));
}
