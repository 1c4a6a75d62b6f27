//! The real binary in a real pseudo-terminal: keys in, screen out (read with a terminal
//! emulator), the export file on disk, a clean exit and a restored terminal.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::ffi::OsStr;

use common::Session;
use sherpa_core::corpus::Corpus;
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};

fn position_of(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn keys_drive_the_real_binary_and_export_matches_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let export_dir = tmp.path().join("exports");
    std::fs::create_dir(&export_dir).unwrap();
    // No path and no ./briefings: the reader opens the briefings built into the binary.
    let args = [OsStr::new("--export-dir"), export_dir.as_os_str()];
    let Some(mut session) = Session::start(tmp.path(), &args, 200, 50) else {
        return;
    };
    session.wait_for("1 Participants");
    session.wait_for("the bundled briefings");

    // The reader opens on the latest summit. Counts come from the bundled corpus itself, so
    // adding a briefing moves nothing here.
    let corpus = Corpus::load_bundled();
    let total = corpus.len();
    let by_date = |n: usize| format!("{n}/{total} by date");
    session.wait_for(&by_date(total));
    session.send("\t");
    session.wait_for("Prior meetings");
    session.send("[");
    session.wait_for(&by_date(total - 1));
    session.send("]");
    session.wait_for(&by_date(total));

    session.send("/");
    session.wait_for("Find a summit");
    session.send("helsinki");
    session.wait_for("/ helsinki");
    session.send("\r");
    let helsinki = corpus.get("helsinki-2018").unwrap();
    let position = corpus.position("helsinki-2018").unwrap() + 1;
    let screen = session.wait_for(&by_date(position));
    assert!(
        screen.starts_with(helsinki.summit.title.as_str()),
        "{screen}"
    );
    assert!(
        !screen.contains("Find a summit"),
        "the finder closed:\n{screen}"
    );

    session.send("e");
    let screen = session.wait_for("Exported");
    assert!(screen.contains("helsinki-2018-meetings.txt"), "{screen}");

    let written = std::fs::read_to_string(export_dir.join("helsinki-2018-meetings.txt")).unwrap();
    assert_eq!(
        written,
        export::render(helsinki, Some(Pane::Meetings), Format::Text, 80).unwrap()
    );

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let raw = session.raw();
    let entered = position_of(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = position_of(&raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered, "the alternate screen is left at exit");
    assert!(
        position_of(&raw, b"\x1b[?1000l").is_some(),
        "mouse capture is turned off"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = Session::start(tmp.path(), &[], 80, 24) else {
        return;
    };
    session.wait_for("Participants");
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    let raw = session.raw();
    assert!(position_of(&raw, b"\x1b[?1049l").is_some());
}

#[test]
fn small_terminal_shows_a_message_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = Session::start(tmp.path(), &[], 30, 8) else {
        return;
    };
    session.wait_for("too small");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn text_search_in_the_real_binary_opens_passages_and_steps_with_n() {
    let tmp = tempfile::tempdir().unwrap();
    let book = common::fixtures("book");
    let Some(mut session) = Session::start(tmp.path(), &[book.as_os_str()], 160, 45) else {
        return;
    };
    session.wait_for("5/5 by date");
    session.send("/");
    session.wait_for("Find a summit or text");
    session.send("ceasefire");
    // The passages arrive from the search worker, counted in the title.
    let screen = session.wait_until("passages counted", |s| s.contains("passages in"));
    assert!(screen.contains("· Goals · North"), "{screen}");
    // Down past the summit rows ("(N summits · …" in the title) to the first passage.
    let summits: usize = screen
        .split("text (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the title counts summits");
    session.send(&"\x1b[B".repeat(summits));
    session.send("\r");
    session.wait_gone("Find a summit or text");
    let first = session.wait_until("a match counted", |s| s.contains("match "));
    let counted = |screen: &str| {
        screen
            .lines()
            .last()
            .and_then(|l| l.split("match ").nth(1))
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
    };
    let at = counted(&first).expect("match N of M on the status line");
    session.send("n");
    session.wait_until("the next match", |s| counted(s) == Some(at + 1));
    session.send("N");
    session.wait_until("back to the first", |s| counted(s) == Some(at));
    // A text view (summary, sources) closes on Esc first; the next Esc clears the search.
    let status = |screen: &str| screen.lines().last().unwrap_or_default().to_owned();
    session.send("\x1b");
    let after = session.wait_until("Esc handled", |s| {
        status(s).contains("Search cleared") || !status(s).contains("Esc close")
    });
    if !status(&after).contains("Search cleared") {
        session.send("\x1b");
        session.wait_until("search cleared", |s| status(s).contains("Search cleared"));
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_board_opens_a_summit_at_its_disagreement_in_the_real_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let book = common::fixtures("book");
    let Some(mut session) = Session::start(tmp.path(), &[book.as_os_str()], 200, 50) else {
        return;
    };
    session.wait_for("5/5 by date");
    session.send("b");
    let screen = session.wait_for("Disagreement board");
    assert!(screen.contains("river-border"), "{screen}");
    // Down to fishing-quota, which the summit being read (the latest) discusses.
    let corpus = Corpus::load_paths(&[book]);
    let board = sherpa_core::analysis::board::board(&corpus);
    let row = board
        .rows
        .iter()
        .position(|r| r.id == "fishing-quota")
        .unwrap();
    session.send(&"j".repeat(row));
    session.wait_for(&format!("dispute {} of", row + 1));
    session.send("\r");
    // The focused pane's frame is the heavy one.
    let screen = session.wait_for("┏ 4 Disagreements");
    assert!(!screen.contains("Disagreement board"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn shift_e_hands_the_terminal_to_the_editor_at_the_item_and_reloads() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let briefings = tmp.path().join("briefings");
    std::fs::create_dir(&briefings).unwrap();
    for name in ["alpha.toml", "beta.toml"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/good")
                .join(name),
            briefings.join(name),
        )
        .unwrap();
    }
    // A stand-in for vim: it records its arguments and whether it got a cooked terminal
    // (`stty` fails or shows `icanon` in raw mode), then edits the title.
    let log = tmp.path().join("editor.log");
    let editor = tmp.path().join("vim");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{log}'\nstty -a 2>/dev/null | grep -o -- '-\\?icanon' >> '{log}'\n\
             sed -i 's/^title = \"Alpha summit\"/title = \"Alpha edited\"/' \"$2\"\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let Some(mut session) = common::Session::start_with_env(
        tmp.path(),
        &[briefings.as_os_str()],
        &[("VISUAL", editor.as_str())],
        120,
        40,
    ) else {
        return;
    };
    session.wait_for("2/2 by date");
    session.send("[");
    session.wait_for("Alpha summit");
    session.send("j");
    session.send("E");
    let screen = session.wait_for("Alpha edited");
    assert!(
        screen.contains("1/2 by date"),
        "back on the same summit:\n{screen}"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = logged.lines().collect();
    let text = std::fs::read_to_string(briefings.join("alpha.toml")).unwrap();
    let second_participant = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[participants]]")
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    assert_eq!(lines[0], format!("+{second_participant}"), "{logged}");
    assert!(lines[1].ends_with("alpha.toml"), "{logged}");
    assert_eq!(
        lines.get(2),
        Some(&"icanon"),
        "the editor got a cooked terminal: {logged}"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// A reader on two small fixture briefings, ready for keys.
fn fixture_session(tmp: &std::path::Path, cols: u16, rows: u16) -> Option<Session> {
    let good = common::fixtures("good");
    let session = Session::start(tmp, &[good.as_os_str()], cols, rows)?;
    session.wait_for("2/2 by date");
    Some(session)
}

#[test]
fn a_burst_larger_than_one_read_is_read_as_it_arrives() {
    // 4,000 keys, or 300 mouse-wheel reports: crossterm's default source read 1 KiB and left
    // the rest until more input came, so the `q` behind them waited for further key presses.
    let wheel = "\x1b[<65;10;10M".repeat(300);
    for (what, burst) in [("keys", "j".repeat(4000)), ("wheel", wheel)] {
        let tmp = tempfile::tempdir().unwrap();
        let Some(mut session) = fixture_session(tmp.path(), 100, 30) else {
            return;
        };
        session.send(&burst);
        session.send("?");
        session.wait_for("Esc close");
        // `q` closes the help; Ctrl-C quits from anywhere.
        session.send("\x03");
        assert_eq!(session.wait_exit(), 0, "{what}");
    }
}

#[test]
fn esc_and_a_key_read_as_alt_say_so_and_type_nothing() {
    // `Esc q` inside tmux's escape delay reaches the reader as one read, `ESC q`: Alt-q.
    // Unknown keys (Insert, F13) come first; none of them may leave a character behind.
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = fixture_session(tmp.path(), 100, 30) else {
        return;
    };
    session.send("?");
    session.wait_for("Esc close");
    session.send("\x1b[2~\x1b[25~\x1bq");
    let screen = session.wait_for("Alt-q does nothing here");
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.starts_with("Alt-q does nothing here"), "{screen}");
    assert!(screen.contains("╭ Keys"), "the help stays open:\n{screen}");
    session.send("\x1b");
    session.wait_gone("Alt-q does nothing here");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = fixture_session(tmp.path(), 120, 30) else {
        return;
    };
    // The header's position ends at the right edge: drawn for 120 columns, a 60-column
    // screen would cut it off.
    session.resize(60, 20);
    session.wait_until("the header redrawn for 60 columns", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with("2/2 by date"))
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// Copies the two fixture briefings into `dir/briefings` and writes an executable `dir/NAME`
/// with `script`; returns the folder and the program.
fn briefings_and_editor(
    dir: &std::path::Path,
    name: &str,
    script: &str,
) -> (std::path::PathBuf, String) {
    use std::os::unix::fs::PermissionsExt;
    let briefings = dir.join("briefings");
    std::fs::create_dir(&briefings).unwrap();
    for file in ["alpha.toml", "beta.toml"] {
        std::fs::copy(common::fixtures("good").join(file), briefings.join(file)).unwrap();
    }
    let editor = dir.join(name);
    std::fs::write(&editor, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    (briefings, editor.display().to_string())
}

#[test]
fn an_editor_that_fails_is_reported_not_overwritten_by_a_reload() {
    for (program, reason) in [
        ("missing", "no such program (set $VISUAL or $EDITOR"),
        ("failing", "exit status: 3"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let (briefings, mut editor) = briefings_and_editor(tmp.path(), "failing", "exit 3");
        if program == "missing" {
            editor = tmp.path().join("no-such-editor").display().to_string();
        }
        let Some(mut session) = Session::start_with_env(
            tmp.path(),
            &[briefings.as_os_str()],
            &[("VISUAL", editor.as_str())],
            200,
            30,
        ) else {
            return;
        };
        session.wait_for("2/2 by date");
        session.send("E");
        session.wait_for(reason);
        // A reload (which said "Reloaded 2 briefings" over the error) would come at once.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let screen = session.contents();
        assert!(
            screen.contains(reason) && !screen.contains("Reloaded"),
            "{program}: {screen}"
        );
        session.send("q");
        assert_eq!(session.wait_exit(), 0, "{program}");
    }
}

#[test]
fn a_late_reply_to_the_colour_query_is_not_typed_into_the_reader() {
    // Over a slow link the terminal answers the background query after the reader gave up
    // waiting: its letters and `/` were read as keys (the board, the finder, text in it).
    // With the reply dropped, the screen is the one the next key alone gives.
    let Some(expected) = screen_after("", |s| s.contains("1/2 by date") && s.contains("Goals"))
    else {
        return;
    };
    for reply in [
        "\x1b]11;rgb:0000/0000/0000\x1b\\",
        "\x1b]11;rgb:ffff/ffff/ffff\x07",
        "\x1b]10;rgb:ffff/ffff/ffff\x1b\\",
    ] {
        screen_after(reply, |s| s == expected);
    }
}

/// The screen once `done` holds for it, after `reply` and `[` (a fixture session).
fn screen_after(reply: &str, done: impl Fn(&str) -> bool) -> Option<String> {
    let tmp = tempfile::tempdir().unwrap();
    let mut session = fixture_session(tmp.path(), 120, 30)?;
    session.send(reply);
    session.send("[");
    let screen = session.wait_until(&format!("the screen after {reply:?} and ["), done);
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0, "{reply:?}");
    Some(screen)
}

/// Where `text` first shows on a screen: its 0-based column (in characters, every one a
/// cell wide here) and row.
fn cell_of(screen: &str, text: &str) -> Option<(usize, usize)> {
    screen.lines().enumerate().find_map(|(row, line)| {
        let at = line.find(text)?;
        Some((line[..at].chars().count(), row))
    })
}

/// An SGR mouse report (what a terminal sends with mouse capture on) for `button` at a
/// 0-based cell: 0 is a left press, 65 a wheel notch down.
fn mouse(button: u8, (column, row): (usize, usize)) -> String {
    format!("\x1b[<{button};{};{}M", column + 1, row + 1)
}

#[test]
fn a_wheel_turn_and_a_click_reach_the_real_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let book = common::fixtures("book");
    let Some(mut session) = Session::start(tmp.path(), &[book.as_os_str()], 100, 24) else {
        return;
    };
    session.wait_for("5/5 by date");
    session.send("3");
    let screen = session.wait_for("┏ 3 Goals");
    let erik = cell_of(&screen, "Erik Lindqvist").unwrap();
    // The wheel scrolls the participants under the pointer; the focus stays on Goals.
    session.send(&mouse(65, erik));
    let screen = session.wait_until("the participants scrolled", |s| {
        s.lines()
            .nth(erik.1)
            .is_some_and(|line| !line.contains("Erik Lindqvist"))
    });
    assert!(screen.contains("┏ 3 Goals"), "{screen}");
    // A click on a participant focuses their pane.
    let dana = cell_of(&screen, "Dana Ruiz").unwrap();
    session.send(&mouse(0, dana));
    session.send(&format!("\x1b[<0;{};{}m", dana.0 + 1, dana.1 + 1));
    let screen = session.wait_for("┏ 1 Participants");
    assert!(!screen.contains("┏ 3 Goals"), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn ctrl_l_clears_the_screen_and_paints_every_cell_again() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = Session::start(tmp.path(), &[], 80, 24) else {
        return;
    };
    session.wait_for("Participants");
    let before = session.raw().len();
    session.send("\x0c");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let painted = loop {
        let raw = session.raw();
        let after = &raw[before..];
        if let Some(cleared) = position_of(after, b"\x1b[2J")
            && position_of(&after[cleared..], b"Participants").is_some()
        {
            break true;
        }
        if std::time::Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        painted,
        "Ctrl-L clears the screen, then the whole frame is written again, the panes' titles too"
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
