use super::*;

fn entry(path: &str, parsed: &[u8]) -> Entry {
    Entry {
        path: PathBuf::from(path),
        known: Known {
            display: path.to_owned(),
            options: 0,
            fingerprint: Fingerprint {
                len: 1,
                modified: 2,
                changed: 3,
                inode: u64::MAX,
                device: 5,
            },
        },
        parsed: Some(Checked::new(parsed.to_vec())),
        summary: Checked::new(format!("summary of {path}").into_bytes()),
    }
}

/// A decoder of summaries that keeps them whole.
const WHOLE_SUMMARY: Option<DecodeSummary<Vec<u8>>> = Some(|summary| Some(summary.to_vec()));

/// An index in a fresh folder for the corpus `roots`, with `rows` stored.
fn stored(dir: &Path, rows: &[&str]) -> Index {
    let mut index = Index::open_for(dir, &[PathBuf::from("corpus")]).unwrap();
    index.store(rows.iter().map(|path| entry(path, b"[1]")));
    index
}

#[test]
fn rows_read_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = stored(dir.path(), &["a.toml", "b.toml"]);
    let known = index.known(WHOLE_SUMMARY);
    assert_eq!(known.len(), 2);
    let a = entry("a.toml", b"");
    assert_eq!(
        known[&b"a.toml"[..]],
        (a.known, Some(a.summary.bytes().to_vec()))
    );
    assert_eq!(
        index.known(NO_SUMMARIES)[&b"b.toml"[..]].1,
        None,
        "the summaries stay on disk unless asked for"
    );
    let reader = Reader::open(index.path()).unwrap();
    assert_eq!(
        reader.parsed(Path::new("b.toml")).as_deref(),
        Some(&b"[1]"[..])
    );
    assert_eq!(reader.parsed(Path::new("c.toml")), None);
    index.forget([&b"a.toml"[..]]);
    assert_eq!(index.known(NO_SUMMARIES).len(), 1);
}

/// Rows are read in two halves by rowid from [`SPLIT_READ_ROWS`]: every row comes back
/// once, with rowids left with gaps by rows rewritten and forgotten, and below it.
#[test]
fn every_row_is_read_from_both_halves() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..SPLIT_READ_ROWS + 3)
        .map(|at| format!("{at}.toml"))
        .collect();
    let mut index = stored(dir.path(), &["0.toml"]);
    assert_eq!(index.known(WHOLE_SUMMARY).len(), 1);
    index.store(names.iter().map(|path| entry(path, b"[1]")));
    index.forget([&b"3.toml"[..], &b"4.toml"[..]]);
    index.store(names[..2].iter().map(|path| entry(path, b"[2]")));
    let known = index.known(WHOLE_SUMMARY);
    assert_eq!(known.len(), names.len() - 2);
    for name in &names {
        let path = name.as_bytes();
        let expected = format!("summary of {name}").into_bytes();
        match known.get(path) {
            Some((_, summary)) => assert_eq!(summary.as_ref(), Some(&expected), "{name}"),
            None => assert!(
                ["3.toml", "4.toml"].contains(&name.as_str()),
                "{name} is read"
            ),
        }
    }
}

/// A hand-edited index may put rows at the ends of the rowids: their span does not fit an
/// `i64`, and halving it must neither overflow nor lose a row.
#[test]
fn rows_at_the_ends_of_the_rowids_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..SPLIT_READ_ROWS)
        .map(|at| format!("{at}.toml"))
        .collect();
    let mut index = stored(dir.path(), &["first.toml", "last.toml"]);
    index.store(names.iter().map(|path| entry(path, b"[1]")));
    let raw = Connection::open(index.path()).unwrap();
    for (path, rowid) in [("first.toml", i64::MIN), ("last.toml", i64::MAX)] {
        raw.execute(
            "UPDATE files SET rowid = ?1 WHERE path = CAST(?2 AS BLOB)",
            rusqlite::params![rowid, path],
        )
        .unwrap();
    }
    let known = index.known(WHOLE_SUMMARY);
    assert_eq!(known.len(), names.len() + 2);
    for name in ["first.toml", "last.toml"] {
        let summary = format!("summary of {name}").into_bytes();
        assert_eq!(known[name.as_bytes()].1.as_ref(), Some(&summary), "{name}");
    }
}

