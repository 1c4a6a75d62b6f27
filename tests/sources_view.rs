//! The sources views use the width well (issue 24, point 2): a URL longer than the reading
//! width is never broken over rows (a mouse could not copy it); the box widens to show it
//! whole where the screen has room, else it is cut with `…`, and `y` copies the URL of the
//! source a click or a search selected, else the first that begins on screen (`o` opens
//! it). Snapshots at 80×24, 120×40 and 200×50.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use sherpa::app::{App, Effect, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;
use unicode_width::UnicodeWidthStr;

use common::{buffer, rows};

/// A URL far longer than any view is wide.
fn long_url() -> String {
    format!(
        "https://example.org/ridge-2015/north/{}/end",
        "a-very-long-path-segment".repeat(8)
    )
}

/// ridge-2015 of the invented book, its first source's URL made long.
fn ridge_with_a_long_url(width: u16, height: u16) -> App {
    ridge_with_url(&long_url(), width, height)
}

/// ridge-2015 of the invented book, its first source's URL `url`.
fn ridge_with_url(url: &str, width: u16, height: u16) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book/ridge-2015.toml");
    let text = std::fs::read_to_string(path).unwrap().replace(
        "url = \"https://example.org/ridge-2015/north\"",
        &format!("url = \"{url}\""),
    );
    let corpus = Corpus::from_sources([("ridge-2015.toml", text.as_str())]);
    assert_eq!(corpus.len(), 1);
    App::new(corpus, Settings::new("book", "."), width, height)
}

fn press(app: &mut App, c: char) -> Effect {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = key_from_event(&event)
        .and_then(|key| app.action_for_key(key))
        .unwrap();
    app.update(action)
}

fn screen(buffer: &Buffer) -> String {
    rows(buffer).join("\n")
}

/// A URL wider than the reading width is never broken over two rows (a mouse selection of
/// it copied the border and a line break): it stands whole on one line, the view's box
/// widens for it where the screen has room, and where it has not, the row is cut with `…`
/// and the status line offers `y` (copy it whole) and `o` (open it).
#[test]
fn a_long_url_stays_on_one_line_whole_where_it_fits_and_cut_with_an_ellipsis_where_not() {
    let medium = "https://example.org/ridge-2015/north/".to_owned() + &"segment-".repeat(16);
    for (url, width, height, whole) in [
        (medium.clone(), 200, 50, true),
        (medium.clone(), 120, 40, false),
        (long_url(), 200, 50, false),
        (long_url(), 80, 24, false),
    ] {
        let mut app = ridge_with_url(&url, width, height);
        press(&mut app, 'S');
        let Overlay::Text(view) = app.overlay() else {
            panic!("the sources view is open")
        };
        let lines: Vec<&str> = view.text.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(lines.iter().any(|line| line.trim() == url), "{lines:#?}");
        assert!(
            lines
                .iter()
                .filter(|line| line.trim() != url)
                .all(|line| line.width() <= 100),
            "{width}×{height}: the other text stays at the reading width"
        );
        let drawn = screen(&buffer(&app, Theme::plain()));
        let rows: Vec<&str> = drawn.lines().collect();
        let at = rows
            .iter()
            .position(|row| row.contains("https://"))
            .unwrap();
        let row = rows[at];
        // One row: the next is the source's next line, not the rest of the link.
        assert!(
            rows[at + 1].contains("Cited by"),
            "{width}×{height}:\n{drawn}"
        );
        if whole {
            assert!(row.contains(&format!(" {url} ")), "{width}×{height}: {row}");
        } else {
            let shown = row.split("https://").nth(1).unwrap();
            let shown = shown.split('…').next().unwrap();
            assert!(row.contains('…'), "{width}×{height}: {row}");
            assert!(url.starts_with(&format!("https://{shown}")), "{row}");
        }
        let status = drawn.lines().last().unwrap();
        assert!(status.starts_with("o open link  y copy link"), "{status}");
    }
}

