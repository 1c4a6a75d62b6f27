//! Finding text in the reader: passages in the finder, Enter on one, `n`/`N` through the
//! corpus, highlights on screen, `Esc` to clear. State tests script keys against the app;
//! the search the runner would run on a worker is run in place.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use sherpa::app::{App, Effect, Overlay, PickerRow, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::search::{Passage, Query, SearchIndex};

fn bundled() -> Corpus {
    Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")])
}

/// Presses keys through the real key table, running any search the app asks for.
fn press(app: &mut App, keys: &[KeyEvent]) {
    for key in keys {
        if let Some(action) = key_from_event(key).and_then(|key| app.action_for_key(key))
            && let Effect::Search(request) = app.update(action)
        {
            app.search_finished(request.run());
        }
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)]);
    }
}

fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn passages_at(corpus: &Corpus, query: &str) -> Vec<sherpa_core::search::Place> {
    passages(corpus, query).iter().map(|p| p.place).collect()
}

fn passages(corpus: &Corpus, query: &str) -> Vec<Passage> {
    SearchIndex::build(corpus).search(corpus, &Query::new(query).unwrap())
}

/// Where the reader is: summit id, the pane (a text view's, if one is open) and item.
fn place(app: &App) -> (String, Pane, usize) {
    let id = app.briefing().unwrap().id().to_owned();
    match app.overlay() {
        Overlay::Text(_) => {
            let search = app.search().unwrap();
            let place = search.places[search.current.unwrap()];
            (id, place.pane, place.item)
        }
        _ => (id, app.focused_pane(), app.pane(app.focus()).selected),
    }
}

fn open_finder_on(app: &mut App, query: &str) {
    press(
        app,
        &[KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)],
    );
    typed(app, query);
}

#[test]
fn the_finder_lists_summits_then_passages_with_counts() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 200, 50);
    open_finder_on(&mut app, "ceasefire");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    let expected = passages(app.corpus(), "ceasefire");
    assert!(expected.len() > 20);
    let places: Vec<_> = expected.iter().map(|p| p.place).collect();
    assert_eq!(finder.passage_hits(), places.as_slice());
    assert_eq!(finder.row_count(), finder.matches.len() + expected.len());
    assert!(matches!(
        finder.row(finder.matches.len()),
        Some(PickerRow::Passage(_))
    ));
    let text = screen(&app, 200, 50, Theme::plain());
    let summits: std::collections::BTreeSet<&str> =
        expected.iter().map(|p| p.id.as_str()).collect();
    let count = format!("{} passages in {} summits", expected.len(), summits.len());
    assert!(text.contains(&count), "{count}\n{text}");
    assert!(
        text.contains("hamburg-2017 · 2017-07-07 · Summary"),
        "{text}"
    );
}

#[test]
fn a_newer_query_replaces_an_older_answer() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)],
    );
    let first = app.update(sherpa::app::Action::FinderInput('p'));
    let second = app.update(sherpa::app::Action::FinderInput('u'));
    let (Effect::Search(first), Effect::Search(second)) = (first, second) else {
        panic!("each keystroke asks for a search")
    };
    app.search_finished(second.run());
    app.search_finished(first.run());
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    let places: Vec<_> = passages(app.corpus(), "pu")
        .iter()
        .map(|p| p.place)
        .collect();
    assert_eq!(finder.passage_hits(), places.as_slice());
}

