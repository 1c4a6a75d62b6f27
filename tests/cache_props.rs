//! The index never changes an answer: on generated corpora, after random edits (same-size
//! ones with the modification time set back among them), additions, removals and renames,
//! `list` (from the index's small rows), `search`, `timeline`, `board`, `export` and
//! `check` print the same with the index as with `--no-cache`, duplicate ids and dangling
//! links among them. Few cases: each waits for its files to settle, so the index stores
//! them. Searches of rare, common, short, several and capitalised words follow one
//! another, so the first signs the files for the search prefilter and the others are
//! narrowed by it, and each is compared with a search without the index; once the files
//! settle, the searches after the first start from the snapshot it stored.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;

use common::sherpa;
use proptest::prelude::*;

const WORDS: [&str; 6] = [
    "ceasefire",
    "trade",
    "border",
    "sanctions",
    "grain",
    "talks",
];

/// One generated briefing: its words, year, a link to another (which may not be there), an
/// id of its own (which another file may have too), whether it is broken.
#[derive(Debug, Clone)]
struct Made {
    word: usize,
    year: u16,
    link: Option<usize>,
    id: Option<usize>,
    broken: bool,
}

fn made() -> impl Strategy<Value = Made> {
    (
        0..WORDS.len(),
        2000..2030u16,
        proptest::option::of(0..8usize),
        proptest::option::weighted(0.2, 0..4usize),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(word, year, link, id, broken)| Made {
            word,
            year,
            link,
            id,
            broken,
        })
}

fn text(at: usize, made: &Made) -> String {
    if made.broken {
        return format!("[summit\ntitle = \"s{at}\"\n");
    }
    let word = WORDS[made.word];
    let link = made
        .link
        .map(|to| format!("\n[[prior_meetings]]\ndate = 1999-01-01\nplace = \"P\"\nsummary = \"Before\"\nsummit = \"s{to}\"\n"))
        .unwrap_or_default();
    let id = made
        .id
        .map(|id| format!("id = \"s{id}\"\n"))
        .unwrap_or_default();
    format!(
        "[summit]\n{id}title = \"Summit {at} on {word}\"\ndate = {}-03-0{}\nlocation = \"City {at}\"\nsummary = \"Talks on {word} and a ceasefire.\"\n{link}\n[[disagreements]]\nid = \"{word}\"\ntopic = \"The {word} question\"\nsummary = \"Open.\"\nstatus = \"open\"\npositions = [{{ party = \"A\", position = \"For {word}.\" }}, {{ party = \"B\", position = \"Against.\" }}]\n",
        made.year,
        1 + at % 9,
    )
}

/// A change to the corpus, by the position of the file it touches (modulo the files).
#[derive(Debug, Clone)]
enum Change {
    /// New text of the same size, with the modification time set back to what it was.
    SameSizeEdit(usize),
    Edit(usize, Made),
    Add(Made),
    Remove(usize),
    Rename(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..16usize).prop_map(Change::SameSizeEdit),
        (0..16usize, made()).prop_map(|(at, made)| Change::Edit(at, made)),
        made().prop_map(Change::Add),
        (0..16usize).prop_map(Change::Remove),
        (0..16usize).prop_map(Change::Rename),
    ]
}

fn files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

