use proptest::prelude::*;
use rusqlite::params;

use super::super::{Fingerprint, SCHEMA, path_key};
use super::*;

fn query(text: &str) -> Grams {
    Grams::of(&Query::new(text).unwrap()).unwrap()
}

fn holds(text: &str, words: &str) -> bool {
    Signature::holds(Signature::of(text).bytes(), &query(words)).unwrap()
}

/// Letters, some of several bytes, that fold to themselves (text as the search index holds
/// it), spaces and the parts' line breaks.
fn folded_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a"),
            Just("b"),
            Just("c"),
            Just("ж"),
            Just("中"),
            Just("σ"),
            Just(" "),
            Just("\n")
        ],
        0..400,
    )
    .prop_map(|letters| letters.concat())
}

/// The signature of `text` as the module describes it, every trigram hashed and set: what
/// [`Signature::of`], which skips the trigrams it has just set, must equal bit for bit.
fn every_gram_set(text: &str) -> Vec<u8> {
    let reference = Signature::of(text);
    let log2 = reference.bytes()[1];
    let mut bytes = vec![0; reference.bytes().len()];
    bytes[..HEADER_BYTES].copy_from_slice(&[SCHEME, log2]);
    for hash in grams(text.as_bytes()) {
        for bit in probes(hash, log2) {
            bytes[HEADER_BYTES + bit / 8] |= 1 << (bit % 8);
        }
    }
    bytes
}

