//! Helpers shared by the integration tests: fixture paths, an isolated `sherpa` command,
//! and the real binary in a pseudo-terminal read through a terminal emulator.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The pane names of the command line, as the README documents them.
pub const PANES: [&str; 6] = [
    "participants",
    "meetings",
    "goals",
    "disagreements",
    "sources",
    "summary",
];

/// Set by `.ci/run`: a test that cannot run here (its program or facility is missing) fails
/// instead of skipping, so CI cannot stay green when an install step failed.
pub const REQUIRE_ALL_ENV: &str = "SHERPA_TEST_REQUIRE_ALL";

/// Reports that the calling test cannot run here and why. Under [`REQUIRE_ALL_ENV`] this
/// panics, failing the test. Elsewhere it writes `skipped: TEST: REASON` straight to the
/// process's stderr, which the test harness does not capture, so `cargo test` lists every
/// skip even when the test passes; the caller then returns.
pub fn skip(reason: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    assert!(
        std::env::var_os(REQUIRE_ALL_ENV).is_none(),
        "{test} cannot run here: {reason} ({REQUIRE_ALL_ENV} is set, so this fails instead of skipping)"
    );
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {reason}");
}

pub fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

/// The environment every test run gets: no `$SHERPA_BRIEFINGS`, no log, and config, state,
/// data and cache folders inside `dir`, so the developer's own settings, marks and place never
/// leak in (or out).
fn isolate(dir: &Path, mut set: impl FnMut(&str, Option<&OsStr>)) {
    set("SHERPA_BRIEFINGS", None);
    set("SHERPA_LOG", None);
    set("XDG_CONFIG_HOME", Some(dir.join("config").as_os_str()));
    set("XDG_STATE_HOME", Some(dir.join("state").as_os_str()));
    set("XDG_DATA_HOME", Some(dir.join("data").as_os_str()));
    // The index of parsed briefings: never the developer's, never one of an earlier run.
    set("XDG_CACHE_HOME", Some(dir.join("cache").as_os_str()));
    set("SHERPA_NO_CACHE", None);
}

/// `sherpa` run in `dir` with an isolated environment, so fallbacks are predictable.
pub fn sherpa(dir: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("sherpa");
    cmd.current_dir(dir);
    isolate(dir, |key, value| {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    });
    cmd
}

/// Characters a terminal must never receive as themselves (a newline is one, too: callers allow it where text has lines).
pub fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Collapses whitespace away, so text split by wrapping or padding is still found.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the terminal was asked to do besides drawing.
#[derive(Default)]
pub struct Requests {
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
    pub other_osc: Vec<Vec<u8>>,
    pub bells: usize,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.other_osc.push(ty.to_vec());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.other_osc.push(params.join(&b';'));
    }
}

/// Everything the program wrote, and the screen it adds up to.
pub struct Screen {
    pub parser: vt100::Parser<Requests>,
    pub raw: Vec<u8>,
    /// The program's end of the terminal closed: every byte it wrote has been read.
    pub closed: bool,
}

/// How long a step may take before the test fails with the screen it saw.
const PATIENCE: Duration = Duration::from_secs(20);

/// The release or debug `sherpa` binary running in a pseudo-terminal.
pub struct Session {
    screen: Arc<Mutex<Screen>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open for the child's lifetime: closing it hangs up the terminal.
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Starts sherpa in `cwd` with `args` in a `cols`×`rows` pseudo-terminal, or returns
    /// `None` after printing why, when this machine cannot open one.
    pub fn start(cwd: &Path, args: &[&OsStr], cols: u16, rows: u16) -> Option<Self> {
        Self::start_with_env(cwd, args, &[], cols, rows)
    }