#[test]
fn summaries_read_back_with_their_fingerprints_and_a_changed_one_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("corpus")];
    let whole = |summary: &[u8]| Some(summary.to_vec());
    assert!(summaries(dir.path(), &roots, whole).is_empty());
    assert!(
        !index_path(dir.path(), &roots).exists(),
        "reading summaries creates no index"
    );
    let mut index = stored(dir.path(), &["a.toml", "b.toml"]);
    index.store(std::iter::once(entry("c.toml", b"[1]")));
    let refused = |summary: &[u8]| (!summary.ends_with(b"c.toml")).then(|| summary.to_vec());
    let read = summaries(dir.path(), &roots, refused);
    assert_eq!(read.len(), 2, "the summary of c.toml is refused");
    let a = entry("a.toml", b"");
    assert_eq!(
        read[&b"a.toml"[..]],
        (a.known.fingerprint, a.summary.bytes().to_vec())
    );
    let raw = Connection::open(index.path()).unwrap();
    raw.execute(
        "UPDATE files SET summary = CAST('forged' AS BLOB) WHERE path = CAST('b.toml' AS BLOB)",
        [],
    )
    .unwrap();
    let mut left: Vec<Vec<u8>> = summaries(dir.path(), &roots, whole).into_keys().collect();
    left.sort();
    assert_eq!(left, [b"a.toml".to_vec(), b"c.toml".to_vec()]);
    raw.execute(
        "UPDATE meta SET value = '0 sherpa 0.0.1' WHERE key = 'format'",
        [],
    )
    .unwrap();
    assert!(
        summaries(dir.path(), &roots, whole).is_empty(),
        "another version's"
    );
}

#[test]
fn a_row_changed_behind_the_index_fails_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let index = stored(dir.path(), &["a.toml"]);
    let raw = Connection::open(index.path()).unwrap();
    raw.execute("UPDATE parses SET parsed = CAST('[2]' AS BLOB)", [])
        .unwrap();
    let reader = Reader::open(index.path()).unwrap();
    assert_eq!(reader.parsed(Path::new("a.toml")), None);
}

#[test]
fn an_index_of_another_version_is_rebuilt_empty() {
    let dir = tempfile::tempdir().unwrap();
    let index = stored(dir.path(), &["a.toml"]);
    let raw = Connection::open(index.path()).unwrap();
    raw.execute(
        "UPDATE meta SET value = '0 sherpa 0.0.1' WHERE key = 'format'",
        [],
    )
    .unwrap();
    drop((raw, index));
    let mut reopened = Index::open_for(dir.path(), &[PathBuf::from("corpus")]).unwrap();
    assert!(reopened.known(WHOLE_SUMMARY).is_empty());
}

/// A way to damage an index file, by name.
type Damage = &'static dyn Fn(&Path);

#[test]
fn garbage_truncated_and_mangled_indexes_are_rebuilt_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("corpus")];
    let path = index_path(dir.path(), &roots);
    let rows: Vec<String> = (0..200).map(|i| format!("f{i}.toml")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let damages: [(&str, Damage); 4] = [
        ("garbage", &|path| {
            std::fs::write(path, "not an index at all").unwrap();
        }),
        ("empty", &|path| {
            std::fs::write(path, "").unwrap();
        }),
        ("truncated", &|path| {
            let bytes = std::fs::read(path).unwrap();
            std::fs::write(path, &bytes[..bytes.len() / 3]).unwrap();
        }),
        ("mangled", &|path| {
            let mut bytes = std::fs::read(path).unwrap();
            for byte in bytes.iter_mut().skip(100).step_by(7) {
                *byte = byte.wrapping_add(1);
            }
            std::fs::write(path, bytes).unwrap();
        }),
    ];
    for (what, damage) in damages {
        let index = stored(dir.path(), &rows);
        drop(index);
        // Folded into the main file, so the damage hits what a later open reads.
        Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        damage(&path);
        let mut reopened =
            Index::open_for(dir.path(), &roots).unwrap_or_else(|| panic!("{what}: not rebuilt"));
        let known = reopened.known(WHOLE_SUMMARY);
        assert!(known.len() <= rows.len(), "{what}");
        let reader = Reader::open(reopened.path()).unwrap();
        for (key, (known, summary)) in known {
            // A row that reads back is one that was written.
            let path = PathBuf::from(String::from_utf8(key).unwrap());
            if let Some(parsed) = reader.parsed(&path) {
                assert_eq!(parsed, b"[1]", "{what}");
            }
            if let Some(summary) = summary {
                assert_eq!(summary, format!("summary of {}", known.display).as_bytes());
            }
        }
        remove_index(&path);
    }
}

#[test]
fn indexes_past_the_bound_are_forgotten_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    for at in 0..=MAX_INDEX_FILES {
        drop(Index::open_for(dir.path(), &[PathBuf::from(format!("corpus-{at}"))]).unwrap());
    }
    let files = status(dir.path()).unwrap();
    assert_eq!(files.len(), MAX_INDEX_FILES);
    let newest = index_path(
        dir.path(),
        &[PathBuf::from(format!("corpus-{MAX_INDEX_FILES}"))],
    );
    assert!(files.iter().any(|file| file.path == newest));
    assert_eq!(clear(dir.path()).unwrap(), MAX_INDEX_FILES);
    assert!(status(dir.path()).unwrap().is_empty());
}

