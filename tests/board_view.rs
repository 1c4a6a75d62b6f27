//! The board uses the width (issue 24, point 2): it is as wide as the other lists, each
//! summit's column as wide as its id, as many summits as fit, and the title says which of
//! how many are in view; topics take the room the summits leave. On the invented book and
//! the bundled briefings, with styled snapshots at 80×24, 120×40 and 200×50.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use sherpa::action::Action;
use sherpa::app::{App, BoardView, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

fn book_board(width: u16, height: u16) -> App {
    board_of("tests/fixtures/book", width, height)
}

fn bundled_board(width: u16, height: u16) -> App {
    board_of("briefings", width, height)
}

/// The reader on a folder of the repository, with the board open.
fn board_of(folder: &str, width: u16, height: u16) -> App {
    board_on(folder, None, width, height)
}

/// The reader on a folder of the repository, on the summit `at` (by id) or the first,
/// with the board open.
fn board_on(folder: &str, at: Option<&str>, width: u16, height: u16) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut app = App::new(
        Corpus::load_paths(&[path]),
        Settings::new(&name, "."),
        width,
        height,
    );
    if let Some(id) = at {
        let position = app.corpus().position(id).unwrap();
        app.go_to(position);
    }
    let event = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action);
    assert!(matches!(app.overlay(), Overlay::Board(_)));
    app
}