    /// Like [`Session::start`], with more environment variables set.
    pub fn start_with_env(
        cwd: &Path,
        args: &[&OsStr],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Option<Self> {
        let pair = match native_pty_system().openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        }) {
            Ok(pair) => pair,
            Err(err) => {
                skip(&format!("cannot open a pseudo-terminal: {err}"));
                return None;
            }
        };
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sherpa"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        isolate(cwd, |key, value| match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        });
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("start sherpa");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new_with_callbacks(
                rows.try_into().unwrap(),
                cols.try_into().unwrap(),
                0,
                Requests::default(),
            ),
            raw: Vec::new(),
            closed: false,
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
            sink.lock().unwrap().closed = true;
        });
        Some(Self {
            screen,
            writer,
            child,
            master: pair.master,
        })
    }

    /// The emulated terminal: screen, raw bytes and requests so far.
    pub fn terminal(&self) -> MutexGuard<'_, Screen> {
        self.screen.lock().unwrap()
    }

    pub fn contents(&self) -> String {
        self.terminal().parser.screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.terminal().raw.clone()
    }

    /// Waits until `ready` holds for the screen text, or fails showing the screen.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let contents = self.contents();
            if ready(&contents) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `text` (whitespace ignored, so wrapping does not hide it).
    pub fn wait_for(&self, text: &str) -> String {
        let wanted = squeeze(text);
        self.wait_until(&format!("{text:?}"), |s| squeeze(s).contains(&wanted))
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let gone = squeeze(text);
        self.wait_until(&format!("{text:?} to go"), |s| !squeeze(s).contains(&gone));
    }

    /// Waits until the terminal has been asked to copy `count` times.
    pub fn wait_copies(&self, count: usize) {
        self.wait_until(&format!("copy {count}"), |_| {
            self.terminal().parser.callbacks().clipboard.len() >= count
        });
    }

    /// The 0-based position of the summit shown, from the header's `N/count by date`.
    pub fn position(&self, count: usize) -> usize {
        let suffix = format!("/{count} by date");
        let screen = self.wait_for(&suffix);
        let end = screen.find(&suffix).unwrap();
        let digits: String = screen[..end]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse::<usize>().unwrap() - 1
    }

    /// The process id of the running binary.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("sherpa is running")
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulated screen with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        // The screen first: the redraw may arrive as soon as the terminal changes size.
        self.terminal()
            .parser
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Sends a signal (by name, as `kill -s` takes it) to the running binary.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args(["-s", name, &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name} failed");
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The last bytes it wrote (the restored terminal) may still be in the
                // terminal's buffer: read them all before anyone looks.
                while !self.terminal().closed && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                }
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
}

/// The reader on the `good` fixtures at 120×40, loaded, with an empty store of marks and
/// notes: where the tests of your own book start.
pub fn good_reader() -> sherpa::app::App {
    let good = || sherpa_core::corpus::Corpus::load_paths(&[fixtures("good")]);
    let mut app = sherpa::app::App::new(
        good(),
        sherpa::app::Settings::new("good", PathBuf::from(".")),
        120,
        40,
    );
    app.corpus_loaded(good());
    app.book_loaded(sherpa_core::store::Store::default(), &[]);
    app
}

/// What `app` draws on a 120×40 screen in the plain theme, one line per row.
pub fn drawn(app: &sherpa::app::App) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("a screen");
    terminal
        .draw(|frame| sherpa::ui::draw(frame, app, sherpa::ui::Theme::plain()))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| {
            (0..120)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `app` draws at its size in `theme`.
pub fn buffer(app: &sherpa::app::App, theme: sherpa::ui::Theme) -> ratatui::buffer::Buffer {
    let (width, height) = app.size();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("a screen");
    terminal
        .draw(|frame| sherpa::ui::draw(frame, app, theme))
        .expect("drawn");
    terminal.backend().buffer().clone()
}

/// Each row of `buffer` as text.
pub fn rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The screen as text, then its runs of one style (`row x fg bg modifiers: text`), blank
/// unstyled runs left out, so a change of emphasis shows in review like a change of text.
pub fn styled_screen(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = rows(buffer).join("\n");
    out.push_str("\n\n");
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let first = &buffer[(x, y)];
            let style = (first.fg, first.bg, first.modifier);
            let start = x;
            let mut text = String::new();
            while x < buffer.area.width {
                let cell = &buffer[(x, y)];
                if (cell.fg, cell.bg, cell.modifier) != style {
                    break;
                }
                text.push_str(cell.symbol());
                x += 1;
            }
            let (fg, bg, modifier) = style;
            let plain = fg == ratatui::style::Color::Reset
                && bg == ratatui::style::Color::Reset
                && modifier.is_empty();
            if plain || text.trim().is_empty() {
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

/// Presses a key as the terminal delivers it, through the real key table, running a search
/// it starts in place (as the runner runs one on its worker); returns what else it asks of
/// the runner.
pub fn press(app: &mut sherpa::app::App, code: crossterm::event::KeyCode) -> sherpa::app::Effect {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    let Some(action) = sherpa::tui::key_from_event(&event).and_then(|key| app.action_for_key(key))
    else {
        return sherpa::app::Effect::None;
    };
    match app.update(action) {
        sherpa::app::Effect::Search(request) => {
            app.search_finished(request.run());
            sherpa::app::Effect::None
        }
        effect => effect,
    }
}

/// Types `text` a character at a time, as [`press`] presses keys.
pub fn typed(app: &mut sherpa::app::App, text: &str) {
    for c in text.chars() {
        press(app, crossterm::event::KeyCode::Char(c));
    }
}
