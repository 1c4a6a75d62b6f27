//! The reader without a terminal: scripted keys against the app state, and whole screens
//! rendered through ratatui's `TestBackend` and compared with reviewed snapshots.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{Action, App, Effect, Overlay, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn app_on(folder: &str, width: u16, height: u16) -> App {
    let corpus = Corpus::load_paths(&[fixtures(folder)]);
    App::new(
        corpus,
        Settings::new(folder.to_owned(), PathBuf::from(".")),
        width,
        height,
    )
}

fn bundled_app(width: u16, height: u16) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    App::new(
        Corpus::load_paths(&[dir]),
        Settings::new("briefings", "."),
        width,
        height,
    )
}

/// Presses keys as the terminal would deliver them, through the real key table.
fn press(app: &mut App, keys: &[KeyEvent]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys {
        if let Some(action) = key_from_event(key).and_then(|key| app.action_for_key(key)) {
            // What the runner does on its worker, done in place.
            match app.update(action) {
                Effect::Search(request) => app.search_finished(request.run()),
                effect => effects.push(effect),
            }
        }
    }
    effects
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn current_id(app: &App) -> &str {
    app.briefing().map_or("", sherpa_core::model::Briefing::id)
}

/// The screen as text, one line per row, with trailing spaces kept (they are part of it).
fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        let mut skip = 0;
        for x in 0..width {
            // A wide character's second cell is a placeholder, not a space on screen.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            text.push_str(symbol);
        }
        text.push('\n');
    }
    text
}

fn overlay_text(overlay: &sherpa::app::TextOverlay) -> String {
    overlay
        .text
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn tab_and_numbers_move_focus() {
    let mut app = app_on("good", 120, 40);
    assert_eq!(app.focused_pane(), Pane::Participants);
    press(&mut app, &[code(KeyCode::Tab), code(KeyCode::Tab)]);
    assert_eq!(app.focused_pane(), Pane::Goals);
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
    );
    assert_eq!(app.focused_pane(), Pane::Meetings);
    press(&mut app, &[key('4')]);
    assert_eq!(app.focused_pane(), Pane::Disagreements);
    press(&mut app, &[code(KeyCode::Tab)]);
    assert_eq!(app.focused_pane(), Pane::Participants, "focus wraps around");
}

#[test]
fn j_and_k_move_the_selection_and_g_jumps_to_the_ends() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('j')]);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    press(&mut app, &[key('j')]);
    assert_eq!(
        app.pane(GridPane::Participants).selected,
        1,
        "stays on the last item"
    );
    press(&mut app, &[key('k')]);
    assert_eq!(app.pane(GridPane::Participants).selected, 0);
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)],
    );
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    press(&mut app, &[key('g')]);
    assert_eq!(app.pane(GridPane::Participants).selected, 0);
}

#[test]
fn scrolling_through_a_long_pane_keeps_the_selection_in_view() {
    // 40 participants in a pane 5 lines high.
    let tmp = tempfile::tempdir().unwrap();
    let mut text =
        String::from("[summit]\ntitle = \"Long\"\ndate = 2020-01-01\nlocation = \"L\"\n");
    for i in 0..40 {
        text.push_str(&format!(
            "[[participants]]\nname = \"Person {i}\"\nrole = \"Role\"\n"
        ));
    }
    std::fs::write(tmp.path().join("long.toml"), text).unwrap();
    let mut app = App::new(
        Corpus::load_paths(&[tmp.path().to_owned()]),
        Settings::new("", ""),
        60,
        10,
    );
    let height = usize::from(app.pane(GridPane::Participants).text.height);
    for _ in 0..10 {
        press(&mut app, &[key('j')]);
    }
    let view = &app.pane(GridPane::Participants);
    assert_eq!(view.selected, 10);
    let range = view.items[10].clone();
    assert!(
        range.start >= view.text.scroll && range.end <= view.text.scroll + height,
        "selected item visible"
    );
    let before = app.pane(GridPane::Participants).text.scroll;
    press(&mut app, &[ctrl('d')]);
    assert_eq!(
        app.pane(GridPane::Participants).text.scroll,
        before + height / 2,
        "half page scrolls"
    );
    press(&mut app, &[code(KeyCode::End)]);
    assert_eq!(app.pane(GridPane::Participants).selected, 39);
    assert_eq!(
        app.pane(GridPane::Participants).text.scroll,
        app.pane(GridPane::Participants).text.max_scroll()
    );
    press(&mut app, &[ctrl('u'), ctrl('u')]);
    let view = &app.pane(GridPane::Participants);
    let range = view.items[view.selected].clone();
    assert!(
        range.end > view.text.scroll && range.start < view.text.scroll + height,
        "selection follows the page"
    );
}

