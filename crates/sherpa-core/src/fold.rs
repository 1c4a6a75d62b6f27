//! The one way sherpa folds text for matching: search, participant and tag matching in
//! every command, the finder and completion all call it, so "store" finds "Støre"
//! everywhere or nowhere.
//!
//! Folding drops what a reader does not type: case (unless asked to keep it, for smart
//! case), accents (the text is decomposed and its combining marks dropped), compatibility
//! forms (NFKD: `ﬁ` is `fi`, a full-width `Ａ` is `A`), and the letters that carry their
//! accent inside them and so do not decompose, spelt as a reader without them types them
//! (`ø` → `o`, `æ` → `ae`, `ß` → `ss`, `þ` → `th`, `ı` → `i`). NFC and NFD input fold to
//! the same text.
//!
//! The per-character [`fold_char`] exists for the hot paths (the search index, the finder's
//! highlighting) that must know which character each folded one came from; [`fold`] is
//! the same fold over a whole text, a byte at a time for ASCII.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Whether folding keeps letters' case: search keeps it to check a query with a capital
/// (smart case); every other match ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Lower-case everything: what every match but a smart-case search wants.
    Ignore,
    /// Keep capitals as they are (accents and compatibility forms still fold).
    Keep,
}

/// `text` folded for matching, case ignored: what to compare a name, a tag or a query with.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, Case::Ignore, &mut out);
    out
}

/// `text` folded and appended to `out`. ASCII, most of any briefing, folds a run at a time,
/// also between the accented words of a text that is not all ASCII.
pub fn fold_into(text: &str, case: Case, out: &mut String) {
    for (_, run) in runs(text) {
        match run {
            Run::Ascii(ascii) => push_ascii(ascii, case, out),
            Run::Other(other) => {
                for c in other.chars() {
                    fold_char(c, case, &mut |f| out.push(f));
                }
            }
        }
    }
}

/// ASCII text `ascii` folded (lower-cased unless case is kept) and appended to `out`.
pub(crate) fn push_ascii(ascii: &str, case: Case, out: &mut String) {
    let start = out.len();
    out.push_str(ascii);
    if case == Case::Ignore {
        out[start..].make_ascii_lowercase();
    }
}

/// A stretch of text that folds one way: ASCII, which folds a byte at a time with no table,
/// or other characters, each of which is decomposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Run<'t> {
    Ascii(&'t str),
    Other(&'t str),
}

/// `text` cut into its longest [`Run`]s, each with the byte it starts at.
pub(crate) fn runs(text: &str) -> impl Iterator<Item = (usize, Run<'_>)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|rest| !rest.is_empty())?;
        let start = at;
        let ascii = ascii_prefix(rest.as_bytes());
        if ascii > 0 {
            at += ascii;
            return Some((start, Run::Ascii(&rest[..ascii])));
        }
        // Up to the next ASCII byte, which never sits inside a character.
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        at += other;
        Some((start, Run::Other(&rest[..other])))
    })
}

/// A byte of 1 in each of a word's eight bytes, for the word-at-a-time scans of ASCII text
/// (a byte at a time, the scans took a tenth of a search's instructions).
pub(crate) const EACH_BYTE: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each of a word's bytes: set only in bytes that are not ASCII.
const HIGH_BITS: u64 = EACH_BYTE * 0x80;

/// How many bytes `bytes` starts with that are ASCII, read eight at a time.
pub(crate) fn ascii_prefix(bytes: &[u8]) -> usize {
    let (words, rest) = bytes.as_chunks::<8>();
    for (index, word) in words.iter().enumerate() {
        let high = u64::from_le_bytes(*word) & HIGH_BITS;
        if high != 0 {
            return index * 8 + (high.trailing_zeros() / 8) as usize;
        }
    }
    words.len() * 8 + rest.iter().take_while(|b| b.is_ascii()).count()
}

/// Calls `push` with what `c` folds to: nothing (a combining mark), one character, or a
/// few (a spelt-out letter, a ligature, a compatibility form).
pub fn fold_char(c: char, case: Case, push: &mut impl FnMut(char)) {
    if c.is_ascii() {
        push(match case {
            Case::Keep => c,
            Case::Ignore => c.to_ascii_lowercase(),
        });
        return;
    }
    decompose_compatible(c, |base| {
        if is_combining_mark(base) {
            return;
        }
        match case {
            Case::Keep => push_spelt(base, push),
            // Lower-casing can add a combining mark of its own (`İ` → `i̇`).
            Case::Ignore => base
                .to_lowercase()
                .filter(|lower| !is_combining_mark(*lower))
                .for_each(|lower| push_spelt(lower, push)),
        }
    });
}

