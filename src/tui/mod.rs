//! The runner: the reader's side that touches the world. It sets up the terminal, turns
//! events into actions, performs the effects `update` returns, loads and watches the
//! briefings, and always puts the terminal back (on quit, on error and on panic).

pub mod editor;
mod input;
mod keep;
mod loading;
mod replies;
pub mod signals;
mod terminal;
pub mod watch;

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Instant;

use base64::Engine;
use crossterm::event::{
    EnableBracketedPaste, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};

use crate::app::{
    Action, App, EditAt, Effect, SearchRequest, SearchResults, Settings, Surveyed, WHEEL_LINES,
};
use crate::palette::Background;
use crate::ui;
pub use input::key_from_event;
use input::{InputGate, spawn_input};
use loading::{Generation, Landing, Loading, Task};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::diagnostics::Diagnostic;
use sherpa_core::export;
use sherpa_core::store::{BookFile, NoteDraft, Remembered, Store, Versions};
use terminal::{
    TERMINAL_HOOKS, TerminalGuard, install_panic_hook, reenter_terminal, restore_terminal,
};
pub use terminal::{Themes, unusable_terminal};

/// Everything the event loop waits for, from its helper threads.
enum Message {
    Input(Event),
    /// The terminal stopped delivering events.
    InputFailed(io::Error),
    /// The corpus finished loading (first load or a reload).
    Loaded(Corpus),
    /// A text search finished, or a streamed one searched its next chunk of summits.
    Searched(SearchResults),
    /// A briefing file changed on disk.
    Changed,
    /// The warm-up for this generation of the corpus finished.
    WarmedUp(Generation),
    /// The process was continued after a stop: the whole screen must be drawn again.
    Resumed,
    /// A fatal signal (SIGTERM, SIGHUP, …) arrived: keep what was read, then exit with
    /// 128 + its number.
    Ending(i32),
    /// Your marks, notes and place were read, with the problems found in their file.
    BookLoaded(Store, Vec<Diagnostic>),
    /// The terminal answered which background it draws on.
    Background(Background),
    /// What the summits read said when they were last read.
    VersionsLoaded(Remembered),
    /// Live reload's watch started (or could not).
    Watching(notify::Result<watch::Watch>),
    /// The store was saved (merged with its file), or why not.
    BookSaved(Result<Store, String>),
    /// A view over many summits was worked out.
    Surveyed(Surveyed),
}

