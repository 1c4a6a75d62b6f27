//! The timeline and the board over many summits, worked out away from the key's thread:
//! the key asks the runner for the view and says what is being read, `Esc` gives up on
//! it, and the view that opens is the one worked out in place. The threshold is lowered
//! through `App::with_views_in_place_up_to` instead of generating thousands of files; the
//! runner's thread is a call to `SurveyRequest::run` here.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::KeyCode;
use sherpa::app::{App, Effect, Overlay, SurveyRequest};
use sherpa::grid::GridPane;

/// The reader on the `good` fixtures, which work their views out away past `in_place_up_to`
/// summits.
fn reader(in_place_up_to: usize) -> App {
    common::good_reader().with_views_in_place_up_to(in_place_up_to)
}

/// Presses `key`, which must ask the runner for a view; the request.
fn asked(app: &mut App, key: char) -> SurveyRequest {
    match common::press(app, KeyCode::Char(key)) {
        Effect::Survey(request) => request,
        other => panic!("{key} asked for {other:?}, not a view"),
    }
}

fn status(app: &App) -> String {
    app.status()
        .map(|status| status.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_view_over_many_summits_is_read_away_and_opens_as_one_read_in_place() {
    for key in ['t', 'b'] {
        let mut in_place = reader(usize::MAX);
        let effect = common::press(&mut in_place, KeyCode::Char(key));
        assert!(!matches!(effect, Effect::Survey(_)), "{key}: in place");
        let mut away = reader(0);
        let request = asked(&mut away, key);
        let summits = away.corpus().len();
        let name = if key == 't' { "timeline" } else { "board" };
        assert_eq!(
            status(&away),
            format!("Reading {summits} summits for the {name}… (Esc stops)")
        );
        assert!(matches!(away.overlay(), Overlay::None), "nothing opens yet");
        // The reader goes on meanwhile.
        common::press(&mut away, KeyCode::Char(']'));
        common::press(&mut away, KeyCode::Char('['));
        away.survey_finished(request.run());
        assert!(
            !matches!(away.overlay(), Overlay::None),
            "{key}: the view opens"
        );
        assert_eq!(away.status(), None, "{key}: the wait is over");
        assert_eq!(common::drawn(&away), common::drawn(&in_place), "{key}");
    }
}

#[test]
fn esc_gives_up_on_a_view_being_read_and_its_answer_is_dropped() {
    let mut app = reader(0);
    let request = asked(&mut app, 't');
    assert!(!request.is_stopped());
    common::press(&mut app, KeyCode::Esc);
    assert!(request.is_stopped(), "Esc stops its reads");
    assert_eq!(
        status(&app),
        "Stopped reading for the timeline (t starts again)"
    );
    app.survey_finished(request.run());
    assert!(matches!(app.overlay(), Overlay::None), "given up on");
    // Asked again, the new answer opens and an older one does not.
    let old = asked(&mut app, 't');
    let new = asked(&mut app, 't');
    assert!(old.is_stopped(), "the older stops reading");
    assert!(!new.is_stopped());
    app.survey_finished(old.run());
    assert!(matches!(app.overlay(), Overlay::None), "an older answer");
    app.survey_finished(new.run());
    assert!(matches!(app.overlay(), Overlay::Picker(_)));
}

#[test]
fn a_view_read_while_another_was_opened_or_the_briefings_reloaded_is_dropped() {
    let mut app = reader(0);
    let request = asked(&mut app, 'b');
    common::press(&mut app, KeyCode::Char('?'));
    app.survey_finished(request.run());
    assert!(
        matches!(app.overlay(), Overlay::Text(_)),
        "help stays: {:?}",
        app.overlay()
    );
    assert_eq!(
        status(&app),
        "Stopped reading for the board (b starts again): another view is open"
    );
    common::press(&mut app, KeyCode::Esc);
    let request = asked(&mut app, 'b');
    app.corpus_reloaded(sherpa_core::corpus::Corpus::load_paths(&[
        common::fixtures("good"),
    ]));
    assert_eq!(
        status(&app),
        "Reloaded 2 briefings — stopped reading for the board (b starts again)"
    );
    app.survey_finished(request.run());
    assert!(matches!(app.overlay(), Overlay::None));
}

/// The reader over copies of the `good` fixtures in `dir`, working its views out away,
/// with the board open.
fn board_over_copies(dir: &std::path::Path) -> App {
    for name in ["alpha.toml", "beta.toml"] {
        std::fs::copy(common::fixtures("good").join(name), dir.join(name)).unwrap();
    }
    let load = || sherpa_core::corpus::Corpus::load_paths(&[dir.to_path_buf()]);
    let mut app = App::new(
        load(),
        sherpa::app::Settings::new("good", std::path::PathBuf::from(".")),
        120,
        40,
    )
    .with_views_in_place_up_to(0);
    app.corpus_loaded(load());
    let request = asked(&mut app, 'b');
    app.survey_finished(request.run());
    app
}

/// The status of the board's first dispute at beta, on the board on screen or under help.
fn beta_status(app: &App) -> Option<&'static str> {
    let board = [Some(app.overlay()), app.view_beneath()]
        .into_iter()
        .flatten()
        .find_map(|overlay| match overlay {
            Overlay::Board(view) => Some(&view.board),
            _ => None,
        })
        .expect("the board is open");
    let column = (board.columns.iter())
        .position(|c| c.summit == "beta")
        .unwrap();
    board.cell(0, column).map(|cell| cell.status.as_str())
}

/// Settles beta's dispute on disk.
fn settle_beta(dir: &std::path::Path) {
    let beta = std::fs::read_to_string(dir.join("beta.toml")).unwrap();
    let settled = beta.replace("status = \"narrowed\"", "status = \"resolved\"");
    std::fs::write(dir.join("beta.toml"), settled).unwrap();
}

#[test]
fn an_open_board_is_read_again_after_a_reload_and_stays_open_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let load = || sherpa_core::corpus::Corpus::load_paths(&[dir.path().to_path_buf()]);
    let mut app = board_over_copies(dir.path());
    assert_eq!(beta_status(&app), Some("narrowed"));

    // A summit dated before both moves beta's position; beta's dispute is settled.
    let alpha = std::fs::read_to_string(dir.path().join("alpha.toml")).unwrap();
    let early = alpha.replace("date = 2020-03-01", "date = 2019-01-01");
    std::fs::write(dir.path().join("early.toml"), early).unwrap();
    settle_beta(dir.path());
    let Effect::Survey(first) = app.corpus_reloaded(load()) else {
        panic!("the board is read again by the runner")
    };
    assert_eq!(
        status(&app),
        "Reloaded 3 briefings — reading 3 summits for the board again…"
    );
    assert_eq!(
        beta_status(&app),
        Some("narrowed"),
        "the old board, meanwhile"
    );

    // Reloaded once more before the first answer: only the newer one is shown.
    let Effect::Survey(second) = app.corpus_reloaded(load()) else {
        panic!("read again")
    };
    assert!(first.is_stopped(), "the older read stops");
    app.survey_finished(first.run());
    assert_eq!(
        beta_status(&app),
        Some("narrowed"),
        "an older answer is dropped"
    );
    app.survey_finished(second.run());
    assert_eq!(
        beta_status(&app),
        Some("resolved"),
        "the board is the new one"
    );
}

