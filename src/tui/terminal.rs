//! The terminal itself: whether the reader can use it, its background colour, setting it
//! up and always putting it back (on quit, on error, on a signal and on panic).

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::input::keep_early_input;
use super::replies::{ReplyFilter, Rgb};
use super::signals::TerminalHooks;
use crate::palette::Background;

/// Why the reader cannot start on this output.
#[must_use]
pub fn unusable_terminal() -> Option<&'static str> {
    if !io::stdout().is_terminal() {
        return Some("the reader needs a terminal, but stdout is not one");
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Some("the reader cannot draw on TERM=dumb");
    }
    None
}

/// How long the colour query waits for the answer before the reader starts without it.
const COLOUR_QUERY_WAIT: Duration = Duration::from_millis(100);

/// The terminal's background, for the `auto` theme: asked with OSC 10 and 11 (the
/// foreground and background colours), else `COLORFGBG`, else dark. Not asked when stdout
/// is not a terminal, nor under `NO_COLOR` (no palette is used, so the start need not
/// wait), nor of a terminal known not to answer (`TERM` unset, `dumb`, GNU Screen and
/// Eterm, which forward the question or ignore it). Called once, before the reader takes
/// the terminal.
///
/// The answer is read through the reader's own input, for at most 100 ms: keys typed
/// meanwhile are kept for the reader (not read and dropped, as a separate reader of the
/// terminal would), and an answer that comes later is dropped by the input thread
/// whenever it arrives (see `replies`).
#[must_use]
pub fn detect_background() -> Background {
    let asks = io::stdout().is_terminal()
        && !crate::palette::no_color()
        && std::env::var("TERM").is_ok_and(|term| answers_colour_queries(&term));
    let osc = asks.then(query_background).flatten();
    Background::choose(osc, std::env::var("COLORFGBG").ok().as_deref())
}

/// Whether a terminal of this `TERM` is worth asking: `dumb` must not be sent escape
/// sequences; GNU Screen forwards the question and answers out of order; Eterm ignores it.
fn answers_colour_queries(term: &str) -> bool {
    !(term == "dumb" || term == "screen" || term.starts_with("screen.") || term == "Eterm")
}

/// Asks the terminal for its colours and reads the answer (in raw mode, which is left
/// again before returning); `None` when it does not answer in time.
fn query_background() -> Option<Background> {
    enable_raw_mode().ok()?;
    let answer = ask_colours().ok().flatten();
    let _ = disable_raw_mode();
    answer
}

fn ask_colours() -> io::Result<Option<Background>> {
    let deadline = Instant::now() + COLOUR_QUERY_WAIT;
    // BEL-terminated: rxvt-unicode answers an ST-terminated query without its terminator.
    let mut out = io::stdout();
    out.write_all(b"\x1b]10;?\x07\x1b]11;?\x07")?;
    out.flush()?;
    let mut replies = ReplyFilter::default();
    let mut early = Vec::new();
    // The background is asked last, so it is answered last.
    while replies.colours().1.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !event::poll(left)? {
            break;
        }
        early.extend(replies.push(event::read()?));
    }
    early.extend(replies.release());
    keep_early_input(early);
    let (foreground, background) = replies.colours();
    Ok(background.map(|background| {
        // Light text means a dark background, whatever the background's own shade.
        let shade = background.lightness();
        let light = match foreground.map(Rgb::lightness) {
            Some(text) if shade < text => false,
            Some(text) if shade > text => true,
            _ => shade > 0.5,
        };
        if light {
            Background::Light
        } else {
            Background::Dark
        }
    }))
}

/// Leaves raw mode, the alternate screen and mouse capture. Safe to call more than once.
pub(super) fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Sets the terminal up again after the reader was stopped and continued.
pub(super) fn reenter_terminal() {
    let _ = enable_raw_mode();
    let _ = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::cursor::Hide
    );
}

pub(super) const TERMINAL_HOOKS: TerminalHooks = TerminalHooks {
    restore: restore_terminal,
    reenter: reenter_terminal,
};

/// Restores the terminal when dropped, so early returns and errors cannot leave it raw.
pub(super) struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the panic message prints, then adds where to report it.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        eprintln!(
            "sherpa crashed; the terminal has been restored. Please file an issue in the sherpa \
             repository with the message above and the briefing that caused it."
        );
        // A panic on a helper thread (loading, watching) must not leave the reader drawing
        // on a terminal that is no longer in raw mode.
        std::process::exit(101);
    }));
}
