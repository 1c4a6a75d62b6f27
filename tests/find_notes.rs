//! Your notes in the finder: `/` lists the notes whose text matches the query, folded as
//! the text search folds, marked as notes between the summits and the passages; `Enter`
//! on one goes to the noted item.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use sherpa::app::{App, Overlay, PickerRow};
use sherpa::grid::GridPane;
use sherpa::ui::{self, Theme};
use sherpa_core::item_key::ItemKey;

use common::{press, typed};

fn app() -> App {
    common::good_reader()
}

/// The characters of the finder's note row drawn as a match (reversed and underlined in
/// the plain theme).
fn highlighted_in_note_row(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let row = (0..40)
        .find(|&y| (0..120).any(|x| buffer[(x, y)].symbol() == "✎"))
        .unwrap();
    (0..120)
        .map(|x| &buffer[(x, row)])
        .filter(|cell| {
            cell.modifier
                .contains(Modifier::UNDERLINED | Modifier::REVERSED)
        })
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

/// Writes a note on beta's first goal, then moves to the participants of the other summit.
fn app_with_a_note_elsewhere() -> App {
    let mut app = app();
    typed(&mut app, "3a");
    typed(&mut app, "Ask about the Islands déal");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.briefing().unwrap().id(), "beta");
    typed(&mut app, "1[");
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    app
}

#[test]
fn the_finder_lists_a_matching_note_marked_as_a_note_and_enter_goes_to_its_item() {
    let mut app = app_with_a_note_elsewhere();
    press(&mut app, KeyCode::Char('/'));
    // Case and accents fold as the text search folds them.
    typed(&mut app, "islands deal");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    let goal = ItemKey::parse("beta/goals/south.settle-the-islands").unwrap();
    assert_eq!(finder.notes.len(), 1);
    assert_eq!(finder.notes[0].key, goal);
    // After the summits, before the passages.
    let Some(PickerRow::Note(note)) = finder.row(finder.matches.len()) else {
        panic!("a note row after the summits")
    };
    assert_eq!(note.text, "Ask about the Islands déal");
    assert_eq!(
        finder.row_count(),
        finder.matches.len() + 1 + finder.passage_hits().len()
    );
    let shown = common::drawn(&app);
    assert!(
        shown.contains("✎ note  beta · Goals: Ask about the Islands déal"),
        "{shown}"
    );
    assert!(
        shown.contains(" · 1 note · "),
        "the title counts it: {shown}"
    );
    assert_eq!(
        highlighted_in_note_row(&app),
        "Islandsdéal",
        "the query's words are highlighted as in a passage"
    );
    while !matches!(app.overlay(), Overlay::Picker(f) if matches!(f.selection(), Some(PickerRow::Note(_))))
    {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.briefing().unwrap().id(), "beta");
    assert_eq!(app.focus(), GridPane::Goals);
    assert_eq!(app.pane(GridPane::Goals).selected, 0);
}

#[test]
fn a_note_is_listed_only_while_every_word_of_the_query_is_in_it() {
    let mut app = app_with_a_note_elsewhere();
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "islands treaty");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert!(finder.notes.is_empty());
    for _ in 0.."treaty".len() {
        press(&mut app, KeyCode::Backspace);
    }
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert_eq!(finder.notes.len(), 1, "back to `islands `");
    for _ in 0.."islands ".len() {
        press(&mut app, KeyCode::Backspace);
    }
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert!(finder.notes.is_empty(), "an empty query lists no note");
}

/// The keys of the items the finder's notes for `query` stand on; the finder is closed
/// again.
fn noted_items(app: &mut App, query: &str) -> Vec<String> {
    press(app, KeyCode::Char('/'));
    typed(app, query);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    let keys = finder
        .notes
        .iter()
        .map(|note| note.key.to_string())
        .collect();
    press(app, KeyCode::Esc);
    keys
}