#[test]
fn enter_on_a_passage_opens_its_summit_pane_and_item_with_the_match_in_view() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    let all = passages(app.corpus(), "ceasefire");
    let (index, target) = all
        .iter()
        .enumerate()
        .find(|(_, p)| p.place.pane == Pane::Disagreements)
        .unwrap();
    open_finder_on(&mut app, "ceasefire");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!()
    };
    let rows = finder.matches.len() + index;
    for _ in 0..rows {
        press(&mut app, &[code(KeyCode::Down)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.briefing().unwrap().id(), target.id);
    assert_eq!(app.focus(), GridPane::Disagreements);
    let view = app.pane(GridPane::Disagreements);
    assert_eq!(view.selected, target.place.item);
    let visible = &view.text.lines[view.text.scroll
        ..(view.text.scroll + usize::from(view.text.height)).min(view.text.lines.len())];
    assert!(
        visible
            .iter()
            .any(|l| l.text.to_lowercase().contains("ceasefire")),
        "the match is on screen"
    );
    assert_eq!(app.search().unwrap().current, Some(index));
    let status = screen(&app, 120, 40, Theme::plain());
    assert!(
        status.contains(&format!("match {} of {}", index + 1, all.len())),
        "{status}"
    );
}

#[test]
fn n_and_shift_n_walk_the_corpus_in_order_and_wrap() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    let all = passages(app.corpus(), "zelenskyy");
    open_finder_on(&mut app, "zelenskyy");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!()
    };
    for _ in 0..finder.matches.len() {
        press(&mut app, &[code(KeyCode::Down)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    let mut seen = vec![place(&app)];
    for _ in 1..all.len() {
        press(
            &mut app,
            &[KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)],
        );
        seen.push(place(&app));
    }
    let expected: Vec<(String, Pane, usize)> = all
        .iter()
        .map(|p| (p.id.clone(), p.place.pane, p.place.item))
        .collect();
    assert_eq!(seen, expected);
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)],
    );
    assert_eq!(place(&app), expected[0]);
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("wrapped around to the first")
    );
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT)],
    );
    assert_eq!(place(&app), expected[expected.len() - 1]);
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("wrapped around to the last")
    );
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT)],
    );
    assert_eq!(place(&app), expected[expected.len() - 2]);
}

#[test]
fn escape_clears_the_search_and_n_then_explains() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    open_finder_on(&mut app, "ceasefire");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!()
    };
    for _ in 0..finder.matches.len() {
        press(&mut app, &[code(KeyCode::Down)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    // The first passage may be a summary paragraph: close that view first.
    if matches!(app.overlay(), Overlay::Text(_)) {
        press(&mut app, &[code(KeyCode::Esc)]);
    }
    assert!(app.search().is_some());
    press(&mut app, &[code(KeyCode::Esc)]);
    assert!(app.search().is_none());
    assert_eq!(app.status().unwrap().text, "Search cleared");
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)],
    );
    assert!(app.status().unwrap().text.contains("finds text"));
}

