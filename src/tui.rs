//! The terminal side of the reader: set up the terminal, turn events into actions, perform
//! effects, and always put the terminal back (on quit, on error and on panic).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use base64::Engine;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Effect, WHEEL_LINES};
use crate::corpus::Origin;
use crate::export;
use crate::keymap;
use crate::ui::{self, Theme};

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

/// Leaves raw mode, the alternate screen and mouse capture. Safe to call more than once.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
}

/// Restores the terminal when dropped, so early returns and errors cannot leave it raw.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the panic message prints, then adds where to report it.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        eprintln!(
            "sherpa crashed; the terminal has been restored. Please file an issue in the sherpa \
             repository with the message above and the briefing that caused it."
        );
    }));
}

/// Runs the reader until the user quits.
///
/// # Errors
/// Terminal I/O errors; the terminal is restored before they are returned.
pub fn run(origin: &Origin, export_dir: PathBuf) -> io::Result<()> {
    let corpus = origin.load();
    install_panic_hook();
    enable_raw_mode()?;
    let guard = TerminalGuard;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(
        corpus,
        origin.describe(),
        export_dir,
        size.width,
        size.height,
    );
    let theme = Theme::from_env();
    while app.running {
        terminal.draw(|frame| ui::draw(frame, &app, theme))?;
        let Some(action) = action_for_event(&app, &event::read()?) else {
            continue;
        };
        let effect = app.update(action);
        perform(&mut app, effect)?;
    }
    drop(guard);
    Ok(())
}

/// Maps a terminal event to an action in the app's current context.
fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(app.context(), key)
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: WHEEL_LINES,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: -WHEEL_LINES,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Does what `update` asked for and reports results back as actions.
fn perform(app: &mut App, effect: Effect) -> io::Result<()> {
    match effect {
        Effect::None | Effect::Quit => {}
        Effect::Export {
            dir,
            stem,
            contents,
        } => {
            let result = export::write_unique(&dir, &stem, &contents).map_err(|e| e.to_string());
            app.update(Action::ExportFinished(result));
        }
        Effect::Copy(text) => {
            // The text is already sanitised; base64 makes it inert inside the sequence.
            let encoded = base64::engine::general_purpose::STANDARD.encode(text);
            let mut out = io::stdout();
            write!(out, "\x1b]52;c;{encoded}\x07")?;
            out.flush()?;
        }
    }
    Ok(())
}
