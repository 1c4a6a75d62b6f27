//! The sources views use the width well (issue 24, point 2): a URL longer than the reading
//! width is shown whole, broken over lines of its own, instead of cut at the border, and
//! `y` copies the URL of the source at the top. Snapshots at 80×24, 120×40 and 200×50.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use sherpa::app::{App, Effect, Overlay, Settings};
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use unicode_width::UnicodeWidthStr;

/// A URL far longer than any view is wide.
fn long_url() -> String {
    format!(
        "https://example.org/ridge-2015/north/{}/end",
        "a-very-long-path-segment".repeat(8)
    )
}

/// ridge-2015 of the invented book, its first source's URL made long.
fn ridge_with_a_long_url(width: u16, height: u16) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book/ridge-2015.toml");
    let text = std::fs::read_to_string(path).unwrap().replace(
        "url = \"https://example.org/ridge-2015/north\"",
        &format!("url = \"{}\"", long_url()),
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

fn buffer(app: &App, theme: Theme) -> Buffer {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_long_url_is_shown_whole_on_lines_of_its_own_at_every_size() {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = ridge_with_a_long_url(width, height);
        press(&mut app, 'S');
        let Overlay::Text(view) = app.overlay() else {
            panic!("the sources view is open")
        };
        let text_width = view
            .text
            .lines
            .iter()
            .map(|line| line.text.width())
            .max()
            .unwrap();
        let pieces: Vec<&str> = view
            .text
            .lines
            .iter()
            .map(|line| line.text.trim())
            .skip_while(|line| !line.starts_with("https://"))
            .take_while(|line| !line.starts_with("Cited by"))
            .collect();
        assert!(pieces.len() > 1, "{width}×{height}: broken over lines");
        assert_eq!(pieces.concat(), long_url(), "{width}×{height}");
        let drawn = screen(&buffer(&app, Theme::plain()));
        for piece in &pieces {
            assert!(drawn.contains(piece), "{width}×{height}: {piece}\n{drawn}");
        }
        assert!(
            text_width <= 100,
            "{width}×{height}: text stays at the reading width"
        );
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
