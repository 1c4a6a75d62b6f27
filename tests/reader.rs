//! The reader without a terminal: scripted keys against the app state, and whole screens
//! rendered through ratatui's `TestBackend` and compared with reviewed snapshots.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use sherpa::app::{
    Accept, Action, App, BoardView, Effect, Overlay, OverlayKind, PickerRow, Settings,
};
use sherpa::grid::GridPane;
use sherpa::keymap::Context;
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};
use sherpa_core::render_text::LineStyle;

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

/// The invented fixture book, on `summit`: what snapshots draw, so that edits to the bundled
/// briefings never change them.
fn book_at(summit: &str, width: u16, height: u16) -> App {
    let mut app = app_on("book", width, height);
    let position = app.corpus().position(summit).unwrap();
    app.go_to(position);
    app
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
    let buffer = buffer(app, width, height, Theme::plain());
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

/// The screen as drawn in `theme`, styles and all.
fn buffer(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    terminal.backend().buffer().clone()
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

/// The selected row of the open list.
fn list_selection(app: &App) -> usize {
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("a list is open")
    };
    picker.selected
}

#[test]
fn page_keys_move_a_lists_selection_by_the_rows_it_shows() {
    // 14 rows: the box 12, inside its frame 10, less the query line and a blank row.
    let mut app = bundled_app(80, 14);
    press(&mut app, &[key(':'), code(KeyCode::Home)]);
    assert_eq!(list_selection(&app), 0);
    press(&mut app, &[code(KeyCode::PageDown)]);
    assert_eq!(list_selection(&app), 8);
    press(&mut app, &[code(KeyCode::PageDown)]);
    assert_eq!(list_selection(&app), 16);
    press(&mut app, &[code(KeyCode::PageUp)]);
    assert_eq!(list_selection(&app), 8);
    // Past either end the selection stops at the last or the first row.
    press(
        &mut app,
        &[code(KeyCode::PageDown), code(KeyCode::PageDown)],
    );
    assert_eq!(list_selection(&app), app.corpus().len() - 1);
    press(
        &mut app,
        &[
            code(KeyCode::PageUp),
            code(KeyCode::PageUp),
            code(KeyCode::PageUp),
        ],
    );
    assert_eq!(list_selection(&app), 0);
}

#[test]
fn page_down_in_the_timeline_selects_the_first_row_not_wholly_on_screen() {
    // The timeline's rows take several screen rows each and a chart sits above them: a
    // page is what the screen shows, measured as drawing lays it out.
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = bundled_app(width, height);
        press(&mut app, &[key('t'), code(KeyCode::Home)]);
        // The start of a row's last screen line: on screen only when the row is whole.
        let last_line = |app: &App, index: usize| {
            let Overlay::Picker(picker) = app.overlay() else {
                panic!("the timeline is open")
            };
            let Some(PickerRow::Entry(entry)) = picker.row(index) else {
                panic!("row {index} is an entry")
            };
            let line = entry.detail.last().unwrap_or(&entry.text);
            line.chars().take(40).collect::<String>()
        };
        let before = screen(&app, width, height);
        press(&mut app, &[code(KeyCode::PageDown)]);
        let selected = list_selection(&app);
        assert!(selected > 1, "{width}x{height}: moved to {selected}");
        assert!(before.contains(&last_line(&app, selected - 1)), "{before}");
        assert!(!before.contains(&last_line(&app, selected)), "{before}");
        assert!(screen(&app, width, height).contains(&last_line(&app, selected)));
    }
}

#[test]
fn o_in_the_reader_says_where_it_opens_a_link() {
    let mut app = bundled_app(80, 24);
    let before = current_id(&app).to_owned();
    assert_eq!(app.press(key_from_event(&key('o')).unwrap()), Effect::None);
    let status = app.status().expect("o says what it does");
    assert_eq!(
        status.text,
        "o opens a source's link: press S for this summit's sources, c for the selected item's"
    );
    assert!(!status.is_error);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(current_id(&app), before);
    // In the sources view it opens the link, as before.
    press(&mut app, &[key('S')]);
    let effect = app.press(key_from_event(&key('o')).unwrap());
    assert!(matches!(effect, Effect::OpenUrl(_)), "{effect:?}");
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

/// Session 14: at 80×24 one pane fills the screen already, so `z` changed only a word in
/// the title. It now says why it does nothing; a pane zoomed on a wide screen is not
/// zoomed once the screen narrowed, whatever `z` does there.
#[test]
fn zoom_on_a_small_screen_says_one_pane_fills_it_already() {
    let mut app = app_on("good", 80, 24);
    press(&mut app, &[key('z')]);
    assert!(!app.is_zoomed());
    let status = &app.status().unwrap().text;
    assert!(
        status.contains("One pane fills the screen already"),
        "{status}"
    );
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('z')]);
    app.resize(80, 24);
    press(&mut app, &[key('z')]);
    assert!(!app.is_zoomed());
}

/// Session 15: a pane zoomed on a wide screen kept `[zoomed: z]` in its title after the
/// terminal narrowed to one pane under a tab strip, and `z` there silently unzoomed what
/// the screen did not show. The title and `z` now follow the screen: narrow, nothing is
/// zoomed and `z` says one pane fills it; wide again, the zoom the reader asked for is back
/// (as tmux keeps a zoomed pane through a resize), and `z` undoes it.
#[test]
fn the_zoom_follows_the_screen_through_a_resize_either_way() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('z')]);
    assert!(screen(&app, 120, 40).contains("[zoomed: z]"));
    app.resize(80, 24);
    assert!(!app.is_zoomed());
    let narrow = screen(&app, 80, 24);
    assert!(!narrow.contains("zoomed"), "{narrow}");
    press(&mut app, &[key('z')]);
    let status = &app.status().unwrap().text;
    assert!(
        status.contains("One pane fills the screen already"),
        "{status}"
    );
    app.resize(120, 40);
    assert!(app.is_zoomed(), "the zoom asked for is back with the grid");
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("[zoomed: z]"), "{wide}");
    assert!(
        !wide.contains("Prior meetings"),
        "one pane fills the body: {wide}"
    );
    press(&mut app, &[key('z')]);
    assert!(!app.is_zoomed());
    assert!(!screen(&app, 120, 40).contains("zoomed"));
}

/// Session 14: a text view that shows all of its text offered `j scroll`, which did
/// nothing; the status line offers only keys that do something.
#[test]
fn a_text_view_offers_scrolling_only_when_there_is_more_to_see() {
    let scroll = |app: &App| app.hints().iter().any(|(_, hint)| *hint == "scroll");
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('!')]);
    assert!(!scroll(&app), "{:?}", app.hints());
    let mut app = app_on("good", 80, 24);
    press(&mut app, &[key('?')]);
    assert!(scroll(&app), "help runs past the screen: {:?}", app.hints());
}