#[test]
fn enter_on_a_board_being_read_again_opens_its_summit_by_id_and_stops_the_read() {
    let dir = tempfile::tempdir().unwrap();
    let load = || sherpa_core::corpus::Corpus::load_paths(&[dir.path().to_path_buf()]);
    let mut app = board_over_copies(dir.path());
    // On beta's column, the last.
    common::press(&mut app, KeyCode::End);
    common::press(&mut app, KeyCode::Right);
    let alpha = std::fs::read_to_string(dir.path().join("alpha.toml")).unwrap();
    let early = alpha.replace("date = 2020-03-01", "date = 2019-01-01");
    std::fs::write(dir.path().join("early.toml"), early).unwrap();
    let Effect::Survey(refresh) = app.corpus_reloaded(load()) else {
        panic!("the board is read again by the runner")
    };
    // The old board's beta column names position 1, now alpha's.
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.briefing().map(|b| b.id().to_owned()).as_deref(),
        Some("beta")
    );
    assert!(refresh.is_stopped(), "no board shows it any more");
    app.survey_finished(refresh.run());
    assert!(
        matches!(app.overlay(), Overlay::None),
        "the board stays closed"
    );
}

/// A board being read again also has the old briefings' places of disagreements: `Enter`
/// selects the cell's disagreement by its id, wherever the reloaded file now has it.
#[test]
fn enter_on_a_board_being_read_again_selects_its_disagreement_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let load = || sherpa_core::corpus::Corpus::load_paths(&[dir.path().to_path_buf()]);
    let mut app = board_over_copies(dir.path());
    common::press(&mut app, KeyCode::End);
    common::press(&mut app, KeyCode::Right);
    // An untracked disagreement first in beta: the tracked one moves to the second place.
    let beta = std::fs::read_to_string(dir.path().join("beta.toml")).unwrap();
    let moved = beta.replacen(
        "[[disagreements]]",
        "[[disagreements]]\ntopic = \"Something new\"\nstatus = \"open\"\n\n[[disagreements]]",
        1,
    );
    std::fs::write(dir.path().join("beta.toml"), moved).unwrap();
    let Effect::Survey(_refresh) = app.corpus_reloaded(load()) else {
        panic!("the board is read again by the runner")
    };
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.briefing().map(|b| b.id().to_owned()).as_deref(),
        Some("beta")
    );
    let selected = app.pane(GridPane::Disagreements).selected;
    let disagreement = &app.briefing().unwrap().disagreements[selected];
    assert_eq!(disagreement.id.as_deref(), Some("river-border"));
}

