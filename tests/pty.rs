//! The real binary in a real pseudo-terminal: keys in, screen out (read with a terminal
//! emulator), the export file on disk, a clean exit and a restored terminal.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use sherpa::corpus::Corpus;
use sherpa::document::Pane;
use sherpa::export::{self, Format};

/// Everything the program wrote, and the screen it adds up to.
struct Screen {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

struct Session {
    screen: Arc<Mutex<Screen>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open for the child's lifetime: closing it hangs up the terminal.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(cwd: &Path, args: &[&str], cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sherpa"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("SHERPA_BRIEFINGS");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("start sherpa");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
            raw: Vec::new(),
        }));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut screen = sink.lock().unwrap();
                screen.parser.process(&buf[..n]);
                screen.raw.extend_from_slice(&buf[..n]);
            }
        });
        Self {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().parser.screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with what it shows instead.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let contents = self.contents();
            if contents.contains(text) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "sherpa did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.screen.lock().unwrap().raw.clone()
    }
}

fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

fn position_of(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn keys_drive_the_real_binary_and_export_matches_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let export_dir = tmp.path().join("exports");
    std::fs::create_dir(&export_dir).unwrap();
    let export_arg = export_dir.to_str().unwrap().to_owned();
    // No path and no ./briefings: the reader opens the briefings built into the binary.
    let mut session = Session::start(tmp.path(), &["--export-dir", &export_arg], 200, 50);
    session.wait_for("1 Participants");
    session.wait_for("the bundled briefings");

    // The reader opens on the latest summit.
    session.wait_for("9/9 by date");
    session.send("\t");
    session.wait_for("Prior meetings");
    session.send("[");
    session.wait_for("8/9 by date");
    session.send("]");
    session.wait_for("9/9 by date");

    session.send("/");
    session.wait_for("Find a summit");
    session.send("helsinki");
    session.wait_for("/ helsinki");
    session.send("\r");
    let screen = session.wait_for("3/9 by date");
    assert!(
        screen.starts_with("Trump–Putin summit in Helsinki"),
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
    let corpus = Corpus::load_paths(&[bundled_dir()]);
    let briefing = corpus.get("helsinki-2018").unwrap();
    assert_eq!(
        written,
        export::render(briefing, Some(Pane::Meetings), Format::Text, 80)
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
    let mut session = Session::start(tmp.path(), &[], 80, 24);
    session.wait_for("Participants");
    session.send("\x03");
    assert_eq!(session.wait_exit(), 0);
    let raw = session.raw();
    assert!(position_of(&raw, b"\x1b[?1049l").is_some());
}

#[test]
fn small_terminal_shows_a_message_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let mut session = Session::start(tmp.path(), &[], 30, 8);
    session.wait_for("too small");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
