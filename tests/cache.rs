//! The index of parsed briefings from the command line: `sherpa cache status|clear`,
//! `--no-cache` and `SHERPA_NO_CACHE`, and an index that is damaged, of another version or
//! shared by several processes at once giving the same answers as none.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::{Path, PathBuf};

use common::{bundled, sherpa};

/// A corpus in `tmp/briefings`: the bundled briefings, a broken file and one with a warning,
/// settled (written long enough ago to be stored in the index).
fn corpus(tmp: &Path) -> PathBuf {
    let folder = tmp.join("briefings");
    std::fs::create_dir(&folder).unwrap();
    for entry in std::fs::read_dir(bundled()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(folder.join("broken.toml"), "[summit\ntitle = 1\n").unwrap();
    std::fs::write(
        folder.join("odd.toml"),
        "[summit]\ntitle = \"Odd\"\ndate = 2030-01-01\nlocation = \"Nowhere\"\nlocaton = \"x\"\n",
    )
    .unwrap();
    // Files written within two seconds of a start are parsed but not stored.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    folder
}

/// What a command shows: its exit status, stdout and stderr.
fn run(tmp: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = sherpa(tmp).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The one index file under `tmp`'s cache folder.
fn index_file(tmp: &Path) -> PathBuf {
    let dir = tmp.join("cache/sherpa/index");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sqlite"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

const COMMANDS: [&[&str]; 5] = [
    &["list", "briefings"],
    &["list", "--json", "briefings"],
    &["search", "ceasefire", "briefings"],
    &["board", "--width", "100", "briefings"],
    &["timeline", "--json", "briefings"],
];

/// Every command answers as it does without the index.
fn assert_same_as_without_index(tmp: &Path, when: &str) {
    for command in COMMANDS {
        let without = run(tmp, &[command, &["--no-cache"]].concat());
        assert_eq!(run(tmp, command), without, "{when}: {command:?}");
    }
}

#[test]
fn status_counts_what_a_load_stored_and_clear_deletes_it() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let (_, status, _) = run(tmp.path(), &["cache", "status"]);
    assert!(status.ends_with("0 of 16 indexes, 0 bytes\n"), "{status}");
    run(tmp.path(), &["list", "briefings"]);
    let (code, status, _) = run(tmp.path(), &["cache", "status"]);
    assert_eq!(code, Some(0));
    let files = std::fs::read_dir(bundled()).unwrap().count() + 2;
    assert!(status.contains(&format!(" {files} files ")), "{status}");
    assert!(status.contains("1 of 16 indexes"), "{status}");
    let (code, cleared, _) = run(tmp.path(), &["cache", "clear"]);
    assert_eq!(code, Some(0));
    assert!(cleared.starts_with("deleted 1 index from "), "{cleared}");
    let (_, status, _) = run(tmp.path(), &["cache", "status"]);
    assert!(status.contains("0 of 16 indexes"), "{status}");
}

#[test]
fn no_cache_and_its_variable_neither_read_nor_write_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let index = tmp.path().join("cache/sherpa/index");
    sherpa(tmp.path())
        .args(["list", "--no-cache", "briefings"])
        .assert()
        .code(1);
    sherpa(tmp.path())
        .args(["--no-cache", "list", "briefings"])
        .assert()
        .code(1);
    sherpa(tmp.path())
        .args(["list", "briefings"])
        .env("SHERPA_NO_CACHE", "1")
        .assert()
        .code(1);
    assert!(!index.exists(), "nothing written");
    sherpa(tmp.path())
        .args(["list", "briefings"])
        .env("SHERPA_NO_CACHE", "0")
        .assert()
        .code(1);
    assert!(index_file(tmp.path()).exists(), "`0` means use it");
}

#[test]
fn a_warm_index_and_edits_under_it_answer_as_without_one() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = corpus(tmp.path());
    assert_same_as_without_index(tmp.path(), "cold");
    assert_same_as_without_index(tmp.path(), "warm");
    // A rename, a removal, an edit that fixes the broken file and one that breaks another.
    std::fs::rename(folder.join("odd.toml"), folder.join("renamed.toml")).unwrap();
    std::fs::remove_file(folder.join("helsinki-2018.toml")).unwrap();
    std::fs::write(
        folder.join("broken.toml"),
        "[summit]\ntitle = \"Fixed\"\ndate = 2031-01-01\nlocation = \"Here\"\n",
    )
    .unwrap();
    std::fs::write(folder.join("geneva-2021.toml"), "[summit]\n").unwrap();
    assert_same_as_without_index(tmp.path(), "after edits");
}

