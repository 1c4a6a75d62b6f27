//! One-line inputs scroll sideways as prompts in less and helix do: past the width, the
//! start of the text gives way so its end and the cursor stay in view (session 13, a new
//! user's report: at 80x24 a 14-word query showed neither). The finder's query (every
//! list, `:` go-to included, draws it alike) and a note being written.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use crossterm::event::KeyCode;
use sherpa::app::{App, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

use common::{buffer, press, rows, typed};

const LONG_QUERY: &str = "summit talks delegation communique verification observers ministers \
                          cooperation framework agreement sanctions relief timetable review";

fn good_app(width: u16, height: u16) -> App {
    let good =
        || Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")]);
    let mut app = App::new(good(), Settings::new("good", "."), width, height);
    app.corpus_loaded(good());
    app.book_loaded(sherpa_core::store::Store::default(), &[]);
    app
}

/// The screen's row that starts with `label` (after the list's frame), trimmed.
fn input_row(app: &App, label: &str) -> String {
    let screen = rows(&buffer(app, Theme::colored()));
    let row = screen
        .iter()
        .find_map(|row| {
            let text = row.trim_start_matches(['│', ' ']);
            text.starts_with(label).then(|| text.to_owned())
        })
        .unwrap_or_else(|| panic!("a row starting with {label:?} in\n{}", screen.join("\n")));
    row.trim_end_matches(['│', ' ']).to_owned()
}

#[test]
fn a_long_finder_query_keeps_its_end_and_the_cursor_in_view_at_every_size() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = good_app(width, height);
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, LONG_QUERY);
        let row = input_row(&app, "/ ");
        assert!(
            row.ends_with("timetable review▏"),
            "{width}x{height}: {row}"
        );
        assert!(
            row.starts_with("/ …"),
            "{width}x{height}: the cut start is marked: {row}"
        );
    }
}

#[test]
fn a_short_finder_query_shows_whole_without_an_ellipsis() {
    let mut app = good_app(80, 24);
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "summit talks");
    assert_eq!(input_row(&app, "/ "), "/ summit talks▏");
}

#[test]
fn a_wide_query_scrolls_by_columns_not_characters() {
    let mut app = good_app(80, 24);
    press(&mut app, KeyCode::Char('/'));
    // Two columns each: 60 characters are 120 columns, wider than the list at 80x24.
    typed(&mut app, &"首脳会談".repeat(15));
    // A wide character's second cell reads back as a space.
    let row = input_row(&app, "/ ").replace(' ', "");
    assert!(row.ends_with("首脳会談▏"), "{row}");
}

#[test]
fn the_go_to_list_scrolls_its_query_too() {
    let mut app = good_app(80, 24);
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, LONG_QUERY);
    assert!(input_row(&app, "/ ").ends_with("timetable review▏"));
}

#[test]
fn a_long_note_keeps_its_end_and_the_cursor_in_view() {
    let mut app = good_app(80, 24);
    typed(&mut app, "3a");
    assert_eq!(app.note_input(), Some(""));
    typed(&mut app, "short");
    assert!(input_row(&app, "Note: ").starts_with("Note: short▏  Enter keeps · Esc cancels"));
    typed(&mut app, &format!(" {LONG_QUERY}"));
    let row = input_row(&app, "Note: ");
    assert!(row.starts_with("Note: …"), "{row}");
    assert!(row.contains("timetable review▏"), "{row}");
}