/// Reads the corpus on another thread, so the first frame and every key stay instant
/// however large the corpus is.
fn spawn_load(origin: &Origin, messages: &Sender<Message>) {
    let origin = origin.clone();
    let messages = messages.clone();
    thread::spawn(move || {
        let started = Instant::now();
        let corpus = origin.load_on_demand();
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

/// Room for a whole frame of a large terminal, styles included, so it is written at once.
const FRAME_BUFFER_BYTES: usize = 256 * 1024;

/// The reader begun: its message channel, with the first load already reading.
pub struct Started {
    sender: Sender<Message>,
    messages: Receiver<Message>,
    /// Where your marks, notes and place are kept, if the platform has a data folder.
    book: Option<BookFile>,
}

/// Begins the reader: installs the panic hook and starts reading the corpus. Called
/// before the terminal is set up and the loading frame drawn, so they overlap the load
/// instead of coming before it.
#[must_use]
pub fn start(origin: &Origin) -> Started {
    install_panic_hook();
    let (sender, messages) = mpsc::channel();
    spawn_load(origin, &sender);
    let book = BookFile::of(origin);
    Started {
        sender,
        messages,
        book,
    }
}

/// Reads the store on a thread of its own, once the corpus is first loaded: parsing a
/// thousand notes takes 40 M instructions, which delayed the first complete frame over
/// 10,000 briefings by 5 % when it ran while the loader kept both cores busy. The reader
/// goes back to its place only once both are read, so nothing waits for it sooner. Takes
/// `book`, so a reload does not read it again.
fn spawn_book_load(book: &mut Option<BookFile>, messages: &Sender<Message>) {
    let Some(BookFile { path, .. }) = book.take() else {
        return;
    };
    let messages = messages.clone();
    thread::spawn(move || {
        let (store, diagnostics) = Store::load(&path);
        let read = store.read_summits();
        let _ = messages.send(Message::BookLoaded(store, diagnostics));
        // After the store: its place and notes are wanted first.
        let remembered = Versions::beside(&path).recall(read);
        let _ = messages.send(Message::VersionsLoaded(remembered));
    });
}

/// Saves the store on a thread of its own: the file is re-read, merged and synced to disk,
/// which a keystroke must not wait for. Saves take turns through the store's lock; the one
/// made on quitting waits for any still running.
fn spawn_save(store: Store, runner: &Runner) {
    let book = runner.book.clone();
    let messages = runner.messages.clone();
    thread::spawn(move || {
        let result = save_book(store, book.as_ref()).map(|(saved, _)| saved);
        let _ = messages.send(Message::BookSaved(result));
    });
}

/// Saves the store in its file (re-read, merged, written atomically); the merged store and
/// whether the reader must take it in ([`Saved::news`](sherpa_core::store::Saved::news)),
/// or why it could not be written.
fn save_book(mut store: Store, book: Option<&BookFile>) -> Result<(Store, bool), String> {
    let book = book.ok_or("Your marks cannot be kept: the platform has no data folder")?;
    store.claim_sources(&book.sources);
    let saved = store
        .save_telling(&book.path)
        .map_err(|error| error.to_string())?;
    for problem in saved.problems {
        tracing::warn!("{problem}");
    }
    Ok((store, saved.news))
}

/// Runs the reader [`start`]ed until the user quits.
///
/// # Errors
/// Terminal I/O errors; the terminal is restored before they are returned.
pub fn run(
    origin: &Origin,
    started: Started,
    settings: Settings,
    themes: Themes,
) -> io::Result<()> {
    let Started {
        sender,
        messages,
        book,
    } = started;
    let resumed = sender.clone();
    let ending = sender.clone();
    let handover = signals::Handover::default();
    let _signals = signals::install(
        TERMINAL_HOOKS,
        handover.clone(),
        move || {
            let _ = resumed.send(Message::Resumed);
        },
        move |signal| {
            let _ = ending.send(Message::Ending(signal));
        },
    )?;
    // The fatal signal that ends the reader, if one does.
    let mut ended_by = None;
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
    let mut theme = themes.assumed();
    terminal.draw(|frame| ui::draw(frame, &app, theme))?;
    let gate = InputGate::default();
    spawn_input(sender.clone(), gate.clone());
    themes.ask(terminal.backend_mut())?;
    let runner = Runner::new(&sender, gate, handover, book);
    let mut loading = Loading::new();
    let mut watch: Option<notify::Result<watch::Watch>> = None;
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
                Message::Input(event) if signals::is_repaint_key(&event) => {
                    repaint(&mut terminal, Cleared::No)?;
                }
                Message::Resumed => repaint(&mut terminal, Cleared::Already)?,
                Message::Input(event) => handle_event(&mut app, &event, &runner)?,
                Message::Searched(results) => app.search_finished(results),
                Message::Loaded(corpus) => {
                    let loaded = loading.loaded();
                    spawn_book_load(&mut runner.unread_book.borrow_mut(), &sender);
                    let effect = match loaded.landing {
                        Landing::First => app.corpus_loaded(corpus),
                        Landing::Reload => app.corpus_reloaded(corpus),
                    };
                    perform(&mut app, effect, &runner)?;
                    if let Some(task) = loaded.next {
                        start_task(task, origin, &sender, &app, &mut watch);
                    }
                }
                Message::Changed => {
                    let lost = matches!(&watch, Some(Ok(watch)) if watch.is_lost());
                    if let Some(task) = loading.changed(lost) {
                        start_task(task, origin, &sender, &app, &mut watch);
                    }
                }
                Message::WarmedUp(generation) => loading.warmed(generation),
                Message::BookLoaded(store, diagnostics) => app.book_loaded(store, &diagnostics),
                Message::Background(background) => theme = themes.on(background),
                Message::VersionsLoaded(remembered) => app.versions_loaded(remembered),
                Message::Watching(started) => watch = Some(started),
                Message::BookSaved(result) => app.book_saved(result),
                Message::Surveyed(surveyed) => app.survey_finished(surveyed),
                Message::Ending(signal) => ended_by = Some(signal),
            }
            if !app.is_running() || ended_by.is_some() {
                break;
            }
        }
        if let Some(signal) = ended_by {
            end_by_signal(&mut app, &runner, signal);
        }
        if app.is_running() {
            terminal.draw(|frame| ui::draw(frame, &app, theme))?;
            runner.send_pending_search();
            runner.keeper.borrow_mut().send_pending();
            for task in loading.frame_drawn() {
                start_task(task, origin, &sender, &app, &mut watch);
            }
        }
    }
    drop(watch);
    (runner.keeper.borrow_mut()).finish(app.closing_book(), app.closing_versions());
    drop(guard);
    Ok(())
}

/// A fatal signal ends the reader: what was read and where the reader is are kept, as on
/// quitting, the terminal is restored and the process exits with 128 + the signal's
/// number, what a shell reports for a process the signal killed.
fn end_by_signal(app: &mut App, runner: &Runner, signal: i32) -> ! {
    (runner.keeper.borrow_mut()).finish(app.closing_book(), app.closing_versions());
    signals::quit(TERMINAL_HOOKS, signal)
}

