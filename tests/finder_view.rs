//! The finder shows what matched (issue 24, point 3): every passage row shows its match,
//! the summit being read's passages come first, and from 120 columns a preview beside the
//! list shows the selected passage in full with its matches highlighted. On the invented
//! book in `tests/fixtures/book`, through the real key table.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use crossterm::event::KeyCode;
use sherpa::app::{App, Overlay, Picker, PickerRow, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

use common::{buffer, press, rows, styled_screen, typed};

fn book_app(width: u16, height: u16) -> App {
    let corpus =
        Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")]);
    App::new(corpus, Settings::new("book", "."), width, height)
}

fn finder(app: &App) -> &Picker {
    match app.overlay() {
        Overlay::Picker(picker) => picker,
        _ => panic!("the finder is open"),
    }
}

/// Selects the finder's first passage row.
fn select_first_passage(app: &mut App) {
    for _ in 0..finder(app).matches.len() {
        press(app, KeyCode::Down);
    }
}

/// The finder on "river" over the book, read from ridge-2015, first passage selected.
fn finder_on_river(width: u16, height: u16) -> App {
    let mut app = book_app(width, height);
    app.go_to(app.corpus().position("ridge-2015").unwrap());
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "river");
    select_first_passage(&mut app);
    app
}

#[test]
fn every_passage_row_shows_its_match_at_every_size() {
    // "review" ends the summary's second paragraph and South's goal: far into each row.
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = book_app(width, height);
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "review");
        let hits = finder(&app).passage_hits().len();
        assert_eq!(hits, 10);
        let screen = rows(&buffer(&app, Theme::plain()));
        // The list's column only: the preview beside it is checked on its own.
        let passage_rows: Vec<&str> = screen
            .iter()
            .filter_map(|row| row.split('│').nth(1))
            .filter(|list| list.contains(" · Summary · ") || list.contains(" · Goals · "))
            .collect();
        assert_eq!(passage_rows.len(), hits, "{width}×{height}: {screen:#?}");
        for row in passage_rows {
            assert!(row.contains("review"), "{width}×{height}: {row}");
        }
    }
}

#[test]
fn passages_of_the_summit_being_read_come_first_and_enter_opens_the_one_listed() {
    let mut app = finder_on_river(120, 40);
    let ridge = app.corpus().position("ridge-2015").unwrap();
    let finder = finder(&app);
    let first = match finder.selection() {
        Some(PickerRow::Passage(place)) => *place,
        _ => panic!("a passage is selected"),
    };
    assert_eq!(first.position, ridge);
    // The hits themselves stay in corpus order, for n/N.
    assert_ne!(finder.passage_hits()[0].position, ridge);
    let here = finder
        .passage_hits()
        .iter()
        .filter(|p| p.position == ridge)
        .count();
    for row in 0..here {
        let Some(PickerRow::Passage(place)) = finder.row(finder.matches.len() + row) else {
            panic!("row {row} is a passage")
        };
        assert_eq!(place.position, ridge);
    }
    let Some(PickerRow::Passage(after)) = finder.row(finder.matches.len() + here) else {
        panic!("the other summits' passages follow")
    };
    assert_eq!(*after, finder.passage_hits()[0]);
    press(&mut app, KeyCode::Enter);
    let search = app.search().unwrap();
    assert_eq!(search.places[search.current.unwrap()], first);
    assert_eq!(app.briefing().unwrap().id(), "ridge-2015");
}

#[test]
fn from_120_columns_a_preview_shows_the_selected_passage_in_full() {
    // The goal's text, wrapped over two lines in the preview; cut in the list's row.
    for (width, height, previewed) in [(80, 24, false), (120, 40, true), (200, 50, true)] {
        let mut app = finder_on_river(width, height);
        // ridge-2015's second passage: its North goal.
        press(&mut app, KeyCode::Down);
        let screen = rows(&buffer(&app, Theme::plain())).join("\n");
        let shown = screen.contains("A ceasefire on the river that holds")
            && screen.contains("the harvest.");
        assert_eq!(shown, previewed, "{width}×{height}\n{screen}");
    }
}

#[test]
fn snapshot_finder_with_preview_at_80_by_24() {
    let app = finder_on_river(80, 24);
    insta::assert_snapshot!(styled_screen(&buffer(&app, Theme::colored())));
}

#[test]
fn snapshot_finder_with_preview_at_120_by_40() {
    let app = finder_on_river(120, 40);
    insta::assert_snapshot!(styled_screen(&buffer(&app, Theme::colored())));
}

#[test]
fn snapshot_finder_with_preview_at_200_by_50() {
    let app = finder_on_river(200, 50);
    insta::assert_snapshot!(styled_screen(&buffer(&app, Theme::colored())));
}
