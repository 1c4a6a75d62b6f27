//! The terminal itself: whether the reader can use it, its background colour, setting it
//! up and always putting it back (on quit, on error, on a signal and on panic).

use std::io::{self, IsTerminal};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

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

/// The terminal's background, for the `auto` theme: asked with OSC 11 (at most 100 ms;
/// `terminal-colorsaurus` reads the reply itself, so it never reaches the screen, and
/// knows the terminals that would hang on the question; a reply later than that is
/// dropped by the input thread, see `replies`), else `COLORFGBG`, else dark.
/// Not asked when stdout is not a terminal, nor under `NO_COLOR` (no palette is used, so
/// the start need not wait). Called once, before the reader takes the terminal.
#[must_use]
pub fn detect_background() -> Background {
    let osc = (io::stdout().is_terminal() && !crate::palette::no_color())
        .then(|| {
            let mut options = terminal_colorsaurus::QueryOptions::default();
            options.timeout = std::time::Duration::from_millis(100);
            terminal_colorsaurus::theme_mode(options).ok()
        })
        .flatten()
        .map(|mode| match mode {
            terminal_colorsaurus::ThemeMode::Light => Background::Light,
            terminal_colorsaurus::ThemeMode::Dark => Background::Dark,
        });
    Background::choose(osc, std::env::var("COLORFGBG").ok().as_deref())
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste. Safe to call more than once.
pub(super) fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
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
        EnableBracketedPaste,
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
