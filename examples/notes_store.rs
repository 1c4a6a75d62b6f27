//! Writes a store of your own book for a generated corpus: notes and marks anchored to real
//! items of random summits, in the store's real format and place, so the reader's speed with
//! many notes can be measured (issue 26: 1,000 notes over 10,000 briefings).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --count 10000 --seed 1 --out /tmp/corpus-10k
//! XDG_DATA_HOME=/tmp/notes-data cargo run --release --example notes_store -- \
//!     --dir /tmp/corpus-10k --notes 1000 --marks 100
//! XDG_DATA_HOME=/tmp/notes-data target/release/sherpa /tmp/corpus-10k   # reads them
//! ```
//!
//! Options (all optional but `--dir`): `--notes N` (default 1000), `--marks N` (default
//! 100), `--orphaned N` notes whose item is gone (default 0: a key no summit has, with a
//! quote no item has, the worst case for anchoring), `--seed S` (default 1). The same
//! corpus, counts and seed give the same entries; every `at` is the same fixed day.
//!
//! The file goes where the reader looks for it (`BookFile::of` the folder, under
//! `$XDG_DATA_HOME/sherpa/books/`) and is written by `Store::save`, as the reader writes
//! it; an existing store there is merged with, as the reader would. The path is printed.

#[path = "support/mod.rs"]
mod support;

use std::path::PathBuf;

use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::document::{Pane, pane_items};
use sherpa_core::item_key::ItemKey;
use sherpa_core::store::{Anchor, BookFile, Store};

#[path = "gen_corpus.rs"]
#[allow(dead_code)] // Only its random numbers are used here.
mod gen_corpus;

use gen_corpus::Rng;

/// 2026-12-01, so every run writes the same file.
const WRITTEN_AT: u64 = 1_764_547_200;

/// What notes say: short working notes, as a reader preparing a meeting writes them.
const OPENINGS: &[&str] = &[
    "ask about",
    "check",
    "compare with",
    "raise",
    "follow up on",
    "brief the minister on",
    "get the numbers for",
    "who drafted",
];
const SUBJECTS: &[&str] = &[
    "the 2018 deal",
    "the verification regime",
    "the ceasefire line",
    "the sanctions package",
    "the delegation's red lines",
    "the energy transit fees",
    "last year's communiqué",
    "the Geneva text",
    "the grain corridor",
    "what changed since the last round",
];
const ENDINGS: &[&str] = &[
    "",
    " before the plenary",
    " — see the annex",
    "; they may push back",
    " with the legal team",
];

struct Options {
    dir: PathBuf,
    notes: usize,
    marks: usize,
    orphaned: usize,
    seed: u64,
}

const USAGE: &str =
    "usage: notes_store --dir DIR [--notes N] [--marks N] [--orphaned N] [--seed S]";

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        dir: PathBuf::new(),
        notes: 1000,
        marks: 100,
        orphaned: 0,
        seed: 1,
    };
    for (flag, value) in support::flag_pairs(USAGE)? {
        let number = |text: &str| support::number::<usize>(&flag, text);
        match flag.as_str() {
            "--dir" => options.dir = PathBuf::from(&value),
            "--notes" => options.notes = number(&value)?,
            "--marks" => options.marks = number(&value)?,
            "--orphaned" => options.orphaned = number(&value)?,
            "--seed" => options.seed = support::number(&flag, &value)?,
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if options.dir.as_os_str().is_empty() {
        return Err(format!("--dir is required\n{USAGE}"));
    }
    Ok(options)
}

/// A random item of a random summit and pane (panes without items are drawn again).
fn random_anchor(rng: &mut Rng, corpus: &Corpus) -> Anchor {
    loop {
        let briefing = &corpus.briefings()[rng.range(0, corpus.len() - 1)];
        let items = pane_items(briefing, rng.pick(&Pane::ALL));
        if !items.is_empty() {
            return Anchor::of(&items[rng.range(0, items.len() - 1)]);
        }
    }
}

fn note_text(rng: &mut Rng) -> String {
    format!(
        "{} {}{}",
        rng.pick(OPENINGS),
        rng.pick(SUBJECTS),
        rng.pick(ENDINGS)
    )
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let origin = Origin::Paths(vec![options.dir.clone()]);
    let corpus = origin.load();
    if corpus.is_empty() {
        return Err(format!("{}: no briefings", options.dir.display()));
    }
    let book = BookFile::of(&origin).ok_or("this platform has no data folder")?;
    let mut rng = Rng::new(options.seed);
    let mut store = Store::new(book.sources.clone());
    // One note per item: a second note drawn for an item replaces the first, so draw until
    // there are as many items as notes asked for.
    let mut noted = 0;
    while noted < options.notes {
        let anchor = random_anchor(&mut rng, &corpus);
        if store.note(&anchor.key).is_none() {
            noted += 1;
        }
        store.set_note(anchor, &note_text(&mut rng), WRITTEN_AT);
    }
    for index in 0..options.orphaned {
        let key = ItemKey::parse(&format!("gone-summit-{index}/goals/gone-goal"))
            .map_err(|error| error.to_string())?;
        let anchor = Anchor {
            key,
            quote: format!("A goal no briefing has any more, number {index}"),
        };
        store.set_note(anchor, &note_text(&mut rng), WRITTEN_AT);
    }
    let mut marked = 0;
    while marked < options.marks {
        let anchor = random_anchor(&mut rng, &corpus);
        if !store.is_marked(&anchor.key) {
            store.toggle_mark(anchor, WRITTEN_AT);
            marked += 1;
        }
    }
    let problems = store.save(&book.path).map_err(|error| error.to_string())?;
    for problem in problems {
        eprintln!("{problem}");
    }
    println!(
        "{}: {} notes ({} orphaned), {} marks for {} briefings",
        book.path.display(),
        store.notes().count(),
        options.orphaned,
        store.marks().count(),
        corpus.len()
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    support::finish("notes_store", run(), 2)
}
