//! The timeline and the board over many summits, worked out away from the key's thread:
//! the key asks the runner for the view and says what is being read, `Esc` gives up on
//! it, and the view that opens is the one worked out in place. The threshold is lowered
//! through `App::with_views_in_place_up_to` instead of generating thousands of files; the
//! runner's thread is a call to `SurveyRequest::run` here.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::KeyCode;
use sherpa::app::{App, Effect, Overlay, SurveyRequest};

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
