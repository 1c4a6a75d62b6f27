//! What the in-process probes share: timing the finder's keystrokes on the app itself.

use std::time::Instant;

use sherpa::action::Action;
use sherpa::app::App;

/// Opens the finder three times and types `query` letter by letter, printing how long
/// the app took to answer each letter (matching on the calling thread, no drawing).
pub fn time_letters(app: &mut App, query: &str) {
    for round in 0..3 {
        app.update(Action::OpenFinder);
        for letter in query.chars() {
            let started = Instant::now();
            app.update(Action::FinderInput(letter));
            eprintln!("round {round}, letter {letter}: {:?}", started.elapsed());
        }
        app.update(Action::Close);
    }
}