/// Session 14: `?` did nothing in the sources views and on the board, where a newcomer
/// looks for the keys first. It opens help there, as `/` opens the finder from any view;
/// in help itself it still closes help. (Session 15: closing help gives the view back.)
#[test]
fn question_mark_opens_help_from_text_views_and_the_board() {
    let is_help =
        |app: &App| matches!(app.overlay(), Overlay::Text(view) if view.kind == OverlayKind::Help);
    let mut app = bundled_app(80, 24);
    for opener in ['S', 'b'] {
        press(&mut app, &[key(opener), key('?')]);
        assert!(is_help(&app), "? after {opener}");
        press(&mut app, &[key('?')]);
        assert!(
            !is_help(&app) && !matches!(app.overlay(), Overlay::None),
            "? closes help, back to the view"
        );
        press(&mut app, &[code(KeyCode::Esc)]);
        assert!(
            matches!(app.overlay(), Overlay::None),
            "Esc closes the view"
        );
    }
}

/// Session 14: `Enter` in a list where nothing matched, or on a timeline meeting with no
/// briefing, closed the list and lost the query typed. The list now stays open and the
/// status line says why nothing opened.
#[test]
fn enter_with_nothing_to_go_to_keeps_the_list_open() {
    let mut app = bundled_app(80, 24);
    press(
        &mut app,
        &[key(':'), key('z'), key('z'), key('q'), code(KeyCode::Enter)],
    );
    let Overlay::Picker(list) = app.overlay() else {
        panic!("the list stays open")
    };
    assert_eq!(list.query, "zzq");
    assert!(app.status().unwrap().text.contains("Nothing matches"));
    press(&mut app, &[code(KeyCode::Esc), key('t')]);
    let no_briefing = |app: &App| {
        let Overlay::Picker(list) = app.overlay() else {
            panic!("the timeline is open")
        };
        matches!(list.selection(), Some(PickerRow::Entry(entry)) if entry.target.is_none())
    };
    press(&mut app, &[code(KeyCode::Home)]);
    while !no_briefing(&app) {
        press(&mut app, &[code(KeyCode::Down)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(no_briefing(&app), "still open, on the same row");
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("no briefing of its own")
    );
}

/// Session 14: the compare, marks and notes lists, and the note's input line, wrote
/// "Enter" even where the user's config binds another key to open; they name the key
/// that opens now.
#[test]
fn list_titles_name_the_key_that_opens_a_row() {
    let config = sherpa::config::Config::parse("[keys.list]\nopen = \"Ctrl-o\"\n").unwrap();
    let settings = Settings {
        keymap: std::sync::Arc::new(config.keymap.clone()),
        ..Settings::new("briefings", ".")
    };
    let corpus = Corpus::load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]);
    let mut app = App::new(corpus, settings, 120, 40);
    // A mark and a note, so their lists open.
    app.book_loaded(sherpa_core::store::Store::default(), &[]);
    press(&mut app, &[key('m'), key('a'), key('x')]);
    // The note's line names the keys that keep and cancel it, as remapped.
    let status = screen(&app, 120, 40);
    let status = status.lines().last().unwrap();
    assert!(status.contains("Ctrl-o keeps · Esc cancels"), "{status}");
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)],
    );
    let title = |app: &App| match app.overlay() {
        Overlay::Picker(list) => list.title.clone(),
        other => panic!("a list is open, not {other:?}: {:?}", app.status()),
    };
    for (opener, words) in [
        ('w', "(Ctrl-o shows what changed)"),
        ('\'', "Your marks (Ctrl-o goes to the item)"),
        ('"', "Your notes (Ctrl-o goes to the item)"),
    ] {
        press(&mut app, &[key(opener)]);
        assert!(title(&app).contains(words), "{}", title(&app));
        press(&mut app, &[code(KeyCode::Esc)]);
    }
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
    // The wheel scrolls the pane under the pointer without taking the focus (issue 24,
    // point 6: this used to focus Participants).
    app.update(Action::Wheel {
        column: 10,
        row: 10,
        lines: 3,
    });
    assert_eq!(app.focused_pane(), Pane::Disagreements);
}

