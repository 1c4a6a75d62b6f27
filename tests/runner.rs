//! The contract between the reader's state and the runner: `update` names the work and
//! the runner does it, so no action reads a file or the environment.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use sherpa::app::{Action, App, Effect, Settings};
use sherpa_core::corpus::{Corpus, ItemPlace};
use sherpa_core::model::ItemTable;

#[test]
fn edit_briefing_names_the_file_and_item_without_reading_either() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("alpha.toml");
    std::fs::copy(common::fixtures("good").join("alpha.toml"), &file).unwrap();
    let corpus = Corpus::load_paths(std::slice::from_ref(&file));
    let mut app = App::new(corpus, Settings::new("t", "."), 120, 40);
    // The file is gone and nothing can be read: `update` must not need to. (Before, it read
    // the file for the line and `$VISUAL`/`$EDITOR` for the program.)
    std::fs::remove_file(&file).unwrap();
    app.update(Action::Down);
    let effect = app.update(Action::EditBriefing);
    assert_eq!(
        effect,
        Effect::Edit {
            file: file.clone(),
            at: sherpa::app::EditAt::Item(ItemPlace::Item(ItemTable::Participants, 1)),
        }
    );
    assert_eq!(
        app.status(),
        None,
        "nothing to report before the editor runs"
    );
}

#[test]
fn a_reload_counts_one_briefing_in_the_singular() {
    let one = || Corpus::load_paths(&[common::fixtures("good").join("alpha.toml")]);
    let mut app = App::new(one(), Settings::new("t", "."), 120, 40);
    app.corpus_reloaded(one());
    assert_eq!(app.status().unwrap().text, "Reloaded 1 briefing");
}
