//! The mouse (issue 24, point 6): a click selects the item under the pointer; the wheel
//! scrolls the pane under the pointer without moving the focus or any selection. State
//! tests on the invented book in `tests/fixtures/book`.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{Action, App, Effect, Overlay, Settings};
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

/// A save that ran while the wheel turned (one runs with the first key on a summit) and
/// brought no mark or note from the file leaves the scrolled pane where the wheel left it.
#[test]
fn a_save_reported_after_a_wheel_turn_leaves_the_pane_scrolled() {
    let mut app = book_app(120, 24);
    app.book_loaded(sherpa_core::store::Store::default(), &[]);
    let effect = app.update(Action::FocusPane(GridPane::Goals));
    let Effect::KeepRead { book, .. } = effect else {
        panic!("the summit opened is kept with the first key: {effect:?}")
    };
    let (column, row) = on_screen(&app, "Ada Lindqvist");
    app.update(Action::Wheel {
        column,
        row,
        lines: 3,
    });
    let scrolled = app.pane(GridPane::Participants).text.scroll;
    assert!(scrolled > 0);
    app.book_saved(Ok(book));
    assert_eq!(app.pane(GridPane::Participants).text.scroll, scrolled);
}

#[test]
fn a_second_click_on_a_linked_prior_meeting_opens_its_briefing() {
    let mut app = book_app(120, 40);
    app.go_to(app.corpus().position("ridge-2015").unwrap());
    let (column, row) = on_screen(&app, "Old Customs House");
    app.update(Action::Click { column, row });
    assert_eq!(app.focus(), GridPane::Meetings);
    assert_eq!(
        current_id(&app),
        "ridge-2015",
        "the first click only selects"
    );
    app.update(Action::Click { column, row });
    assert_eq!(
        current_id(&app),
        "harbour-2012",
        "the second opens the link"
    );
}

#[test]
fn a_click_on_another_item_of_the_focused_pane_selects_it_and_opens_nothing() {
    let mut app = book_app(120, 40);
    app.update(Action::FocusPane(GridPane::Participants));
    let (column, row) = on_screen(&app, "Bruno");
    app.update(Action::Click { column, row });
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    assert!(matches!(app.overlay(), Overlay::None));
}

#[test]
fn a_click_on_a_board_cell_selects_it_and_a_second_click_opens_its_summit() {
    let mut app = book_app(200, 50);
    app.update(Action::ShowBoard);
    let (row, column) = {
        let Overlay::Board(view) = app.overlay() else {
            panic!("the board is open")
        };
        // A cell with a status away from the cursor: the last row's first summit.
        let row = view.board.rows.len() - 1;
        assert!(view.board.cell(row, 0).is_some());
        assert_ne!((row, 0), (view.row, view.column));
        (row, 0)
    };
    let (x, y) = screen_cell_of(&app, row, column);
    let Overlay::Board(view) = app.overlay() else {
        panic!()
    };
    let status = view.board.cell(row, column).unwrap().status.as_str();
    assert!(
        drawn_from(&app, x, y).starts_with(status),
        "the cell's status is drawn where the click lands"
    );
    app.update(Action::Click { column: x, row: y });
    let Overlay::Board(view) = app.overlay() else {
        panic!("the first click keeps the board open")
    };
    assert_eq!((view.row, view.column), (row, column));
    let summit = view.board.columns[column].summit.clone();
    app.update(Action::Click { column: x, row: y });
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(current_id(&app), summit);
    assert_eq!(app.focus(), GridPane::Disagreements);
}

#[test]
fn a_click_in_the_sources_view_selects_a_source_and_a_second_opens_its_link() {
    let mut app = book_app(120, 40);
    app.go_to(app.corpus().position("summit-2020").unwrap());
    app.update(Action::ShowSources);
    let south = "https://example.org/summit-2020/south".to_owned();
    let (column, row) = on_screen(&app, "Southern Herald report");
    assert_eq!(app.update(Action::Click { column, row }), Effect::None);
    let Overlay::Text(view) = app.overlay() else {
        panic!("the first click keeps the sources view open")
    };
    assert_eq!(view.selected, Some(1), "the second source is selected");
    // `o` acts on the selected source, not the one at the top.
    assert_eq!(app.update(Action::Open), Effect::OpenUrl(south.clone()));
    assert_eq!(
        app.update(Action::Click { column, row }),
        Effect::OpenUrl(south),
        "a second click opens it as o does"
    );
    // A click on another source selects it and opens nothing.
    let (column, row) = on_screen(&app, "Northern Gazette report");
    assert_eq!(app.update(Action::Click { column, row }), Effect::None);
    let Overlay::Text(view) = app.overlay() else {
        panic!("the sources view is open")
    };
    assert_eq!(view.selected, Some(0));
}

/// Reading on by keys drops a clicked source, so `o` acts on the first one shown again.
/// Since session 14 only a key that scrolls reads on: in a view that fits, `g` moves
/// nothing and keeps the choice (else a source chosen with `Tab` was lost to a stray key).
#[test]
fn reading_on_by_keys_in_the_sources_view_drops_the_clicked_selection() {
    let mut app = book_app(120, 40);
    app.go_to(app.corpus().position("summit-2020").unwrap());
    app.update(Action::ShowSources);
    let (column, row) = on_screen(&app, "Southern Herald report");
    app.update(Action::Click { column, row });
    app.update(Action::Top);
    let Overlay::Text(view) = app.overlay() else {
        panic!("the sources view is open")
    };
    assert_eq!(view.selected, Some(1), "nothing scrolled: still chosen");
    let mut app = book_app(80, 14);
    app.go_to(app.corpus().position("summit-2020").unwrap());
    app.update(Action::ShowSources);
    let (column, row) = on_screen(&app, "Southern Herald report");
    app.update(Action::Click { column, row });
    app.update(Action::Down);
    app.update(Action::Top);
    let Overlay::Text(view) = app.overlay() else {
        panic!("the sources view is open")
    };
    assert_eq!(view.selected, None);
    assert_eq!(
        app.update(Action::Open),
        Effect::OpenUrl("https://example.org/summit-2020/north".to_owned()),
        "o opens the source at the top again"
    );
}

/// A screen cell inside the board's cell at `row`, `column`, found by asking the board
/// which cell each screen cell is.
fn screen_cell_of(app: &App, row: usize, column: usize) -> (u16, u16) {
    let Overlay::Board(view) = app.overlay() else {
        panic!("the board is open")
    };
    let (width, height) = app.size();
    (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .find(|&(x, y)| view.cell_at(x, y) == Some((row, column)))
        .unwrap()
}

fn current_id(app: &App) -> &str {
    app.briefing().unwrap().id()
}

/// The drawn text of row `y` from column `x` on.
fn drawn_from(app: &App, x: u16, y: u16) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (x..width).map(|x| buffer[(x, y)].symbol()).collect()
}
