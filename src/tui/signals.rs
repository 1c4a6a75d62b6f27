//! Signals while the reader owns the terminal.
//!
//! The reader puts the terminal in raw mode, on the alternate screen, with the cursor
//! hidden and mouse reporting on. A process killed by a signal's default action never
//! undoes any of that, so the user's shell is left unusable. While the reader runs,
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT restore the terminal and exit with 128 + the
//! signal's number (what a shell reports for a process killed by it), once the event
//! loop has kept what was read and where the reader is, as on quitting (or after
//! [`GRACE`], if it cannot); SIGTSTP (and Ctrl-Z,
//! which raw mode delivers as a key) restores the terminal and stops the process, and
//! SIGCONT sets the terminal up again and asks for a full redraw.
//!
//! While another program (the editor) owns the terminal, the reader leaves it alone, as
//! git does: SIGINT and SIGQUIT (a Ctrl-C or Ctrl-\ meant for the editor reach its whole
//! process group) are ignored, and a stop (vim stops its process group on Ctrl-Z) stops
//! the reader without restoring the terminal, nor setting it up again on SIGCONT: the
//! editor would find raw mode under it, and the reader would later believe raw mode on
//! after the editor turned it off.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};
use signal_hook::low_level::{emulate_default_handler, raise};

/// The signals that end the reader.
pub const FATAL: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// How long a fatal signal waits for the event loop to keep what was read and exit
/// itself, before the signal thread restores the terminal and exits regardless: a loop
/// stuck on something slow must not keep a killed reader alive.
const GRACE: Duration = Duration::from_secs(2);

/// How the reader's terminal is taken down and set up again.
#[derive(Clone, Copy)]
pub struct TerminalHooks {
    /// Leaves raw mode, the alternate screen and mouse capture; safe to call twice.
    pub restore: fn(),
    /// Enters them again after the process was continued.
    pub reenter: fn(),
}

/// Whether the terminal is handed over to another program; shared by the runner, which
/// hands it over, and the signal thread.
#[derive(Clone, Default)]
pub struct Handover(Arc<HandoverState>);

#[derive(Default)]
struct HandoverState {
    active: AtomicBool,
    /// The runner waits for the signal thread to see the fence (see [`Handover::end`]).
    ending: Mutex<bool>,
    ended: Condvar,
}

/// How long [`Handover::end`] waits for the signal thread, which only a stalled thread
/// would exceed.
const FENCE_WAIT: Duration = Duration::from_secs(1);

impl Handover {
    /// The other program is about to own the terminal (call after restoring it).
    pub fn begin(&self) {
        self.0.active.store(true, Ordering::SeqCst);
    }

    /// The other program exited: the reader owns the terminal again (call before setting
    /// it up). A Ctrl-C meant for the program reached the reader too, and the signal
    /// thread may not have handled it yet when the program is gone: ended at once, the
    /// handover would be over by then and the reader would quit. So this raises SIGCONT as
    /// a fence and waits for the signal thread to reach it: the signal was delivered (on
    /// this thread, interrupting the wait for the program) before the fence was raised,
    /// and signals pending together are handled in number order, SIGINT and SIGQUIT
    /// before SIGCONT.
    pub fn end(&self) {
        let state = &*self.0;
        let mut ending = state
            .ending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *ending = true;
        if raise(SIGCONT).is_ok() {
            ending = state
                .ended
                .wait_timeout_while(ending, FENCE_WAIT, |ending| *ending)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
        *ending = false;
        state.active.store(false, Ordering::SeqCst);
    }

    fn is_active(&self) -> bool {
        self.0.active.load(Ordering::SeqCst)
    }

    /// The signal thread saw a SIGCONT while the terminal is handed over: the fence of
    /// [`Handover::end`], or the program continued after a stop (ignored).
    fn reached_fence(&self) {
        let state = &*self.0;
        let mut ending = state
            .ending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *ending {
            *ending = false;
            state.ended.notify_all();
        }
    }
}

/// Handles the reader's signals until dropped.
pub struct SignalGuard {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts handling signals on a thread of its own. `resumed` is called after the terminal
/// was set up again on SIGCONT, to redraw the whole screen; `ending` with a fatal signal,
/// for the event loop to save, restore the terminal and exit with 128 + its number (else
/// this thread does, after [`GRACE`]); while `handover` is active the terminal is left
/// alone (see the module's documentation) and a fatal signal ends the reader at once.
///
/// # Errors
/// When the handlers cannot be registered.
pub fn install(
    hooks: TerminalHooks,
    handover: Handover,
    resumed: impl Fn() + Send + 'static,
    ending: impl Fn(i32) + Send + 'static,
) -> io::Result<SignalGuard> {
    let mut wanted = FATAL.to_vec();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals = Signals::new(&wanted)?;
    let handle = signals.handle();
    let thread = thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let handed_over = handover.is_active();
                match signal {
                    SIGTSTP if handed_over => stop(),
                    SIGTSTP => suspend(hooks),
                    SIGCONT if handed_over => handover.reached_fence(),
                    SIGINT | SIGQUIT if handed_over => {}
                    SIGCONT => {
                        resume(hooks);
                        resumed();
                    }
                    fatal if handed_over => quit(hooks, fatal),
                    fatal => {
                        ending(fatal);
                        thread::sleep(GRACE);
                        quit(hooks, fatal);
                    }
                }
            }
        })?;
    Ok(SignalGuard {
        handle,
        thread: Some(thread),
    })
}

/// Restores the terminal and exits with 128 + `signal`.
pub fn quit(hooks: TerminalHooks, signal: i32) -> ! {
    // Holding stdout keeps the event loop from drawing a frame over the restored terminal
    // (its writes wait for the lock, and the process ends first).
    let mut out = io::stdout().lock();
    (hooks.restore)();
    let _ = out.flush();
    std::process::exit(128 + signal);
}

/// Restores the terminal and stops the process, as SIGTSTP's default action would; the
/// SIGCONT that continues it sets the terminal up again.
pub fn suspend(hooks: TerminalHooks) {
    let mut out = io::stdout().lock();
    (hooks.restore)();
    let _ = out.flush();
    stop();
}

/// Stops the process as SIGTSTP's default action would.
fn stop() {
    // Raises SIGSTOP, which (unlike SIGTSTP) also stops a process whose group has no
    // job-control shell.
    let _ = emulate_default_handler(SIGTSTP);
}

fn resume(hooks: TerminalHooks) {
    let mut out = io::stdout().lock();
    (hooks.reenter)();
    let _ = out.flush();
}

/// Whether an event is Ctrl-Z, which raw mode delivers as a key instead of SIGTSTP.
#[must_use]
pub fn is_suspend_key(event: &Event) -> bool {
    is_control(event, 'z')
}

/// Whether `event` is Ctrl-L, which paints the screen again in every view (a terminal's
/// convention, as Ctrl-Z is, kept out of the key table).
#[must_use]
pub fn is_repaint_key(event: &Event) -> bool {
    is_control(event, 'l')
}

/// Whether `event` is `letter` (either case) pressed with Ctrl.
fn is_control(event: &Event, letter: char) -> bool {
    matches!(
        event,
        Event::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers,
            kind: KeyEventKind::Press | KeyEventKind::Repeat,
            ..
        }) if c.eq_ignore_ascii_case(&letter) && modifiers.contains(KeyModifiers::CONTROL)
    )
}