/// Ways an index file can be damaged or changed behind sherpa's back.
type Damage = fn(&[u8]) -> Vec<u8>;

#[test]
fn a_damaged_or_foreign_index_is_rebuilt_and_never_changes_an_answer() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let replace = |bytes: &[u8], from: &[u8], to: &[u8]| -> Vec<u8> {
        let at = bytes
            .windows(from.len())
            .position(|window| window == from)
            .expect("the text is in the index");
        [&bytes[..at], to, &bytes[at + from.len()..]].concat()
    };
    let ways: [(&str, Damage); 6] = [
        ("garbage", |_| b"this is not an index".to_vec()),
        ("empty", |_| Vec::new()),
        ("truncated", |bytes| bytes[..bytes.len() / 2].to_vec()),
        ("zeroed middle", |bytes| {
            let mut bytes = bytes.to_vec();
            let middle = bytes.len() / 2;
            let end = (middle + 4096).min(bytes.len());
            bytes[middle..end].fill(0);
            bytes
        }),
        ("flipped bytes", |bytes| {
            bytes
                .iter()
                .enumerate()
                .map(|(at, byte)| {
                    if at > 200 && at % 97 == 0 {
                        !byte
                    } else {
                        *byte
                    }
                })
                .collect()
        }),
        ("another version", |bytes| bytes.to_vec()),
    ];
    for (what, damage) in ways {
        run(tmp.path(), &["list", "briefings"]);
        let path = index_file(tmp.path());
        let bytes = std::fs::read(&path).unwrap();
        let damaged = if what == "another version" {
            // Same length, so the file stays valid SQLite: only the stamp differs.
            let version = env!("CARGO_PKG_VERSION");
            let format = sherpa_core::index::FORMAT;
            let other = "9".repeat(format.len());
            replace(
                &bytes,
                format!("{format} sherpa {version}").as_bytes(),
                format!("{other} sherpa {version}").as_bytes(),
            )
        } else {
            damage(&bytes)
        };
        std::fs::write(&path, damaged).unwrap();
        assert_same_as_without_index(tmp.path(), what);
        let (_, status, _) = run(tmp.path(), &["cache", "status"]);
        assert!(status.contains(" files "), "{what}: rebuilt: {status}");
    }
}

#[test]
fn processes_sharing_one_index_all_answer_as_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let expected = run(tmp.path(), &["list", "--json", "--no-cache", "briefings"]);
    for round in ["cold", "warm"] {
        let answers: Vec<_> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| run(tmp.path(), &["list", "--json", "briefings"])))
                .collect();
            runs.into_iter().map(|run| run.join().unwrap()).collect()
        });
        for answer in answers {
            assert_eq!(answer, expected, "{round}");
        }
    }
}