fn buffer(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(app: &App, width: u16, height: u16, theme: Theme) -> String {
    let buffer = buffer(app, width, height, theme);
    let mut text = String::new();
    for y in 0..height {
        for x in 0..width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// The highlighted runs of each row: the text of consecutive cells in the match style.
fn highlighted_runs(
    buffer: &Buffer,
    is_match: impl Fn(&ratatui::buffer::Cell) -> bool,
) -> Vec<String> {
    let area = buffer.area;
    let mut runs = Vec::new();
    for y in 0..area.height {
        let mut run = String::new();
        let mut covered = 0;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            // The second column of a wide character is drawn by the first.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            if is_match(cell) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

fn hostile_corpus(dir: &Path) -> Corpus {
    std::fs::write(
        dir.join("wide.toml"),
        r#"
[summit]
id = "wide"
title = "Wide"
date = 2020-01-01
location = "Reykjavík"

[[goals]]
party = "東京 delegation"
goal = "Meet at Höfði house, then at HÖFÐI again; 東京で会議."
"#,
    )
    .unwrap();
    Corpus::load_paths(&[dir.to_owned()])
}

#[test]
fn matches_are_highlighted_cell_for_cell_under_accents_and_wide_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = App::new(
        hostile_corpus(tmp.path()),
        Settings::new("wide", PathBuf::from(".")),
        120,
        30,
    );
    open_finder_on(&mut app, "hofdi");
    press(&mut app, &[code(KeyCode::Down), code(KeyCode::Enter)]);
    assert_eq!(app.focus(), GridPane::Goals);
    let colored = buffer(&app, 120, 30, Theme::colored());
    let runs = highlighted_runs(&colored, |c| c.bg == Color::Yellow);
    // Two matches in the goal, and "match 1 of 1" in the status line.
    assert_eq!(runs, vec!["Höfði", "HÖFÐI", "match 1 of 1"], "{runs:?}");
    // Without colour the match is reversed and underlined, never colour alone.
    let plain = buffer(&app, 120, 30, Theme::plain());
    let runs = highlighted_runs(&plain, |c| {
        c.modifier
            .contains(Modifier::UNDERLINED | Modifier::REVERSED)
    });
    assert_eq!(runs, vec!["Höfði", "HÖFÐI", "match 1 of 1"]);

    // A wide-character query highlights whole wide cells, in the heading and the text.
    press(&mut app, &[code(KeyCode::Esc)]);
    open_finder_on(&mut app, "東京");
    press(&mut app, &[code(KeyCode::Down), code(KeyCode::Enter)]);
    let colored = buffer(&app, 120, 30, Theme::colored());
    let runs = highlighted_runs(&colored, |c| c.bg == Color::Yellow);
    assert_eq!(runs, vec!["東京", "東京", "match 1 of 1"], "{runs:?}");
}

/// Over more summits than the runner indexes after a load, a text search streams through
/// them instead of building the index first (which read and held every document), and
/// says how far it has gone rather than that it builds an index.
#[test]
fn a_search_over_a_large_corpus_streams_instead_of_building_the_index() {
    let count = 7;
    let texts: Vec<(String, String)> = (0..count)
        .map(|at| {
            let text = format!(
                "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"L\"\nsummary = \"word{}\"\n",
                at % 7
            );
            (format!("s{at}.toml"), text)
        })
        .collect();
    let corpus = Corpus::from_sources(
        texts
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    );
    assert_eq!(corpus.len(), count);
    let mut app =
        App::new(corpus, Settings::new("many", "."), 120, 40).with_search_indexed_up_to(count - 1);
    assert!(!app.search_source().warms_up());
    press(&mut app, &[code(KeyCode::Char('/'))]);
    let Effect::Search(request) = app.update(sherpa::app::Action::FinderInput('w')) else {
        panic!("a keystroke asks for a search")
    };
    assert!(app.status().is_none(), "{:?}", app.status());
    app.search_finished(request.run());
    assert!(app.status().is_none(), "{:?}", app.status());
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert_eq!(
        finder.passage_hits(),
        passages_at(app.corpus(), "w").as_slice()
    );
    assert_eq!(finder.passage_hits().len(), count);
    assert!(format!("{:?}", app.search_source()).contains("indexed: false"));
}

/// The finder lists the summit being read's passages first; the count and `n` follow the
/// list: its first row opens as match 1, `n` goes down the list, every passage once.
#[test]
fn n_and_the_count_follow_the_finder_s_order_from_the_first_row() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 200, 50);
    let latest = app.corpus().len() - 1;
    app.go_to(latest);
    open_finder_on(&mut app, "ceasefire");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    let passages = finder.passages.as_ref().unwrap();
    let count = passages.hits.len();
    assert!(
        !passages.here().is_empty(),
        "the summit being read has passages"
    );
    assert!(
        passages.here().start > 0,
        "and earlier summits have some too"
    );
    let listed: Vec<_> = (0..count)
        .map(|row| passages.hits[passages.hit_index(row).unwrap()])
        .collect();
    for _ in 0..finder.matches.len() {
        press(&mut app, &[code(KeyCode::Down)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    let shown = |app: &App| {
        let search = app.search().unwrap();
        (
            search.places[search.current.unwrap()],
            search.number().unwrap(),
        )
    };
    assert_eq!(shown(&app), (listed[0], 1));
    assert!(screen(&app, 200, 50, Theme::plain()).contains(&format!("match 1 of {count}")));
    for (row, place) in listed.iter().enumerate().skip(1) {
        press(&mut app, &[key_from_char('n')]);
        assert_eq!(shown(&app), (*place, row + 1));
    }
    press(&mut app, &[key_from_char('n')]);
    assert_eq!(shown(&app), (listed[0], 1));
    let status = &app.status().unwrap().text;
    assert!(
        status.contains(&format!("first match: match 1 of {count}")),
        "{status}"
    );
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT)],
    );
    assert_eq!(shown(&app), (listed[count - 1], count));
    let status = &app.status().unwrap().text;
    assert!(
        status.contains(&format!("last match: match {count} of {count}")),
        "{status}"
    );
}

fn key_from_char(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Session 15: `/geneva` `Enter` opened the Geneva summit (the finder's first row is a
/// summit), and the next `n` said "No search is active". As after `/word` `Enter` in
/// `less`, the query stays the search whichever row was chosen: the status line says what
/// `n` will do, the count shows with no "match N" yet, and `n`/`N` step through its
/// passages from where the reader now is, the start of the summit gone to, in the order the
/// finder listed them.
#[test]
fn enter_on_a_summit_row_keeps_the_query_for_n_from_the_summits_start() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 200, 50);
    let all = passages_at(app.corpus(), "geneva");
    assert!(all.len() > 2, "{all:?}");
    open_finder_on(&mut app, "geneva");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert!(
        matches!(finder.row(0), Some(PickerRow::Entry(_))),
        "a summit row first"
    );
    press(&mut app, &[code(KeyCode::Enter)]);
    assert_eq!(app.briefing().unwrap().id(), "geneva-2021");
    let search = app.search().expect("the query stays the search");
    assert_eq!(*search.places, all);
    assert_eq!(search.current, None, "no passage shown yet");
    let status = &app.status().unwrap().text;
    let expected = format!("n/N step through the {} passages of \"geneva\"", all.len());
    assert_eq!(status, &expected);
    // The next key puts the hints back, with the count and no "match N" yet.
    press(&mut app, &[code(KeyCode::Tab), code(KeyCode::BackTab)]);
    let hints = screen(&app, 200, 50, Theme::plain());
    assert!(hints.contains(&format!("{} matches", all.len())), "{hints}");
    // From the top of Geneva, just gone to: its first passage (in its summary, before the
    // pane the grid stands on), then on through the summit.
    let geneva = app.current();
    let in_geneva: Vec<_> = all
        .iter()
        .filter(|p| p.position == geneva)
        .copied()
        .collect();
    assert!(in_geneva.len() > 1, "{in_geneva:?}");
    for expected in &in_geneva {
        press(&mut app, &[key_from_char('n')]);
        let search = app.search().unwrap();
        assert_eq!(search.places[search.current.unwrap()], *expected);
    }
    assert_eq!(place(&app).0, "geneva-2021");
    press(&mut app, &[key_from_char('N')]);
    let search = app.search().unwrap();
    assert!(search.current.is_some(), "N steps too");
}

/// Enter on the finder's summit row before its passages have come back: the query is kept
/// with none yet, and the passages join it when the search answers, so `n` goes to one.
#[test]
fn a_summit_row_chosen_before_the_passages_arrive_keeps_the_search_they_join() {
    use sherpa::app::Action;
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    let all = passages_at(app.corpus(), "geneva");
    press(&mut app, &[key_from_char('/')]);
    let mut request = None;
    for c in "geneva".chars() {
        if let Effect::Search(asked) = app.update(Action::FinderInput(c)) {
            request = Some(asked);
        }
    }
    app.update(Action::Open);
    assert_eq!(app.briefing().unwrap().id(), "geneva-2021");
    let status = &app.status().unwrap().text;
    assert!(status.contains("still searching"), "{status}");
    assert!(app.search().unwrap().places.is_empty());
    app.search_finished(request.unwrap().run());
    let search = app.search().unwrap();
    assert_eq!(*search.places, all);
    assert_eq!(search.progress, None);
    app.update(Action::NextMatch);
    assert_eq!(place(&app).0, "geneva-2021");
    assert!(app.search().unwrap().current.is_some());
}

/// A query that fuzzily names a summit but that no passage holds is not kept: `n` has
/// nothing to step through, and the status line says so at once.
#[test]
fn a_summit_row_of_a_query_no_passage_holds_keeps_no_search() {
    let mut app = App::new(bundled(), Settings::new("briefings", "."), 120, 40);
    open_finder_on(&mut app, "gnv21");
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    assert!(
        matches!(finder.row(0), Some(PickerRow::Entry(_))),
        "a summit row first"
    );
    assert!(passages_at(app.corpus(), "gnv21").is_empty());
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(app.search().is_none());
    let status = &app.status().unwrap().text;
    assert!(status.starts_with("No passage holds \"gnv21\""), "{status}");
}
