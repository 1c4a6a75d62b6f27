//! End-to-end timing of the real binary in a pseudo-terminal: time to the first frame, to
//! the first complete frame, and from a keystroke to the frame it causes.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen_corpus -- --count 1000 --out /tmp/corpus-1k
//! cargo run --release --example e2e_timing -- --dir /tmp/corpus-1k --runs 20
//! cargo run --release --example e2e_timing -- --runs 20            # the bundled briefings
//! ```
//!
//! Options (all optional):
//! - `--dir DIR`: the folder to open; without it the reader opens the bundled briefings
//!   (it runs in an empty folder with `$SHERPA_BRIEFINGS` unset).
//! - `--bin PATH`: the binary (default `target/release/sherpa`).
//! - `--runs R`: processes started (default 10); `--keys K`: presses of each key per run
//!   (default 10).
//! - `--size COLSxROWS`: the terminal size (default `250x80`).
//! - `--query TEXT`: what is typed into the finder, one letter at a time (default `geneva`).
//! - `--text TEXT`: a word to search the text for, typed at once (default `delegation`,
//!   common in generated corpora and the bundled briefings).
//! - `--loading TEXT`: text that marks the loading indicator (default `oading`, matching
//!   "Loading" and "loading").
//! - `--timeout SECS`: how long a frame may take before the run is reported as stuck
//!   (default 10; a cold start over 100,000 briefings takes longer).
//!
//! What is measured, from the bytes the program writes, timestamped as they arrive:
//! - *first frame*: from starting the process to the first output whose screen shows the
//!   header (`by date`, or `no briefings`) or the loading indicator;
//! - *complete frame*: to the first screen that shows `K/N by date` for the whole corpus
//!   (N loaded in-process beforehand), the pane titles, and no loading indicator;
//! - *key to frame*: from writing a key to the last byte of the frame it causes (the end
//!   of the output burst, after which the program stays silent for 25 ms). `j` alternates
//!   with `k` so the selection always moves; `/` opens the finder, each letter of the query
//!   is timed, and `Esc` closes it;
//! - *finder letter, first frame*: from a letter to the first byte of the frame that
//!   answers it (summits matched; text passages may follow in a later frame);
//! - *text hits (first)*: from typing `--text` into the finder to the first frame that
//!   counts passages (the search runs on a worker thread; over a corpus too large to index
//!   whole it streams, and this frame shows the first chunk's passages);
//! - *text hits (final)*: from the same keys to the frame whose count is final (the
//!   finder no longer says it is searching);
//! - *key n*: from `n` to the end of the frame after it, once a passage is open;
//! - *`search`, first line*: from starting `sherpa search TEXT DIR` (the command line, its
//!   output a pipe) to its first line, a second after each reader's run, which leaves the
//!   index warm; the pipe is then closed, as `| head -1` closes it.
//!
//! It prints the median, 90th percentile and maximum of each, in milliseconds. Numbers
//! include the pseudo-terminal and this process's reading; they are what a user waits for.

#[path = "support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use sherpa_core::corpus::{Catalog, Corpus, LoadOptions};

/// Silence after a burst that marks the end of a frame.
const QUIET: Duration = Duration::from_millis(25);
/// How long a frame may take before the run is reported as stuck, unless `--timeout`
/// says otherwise.
const TIMEOUT: Duration = Duration::from_secs(10);

struct Options {
    bin: PathBuf,
    dir: Option<PathBuf>,
    runs: usize,
    keys: usize,
    cols: u16,
    rows: u16,
    query: String,
    text: String,
    loading: String,
    /// How long a frame may take ([`TIMEOUT`] by default): a cold start over 100,000
    /// briefings takes longer than a frame should.
    timeout: Duration,
}

/// What the reader thread has seen so far.
struct Seen {
    parser: vt100::Parser,
    /// Arrival time of every chunk of output.
    chunks: Vec<Instant>,
    first_frame: Option<Instant>,
    complete: Option<Instant>,
    /// Markers, fixed before the process starts.
    complete_marker: String,
    loading: String,
    closed: bool,
}

impl Seen {
    fn inspect(&mut self, at: Instant) {
        if self.first_frame.is_some() && self.complete.is_some() {
            return;
        }
        let screen = self.parser.screen().contents();
        let loading = screen.contains(&self.loading);
        if self.first_frame.is_none()
            && (loading || screen.contains("by date") || screen.contains("no briefings"))
        {
            self.first_frame = Some(at);
        }
        if self.complete.is_none()
            && !loading
            && screen.contains(&self.complete_marker)
            && screen.contains("Participants")
        {
            self.complete = Some(at);
        }
    }

    fn last_chunk(&self) -> Option<Instant> {
        self.chunks.last().copied()
    }

