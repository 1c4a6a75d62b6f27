//! The timeline's chart over decades of summits (session 15): only the latest years fit,
//! so the chart marks the years cut off at either side, names the span in its heading, and
//! scrolls to keep the selected row's year (or the year chosen with `Left`/`Right`) in view.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::press;
use crossterm::event::KeyCode;
use sherpa::app::{App, Overlay, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

/// What `app` draws in the plain theme, a row a line.
fn screen(app: &App) -> Vec<String> {
    common::rows(&common::buffer(app, Theme::plain()))
}

const FIRST_YEAR: usize = 1960;
const LAST_YEAR: usize = 2030;

/// One summit a year from 1960 to 2030, as in the generated corpus.
fn decades(width: u16, height: u16) -> App {
    let texts: Vec<(String, String)> = (FIRST_YEAR..=LAST_YEAR)
        .map(|year| {
            (
                format!("s{year}.toml"),
                format!(
                    "[summit]\nid = \"s{year}\"\ntitle = \"Summit {year}\"\ndate = {year}-05-01\nlocation = \"L\"\n"
                ),
            )
        })
        .collect();
    let corpus = Corpus::from_sources(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    App::new(corpus, Settings::new("decades", "."), width, height)
}

/// The row of year labels under the chart's bars: the first with several years on it.
fn year_labels(screen: &[String]) -> &str {
    let is_year = |word: &str| word.len() == 4 && word.chars().all(|c| c.is_ascii_digit());
    screen
        .iter()
        .find(|line| line.split_whitespace().filter(|w| is_year(w)).count() >= 3)
        .map_or("", String::as_str)
}

#[test]
fn the_chart_marks_earlier_years_cut_off_and_names_the_span() {
    for (width, height) in [(200, 50), (80, 24)] {
        let mut app = decades(width, height);
        app.go_to(LAST_YEAR - FIRST_YEAR);
        press(&mut app, KeyCode::Char('t'));
        assert!(matches!(app.overlay(), Overlay::Picker(_)));
        let screen = screen(&app);
        let all = screen.join("\n");
        assert!(all.contains("all years 1960–2030"), "{all}");
        let labels = year_labels(&screen);
        assert!(labels.contains("«"), "earlier years are marked: {labels}");
        assert!(
            labels.contains("2030") && !labels.contains("1960"),
            "{labels}"
        );
        assert!(!labels.contains("»"), "nothing after the latest year");
    }
}

#[test]
fn the_chart_shows_the_selected_row_s_year() {
    for (width, height) in [(200, 50), (80, 24)] {
        // On the first summit: the timeline's selected row is 1960's.
        let mut app = decades(width, height);
        press(&mut app, KeyCode::Char('t'));
        let screen_now = screen(&app);
        let labels = year_labels(&screen_now);
        assert!(labels.contains("1960"), "{labels}");
        assert!(labels.contains("»"), "later years are marked: {labels}");
        assert!(!labels.contains("2030"), "{labels}");
        // To the last row: the chart follows it to the latest years.
        press(&mut app, KeyCode::End);
        let screen_now = screen(&app);
        let labels = year_labels(&screen_now);
        assert!(labels.contains("2030") && labels.contains("«"), "{labels}");
    }
}

#[test]
fn a_year_chosen_with_left_and_right_is_in_view() {
    let mut app = decades(80, 24);
    app.go_to(LAST_YEAR - FIRST_YEAR);
    press(&mut app, KeyCode::Char('t'));
    // From every year, Right is the first year.
    press(&mut app, KeyCode::Right);
    let screen_now = screen(&app);
    assert!(screen_now.join("\n").contains("Meetings in 1960: 1"));
    let labels = year_labels(&screen_now);
    assert!(labels.contains("1960"), "{labels}");
}