#[test]
fn summits_step_by_date_and_wrap() {
    let mut app = app_on("good", 120, 40);
    assert_eq!(current_id(&app), "alpha");
    press(&mut app, &[key(']')]);
    assert_eq!(current_id(&app), "beta");
    press(&mut app, &[key(']')]);
    assert_eq!(current_id(&app), "alpha", "wraps to the earliest");
    assert!(app.status().unwrap().text.contains("Wrapped"));
    press(&mut app, &[key('[')]);
    assert_eq!(current_id(&app), "beta");
}

#[test]
fn following_a_link_and_going_back_restores_the_place() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key(']'), key('2')]);
    assert_eq!(current_id(&app), "beta");
    press(&mut app, &[code(KeyCode::Enter)]);
    assert_eq!(
        current_id(&app),
        "alpha",
        "the prior meeting links to alpha"
    );
    press(&mut app, &[key('1'), key('j')]);
    press(&mut app, &[code(KeyCode::Backspace)]);
    assert_eq!(current_id(&app), "beta");
    assert_eq!(app.focused_pane(), Pane::Meetings, "focus comes back too");
    press(&mut app, &[code(KeyCode::Backspace)]);
    assert_eq!(current_id(&app), "alpha", "back through ] as well");
    press(&mut app, &[code(KeyCode::Backspace)]);
    assert!(app.status().unwrap().text.contains("Nothing to go back to"));
}

#[test]
fn enter_outside_meetings_explains_itself() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[code(KeyCode::Enter)]);
    assert_eq!(current_id(&app), "alpha");
    assert!(app.status().unwrap().text.contains("Prior meetings"));
}

#[test]
fn finder_filters_on_every_keystroke_and_jumps() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('/')]);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.matches.len(), 2);
    press(&mut app, &[key('b'), key('e'), key('t')]);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.query, "bet");
    assert_eq!(finder.matches.len(), 1);
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(current_id(&app), "beta");
}

#[test]
fn finder_matches_participants_and_escape_cancels() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('/')]);
    for c in "bo sample".chars() {
        press(&mut app, &[key(c)]);
    }
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.matches.len(), 1, "only alpha has Bo Sample");
    press(&mut app, &[code(KeyCode::Esc)]);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(current_id(&app), "alpha");
}

#[test]
fn q_quits_but_types_in_the_finder() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('/'), key('q')]);
    assert!(app.is_running());
    press(&mut app, &[code(KeyCode::Esc)]);
    let effects = press(&mut app, &[key('q')]);
    assert_eq!(effects, vec![Effect::Quit]);
    assert!(!app.is_running());
}

#[test]
fn export_asks_for_the_same_text_as_the_command_line() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('3')]);
    let effects = press(&mut app, &[key('e')]);
    let [Effect::Export { stem, contents, .. }] = effects.as_slice() else {
        panic!("one export effect, got {effects:?}")
    };
    assert_eq!(stem, "alpha-goals");
    let briefing = app.briefing().unwrap();
    assert_eq!(
        contents,
        &export::render(briefing, Some(Pane::Goals), Format::Text, 80).unwrap()
    );
    app.export_finished(Ok(PathBuf::from("./alpha-goals.txt")));
    assert!(app.status().unwrap().text.contains("alpha-goals.txt"));
    app.export_finished(Err("cannot write x: Read-only file system".into()));
    let status = app.status().unwrap();
    assert!(status.is_error && status.text.contains("Read-only"));
}