/// A text of more distinct trigrams than the table of those set has slots, each several
/// times and in another order: grams that share a slot push each other out, and every
/// one's bits are still set.
#[test]
fn a_signature_of_many_distinct_trigrams_has_every_one_s_bits() {
    let letters = "abcdefghijklmnopqrstuvwxyzé";
    let words: Vec<String> = (letters.chars())
        .flat_map(|a| letters.chars().map(move |b| format!("{a}{b}{a}")))
        .collect();
    let text = format!(
        "{} {}",
        words.join(" "),
        words.iter().rev().cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(text.len() > 1 << SEEN_LOG2);
    assert_eq!(Signature::of(&text).bytes(), &every_gram_set(&text)[..]);
}

proptest! {
    /// Skipping the trigrams already set changes no bit: signatures stored before read the
    /// same, whatever the text (repeats, many distinct trigrams, several-byte letters).
    #[test]
    fn a_signature_has_every_trigram_s_bits(text in folded_text(), repeats in 1..4usize) {
        let text = text.repeat(repeats);
        let signature = Signature::of(&text);
        prop_assert_eq!(signature.bytes(), &every_gram_set(&text)[..]);
    }

    /// The prefilter never rules out a file that holds a match: every word of a text, and
    /// any two of them, pass its signature.
    #[test]
    fn a_signature_lets_through_every_word_its_text_holds(text in folded_text()) {
        let words: Vec<&str> = text.split_whitespace().collect();
        for (at, word) in words.iter().enumerate() {
            let pair = format!("{word} {}", words[(at * 7) % words.len()]);
            for asked in [*word, pair.as_str()] {
                if Grams::of(&Query::new(asked).unwrap()).is_some() {
                    prop_assert!(holds(&text, asked), "{asked:?} in {text:?}");
                }
            }
        }
    }
}

/// A briefing's worth of words (about what a generated briefing's search text holds).
fn briefing_text(seed: usize) -> String {
    (0..900)
        .map(|at| format!("w{}x", (at * 7919 + seed * 104_729) % 50_000))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_signature_rules_out_nearly_every_word_its_text_lacks() {
    let text = briefing_text(1);
    let absent: Vec<String> = (0..200).map(|at| format!("q{at}zy")).collect();
    let passed = absent.iter().filter(|word| holds(&text, word)).count();
    assert!(passed <= 10, "{passed} of 200 absent words passed");
    let bytes = Signature::of(&text).bytes().len();
    assert!(bytes <= HEADER_BYTES + 2048, "{bytes} bytes");
}

#[test]
fn words_under_three_bytes_cannot_narrow_a_query_but_longer_ones_beside_them_do() {
    assert!(Grams::of(&Query::new("ab").unwrap()).is_none());
    assert!(Grams::of(&Query::new("ab c").unwrap()).is_none());
    assert!(!holds("ab cd", "ab zzz"));
    assert!(holds("ab zzz", "ab zzz"));
}

#[test]
fn the_signature_of_a_huge_text_fills_up_and_lets_everything_through() {
    let text = (0..200_000)
        .map(|at| format!("{at:x}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        Signature::of(&text).bytes().len(),
        HEADER_BYTES + (1 << MAX_BITS_LOG2) / 8
    );
    assert!(Signature::of("").bytes().len() >= HEADER_BYTES + (1 << MIN_BITS_LOG2) / 8);
}

/// An index file with the tables (the prefilter reads nothing else), and two files'
/// fingerprints as a load would know them.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    files: Vec<(PathBuf, Known)>,
}

fn known(display: &str, inode: u64) -> Known {
    Known {
        display: display.to_owned(),
        options: 0,
        fingerprint: Fingerprint {
            len: 10,
            modified: 1,
            changed: 2,
            inode,
            device: 3,
        },
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.sqlite");
    connect(&path).unwrap().execute_batch(SCHEMA).unwrap();
    let files = vec![
        (PathBuf::from("/b/athens.toml"), known("b/athens.toml", 1)),
        (PathBuf::from("/b/oslo.toml"), known("b/oslo.toml", 2)),
    ];
    let texts = ["talks in athens, 1960", "talks in oslo, 1993"];
    let writer = Writer::start(&path);
    writer.store(
        (files.iter().zip(texts))
            .map(|((path, known), text)| Signed {
                path: path.clone(),
                known: known.clone(),
                signature: Signature::of(text),
                searchable: None,
            })
            .collect(),
    );
    drop(writer);
    Fixture {
        _dir: dir,
        path,
        files,
    }
}

impl Fixture {
    /// What the prefilter says of each file for `words`; `None` when it cannot tell.
    fn verdicts(&self, words: &str) -> Option<Vec<Verdict>> {
        let prefilter = Prefilter::open(&self.path)?;
        let grams = query(words);
        (self.files.iter())
            .map(|(path, known)| prefilter.verdict(&grams, path, known))
            .collect()
    }

    fn sql(&self, statement: &str) {
        connect(&self.path)
            .unwrap()
            .execute_batch(statement)
            .unwrap();
    }

    /// Rewrites the first file's signature with `edit` and, with `fix_checksum`, the
    /// checksum to match (a row damaged where `SQLite` does not look, or hand-edited).
    fn edit_signature(&self, edit: impl FnOnce(&mut Vec<u8>), fix_checksum: bool) {
        let connection = connect(&self.path).unwrap();
        let key = path_key(&self.files[0].0);
        let (mut bytes, sum): (Vec<u8>, i64) = connection
            .query_row(
                "SELECT signature, checksum FROM prefilter WHERE path = ?1",
                [key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        edit(&mut bytes);
        let sum = if fix_checksum { checksum(&bytes) } else { sum };
        connection
            .execute(
                "UPDATE prefilter SET signature = ?1, checksum = ?2 WHERE path = ?3",
                params![bytes, sum, key],
            )
            .unwrap();
    }
}

use Verdict::{CannotMatch, MayMatch, Unsigned};

#[test]
fn candidates_are_the_files_whose_signature_holds_every_word() {
    let fixture = fixture();
    assert_eq!(
        fixture.verdicts("athens"),
        Some(vec![MayMatch, CannotMatch])
    );
    assert_eq!(
        fixture.verdicts("Talks 1960"),
        Some(vec![MayMatch, CannotMatch])
    );
    assert_eq!(fixture.verdicts("talks"), Some(vec![MayMatch, MayMatch]));
    assert_eq!(
        fixture.verdicts("paris"),
        Some(vec![CannotMatch, CannotMatch])
    );
    assert_eq!(status(&fixture.path).map(|(rows, _)| rows), Some(2));
}

#[test]
fn a_signature_for_another_state_of_the_file_is_not_used() {
    let mut fixture = fixture();
    // Edited since (another change time), shown otherwise, loaded with other options.
    fixture.files[0].1.fingerprint.changed += 1;
    fixture.files[1].1.display = "elsewhere/oslo.toml".to_owned();
    assert_eq!(fixture.verdicts("paris"), Some(vec![Unsigned, Unsigned]));
    fixture.files[1].1 = known("b/oslo.toml", 2);
    fixture.files[1].1.options = 1;
    assert_eq!(fixture.verdicts("paris"), Some(vec![Unsigned, Unsigned]));
}

#[test]
fn a_damaged_truncated_foreign_or_hand_edited_signature_lets_its_file_through() {
    /// What is done to a signature, and whether its checksum is made to match.
    type Damage = (&'static str, Box<dyn Fn(&mut Vec<u8>)>, bool);
    let damage: [Damage; 6] = [
        ("truncated", Box::new(|bytes| bytes.truncate(40)), false),
        (
            "truncated, checksum fixed",
            Box::new(|bytes| bytes.truncate(40)),
            true,
        ),
        (
            "another scheme",
            Box::new(|bytes| bytes[0] = SCHEME + 1),
            true,
        ),
        (
            "a size it does not have",
            Box::new(|bytes| bytes[1] += 1),
            true,
        ),
        ("empty", Box::new(Vec::clear), true),
        (
            "bits cleared by hand",
            Box::new(|bytes| bytes.fill(0)),
            false,
        ),
    ];
    for (what, edit, fix_checksum) in damage {
        let fixture = fixture();
        fixture.edit_signature(edit, fix_checksum);
        assert_eq!(
            fixture.verdicts("paris"),
            Some(vec![Unsigned, CannotMatch]),
            "{what}"
        );
    }
    let fixture = fixture();
    fixture.sql("UPDATE prefilter SET signature = 'text', checksum = 0");
    assert_eq!(fixture.verdicts("paris"), Some(vec![Unsigned, Unsigned]));
    fixture.sql("DROP TABLE prefilter");
    assert_eq!(fixture.verdicts("paris"), None, "no table: no narrowing");
}

#[test]
fn an_index_that_cannot_be_written_only_stores_no_signatures() {
    let fixture = fixture();
    fixture.sql("DELETE FROM prefilter");
    // Another process holds the write lock past the busy timeout.
    let mut holder = connect(&fixture.path).unwrap();
    let lock = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let writer = Writer::start(&fixture.path);
    let (path, known) = fixture.files[0].clone();
    let signed = Signed {
        path,
        known,
        signature: Signature::of("athens"),
        searchable: None,
    };
    writer.store(vec![signed.clone()]);
    writer.store(vec![signed]);
    drop(writer);
    drop(lock);
    assert_eq!(fixture.verdicts("paris"), Some(vec![Unsigned, Unsigned]));
}

#[test]
fn an_index_says_whether_it_holds_any_signature() {
    let fixture = fixture();
    let has = || Prefilter::open(&fixture.path)?.has_signatures();
    assert_eq!(has(), Some(true));
    fixture.sql("DELETE FROM prefilter");
    assert_eq!(has(), Some(false), "a search need not look each file up");
    fixture.sql("DROP TABLE prefilter");
    assert_eq!(has(), None, "no table: no narrowing");
}