/// Pushes `c`, or the letters it is spelt with when its accent or ligature is part of the
/// letter (no decomposition takes it off). Case is kept: `Æ` is `AE`.
fn push_spelt(c: char, push: &mut impl FnMut(char)) {
    let spelt = match c {
        'ð' | 'đ' => "d",
        'Ð' | 'Đ' => "D",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ß' => "ss",
        'ẞ' => "SS",
        'þ' => "th",
        'Þ' => "TH",
        'ı' => "i",
        // The final sigma is a form of σ, not another letter (as case folding has it).
        'ς' => "σ",
        _ => {
            push(c);
            return;
        }
    };
    spelt.chars().for_each(push);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_spelt_letters_and_compatibility_forms() {
        let table = [
            // Case and accents.
            ("Sauli NIINISTÖ", "sauli niinisto"),
            ("Höfði", "hofdi"),
            ("Jonas Gahr Støre", "jonas gahr store"),
            ("ØRESUND", "oresund"),
            ("Łukasz", "lukasz"),
            ("Đorđe", "dorde"),
            ("Ægir", "aegir"),
            ("œuvre Œ", "oeuvre oe"),
            ("Straße STRAẞE", "strasse strasse"),
            ("Þingvellir þ", "thingvellir th"),
            ("ǿ", "o"),
            // Turkish dotless and dotted i.
            ("ılık", "ilik"),
            ("İstanbul", "istanbul"),
            ("ISPARTA", "isparta"),
            // Greek: accents, capitals and the final sigma.
            ("Αθήνα", "αθηνα"),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
            ("Οδυσσεύς", "οδυσσευσ"),
            // Cyrillic: case, and ё without its diaeresis.
            ("Москва", "москва"),
            ("Ёлка", "елка"),
            // Compatibility forms: ligatures, full-width letters.
            ("ﬁnance", "finance"),
            ("Ｔｏｋｙｏ", "tokyo"),
            ("", ""),
            ("plain ascii 42", "plain ascii 42"),
        ];
        for (input, folded) in table {
            assert_eq!(fold(input), folded, "{input:?}");
        }
    }

    #[test]
    fn composed_and_decomposed_text_fold_the_same() {
        for (nfc, nfd) in [
            ("Niinistö", "Niinisto\u{308}"),
            ("Höfði", "Ho\u{308}fði"),
            ("Ελλάδα", "Ελλα\u{301}δα"),
            ("Ёлка", "Е\u{308}лка"),
            ("İzmir", "I\u{307}zmir"),
        ] {
            assert_eq!(fold(nfc), fold(nfd), "{nfc:?}");
        }
    }

    /// Characters where folding has something to do, ASCII among them: capitals, accents
    /// composed and combining, spelt letters, capitals of other lengths, compatibility
    /// forms, letters without case.
    pub(crate) const TRICKY: &[char] = &[
        'a', 'Z', 'q', 'Q', 'A', 'z', '@', '[', '`', '{', '\u{7F}', ' ', '-', '1', '\n', 'é', 'É',
        'ö', '\u{301}', '\u{308}', 'ß', 'ẞ', 'İ', 'ı', 'I', 'ǅ', 'Ǆ', 'ǆ', 'Σ', 'σ', 'ς', 'ϴ', 'Θ',
        '\u{212A}', 'Æ', 'ø', 'Þ', 'ﬁ', 'Ａ', '東', 'Ⅻ', 'ⅻ', 'Ё', 'ж',
    ];

    /// Text that mixes [`TRICKY`] characters in any order, alone or between long runs of
    /// ASCII (which the fast paths read eight bytes at a time), or any text at all.
    pub(crate) fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let tricky = |most| {
            proptest::collection::vec(proptest::sample::select(TRICKY), 0..most)
                .prop_map(|chars| chars.into_iter().collect::<String>())
        };
        prop_oneof![
            tricky(40),
            ("[ -~\n]{0,40}", tricky(6), "[ -~\n]{0,40}")
                .prop_map(|(before, middle, after)| format!("{before}{middle}{after}")),
            any::<String>(),
        ]
    }

    proptest::proptest! {
        /// The runs of ASCII fold as every character folded alone does.
        #[test]
        fn folding_by_runs_is_folding_each_character(text in tricky_text()) {
            for case in [Case::Ignore, Case::Keep] {
                let mut by_runs = String::new();
                fold_into(&text, case, &mut by_runs);
                let mut each = String::new();
                text.chars().for_each(|c| fold_char(c, case, &mut |f| each.push(f)));
                proptest::prop_assert_eq!(by_runs, each);
            }
        }

        /// The runs cover the text, in order, ASCII runs all ASCII and the others none.
        #[test]
        fn runs_cover_the_text(text in tricky_text()) {
            let mut joined = String::new();
            for (at, run) in runs(&text) {
                proptest::prop_assert_eq!(at, joined.len());
                let (Run::Ascii(part) | Run::Other(part)) = run;
                proptest::prop_assert!(!part.is_empty());
                match run {
                    Run::Ascii(ascii) => proptest::prop_assert!(ascii.is_ascii()),
                    Run::Other(other) => proptest::prop_assert!(!other.bytes().any(|b| b.is_ascii())),
                }
                joined.push_str(part);
            }
            proptest::prop_assert_eq!(joined, text);
        }
    }

    #[test]
    fn keeping_case_folds_everything_but_case() {
        let mut out = String::new();
        fold_into("Støre ÆGIR İz ﬁ", Case::Keep, &mut out);
        assert_eq!(out, "Store AEGIR Iz fi");
    }
}
