//! What a new user read wrong (session 13): counts in the singular, the command list's
//! descriptions, and `diff` given one summit twice.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use crossterm::event::KeyCode;
use sherpa::app::{App, Settings};
use sherpa::ui::Theme;
use sherpa_core::corpus::Corpus;

use predicates::prelude::PredicateBooleanExt;

use common::{buffer, fixtures, press, rows, sherpa};

/// The bottom edge of the open text view, where it counts the lines below.
fn footer(app: &App) -> String {
    let screen = rows(&buffer(app, Theme::colored()));
    screen
        .iter()
        .rev()
        .find(|row| row.contains("╰"))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn the_sources_view_counts_one_line_below_in_the_singular() {
    // The bundled Anchorage briefing cites 32 sources: more than 24 rows show.
    let anchorage = common::bundled().join("anchorage-2025.toml");
    let corpus = Corpus::load_paths(&[anchorage]);
    let mut app = App::new(corpus, Settings::new("bundled", "."), 80, 24);
    press(&mut app, KeyCode::Char('S'));
    let mut seen = Vec::new();
    // Scroll a line at a time until nothing is left below.
    for _ in 0..200 {
        let footer = footer(&app);
        if !footer.contains("below") {
            break;
        }
        seen.push(footer);
        press(&mut app, KeyCode::Char('j'));
    }
    let last = seen
        .last()
        .expect("the view is longer than the screen at 80x24");
    assert!(last.contains(" 1 more line below "), "{last}");
    assert!(
        seen.iter().all(|f| !f.contains(" 1 more lines")),
        "{seen:?}"
    );
    assert!(
        seen.first().unwrap().contains(" more lines below "),
        "{seen:?}"
    );
}

/// The problems view of a corpus of one clean briefing counts it in the singular.
#[test]
fn the_problems_view_counts_one_briefing_in_the_singular() {
    let text = "[summit]\nid = \"oslo-2024\"\ntitle = \"T\"\ndate = 2024-01-02\nlocation = \"L\"\n";
    let corpus = Corpus::from_sources([("oslo-2024.toml", text)]);
    assert!(corpus.diagnostics().is_empty());
    let mut app = App::new(corpus, Settings::new("one", "."), 80, 24);
    press(&mut app, KeyCode::Char('!'));
    let screen = rows(&buffer(&app, Theme::plain())).join("\n");
    assert!(
        screen.contains("No problems: the one briefing loaded cleanly."),
        "{screen}"
    );
}

/// The line `sherpa --help` gives `command` in its list of commands, wrapped lines joined.
fn listed(command: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = sherpa(tmp.path()).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let mut lines = help
        .lines()
        .skip_while(|line| !line.starts_with(&format!("  {command} ")));
    let mut text = lines.next().unwrap_or_default().to_owned();
    // Continuation lines are indented past the names' column.
    for line in lines.take_while(|line| line.starts_with("               ")) {
        text.push(' ');
        text.push_str(line.trim());
    }
    text
}

#[test]
fn the_command_list_says_search_prints_summits_before_passages() {
    let search = listed("search");
    assert!(search.contains("The summits whose title"), "{search}");
    assert!(search.contains("then every passage"), "{search}");
}

#[test]
fn the_command_list_says_diff_shows_participants_and_reworded_text() {
    let diff = listed("diff");
    assert!(diff.contains("who joined or left"), "{diff}");
    assert!(diff.contains("disagreement"), "{diff}");
    assert!(diff.contains("goals"), "{diff}");
    assert!(diff.contains("text reworded"), "{diff}");
}

#[test]
fn diff_of_a_summit_with_itself_says_so_and_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["diff", "alpha", "alpha", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "What changed from alpha to alpha\n",
        ))
        .stderr(predicates::str::contains(
            "sherpa: note: alpha is compared with itself, so nothing has changed",
        ));
}

#[test]
fn diff_of_two_summits_has_no_note_about_itself() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["diff", "alpha", "beta", "--dir"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stderr(predicates::str::contains("itself").not());
}

/// Every key the reader binds by default (keys.toml is the source of truth) is written, in
/// backticks, in the first column of one of the README's key tables: a new user missed `l`
/// and `h`, which `?` lists beside `Tab` and `Shift-Tab`.
#[test]
fn the_readme_key_tables_name_every_default_reader_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let written: Vec<&str> = readme
        .lines()
        .filter_map(|row| row.strip_prefix("| "))
        .filter_map(|row| row.split(" | ").next())
        .flat_map(|keys| keys.split('`').skip(1).step_by(2))
        .collect();
    let keymap = sherpa::keymap::Keymap::default();
    let missing: Vec<String> = keymap
        .bindings_in(sherpa::keymap::Context::Reader)
        .iter()
        .flat_map(|binding| &binding.keys)
        .map(ToString::to_string)
        .filter(|key| !written.contains(&key.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the README: {missing:?}");
}

/// Session 15: at 80 columns the header cut a long title under the position without a
/// sign that it went on. It ends the cut title with `…`.
#[test]
fn a_long_title_cut_in_the_header_ends_with_an_ellipsis() {
    let text = "[summit]\nid = \"long\"\ntitle = \"Links test with a very long title that goes on and on and on to see where it ends\"\ndate = 2020-01-01\nlocation = \"L\"\n";
    let app = App::new(
        Corpus::from_sources([("long.toml", text)]),
        Settings::new("long", "."),
        80,
        24,
    );
    let screen = rows(&buffer(&app, Theme::plain()));
    let header = &screen[0];
    assert!(header.ends_with(" 1/1 by date"), "{header}");
    let title = header.trim_end_matches(" 1/1 by date").trim_end();
    assert!(
        title.starts_with("Links test with a very long title") && title.ends_with('…'),
        "{header}"
    );
}

/// Session 15: in the `f` list the hints said `Enter jump`, where Enter narrows the reader.
#[test]
fn the_narrow_list_s_hint_says_enter_narrows() {
    let mut app = common::good_reader();
    press(&mut app, KeyCode::Char('f'));
    let hints = app.hints();
    assert!(
        hints.contains(&("Enter".to_owned(), "narrow to it")),
        "{hints:?}"
    );
    assert!(!hints.iter().any(|(_, hint)| *hint == "jump"), "{hints:?}");
}