#[test]
fn help_lists_every_binding_from_the_key_table() {
    // One column (narrower than about 110 columns, help has one): every row whole.
    let mut app = app_on("good", 100, 60);
    press(&mut app, &[key('?')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("help is open")
    };
    let text = overlay_text(overlay);
    for context in Context::ALL {
        // Each context's block: its heading, then its own and its inherited keys.
        let block = text
            .split_once(context.title())
            .unwrap_or_else(|| panic!("help lacks {:?}", context.title()))
            .1;
        for binding in app.keymap().bindings_in(context) {
            let description = binding.command.description_in(context);
            let keys = binding.keys_label();
            // A key list longer than the key column goes on, indented, on the next row
            // (the default table's longest, `PageDown / Space / Ctrl-d`, over two).
            let row = match keys.rsplit_once(" / ") {
                Some((head, last)) if keys.len() > 18 => {
                    format!("{:<18}  {description}\n  {last}", format!("{head} /"))
                }
                _ => format!("{keys:<18}  {description}"),
            };
            assert!(block.contains(&row), "help lacks {row:?} under {context:?}");
        }
    }
    press(&mut app, &[code(KeyCode::Esc)]);
    assert!(matches!(app.overlay(), Overlay::None));
}

#[test]
fn broken_files_are_counted_and_listed() {
    let mut app = app_on("mixed", 120, 40);
    assert_eq!(app.corpus().len(), 3);
    let text = screen(&app, 120, 40);
    assert_eq!(
        text.matches("6 files could not be loaded").count(),
        1,
        "said once, in the header: {text}"
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
fn snapshot_book_harbour_at_200_by_50() {
    let app = book_at("harbour-2012", 200, 50);
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

// The board (`b`).

fn board(app: &App) -> &BoardView {
    match app.overlay() {
        Overlay::Board(view) => view,
        other => panic!("the board is not open: {other:?}"),
    }
}

/// The bundled briefings at `summit` with the board open.
fn bundled_board(summit: &str, width: u16, height: u16) -> App {
    let mut app = bundled_app(width, height);
    let position = app.corpus().position(summit).unwrap();
    app.go_to(position);
    press(&mut app, &[key('b')]);
    app
}

/// The board's column for a summit.
fn column_of(view: &BoardView, summit: &str) -> usize {
    let columns = &view.board.columns;
    columns.iter().position(|c| c.summit == summit).unwrap()
}

/// Moves the board's cursor to a row and column with the arrow keys.
fn move_cursor(app: &mut App, row: usize, column: usize) {
    let (at_row, at_column) = (board(app).row, board(app).column);
    let steps = |from: usize, to: usize, back, forth| {
        let key = if to < from { back } else { forth };
        vec![code(key); from.abs_diff(to)]
    };
    press(app, &steps(at_row, row, KeyCode::Up, KeyCode::Down));
    press(
        app,
        &steps(at_column, column, KeyCode::Left, KeyCode::Right),
    );
}

#[test]
fn board_opens_on_the_summit_being_read_and_the_cursor_stops_at_the_edges() {
    let mut app = bundled_board("helsinki-2018", 200, 50);
    let view = board(&app);
    let helsinki = column_of(view, "helsinki-2018");
    assert_eq!((view.row, view.column), (0, helsinki));
    let (rows, columns) = (view.board.rows.len(), view.board.columns.len());
    press(&mut app, &vec![key('h'); columns + 3]);
    press(&mut app, &[key('k')]);
    assert_eq!((board(&app).row, board(&app).column), (0, 0));
    press(&mut app, &vec![key('l'); columns + 3]);
    press(&mut app, &vec![key('j'); rows + 3]);
    assert_eq!(
        (board(&app).row, board(&app).column),
        (rows - 1, columns - 1),
        "clamped to the last cell"
    );
    press(&mut app, &[code(KeyCode::Esc)]);
    assert!(matches!(app.overlay(), Overlay::None), "Esc closes");
    press(&mut app, &[key('b'), key('b')]);
    assert!(matches!(app.overlay(), Overlay::None), "b closes too");
    press(&mut app, &[key('b'), key('q')]);
    assert!(
        app.is_running() && matches!(app.overlay(), Overlay::None),
        "q closes, not quits"
    );
}

#[test]
fn board_view_follows_the_cursor_both_ways() {
    let mut app = bundled_board("davos-2026", 80, 24);
    let view = board(&app);
    let (rows, columns) = (view.board.rows.len(), view.board.columns.len());
    let layout = view.layout.clone();
    assert!(
        view.columns_in_view().len() < columns && view.cell_rows() < rows,
        "80×24 must scroll: {layout:?}"
    );
    let in_view = |app: &App| {
        let view = board(app);
        view.rows_in_view().contains(&view.row) && view.columns_in_view().contains(&view.column)
    };
    assert!(in_view(&app), "opened on the last summit, which is in view");
    for _ in 0..columns {
        press(&mut app, &[code(KeyCode::Left)]);
        assert!(in_view(&app));
    }
    assert_eq!(board(&app).first_column, 0);
    for _ in 0..rows {
        press(&mut app, &[code(KeyCode::Down)]);
        assert!(in_view(&app));
    }
    assert_eq!(board(&app).first_row, rows - board(&app).cell_rows());
    app.resize(200, 50);
    assert!(in_view(&app), "a resize keeps the cursor in view");
}

#[test]
fn enter_on_a_board_cell_opens_its_summit_at_the_disagreement() {
    let mut app = bundled_board("davos-2026", 120, 40);
    let view = board(&app);
    let row = view
        .board
        .rows
        .iter()
        .position(|r| r.id == "ukraine-territory")
        .unwrap();
    let column = column_of(view, "anchorage-2025");
    let (position, index) = view.board.target(row, column).unwrap();
    move_cursor(&mut app, row, column);
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.current(), position);
    assert_eq!(current_id(&app), "anchorage-2025");
    assert_eq!(app.focused_pane(), Pane::Disagreements);
    assert_eq!(app.pane(GridPane::Disagreements).selected, index);
    let selected = &app.briefing().unwrap().disagreements[index];
    assert_eq!(selected.id.as_deref(), Some("ukraine-territory"));
    press(&mut app, &[code(KeyCode::Backspace)]);
    assert_eq!(current_id(&app), "davos-2026", "Backspace returns");
}

#[test]
fn enter_on_a_blank_board_cell_says_why_and_stays() {
    let mut app = bundled_board("davos-2026", 120, 40);
    let view = board(&app);
    let (row, column) = (0..view.board.rows.len())
        .flat_map(|r| (0..view.board.columns.len()).map(move |c| (r, c)))
        .find(|&(r, c)| view.board.cell(r, c).is_none())
        .unwrap();
    move_cursor(&mut app, row, column);
    press(&mut app, &[code(KeyCode::Enter)]);
    assert!(matches!(app.overlay(), Overlay::Board(_)));
    assert!(app.status().unwrap().text.contains("did not come up"));
}

/// Where `text` starts on row `y` of the buffer, if it is there.
fn find_in_row(buffer: &Buffer, y: u16, text: &str) -> Option<u16> {
    let row: String = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().chars().next().unwrap_or(' '))
        .collect();
    let at = row.find(text)?;
    u16::try_from(row[..at].chars().count()).ok()
}

#[test]
fn board_cells_are_coloured_by_status_and_headers_stay_when_scrolled() {
    let theme = Theme::colored();
    let mut app = bundled_board("davos-2026", 80, 24);
    // Scroll to the far end both ways: the headers must still be there.
    press(&mut app, &vec![code(KeyCode::Down); 40]);
    let view = board(&app);
    assert!(
        view.first_row > 0 && view.first_column > 0,
        "scrolled both ways"
    );
    let (row, column) = (view.row, view.column);
    let last = &view.board.rows[row];
    let summit = view.board.columns[column].summit.clone();
    let colored = buffer(&app, 80, 24, theme);
    let inner = view.layout.inner;
    let header = find_in_row(&colored, inner.y, &summit[..8]);
    assert!(header.is_some(), "the column header shows {summit}");
    let date = view.board.columns[column].date.to_string();
    let date_row = inner.y + view.header_rows() - 1;
    assert!(
        find_in_row(&colored, date_row, &date).is_some(),
        "and its date"
    );
    let y = (inner.y..inner.bottom())
        .find(|&y| find_in_row(&colored, y, &last.id).is_some())
        .expect("the row header stays at the left");
    assert_eq!(find_in_row(&colored, y, &last.id), Some(inner.x));
    // Where a visible cell is drawn: in its column, one row per dispute after the header.
    let cell_at = |r: usize, c: usize| {
        let (_, x, _) = view
            .column_cells()
            .into_iter()
            .find(|&(column, _, _)| column == c)
            .unwrap();
        let down = u16::try_from(r - view.first_row).unwrap();
        (x, inner.y + view.header_rows() + down)
    };
    // Every status word on screen is drawn in its status's colour.
    let mut seen = 0;
    for (r, board_row) in view
        .board
        .rows
        .iter()
        .enumerate()
        .skip(view.first_row)
        .take(view.cell_rows())
    {
        for c in view.columns_in_view() {
            let Some(cell) = board_row.cells.get(c).copied().flatten() else {
                continue;
            };
            let (x, y) = cell_at(r, c);
            let drawn = &colored[(x, y)];
            assert_eq!(drawn.symbol(), &cell.status.as_str()[..1]);
            assert_eq!(
                drawn.fg,
                theme.status(cell.status).fg.unwrap(),
                "{} at {x},{y}",
                cell.status.as_str()
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "some statuses are in view");
    // The cursor is reverse video, so it shows without colour too.
    let plain = buffer(&app, 80, 24, Theme::plain());
    let (x, cursor_y) = cell_at(row, column);
    assert!(plain[(x, cursor_y)].modifier.contains(Modifier::REVERSED));
    assert!(
        !plain[(x, cursor_y - 1)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

// The timeline's chart.

fn picker(app: &App) -> &sherpa::app::Picker {
    match app.overlay() {
        Overlay::Picker(picker) => picker,
        other => panic!("no list is open: {other:?}"),
    }
}

/// The years of the timeline entries listed now.
fn listed_years(app: &App) -> Vec<u16> {
    let picker = picker(app);
    (0..picker.row_count())
        .filter_map(|i| match picker.row(i) {
            Some(PickerRow::Entry(entry)) => entry.text[..4].parse().ok(),
            _ => None,
        })
        .collect()
}

#[test]
fn timeline_years_narrow_the_list_and_past_the_ends_show_all() {
    let mut app = bundled_app(120, 40);
    press(&mut app, &[key('t')]);
    let everything = listed_years(&app);
    let chart = picker(&app).chart.clone().unwrap();
    let total: u64 = chart.bars.iter().map(|&(_, n)| n).sum();
    assert_eq!(
        usize::try_from(total).unwrap(),
        everything.len(),
        "each meeting counted once"
    );
    assert_eq!(chart.year(), None);
    press(&mut app, &[code(KeyCode::Right)]);
    let (first, count) = chart.bars[0];
    assert_eq!(picker(&app).chart.as_ref().unwrap().year(), Some(first));
    assert_eq!(
        listed_years(&app),
        vec![first; usize::try_from(count).unwrap()]
    );
    press(&mut app, &[code(KeyCode::Left)]);
    assert_eq!(listed_years(&app), everything, "before the first year: all");
    press(&mut app, &[code(KeyCode::Left)]);
    let (last, _) = *chart.bars.last().unwrap();
    assert!(
        listed_years(&app).iter().all(|&y| y == last),
        "from all, Left is the latest year"
    );
    // Typing still filters, within the year.
    press(&mut app, &[code(KeyCode::Left); 1]);
    let year = picker(&app).chart.as_ref().unwrap().year().unwrap();
    let in_year = listed_years(&app).len();
    for c in "washington".chars() {
        press(&mut app, &[key(c)]);
    }
    let filtered = listed_years(&app);
    assert!(
        !filtered.is_empty() && filtered.len() < in_year,
        "{filtered:?}"
    );
    assert!(filtered.iter().all(|&y| y == year));
    // Session 15: the hints said `Right year` and never `Left year`; each key now says
    // what it does from here (a year in the middle: the one before, the one after).
    let hints = app.hints();
    assert!(
        hints.contains(&("Left".to_owned(), "earlier year")),
        "the hint says how: {hints:?}"
    );
    assert!(
        hints.contains(&("Right".to_owned(), "later year")),
        "{hints:?}"
    );
    press(&mut app, &[code(KeyCode::Right)]);
    assert!(
        app.hints().contains(&("Right".to_owned(), "all years")),
        "at the last year, Right shows all: {:?}",
        app.hints()
    );
}

#[test]
fn year_keys_are_not_offered_in_lists_without_a_chart() {
    let mut app = bundled_app(120, 40);
    press(&mut app, &[key('/')]);
    assert!(!app.hints().iter().any(|(_, hint)| hint.contains("year")));
}

/// Session 15: at 80 columns a timeline row put the place first, so a long place (`Joint
/// Base Elmendorf–Richardson, Anchorage, Alaska · [an…`) cut the linked summit's id a reader
/// jumps by. Each row now keeps its date and id whole and cuts the place and title first:
/// every row of the bundled timeline, paged through at 80×24, shows a whole `[id]`.
#[test]
fn timeline_rows_at_80_columns_keep_the_linked_summits_id_whole() {
    let mut app = bundled_app(80, 24);
    press(&mut app, &[key('t'), code(KeyCode::Home)]);
    let Overlay::Picker(picker) = app.overlay() else {
        panic!("the timeline is open")
    };
    let mut ids: std::collections::BTreeSet<String> = (0..picker.row_count())
        .filter_map(|index| match picker.row(index) {
            Some(PickerRow::Entry(entry)) => entry.target.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), app.corpus().len(), "every summit has a row");
    for _ in 0..40 {
        for row in screen(&app, 80, 24).lines() {
            ids.retain(|id| !row.contains(&format!("[{id}]")));
        }
        press(&mut app, &[code(KeyCode::PageDown)]);
    }
    assert!(ids.is_empty(), "ids never shown whole: {ids:?}");
}

/// Session 15: `:` listed `hamburg-2017  Trump–Putin …` and `helsinki-2018  Trump–Putin …`
/// with their titles at different columns. The titles now line up after the widest id.
#[test]
fn the_go_to_lists_titles_line_up_in_one_column() {
    let mut app = bundled_app(80, 24);
    press(&mut app, &[key(':')]);
    let Overlay::Picker(list) = app.overlay() else {
        panic!("the list is open")
    };
    let columns: std::collections::BTreeSet<usize> = (0..list.row_count())
        .filter_map(|index| match list.row(index) {
            Some(PickerRow::Entry(entry)) => {
                let id = entry.target.clone()?;
                let title = app.corpus().title_at(app.corpus().position(&id)?)?;
                entry.text.find(title)
            }
            _ => None,
        })
        .collect();
    assert_eq!(columns.len(), 1, "{columns:?}");
}

#[test]
fn snapshot_timeline_chart_at_80_by_24() {
    let mut app = app_on("book", 80, 24);
    press(&mut app, &[key('t'), code(KeyCode::Left)]);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

/// A list says "the status line shows the keys": at 80 columns they all show, the folder's
/// name giving way when they fit only without it. The reader's own line, a sample of its
/// keys, keeps the name.
#[test]
fn a_lists_keys_come_before_the_folder_name_on_the_status_line() {
    let corpus = Corpus::load_paths(&[fixtures("book")]);
    let settings = Settings::new("./briefings".to_owned(), PathBuf::from("."));
    let mut app = App::new(corpus, settings, 80, 24);
    let status = |app: &App| screen(app, 80, 24).lines().last().unwrap().to_owned();
    assert!(status(&app).ends_with("./briefings "), "{}", status(&app));
    press(&mut app, &[key('t'), code(KeyCode::Left)]);
    let line = status(&app);
    assert!(line.contains("Esc cancel  Down select"), "{line}");
    assert!(!line.contains("briefings"), "{line}");
    // Where they fit beside it, the name stays.
    let mut wide = App::new(
        Corpus::load_paths(&[fixtures("book")]),
        Settings::new("./briefings".to_owned(), PathBuf::from(".")),
        120,
        24,
    );
    press(&mut wide, &[key('t'), code(KeyCode::Left)]);
    let line = screen(&wide, 120, 24).lines().last().unwrap().to_owned();
    assert!(
        line.contains("Down select") && line.ends_with("./briefings "),
        "{line}"
    );
}

#[test]
fn snapshot_timeline_chart_at_200_by_50() {
    let mut app = app_on("book", 200, 50);
    press(&mut app, &[key('t')]);
    insta::assert_snapshot!(screen(&app, 200, 50));
}

// `w`: what changed, against a summit picked from a list.

#[test]
fn w_lists_other_summits_with_the_previous_sharing_a_participant_selected() {
    let mut app = bundled_app(120, 40);
    let anchorage = app.corpus().position("anchorage-2025").unwrap();
    app.go_to(anchorage);
    press(&mut app, &[key('w')]);
    let list = picker(&app);
    assert_eq!(list.accept, Accept::Compare);
    assert_eq!(
        list.entries.len(),
        app.corpus().len() - 1,
        "every other summit"
    );
    let expected = sherpa_core::analysis::previous_with_shared_participant(app.corpus(), anchorage)
        .map(|p| app.corpus().briefings()[p].id().to_owned());
    let Some(PickerRow::Entry(selected)) = list.selection() else {
        panic!("an entry is selected");
    };
    assert_eq!(selected.target, expected);
    press(&mut app, &[code(KeyCode::Enter)]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("what changed is shown");
    };
    let text = overlay_text(overlay);
    let expected = expected.unwrap();
    assert!(
        text.contains(&format!("What changed from {expected} to anchorage-2025")),
        "{text}"
    );
    assert_eq!(
        current_id(&app),
        "anchorage-2025",
        "comparing does not move the reader"
    );
}

#[test]
fn w_compares_with_a_later_summit_from_earlier_to_later() {
    let mut app = bundled_app(120, 40);
    let helsinki = app.corpus().position("helsinki-2018").unwrap();
    app.go_to(helsinki);
    press(&mut app, &[key('w')]);
    for c in "anchorage".chars() {
        press(&mut app, &[key(c)]);
    }
    press(&mut app, &[code(KeyCode::Enter)]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("what changed is shown");
    };
    let text = overlay_text(overlay);
    assert!(
        text.contains("What changed from helsinki-2018 to anchorage-2025"),
        "{text}"
    );
    assert!(text.contains("Disagreements"), "{text}");
    press(&mut app, &[key('w')]);
    assert!(
        matches!(app.overlay(), Overlay::None),
        "w closes the view it opened"
    );
}

#[test]
fn the_board_and_the_chart_draw_at_every_small_size() {
    for opener in ['b', 't'] {
        let mut app = bundled_app(120, 40);
        press(&mut app, &[key(opener), code(KeyCode::Right)]);
        for width in [1, 2, 10, 39, 40, 41, 60, 99] {
            for height in [1, 2, 5, 9, 10, 11, 14, 19] {
                app.resize(width, height);
                let text = screen(&app, width, height);
                assert_eq!(text.lines().count(), usize::from(height));
                if width >= 40 && height >= 10 {
                    assert!(
                        !matches!(app.overlay(), Overlay::None),
                        "{opener} stays open"
                    );
                    let title = if opener == 'b' { "board" } else { "Timeline" };
                    assert!(
                        text.contains(title),
                        "{opener} at {width}×{height}:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_selected_year_is_reversed_under_its_bar() {
    let mut app = bundled_app(80, 24);
    press(&mut app, &[key('t'), code(KeyCode::Right)]);
    let chart = picker(&app).chart.clone().unwrap();
    let (first, _) = chart.bars[0];
    let (second, _) = chart.bars[1];
    let drawn = buffer(&app, 80, 24, Theme::colored());
    let labels = format!("{first} {second}");
    let y = (0..24)
        .find(|&y| find_in_row(&drawn, y, &labels).is_some())
        .expect("year labels under the bars");
    let x = find_in_row(&drawn, y, &labels).unwrap();
    assert!(
        drawn[(x, y)].modifier.contains(Modifier::REVERSED),
        "{first} selected"
    );
    assert!(
        !drawn[(x + 5, y)].modifier.contains(Modifier::REVERSED),
        "{second} not"
    );
    let bar = drawn[(x, y - 1)].fg;
    assert_eq!(
        Some(bar),
        Theme::colored().key().fg,
        "the selected bar takes the accent"
    );
}

#[test]
fn shift_e_on_a_bundled_briefing_explains_there_is_no_file() {
    let mut app = App::new(
        Corpus::load_bundled(),
        Settings::new("bundled", "."),
        120,
        40,
    );
    let effects = press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT)],
    );
    assert_eq!(effects, vec![Effect::None]);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("no file to edit"),
        "{status:?}"
    );
}

#[test]
fn shift_e_opens_the_file_at_the_selected_items_table() {
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('j')]);
    let effects = press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT)],
    );
    // The effect names the file and the item; the runner finds the line and the editor.
    let [Effect::Edit { file, at }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(file.ends_with("alpha.toml"), "{file:?}");
    let sherpa::app::EditAt::Item { key, loaded_at } = at else {
        panic!("{at:?}")
    };
    assert_eq!(key.to_string(), "alpha/participants/bo-sample");
    assert_eq!(
        *loaded_at,
        sherpa_core::corpus::ItemPlace::Item(sherpa_core::model::ItemTable::Participants, 1)
    );
}

/// The screen as runs of one style, one line each (`row x.. fg bg modifiers: text`),
/// blank unstyled runs left out: a snapshot of the design, so a change of colour or
/// emphasis shows up in review like a change of text.
fn styled_runs(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let first = &buffer[(x, y)];
            let (fg, bg, modifier) = (first.fg, first.bg, first.modifier);
            let start = x;
            let mut text = String::new();
            while x < buffer.area.width {
                let cell = &buffer[(x, y)];
                if (cell.fg, cell.bg, cell.modifier) != (fg, bg, modifier) {
                    break;
                }
                text.push_str(cell.symbol());
                x += 1;
            }
            let plain = fg == ratatui::style::Color::Reset
                && bg == ratatui::style::Color::Reset
                && modifier.is_empty();
            if plain || (text.trim().is_empty() && bg == ratatui::style::Color::Reset) {
                continue;
            }
            out.push_str(&format!(
                "{y:>2} {start:>3} {fg} {bg} {modifier:?}: {}\n",
                text.trim_end()
            ));
        }
    }
    out
}

fn anchorage(width: u16, height: u16) -> App {
    let mut app = bundled_app(width, height);
    let position = app.corpus().position("anchorage-2025").unwrap();
    app.go_to(position);
    app
}

/// Where `text` is on screen: (column, row) of its first cell.
fn find_on_screen(buffer: &Buffer, text: &str) -> (u16, u16) {
    (0..buffer.area.height)
        .find_map(|y| find_in_row(buffer, y, text).map(|x| (x, y)))
        .unwrap_or_else(|| panic!("{text:?} is on screen"))
}

#[test]
fn the_design_in_each_theme_title_focus_selection_status_and_links() {
    use ratatui::style::Color;
    use sherpa::ui::Palette;
    use sherpa_core::model::DisagreementStatus;
    let app = anchorage(200, 50);
    for (name, theme, palette) in [
        ("dark", Theme::colored(), Some(Palette::DARK)),
        ("light", Theme::light(), Some(Palette::LIGHT)),
        ("plain", Theme::plain(), None),
    ] {
        let drawn = buffer(&app, 200, 50, theme);
        let fg = |role: fn(&Palette) -> Color| palette.map_or(Color::Reset, |p| role(&p));
        // The title: the accent, bold: the loudest thing on screen.
        let (x, y) = find_on_screen(&drawn, "Trump–Putin summit");
        assert_eq!(drawn[(x, y)].fg, fg(|p| p.accent), "{name}: title colour");
        assert!(
            drawn[(x, y)].modifier.contains(Modifier::BOLD),
            "{name}: title bold"
        );
        // The focused pane's border: accent and bold; the others muted, not bold.
        let (x, y) = find_on_screen(&drawn, "┏");
        assert_eq!(drawn[(x, y)].fg, fg(|p| p.accent), "{name}: focused border");
        assert!(drawn[(x, y)].modifier.contains(Modifier::BOLD));
        let (x, y) = find_on_screen(&drawn, "┌");
        assert_eq!(
            drawn[(x, y)].fg,
            fg(|p| p.muted),
            "{name}: unfocused border"
        );
        assert!(!drawn[(x, y)].modifier.contains(Modifier::BOLD));
        // The selected item: every one of its rows highlighted across the text width,
        // past the end of its text, in the focused pane; the bar stays as a marker.
        let (x, y) = find_on_screen(&drawn, "Donald Trump");
        let (_, last_row) = find_on_screen(&drawn, "Sources: [1,2,23,24]");
        let right = find_in_row(&drawn, y, "█").unwrap() - 3;
        for row in y..=last_row {
            assert_eq!(drawn[(x - 1, row)].symbol(), "▌", "{name}: the bar stays");
            for column in [x, x + 60, right] {
                let cell = &drawn[(column, row)];
                match palette {
                    Some(p) => assert_eq!(cell.bg, p.selection, "{name}: {column},{row}"),
                    None => assert!(cell.modifier.contains(Modifier::REVERSED)),
                }
            }
        }
        let after = &drawn[(x, last_row + 2)];
        assert_eq!(
            after.bg,
            Color::Reset,
            "{name}: the next item is not highlighted"
        );
        assert!(!after.modifier.contains(Modifier::REVERSED));
        // Unfocused panes show the bar only.
        let (x, y) = find_on_screen(&drawn, "Status: open");
        assert_eq!(
            drawn[(x, y)].bg,
            Color::Reset,
            "{name}: unfocused selection"
        );
        assert!(!drawn[(x, y)].modifier.contains(Modifier::REVERSED));
        // Status words in their hue, never bold: calmer than the titles.
        let open = theme.status(DisagreementStatus::Open);
        assert_eq!(drawn[(x + 8, y)].fg, open.fg.unwrap_or(Color::Reset));
        assert!(
            !drawn[(x + 8, y)].modifier.contains(Modifier::BOLD),
            "{name}: status"
        );
        // A link is underlined on its text only, not to the pane's edge.
        let link = "→ briefing: hamburg-2017";
        let (x, y) = find_on_screen(&drawn, link);
        let end = x + u16::try_from(link.chars().count()).unwrap();
        assert!(
            drawn[(x, y)].modifier.contains(Modifier::UNDERLINED),
            "{name}: link"
        );
        assert!(
            !drawn[(x - 1, y)].modifier.contains(Modifier::UNDERLINED),
            "{name}: not its indentation"
        );
        assert!(drawn[(end - 1, y)].modifier.contains(Modifier::UNDERLINED));
        assert!(
            !drawn[(end, y)].modifier.contains(Modifier::UNDERLINED),
            "{name}: the underline ends with the link"
        );
        assert_eq!(drawn[(x, y)].fg, fg(|p| p.link));
    }
}

/// The fixture book's harbour summit at 100×30 in `theme`, as styled runs.
fn styles_at_harbour(theme: Theme) -> String {
    styled_runs(&buffer(&book_at("harbour-2012", 100, 30), 100, 30, theme))
}

#[test]
fn snapshot_styles_dark() {
    insta::assert_snapshot!(styles_at_harbour(Theme::colored()));
}

#[test]
fn snapshot_styles_light() {
    insta::assert_snapshot!(styles_at_harbour(Theme::light()));
}

#[test]
fn snapshot_styles_plain() {
    insta::assert_snapshot!(styles_at_harbour(Theme::plain()));
}

#[test]
fn an_overlay_dims_the_screen_behind_it_and_sits_in_a_box_its_size() {
    let mut app = anchorage(200, 50);
    press(&mut app, &[key('s')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("the summary is open");
    };
    let lines = overlay.text.lines.len();
    for theme in [Theme::colored(), Theme::plain()] {
        let drawn = buffer(&app, 200, 50, theme);
        // The title behind, top left, is faint and loses its bold.
        let behind = &drawn[(0, 0)];
        assert!(behind.modifier.contains(Modifier::DIM));
        assert!(!behind.modifier.contains(Modifier::BOLD));
        let (_, top) = find_on_screen(&drawn, "╭");
        if lines + 2 < 48 {
            assert_eq!(
                usize::from(top),
                (50 - (lines + 2)) / 2,
                "fitted to {lines} lines"
            );
        }
    }
}

#[test]
fn the_finder_highlights_the_characters_a_summit_row_matched() {
    let mut app = bundled_app(120, 40);
    press(
        &mut app,
        &[key('/'), key('a'), key('n'), key('c'), key('h')],
    );
    for theme in [Theme::colored(), Theme::plain()] {
        let drawn = buffer(&app, 120, 40, theme);
        let (_, y) = find_on_screen(&drawn, "Richardson, Anch");
        let matched = theme.search_match();
        let bg = matched.bg.unwrap_or(ratatui::style::Color::Reset);
        let marked: String = (0..120)
            .map(|x| &drawn[(x, y)])
            .filter(|cell| cell.bg == bg && cell.modifier.contains(matched.add_modifier))
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert_eq!(marked.trim(), "Anch", "only the matched characters");
    }
}

#[test]
fn a_load_warning_joins_the_tags_line_instead_of_replacing_it() {
    let mut app = app_on("mixed", 160, 40);
    let alpha = app.corpus().position("alpha").unwrap();
    app.go_to(alpha);
    let text = screen(&app, 160, 40);
    let notes = text.lines().nth(2).unwrap();
    assert!(notes.starts_with("Tags: "), "{notes}");
    assert!(notes.contains("⚠"), "{notes}");
    let drawn = buffer(&app, 160, 40, Theme::colored());
    let (x, y) = find_on_screen(&drawn, "⚠");
    assert_eq!(drawn[(x, y)].fg, Theme::colored().error().fg.unwrap());
    assert_eq!(drawn[(0, y)].fg, Theme::colored().dim().fg.unwrap());
}

#[test]
fn helps_descriptions_line_up_past_every_key_list_at_80_columns() {
    let mut app = bundled_app(80, 24);
    press(&mut app, &[key('?')]);
    let Overlay::Text(help) = app.overlay() else {
        panic!("help is open")
    };
    // The key column is 18 wide and two spaces part it from the descriptions: a longer
    // key list (`PageDown / Space / Ctrl-d`) goes on on the next row instead.
    for line in (help.text.lines.iter()).filter(|l| l.style == LineStyle::Note) {
        let gap: String = line.text.as_str().chars().skip(18).take(2).collect();
        assert!(gap.trim().is_empty(), "{:?}", line.text.as_str());
    }
    // Near the end of help, where the text views' page keys are.
    press(&mut app, &[code(KeyCode::End)]);
    press(&mut app, &[key('k'); 8]);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_fits_a_large_screen_in_columns_and_scrolls_on_a_small_one() {
    let mut app = bundled_app(200, 50);
    press(&mut app, &[key('?')]);
    let Overlay::Text(help) = app.overlay() else {
        panic!("help is open")
    };
    assert!(
        help.text.lines.len() <= usize::from(help.text.height),
        "{} lines in {} rows",
        help.text.lines.len(),
        help.text.height
    );
    let text = overlay_text(help);
    for heading in ["Reader", "Lists", "Text views"] {
        assert!(text.contains(heading), "{heading}");
    }
    // Flowed into columns: the Reader heading's row goes on with another column's keys.
    assert!(
        text.lines()
            .any(|l| l.starts_with("Reader") && l.trim_end() != "Reader"),
        "side by side"
    );
    app.resize(80, 24);
    let Overlay::Text(help) = app.overlay() else {
        panic!("help stays open")
    };
    assert!(
        help.text.lines.len() > usize::from(help.text.height),
        "one column scrolls"
    );
}

#[test]
fn problems_are_grouped_by_file_and_marked_by_severity() {
    use sherpa_core::diagnostics::Severity;
    use sherpa_core::render_text::LineStyle;
    let mut app = app_on("mixed", 120, 40);
    press(&mut app, &[key('!')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("problems are listed")
    };
    let lines = &overlay.text.lines;
    let heading = lines
        .iter()
        .position(|l| l.style == LineStyle::Heading && l.text.contains("truncated.toml — 1 error"))
        .expect("a heading for the file, with its count");
    let first = &lines[heading + 1];
    assert_eq!(first.style, LineStyle::Problem(Severity::Error));
    assert!(
        first.text.contains("truncated.toml:2:19: error"),
        "{}",
        first.text.as_str()
    );
    let files = lines
        .iter()
        .filter(|l| l.style == LineStyle::Heading)
        .count();
    let mut paths: Vec<&str> = app
        .corpus()
        .diagnostics()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(files, paths.len(), "one heading per file with problems");
    let drawn = buffer(&app, 120, 40, Theme::colored());
    let (x, y) = find_on_screen(&drawn, "truncated.toml:2:19");
    assert_eq!(drawn[(x, y)].fg, Theme::colored().error().fg.unwrap());
}

#[test]
fn a_file_past_the_problem_cap_is_counted_in_full() {
    use sherpa_core::diagnostics::MAX_PER_FILE;
    let dir = tempfile::tempdir().unwrap();
    let unknown = MAX_PER_FILE + 1_150;
    let mut text = String::from(
        "[summit]\nid = \"capped\"\ntitle = \"Capped\"\ndate = 2020-01-01\nlocation = \"Here\"\n",
    );
    for n in 0..unknown {
        text.push_str(&format!(
            "\n[[participants]]\nname = \"P{n}\"\nmood{n} = \"x\"\n"
        ));
    }
    std::fs::write(dir.path().join("capped.toml"), text).unwrap();
    let corpus = Corpus::load_paths(&[dir.path().to_owned()]);
    assert_eq!(
        corpus.diagnostics().len(),
        MAX_PER_FILE + 1,
        "kept, then one summary"
    );
    let mut app = App::new(corpus, Settings::new("t", "."), 120, 40);
    press(&mut app, &[key('!')]);
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("problems are listed")
    };
    let heading = overlay
        .text
        .lines
        .iter()
        .find(|l| l.style == sherpa_core::render_text::LineStyle::Heading)
        .expect("a heading for the file");
    assert!(
        heading.text.contains("capped.toml — 1,250 warnings"),
        "{}",
        heading.text.as_str()
    );
}

#[test]
fn home_and_end_reach_the_ends_of_a_list_and_g_and_shift_g_of_the_board() {
    // Top and bottom are shared bindings: lists inherit Home and End (their `g` types),
    // the board inherits `g` and `G` as well.
    let mut app = app_on("good", 120, 40);
    press(&mut app, &[key('/'), code(KeyCode::End)]);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.selected, finder.matches.len() - 1);
    press(&mut app, &[code(KeyCode::Home)]);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.selected, 0);
    press(&mut app, &[key('g')]);
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("finder is open")
    };
    assert_eq!(finder.query, "g", "g types in a list");

    let mut app = bundled_board("helsinki-2018", 200, 50);
    let rows = board(&app).board.rows.len();
    press(&mut app, &[key('G')]);
    assert_eq!(board(&app).row, rows - 1);
    press(&mut app, &[key('g')]);
    assert_eq!(board(&app).row, 0);
}

#[test]
fn open_and_close_are_one_command_each_in_every_view() {
    let mut app = app_on("good", 120, 40);
    // The status line names the reader's `open` key for following links.
    press(&mut app, &[code(KeyCode::Enter)]);
    let status = app.status().cloned().unwrap().text;
    assert!(status.starts_with("Enter follows links"), "{status}");
    for opener in ['?', '/', 't', 's', '!'] {
        press(&mut app, &[key(opener)]);
        assert!(!matches!(app.overlay(), Overlay::None), "{opener} opens");
        press(&mut app, &[code(KeyCode::Esc)]);
        assert!(
            matches!(app.overlay(), Overlay::None),
            "Esc closes {opener}"
        );
    }
}

#[test]
fn half_a_page_down_or_up_never_scrolls_the_selected_items_heading_away() {
    for (width, height) in [(80, 24), (120, 30), (200, 50)] {
        let mut app = bundled_app(width, height);
        // The latest summit fills every pane.
        app.update(Action::PrevSummit);
        for pane in GridPane::ALL {
            app.update(Action::FocusPane(pane));
            for step in [
                Action::HalfPageDown,
                Action::HalfPageDown,
                Action::HalfPageDown,
                Action::HalfPageUp,
                Action::HalfPageDown,
                Action::HalfPageUp,
                Action::HalfPageUp,
            ] {
                app.update(step);
                let view = app.pane(pane);
                let visible = view.text.scroll..view.text.scroll + view.text.window();
                let Some(heading) = view.items.get(view.selected).map(|r| r.start) else {
                    continue;
                };
                let another_starts_in_view = view.items.iter().any(|r| visible.contains(&r.start));
                assert!(
                    visible.contains(&heading) || !another_starts_in_view,
                    "{width}×{height} {pane:?} after {step:?}: item {} starts at line {heading}, \
                     the view shows {visible:?}",
                    view.selected
                );
            }
        }
    }
}

#[test]
fn both_rows_of_the_grid_split_at_the_same_column() {
    for (width, height) in [(100, 30), (120, 40), (200, 50)] {
        let mut app = bundled_app(width, height);
        for _ in 0..app.corpus().len() {
            let layout = sherpa::layout::screen_layout(
                ratatui::layout::Rect::new(0, 0, width, height),
                app.focus(),
                false,
                false,
                app.pane_weights(),
            )
            .unwrap();
            let right_edge = |pane: GridPane| layout.panes[pane].unwrap().right();
            assert_eq!(
                right_edge(GridPane::Participants),
                right_edge(GridPane::Goals),
                "{width}×{height} at {}",
                current_id(&app)
            );
            app.update(Action::NextSummit);
        }
    }
}

#[test]
fn with_no_briefings_the_hints_offer_only_keys_that_do_something() {
    let mut app = App::new(Corpus::default(), Settings::new("empty", "."), 200, 50);
    let hints: Vec<String> = app.hints().into_iter().map(|(key, _)| key).collect();
    assert_eq!(hints, ["q", "?"]);
    // And the keys left out indeed do nothing.
    for c in ['\t', '/', 't', 'b', ']'] {
        let event = if c == '\t' {
            code(KeyCode::Tab)
        } else {
            key(c)
        };
        press(&mut app, &[event]);
        assert!(matches!(app.overlay(), Overlay::None), "{c:?}");
    }
}

#[test]
fn a_long_status_message_at_80_columns_is_read_whole_on_two_rows() {
    let mut app = book_at("ridge-2015", 80, 24);
    let message = "The editor \"/usr/local/bin/an-editor-with-a-long-name\" exited with status 2 \
                   before saving ridge-2015.toml; the briefing was not changed";
    app.edit_finished(Err(message.to_owned()));
    let text = screen(&app, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    let bottom = format!("{} {}", rows[22].trim(), rows[23].trim());
    assert_eq!(bottom, message, "{text}");
    assert!(!text.contains('…'), "{text}");
    // The next key puts the hints and the panes' edge back.
    app.update(Action::Down);
    let text = screen(&app, 80, 24);
    assert!(text.lines().nth(22).unwrap().starts_with('┗'), "{text}");
}

#[test]
fn a_status_message_that_fits_keeps_one_row_and_the_origin() {
    let mut app = book_at("ridge-2015", 80, 24);
    app.edit_finished(Ok(()));
    let text = screen(&app, 80, 24);
    let last = text.lines().nth(23).unwrap();
    assert!(
        last.starts_with("Back from the editor; reloading"),
        "{last}"
    );
    assert!(last.trim_end().ends_with("book"), "{last}");
    assert!(text.lines().nth(22).unwrap().starts_with('┗'), "{text}");
}

#[test]
fn the_headers_warning_is_read_whole_at_80_columns_even_when_narrowed() {
    let mut app = app_on("mixed", 80, 24);
    app.go_to(app.corpus().position("alpha").unwrap());
    let notes = |app: &App| {
        screen(app, 80, 24)
            .lines()
            .nth(2)
            .unwrap()
            .trim_end()
            .to_owned()
    };
    let line = notes(&app);
    assert!(
        line.ends_with("could not be loaded; press ! to see why"),
        "{line}"
    );
    app.narrow_to(sherpa::app::Narrowing::Tag("fixture".into()));
    let line = notes(&app);
    assert!(line.starts_with("narrowed to tag: fixture"), "{line}");
    assert!(line.contains("(F shows all)"), "{line}");
    assert!(line.ends_with("files not loaded (!)"), "{line}");
    // At the narrowest screen the sentence gives way to its short form too.
    app.resize(60, 24);
    let line = screen(&app, 60, 24)
        .lines()
        .nth(2)
        .unwrap()
        .trim_end()
        .to_owned();
    assert!(
        line.ends_with("files not loaded (!)") || line.ends_with("to see why"),
        "{line}"
    );
}

/// `Esc q` typed quickly reaches the reader as Alt-q (tmux's escape delay, a slow link). The
/// reader does nothing with it but say so: the view stays open, no character appears.
#[test]
fn an_unbound_alt_key_changes_nothing_and_says_why() {
    let mut app = book_at("ridge-2015", 100, 30);
    press(&mut app, &[key('?')]);
    let alt_q = key_from_event(&KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)).unwrap();
    assert_eq!(app.press(alt_q), Effect::None);
    assert!(app.is_running());
    assert!(matches!(app.overlay(), Overlay::Text(_)), "help stays open");
    let status = screen(&app, 100, 30).lines().nth(29).unwrap().to_owned();
    assert!(
        status.starts_with("Alt-q does nothing here (Esc typed just before q reads as Alt-q)"),
        "{status}"
    );
    // The next key answers for itself, and Esc then q are the keys the user meant.
    assert_eq!(
        app.press(key_from_event(&code(KeyCode::Esc)).unwrap()),
        Effect::None
    );
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.status().is_none(), "{:?}", app.status());
    // A plain key with no binding, or a key the table cannot name, stays silent.
    app.press(key_from_event(&key('x')).unwrap());
    assert!(app.status().is_none());
    assert!(key_from_event(&code(KeyCode::Insert)).is_none());
    assert_eq!(app.press(key_from_event(&key('q')).unwrap()), Effect::Quit);
}
