//! Narrowing and going to (issue 24, point 5): a key goes to a summit by id or title with
//! completion; narrowing to a tag or a participant keeps `]`/`[`, the timeline, the board
//! and the finder inside it, the header says so, and one key clears it. State tests through
//! the real key table on the invented book in `tests/fixtures/book` (by date: lakeside-2011,
//! harbour-2012, ridge-2015, delta-2019, summit-2020), and a styled snapshot.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use crossterm::event::KeyCode;
use sherpa::app::{App, Narrowing, Overlay, Picker, PickerRow, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

use common::{buffer, press, rows, styled_screen, typed};

fn book_app(width: u16, height: u16) -> App {
    let corpus =
        Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book")]);
    App::new(corpus, Settings::new("book", "."), width, height)
}

fn current_id(app: &App) -> &str {
    app.briefing().unwrap().id()
}

fn picker(app: &App) -> &Picker {
    match app.overlay() {
        Overlay::Picker(picker) => picker,
        other => panic!("a list is open, not {other:?}"),
    }
}

/// The targets of a list's entries, in the order listed.
fn listed_targets(app: &App) -> Vec<String> {
    let picker = picker(app);
    picker
        .matches
        .iter()
        .filter_map(|&m| picker.entries.get(m)?.target.clone())
        .collect()
}

/// The lines of a list's entries, in the order listed.
fn listed_texts(app: &App) -> Vec<&str> {
    let picker = picker(app);
    picker
        .matches
        .iter()
        .filter_map(|&m| Some(picker.entries.get(m)?.text.as_str()))
        .collect()
}

/// The book narrowed to the tag `river` (lakeside-2011, ridge-2015, delta-2019) with the
/// narrowing list, from harbour-2012, which does not have it.
fn narrowed_to_river(width: u16, height: u16) -> App {
    let mut app = book_app(width, height);
    app.go_to(app.corpus().position("harbour-2012").unwrap());
    press(&mut app, KeyCode::Char('f'));
    typed(&mut app, "tag: river");
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn go_to_completes_an_id_or_a_title_and_goes_there() {
    let mut app = book_app(120, 40);
    press(&mut app, KeyCode::Char(':'));
    assert_eq!(listed_targets(&app).len(), 5, "every summit is offered");
    typed(&mut app, "ridge");
    assert_eq!(listed_targets(&app), ["ridge-2015"]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "ridge-2015");
    assert!(matches!(app.overlay(), Overlay::None));
    // By title: "Capital summit" is summit-2020.
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "capital");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "summit-2020");
    // Participants are not what go-to completes: the finder is for those.
    press(&mut app, KeyCode::Char(':'));
    typed(&mut app, "lindqvist");
    assert!(listed_targets(&app).is_empty());
}

#[test]
fn the_narrowing_list_offers_tags_and_participants_with_their_counts() {
    let mut app = book_app(120, 40);
    press(&mut app, KeyCode::Char('f'));
    let rows = listed_texts(&app);
    assert!(rows.contains(&"tag: river  (3 summits)"), "{rows:?}");
    assert!(rows.contains(&"tag: trade  (1 summit)"), "{rows:?}");
    assert!(
        rows.contains(&"participant: Ada Lindqvist  (3 summits)"),
        "{rows:?}"
    );
}

#[test]
fn a_participant_written_several_ways_is_one_row_shown_as_first_written() {
    let summit = |id: &str, year: u32, name: &str| {
        format!(
            "[summit]\nid = \"{id}\"\ntitle = \"T\"\ndate = {year}-01-01\nlocation = \"L\"\n\
             [[participants]]\nname = \"{name}\"\n"
        )
    };
    // Loaded in another order than the dates': the first written is the earliest summit's.
    let texts = [
        ("c.toml", summit("c", 2003, "Ada Lindqvist")),
        ("a.toml", summit("a", 2001, "ADA  lindqvist")),
        ("b.toml", summit("b", 2002, "Ada Lindqvist")),
        ("d.toml", summit("d", 2004, "Bo Berg")),
    ];
    let corpus = Corpus::from_sources(texts.iter().map(|(name, text)| (*name, text.as_str())));
    let mut app = App::new(corpus, Settings::new("names", "."), 120, 40);
    press(&mut app, KeyCode::Char('f'));
    let rows = listed_texts(&app);
    assert_eq!(
        rows,
        [
            "participant: ADA  lindqvist  (3 summits)",
            "participant: Bo Berg  (1 summit)"
        ]
    );
}

#[test]
fn narrowing_goes_to_the_next_summit_in_it_and_the_header_says_so() {
    let app = narrowed_to_river(120, 40);
    let narrowed = app.narrowed().unwrap();
    assert_eq!(narrowed.by, Narrowing::Tag("river".into()));
    assert_eq!(narrowed.positions, [0, 2, 3]);
    assert_eq!(current_id(&app), "ridge-2015", "the next river summit");
    assert_eq!(
        app.narrowing_note().as_deref(),
        Some("narrowed to tag: river — 3 of 5")
    );
    let drawn = rows(&buffer(&app, Theme::plain())).join("\n");
    assert!(
        drawn.contains("narrowed to tag: river — 3 of 5 (F shows all)"),
        "{drawn}"
    );
}

#[test]
fn next_and_previous_summit_stay_inside_the_narrowing_and_wrap() {
    let mut app = narrowed_to_river(120, 40);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "delta-2019", "harbour-2012 is skipped");
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "lakeside-2011", "wraps past summit-2020");
    assert!(app.status().unwrap().text.contains("Wrapped"));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "delta-2019");
    press(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "ridge-2015");
}