#[test]
fn shift_y_copies_the_pane_text() {
    let mut app = app_on("good", 120, 40);
    let effects = press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::SHIFT)],
    );
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(text.contains("Ada Example"));
    assert!(text.contains("Bo Sample"), "every item of the pane");
    assert!(app.status().unwrap().text.contains("Participants pane"));
}

#[test]
fn y_copies_the_selected_item_only() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('j')]);
    let effects = press(&mut app, &[key('y')]);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(text.starts_with("Bo Sample"), "{text}");
    assert!(!text.contains("Ada Example"), "{text}");
    let status = &app.status().unwrap().text;
    assert!(status.contains("selected item of Participants"), "{status}");
    assert!(
        status.contains(&format!("{} line", text.lines().count())),
        "{status}"
    );
}

#[test]
fn zoom_gives_the_pane_the_whole_width() {
    let mut app = app_on("good", 120, 40);
    let before = app.pane(GridPane::Participants).width;
    press(&mut app, &[key('z')]);
    assert!(app.is_zoomed());
    assert!(app.pane(GridPane::Participants).width > before);
    press(&mut app, &[key('z')]);
    assert_eq!(app.pane(GridPane::Participants).width, before);
}

#[test]
fn resize_reflows_and_keeps_the_selected_item() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('j')]);
    app.resize(60, 20);
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    assert!(
        app.pane(GridPane::Participants)
            .text
            .lines
            .iter()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str())
                <= usize::from(app.pane(GridPane::Participants).width))
    );
}

#[test]
fn click_focuses_the_pane_under_the_mouse() {
    let mut app = app_on("good", 120, 40);
    app.update(Action::Click {
        column: 100,
        row: 30,
    });
    assert_eq!(app.focused_pane(), Pane::Disagreements);
    app.update(Action::Wheel {
        column: 10,
        row: 10,
        lines: 3,
    });
    assert_eq!(app.focused_pane(), Pane::Participants);
}

#[test]
fn help_lists_every_binding_from_the_key_table() {
    let mut app = app_on("good", 120, 60);
    press(&mut app, &[key('?')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("help is open")
    };
    let text = overlay_text(overlay);
    for binding in app.keymap().bindings() {
        let description = binding.command.description();
        assert!(text.contains(description), "help lacks {description:?}");
        assert!(
            text.contains(&binding.keys_label()),
            "help lacks keys of {description:?}"
        );
    }
    press(&mut app, &[code(KeyCode::Esc)]);
    assert!(matches!(app.overlay(), Overlay::None));
}

#[test]
fn broken_files_are_counted_and_listed() {
    let mut app = app_on("mixed", 120, 40);
    assert_eq!(app.corpus().len(), 3);
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("6 files could not be loaded")
    );
    press(&mut app, &[key('!')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("problems are listed")
    };
    let text = overlay_text(overlay);
    assert!(text.contains("truncated.toml:2:19: error"));
}

#[test]
fn any_key_on_an_empty_corpus_is_harmless() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = App::new(
        Corpus::load_paths(&[tmp.path().to_owned()]),
        Settings::new("empty", ""),
        80,
        24,
    );
    for c in "jkgGz][/e y?s!".chars() {
        press(&mut app, &[key(c), code(KeyCode::Esc)]);
    }
    press(
        &mut app,
        &[
            code(KeyCode::Enter),
            code(KeyCode::Backspace),
            code(KeyCode::Tab),
        ],
    );
    assert!(screen(&app, 80, 24).contains("No briefings to show."));
}

#[test]
fn snapshot_wide_grid() {
    let app = app_on("good", 120, 30);
    insta::assert_snapshot!(screen(&app, 120, 30));
}

#[test]
fn snapshot_narrow_single_pane_with_tabs() {
    let mut app = app_on("good", 60, 20);
    press(&mut app, &[key('4')]);
    insta::assert_snapshot!(screen(&app, 60, 20));
}