#[test]
fn the_notes_are_placed_once_not_at_every_keystroke_nor_for_every_note_written() {
    let mut app = app_with_a_note_elsewhere();
    let warmed = app.finder_notes();
    assert!(
        !warmed.is_placed(),
        "placed once the corpus is warmed, not before"
    );
    // What the runner's warm-up does, on its own thread.
    assert_eq!(warmed.placed().count(), 1);
    assert!(
        app.finder_notes().is_placed(),
        "the reader's notes were placed"
    );
    // A note written now is placed alone: the others keep their places.
    typed(&mut app, "1a");
    typed(&mut app, "Check her Islands brief");
    press(&mut app, KeyCode::Enter);
    assert!(app.finder_notes().is_placed());
    assert_eq!(
        noted_items(&mut app, "islands"),
        [
            "alpha/participants/ada-example",
            "beta/goals/south.settle-the-islands"
        ]
    );
    assert!(app.finder_notes().is_placed());
}

#[test]
fn a_reload_places_the_notes_again_in_the_briefings_as_they_are_now() {
    let mut app = app_with_a_note_elsewhere();
    app.finder_notes().placed().for_each(drop);
    let renamed = std::fs::read_to_string(common::fixtures("good").join("beta.toml"))
        .unwrap()
        .replace("id = \"beta\"", "id = \"beta-renamed\"");
    let alpha = std::fs::read_to_string(common::fixtures("good").join("alpha.toml")).unwrap();
    app.corpus_reloaded(sherpa_core::corpus::Corpus::from_sources([
        ("alpha.toml", alpha.as_str()),
        ("beta.toml", renamed.as_str()),
    ]));
    assert!(
        !app.finder_notes().is_placed(),
        "placed again, in the new corpus"
    );
    assert_eq!(
        noted_items(&mut app, "islands"),
        ["beta-renamed/goals/south.settle-the-islands"],
        "found by its quote in the summit whose id changed"
    );
}

#[test]
fn narrowed_the_finder_lists_only_the_notes_in_the_summits_narrowed_to() {
    let mut app = app_with_a_note_elsewhere();
    typed(&mut app, "1a");
    typed(&mut app, "Check her Islands brief");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('f'));
    typed(&mut app, "tag: fixture");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.narrowed().is_some(),
        "narrowed to alpha, the only `fixture`"
    );
    assert_eq!(
        noted_items(&mut app, "islands"),
        ["alpha/participants/ada-example"],
        "beta's note is outside"
    );
}

/// Session 15: after `Enter` on a note's row the finder's query stays the search, as after
/// a summit's row, and `n` goes on from the noted item, the place the reader was taken to:
/// here the item is beta's one match, so `n` goes past it, round to the first match listed
/// (in alpha, the summit the finder was opened on).
#[test]
fn enter_on_a_note_keeps_the_query_for_n_from_the_noted_item() {
    let mut app = app_with_a_note_elsewhere();
    let home = app.current();
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "islands");
    while !matches!(app.overlay(), Overlay::Picker(f) if matches!(f.selection(), Some(PickerRow::Note(_))))
    {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.briefing().unwrap().id(), "beta");
    let search = app.search().expect("the query stays the search");
    assert_eq!(search.current, None);
    let noted = sherpa_core::search::Place {
        position: app.current(),
        pane: app.focused_pane(),
        item: app.pane(app.focus()).selected,
    };
    assert!(search.places.contains(&noted), "the noted item is a match");
    let first_listed = (search.places.iter())
        .find(|p| p.position == home)
        .copied()
        .unwrap();
    let status = &app.status().unwrap().text;
    assert!(status.starts_with("n/N step through the"), "{status}");
    press(&mut app, KeyCode::Char('n'));
    let search = app.search().unwrap();
    assert_eq!(search.places[search.current.unwrap()], first_listed);
    let status = &app.status().unwrap().text;
    assert!(status.starts_with("Search wrapped around"), "{status}");
}