#[test]
fn y_in_a_sources_view_copies_the_url_of_the_source_at_the_top() {
    let mut app = ridge_with_a_long_url(120, 40);
    press(&mut app, 'S');
    assert_eq!(press(&mut app, 'y'), Effect::Copy(long_url()));
    assert!(app.status().unwrap().text.contains("the link of s1"));
    // Outside a sources view, y in a text view says where it works.
    press(&mut app, 'S');
    press(&mut app, 's');
    assert_eq!(press(&mut app, 'y'), Effect::None);
    assert!(app.status().unwrap().text.contains("sources views"));
}

/// Scrolled so that the top row shows only the end of the first source, `y` copies the
/// link of the first source that begins on screen, the one a reader sees.
#[test]
fn y_copies_the_first_source_that_begins_on_screen() {
    // Short enough that the two sources do not fit at once.
    let mut app = ridge_with_url("https://example.org/ridge-2015/north", 80, 14);
    press(&mut app, 'S');
    for _ in 0..3 {
        press(&mut app, 'j');
    }
    let drawn = screen(&buffer(&app, Theme::plain()));
    assert!(!drawn.contains("(s1)") && drawn.contains("(s2)"), "{drawn}");
    assert_eq!(
        press(&mut app, 'y'),
        Effect::Copy("https://example.org/ridge-2015/south".to_owned())
    );
    assert!(app.status().unwrap().text.contains("the link of s2"));
}

/// A search's passage in a source opens the sources view with that source selected (its
/// rows drawn so), and `y` and `o` act on it, though the rows above it show the end of
/// the source before, as `less` leaves context above a match.
#[test]
fn a_search_that_opens_a_source_selects_it_for_y_and_o() {
    let mut app = ridge_with_url("https://example.org/ridge-2015/north", 120, 40);
    common::press(&mut app, KeyCode::Char('/'));
    for c in "southern".chars() {
        common::press(&mut app, KeyCode::Char(c));
    }
    // The first passage row, then open it.
    while !matches!(app.overlay(), Overlay::Text(_)) {
        let before = format!("{:?}", app.overlay());
        common::press(&mut app, KeyCode::Down);
        common::press(&mut app, KeyCode::Enter);
        assert_ne!(
            before,
            format!("{:?}", app.overlay()),
            "the finder moves on"
        );
    }
    let Overlay::Text(view) = app.overlay() else {
        unreachable!()
    };
    assert_eq!(view.selected, Some(1), "s2, the second source, is selected");
    assert_eq!(
        press(&mut app, 'y'),
        Effect::Copy("https://example.org/ridge-2015/south".to_owned())
    );
}

#[test]
fn snapshot_sources_view_at_80_by_24() {
    let mut app = ridge_with_a_long_url(80, 24);
    press(&mut app, 'S');
    insta::assert_snapshot!(screen(&buffer(&app, Theme::plain())));
}

#[test]
fn snapshot_sources_view_at_120_by_40() {
    let mut app = ridge_with_a_long_url(120, 40);
    press(&mut app, 'S');
    insta::assert_snapshot!(screen(&buffer(&app, Theme::plain())));
}

#[test]
fn snapshot_sources_view_at_200_by_50() {
    let mut app = ridge_with_a_long_url(200, 50);
    press(&mut app, 'S');
    insta::assert_snapshot!(screen(&buffer(&app, Theme::plain())));
}

const NORTH: &str = "https://example.org/ridge-2015/north";
const SOUTH: &str = "https://example.org/ridge-2015/south";

