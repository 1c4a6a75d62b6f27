//! Signals sent to the reader in a pseudo-terminal: each fatal one restores the terminal
//! and exits with 128 + its number; a stop restores it and a continue draws it again.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::Session;

fn position_of(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// Asserts the terminal is left as the shell wants it: after the last time the reader
/// entered the alternate screen, it left it, turned the mouse off and showed the cursor.
fn assert_restored(raw: &[u8], context: &str) {
    let entered = position_of(raw, ENTER_ALT).expect("entered the alternate screen");
    for (what, bytes) in [
        ("leaves the alternate screen", LEAVE_ALT),
        ("shows the cursor", SHOW_CURSOR),
        ("turns mouse reporting off", MOUSE_OFF),
    ] {
        let at = position_of(raw, bytes);
        assert!(
            at.is_some_and(|at| at > entered),
            "{context}: the reader never {what} after entering the alternate screen; last bytes: {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        );
    }
}

#[test]
fn fatal_signals_restore_the_terminal_and_exit_with_128_plus_the_number() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let tmp = tempfile::tempdir().unwrap();
        let Some(mut session) = Session::start(tmp.path(), &[], 80, 24) else {
            return;
        };
        session.wait_for("Participants");
        session.signal(name);
        assert_eq!(session.wait_exit(), 128 + number, "SIG{name}");
        // The reader thread may still be draining the last bytes.
        std::thread::sleep(Duration::from_millis(200));
        assert_restored(&session.raw(), &format!("SIG{name}"));
    }
}

/// A fatal signal ends the reader as a quit does, what it keeps included: the place it
/// was at (here the meetings pane, where the last key left it), at once, not after the
/// signal thread's grace period.
#[test]
fn a_fatal_signal_keeps_the_place_the_reader_was_at() {
    for (name, number) in [("TERM", 15), ("HUP", 1)] {
        let tmp = tempfile::tempdir().unwrap();
        let good = common::fixtures("good");
        let Some(mut session) = Session::start(tmp.path(), &[good.as_os_str()], 120, 40) else {
            return;
        };
        session.wait_for("Beta summit");
        // The first key keeps the summit opened, with the place then; the second moves
        // the place, which only the end keeps.
        session.send("3");
        session.wait_until("the goals pane focused", |s| s.contains("┏ 3 Goals"));
        session.send("2");
        session.wait_until("the meetings pane focused", |s| {
            s.contains("┏ 2 Prior meetings")
        });
        let sent = Instant::now();
        session.signal(name);
        assert_eq!(session.wait_exit(), 128 + number, "SIG{name}");
        assert!(
            sent.elapsed() < Duration::from_millis(1500),
            "SIG{name}: at once"
        );
        let books = tmp.path().join("data/sherpa/books");
        let store = std::fs::read_dir(&books)
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|e| e == "toml"))
            .unwrap();
        let text = std::fs::read_to_string(store).unwrap();
        assert!(text.contains("pane = \"meetings\""), "SIG{name}:\n{text}");
        std::thread::sleep(Duration::from_millis(200));
        assert_restored(&session.raw(), &format!("SIG{name}"));
    }
}

