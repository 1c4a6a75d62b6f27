//! The reader's warm start and its finder, in process and without a terminal, each step
//! timed: the load as the runner's loader thread makes it, the first complete frame drawn
//! into a test backend, the finder's entries as the warm-up builds them, and each letter of
//! a query typed into the finder, then the same letters each with the frame that answers
//! it. Wall clocks on a shared machine are noisy: run it under
//! callgrind (`--toggle-collect` on a step's function) or `perf stat` for figures that do
//! not follow the load (see PERFORMANCE.md, "The reader's start, round 2").
//!
//! ```text
//! XDG_CACHE_HOME=/tmp/probe-cache cargo run --release --example start_probe -- /tmp/corpus-10k [QUERY]
//! ```
//!
//! The index is the one the reader would use for that folder (run `sherpa list` first for
//! a warm start).

#[path = "support/finder.rs"]
mod finder;
#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::action::Action;
use sherpa::app::{App, Settings};
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::Origin;

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: start_probe DIR [QUERY]")?;
    let query = args.next().unwrap_or_else(|| "geneva".to_owned());
    sherpa_core::index::configure(sherpa_core::index::default_dir());
    let origin = Origin::Paths(vec![dir.into()]);
    let (width, height) = (250, 80);
    let started = Instant::now();
    let mut app = App::loading(Settings::new("probe", "."), width, height);
    let corpus = origin.load_on_demand();
    let loaded = started.elapsed();
    app.corpus_loaded(corpus);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).map_err(|e| e.to_string())?;
    terminal
        .draw(|frame| ui::draw(frame, &app, Theme::plain()))
        .map_err(|e| e.to_string())?;
    let drawn = started.elapsed();
    eprintln!(
        "loaded {} summits: {loaded:?}; first complete frame: {drawn:?}; documents read: {}",
        app.corpus().len(),
        app.corpus().documents_read()
    );
    let started = Instant::now();
    let _entries = app.summit_entries().get();
    eprintln!("finder entries: {:?}", started.elapsed());
    finder::time_letters(&mut app, &query);
    // The same letters once more, each followed by the frame that answers it, as the
    // runner draws it (without the terminal's own time).
    app.update(Action::OpenFinder);
    for letter in query.chars() {
        let started = Instant::now();
        app.update(Action::FinderInput(letter));
        let updated = started.elapsed();
        terminal
            .draw(|frame| ui::draw(frame, &app, Theme::plain()))
            .map_err(|e| e.to_string())?;
        eprintln!(
            "drawn, letter {letter}: {updated:?} + frame {:?}",
            started.elapsed().saturating_sub(updated)
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    support::finish("start_probe", run(), 2)
}