/// Session 14: with two links in an item's sources (`c`), `y` copied the first and the
/// second could not be copied. `Tab` / `Shift-Tab` now select a source, drawn selected,
/// and `y` / `o` act on it; the status names the URL copied.
#[test]
fn tab_selects_which_source_y_copies_and_o_opens() {
    let mut app = ridge_with_url(NORTH, 120, 40);
    press(&mut app, '4');
    press(&mut app, 'c');
    let hints = app.hints();
    assert!(
        hints.contains(&("Tab".to_owned(), "next source")),
        "offered where there are two: {hints:?}"
    );
    // Without a choice, as before: the first.
    assert_eq!(press(&mut app, 'y'), Effect::Copy(NORTH.to_owned()));
    common::press(&mut app, KeyCode::Tab);
    let Overlay::Text(view) = app.overlay() else {
        panic!("the sources view stays open")
    };
    assert_eq!(view.selected, Some(1));
    assert!(app.status().unwrap().text.contains("Source 2 of 2 (s2)"));
    assert_eq!(press(&mut app, 'y'), Effect::Copy(SOUTH.to_owned()));
    let status = &app.status().unwrap().text;
    assert!(status.contains(SOUTH) && status.contains("s2"), "{status}");
    assert_eq!(press(&mut app, 'o'), Effect::OpenUrl(SOUTH.to_owned()));
    // Round the ends, both ways.
    common::press(&mut app, KeyCode::Tab);
    assert_eq!(press(&mut app, 'y'), Effect::Copy(NORTH.to_owned()));
    common::press(&mut app, KeyCode::BackTab);
    assert_eq!(press(&mut app, 'o'), Effect::OpenUrl(SOUTH.to_owned()));
}

#[test]
fn one_source_offers_no_choice_and_tab_outside_sources_says_where_it_works() {
    let mut app = ridge_with_url(NORTH, 120, 40);
    press(&mut app, '3');
    press(&mut app, 'c');
    let hints = app.hints();
    assert!(
        !hints.iter().any(|(_, hint)| *hint == "next source"),
        "{hints:?}"
    );
    assert_eq!(press(&mut app, 'y'), Effect::Copy(NORTH.to_owned()));
    press(&mut app, 'c');
    press(&mut app, 's');
    common::press(&mut app, KeyCode::Tab);
    assert!(app.status().unwrap().text.contains("sources views"));
}

/// A source selected below the window is scrolled into view, so what `y` copies is on
/// screen.
#[test]
fn a_source_selected_out_of_view_is_scrolled_into_it() {
    let mut app = ridge_with_url(NORTH, 80, 14);
    press(&mut app, 'S');
    let drawn = screen(&buffer(&app, Theme::plain()));
    assert!(
        !drawn.contains(SOUTH),
        "s2's link is below the window: {drawn}"
    );
    common::press(&mut app, KeyCode::Tab);
    let drawn = screen(&buffer(&app, Theme::plain()));
    assert!(drawn.contains("(s2)") && drawn.contains(SOUTH), "{drawn}");
    assert_eq!(press(&mut app, 'y'), Effect::Copy(SOUTH.to_owned()));
}

/// `j` in a view that fits scrolls nothing, so the source `Tab` chose stays chosen; once
/// the keys do scroll, `y` acts on the first source shown again, as before.
#[test]
fn a_key_that_scrolls_nothing_keeps_the_chosen_source() {
    let mut app = ridge_with_url(NORTH, 120, 40);
    press(&mut app, '4');
    press(&mut app, 'c');
    common::press(&mut app, KeyCode::Tab);
    press(&mut app, 'j');
    assert_eq!(press(&mut app, 'y'), Effect::Copy(SOUTH.to_owned()));
    let mut app = ridge_with_url(NORTH, 80, 14);
    press(&mut app, 'S');
    common::press(&mut app, KeyCode::Tab);
    press(&mut app, 'g');
    assert_eq!(press(&mut app, 'y'), Effect::Copy(NORTH.to_owned()));
}

/// A message too long for the status line takes the row above it too. Over a view, that
/// row is the view's bottom edge, which was drawn after the message and hid its first
/// half ("Co╰────"); the message is now drawn last, whole.
#[test]
fn a_two_row_message_over_a_view_is_read_whole() {
    // Short enough that the view reaches the row above the status line.
    let mut app = ridge_with_a_long_url(80, 14);
    press(&mut app, 'S');
    assert_eq!(press(&mut app, 'y'), Effect::Copy(long_url()));
    for theme in [Theme::colored(), Theme::plain()] {
        let drawn = screen(&buffer(&app, theme));
        let rows: Vec<&str> = drawn.lines().collect();
        let above = rows[rows.len() - 2];
        assert!(above.starts_with("Copied the link of s1"), "{drawn}");
        assert!(rows[rows.len() - 1].contains("https://example.org/ridge-2015/north/"));
    }
}