fn view(app: &App) -> &BoardView {
    let Overlay::Board(view) = app.overlay() else {
        panic!("the board is open")
    };
    view
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
            view.columns_in_view().len() >= view.board.columns.len(),
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

#[test]
fn a_wide_screen_shows_more_summits_with_whole_ids_and_says_which() {
    let mut app = bundled_board(200, 50);
    let summits = view(&app).board.columns.len();
    // Before, a box capped at 160 columns showed 7 summits, their ids cut to 10.
    let in_view = view(&app).columns_in_view();
    assert!(in_view.len() >= 9, "{in_view:?}");
    assert!(in_view.len() < summits, "the bundled board still scrolls");
    assert_eq!(in_view.start, 0, "opened on the first summit");
    let drawn = screen(&app, Theme::plain());
    for column in &view(&app).board.columns[in_view.clone()] {
        assert!(
            drawn.contains(&format!(" {}  ", column.summit)),
            "{}",
            column.summit
        );
    }
    let counter = format!("summits 1–{} of {summits}", in_view.end);
    assert!(
        drawn.lines().nth(1).unwrap().contains(&counter),
        "{counter}"
    );
    // Scrolled to the last summit, the counter follows and the room stays filled.
    for _ in 0..summits {
        app.update(Action::Right);
    }
    let in_view = view(&app).columns_in_view();
    assert_eq!(in_view.end, summits);
    assert!(in_view.len() >= 9, "{in_view:?}");
    let drawn = screen(&app, Theme::plain());
    let counter = format!("summits {}–{summits} of {summits}", in_view.start + 1);
    assert!(
        drawn.lines().nth(1).unwrap().contains(&counter),
        "{counter}"
    );
}

#[test]
fn the_footer_names_the_selected_topic_when_its_row_does_not_show_it() {
    let app = bundled_board(200, 50);
    let view = view(&app);
    assert_eq!(view.layout.topic_width, 0, "the summits took the room");
    let topic = &view.board.rows[view.row].topic;
    let drawn = screen(&app, Theme::plain());
    let footer = drawn.lines().find(|l| l.contains("dispute 1 of")).unwrap();
    assert!(footer.contains(&format!(": {topic} · summit")), "{footer}");
    // Where the row shows its topic whole, the footer does not repeat it.
    let drawn = screen(&book_board(200, 50), Theme::plain());
    let footer = drawn.lines().find(|l| l.contains("dispute 1 of")).unwrap();
    assert!(footer.contains(" dispute 1 of 2 · summit"), "{footer}");
}

#[test]
fn snapshot_board_bundled_at_80_by_24() {
    insta::assert_snapshot!(screen(&bundled_board(80, 24), Theme::colored()));
}

#[test]
fn snapshot_board_bundled_at_200_by_50() {
    insta::assert_snapshot!(screen(&bundled_board(200, 50), Theme::colored()));
}

#[test]
fn a_small_screen_keeps_the_counter_in_the_title() {
    for (width, counter) in [
        (60, "Disagreement board: summits 1–{end} of {all}"),
        (44, "Disagreement board: 1–{end}/{all}"),
    ] {
        let app = bundled_board(width, 12);
        let view = view(&app);
        let columns = view.columns_in_view();
        assert!(columns.len() < view.board.columns.len());
        let counter = counter
            .replace("{end}", &columns.end.to_string())
            .replace("{all}", &view.board.columns.len().to_string());
        let drawn = screen(&app, Theme::plain());
        let title = drawn.lines().nth(1).unwrap();
        assert!(
            title.contains(&format!(" {counter} ")),
            "{counter}\n{drawn}"
        );
    }
}

/// Issue of session 14: at 80×24 the three `washington-…` summits all read `washingto…`,
/// so a reader could not tell their columns apart. A cut id now goes over two rows, and
/// every summit's header, read back from the screen, spells its whole id.
#[test]
fn every_summit_at_80_columns_is_named_whole_over_its_header_rows() {
    let mut app = bundled_board(80, 24);
    let summits = view(&app).board.columns.len();
    let mut seen = 0;
    for _ in 0..summits {
        let (width, height) = app.size();
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| ui::draw(frame, &app, Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let board = view(&app);
        let top = board.layout.inner.y;
        let id_rows = top..top + board.header_rows() - 1;
        for (column, x, width) in board.column_cells() {
            let header: String = id_rows
                .clone()
                .map(|y| {
                    (x..x + width)
                        .map(|x| buffer[(x, y)].symbol())
                        .collect::<String>()
                })
                .map(|row| row.trim_end().to_owned())
                .collect();
            assert_eq!(header, board.board.columns[column].summit);
            seen += 1;
        }
        app.update(Action::Right);
    }
    assert!(seen >= summits, "every summit came into view");
}

/// Presses a key through the real key table, as the terminal would deliver it.
fn press_key(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = key_from_event(&event).and_then(|key| app.action_for_key(key)) {
        app.update(action);
    }
}

/// Session 15: `PageDown` and `PageUp` did nothing on the board. They move the row cursor a
/// screen of rows, as in the lists, the cursor staying in view; `Home`/`End` and `g`/`G` go
/// to the first and last row.
#[test]
fn page_keys_move_the_board_cursor_a_screen_of_rows_and_keep_it_in_view() {
    let mut app = bundled_board(80, 24);
    // The board opens on the summit being read's first disagreement: start from the top.
    press_key(&mut app, KeyCode::Home);
    let rows = view(&app).board.rows.len();
    let page = view(&app).cell_rows();
    assert!(
        rows > page + 1,
        "the board is taller than a screen: {rows} rows, {page} shown"
    );
    press_key(&mut app, KeyCode::PageDown);
    assert_eq!(view(&app).row, page);
    assert!(view(&app).rows_in_view().contains(&page));
    press_key(&mut app, KeyCode::PageDown);
    assert_eq!(view(&app).row, rows - 1, "stops at the last row");
    assert!(view(&app).rows_in_view().contains(&(rows - 1)));
    press_key(&mut app, KeyCode::PageUp);
    assert_eq!(view(&app).row, rows - 1 - view(&app).cell_rows());
    assert!(view(&app).rows_in_view().contains(&view(&app).row));
    press_key(&mut app, KeyCode::Home);
    assert_eq!((view(&app).row, view(&app).first_row), (0, 0));
    press_key(&mut app, KeyCode::End);
    assert_eq!(view(&app).row, rows - 1);
    press_key(&mut app, KeyCode::Char('g'));
    assert_eq!(view(&app).row, 0);
    press_key(&mut app, KeyCode::Char('G'));
    assert_eq!(view(&app).row, rows - 1);
    assert!(
        matches!(app.overlay(), Overlay::Board(_)),
        "the board stays open"
    );
}

fn hint_keys(app: &App) -> Vec<String> {
    app.hints()
        .into_iter()
        .map(|(key, hint)| format!("{key} {hint}"))
        .collect()
}

/// Session 15: the board opened on the summit being read's column but on the first
/// dispute, most often an empty cell there, where Enter only said the dispute did not
/// come up. It opens on the first dispute that has a cell in that column, in view.
#[test]
fn the_board_opens_on_the_summit_being_read_s_first_disagreement_in_view() {
    for (width, height) in [(200, 50), (80, 24)] {
        let app = board_on("briefings", Some("davos-2026"), width, height);
        let view = view(&app);
        let column = view.board.columns.len() - 1;
        assert_eq!(view.column, column, "on the summit being read (the latest)");
        let first = (0..view.board.rows.len())
            .find(|&row| view.board.target(row, column).is_some())
            .unwrap();
        assert!(
            first > 0,
            "the first dispute did not come up at this summit"
        );
        assert_eq!(view.row, first);
        assert!(view.rows_in_view().contains(&first));
        assert!(view.columns_in_view().contains(&column));
    }
    let mut app = board_on("briefings", Some("davos-2026"), 200, 50);
    press_key(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.overlay(), Overlay::None),
        "Enter opened the cell"
    );
    assert!(app.status().is_none(), "{:?}", app.status());
}

/// Session 15: the board's hints offered `Enter open summit` on an empty cell and `l move`
/// at the last column, where both do nothing. They offer what works at the cursor.
#[test]
fn the_board_s_hints_offer_only_keys_that_do_something_at_the_cursor() {
    let mut app = board_on("briefings", Some("davos-2026"), 200, 50);
    let hints = hint_keys(&app);
    assert!(hints.contains(&"Enter open summit".to_owned()), "{hints:?}");
    assert!(
        hints.contains(&"h move".to_owned()),
        "at the last column: {hints:?}"
    );
    assert!(!hints.contains(&"l move".to_owned()), "{hints:?}");
    // To an empty cell, away from the last column.
    press_key(&mut app, KeyCode::Char('h'));
    while view(&app)
        .board
        .target(view(&app).row, view(&app).column)
        .is_some()
    {
        press_key(&mut app, KeyCode::Char('j'));
    }
    let hints = hint_keys(&app);
    assert!(
        !hints.iter().any(|hint| hint.starts_with("Enter")),
        "{hints:?}"
    );
    assert!(hints.contains(&"l move".to_owned()), "{hints:?}");
}

/// Session 15: one summit's board said "2 disputes × 1 summits".
#[test]
fn a_board_of_one_summit_says_summit() {
    let text = "[summit]\nid = \"only\"\ntitle = \"Only\"\ndate = 2020-01-01\nlocation = \"L\"\n\n\
        [[disagreements]]\nid = \"river\"\ntopic = \"River\"\nstatus = \"open\"\npositions = [{ party = \"Q\", position = \"p\" }]\n\n\
        [[disagreements]]\nid = \"grain\"\ntopic = \"Grain\"\nstatus = \"open\"\npositions = [{ party = \"Q\", position = \"p\" }]\n";
    let mut app = App::new(
        Corpus::from_sources([("only.toml", text)]),
        Settings::new("one", "."),
        80,
        24,
    );
    press_key(&mut app, KeyCode::Char('b'));
    let screen = screen(&app, Theme::plain());
    assert!(
        screen.contains("Disagreement board: 2 disputes × 1 summit "),
        "{screen}"
    );
}