#[test]
fn a_write_within_the_clock_tick_before_reading_is_not_settled() {
    let print = Fingerprint {
        modified: 10_000_000_000,
        changed: 10_000_000_000,
        ..Fingerprint::default()
    };
    assert!(!print.is_settled(11_000_000_000));
    assert!(print.is_settled(12_500_000_000));
    assert!(
        !Fingerprint {
            changed: 12_000_000_000,
            ..print
        }
        .is_settled(12_500_000_000)
    );
}

/// The files in `dir` a new index is being written apart in.
fn apart_files(dir: &Path, roots: &[PathBuf]) -> Vec<PathBuf> {
    let (_, prefix) = location::apart_prefix(&index_path(dir, roots));
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
        })
        .collect()
}

#[test]
fn a_new_index_is_written_apart_and_takes_its_path_once_its_rows_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("corpus")];
    let path = index_path(dir.path(), &roots);
    let mut index = Index::open_for(dir.path(), &roots).unwrap();
    assert!(
        !path.exists(),
        "no index under its path while it is written"
    );
    assert!(status(dir.path()).unwrap().is_empty());
    assert_eq!(apart_files(dir.path(), &roots).len(), 1);
    index.store(["a.toml", "b.toml"].iter().map(|path| entry(path, b"[1]")));
    assert!(path.is_file(), "published");
    assert!(apart_files(dir.path(), &roots).is_empty());
    let raw = Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "shared as every index is");
    // Stored again under its path: the rows read back as written, by this index and the next.
    index.store(std::iter::once(entry("c.toml", b"[2]")));
    assert_eq!(index.known(WHOLE_SUMMARY).len(), 3);
    drop(index);
    let mut reopened = Index::open_for(dir.path(), &roots).unwrap();
    let known = reopened.known(WHOLE_SUMMARY);
    let a = entry("a.toml", b"");
    assert_eq!(
        known[&b"a.toml"[..]],
        (a.known, Some(a.summary.bytes().to_vec()))
    );
    let reader = Reader::open(reopened.path()).unwrap();
    assert_eq!(
        reader.parsed(Path::new("c.toml")).as_deref(),
        Some(&b"[2]"[..])
    );
    assert_eq!(status(dir.path()).unwrap()[0].briefings, Some(3));
}

/// Two first runs at once each write a new index apart: the first to finish publishes its
/// own, and the other's is dropped rather than put under a path the first may have open.
#[test]
fn a_new_index_never_replaces_one_published_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("corpus")];
    let mut first = Index::open_for(dir.path(), &roots).unwrap();
    let mut second = Index::open_for(dir.path(), &roots).unwrap();
    assert_eq!(apart_files(dir.path(), &roots).len(), 2);
    second.store(std::iter::once(entry("second.toml", b"[2]")));
    first.store(std::iter::once(entry("first.toml", b"[1]")));
    drop((first, second));
    assert!(apart_files(dir.path(), &roots).is_empty());
    let mut reopened = Index::open_for(dir.path(), &roots).unwrap();
    let known: Vec<Vec<u8>> = reopened.known(NO_SUMMARIES).into_keys().collect();
    assert_eq!(known, [b"second.toml".to_vec()]);
}

/// A process that dies while writing a new index leaves its file: a later build removes it
/// once it has gone unwritten long enough, never one another process is writing, and
/// `cache clear` removes any.
#[test]
fn files_left_by_a_build_that_died_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let roots = [PathBuf::from("corpus")];
    let (_, prefix) = location::apart_prefix(&index_path(dir.path(), &roots));
    let dead = dir.path().join(format!("{prefix}dead"));
    let running = dir.path().join(format!("{prefix}running"));
    std::fs::write(&dead, "half an index").unwrap();
    std::fs::write(&running, "half an index").unwrap();
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&dead)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let mut index = Index::open_for(dir.path(), &roots).unwrap();
    assert!(!dead.exists(), "abandoned");
    assert!(running.exists(), "maybe still being written");
    index.store(std::iter::once(entry("a.toml", b"[1]")));
    drop(index);
    assert_eq!(clear(dir.path()).unwrap(), 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Every byte counts, whichever of the four lanes, the words after them or the last bytes
/// it falls in, and so does the length.
#[test]
fn a_checksum_changes_with_any_byte_and_with_the_length() {
    let bytes: Vec<u8> = (0..103u8).collect();
    let sum = checksum(&bytes);
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 0x10;
        assert_ne!(checksum(&changed), sum, "byte {at}");
    }
    assert_ne!(checksum(&bytes[..102]), sum);
    assert_ne!(checksum(&[0; 32]), checksum(&[0; 33]));
}
