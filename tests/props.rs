//! Property tests: the sanitiser, drawing at any size, and any sequence of keys and actions.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::forbidden;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use sherpa::app::{Action, App, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;
use sherpa_core::sanitize::{sanitize, sanitize_line};

/// Any character, weighted towards the ones that matter here.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::char::range('\u{0}', '\u{7f}'),
        2 => prop::char::range('\u{80}', '\u{9f}'),
        1 => prop::sample::select(vec![
            '\u{1b}', '\r', '\n', '\t', '\u{7}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{2069}', '\u{200e}', '\u{2028}', '\u{200b}', '\u{200d}', '\u{301}', '中', '👩',
            '\u{fe0f}', ' ',
        ]),
    ]
}

fn hostile_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sanitised_text_has_no_controls_and_keeps_every_printable_character(text in hostile_string(200)) {
        let safe = sanitize(&text);
        for c in safe.chars() {
            prop_assert!(c == '\n' || !forbidden(c), "{c:?} in {safe:?}");
        }
        // Every printable character survives, in order (visible forms only add characters).
        let mut out = safe.chars();
        // (Characters shown escaped even on their own, such as invisible ones, are skipped.)
        let kept_alone = |c: char| sanitize(&c.to_string()).as_str() == c.to_string();
        for c in text.chars().filter(|&c| !forbidden(c) && c != '\t' && kept_alone(c)) {
            prop_assert!(out.any(|o| o == c), "{c:?} was lost from {text:?}: {safe:?}");
        }
        // Sanitising is idempotent: visible forms are themselves printable.
        let again = sanitize(&safe);
        prop_assert_eq!(again.as_str(), safe.as_str());
        let line = sanitize_line(&text);
        prop_assert!(!line.contains('\n'));
        prop_assert!(line.chars().all(|c| !forbidden(c)));
    }
}

/// A TOML string value for any text (the toml crate escapes what TOML cannot hold raw).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A briefing's TOML text with hostile strings in every field, `items` of each kind.
fn briefing_text(id: usize, strings: &[String], items: usize) -> String {
    let s = |i: usize| quoted(&strings[i % strings.len()]);
    let mut text = format!(
        "[summit]\nid = \"b{id}\"\ntitle = {}\ndate = 2020-01-{:02}\nlocation = {}\nsummary = {}\ntags = [{}]\n",
        s(0),
        id % 28 + 1,
        s(1),
        s(2),
        s(3)
    );
    for n in 0..items {
        text.push_str(&format!(
            "\n[[participants]]\nname = {}\nrole = {}\nnotes = {}\nsources = [\"s0\", {}]\n",
            s(n + 4),
            s(n + 5),
            s(n + 6),
            s(n + 7)
        ));
        text.push_str(&format!(
            "\n[[prior_meetings]]\ndate = 2019-01-01\nplace = {}\nsummary = {}\nsummit = \"b{}\"\n",
            s(n + 8),
            s(n + 9),
            (id + 1) % 3
        ));
        text.push_str(&format!(
            "\n[[goals]]\nparty = {}\ngoal = {}\n",
            s(n + 10),
            s(n + 11)
        ));
        text.push_str(&format!(
            "\n[[disagreements]]\nid = {}\ntopic = {}\npositions = [{{ party = {}, position = {} }}]\n",
            s(n + 12),
            s(n + 13),
            s(n + 14),
            s(n + 15)
        ));
    }
    text.push_str(&format!(
        "\n[[sources]]\nid = \"s0\"\ntitle = {}\nurl = {}\n",
        s(16),
        s(17)
    ));
    text
}

fn corpus_of(texts: &[String]) -> Corpus {
    let names: Vec<String> = (0..texts.len()).map(|i| format!("b{i}.toml")).collect();
    let corpus = Corpus::from_sources(
        names
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str)),
    );
    assert_eq!(corpus.len(), texts.len(), "{:?}", corpus.diagnostics());
    corpus
}

const SENTINEL: &str = "§";

