//! sherpa among other tools: the config file, remapped keys, live reload, shell completions,
//! the man page, plain output for screen readers, and the log file.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

mod common;

use assert_cmd::Command;
use common::{bundled, fixtures, sherpa};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use sherpa::app::{App, Overlay, Settings};
use sherpa::config::Config;
use sherpa::grid::GridPane;
use sherpa::tui::key_from_event;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Corpus;

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The whole screen as text.
fn screen(app: &App, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(app, Theme::plain(), area, &mut buf);
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn config_in_the_platform_folder_supplies_the_briefings() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("config/sherpa");
    std::fs::create_dir_all(&folder).unwrap();
    let briefings = fixtures("good");
    std::fs::write(
        folder.join("config.toml"),
        format!("briefings = [{:?}]\n", briefings.to_str().unwrap()),
    )
    .unwrap();
    sherpa(tmp.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("alpha"))
        .stderr(predicate::str::contains("reading the config's briefings"));
    // $SHERPA_BRIEFINGS still wins over the config.
    sherpa(tmp.path())
        .arg("list")
        .env("SHERPA_BRIEFINGS", bundled())
        .assert()
        .success()
        .stdout(predicate::str::contains("anchorage-2025"));
}

#[test]
fn an_invalid_config_warns_reading_commands_and_fails_config_naming_the_line() {
    // Deliberately changed: a reading command warns and goes on with the default (it was
    // exit 2); `sherpa config` still fails on it.
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("bad.toml");
    std::fs::write(&config, "theme = \"dark\"\nthme = \"light\"\n").unwrap();
    sherpa(tmp.path())
        .args(["--config", config.to_str().unwrap(), "list"])
        .arg(fixtures("good"))
        .assert()
        .success()
        .stderr(predicate::str::contains("bad.toml:2:1: warning"))
        .stderr(predicate::str::contains("unknown setting `thme`"));
    // The config commands still work, so the file can be repaired.
    sherpa(tmp.path())
        .args(["--config", config.to_str().unwrap(), "config", "--default"])
        .assert()
        .success();
    sherpa(tmp.path())
        .args(["--config", config.to_str().unwrap(), "config"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:2:1: error"));
}

#[test]
fn config_default_is_a_valid_commented_config_and_path_is_in_the_config_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let text = stdout_of(sherpa(tmp.path()).args(["config", "--default"]));
    assert!(
        text.lines()
            .all(|l| l.is_empty() || l.starts_with('#') || l.starts_with('['))
    );
    assert!(text.contains("# next-pane = [\"Tab\", \"l\"]"));
    Config::parse(&text).unwrap();
    let path = stdout_of(sherpa(tmp.path()).args(["config", "--path"]));
    assert_eq!(
        PathBuf::from(path.trim()),
        tmp.path().join("config/sherpa/config.toml")
    );
}

#[test]
fn remapped_keys_drive_input_and_the_help_overlay() {
    let config =
        Config::parse("[keys.reader]\nquit = \"x\"\ndown = [\"n\", \"j\"]\nopen = \"o\"\n")
            .unwrap();
    let corpus = Corpus::load_paths(&[fixtures("good")]);
    let settings = Settings {
        keymap: Arc::new(config.keymap.clone()),
        ..Settings::new("good", ".")
    };
    let mut app = App::new(corpus, settings, 120, 40);
    let press = |app: &mut App, c: char| {
        if let Some(action) = key_from_event(&key(c)).and_then(|key| app.action_for_key(key)) {
            app.update(action);
        }
    };
    press(&mut app, 'n');
    assert_eq!(app.pane(GridPane::Participants).selected, 1, "n moves down");
    // Messages that name a key name the remapped one.
    press(&mut app, 'o');
    let status = app.status().cloned().unwrap().text;
    assert!(status.starts_with("o follows links"), "{status}");
    press(&mut app, 'q');
    assert!(app.is_running(), "q no longer quits");
    press(&mut app, '?');
    let Overlay::Text(help) = app.overlay() else {
        panic!("help is open")
    };
    let text: Vec<&str> = help.text.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        // The row may go on with another column of help beside it.
        text.iter()
            .any(|l| l.starts_with("x ") && l[1..].trim_start().starts_with("Quit")),
        "{text:#?}"
    );
    assert!(text.iter().any(|l| l.starts_with("n / j ")), "{text:#?}");
    // The status-line hints follow too.
    press(&mut app, 'q');
    assert!(
        screen(&app, 120, 40)
            .lines()
            .last()
            .unwrap()
            .starts_with("x quit")
    );
    press(&mut app, 'x');
    assert!(!app.is_running());
}