fn apply(folder: &Path, change: &Change, fresh: &mut usize) {
    let files = files(folder);
    if files.is_empty() {
        return;
    }
    let pick = |at: usize| &files[at % files.len()];
    match change {
        Change::SameSizeEdit(at) => {
            let path = pick(*at);
            let modified = std::fs::metadata(path).unwrap().modified().unwrap();
            let mut bytes = std::fs::read(path).unwrap();
            // A digit of the title (or any byte) changes; the size stays.
            if let Some(byte) = bytes.iter_mut().find(|b| b.is_ascii_digit()) {
                *byte = if *byte == b'9' { b'0' } else { *byte + 1 };
            }
            std::fs::write(path, bytes).unwrap();
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
        Change::Edit(at, made) => {
            std::fs::write(pick(*at), text(*at, made)).unwrap();
        }
        Change::Add(made) => {
            *fresh += 1;
            std::fs::write(folder.join(format!("s{fresh}.toml")), text(*fresh, made)).unwrap();
        }
        Change::Remove(at) => std::fs::remove_file(pick(*at)).unwrap(),
        Change::Rename(at) => {
            *fresh += 1;
            std::fs::rename(pick(*at), folder.join(format!("s{fresh}.toml"))).unwrap();
        }
    }
}

fn answers(tmp: &Path, no_cache: bool) -> Vec<(Option<i32>, Vec<u8>, Vec<u8>)> {
    let commands: [&[&str]; 14] = [
        &["list"],
        &["list", "--json"],
        &["search", "ceasefire", "--json"],
        // Text, colour, a summit found by its title, several words and a capital.
        &["search", "summit", "--color=always"],
        &["search", "Talks ceasefire"],
        // After the first search, narrowed by the prefilter: a word of one file in six,
        // one in every file, one too short to narrow, several, and capitals.
        &["search", "sanctions"],
        &["search", "ceasefire"],
        &["search", "on"],
        &["search", "question grain"],
        &["search", "The Border", "--json"],
        &["timeline", "--json"],
        &["board", "--json"],
        &["export", "s1", "--format", "json"],
        &["check", "--format", "json"],
    ];
    commands
        .iter()
        .map(|command| {
            let mut cmd = sherpa(tmp);
            cmd.args(*command).arg("briefings");
            if no_cache {
                cmd.arg("--no-cache");
            }
            let output = cmd.output().unwrap();
            (output.status.code(), output.stdout, output.stderr)
        })
        .collect()
}

/// A search signs the files it reads and stores its catalog, and `cache status` counts the
/// signatures and shows the snapshot; `cache clear` deletes them with the index.
#[test]
fn searches_sign_and_store_what_they_read_and_cache_status_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("briefings");
    std::fs::create_dir(&folder).unwrap();
    for at in 0..3 {
        let made = Made {
            word: at,
            year: 2001,
            link: None,
            id: None,
            broken: false,
        };
        std::fs::write(folder.join(format!("s{at}.toml")), text(at, &made)).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let status = || {
        let output = sherpa(tmp.path())
            .args(["cache", "status"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let search = || {
        sherpa(tmp.path())
            .args(["search", "border", "briefings"])
            .output()
            .unwrap()
    };
    let first = search();
    assert!(!status().contains("search prefilter: 3"), "{}", status());
    assert_eq!(search(), first, "signing");
    assert!(
        status().contains("search prefilter: 3 files signed, "),
        "{}",
        status()
    );
    // What the search read of each file is stored with its signature: the next search
    // reads that instead of parsing the file, and answers the same.
    assert!(
        status().contains("stored for search: 3 files, "),
        "{}",
        status()
    );
    assert_eq!(search(), first, "narrowed");
    // The files settled before the first search: it stored its catalog for the next.
    assert!(status().contains("  search snapshot: "), "{}", status());
    sherpa(tmp.path())
        .args(["cache", "clear"])
        .assert()
        .success();
    assert!(!status().contains("search prefilter"), "{}", status());
    assert!(!status().contains("stored for search"), "{}", status());
    assert!(!status().contains("search snapshot"), "{}", status());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_index_never_changes_an_answer(
        corpus in proptest::collection::vec(made(), 2..8),
        first in proptest::collection::vec(change(), 1..5),
        second in proptest::collection::vec(change(), 1..4),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("briefings");
        std::fs::create_dir(&folder).unwrap();
        for (at, made) in corpus.iter().enumerate() {
            std::fs::write(folder.join(format!("s{at}.toml")), text(at, made)).unwrap();
        }
        let mut fresh = corpus.len();
        // Settled, so the first load stores every file.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        prop_assert_eq!(answers(tmp.path(), false), answers(tmp.path(), true), "cold");
        prop_assert_eq!(answers(tmp.path(), false), answers(tmp.path(), true), "warm");
        for change in &first {
            apply(&folder, change, &mut fresh);
        }
        prop_assert_eq!(answers(tmp.path(), false), answers(tmp.path(), true), "after {:?}", first);
        for change in &second {
            apply(&folder, change, &mut fresh);
        }
        prop_assert_eq!(answers(tmp.path(), false), answers(tmp.path(), true), "after {:?}", second);
        // Settled again: the first search stores a snapshot of the corpus as it is now, and
        // the searches after it start from it.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        prop_assert_eq!(answers(tmp.path(), false), answers(tmp.path(), true), "settled after {:?}", second);
    }
}
