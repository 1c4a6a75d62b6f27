//! The terminal side of the reader: set up the terminal, turn events into actions, perform
//! effects, and always put the terminal back (on quit, on error and on panic).

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Instant;

use base64::Engine;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode as CrosstermKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Effect, SearchRequest, SearchResults, Settings, WHEEL_LINES};
use crate::keymap::{Key, KeyCode};
use crate::palette::Background;
use crate::signals::{self, TerminalHooks};
use crate::ui::{self, Theme};
use crate::watch;
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::export;

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
/// knows the terminals that would hang on the question), else `COLORFGBG`, else dark.
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

/// Leaves raw mode, the alternate screen and mouse capture. Safe to call more than once.
fn restore_terminal() {
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
fn reenter_terminal() {
    let _ = enable_raw_mode();
    let _ = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        crossterm::cursor::Hide
    );
}

const TERMINAL_HOOKS: TerminalHooks = TerminalHooks {
    restore: restore_terminal,
    reenter: reenter_terminal,
};

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
        // A panic on a helper thread (loading, watching) must not leave the reader drawing
        // on a terminal that is no longer in raw mode.
        std::process::exit(101);
    }));
}

/// Everything the event loop waits for, from its helper threads.
enum Message {
    Input(Event),
    /// The terminal stopped delivering events.
    InputFailed(io::Error),
    /// The corpus finished loading (first load or a reload).
    Loaded(Corpus),
    /// A text search finished.
    Searched(SearchResults),
    /// A briefing file changed on disk.
    Changed,
    /// The process was continued after a stop: the whole screen must be drawn again.
    Resumed,
}

/// Reads the corpus on another thread, so the first frame and every key stay instant
/// however large the corpus is.
fn spawn_load(origin: &Origin, messages: &Sender<Message>) {
    let origin = origin.clone();
    let messages = messages.clone();
    thread::spawn(move || {
        let started = Instant::now();
        let corpus = origin.load();
        tracing::info!(
            briefings = corpus.len(),
            failed = corpus.failed_files(),
            elapsed_ms = started.elapsed().as_millis(),
            "loaded {}",
            origin.describe()
        );
        let _ = messages.send(Message::Loaded(corpus));
    });
}

