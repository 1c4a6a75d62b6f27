//! What changed since you last read, in the reader's state: the summits updated since they
//! were read are marked (header, lists, `[`/`]`), their new items too, `U` shows what
//! changed as `sherpa diff` says it, opening a summit reads it and `R` reads them all.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sherpa::app::{App, Effect, Overlay, OverlayKind, Settings};
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa_core::corpus::Corpus;
use sherpa_core::store::{Remembered, Store};

/// 3 Dec 2025, 00:00 UTC.
const DEC_3: u64 = 1_764_720_000;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good")
            .join(name),
    )
    .unwrap()
}

fn corpus(alpha: &str, beta: &str) -> Corpus {
    Corpus::from_sources([("alpha.toml", alpha), ("beta.toml", beta)])
}

/// Beta as it was read: no goal yet, its disagreement still open.
fn beta_as_read() -> String {
    fixture("beta.toml")
        .replace(
            "[[goals]]\nparty = \"South\"\ngoal = \"Settle the islands.\"\nsources = [\"b1\"]\n",
            "",
        )
        .replace("status = \"narrowed\"", "status = \"open\"")
}

/// What was read of `texts` (file name, text), on 3 Dec 2025.
fn read_on_dec_3(texts: &[(&str, &str)]) -> Remembered {
    let mut remembered = Remembered::default();
    for briefing in Corpus::from_sources(texts.iter().copied()).briefings() {
        remembered.insert(briefing.clone(), DEC_3);
    }
    remembered
}

