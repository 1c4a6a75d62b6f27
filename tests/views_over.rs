//! Help and the finder open over a view (session 15): from the timeline, the board, a
//! disagreement's history, what changed, or a text view, `?` and `/` used to close the view,
//! so `Esc` went back to the reader. As in lazygit and helix they now go over it: `Esc` gives
//! the view back as it was (cursor, scroll), laid out for the terminal's size then, and a row
//! chosen in the finder goes there instead.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::KeyCode;
use sherpa::app::{App, Overlay, OverlayKind, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

fn bundled_reader(width: u16, height: u16) -> App {
    App::new(
        Corpus::load_paths(&[common::bundled()]),
        Settings::new("briefings", "."),
        width,
        height,
    )
}

fn keys(app: &mut App, keys: &[KeyCode]) {
    for &key in keys {
        common::press(app, key);
    }
}

fn screen(app: &App) -> String {
    common::rows(&common::buffer(app, Theme::colored())).join("\n")
}

fn is_help(app: &App) -> bool {
    matches!(app.overlay(), Overlay::Text(view) if view.kind == OverlayKind::Help)
}

fn is_finder(app: &App) -> bool {
    matches!(app.overlay(), Overlay::Picker(picker) if picker.passages.is_some())
}

use KeyCode::{Char, Down, End, Enter, Esc, PageDown};

/// Each view as a reader opens it and moves in it: the keys that open it, then the keys
/// that move its cursor or scroll it away from where it opened.
fn views() -> Vec<(&'static str, Vec<KeyCode>, Vec<KeyCode>)> {
    vec![
        ("timeline", vec![Char('t')], vec![Down, Down, Down]),
        ("board", vec![Char('b')], vec![Down, Down, Char('l')]),
        ("history", vec![Char('4'), Char('d')], vec![Down]),
        ("compare list", vec![Char('w')], vec![Down, Down]),
        ("what changed", vec![Char('w'), Enter], vec![Down, Down]),
        ("sources", vec![Char('S')], vec![PageDown, Down]),
        ("cited sources", vec![Char('c')], vec![End]),
        ("summary", vec![Char('s')], vec![Down, Down]),
        ("problems", vec![Char('!')], vec![]),
    ]
}

#[test]
fn help_goes_over_a_view_and_esc_gives_it_back_as_it_was() {
    for (width, height) in [(80, 24), (200, 50)] {
        for (name, open, moves) in views() {
            let mut app = bundled_reader(width, height);
            keys(&mut app, &open);
            keys(&mut app, &moves);
            assert!(!matches!(app.overlay(), Overlay::None), "{name} is open");
            let before = screen(&app);
            // A list types `?` into its filter: help opens from the views that take keys.
            if !matches!(app.overlay(), Overlay::Picker(_)) {
                keys(&mut app, &[Char('?')]);
                assert!(is_help(&app), "{name}: ? opens help");
                keys(&mut app, &[Esc]);
                assert_eq!(
                    screen(&app),
                    before,
                    "{name} at {width}x{height}: Esc after ?"
                );
                keys(&mut app, &[Char('?'), Char('?')]);
                assert_eq!(screen(&app), before, "{name}: ? closes help too");
            }
            keys(&mut app, &[Char('/')]);
            assert!(is_finder(&app), "{name}: / opens the finder");
            common::typed(&mut app, "geneva");
            keys(&mut app, &[Esc]);
            assert_eq!(
                screen(&app),
                before,
                "{name} at {width}x{height}: Esc after /"
            );
            keys(&mut app, &[Esc]);
            assert!(
                matches!(app.overlay(), Overlay::None),
                "{name}: Esc closes it"
            );
        }
    }
}

#[test]
fn a_row_chosen_in_the_finder_over_a_view_goes_there_and_the_view_stays_closed() {
    let mut app = bundled_reader(120, 40);
    keys(&mut app, &[Char('b'), Char('/')]);
    common::typed(&mut app, "geneva");
    keys(&mut app, &[Enter]);
    assert_eq!(app.briefing().unwrap().id(), "geneva-2021");
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.view_beneath().is_none());
    keys(&mut app, &[Esc]);
    assert!(
        matches!(app.overlay(), Overlay::None),
        "the board does not come back"
    );
}

/// Help over the finder over the board: `/` from help keeps the board beneath, and `Esc`
/// from the finder gives the board back.
#[test]
fn the_finder_opened_from_help_over_a_view_still_returns_to_the_view() {
    let mut app = bundled_reader(120, 40);
    keys(&mut app, &[Char('b'), Down]);
    let board = screen(&app);
    keys(&mut app, &[Char('?'), Char('/')]);
    assert!(is_finder(&app));
    keys(&mut app, &[Esc]);
    assert_eq!(screen(&app), board);
}

/// The terminal resized while help is over the board: the board comes back laid out for
/// the new size, as if it had been open through the resize.
#[test]
fn a_view_given_back_after_a_resize_is_laid_out_for_the_new_size() {
    let mut through = bundled_reader(80, 24);
    keys(&mut through, &[Char('b'), Down, Down]);
    let mut under_help = bundled_reader(80, 24);
    keys(&mut under_help, &[Char('b'), Down, Down, Char('?')]);
    through.resize(200, 50);
    under_help.resize(200, 50);
    keys(&mut under_help, &[Esc]);
    assert_eq!(screen(&under_help), screen(&through));
}

/// Behind help the view is drawn as it was, receding with the page, not the bare reader.
#[test]
fn the_view_is_drawn_behind_help() {
    let mut over_board = bundled_reader(200, 50);
    keys(&mut over_board, &[Char('b'), Char('?')]);
    let mut over_reader = bundled_reader(200, 50);
    keys(&mut over_reader, &[Char('?')]);
    let (board, reader) = (screen(&over_board), screen(&over_reader));
    // The board's box is wider than help's: its frame shows at help's left.
    assert!(
        board.lines().nth(1).unwrap().contains("╭ Di╭ Keys"),
        "{board}"
    );
    assert_ne!(board, reader);
}