/// Hands a terminal event to the app: keys and the mouse as actions, a resize as a report.
fn handle_event(app: &mut App, event: &Event, runner: &Runner) -> io::Result<()> {
    let action = match event {
        Event::Key(key) => {
            // An event the key table cannot name (a media key, a release) does nothing.
            let effect = key_from_event(key).map_or(Effect::None, |key| app.press(key));
            return perform(app, effect, runner);
        }
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
/// one; a search streaming through a large corpus sends each chunk's places as it goes
/// (searching each chunk on every core), and stops between two chunks once the app wants
/// a newer one. Requests that queued up behind a running search are skipped: only the
/// newest query's answer matters.
fn spawn_searcher(sender: Sender<Message>) -> Sender<SearchRequest> {
    let (requests, inbox) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = inbox.recv() {
            while let Ok(newer) = inbox.try_recv() {
                request = newer;
            }
            let mut listened = true;
            request.run_reporting(|results| {
                listened = sender.send(Message::Searched(results)).is_ok();
                listened
            });
            if !listened {
                break;
            }
        }
    });
    requests
}

/// Starts what [`Loading`] asked for.
fn start_task(
    task: Task,
    origin: &Origin,
    sender: &Sender<Message>,
    app: &App,
    watch: &mut Option<notify::Result<watch::Watch>>,
) {
    match task {
        Task::StartLoad => spawn_load(origin, sender),
        Task::WarmUp(generation) => warm_up(app, generation, sender),
        Task::StartWatch => {
            // The old watch (if any) is dropped first, so two never report one change.
            *watch = None;
            start_watch(origin, sender, app.shared_corpus());
        }
    }
}

/// Starts live reload on a thread of its own, which hands the watch over
/// ([`Message::Watching`]) and then asks for a reload if a briefing changed on disk since
/// `loaded` read it, before the watch could see it. Watching a folder recursively walks it
/// and stats every entry, as the check does: over 100,000 briefings, on the event loop's
/// thread, the keys pressed meanwhile waited for it.
fn start_watch(origin: &Origin, sender: &Sender<Message>, loaded: Arc<Corpus>) {
    let paths = origin.paths().to_vec();
    let sender = sender.clone();
    thread::spawn(move || {
        let on_change = sender.clone();
        let watch = watch::watch_paths(&paths, move || {
            let _ = on_change.send(Message::Changed);
        });
        if let Err(err) = &watch {
            tracing::warn!("live reload is off: {err}");
        }
        if sender.send(Message::Watching(watch)).is_err() {
            return;
        }
        if loaded.changed_on_disk(&paths) {
            let _ = sender.send(Message::Changed);
        }
    });
}

/// Builds the finder's entries, your notes' places and (up to
/// [`WARM_SEARCH_INDEX_UP_TO`](crate::app::WARM_SEARCH_INDEX_UP_TO) summits, beyond which
/// a text search streams through the summits instead) the search index in the background
/// after a load is drawn, so neither the first complete frame nor the first `/` waits for them (a finder
/// or search that comes while one is being built waits for it; one that comes before this
/// task starts builds it itself, and the task then finds it built). They are built on
/// the loader's thread pool, whose allocator arenas hold the memory the parse just freed: a
/// thread of its own would take fresh memory and raise the peak by the size of the index.
///
/// One after the other, on one thread, and one warm-up at a time ([`Loading`] waits for
/// [`Message::WarmedUp`]): the other core stays free for the keys pressed meanwhile (both
/// at once made a scroll wait 45 ms over 10,000 summits).
fn warm_up(app: &App, generation: Generation, sender: &Sender<Message>) {
    let entries = app.summit_entries();
    let notes = app.finder_notes();
    let source = app.search_source();
    let sender = sender.clone();
    rayon::spawn(move || {
        let _entries = entries.get();
        let _notes = notes.placed();
        if source.warms_up() {
            let _index = source.index();
        }
        let _ = sender.send(Message::WarmedUp(generation));
    });
}

/// What `perform` needs besides the app: the search worker, the input gate, the editor's
/// hand-over for the signal thread, and the event loop's own channel (to ask for a
/// reload and a full redraw).
struct Runner {
    searcher: Sender<SearchRequest>,
    gate: InputGate,
    /// Tells the signal thread to leave the terminal to the editor.
    handover: signals::Handover,
    messages: Sender<Message>,
    /// The newest search asked for, sent to the worker once the frame that answers the
    /// keystroke is drawn, so the search never takes a core from that frame.
    pending_search: std::cell::RefCell<Option<SearchRequest>>,
    /// Where the store is saved.
    book: Option<BookFile>,
    /// The store to read once the corpus is first loaded (see [`spawn_book_load`]).
    unread_book: std::cell::RefCell<Option<BookFile>>,
    /// Keeps what was read as the reader goes, and last when it quits.
    keeper: std::cell::RefCell<keep::ReadKeeper>,
}