/// A reader on the fixtures as they are now, opened (at beta, the latest) with `read` as
/// what was last read.
fn reader(read: Remembered) -> App {
    let now = || corpus(&fixture("alpha.toml"), &fixture("beta.toml"));
    let mut app = App::new(now(), Settings::new("good", PathBuf::from(".")), 120, 40);
    app.corpus_loaded(now());
    app.book_loaded(Store::default(), &[]);
    app.versions_loaded(read);
    app
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .filter_map(|c| {
            let code = if c == '\x1b' {
                KeyCode::Esc
            } else {
                KeyCode::Char(c)
            };
            let key = key_from_event(&KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
            app.action_for_key(key).map(|action| app.update(action))
        })
        .collect()
}

fn overlay_text(app: &App) -> Vec<String> {
    let Overlay::Text(overlay) = app.overlay() else {
        panic!("no text view open");
    };
    assert_eq!(overlay.kind, OverlayKind::SinceRead);
    overlay
        .text
        .lines
        .iter()
        .map(|line| line.text.trim_end().to_owned())
        .collect()
}

#[test]
fn a_summit_updated_since_it_was_read_is_marked_with_its_new_items() {
    let app = reader(read_on_dec_3(&[("beta.toml", &beta_as_read())]));
    assert_eq!(
        app.updated_since_read("beta").as_deref(),
        Some("3 Dec 2025")
    );
    assert_eq!(app.updated_since_read("alpha"), None, "never read");
    assert_eq!(app.new_since_read(GridPane::Goals), [0]);
    assert!(app.new_since_read(GridPane::Disagreements).is_empty());
    let screen = common::drawn(&app);
    assert!(
        screen.contains("✱ updated since you read it on 3 Dec 2025 (U shows what changed)"),
        "{screen}"
    );
    // The goal's first line carries the marker, in its pane's half of the row.
    let goal_row = screen.lines().find(|line| line.contains("South")).unwrap();
    let (goals, disagreements) = goal_row.split_once("││").unwrap();
    assert!(
        goals.trim_end_matches('│').trim_end().ends_with("new"),
        "{goal_row}"
    );
    assert!(!disagreements.contains("new"), "{goal_row}");
}

#[test]
fn u_shows_what_changed_since_the_summit_was_read_as_diff_says_it() {
    let mut app = reader(read_on_dec_3(&[("beta.toml", &beta_as_read())]));
    press(&mut app, "U");
    let lines = overlay_text(&app);
    assert_eq!(lines[0], "Updated since you read it on 3 Dec 2025");
    let goals = lines.iter().position(|l| l == "Goals added").unwrap();
    assert_eq!(lines[goals + 1], "  South: Settle the islands.");
    assert!(lines.iter().any(|l| l.contains("narrowed")), "{lines:#?}");
    // The key that opened the view closes it.
    press(&mut app, "U");
    assert!(matches!(app.overlay(), Overlay::None));
}

#[test]
fn u_shows_text_reworded_when_only_the_words_of_the_summit_changed() {
    let read = fixture("beta.toml").replace("title = \"Beta summit\"", "title = \"Beta talks\"");
    let mut app = reader(read_on_dec_3(&[("beta.toml", &read)]));
    assert!(app.updated_since_read("beta").is_some());
    press(&mut app, "U");
    let lines = overlay_text(&app);
    let reworded = lines.iter().position(|l| l == "Text reworded").unwrap();
    assert_eq!(
        lines[reworded + 1],
        "  summit title: now \"Beta summit\"; was \"Beta talks\""
    );
    // Nothing else changed: every other section says so.
    assert_eq!(
        lines.iter().filter(|l| *l == "  none").count(),
        4,
        "{lines:#?}"
    );
}

#[test]
fn u_on_a_summit_unchanged_or_never_read_says_so() {
    let mut app = reader(read_on_dec_3(&[("beta.toml", &fixture("beta.toml"))]));
    assert_eq!(app.updated_since_read("beta"), None);
    press(&mut app, "U");
    assert_eq!(
        overlay_text(&app)[0],
        "Unchanged since you read it on 3 Dec 2025."
    );
    press(&mut app, "\x1b[U");
    // Opened now for the first time: read now, and said so (not "never read").
    let text = overlay_text(&app).join(" ");
    assert!(
        text.starts_with("You are reading this summit for the first time"),
        "{text}"
    );
    assert!(text.contains("U shows what changed"), "{text}");
}

#[test]
fn opening_a_summit_reads_it_and_leaving_it_ends_its_marks() {
    let mut app = reader(read_on_dec_3(&[("beta.toml", &beta_as_read())]));
    assert!(app.book().read_at("beta").is_some(), "opened, so read");
    // Still marked while it is being read.
    assert!(app.updated_since_read("beta").is_some());
    press(&mut app, "[");
    assert_eq!(app.briefing().unwrap().id(), "alpha");
    assert_eq!(app.updated_since_read("beta"), None);
    assert!(app.book().read_at("alpha").is_some());
    let kept: Vec<String> = app
        .closing_versions()
        .iter()
        .map(|b| b.id().to_owned())
        .collect();
    assert_eq!(kept, ["alpha", "beta"]);
    // Back at beta, nothing is new any more.
    press(&mut app, "]");
    assert!(app.new_since_read(GridPane::Goals).is_empty());
}

#[test]
fn the_finder_the_timeline_and_bracket_keys_mark_an_updated_summit() {
    let alpha_as_read = fixture("alpha.toml").replace("Alphaville", "Old Alphaville");
    let mut app = reader(read_on_dec_3(&[("alpha.toml", &alpha_as_read)]));
    press(&mut app, "t");
    let timeline = common::drawn(&app);
    let alpha_row = timeline
        .lines()
        .find(|line| line.contains("Alpha summit"))
        .unwrap();
    assert!(alpha_row.contains("updated since read"), "{alpha_row}");
    let beta_row = timeline
        .lines()
        .find(|line| line.contains("Beta summit"))
        .unwrap();
    assert!(!beta_row.contains("updated since read"), "{beta_row}");
    press(&mut app, "\x1b/");
    assert!(common::drawn(&app).contains("updated since read"));
    press(&mut app, "\x1b[");
    assert_eq!(
        app.status().unwrap().text,
        "Updated since you read it on 3 Dec 2025; U shows what changed"
    );
}

#[test]
fn r_marks_every_summit_read_and_asks_to_save() {
    let alpha_as_read = fixture("alpha.toml").replace("Alphaville", "Old Alphaville");
    let mut app = reader(read_on_dec_3(&[
        ("alpha.toml", &alpha_as_read),
        ("beta.toml", &beta_as_read()),
    ]));
    let effects = press(&mut app, "R");
    // The store is saved with the versions read now, kept as the reader goes.
    let Some(Effect::KeepRead {
        book: store,
        versions,
    }) = effects.last()
    else {
        panic!("expected a save, got {effects:?}");
    };
    assert!(store.read_at("alpha").is_some());
    let kept: Vec<&str> = versions
        .0
        .iter()
        .map(sherpa_core::model::Briefing::id)
        .collect();
    assert_eq!(kept, ["alpha", "beta"]);
    assert_eq!(app.updated_since_read("alpha"), None);
    assert_eq!(app.updated_since_read("beta"), None);
    assert!(app.new_since_read(GridPane::Goals).is_empty());
    assert_eq!(app.status().unwrap().text, "Marked 2 updated summits read");
    assert_eq!(app.closing_versions().len(), 2);
    press(&mut app, "R");
    assert_eq!(
        app.status().unwrap().text,
        "No summit was updated since you read it"
    );
}

#[test]
fn a_briefing_edited_while_it_is_read_is_marked_after_the_reload() {
    let mut app = reader(read_on_dec_3(&[("beta.toml", &fixture("beta.toml"))]));
    assert_eq!(app.updated_since_read("beta"), None);
    let edited = format!(
        "{}\n[[disagreements]]\nid = \"fishing\"\ntopic = \"Fishing rights\"\n",
        fixture("beta.toml")
    );
    app.corpus_reloaded(corpus(&fixture("alpha.toml"), &edited));
    assert_eq!(
        app.updated_since_read("beta").as_deref(),
        Some("3 Dec 2025")
    );
    assert_eq!(app.new_since_read(GridPane::Disagreements), [1]);
}

#[test]
fn versions_arriving_late_do_not_undo_what_was_read_meanwhile() {
    let mut app = reader(Remembered::default());
    press(&mut app, "[");
    // Beta was left, so read as it is now; an older version arriving now is older news.
    app.versions_loaded(read_on_dec_3(&[("beta.toml", &beta_as_read())]));
    assert_eq!(app.updated_since_read("beta"), None);
}

#[test]
fn a_summit_opened_or_left_is_kept_with_the_next_key_not_only_at_quit() {
    let mut app = reader(Remembered::default());
    // Beta was opened: the next key keeps it as read, with the store saying so.
    let effects = press(&mut app, "j");
    let Some(Effect::KeepRead { book, versions }) = effects.last() else {
        panic!("expected what was read to be kept, got {effects:?}");
    };
    assert!(book.read_at("beta").is_some());
    assert_eq!(
        versions
            .0
            .iter()
            .map(sherpa_core::model::Briefing::id)
            .collect::<Vec<_>>(),
        ["beta"]
    );
    // Kept once: the next key has nothing to keep.
    assert_eq!(press(&mut app, "k"), [Effect::None]);
    // Leaving beta for alpha keeps both: beta as it was left, alpha as opened.
    let effects = press(&mut app, "[");
    let Some(Effect::KeepRead { versions, .. }) = effects.last() else {
        panic!("expected what was read to be kept, got {effects:?}");
    };
    assert_eq!(
        versions
            .0
            .iter()
            .map(sherpa_core::model::Briefing::id)
            .collect::<Vec<_>>(),
        ["alpha", "beta"]
    );
    // Back at beta, `U` compares with it as read in this session.
    press(&mut app, "]U");
    assert!(overlay_text(&app)[0].starts_with("Unchanged since you read it on"));
}