/// Renders the app into `area` inside a larger buffer filled with a sentinel, and checks
/// that nothing outside the area changed and nothing inside is a control character.
fn render_checked(app: &App, area: Rect) -> Result<(), TestCaseError> {
    let outer = Rect::new(0, 0, area.right() + 3, area.bottom() + 2);
    let mut sentinel = Cell::default();
    sentinel.set_symbol(SENTINEL);
    let mut buf = Buffer::filled(outer, sentinel.clone());
    ui::render(app, Theme::colored(), area, &mut buf);
    let mut drawn = 0;
    for y in outer.top()..outer.bottom() {
        for x in outer.left()..outer.right() {
            let cell = &buf[(x, y)];
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            if inside {
                drawn += usize::from(cell.symbol() != SENTINEL);
                prop_assert!(
                    cell.symbol().chars().all(|c| !forbidden(c)),
                    "control character {:?} drawn at {x},{y}",
                    cell.symbol()
                );
            } else {
                prop_assert_eq!(
                    cell,
                    &sentinel,
                    "cell {},{} outside {:?} was written",
                    x,
                    y,
                    area
                );
            }
        }
    }
    prop_assert!(area.is_empty() || drawn > 0, "nothing drawn in {:?}", area);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn any_briefing_renders_at_any_size_inside_its_area(
        strings in prop::collection::vec(hostile_string(40), 1..20),
        items in 0usize..4,
        width in 1u16..=300,
        height in 1u16..=100,
        x in 0u16..3,
        y in 0u16..3,
        focus in 0usize..4,
        zoom in any::<bool>(),
        overlay in 0usize..6,
    ) {
        let corpus = corpus_of(&[briefing_text(0, &strings, items)]);
        let mut app = App::new(corpus, Settings::new("props", "."), width, height);
        app.update(Action::FocusPane(GridPane::ALL[focus]));
        if zoom {
            app.update(Action::ToggleZoom);
        }
        match overlay {
            1 => { app.update(Action::ToggleSummary); }
            2 => { app.update(Action::ShowDiagnostics); }
            3 => { app.update(Action::ShowSources); }
            4 => { app.update(Action::OpenFinder); app.update(Action::FinderInput('\u{1b}')); }
            5 => { app.update(Action::ToggleHelp); }
            _ => {}
        }
        render_checked(&app, Rect::new(x, y, width, height))?;
    }
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'z', ']', '[', '/', 's', 'S', 'c', 't', 'd', 'w', 'p', '!', '?',
            '1', '2', '3', '4', ' ', 'q', 'b', 'h', 'l',
        ]).prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        2 => prop::sample::select(vec![
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageUp,
            KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::F(1),
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Act(Action),
    Resize(u16, u16),
    ExportFailed(String),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => key_event().prop_map(Step::Key),
        1 => (0u16..=300, 0u16..=100).prop_map(|(width, height)| Step::Resize(width, height)),
        1 => (0u16..=300, 0u16..=100).prop_map(|(column, row)| Step::Act(Action::Click { column, row })),
        1 => (0u16..=300, 0u16..=100, -50isize..50)
            .prop_map(|(column, row, lines)| Step::Act(Action::Wheel { column, row, lines })),
        1 => hostile_char().prop_map(|c| Step::Act(Action::FinderInput(c))),
        1 => prop::sample::select(vec![
            Action::Open, Action::Back, Action::ExportPane, Action::CopyPane,
            Action::ShowTimeline, Action::ShowTrack, Action::ShowChanges, Action::ShowAttended,
            Action::ShowItemSources, Action::HalfPageDown, Action::PageUp, Action::Bottom,
            Action::FocusPane(GridPane::Disagreements), Action::Top, Action::FinderDeleteChar,
            Action::Close, Action::NextSummit, Action::PrevSummit, Action::ShowBoard,
            Action::Open, Action::Left, Action::Right,
        ]).prop_map(Step::Act),
        1 => hostile_string(30).prop_map(Step::ExportFailed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_sequence_of_keys_and_actions_never_panics(
        strings in prop::collection::vec(hostile_string(30), 1..12),
        summits in 0usize..4,
        items in 0usize..3,
        steps in prop::collection::vec(step(), 0..60),
    ) {
        let texts: Vec<String> = (0..summits).map(|i| briefing_text(i, &strings, items)).collect();
        let corpus = corpus_of(&texts);
        let mut app = App::new(corpus, Settings::new("props", "."), 100, 30);
        for (index, step) in steps.into_iter().enumerate() {
            let action = match step {
                Step::Key(key) => key_from_event(&key).and_then(|key| app.action_for_key(key)),
                Step::Act(action) => Some(action),
                Step::Resize(width, height) => {
                    app.resize(width, height);
                    None
                }
                Step::ExportFailed(reason) => {
                    app.export_finished(Err(reason));
                    None
                }
            };
            if let Some(action) = action {
                if action == Action::Quit {
                    continue;
                }
                app.update(action);
            }
            if index % 4 == 0 {
                let area = Rect::new(0, 0, app.size().0, app.size().1);
                render_checked(&app, area)?;
            }
        }
        let area = Rect::new(0, 0, app.size().0, app.size().1);
        render_checked(&app, area)?;
    }
}

/// A TOML basic string holding exactly `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A file name, quoted key, source id or `summit =` target holding newlines or escapes
    /// never makes a diagnostic print a line of its own: each diagnostic has its message
    /// line, then the offending line and the caret when it has a position, and no more.
    #[test]
    fn diagnostic_fields_cannot_forge_lines(
        path in hostile_string(16),
        key in hostile_string(16),
        id in hostile_string(16),
        target in hostile_string(16),
    ) {
        let text = format!(
            "[summit]\nid = \"f\"\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n{} = 1\n\
             [[participants]]\nname = \"P\"\nsources = [{}]\n\
             [[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = {}\n",
            toml_string(&format!("x-{key}")),
            toml_string(&id),
            toml_string(&format!("t-{target}")),
        );
        let name = format!("{path}.toml");
        let corpus = Corpus::from_sources([(name.as_str(), text.as_str())]);
        prop_assert_eq!(corpus.len(), 1, "{:?}", corpus.diagnostics());
        prop_assert_eq!(corpus.diagnostics().len(), 3, "{:?}", corpus.diagnostics());
        for d in corpus.diagnostics() {
            let shown = d.to_string();
            let expected = match (&d.snippet, d.column) {
                (Some(_), Some(_)) => 3,
                (Some(_), None) => 2,
                (None, _) => 1,
            };
            prop_assert_eq!(shown.split('\n').count(), expected, "{:?}", shown);
            for line in shown.split('\n').skip(1) {
                prop_assert!(line.starts_with(' '), "{:?}", shown);
            }
            prop_assert!(!shown.chars().any(|c| c != '\n' && forbidden(c)), "{:?}", shown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// JSON output carries no C1, bidi or format control raw, and still decodes to the
    /// exact string.
    #[test]
    fn json_output_is_inert_and_exact(text in hostile_string(64)) {
        let json = sherpa_core::export::to_json_pretty(&serde_json::json!({ "s": [&text] })).unwrap();
        for c in json.chars() {
            prop_assert!(
                !sherpa_core::export::json_must_escape(c) && (c == '\n' || !forbidden(c)),
                "{:?} raw in {:?}", c, json
            );
        }
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back["s"][0].as_str(), Some(text.as_str()));
    }
}

/// Zero-width, default-ignorable and ambiguous-width characters, and ordinary text.
fn width_trap_char() -> impl Strategy<Value = char> {
    prop_oneof![
        2 => prop::sample::select(vec![
            '\u{ad}', '\u{34f}', '\u{115f}', '\u{1160}', '\u{17b4}', '\u{180b}', '\u{180e}',
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{2061}', '\u{2064}', '\u{206a}',
            '\u{3164}', '\u{fe00}', '\u{feff}', '\u{ffa0}', '\u{fff0}', '\u{1bca0}', '\u{1d173}',
            '\u{e0001}', '\u{e0041}', '\u{e0100}',
        ]),
        // East Asian ambiguous width: one column to unicode-width and most terminals.
        1 => prop::sample::select(vec!['\u{a1}', '\u{b1}', 'α', 'Ж', '\u{2460}', '\u{25cb}', '\u{2014}']),
        1 => prop::sample::select(vec!['a', ' ', '中', '\u{301}']),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// What sherpa counts is what a terminal draws: no zero-width or default-ignorable
    /// character survives raw, and the width of the whole equals the sum of its characters'.
    #[test]
    fn sanitised_width_is_the_sum_of_its_characters(
        text in prop::collection::vec(width_trap_char(), 0..40)
            .prop_map(|chars| chars.into_iter().collect::<String>())
    ) {
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        let safe = sanitize(&text);
        let sum: usize = safe.chars().map(|c| c.width().unwrap_or(0)).sum();
        prop_assert_eq!(safe.width(), sum, "{:?}", safe.as_str());
        for c in safe.chars() {
            prop_assert!(
                c == '\u{301}' || c == ' ' || c.width().unwrap_or(0) > 0,
                "{:?} raw in {:?}", c, safe.as_str()
            );
        }
    }
}