/// Waits for the watcher to report a change, or fails after a generous timeout.
fn wait_for_change(changes: &mpsc::Receiver<()>) {
    changes
        .recv_timeout(Duration::from_secs(10))
        .expect("the watcher reported the change");
    // Let the rest of an editor's save settle into the same debounce window.
    while changes.recv_timeout(Duration::from_millis(300)).is_ok() {}
}

#[test]
fn live_reload_follows_edits_and_keeps_the_place() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("briefings");
    std::fs::create_dir(&folder).unwrap();
    for name in ["alpha.toml", "beta.toml"] {
        std::fs::copy(fixtures("good").join(name), folder.join(name)).unwrap();
    }
    let load = || Corpus::load_paths(std::slice::from_ref(&folder));
    let mut app = App::new(load(), Settings::new("briefings", "."), 120, 40);
    app.update(sherpa::app::Action::NextSummit);
    app.update(sherpa::app::Action::FocusPane(GridPane::Disagreements));
    assert_eq!(app.briefing().unwrap().id(), "beta");

    let (sender, changes) = mpsc::channel();
    let _watch = sherpa::tui::watch::watch_paths(std::slice::from_ref(&folder), move || {
        let _ = sender.send(());
    })
    .unwrap();

    // An editor that saves by writing a new file and renaming it over the old one.
    let beta = folder.join("beta.toml");
    let edited = std::fs::read_to_string(&beta).unwrap().replace(
        "title = \"Beta summit\"",
        "title = \"Beta summit, revised\"",
    );
    std::fs::write(folder.join(".beta.toml.swp"), &edited).unwrap();
    std::fs::rename(folder.join(".beta.toml.swp"), &beta).unwrap();
    wait_for_change(&changes);
    app.corpus_reloaded(load());
    assert_eq!(app.briefing().unwrap().summit.title, "Beta summit, revised");
    assert_eq!(
        app.focus(),
        GridPane::Disagreements,
        "the focused pane is kept"
    );
    assert!(screen(&app, 120, 40).contains("Beta summit, revised"));
    assert!(!app.status().unwrap().is_error);

    // An edit that breaks the file: the reader says why and stays up.
    std::fs::write(&beta, "[summit]\ntitle = \"Beta\"\ndate = 2021-13-01\n").unwrap();
    wait_for_change(&changes);
    app.corpus_reloaded(load());
    let status = app.status().cloned().unwrap();
    assert!(status.is_error);
    assert!(status.text.contains("beta.toml:3"), "{}", status.text);
    assert!(status.text.contains("beta did not load"), "{}", status.text);
    assert_eq!(app.briefing().unwrap().id(), "alpha");

    // Fixed again: the reader goes back to it.
    std::fs::write(&beta, &edited).unwrap();
    wait_for_change(&changes);
    app.corpus_reloaded(load());
    assert_eq!(app.briefing().unwrap().id(), "beta");
    assert!(app.awaited().is_none());
}

#[test]
fn the_first_load_shows_a_loading_screen_then_the_latest_summit() {
    let mut app = App::loading(Settings::new("briefings", "."), 100, 30);
    let loading = screen(&app, 100, 30);
    assert!(loading.contains("Loading briefings"), "{loading}");
    assert!(
        !loading.contains("no briefings"),
        "the header does not say there are none while they load: {loading}"
    );
    app.corpus_loaded(Corpus::load_paths(&[bundled()]));
    assert!(!app.is_loading());
    assert_eq!(app.current(), app.corpus().len() - 1);
    assert!(!screen(&app, 100, 30).contains("Loading"));
}

#[test]
fn plain_mode_draws_no_boxes_and_marks_the_selection_in_words() {
    let corpus = Corpus::load_paths(&[bundled()]);
    let settings = Settings {
        plain: true,
        ..Settings::new("briefings", ".")
    };
    let mut app = App::new(corpus, settings, 200, 50);
    let text = screen(&app, 200, 50);
    let box_drawing = |c: char| ('\u{2500}'..='\u{259f}').contains(&c);
    assert!(!text.chars().any(box_drawing), "{text}");
    assert!(text.contains("> Donald Trump"), "{text}");
    assert!(text.contains("Pane 1 of 4: Participants (4)"), "{text}");
    // Overlays too: no box, and the selection marked in words.
    app.update(sherpa::app::Action::OpenFinder);
    let text = screen(&app, 200, 50);
    assert!(!text.chars().any(box_drawing), "{text}");
    assert!(text.contains(">● "), "{text}");
}