/// Forwards terminal events; ends when the reader stops listening.
/// Lets the runner hand the terminal to another program (the editor): while the gate is
/// closed the input thread reads nothing, so every key goes to that program.
#[derive(Clone, Default)]
struct InputGate {
    state: Arc<(Mutex<GateState>, Condvar)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum GateState {
    #[default]
    Open,
    /// The runner asked the input thread to stop reading.
    Closing,
    /// The input thread is waiting for the gate to open.
    Closed,
}

impl InputGate {
    /// Closes the gate and waits until the input thread has stopped reading (it checks
    /// between polls, so within one poll interval).
    fn close(&self) {
        let (state, changed) = &*self.state;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *state = GateState::Closing;
        while *state == GateState::Closing {
            state = changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn open(&self) {
        let (state, changed) = &*self.state;
        *state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = GateState::Open;
        changed.notify_all();
    }

    /// Called by the input thread before it reads: parks while the gate is closed.
    fn pass(&self) {
        let (state, changed) = &*self.state;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *state == GateState::Closing {
            *state = GateState::Closed;
            changed.notify_all();
        }
        while *state != GateState::Open {
            state = changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// How long the input thread waits for an event before looking at the gate again.
const INPUT_POLL: std::time::Duration = std::time::Duration::from_millis(25);

fn spawn_input(messages: Sender<Message>, gate: InputGate) {
    thread::spawn(move || {
        loop {
            gate.pass();
            let message = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(event) => Message::Input(event),
                    Err(err) => Message::InputFailed(err),
                },
                Err(err) => Message::InputFailed(err),
            };
            let failed = matches!(message, Message::InputFailed(_));
            if messages.send(message).is_err() || failed {
                break;
            }
        }
    });
}

/// Room for a whole frame of a large terminal, styles included, so it is written at once.
const FRAME_BUFFER_BYTES: usize = 256 * 1024;

/// The reader begun: its message channel, with the first load already reading.
pub struct Started {
    sender: Sender<Message>,
    messages: Receiver<Message>,
}

/// Begins the reader: installs the panic hook and starts reading the corpus. Called
/// before the terminal is set up and the loading frame drawn, so they overlap the load
/// instead of coming before it (but after the background is asked: see `main`).
#[must_use]
pub fn start(origin: &Origin) -> Started {
    install_panic_hook();
    let (sender, messages) = mpsc::channel();
    spawn_load(origin, &sender);
    Started { sender, messages }
}

/// Runs the reader [`start`]ed until the user quits.
///
/// # Errors
/// Terminal I/O errors; the terminal is restored before they are returned.
pub fn run(origin: &Origin, started: Started, settings: Settings, theme: Theme) -> io::Result<()> {
    let Started { sender, messages } = started;
    let resumed = sender.clone();
    let _signals = signals::install(TERMINAL_HOOKS, move || {
        let _ = resumed.send(Message::Resumed);
    })?;
    enable_raw_mode()?;
    let guard = TerminalGuard;
    // Bracketed paste: a paste arrives as one event, typed into a list's query at once.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    // Standard output flushes every kilobyte: a full frame went to the terminal in dozens
    // of writes, each waking the terminal to parse part of a frame. Buffered, a frame is one
    // write (ratatui flushes after drawing), and the buffer is empty between frames, when
    // the reader writes to the terminal directly (a copy, the editor's hand-over).
    let stdout = io::BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout))?;
    let size = terminal.size()?;
    let mut app = App::loading(settings, size.width, size.height);
    terminal.draw(|frame| ui::draw(frame, &app, theme))?;
    let gate = InputGate::default();
    spawn_input(sender.clone(), gate.clone());
    let runner = Runner {
        searcher: spawn_searcher(sender.clone()),
        gate,
        messages: sender.clone(),
        pending_search: std::cell::RefCell::default(),
    };
    // Watching starts once the first load is drawn; see `start_watch`.
    let mut watch: Option<notify::Result<watch::Watch>> = None;
    // A change seen while a load is running starts another when it ends, so the last
    // edit is always the one shown.
    let mut load_running = true;
    let mut reload_pending = false;
    // The finder's entries and the search index are built once the frame showing a load
    // is drawn, so it is not drawn beside them.
    let mut warm_pending = false;
    while app.is_running() {
        let Ok(first) = messages.recv() else { break };
        // Handle everything already waiting before drawing again, so a burst of keys or
        // events costs one frame.
        for message in std::iter::once(first).chain(messages.try_iter()) {
            match message {
                Message::InputFailed(err) => return Err(err),
                Message::Input(event) if signals::is_suspend_key(&event) => {
                    signals::suspend(TERMINAL_HOOKS);
                }
                // Entering the alternate screen cleared it. `clear` would ask the terminal
                // for the cursor (racing the input thread), so both buffers are emptied
                // instead and the next frame draws every cell.
                Message::Resumed => {
                    terminal.swap_buffers();
                    terminal.swap_buffers();
                }
                Message::Input(event) => handle_event(&mut app, &event, &runner)?,
                Message::Searched(results) => app.search_finished(results),
                Message::Loaded(corpus) => {
                    if app.is_loading() {
                        app.corpus_loaded(corpus);
                    } else {
                        app.corpus_reloaded(corpus);
                    }
                    warm_pending = true;
                    load_running = reload_pending;
                    if std::mem::take(&mut reload_pending) {
                        spawn_load(origin, &sender);
                    }
                }
                Message::Changed if load_running => reload_pending = true,
                Message::Changed => {
                    load_running = true;
                    spawn_load(origin, &sender);
                }
            }
            if !app.is_running() {
                break;
            }
        }
        if app.is_running() {
            terminal.draw(|frame| ui::draw(frame, &app, theme))?;
            runner.send_pending_search();
            if std::mem::take(&mut warm_pending) {
                warm_up(&app);
            }
            if watch.is_none() && !app.is_loading() {
                watch = Some(start_watch(origin, &sender, app.shared_corpus()));
            }
        }
    }
    drop(watch);
    drop(guard);
    Ok(())
}

/// Converts a terminal key event to sherpa's own key, or `None` for a release or a key the
/// table cannot name. Shift is implied by the character itself (`G`, `?`) and by
/// `BackTab`, so it is dropped; Ctrl and Alt are kept.
#[must_use]
pub fn key_from_event(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        CrosstermKey::Char(c) => KeyCode::Char(c),
        CrosstermKey::F(n) => KeyCode::F(n),
        CrosstermKey::Tab => KeyCode::Tab,
        CrosstermKey::BackTab => KeyCode::BackTab,
        CrosstermKey::Enter => KeyCode::Enter,
        CrosstermKey::Esc => KeyCode::Esc,
        CrosstermKey::Backspace => KeyCode::Backspace,
        CrosstermKey::Up => KeyCode::Up,
        CrosstermKey::Down => KeyCode::Down,
        CrosstermKey::Left => KeyCode::Left,
        CrosstermKey::Right => KeyCode::Right,
        CrosstermKey::PageUp => KeyCode::PageUp,
        CrosstermKey::PageDown => KeyCode::PageDown,
        CrosstermKey::Home => KeyCode::Home,
        CrosstermKey::End => KeyCode::End,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Hands a terminal event to the app: keys and the mouse as actions, a resize as a report.
fn handle_event(app: &mut App, event: &Event, runner: &Runner) -> io::Result<()> {
    let action = match event {
        Event::Key(key) => key_from_event(key).and_then(|key| app.action_for_key(key)),
        Event::Resize(width, height) => {
            app.resize(*width, *height);
            None
        }
        Event::Paste(text) => {
            let effect = app.paste(text);
            return perform(app, effect, runner);
        }
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
    };
    match action {
        Some(action) => {
            let effect = app.update(action);
            perform(app, effect, runner)
        }
        None => Ok(()),
    }
}

/// Runs text searches on a thread of their own, so typing in the finder never waits for
/// one. Requests that queued up behind a running search are skipped: only the newest
/// query's answer matters.
fn spawn_searcher(sender: Sender<Message>) -> Sender<SearchRequest> {
    let (requests, inbox) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = inbox.recv() {
            while let Ok(newer) = inbox.try_recv() {
                request = newer;
            }
            if sender.send(Message::Searched(request.run())).is_err() {
                break;
            }
        }
    });
    requests
}

/// Starts live reload after the first load: watches the origin's paths and asks for a
/// reload now if a briefing changed on disk since `loaded` read it, before the watch could
/// see it.
fn start_watch(
    origin: &Origin,
    sender: &Sender<Message>,
    loaded: Arc<Corpus>,
) -> notify::Result<watch::Watch> {
    let on_change = sender.clone();
    let watch = watch::watch_paths(origin.paths(), move || {
        let _ = on_change.send(Message::Changed);
    });
    if let Err(err) = &watch {
        tracing::warn!("live reload is off: {err}");
    }
    let paths = origin.paths().to_vec();
    let sender = sender.clone();
    thread::spawn(move || {
        if loaded.changed_on_disk(&paths) {
            let _ = sender.send(Message::Changed);
        }
    });
    watch
}

/// Builds the finder's entries and the search index in the background after a load is
/// drawn, so neither the first complete frame nor the first `/` waits for them (a finder
/// or search that comes while one is being built waits for it; one that comes before this
/// task starts builds it itself, and the task then finds it built). They are built on
/// the loader's thread pool, whose allocator arenas hold the memory the parse just freed: a
/// thread of its own would take fresh memory and raise the peak by the size of the index.
///
/// One after the other, on one thread: the other core stays free for the keys pressed
/// meanwhile (both at once made a scroll wait 45 ms over 10,000 summits).
fn warm_up(app: &App) {
    let entries = app.summit_entries();
    let source = app.search_source();
    rayon::spawn(move || {
        let _entries = entries.get();
        let _index = source.index();
    });
}

/// Does what `update` asked for and reports the results back to the app.
/// What `perform` needs besides the app: the search worker, the input gate, and the
/// event loop's own channel (to ask for a reload and a full redraw).
struct Runner {
    searcher: Sender<SearchRequest>,
    gate: InputGate,
    messages: Sender<Message>,
    /// The newest search asked for, sent to the worker once the frame that answers the
    /// keystroke is drawn, so the search never takes a core from that frame.
    pending_search: std::cell::RefCell<Option<SearchRequest>>,
}

impl Runner {
    fn send_pending_search(&self) {
        if let Some(request) = self.pending_search.borrow_mut().take() {
            // The worker is gone only if it panicked; the finder then lists summits only.
            let _ = self.searcher.send(request);
        }
    }
}

fn perform(app: &mut App, effect: Effect, runner: &Runner) -> io::Result<()> {
    match effect {
        Effect::None | Effect::Quit => {}
        Effect::Export {
            dir,
            stem,
            contents,
        } => {
            let result = export::write_unique(&dir, &stem, &contents).map_err(|e| e.to_string());
            app.export_finished(result);
        }
        Effect::Copy(text) => {
            // The text is already sanitised; base64 makes it inert inside the sequence.
            let encoded = base64::engine::general_purpose::STANDARD.encode(text);
            let mut out = io::stdout();
            write!(out, "\x1b]52;c;{encoded}\x07")?;
            out.flush()?;
        }
        Effect::Edit(command) => {
            // The editor gets the real terminal: no raw mode, no alternate screen, and
            // no input thread reading its keys. The reader comes back where it was.
            runner.gate.close();
            restore_terminal();
            let result = command.run().map_err(|err| err.to_string());
            reenter_terminal();
            runner.gate.open();
            app.edit_finished(result);
            let _ = runner.messages.send(Message::Resumed);
            let _ = runner.messages.send(Message::Changed);
        }
        Effect::OpenUrl(url) => {
            // A browser opener takes the URL as one argument, never through a shell; it
            // runs detached, so the reader goes on.
            if let Err(err) = open::that_detached(&url) {
                app.open_failed(&err.to_string());
            }
        }
        Effect::Search(request) => *runner.pending_search.borrow_mut() = Some(request),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::keymap::{Context, Keymap};

    #[test]
    fn shifted_characters_match_without_shift() {
        let keymap = Keymap::default();
        let action = |code, modifiers| {
            let key = key_from_event(&KeyEvent::new(code, modifiers))?;
            keymap.action_for(Context::Reader, key)
        };
        assert_eq!(
            action(CrosstermKey::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(CrosstermKey::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action(CrosstermKey::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
    }
}
