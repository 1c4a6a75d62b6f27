//! Stable item identity in the reader: the selection follows what an item is, not where it
//! stands, when a briefing is edited and read again.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::fixtures;
use sherpa::app::{Action, App, Settings};
use sherpa::grid::GridPane;
use sherpa_core::corpus::Corpus;

/// A reader on a copy of the invented book, on `summit`, with the second participant
/// selected; returns it with the copied folder.
fn reader_on_second_participant(summit: &str) -> (App, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixtures("book")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
    }
    let corpus = Corpus::load_paths(&[tmp.path().to_path_buf()]);
    let position = corpus.position(summit).unwrap();
    let mut app = App::new(corpus, Settings::new("book", "."), 120, 40);
    while app.current() != position {
        app.update(Action::NextSummit);
    }
    app.update(Action::FocusPane(GridPane::Participants));
    app.update(Action::Down);
    (app, tmp)
}

fn selected_name(app: &App) -> String {
    let index = app.pane(GridPane::Participants).selected;
    app.briefing().unwrap().participants[index].name.clone()
}

fn reload(app: &mut App, folder: &std::path::Path) {
    app.corpus_reloaded(Corpus::load_paths(&[folder.to_path_buf()]));
}

#[test]
fn a_participant_inserted_above_the_selected_one_keeps_the_selection_on_the_same_person() {
    let (mut app, tmp) = reader_on_second_participant("harbour-2012");
    assert_eq!(selected_name(&app), "Bruno Øberg");
    let file = tmp.path().join("harbour-2012.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let inserted = text.replacen(
        "[[participants]]",
        "[[participants]]\nname = \"Gia Newcomer\"\nrole = \"Adviser\"\nsources = [\"s1\"]\n\n[[participants]]",
        1,
    );
    std::fs::write(&file, inserted).unwrap();
    reload(&mut app, tmp.path());
    assert_eq!(app.briefing().unwrap().participants[0].name, "Gia Newcomer");
    assert_eq!(selected_name(&app), "Bruno Øberg");
    assert_eq!(app.focus(), GridPane::Participants);
}

#[test]
fn participants_reordered_keep_the_selection_on_the_same_person() {
    let (mut app, tmp) = reader_on_second_participant("lakeside-2011");
    assert_eq!(selected_name(&app), "Bruno Øberg");
    let file = tmp.path().join("lakeside-2011.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // Ada moves from first to last.
    let ada = "\n[[participants]]\nname = \"Ada Lindqvist\"\nrole = \"Prime Minister\"\ndelegation = \"North\"\nnotes = \"Ada speaks for North at Lakeside talks.\"\nsources = [\"s1\"]\n";
    assert!(text.contains(ada));
    let reordered =
        text.replacen(ada, "", 1)
            .replacen("\n[[goals]]", &format!("{ada}\n[[goals]]"), 1);
    std::fs::write(&file, reordered).unwrap();
    reload(&mut app, tmp.path());
    assert_eq!(
        app.briefing().unwrap().participants[2].name,
        "Ada Lindqvist"
    );
    assert_eq!(selected_name(&app), "Bruno Øberg");
}

#[test]
fn a_selected_participant_removed_leaves_the_selection_at_its_place() {
    let (mut app, tmp) = reader_on_second_participant("lakeside-2011");
    let file = tmp.path().join("lakeside-2011.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let bruno = "\n[[participants]]\nname = \"Bruno Øberg\"\nrole = \"President\"\ndelegation = \"South\"\nnotes = \"Bruno speaks for South at Lakeside talks.\"\nsources = [\"s1\"]\n";
    assert!(text.contains(bruno));
    std::fs::write(&file, text.replacen(bruno, "", 1)).unwrap();
    reload(&mut app, tmp.path());
    assert_eq!(app.pane(GridPane::Participants).selected, 1);
    assert_eq!(selected_name(&app), "Łucja Þórsdóttir");
}