/// `list` reads the index's small rows, not the briefings: a duplicate id and a dangling
/// link (found across files at every start) and the exit status are as without the index,
/// cold, warm and after the kept file of the duplicate goes.
#[test]
fn list_from_the_rows_reports_a_duplicate_and_a_dangling_link_as_without_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = corpus(tmp.path());
    std::fs::write(
        folder.join("zz-copy.toml"),
        "[summit]\nid = \"helsinki-2018\"\ntitle = \"Copy\"\ndate = 2018-07-16\nlocation = \"X\"\n\n\
         [[prior_meetings]]\ndate = 2017-01-01\nplace = \"P\"\nsummary = \"S\"\nsummit = \"nowhere-1999\"\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("linked.toml"),
        "[summit]\ntitle = \"Linked\"\ndate = 2040-01-01\nlocation = \"Y\"\n\n\
         [[prior_meetings]]\ndate = 2039-01-01\nplace = \"P\"\nsummary = \"S\"\nsummit = \"elsewhere-2039\"\n",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let commands: [&[&str]; 3] = [
        &["list", "briefings"],
        &["list", "--json", "briefings"],
        &["check", "--format", "json", "briefings"],
    ];
    let same = |when: &str| {
        for command in commands {
            let without = run(tmp.path(), &[command, &["--no-cache"]].concat());
            assert_eq!(run(tmp.path(), command), without, "{when}: {command:?}");
        }
    };
    same("cold");
    same("warm");
    let (code, _, stderr) = run(tmp.path(), commands[0]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("zz-copy.toml:2:1: error: duplicate summit id \"helsinki-2018\""),
        "{stderr}"
    );
    let (_, checked, _) = run(tmp.path(), commands[2]);
    assert!(checked.contains("elsewhere-2039"), "{checked}");
    std::fs::remove_file(folder.join("helsinki-2018.toml")).unwrap();
    same("the kept file removed");
    let (_, listed, _) = run(tmp.path(), commands[0]);
    assert!(listed.contains("Copy"), "the copy is listed now: {listed}");
    let (_, checked, _) = run(tmp.path(), commands[2]);
    assert!(checked.contains("nowhere-1999"), "{checked}");
}

/// `list`'s columns, written piece by piece rather than formatted: ids padded to the
/// longest, locations to the widest on screen (a CJK character takes two columns), titles
/// sanitised (a bidi override shows as its escape, a dash stays), the same warm, cold and
/// without the index; summits sharing a date each show it.
#[test]
fn list_aligns_its_columns_by_width_the_same_with_and_without_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("briefings");
    std::fs::create_dir(&folder).unwrap();
    for (name, location, date, title) in [
        ("a", "東京", "2020-01-02", "T – one"),
        ("bb-long", "Oslo", "2020-01-02", "x\\u202Ey"),
        ("c", "Zürich", "2021-05-06", "Z"),
    ] {
        std::fs::write(
            folder.join(format!("{name}.toml")),
            format!("[summit]\ntitle = \"{title}\"\ndate = {date}\nlocation = \"{location}\"\n"),
        )
        .unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let expected = "a        2020-01-02  東京    T – one\n\
                    bb-long  2020-01-02  Oslo    x\\u{202e}y\n\
                    c        2021-05-06  Zürich  Z\n";
    for (when, args) in [
        ("cold", &["list", "briefings"][..]),
        ("warm", &["list", "briefings"]),
        ("without the index", &["list", "--no-cache", "briefings"]),
    ] {
        let (code, listed, _) = run(tmp.path(), args);
        assert_eq!((code, listed.as_str()), (Some(0), expected), "{when}");
    }
}

