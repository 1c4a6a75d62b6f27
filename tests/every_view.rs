//! Keys that work in every view (issue 24, point 1): `/` opens the finder from each view,
//! as in less and vim, and what is typed next goes to its query; `n`/`N` step through the
//! search from the text views and the board; after a view is closed, `n` goes on from the
//! match it showed; the wrap-around message keeps "match k of n". State tests on the
//! invented book in `tests/fixtures/book`, through the real key table.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Effect, Overlay, OverlayKind, Settings};
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::search::{Place, Query, SearchIndex};

fn book() -> Corpus {
    Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")])
}

fn book_app() -> App {
    App::new(book(), Settings::new("book", "."), 120, 40)
}

/// Presses keys as the terminal delivers them, running any search in place.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        effects.extend(press_event(app, event));
    }
    effects
}

fn press_event(app: &mut App, event: KeyEvent) -> Option<Effect> {
    let action = key_from_event(&event).and_then(|key| app.action_for_key(key))?;
    match app.update(action) {
        Effect::Search(request) => {
            app.search_finished(request.run());
            None
        }
        effect => Some(effect),
    }
}

fn press_code(app: &mut App, code: KeyCode) {
    press_event(app, KeyEvent::new(code, KeyModifiers::NONE));
}

/// The finder's query, or `None` when the finder is not what is open.
fn finder_query(app: &App) -> Option<&str> {
    match app.overlay() {
        Overlay::Picker(picker) if picker.passages.is_some() => Some(&picker.query),
        _ => None,
    }
}

fn places(corpus: &Corpus, query: &str) -> Vec<Place> {
    SearchIndex::build(corpus).find(corpus, &Query::new(query).unwrap())
}

/// Opens the finder on `query` and Enter on its first passage.
fn search_and_open_first_passage(app: &mut App, query: &str) {
    press(app, "/");
    press(app, query);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    for _ in 0..finder.matches.len() {
        press_code(app, KeyCode::Down);
    }
    press_code(app, KeyCode::Enter);
}

/// Each view and the key that opens it from the reader.
const VIEWS: [(&str, &str); 9] = [
    ("summary", "s"),
    ("sources", "S"),
    ("item sources", "c"),
    ("help", "?"),
    ("problems", "!"),
    ("timeline", "t"),
    ("board", "b"),
    ("summits attended", "p"),
    ("list to compare with", "w"),
];

#[test]
fn slash_opens_the_finder_from_every_view_and_the_keys_typed_next_go_to_its_query() {
    for (view, opener) in VIEWS {
        let mut app = book_app();
        press(&mut app, opener);
        assert!(
            !matches!(app.overlay(), Overlay::None),
            "{opener} opens the {view}"
        );
        press(&mut app, "/");
        assert_eq!(finder_query(&app), Some(""), "/ in the {view}");
        // Each of these letters is a command in some view: here they only type.
        press(&mut app, "sanctions co/");
        assert_eq!(
            finder_query(&app),
            Some("sanctions co/"),
            "typed after / in the {view}"
        );
    }
}

#[test]
fn n_and_shift_n_step_through_the_search_from_the_text_views_and_the_board() {
    let all = places(&book(), "sanctions");
    assert!(all.len() > 4);
    for (view, opener) in [("summary", "s"), ("sources", "S"), ("board", "b")] {
        let mut app = book_app();
        search_and_open_first_passage(&mut app, "sanctions");
        press_code(&mut app, KeyCode::Esc);
        press(&mut app, opener);
        assert!(!matches!(app.overlay(), Overlay::None), "{view} is open");
        let before = app.search().unwrap().current;
        press(&mut app, "n");
        let after = app.search().unwrap().current;
        assert_ne!(after, before, "n in the {view} moves to another match");
        press(&mut app, "N");
        assert_ne!(
            app.search().unwrap().current,
            after,
            "N in the {view} moves back"
        );
    }
}

#[test]
fn after_closing_a_view_n_goes_on_from_the_match_it_showed() {
    let all = places(&book(), "sanctions");
    let mut app = book_app();
    // The grid's selection sits past the next match: n must not start from there.
    press(&mut app, "4");
    search_and_open_first_passage(&mut app, "sanctions");
    assert_eq!(all[0].pane, Pane::Summary);
    assert!(matches!(
        app.overlay(),
        Overlay::Text(view) if view.kind == OverlayKind::Summary
    ));
    press_code(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay(), Overlay::None));
    press(&mut app, "n");
    assert_eq!(app.search().unwrap().current, Some(1));
    assert_eq!(app.focused_pane(), all[1].pane);
    assert_eq!(app.pane(app.focus()).selected, all[1].item);
}

#[test]
fn the_wrap_around_message_keeps_match_k_of_n() {
    let all = places(&book(), "sanctions");
    let mut app = book_app();
    search_and_open_first_passage(&mut app, "sanctions");
    press(&mut app, "N");
    let status = app.status().unwrap().text.clone();
    let count = format!("match {} of {}", all.len(), all.len());
    assert!(status.contains("wrapped around to the last"), "{status}");
    assert!(status.contains(&count), "{status}");
    press(&mut app, "n");
    let status = app.status().unwrap().text.clone();
    let first = format!("match 1 of {}", all.len());
    assert!(status.contains("wrapped around to the first"), "{status}");
    assert!(status.contains(&first), "{status}");
}

#[test]
fn help_wraps_a_long_description_under_its_own_column_not_the_keys() {
    let mut app = App::new(book(), Settings::new("book", "."), 200, 50);
    press(&mut app, "?");
    let Overlay::Text(help) = app.overlay() else {
        panic!("help is open")
    };
    let lines: Vec<&str> = help.text.lines.iter().map(|l| l.text.as_str()).collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Previous year in the"))
        .unwrap();
    let column = lines[at].find("Previous year").unwrap();
    let next = lines[at + 1];
    let (before, after) = next.split_at(column);
    assert!(
        before.ends_with(&" ".repeat(20)) && after.starts_with(|c: char| !c.is_whitespace()),
        "{:?}\n{next:?}",
        lines[at]
    );
}

#[test]
fn h_and_l_move_between_panes_as_vim_users_expect() {
    let mut app = book_app();
    let first = app.focus();
    press(&mut app, "l");
    let second = app.focus();
    assert_ne!(second, first);
    press(&mut app, "h");
    assert_eq!(app.focus(), first);
    press(&mut app, "h");
    assert_eq!(app.focus(), first.prev());
}

#[test]
fn a_link_no_program_opens_gets_a_readable_message_not_the_openers_report() {
    let mut app = book_app();
    app.open_failed(
        "Launcher \"xdg-open\" \"https://example.org\" failed with ExitStatus(unix_wait_status(768))",
    );
    let status = app.status().unwrap();
    assert!(status.is_error);
    assert!(!status.text.contains("ExitStatus"), "{}", status.text);
    assert!(status.text.contains("y copies the link"), "{}", status.text);
    assert!(
        status.text.chars().count() <= 78,
        "fits an 80-column status line"
    );
}

#[test]
fn help_names_only_lists_a_key_opens() {
    let mut app = book_app();
    press(&mut app, "?");
    let Overlay::Text(help) = app.overlay() else {
        panic!("help is open")
    };
    let text: Vec<&str> = help.text.lines.iter().map(|l| l.text.as_str()).collect();
    let text = text.join("\n");
    // There is no history list: Backspace goes back without one.
    assert!(!text.contains("history"), "{text}");
    assert!(text.contains("Lists: finder, timeline, track"), "{text}");
}
