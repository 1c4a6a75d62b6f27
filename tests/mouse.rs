//! The mouse (issue 24, point 6): a click selects the item under the pointer; the wheel
//! scrolls the pane under the pointer without moving the focus or any selection. State
//! tests on the invented book in `tests/fixtures/book`.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{Action, App, Settings};
use sherpa::grid::GridPane;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

fn book_app(width: u16, height: u16) -> App {
    let corpus =
        Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")]);
    App::new(corpus, Settings::new("book", "."), width, height)
}

/// Where `text` is drawn first: its column and row.
fn on_screen(app: &App, text: &str) -> (u16, u16) {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    for y in 0..height {
        let row: Vec<&str> = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(x) = row.concat().find(text) {
            // Cells before the match, counted in symbols (one per cell).
            let column = row.iter().scan(0, |at, s| {
                *at += s.len();
                Some(*at)
            });
            let cells = column.take_while(|&end| end <= x).count();
            return (u16::try_from(cells).unwrap(), y);
        }
    }
    panic!("{text:?} is on screen")
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_item_under_the_pointer() {
    let mut app = book_app(120, 40);
    app.update(Action::FocusPane(GridPane::Goals));
    let (column, row) = on_screen(&app, "Bruno");
    app.update(Action::Click { column, row });
    assert_eq!(app.focus(), GridPane::Participants);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_moves_neither_focus_nor_selection() {
    let mut app = book_app(120, 24);
    app.update(Action::FocusPane(GridPane::Goals));
    let (column, row) = on_screen(&app, "Ada Lindqvist");
    let before = app.pane(GridPane::Participants).text.scroll;
    let selected = app.pane(GridPane::Participants).selected;
    app.update(Action::Wheel {
        column,
        row,
        lines: 3,
    });
    assert_eq!(app.focus(), GridPane::Goals);
    assert_eq!(app.pane(GridPane::Participants).selected, selected);
    let view = &app.pane(GridPane::Participants).text;
    assert!(view.max_scroll() > 0, "the pane has more than it shows");
    assert_eq!(view.scroll, (before + 3).min(view.max_scroll()));
}
