//! The book checks: each fires on a small fixture at the item it is about, stays silent on
//! a good book, and the bundled briefings pass them.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use sherpa_core::analysis::book_checks::check_book;
use sherpa_core::corpus::Corpus;
use sherpa_core::diagnostics::{Diagnostic, Severity};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/book_checks")
        .join(name)
}

/// The book checks' findings for a fixture folder, as `file:line: message` lines.
fn findings(name: &str) -> Vec<String> {
    let corpus = Corpus::load_paths(&[fixture(name)]);
    assert!(
        corpus.diagnostics().is_empty(),
        "{:?}",
        corpus.diagnostics()
    );
    check_book(&corpus).iter().map(short).collect()
}

fn short(diagnostic: &Diagnostic) -> String {
    assert_eq!(diagnostic.severity, Severity::Warning, "{diagnostic:?}");
    let file = Path::new(&diagnostic.path)
        .file_name()
        .unwrap()
        .to_string_lossy();
    match diagnostic.line {
        Some(line) => format!("{file}:{line}: {}", diagnostic.message),
        None => format!("{file}: {}", diagnostic.message),
    }
}

#[test]
fn a_good_book_passes_every_check() {
    assert_eq!(findings("good"), Vec::<String>::new());
}

#[test]
fn a_disagreement_with_fewer_than_two_parties_is_reported_at_its_header() {
    assert_eq!(
        findings("one-sided"),
        [
            "lone.toml:9: disagreements[0] (Fishing rights): gives one party's position; a disagreement needs the positions of at least 2 parties",
            "lone.toml:15: disagreements[1] (Tariffs): gives no party's position; a disagreement needs the positions of at least 2 parties",
            "lone.toml:18: disagreements[2] (Grain): gives one party's position; a disagreement needs the positions of at least 2 parties",
        ]
    );
}

#[test]
fn a_tracked_status_that_moves_without_a_summary_is_reported_at_the_later_summit() {
    assert_eq!(
        findings("unexplained-move"),
        [
            "b-second.toml:9: disagreements[0] (The old debt): \"debt\" moves from narrowed at a-first to open here without a summary saying why",
        ]
    );
}

#[test]
fn a_status_move_is_judged_against_the_previous_summit_by_date_not_by_file_name() {
    // The later summit in a file that sorts first: dates order the summits.
    let earlier = std::fs::read_to_string(fixture("unexplained-move/a-first.toml")).unwrap();
    let later = std::fs::read_to_string(fixture("unexplained-move/b-second.toml")).unwrap();
    let corpus = Corpus::from_sources([("z.toml", earlier.as_str()), ("a.toml", later.as_str())]);
    let found: Vec<String> = check_book(&corpus).iter().map(short).collect();
    assert_eq!(
        found,
        [
            "a.toml: disagreements[0] (The old debt): \"debt\" moves from narrowed at a-first to open here without a summary saying why"
        ],
        "no file on disk: the path and the item's name, without a line"
    );
}

#[test]
fn a_source_without_a_date_or_with_a_cut_title_is_reported_at_its_entry() {
    assert_eq!(
        findings("incomplete-sources"),
        [
            "sources.toml:8: sources[0] (undated): has no date; give the date the page carries",
            "sources.toml:12: sources[1] (cut): title ends in an ellipsis; write the headline whole",
            "sources.toml:17: sources[2] (dots): title ends in an ellipsis; write the headline whole",
        ]
    );
}

#[test]
fn a_file_with_many_problems_shows_the_first_hundred_and_counts_the_rest() {
    let mut text = String::from("[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"L\"\n");
    for n in 0..150 {
        text.push_str(&format!("\n[[disagreements]]\ntopic = \"Topic {n}\"\n"));
    }
    let corpus = Corpus::from_sources([("many.toml", text.as_str())]);
    let found = check_book(&corpus);
    assert_eq!(found.len(), 101, "100 shown and one summary");
    let summary = found.last().unwrap();
    assert_eq!(summary.omitted, 50);
    assert!(
        summary.message.contains("50 more warnings"),
        "{}",
        summary.message
    );
    assert_eq!(
        sherpa_core::diagnostics::count(&found),
        (0, 150),
        "the count stays exact"
    );
}

#[test]
fn the_bundled_briefings_pass_the_book_checks() {
    let corpus = Corpus::load_bundled();
    let found: Vec<String> = check_book(&corpus)
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}