/// Waits until the raw output has grown past `len` and ends with `bytes` somewhere after.
fn wait_raw(session: &Session, after: usize, bytes: &[u8], what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let raw = session.raw();
        if position_of(&raw, bytes).is_some_and(|at| at >= after) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until process `pid` is stopped (state `T` in `/proc/PID/stat`; elsewhere, a
/// moment's wait).
fn wait_stopped(pid: u32) {
    let stat = format!("/proc/{pid}/stat");
    if !Path::new(&stat).exists() {
        std::thread::sleep(Duration::from_millis(500));
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let state = std::fs::read_to_string(&stat).ok().and_then(|line| {
            // The state follows the command name, which is in parentheses.
            let after = line.rsplit_once(')')?.1;
            after.split_whitespace().next().map(str::to_owned)
        });
        if state.as_deref() == Some("T") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "sherpa never stopped (state {state:?})"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_stop_restores_the_terminal_and_a_continue_redraws_it() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(mut session) = Session::start(tmp.path(), &[], 80, 24) else {
        return;
    };
    session.wait_for("Participants");
    for stop in ["TSTP", "key"] {
        let before = session.raw().len();
        if stop == "key" {
            session.send("\x1a");
        } else {
            session.signal("TSTP");
        }
        wait_raw(&session, before, SHOW_CURSOR, "the cursor to be shown");
        assert_restored(&session.raw(), stop);
        let stopped = session.raw().len();
        // The terminal is restored just before the process stops itself: a SIGCONT sent in
        // between would be taken before the stop, leaving the reader stopped for good (a
        // user's `fg` comes long after). Continue it only once it is stopped.
        wait_stopped(session.pid());
        session.signal("CONT");
        wait_raw(&session, stopped, ENTER_ALT, "the alternate screen again");
        // Entering the alternate screen cleared it: the whole screen is drawn again, not
        // only what changed.
        session.wait_for("Participants");
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert_restored(&session.raw(), "quit after resuming");
}

/// Copies the two fixture briefings into `dir/briefings` and writes an executable
/// `dir/editor` running `script`; returns the folder and the editor's path.
fn briefings_and_editor(dir: &Path, script: &str) -> (std::path::PathBuf, String) {
    use std::os::unix::fs::PermissionsExt;
    let briefings = dir.join("briefings");
    std::fs::create_dir(&briefings).unwrap();
    for file in ["alpha.toml", "beta.toml"] {
        std::fs::copy(common::fixtures("good").join(file), briefings.join(file)).unwrap();
    }
    let editor = dir.join("editor");
    std::fs::write(&editor, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    (briefings, editor.display().to_string())
}

fn start_with_editor(dir: &Path, script: &str) -> Option<Session> {
    let (briefings, editor) = briefings_and_editor(dir, script);
    let session = Session::start_with_env(
        dir,
        &[briefings.as_os_str()],
        &[("VISUAL", editor.as_str())],
        120,
        30,
    )?;
    session.wait_for("2/2 by date");
    Some(session)
}

#[test]
fn suspending_the_editor_leaves_the_reader_in_raw_mode_after_it() {
    let tmp = tempfile::tempdir().unwrap();
    let pid_file = tmp.path().join("editor.pid");
    // As vim does on Ctrl-Z: stop the whole process group (a shell in a group without a
    // job-control shell ignores TSTP, so it stops itself), and on exit put the terminal
    // back as it found it: cooked.
    let script = format!(
        "trap '' TSTP\necho $$ > '{}'\nkill -TSTP 0\nkill -STOP $$\nstty sane",
        pid_file.display()
    );
    let Some(mut session) = start_with_editor(tmp.path(), &script) else {
        return;
    };
    session.send("E");
    let deadline = Instant::now() + Duration::from_secs(20);
    let editor = loop {
        if let Some(pid) = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|p| p.trim().parse::<u32>().ok())
        {
            break pid;
        }
        assert!(Instant::now() < deadline, "the editor never started");
        std::thread::sleep(Duration::from_millis(10));
    };
    wait_stopped(editor);
    wait_stopped(session.pid());
    // `fg`: the reader is continued first, while the editor still owns the terminal.
    session.signal("CONT");
    std::thread::sleep(Duration::from_millis(200));
    let status = std::process::Command::new("kill")
        .args(["-s", "CONT", &editor.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    session.wait_for("Reloaded 2 briefings");
    // In cooked mode `q` would wait for Enter.
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn ctrl_c_meant_for_the_editor_leaves_the_reader_running() {
    let tmp = tempfile::tempdir().unwrap();
    // An editor in cooked mode: Ctrl-C is SIGINT to the terminal's whole process group.
    let Some(mut session) = start_with_editor(tmp.path(), "echo editing; read line") else {
        return;
    };
    session.send("E");
    session.wait_for("editing");
    session.send("\x03");
    session.wait_for("failed");
    session.send("\x1c"); // Ctrl-\ is SIGQUIT in cooked mode; the reader is raw again.
    session.send("q");
    assert_eq!(session.wait_exit(), 0, "the reader outlived the editor");
}