#[test]
fn snapshot_too_small() {
    let app = app_on("good", 30, 8);
    insta::assert_snapshot!(screen(&app, 30, 8));
}

#[test]
fn snapshot_finder() {
    let mut app = app_on("good", 100, 24);
    press(&mut app, &[key('/'), key('a')]);
    insta::assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn snapshot_bundled_anchorage_at_200_by_50() {
    let mut app = bundled_app(200, 50);
    let anchorage = app
        .corpus()
        .position("anchorage-2025")
        .expect("anchorage is bundled");
    app.go_to(anchorage);
    insta::assert_snapshot!(screen(&app, 200, 50));
}

#[test]
fn rendering_at_every_small_size_does_not_panic() {
    let mut app = app_on("good", 1, 1);
    for width in [1, 2, 10, 39, 40, 41, 99, 100] {
        for height in [1, 2, 5, 9, 10, 11, 19, 20] {
            app.resize(width, height);
            let text = screen(&app, width, height);
            assert_eq!(text.lines().count(), usize::from(height));
        }
    }
}

#[test]
fn a_message_lasts_until_the_next_key() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[code(KeyCode::Backspace)]);
    assert_eq!(app.status().unwrap().text, "Nothing to go back to");
    press(&mut app, &[key('/')]);
    assert!(app.status().is_none(), "the finder's keys show again");
    assert!(
        screen(&app, 120, 40)
            .lines()
            .last()
            .unwrap()
            .starts_with("Enter jump")
    );
}

#[test]
fn going_back_after_a_resize_keeps_the_selection_on_screen() {
    let mut app = bundled_app(200, 50);
    press(&mut app, &[key('4'), key('G'), key('[')]);
    app.resize(60, 20);
    press(&mut app, &[code(KeyCode::Backspace)]);
    let view = &app.pane(GridPane::Disagreements);
    let item = view.items[view.selected].clone();
    let visible = view.text.scroll..view.text.scroll + usize::from(view.text.height);
    assert!(
        item.start < visible.end && item.end > visible.start,
        "item {item:?} outside {visible:?}"
    );
}

#[test]
fn o_in_the_sources_view_opens_the_top_sources_link() {
    let mut app = app_on("good", 120, 40);
    let url = app.briefing().unwrap().sources[0].url.clone().unwrap();
    press(&mut app, &[key('S')]);
    let effects = press(&mut app, &[key('o')]);
    assert_eq!(effects, vec![Effect::OpenUrl(url)]);
    // Anywhere else `o` says where it works.
    press(&mut app, &[key('q'), key('?')]);
    let effects = press(&mut app, &[key('o')]);
    assert_eq!(effects, vec![Effect::None]);
    assert!(app.status().unwrap().text.contains("sources views"));
}

#[test]
fn links_that_are_not_http_are_never_opened() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("x.toml"),
        "[summit]\nid = \"x\"\ntitle = \"t\"\ndate = 2020-01-01\nlocation = \"l\"\n\
         [[sources]]\nid = \"s\"\ntitle = \"t\"\nurl = \"file:///etc/passwd\"\n",
    )
    .unwrap();
    let mut app = App::new(
        Corpus::load_paths(&[tmp.path().to_owned()]),
        Settings::new("x", "."),
        120,
        40,
    );
    press(&mut app, &[key('S')]);
    assert_eq!(press(&mut app, &[key('o')]), vec![Effect::None]);
    assert!(app.status().unwrap().text.contains("Only http"));
}

#[test]
fn q_quits_on_the_too_small_screen_even_with_a_filtered_list_open() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('t'), key('a')]);
    assert!(matches!(app.overlay(), Overlay::Picker(_)));
    app.resize(30, 8);
    assert!(screen(&app, 30, 8).contains("q to quit"));
    assert_eq!(press(&mut app, &[key('q')]), vec![Effect::Quit]);
    assert!(!app.is_running());
}
