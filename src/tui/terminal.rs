//! The terminal itself: whether the reader can use it, its background colour, setting it
//! up and always putting it back (on quit, on error, on a signal and on panic).

use std::io::{self, IsTerminal, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::signals::TerminalHooks;
use crate::config::Config;
use crate::palette::{Background, ThemeName};
use crate::ui::Theme;

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

/// The reader's colours: for the `auto` theme, by the terminal's background.
///
/// The background is asked once the reader owns the terminal ([`Themes::ask`], OSC 11) and
/// the answer is read as input, whenever it comes (see `replies`), so no key typed
/// meanwhile is lost and a slow answer is never typed. Until it comes (or when the
/// terminal does not answer) the background is `COLORFGBG`'s, else dark.
#[derive(Debug, Clone, Copy)]
pub struct Themes {
    dark: Theme,
    light: Theme,
    assumed: Background,
    ask: bool,
}

impl Themes {
    /// The config's theme and colours on either background. The terminal is asked only
    /// for the `auto` theme, only when it draws colour (not under `NO_COLOR`) and only when
    /// it is one that answers: GNU Screen passes the question on to whichever terminal it
    /// is attached to, and Eterm would print it.
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        let term = std::env::var("TERM").unwrap_or_default();
        let answers = !(term.is_empty()
            || term == "dumb"
            || term == "Eterm"
            || term == "screen"
            || term.starts_with("screen."));
        Self {
            dark: Theme::new(config.palette(|| Background::Dark)),
            light: Theme::new(config.palette(|| Background::Light)),
            assumed: Background::choose(None, std::env::var("COLORFGBG").ok().as_deref()),
            ask: config.theme == ThemeName::Auto
                && answers
                && io::stdout().is_terminal()
                && !crate::palette::no_color(),
        }
    }

    /// The theme on `background`.
    #[must_use]
    pub fn on(&self, background: Background) -> Theme {
        match background {
            Background::Dark => self.dark,
            Background::Light => self.light,
        }
    }

    /// The theme until the terminal answers.
    #[must_use]
    pub fn assumed(&self) -> Theme {
        self.on(self.assumed)
    }

    /// Asks the terminal its background, if it should be asked; the answer arrives as input.
    pub(super) fn ask(&self, out: &mut impl Write) -> io::Result<()> {
        if self.ask {
            out.write_all(b"\x1b]11;?\x07")?;
            out.flush()?;
        }
        Ok(())
    }
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