/// What fish's registration asks at a Tab after `words`: the candidates, one a line.
fn tab(tmp: &Path, words: &[&str]) -> String {
    let output = sherpa(tmp)
        .env("SHERPA_COMPLETE", "fish")
        .args([&["--", "sherpa"], words].concat())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{words:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_tab_offers_the_same_from_the_index_as_from_the_files_and_writes_none() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = corpus(tmp.path());
    let tabs: [&[&str]; 4] = [
        &["show", "--dir", "briefings", ""],
        &["timeline", "--dir", "briefings", "--participant", ""],
        &["book", "--dir", "briefings", "--tag", ""],
        &["track", "--dir", "briefings", ""],
    ];
    let without: Vec<String> = tabs
        .iter()
        .map(|words| tab(tmp.path(), &[&["--no-cache"], *words].concat()))
        .collect();
    assert!(without[0].contains("helsinki-2018\n"), "{}", without[0]);
    for offered in &without {
        assert!(
            offered.lines().count() > 1 && !offered.contains("briefings/"),
            "values, not paths: {offered}"
        );
    }
    let index = tmp.path().join("cache/sherpa/index");
    for (words, without) in tabs.iter().zip(&without) {
        assert_eq!(&tab(tmp.path(), words), without, "no index: {words:?}");
    }
    assert!(!index.exists(), "a Tab writes no index");
    run(tmp.path(), &["list", "briefings"]);
    for (words, without) in tabs.iter().zip(&without) {
        assert_eq!(&tab(tmp.path(), words), without, "warm: {words:?}");
    }
    std::fs::remove_file(folder.join("helsinki-2018.toml")).unwrap();
    std::fs::write(
        folder.join("broken.toml"),
        "[summit]\nid = \"fixed-2031\"\ntitle = \"F\"\ndate = 2031-01-01\nlocation = \"H\"\n",
    )
    .unwrap();
    let ids = tab(tmp.path(), tabs[0]);
    assert!(!ids.contains("helsinki-2018\n"), "{ids}");
    assert!(ids.contains("fixed-2031\n"), "{ids}");
    assert_eq!(ids, tab(tmp.path(), &[&["--no-cache"], tabs[0]].concat()));
}

/// `count` settled briefings, each with a participant and a tag, in `tmp/many`.
fn many(tmp: &Path, count: usize) -> PathBuf {
    let folder = tmp.join("many");
    std::fs::create_dir(&folder).unwrap();
    for at in 0..count {
        let text = format!(
            "[summit]\ntitle = \"Summit {at}\"\ndate = 2020-01-{:02}\nlocation = \"L\"\n\
             tags = [\"tag-{}\"]\n\n[[participants]]\nname = \"Person {at}\"\nrole = \"r\"\n",
            at % 28 + 1,
            at % 3
        );
        std::fs::write(folder.join(format!("s{at}.toml")), text).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    folder
}

/// The reader's start over a warm index reads the documents its first screen shows, not
/// the corpus: the summit list, the finder's entries, your notes' places, the summits
/// changed since read and narrowing come from the catalog rows.
#[test]
fn the_readers_start_reads_only_the_documents_it_shows() {
    use sherpa::app::{App, Settings};
    use sherpa_core::corpus::{Corpus, LoadOptions};
    let tmp = tempfile::tempdir().unwrap();
    let count = 60;
    let folder = many(tmp.path(), count);
    let cache = tmp.path().join("cache");
    let load = || {
        Corpus::load_paths_on_demand(
            std::slice::from_ref(&folder),
            LoadOptions::default(),
            Some(&cache),
        )
    };
    assert_eq!(
        load().documents_read(),
        0,
        "cold: every file parsed, none read"
    );
    let mut app = App::loading(Settings::new("many", "."), 120, 40);
    app.corpus_loaded(load());
    let first_frame = common::drawn(&app);
    assert!(first_frame.contains("Person"), "{first_frame}");
    // What the runner does after the first complete frame (the search index is built
    // then too, but only up to `WARM_SEARCH_INDEX_UP_TO` summits).
    let entries = app.summit_entries().get().clone();
    let _placed = app.finder_notes().placed().count();
    app.book_loaded(sherpa_core::store::Store::default(), &[]);
    app.versions_loaded(sherpa_core::store::Remembered::default());
    let _ = common::drawn(&app);
    assert!(
        app.corpus().documents_read() <= 2,
        "{} documents read of {count}",
        app.corpus().documents_read()
    );
    assert_eq!(entries.len(), count);
    // Narrowing to a tag reads no document either.
    app.narrow_to(sherpa::app::Narrowing::Tag("tag-1".to_owned()));
    assert_eq!(app.narrowed().unwrap().positions.len(), count / 3);
    assert!(app.corpus().documents_read() <= 2);
}