#[test]
fn show_prints_a_linear_briefing_without_decoration() {
    let tmp = tempfile::tempdir().unwrap();
    let text = stdout_of(
        sherpa(tmp.path())
            .args(["show", "helsinki-2018", "--dir"])
            .arg(bundled()),
    );
    assert!(text.starts_with("Trump–Putin summit in Helsinki\nDate: 2018-07-16\n"));
    for heading in [
        "\nSummary\n",
        "\nParticipants, ",
        "\nPrior meetings, ",
        "\nGoals, ",
        "\nDisagreements, ",
        "\nSources, ",
    ] {
        assert!(text.contains(heading), "missing {heading:?}");
    }
    assert!(text.contains("Status: open"), "statuses are written out");
    assert!(text.contains("Linked briefing: hamburg-2017"));
    assert!(!text.contains('·') && !text.contains('│') && !text.contains('→'));
}

#[test]
fn completions_register_sherpa_as_its_own_completer() {
    // The ids are not in the script: the shell asks `sherpa` at each Tab (see
    // tests/completions.rs, which runs the scripts in real shells).
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(sherpa(tmp.path()).args(["completions", shell]));
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("sherpa"), "{shell}: {script}");
    }
}

#[test]
fn man_page_documents_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let page = stdout_of(sherpa(tmp.path()).arg("man"));
    assert!(page.starts_with(".TH SHERPA 1 "), "{page}");
    assert!(page.contains("export") && page.contains("completions"));
    for section in [
        ".SH KEYS",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("Follow the selected disagreement across summits"));
}

#[test]
fn sherpa_log_writes_to_the_state_folder_not_the_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let output = sherpa(tmp.path())
        .arg("list")
        .arg(fixtures("good"))
        .env("SHERPA_LOG", "debug")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(!String::from_utf8_lossy(&output.stderr).contains("sherpa started"));
    let log = std::fs::read_to_string(tmp.path().join("state/sherpa/sherpa.log")).unwrap();
    assert!(log.contains("sherpa started"), "{log}");
}

#[test]
fn a_log_file_that_cannot_be_created_is_a_note_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    // The log's own name is taken by a folder, so the file cannot be opened.
    std::fs::create_dir_all(tmp.path().join("state/sherpa/sherpa.log")).unwrap();
    let output = sherpa(tmp.path())
        .arg("list")
        .arg(fixtures("good"))
        .env("SHERPA_LOG", "debug")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("cannot write the log") && stderr.contains("logging is off"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_log_note_shows_the_state_folder_through_the_sanitiser() {
    let tmp = tempfile::tempdir().unwrap();
    // A state folder whose name carries an escape and a bell, under a file (not a folder),
    // so the log cannot be created and the note names it.
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let hostile = blocker.join("x\u{1b}]0;pwned\u{7}y");
    let output = sherpa(tmp.path())
        .arg("list")
        .arg(fixtures("good"))
        .env("SHERPA_LOG", "debug")
        .env("XDG_STATE_HOME", &hostile)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("logging is off"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "raw controls reach stderr: {stderr:?}"
    );
}

#[test]
fn a_reload_keeps_the_finder_open_and_typing() {
    let corpus = || Corpus::load_paths(&[fixtures("good")]);
    let mut app = App::new(corpus(), Settings::new("good", "."), 120, 40);
    app.update(sherpa::app::Action::OpenFinder);
    app.update(sherpa::app::Action::FinderInput('b'));
    app.corpus_reloaded(corpus());
    // `e` and `q` keep typing into the query instead of exporting or quitting.
    for c in ['e', 'q'] {
        let action = key_from_event(&key(c))
            .and_then(|key| app.action_for_key(key))
            .unwrap();
        let effect = app.update(action);
        assert!(
            !matches!(
                effect,
                sherpa::app::Effect::Export { .. } | sherpa::app::Effect::Quit
            ),
            "{effect:?}"
        );
    }
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder stays open")
    };
    assert_eq!(finder.query, "beq");
    assert!(app.is_running());
}