#[test]
fn from_a_summit_outside_the_narrowing_the_keys_go_to_the_nearest_inside() {
    let mut app = narrowed_to_river(120, 40);
    // Backspace returns to harbour-2012, which is not tagged river.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(current_id(&app), "harbour-2012");
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "ridge-2015");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "lakeside-2011");
}

#[test]
fn the_timeline_board_finder_and_go_to_list_only_the_narrowed_summits() {
    let mut app = book_app(200, 50);
    press(&mut app, KeyCode::Char('f'));
    typed(&mut app, "ada lindqvist");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.narrowed().unwrap().by,
        Narrowing::Participant("Ada Lindqvist".into())
    );
    let ada = ["lakeside-2011", "harbour-2012", "ridge-2015"];

    press(&mut app, KeyCode::Char('t'));
    assert!(picker(&app).title.contains("narrowed to participant: Ada"));
    for target in listed_targets(&app) {
        assert!(ada.contains(&target.as_str()), "timeline lists {target}");
    }
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('b'));
    let Overlay::Board(view) = app.overlay() else {
        panic!("the board is open")
    };
    let columns: Vec<&str> = view
        .board
        .columns
        .iter()
        .map(|c| c.summit.as_str())
        .collect();
    assert_eq!(columns, ada);
    press(&mut app, KeyCode::Char('b'));

    press(&mut app, KeyCode::Char(':'));
    assert_eq!(listed_targets(&app), ada);
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('/'));
    assert_eq!(listed_targets(&app), ada);
    typed(&mut app, "river");
    let finder = picker(&app);
    assert!(
        !finder.passage_hits().is_empty(),
        "river is in Ada's summits"
    );
    for row in finder.matches.len()..finder.row_count() {
        let Some(PickerRow::Passage(place)) = finder.row(row) else {
            panic!("row {row} is a passage")
        };
        let id = app.corpus().briefings().get(place.position).unwrap().id();
        assert!(ada.contains(&id), "a passage of {id}");
    }
}

#[test]
fn the_summits_attended_list_stays_inside_the_narrowing_and_says_so() {
    let mut app = narrowed_to_river(120, 40);
    // Ada Lindqvist, first of ridge-2015's participants, attended lakeside-2011,
    // harbour-2012 and ridge-2015; harbour-2012 is not tagged river.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(listed_targets(&app), ["lakeside-2011", "ridge-2015"]);
    let title = &picker(&app).title;
    assert!(
        title.contains("Ada Lindqvist (narrowed to tag: river: 2 of 3)"),
        "{title}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('F'));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(
        listed_targets(&app),
        ["lakeside-2011", "harbour-2012", "ridge-2015"],
        "every summit once the narrowing is cleared"
    );
    assert_eq!(picker(&app).title, "Summits attended by Ada Lindqvist");
}

#[test]
fn a_disagreements_history_stays_inside_the_narrowing_and_says_so() {
    let mut app = narrowed_to_river(120, 40);
    // river-border, ridge-2015's first disagreement, is at every summit but summit-2020.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        listed_targets(&app),
        ["lakeside-2011", "ridge-2015", "delta-2019"]
    );
    let title = &picker(&app).title;
    assert!(
        title.contains("river-border (narrowed to tag: river: 3 of 4)"),
        "{title}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('F'));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(listed_targets(&app).len(), 4, "harbour-2012 is back");
}

#[test]
fn one_key_clears_the_narrowing() {
    let mut app = narrowed_to_river(120, 40);
    press(&mut app, KeyCode::Char('F'));
    assert!(app.narrowed().is_none());
    assert_eq!(app.narrowing_note(), None);
    assert_eq!(
        current_id(&app),
        "ridge-2015",
        "the reader stays where it is"
    );
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "delta-2019");
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "harbour-2012", "every summit again");
}

#[test]
fn the_clear_key_is_offered_in_the_hints_only_while_narrowed() {
    let mut app = book_app(200, 50);
    let offers_clear = |app: &App| app.hints().iter().any(|(key, _)| key == "F");
    assert!(!offers_clear(&app));
    press(&mut app, KeyCode::Char('f'));
    typed(&mut app, "tag: river");
    press(&mut app, KeyCode::Enter);
    assert!(offers_clear(&app));
}

#[test]
fn a_reload_finds_the_narrowed_summits_again() {
    let mut app = narrowed_to_river(120, 40);
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book");
    let dir = tempfile::tempdir().unwrap();
    for name in ["lakeside-2011", "ridge-2015", "summit-2020"] {
        let file = format!("{name}.toml");
        std::fs::copy(book.join(&file), dir.path().join(&file)).unwrap();
    }
    app.corpus_reloaded(Corpus::load_paths(&[dir.path().to_path_buf()]));
    assert_eq!(app.narrowed().unwrap().positions, [0, 1]);
    assert_eq!(
        app.narrowing_note().as_deref(),
        Some("narrowed to tag: river — 2 of 3")
    );
}

#[test]
fn snapshot_narrowed_reader_at_80_by_24() {
    let app = narrowed_to_river(80, 24);
    insta::assert_snapshot!(styled_screen(&buffer(&app, Theme::colored())));
}

#[test]
fn snapshot_narrowed_reader_at_120_by_40() {
    let app = narrowed_to_river(120, 40);
    insta::assert_snapshot!(styled_screen(&buffer(&app, Theme::colored())));
}