impl Runner {
    /// The runner of a reader whose messages go to `sender`, with its search worker
    /// started; `book` is the store, read once the corpus is first loaded.
    fn new(
        sender: &Sender<Message>,
        gate: InputGate,
        handover: signals::Handover,
        book: Option<BookFile>,
    ) -> Self {
        Self {
            searcher: spawn_searcher(sender.clone()),
            gate,
            handover,
            messages: sender.clone(),
            pending_search: std::cell::RefCell::default(),
            unread_book: std::cell::RefCell::new(book.clone()),
            keeper: std::cell::RefCell::new(keep::ReadKeeper::start(book.clone(), sender.clone())),
            book,
        }
    }

    fn send_pending_search(&self) {
        if let Some(request) = self.pending_search.borrow_mut().take() {
            // The worker is gone only if it panicked; the finder then lists summits only.
            let _ = self.searcher.send(request);
        }
    }
}

/// Runs the editor `command` on the real terminal and waits for it: no raw mode, no
/// alternate screen, and no input thread reading its keys. The reader comes back where it
/// was, drawn whole.
fn hand_over(command: &editor::EditorCommand, runner: &Runner) -> Result<(), String> {
    // The editor may run for long, with no frame drawn meanwhile: what was read is kept
    // now, not after it.
    runner.keeper.borrow_mut().send_pending();
    runner.gate.close();
    restore_terminal();
    runner.handover.begin();
    let result = command.run().map_err(|err| err.to_string());
    runner.handover.end();
    // Nothing set raw mode while the editor ran, so crossterm reads the mode the editor
    // left (what the terminal is) and sets raw mode from it.
    reenter_terminal();
    runner.gate.open();
    let _ = runner.messages.send(Message::Resumed);
    result
}

/// Whether the screen is blank already when the whole frame is to be drawn again.
#[derive(Clone, Copy)]
enum Cleared {
    /// Entering the alternate screen (as the reader resumes) cleared it.
    Already,
    /// Ctrl-L, as in less and vim: whatever was left behind (a program writing to the
    /// terminal, or a glyph it drew wider than the width tables say) is cleared first.
    No,
}

/// Makes the next frame draw every cell. `Terminal::clear` would ask the terminal for the
/// cursor (racing the input thread), so the screen is cleared without it and both buffers
/// are emptied.
fn repaint(
    terminal: &mut Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>,
    cleared: Cleared,
) -> io::Result<()> {
    if let Cleared::No = cleared {
        terminal.backend_mut().clear_region(ClearType::All)?;
    }
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

/// Does what `update` asked for and reports the results back to the app.
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
        Effect::Edit { file, at } => match editor::command_at(&file, at) {
            Ok(command) => {
                let result = hand_over(&command, runner);
                // Only an editor that succeeded asks for a reload: its status would cover
                // why the editor failed (live reload still sees any change it made).
                let edited = result.is_ok();
                app.edit_finished(result);
                if edited {
                    let _ = runner.messages.send(Message::Changed);
                }
            }
            // The variables name no editor: the terminal was never handed over.
            Err(err) => app.edit_finished(Err(err.to_string())),
        },
        Effect::EditNote { anchor, text } => {
            let written = NoteDraft::create(&text).and_then(|draft| {
                let command = editor::command_at(draft.path(), EditAt::Line(None))
                    .map_err(|err| err.to_string())?;
                hand_over(&command, runner)?;
                draft.read()
            });
            let effect = app.note_edited(anchor, written);
            perform(app, effect, runner)?;
        }
        Effect::OpenUrl(url) => {
            // A browser opener takes the URL as one argument, never through a shell; it
            // runs detached, so the reader goes on.
            if let Err(err) = open::that_detached(&url) {
                app.open_failed(&err.to_string());
            }
        }
        Effect::Search(request) => *runner.pending_search.borrow_mut() = Some(request),
        Effect::SaveBook(store) => spawn_save(store, runner),
        Effect::Survey(request) => {
            let messages = runner.messages.clone();
            // Its reads run on rayon's threads; this one only waits for them.
            thread::spawn(move || {
                let _ = messages.send(Message::Surveyed(request.run()));
            });
        }
        Effect::KeepRead { book, versions } => runner.keeper.borrow_mut().keep(book, versions),
    }
    Ok(())
}
