//! The reader's finder over a corpus with your notes, in process and without a terminal:
//! the store is read and handed to the reader as the runner does, then `/` and each letter
//! of a query are pressed three times over, each timed. Run under callgrind with
//! `--toggle-collect` on `App::update` to count a keystroke's instructions on the main
//! thread (see PERFORMANCE.md, "Notes at scale").
//!
//! ```text
//! XDG_DATA_HOME=/tmp/notes-data cargo run --release --example notes_probe -- /tmp/corpus-10k [QUERY]
//! ```
//!
//! The store is the one the reader would read for that folder (write one with the
//! `notes_store` example); without one, the reader has no notes.

#[path = "support/finder.rs"]
mod finder;
#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use sherpa::app::{App, Settings};
use sherpa_core::corpus::Origin;
use sherpa_core::store::{BookFile, Store};

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: notes_probe DIR [QUERY]")?;
    let query = args.next().unwrap_or_else(|| "geneva".to_owned());
    let origin = Origin::Paths(vec![dir.into()]);
    let corpus = origin.load();
    let book = BookFile::of(&origin).ok_or("this platform has no data folder")?;
    let started = Instant::now();
    let (store, diagnostics) = Store::load(&book.path);
    let notes = store.notes().count();
    eprintln!("store read: {:?}, {notes} notes", started.elapsed());
    let mut app = App::new(corpus, Settings::new("probe", "."), 250, 80);
    let started = Instant::now();
    app.book_loaded(store, &diagnostics);
    eprintln!("store taken in: {:?}", started.elapsed());
    finder::time_letters(&mut app, &query);
    Ok(())
}

fn main() -> std::process::ExitCode {
    support::finish("notes_probe", run(), 2)
}