    fn first_chunk_after(&self, sent: Instant) -> Option<Instant> {
        self.chunks
            .iter()
            .rev()
            .take_while(|&&t| t > sent)
            .last()
            .copied()
    }
}

/// The pseudo-terminal's input, shared by the keys sent and the answers to queries.
type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

struct Session {
    seen: Arc<Mutex<Seen>>,
    writer: SharedWriter,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    started: Instant,
    timeout: Duration,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(options: &Options, cwd: &Path, complete_marker: String) -> Result<Self, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: options.rows,
                cols: options.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        let mut cmd = CommandBuilder::new(&options.bin);
        if let Some(dir) = &options.dir {
            cmd.arg(dir);
        }
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("SHERPA_BRIEFINGS");
        cmd.env_remove("NO_COLOR");
        let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let writer: SharedWriter = Arc::new(Mutex::new(
            pair.master.take_writer().map_err(|e| e.to_string())?,
        ));
        let (Some(rows), Some(cols)) =
            (NonZeroU16::new(options.rows), NonZeroU16::new(options.cols))
        else {
            return Err("the terminal size must not be zero".to_owned());
        };
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(rows, cols, 0),
            chunks: Vec::new(),
            first_frame: None,
            complete: None,
            complete_marker,
            loading: options.loading.clone(),
            closed: false,
        }));
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {}: {e}", options.bin.display()))?;
        drop(pair.slave);
        let sink = Arc::clone(&seen);
        let answers = Arc::clone(&writer);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let at = Instant::now();
                // Answer the primary device attributes query as every real terminal does
                // (a VT220 with ANSI colour): the reader's background detection waits for
                // it, and the emulator here answers nothing else.
                if buf[..n].windows(3).any(|w| w == b"\x1b[c")
                    && let Ok(mut writer) = answers.lock()
                {
                    let _ = writer
                        .write_all(b"\x1b[?62;22c")
                        .and_then(|()| writer.flush());
                }
                let Ok(mut seen) = sink.lock() else { break };
                seen.parser.process(&buf[..n]);
                seen.chunks.push(at);
                seen.inspect(at);
            }
            if let Ok(mut seen) = sink.lock() {
                seen.closed = true;
            }
        });
        Ok(Self {
            seen,
            writer,
            child,
            started,
            timeout: options.timeout,
            _master: pair.master,
        })
    }

    fn with<T>(&self, f: impl FnOnce(&Seen) -> T) -> T {
        let seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&seen)
    }

    /// The screen's text without trailing blanks, for error messages.
    fn screen(&self) -> String {
        let contents = self.with(|s| s.parser.screen().contents());
        let lines: Vec<&str> = contents.lines().map(str::trim_end).collect();
        lines.join("\n").trim_end().to_owned()
    }

    /// Waits for the first frame and the complete frame; returns both delays.
    fn wait_start(&self) -> Result<(Duration, Duration), String> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let (first, complete, closed) = self.with(|s| (s.first_frame, s.complete, s.closed));
            if let (Some(first), Some(complete)) = (first, complete) {
                return Ok((first - self.started, complete - self.started));
            }
            if closed || Instant::now() > deadline {
                return Err(format!(
                    "no complete frame after {:?}; screen:\n{}",
                    self.timeout,
                    self.screen()
                ));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until the program has been silent for [`QUIET`].
    fn settle(&self) {
        let deadline = Instant::now() + self.timeout;
        while Instant::now() < deadline {
            let last = self.with(Seen::last_chunk);
            if last.is_none_or(|t| t.elapsed() >= QUIET) {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn send(&mut self, keys: &str) -> Result<Instant, String> {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let sent = Instant::now();
        writer
            .write_all(keys.as_bytes())
            .and_then(|()| writer.flush())
            .map_err(|e| format!("cannot write to the terminal: {e}"))?;
        Ok(sent)
    }

    /// Sends a key on a quiet terminal and returns the delay to the end of the frame it causes.
    fn time_key(&mut self, keys: &str) -> Result<Duration, String> {
        self.time_key_both(keys).map(|(_, last)| last)
    }

    /// Sends a key on a quiet terminal; returns the delays to the first output after it
    /// and to the end of the burst it causes.
    fn time_key_both(&mut self, keys: &str) -> Result<(Duration, Duration), String> {
        self.settle();
        let sent = self.send(keys)?;
        let deadline = sent + self.timeout;
        loop {
            std::thread::sleep(Duration::from_millis(1));
            if let Some(last) = self.with(Seen::last_chunk).filter(|&t| t > sent)
                && last.elapsed() >= QUIET
            {
                let first = self.with(|s| s.first_chunk_after(sent)).unwrap_or(last);
                return Ok((first - sent, last - sent));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no frame after key {keys:?}; screen:\n{}",
                    self.screen()
                ));
            }
        }
    }

    /// Sends keys and returns the delay until the screen satisfies `ready`.
    /// The delay from `sent` (when `keys` were written) to a screen `ready` accepts.
    fn wait_until(
        &self,
        sent: Instant,
        keys: &str,
        ready: impl Fn(&str) -> bool,
    ) -> Result<Duration, String> {
        loop {
            if ready(&self.screen()) {
                return Ok(sent.elapsed());
            }
            if sent.elapsed() > self.timeout {
                return Err(format!(
                    "screen not ready after {keys:?}:\n{}",
                    self.screen()
                ));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Closes whatever is open (`Esc`; settled first, or it would read as Alt+q), then
    /// quits, so a wrapper (`--bin` under `/usr/bin/time`) sees its child exit normally.
    fn quit(mut self) {
        self.settle();
        let _ = self.send("\x1b");
        std::thread::sleep(QUIET);
        self.settle();
        let _ = self.send("q");
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Samples of one measurement, in milliseconds.
#[derive(Default)]
struct Samples {
    name: String,
    values: Vec<f64>,
}

impl Samples {
    fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, duration: Duration) {
        self.values.push(duration.as_secs_f64() * 1000.0);
    }

    fn print(&self) {
        let mut sorted = self.values.clone();
        sorted.sort_by(f64::total_cmp);
        let Some(&max) = sorted.last() else {
            println!("{:<24} no samples", self.name);
            return;
        };
        // Nearest-rank percentiles.
        let rank = |percent: usize| {
            let index = (percent * sorted.len())
                .div_ceil(100)
                .clamp(1, sorted.len())
                - 1;
            sorted[index]
        };
        let median = if sorted.len() % 2 == 1 {
            sorted[sorted.len() / 2]
        } else {
            f64::midpoint(sorted[sorted.len() / 2 - 1], sorted[sorted.len() / 2])
        };
        println!(
            "{:<24} {:>5} {:>9.2} {:>9.2} {:>9.2}",
            self.name,
            sorted.len(),
            median,
            rank(90),
            max
        );
    }
}

const USAGE: &str = "usage: e2e_timing [--dir DIR] [--bin PATH] [--runs R] [--keys K] [--size COLSxROWS] [--query TEXT] [--text TEXT] [--loading TEXT] [--timeout SECS]";

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        bin: PathBuf::from("target/release/sherpa"),
        dir: None,
        runs: 10,
        keys: 10,
        cols: 250,
        rows: 80,
        query: "geneva".to_owned(),
        text: "delegation".to_owned(),
        loading: "oading".to_owned(),
        timeout: TIMEOUT,
    };
    for (flag, value) in support::flag_pairs(USAGE)? {
        let number = |text: &str| support::number::<usize>(&flag, text);
        match flag.as_str() {
            "--bin" => options.bin = PathBuf::from(&value),
            "--dir" => options.dir = Some(PathBuf::from(&value)),
            "--runs" => options.runs = number(&value)?.max(1),
            "--keys" => options.keys = number(&value)?,
            "--query" => options.query.clone_from(&value),
            "--text" => options.text.clone_from(&value),
            "--loading" => options.loading.clone_from(&value),
            "--timeout" => {
                options.timeout = Duration::from_secs(support::number(&flag, &value)?);
            }
            "--size" => {
                let (cols, rows) = value
                    .split_once('x')
                    .ok_or_else(|| format!("--size wants COLSxROWS, not {value}"))?;
                let size = |text: &str| {
                    text.parse::<u16>()
                        .map_err(|e| format!("--size {value}: {e}"))
                };
                options.cols = size(cols)?;
                options.rows = size(rows)?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let bin = std::fs::canonicalize(&options.bin).map_err(|e| {
        format!(
            "{}: {e} (run `cargo build --release` first)",
            options.bin.display()
        )
    })?;
    let options = Options {
        bin,
        dir: match &options.dir {
            Some(dir) => {
                Some(std::fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?)
            }
            None => None,
        },
        ..options
    };
    let count = match &options.dir {
        // The catalog, not a corpus: over 100,000 briefings a corpus held 2 GB.
        Some(dir) => {
            Catalog::load_paths_indexed(std::slice::from_ref(dir), LoadOptions::default(), None)
                .listed()
                .len()
        }
        None => Corpus::load_bundled().len(),
    };
    if count == 0 {
        return Err("the corpus is empty; nothing to time".to_owned());
    }
    let cwd = tempfile::tempdir().map_err(|e| e.to_string())?;
    let what = options.dir.as_ref().map_or_else(
        || "the bundled briefings".to_owned(),
        |d| d.display().to_string(),
    );
    println!(
        "{} on {what} ({count} briefings) at {}x{}, {} runs, {} presses per key",
        options.bin.display(),
        options.cols,
        options.rows,
        options.runs,
        options.keys
    );

    let mut first = Samples::new("first frame");
    let mut complete = Samples::new("complete frame");
    let mut scroll = Samples::new("key j/k (scroll)");
    let mut tab = Samples::new("key Tab (next pane)");
    let mut next = Samples::new("key ] (next summit)");
    let mut open = Samples::new("key / (open finder)");
    let mut typed = Samples::new("finder letter");
    let mut typed_first = Samples::new("  first frame");
    let mut hits = ["text hits (first)", "text hits (final)"].map(Samples::new);
    let mut step = Samples::new("key n (next match)");
    let mut first_line = Samples::new("search, first line");
    let marker = format!("/{count} by date");
    for _ in 0..options.runs {
        let mut session = Session::start(&options, cwd.path(), marker.clone())?;
        let (to_first, to_complete) = session.wait_start()?;
        first.push(to_first);
        complete.push(to_complete);
        for press in 0..options.keys {
            scroll.push(session.time_key(if press % 2 == 0 { "j" } else { "k" })?);
        }
        for _ in 0..options.keys {
            tab.push(session.time_key("\t")?);
        }
        for _ in 0..options.keys {
            next.push(session.time_key("]")?);
        }
        for _ in 0..options.keys.div_ceil(options.query.chars().count().max(1)) {
            open.push(session.time_key("/")?);
            for letter in options.query.chars() {
                let (first, last) = session.time_key_both(&letter.to_string())?;
                typed_first.push(first);
                typed.push(last);
            }
            session.time_key("\x1b")?;
        }
        time_text_search(&mut session, &options, &mut hits, &mut step)?;
        session.quit();
        // A second, as a user takes to type the command: the reader's index writes, which
        // SQLite checkpoints as it closes, are on their way to disk meanwhile.
        std::thread::sleep(Duration::from_secs(1));
        first_line.push(time_first_line(&options, cwd.path())?);
    }
    print_table(&[
        &first,
        &complete,
        &scroll,
        &tab,
        &next,
        &open,
        &typed,
        &typed_first,
        &hits[0],
        &hits[1],
        &step,
        &first_line,
    ]);
    Ok(())
}

/// Each measurement's median, 90th percentile and maximum, under a heading.
fn print_table(all: &[&Samples]) {
    println!(
        "{:<24} {:>5} {:>9} {:>9} {:>9}",
        "milliseconds", "n", "median", "p90", "max"
    );
    for samples in all {
        samples.print();
    }
}

/// The time from starting `sherpa search TEXT` over the corpus, in `cwd`, to its first
/// line of output.
fn time_first_line(options: &Options, cwd: &Path) -> Result<Duration, String> {
    use std::io::BufRead;
    let mut cmd = std::process::Command::new(&options.bin);
    cmd.arg("search").arg(&options.text);
    if let Some(dir) = &options.dir {
        cmd.arg(dir);
    }
    cmd.current_dir(cwd)
        .env_remove("SHERPA_BRIEFINGS")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", options.bin.display()))?;
    let mut line = Vec::new();
    let read = child.stdout.take().map_or(Ok(0), |stdout| {
        std::io::BufReader::new(stdout).read_until(b'\n', &mut line)
    });
    let elapsed = started.elapsed();
    // The pipe closed (the reader dropped), as `| head -1` leaves it: the search stops at
    // its next write and finishes what it stores, as it would in a shell.
    let _ = child.wait();
    match read {
        Ok(n) if n > 0 => Ok(elapsed),
        Ok(_) => Err(format!("`sherpa search {}` printed nothing", options.text)),
        Err(e) => Err(format!("reading `sherpa search`: {e}")),
    }
}

/// Types `--text` into the finder at once and times the first frame that counts its
/// passages and the frame whose count is final, then opens the first passage and times `n`.
fn time_text_search(
    session: &mut Session,
    options: &Options,
    [first, last]: &mut [Samples; 2],
    step: &mut Samples,
) -> Result<(), String> {
    session.time_key("/")?;
    session.settle();
    let sent = session.send(&options.text)?;
    first.push(session.wait_until(sent, &options.text, |screen| {
        screen.contains(" passage") && !screen.contains("searching the text")
    })?);
    last.push(session.wait_until(sent, &options.text, |screen| {
        screen.contains(" passage") && !screen.contains("searching")
    })?);
    // Down past the summit rows (counted in the title) to the first passage.
    let summits = session
        .screen()
        .split("or text (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    session.send(&"\x1b[B".repeat(summits))?;
    session.time_key("\r")?;
    for _ in 0..options.keys {
        step.push(session.time_key("n")?);
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    support::finish("e2e_timing", run(), 1)
}