#[test]
fn help_over_a_board_being_read_again_keeps_the_read_and_gives_the_new_board_back() {
    let dir = tempfile::tempdir().unwrap();
    let load = || sherpa_core::corpus::Corpus::load_paths(&[dir.path().to_path_buf()]);
    let mut app = board_over_copies(dir.path());
    settle_beta(dir.path());
    let Effect::Survey(refresh) = app.corpus_reloaded(load()) else {
        panic!("the board is read again by the runner")
    };
    common::press(&mut app, KeyCode::Char('?'));
    assert!(
        matches!(app.overlay(), Overlay::Text(_)),
        "help is on screen"
    );
    assert!(
        !refresh.is_stopped(),
        "the board under help is still wanted"
    );
    app.survey_finished(refresh.run());
    assert!(
        matches!(app.overlay(), Overlay::Text(_)),
        "help stays on screen"
    );
    common::press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.overlay(), Overlay::Board(_)),
        "the board comes back"
    );
    assert_eq!(beta_status(&app), Some("resolved"), "as read again");
}

#[test]
fn a_disagreements_history_over_many_summits_is_read_away_and_the_wait_stays_said() {
    let mut in_place = reader(usize::MAX);
    common::press(&mut in_place, KeyCode::Char('4'));
    let effect = common::press(&mut in_place, KeyCode::Char('d'));
    assert!(!matches!(effect, Effect::Survey(_)), "in place");
    assert!(matches!(in_place.overlay(), Overlay::Picker(_)));

    let mut away = reader(0);
    common::press(&mut away, KeyCode::Char('4'));
    let request = asked(&mut away, 'd');
    let reading = "Reading 2 summits for the history of river-border… (Esc stops)";
    assert_eq!(status(&away), reading);
    // Keys go to the reader meanwhile, not into a list that is not open yet, and the
    // status line still says what is coming.
    common::press(&mut away, KeyCode::Char('['));
    common::press(&mut away, KeyCode::Char(']'));
    assert!(matches!(away.overlay(), Overlay::None), "nothing opens yet");
    assert_eq!(status(&away), reading, "said until it opens");
    away.survey_finished(request.run());
    assert_eq!(away.status(), None, "the wait is over");
    assert_eq!(common::drawn(&away), common::drawn(&in_place));

    // Esc gives it up, naming its key.
    common::press(&mut away, KeyCode::Esc);
    let request = asked(&mut away, 'd');
    common::press(&mut away, KeyCode::Esc);
    assert!(request.is_stopped());
    assert_eq!(
        status(&away),
        "Stopped reading for the history of river-border (d starts again)"
    );
}
