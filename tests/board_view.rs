//! The board uses the width (issue 24, point 2): summit ids are not shortened while
//! columns stay empty, and topics take the room left. On the invented book, with styled
//! snapshots at 80×24, 120×40 and 200×50.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use sherpa::app::{App, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

fn book_board(width: u16, height: u16) -> App {
    let corpus =
        Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")]);
    let mut app = App::new(corpus, Settings::new("book", "."), width, height);
    let event = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action);
    assert!(matches!(app.overlay(), Overlay::Board(_)));
    app
}

fn screen(app: &App, theme: Theme) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    let buffer: &Buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    // Where the styles change on each row, so colour and emphasis are reviewed too.
    for y in 0..height {
        let mut last = None;
        for x in 0..width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) && !cell.symbol().trim().is_empty() {
                out.push_str(&format!(
                    "{y:>2} {x:>3} {:?} {:?} {:?}\n",
                    style.0, style.1, style.2
                ));
                last = Some(style);
            }
        }
    }
    out
}

#[test]
fn summit_ids_and_topics_are_whole_when_the_screen_has_room() {
    // At 120×40 the five columns fit only at the narrowest cells: ids give way there.
    for (width, height) in [(200, 50)] {
        let app = book_board(width, height);
        let Overlay::Board(view) = app.overlay() else {
            panic!()
        };
        assert!(
            view.layout.columns >= view.board.columns.len(),
            "{width}×{height}"
        );
        let drawn = screen(&app, Theme::plain());
        for column in &view.board.columns {
            assert!(
                drawn.contains(&column.summit),
                "{width}×{height}: {}",
                column.summit
            );
        }
        for row in &view.board.rows {
            assert!(
                drawn.contains(&row.topic),
                "{width}×{height}: {}",
                row.topic
            );
        }
    }
}

#[test]
fn snapshot_board_book_at_80_by_24() {
    insta::assert_snapshot!(screen(&book_board(80, 24), Theme::colored()));
}

#[test]
fn snapshot_board_book_at_120_by_40() {
    insta::assert_snapshot!(screen(&book_board(120, 40), Theme::colored()));
}

#[test]
fn snapshot_board_book_at_200_by_50() {
    insta::assert_snapshot!(screen(&book_board(200, 50), Theme::colored()));
}
