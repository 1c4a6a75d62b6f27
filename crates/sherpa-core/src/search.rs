//! Full-text search: "where was X discussed?" across every item of every briefing.
//!
//! Matching is literal and forgiving the way readers expect from `less` or a browser's
//! find: accents never matter (`hofdi` finds `Höfði`), case matters only when the query
//! has a capital (smart case, as in ripgrep and vim), and several words must all occur in
//! the same item, in any order. An item is one entry of a pane as the [`Document`] model
//! lays it out — its heading, field labels and texts, citations aside — so what is found
//! is exactly what is drawn and exported.
//!
//! [`SearchIndex`] keeps one folded (accent-free, lower-case) copy of the corpus's text,
//! so a query is a linear scan with `memchr`'s substring search instead of folding every
//! item again on every keystroke.
//!
//! [`Document`]: crate::document::Document

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use memchr::memmem;

use rayon::prelude::*;

use crate::corpus::{Briefings, Corpus, Unheld};
use crate::document::{ItemText, Pane, pane_texts};
use crate::fold::{Case, EACH_BYTE, Run, ascii_prefix, fold_char, fold_into, push_ascii, runs};
use crate::item_key::{ItemKey, pane_keys};
use crate::model::{Briefing, Date};

mod searchable;

pub use searchable::Searchable;

/// `text` folded to lower case and appended to `out`, with the byte where each capital's
/// lower-case letter starts marked in `capitals`: the index keeps case in a few bytes per
/// capital instead of a second copy of the text. Returns `false` if some character's case cannot
/// be told that way (it folds to other letters with case kept, or it is a capital that is
/// not the one upper case of its lower case, as titlecase `ǅ` is not), so the item must be
/// read again to check case.
fn fold_recording_capitals(text: &str, out: &mut String, capitals: &mut Capitals) -> bool {
    let mut aligned = true;
    for piece in (Pieces { rest: text }) {
        match piece {
            Piece::Ascii(ascii) => {
                mark_ascii_capitals(ascii.as_bytes(), out.len(), capitals);
                push_ascii(ascii, Case::Ignore, out);
            }
            Piece::Other(c) => aligned &= fold_char_recording_capitals(c, out, capitals),
        }
    }
    aligned
}

/// A piece of text as the search folds it: a run of ASCII, or one other character.
enum Piece<'t> {
    Ascii(&'t str),
    Other(char),
}

/// The [`Piece`]s of a text, in order: simpler than [`runs`], whose iterator cost more
/// than folding most runs (an accented word in most fields makes them short).
struct Pieces<'t> {
    /// The text not yet gone through.
    rest: &'t str,
}

impl<'t> Iterator for Pieces<'t> {
    type Item = Piece<'t>;

    #[inline]
    fn next(&mut self) -> Option<Piece<'t>> {
        let ascii = ascii_prefix(self.rest.as_bytes());
        if ascii > 0 {
            let (run, rest) = self.rest.split_at_checked(ascii)?;
            self.rest = rest;
            return Some(Piece::Ascii(run));
        }
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        Some(Piece::Other(c))
    }
}

/// Marks the capitals of ASCII text `ascii`, which starts at byte `start` of the index's
/// text, reading it eight bytes at a time: capitals are a few in a hundred letters.
fn mark_ascii_capitals(ascii: &[u8], start: usize, capitals: &mut Capitals) {
    let (words, rest) = ascii.as_chunks::<8>();
    for (index, word) in words.iter().enumerate() {
        // In ASCII bytes (below 0x80) no addition carries into the next byte: the high bit
        // is set where the byte is at least `A` and not where it is past `Z`.
        let word = u64::from_le_bytes(*word);
        let from_a = word + EACH_BYTE * u64::from(0x80 - b'A');
        let past_z = word + EACH_BYTE * u64::from(0x80 - b'Z' - 1);
        let mut upper = from_a & !past_z & (EACH_BYTE * 0x80);
        while upper != 0 {
            capitals.set(start + index * 8 + (upper.trailing_zeros() / 8) as usize);
            upper &= upper - 1;
        }
    }
    let rest_start = start + words.len() * 8;
    for (at, byte) in rest.iter().enumerate() {
        if byte.is_ascii_uppercase() {
            capitals.set(rest_start + at);
        }
    }
}

/// [`fold_recording_capitals`] of one character, any character: what the runs of ASCII
/// there spare most of the text. A character of the Basic Multilingual Plane is worked out
/// once ([`fold_char_recording_capitals_anew`]) and then replayed from [`FOLD_MEMO`].
fn fold_char_recording_capitals(c: char, out: &mut String, capitals: &mut Capitals) -> bool {
    let Some(memo) = memo(c) else {
        return fold_char_recording_capitals_anew(c, out, capitals);
    };
    for (at, folded) in memo_chars(memo).enumerate() {
        if memo & (1 << (MEMO_CAPITALS_SHIFT + at as u64)) != 0 {
            capitals.set(out.len());
        }
        out.push(folded);
    }
    memo & MEMO_ALIGNED != 0
}

/// `text` folded with case ignored and appended to `out`, as [`fold_into`] folds it, each
/// character that is not ASCII replayed from its memo.
fn fold_lowered(text: &str, out: &mut String) {
    for piece in (Pieces { rest: text }) {
        match piece {
            Piece::Ascii(ascii) => push_ascii(ascii, Case::Ignore, out),
            Piece::Other(c) => match memo(c) {
                Some(memo) => out.extend(memo_chars(memo)),
                None => fold_char(c, Case::Ignore, &mut |folded| out.push(folded)),
            },
        }
    }
}

/// How many bytes `c` folds to with case ignored: its length in the index's text.
fn lowered_len(c: char) -> usize {
    if let Some(memo) = memo(c) {
        return memo_chars(memo).map(char::len_utf8).sum();
    }
    let mut len = 0;
    fold_char(c, Case::Ignore, &mut |folded| len += folded.len_utf8());
    len
}

/// The [`FOLD_MEMO`] entry of `c`, worked out if it was not yet; `None` for a character
/// it cannot hold.
fn memo(c: char) -> Option<u64> {
    let slot = FOLD_MEMO.get(usize::try_from(u32::from(c)).ok()?)?;
    let mut memo = slot.load(Ordering::Relaxed);
    if memo == 0 {
        memo = memo_of(c);
        // Threads that work the same character out at once store the same value.
        slot.store(memo, Ordering::Relaxed);
    }
    (memo & MEMO_UNFIT == 0).then_some(memo)
}

/// The characters a memo holds (what its character folds to, case ignored).
fn memo_chars(memo: u64) -> impl Iterator<Item = char> {
    let count = (memo >> MEMO_COUNT_SHIFT) & 0b11;
    // Only characters were stored: `from_u32` fails on nothing `memo_of` wrote.
    (0..count).filter_map(move |at| char::from_u32(((memo >> (16 * at)) & 0xFFFF) as u32))
}

/// What [`fold_char_recording_capitals_anew`] does with each character of the Basic
/// Multilingual Plane, once worked out, packed in 64 bits (0 until then): up to three
/// characters of the plane it folds to, 16 bits each, then which of them start a capital,
/// how many there are, whether the character's case can be told ([`MEMO_ALIGNED`]), or
/// that it folds to more than that holds ([`MEMO_UNFIT`]). Working a non-ASCII character
/// out (two decompositions, combining-mark tests, case mappings, about 500 instructions)
/// was a third of a search's time in a corpus with an accented word in most fields; a
/// briefing's few dozen distinct characters recur throughout the corpus. 512 KB of
/// zeroes, of which only the pages of the scripts met are ever touched.
static FOLD_MEMO: [AtomicU64; 0x1_0000] = [const { AtomicU64::new(0) }; 0x1_0000];

/// Most characters a memo holds: a Hangul syllable's three jamo.
const MEMO_CHARS: usize = 3;
const MEMO_CAPITALS_SHIFT: u64 = 48;
const MEMO_COUNT_SHIFT: u64 = 56;
const MEMO_ALIGNED: u64 = 1 << 61;
/// The character folds to more characters, or other ones, than a memo holds.
const MEMO_UNFIT: u64 = 1 << 62;
/// Set in every memo worked out, so that none is 0.
const MEMO_KNOWN: u64 = 1 << 63;

/// The [`FOLD_MEMO`] entry of `c`.
fn memo_of(c: char) -> u64 {
    let (mut out, mut capitals) = (String::new(), Capitals::default());
    let aligned = fold_char_recording_capitals_anew(c, &mut out, &mut capitals);
    let Capitals::Listed(capital_offsets) = capitals else {
        return MEMO_KNOWN | MEMO_UNFIT;
    };
    let mut memo = MEMO_KNOWN;
    if aligned {
        memo |= MEMO_ALIGNED;
    }
    let mut count = 0;
    for (at, (offset, folded)) in out.char_indices().enumerate() {
        let Ok(code) = u16::try_from(u32::from(folded)) else {
            return MEMO_KNOWN | MEMO_UNFIT;
        };
        if at >= MEMO_CHARS {
            return MEMO_KNOWN | MEMO_UNFIT;
        }
        memo |= u64::from(code) << (16 * at);
        if capital_offsets
            .iter()
            .any(|&capital| capital as usize == offset)
        {
            memo |= 1 << (MEMO_CAPITALS_SHIFT + at as u64);
        }
        count += 1;
    }
    memo | (count << MEMO_COUNT_SHIFT)
}

/// [`fold_char_recording_capitals`] worked out from the Unicode tables.
fn fold_char_recording_capitals_anew(c: char, out: &mut String, capitals: &mut Capitals) -> bool {
    let mut kept = Folds::default();
    fold_char(c, Case::Keep, &mut |k| kept.push(k));
    let mut lower = Folds::default();
    fold_char(c, Case::Ignore, &mut |l| lower.push(l));
    if kept.overflowed || lower.overflowed {
        fold_char(c, Case::Ignore, &mut |l| out.push(l));
        return false;
    }
    let mut aligned = kept.len == lower.len;
    for (&k, &l) in kept.chars().iter().zip(lower.chars()) {
        if k != l {
            if is_the_capital_of(k, l) {
                capitals.set(out.len());
            } else {
                aligned = false;
            }
        }
        out.push(l);
    }
    // Whatever did not pair up is still text to search.
    for &l in lower
        .chars()
        .get(kept.len.min(lower.len)..)
        .unwrap_or_default()
    {
        out.push(l);
    }
    aligned
}

/// Whether `capital` and `lower` are each other's only other case.
fn is_the_capital_of(capital: char, lower: char) -> bool {
    capital.to_lowercase().eq(std::iter::once(lower))
        && lower.to_uppercase().eq(std::iter::once(capital))
}

/// The few characters one character folds to (its base letters, or a letter spelt out).
#[derive(Default)]
struct Folds {
    buffer: [char; 4],
    len: usize,
    /// More than fit: the character is too unusual for the capitals to describe.
    overflowed: bool,
}

impl Folds {
    fn push(&mut self, c: char) {
        match self.buffer.get_mut(self.len) {
            Some(slot) => {
                *slot = c;
                self.len += 1;
            }
            None => self.overflowed = true,
        }
    }

    fn chars(&self) -> &[char] {
        &self.buffer[..self.len]
    }
}

/// Where the capitals' lower-case letters start in the index's text. Capitals are a few in
/// a hundred letters of prose, so their offsets are kept in a list (4 bytes each, about
/// 6 MB for 10,000 summits); text so full of capitals that the list would outgrow one bit
/// per byte of text switches to that bitmap, so they never take more than an eighth of the
/// text (an all-capitals corpus included).
#[derive(Debug, PartialEq, Eq)]
enum Capitals {
    /// Ascending byte offsets.
    Listed(Vec<u32>),
    /// One bit per byte of text.
    Bits(Vec<u64>),
}

impl Default for Capitals {
    fn default() -> Self {
        Self::Listed(Vec::new())
    }
}

/// How far the list may outgrow the bitmap before it becomes one: the switch is decided
/// as the text is read, and a dense start must not decide it for sparse text after.
const LIST_SLACK_BYTES: usize = 64 * 1024;

impl Capitals {
    /// Marks byte `at`, after every byte marked so far.
    fn set(&mut self, at: usize) {
        match self {
            Self::Listed(list) => {
                // Past 4 GiB the item is dropped from the index (see `SearchIndex::build`).
                let Ok(offset) = u32::try_from(at) else {
                    return;
                };
                list.push(offset);
                if 4 * list.len() > at / 8 + LIST_SLACK_BYTES {
                    let mut bits = Vec::new();
                    for &offset in list.iter() {
                        set_bit(&mut bits, offset as usize);
                    }
                    *self = Self::Bits(bits);
                }
            }
            Self::Bits(bits) => set_bit(bits, at),
        }
    }

    /// Whether the bytes from `start` on are capitals exactly where `pattern` says.
    fn matches(&self, start: usize, pattern: &[bool]) -> bool {
        match self {
            Self::Listed(list) => {
                let from = list.partition_point(|&c| (c as usize) < start);
                let inside = list[from..]
                    .iter()
                    .map(|&c| c as usize - start)
                    .take_while(|&at| at < pattern.len());
                let wanted = pattern
                    .iter()
                    .enumerate()
                    .filter_map(|(at, &capital)| capital.then_some(at));
                inside.eq(wanted)
            }
            Self::Bits(bits) => pattern.iter().enumerate().all(|(at, &capital)| {
                let at = start + at;
                bits.get(at / 64)
                    .is_some_and(|word| (word >> (at % 64)) & 1 == 1)
                    == capital
            }),
        }
    }

    /// Forgets every mark from byte `len` on.
    fn truncate(&mut self, len: usize) {
        match self {
            Self::Listed(list) => {
                let kept = list.partition_point(|&c| (c as usize) < len);
                list.truncate(kept);
            }
            Self::Bits(bits) => {
                bits.truncate(len.div_ceil(64));
                if let Some(last) = bits.last_mut()
                    && !len.is_multiple_of(64)
                {
                    *last &= (1 << (len % 64)) - 1;
                }
            }
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Self::Listed(list) => list.shrink_to_fit(),
            Self::Bits(bits) => bits.shrink_to_fit(),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Self::Listed(list) => std::mem::size_of_val(list.as_slice()),
            Self::Bits(bits) => std::mem::size_of_val(bits.as_slice()),
        }
    }
}

fn set_bit(bits: &mut Vec<u64>, at: usize) {
    let word = at / 64;
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << (at % 64);
}

/// Folded text that remembers where each of its bytes came from, so a match found in the
/// folded text can be shown on the original.
struct Folded {
    text: String,
    /// For each byte of `text`, the byte range of the original character it came from.
    origin: Vec<Range<usize>>,
}

impl Folded {
    fn new(text: &str, case: Case) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, run) in runs(text) {
            match run {
                Run::Ascii(ascii) => {
                    push_ascii(ascii, case, &mut folded);
                    origin.extend((at..at + ascii.len()).map(|byte| byte..byte + 1));
                }
                Run::Other(other) => {
                    for (start, c) in other.char_indices() {
                        let source = at + start..at + start + c.len_utf8();
                        fold_char(c, case, &mut |f| {
                            folded.push(f);
                            origin.extend(std::iter::repeat_n(source.clone(), f.len_utf8()));
                        });
                    }
                }
            }
        }
        Self {
            text: folded,
            origin,
        }
    }

    /// The original byte range of a match at folded bytes `range`.
    fn original(&self, range: Range<usize>) -> Option<Range<usize>> {
        let start = self.origin.get(range.start)?.start;
        let end = self.origin.get(range.end.checked_sub(1)?)?.end;
        Some(start..end)
    }
}

/// A text kept outside the index, folded once both ways a query may fold it, for
/// [`Query::matcher`]: your notes are matched at every finder keystroke, and folding a
/// thousand of them again each time cost more than the rest of the keystroke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedText {
    ignoring_case: String,
    keeping_case: String,
}

impl FoldedText {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let fold = |case| {
            let mut folded = String::with_capacity(text.len());
            fold_into(text, case, &mut folded);
            folded
        };
        Self {
            ignoring_case: fold(Case::Ignore),
            keeping_case: fold(Case::Keep),
        }
    }
}

/// A parsed query: its words, folded, and whether case matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    /// Folded words, longest first (the rarest, so the scan starts with it).
    words: Vec<String>,
    /// Kept only when the query has a capital (smart case).
    case: Case,
}

impl Query {
    /// The query typed, or `None` when it has no word to look for.
    #[must_use]
    pub fn new(text: &str) -> Option<Self> {
        let case = if text.chars().any(char::is_uppercase) {
            Case::Keep
        } else {
            Case::Ignore
        };
        let mut words: Vec<String> = text
            .split_whitespace()
            .map(|word| {
                let mut folded = String::new();
                fold_into(word, case, &mut folded);
                folded
            })
            .filter(|word| !word.is_empty())
            .collect();
        if words.is_empty() {
            return None;
        }
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        Some(Self {
            text: text.trim().to_owned(),
            words,
            case,
        })
    }

    /// The query as typed (trimmed).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether every word of the query occurs in a text, folded as the index folds: how
    /// texts kept outside the index (your notes) are found by the same query. Each word's
    /// searcher is built once for all the texts tested, not once a text.
    pub fn matcher(&self) -> impl Fn(&FoldedText) -> bool + '_ {
        let finders: Vec<memmem::Finder<'_>> = (self.words.iter())
            .map(|word| memmem::Finder::new(word.as_bytes()))
            .collect();
        move |text| {
            let folded = match self.case {
                Case::Ignore => &text.ignoring_case,
                Case::Keep => &text.keeping_case,
            };
            (finders.iter()).all(|finder| finder.find(folded.as_bytes()).is_some())
        }
    }

    /// Every place in `text` where one of the query's words occurs, as sorted byte ranges
    /// of `text` that never overlap: what the screen highlights.
    #[must_use]
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let folded = Folded::new(text, self.case);
        let mut ranges: Vec<Range<usize>> = self
            .words
            .iter()
            .flat_map(|word| {
                memmem::find_iter(folded.text.as_bytes(), word.as_bytes())
                    .filter_map(|at| folded.original(at..at + word.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// Each word lower-cased, with which of its bytes start a capital: what the index's
    /// capitals must show at a match. `None` if a word has a letter the capitals cannot
    /// describe (see [`fold_recording_capitals`]).
    fn cased_words(&self) -> Option<Vec<CasedWord>> {
        self.words
            .iter()
            .map(|word| {
                let mut lower = String::with_capacity(word.len());
                let mut capitals = Vec::with_capacity(word.len());
                for c in word.chars() {
                    let mut lowered = c.to_lowercase();
                    let (Some(l), None) = (lowered.next(), lowered.next()) else {
                        return None;
                    };
                    if l != c && !is_the_capital_of(c, l) {
                        return None;
                    }
                    lower.push(l);
                    capitals.push(l != c);
                    capitals.resize(lower.len(), false);
                }
                Some(CasedWord {
                    lower: memmem::Finder::new(lower.as_bytes()).into_owned(),
                    capitals,
                })
            })
            .collect()
    }

    /// Each word as the index's text holds it: folded and lower-cased a character at a
    /// time, as [`fold_recording_capitals`] lowers it (`str::to_lowercase` would write a
    /// final sigma where the index has σ). An item matches only if it holds every one of
    /// these, whatever the case: what the index's candidates and the search prefilter
    /// (`index::prefilter`) look for.
    pub(crate) fn lowered_words(&self) -> Vec<String> {
        (self.words.iter())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect()
    }

    /// `text` folded as this query's words are, appended to `out`.
    fn fold(&self, text: &str, out: &mut String) {
        match self.case {
            Case::Ignore => fold_lowered(text, out),
            Case::Keep => fold_into(text, Case::Keep, out),
        }
    }

    /// Whether every word occurs somewhere in `parts` (one item's texts).
    fn matches_all<S: AsRef<str>>(&self, parts: impl IntoIterator<Item = S>) -> bool {
        let folded: Vec<String> = parts
            .into_iter()
            .map(|part| {
                let mut out = String::new();
                fold_into(part.as_ref(), self.case, &mut out);
                out
            })
            .collect();
        self.words
            .iter()
            .all(|word| folded.iter().any(|part| part.contains(word.as_str())))
    }
}

/// A query word as the index holds text: lower case, and where its capitals are.
struct CasedWord {
    /// Finds the word lower-cased; built once per query, not once per candidate item.
    lower: memmem::Finder<'static>,
    /// For each byte of the lower-cased word: whether a capital starts there.
    capitals: Vec<bool>,
}

/// Where an item is: the summit's position in the corpus (date order), the pane, and the
/// item's index in that pane. Ordered as a reader goes through the corpus: summit by
/// summit, each summit's panes in document order (summary, the four panes, sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    pub position: usize,
    pub pane: Pane,
    pub item: usize,
}

impl Place {
    fn key(self) -> (usize, usize, usize) {
        (self.position, pane_rank(self.pane), self.item)
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// A pane's place in the document order, which is the order search goes through a summit.
fn pane_rank(pane: Pane) -> usize {
    Pane::ALL
        .iter()
        .position(|p| *p == pane)
        .unwrap_or(Pane::ALL.len())
}

/// Which part of an item a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Heading,
    /// The item's field at this index, read as drawn: `label: text` when it has a label
    /// (a party's name before its position).
    Field(usize),
}

impl PartKind {
    /// The name scripts see in `sherpa search --json`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Heading => "heading",
            Self::Field(_) => "field",
        }
    }

    /// The index of the field in the item.
    #[must_use]
    pub fn field_index(self) -> Option<usize> {
        match self {
            Self::Heading => None,
            Self::Field(i) => Some(i),
        }
    }
}

/// A searchable part of an item: its heading, or a field as drawn, `label: text` when it
/// has a label (a party's name before its position).
#[derive(Clone, Copy)]
struct Part<'t> {
    kind: PartKind,
    label: Option<&'t str>,
    text: &'t str,
}

impl<'t> Part<'t> {
    /// The part's whole text, as drawn: made only for a part shown or read again, as the
    /// index folds the label and the text where they are.
    fn whole(self) -> Cow<'t, str> {
        match self.label {
            Some(label) => Cow::Owned(format!("{label}: {}", self.text)),
            None => Cow::Borrowed(self.text),
        }
    }
}

/// The searchable parts of an item, in reading order. Cross-references (citation markers,
/// a source's "cited by" list) and the unsourced mark are left out: they repeat other
/// items' words, and `[3]` is not what anyone searches for. [`ItemText`] holds none.
fn item_parts<'t>(item: &'t ItemText<'_>) -> impl Iterator<Item = Part<'t>> + Clone {
    let heading = (item.heading.as_deref()).map(|heading| Part {
        kind: PartKind::Heading,
        label: None,
        text: heading,
    });
    let fields = (item.fields.iter().enumerate()).map(|(index, field)| Part {
        kind: PartKind::Field(index),
        label: field.label,
        text: &field.text,
    });
    heading.into_iter().chain(fields)
}

/// One item that matches a query: where it is, what it is called, and the text around
/// its first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub place: Place,
    /// The summit's id and date, for the row and for scripts.
    pub id: String,
    pub date: Date,
    /// The item's heading; a summary paragraph is called by its number.
    pub heading: String,
    /// The item's stable key, for scripts.
    pub key: ItemKey,
    /// The part holding the first match.
    pub part: PartKind,
    /// That part's whole text (`label: text` for a labelled field), which `range` is in:
    /// scripts get it with the range, so the range always points into text they have.
    pub text: String,
    /// The first match's byte range in `text`.
    pub range: Range<usize>,
    /// A short stretch of that part's text around the first match, on one line.
    pub snippet: String,
    /// The first match's byte range in `snippet`.
    pub snippet_match: Range<usize>,
}

/// Characters of context kept before a match in a snippet, and the snippet's length.
const SNIPPET_BEFORE: usize = 32;
const SNIPPET_CHARS: usize = 120;

/// The text around `range` of `text`, on one line, cut at spaces where it can be, with
/// `…` where it was cut; and the match's range in it.
fn snippet(text: &str, range: &Range<usize>) -> (String, Range<usize>) {
    let before = &text[..range.start];
    let mut start = before
        .char_indices()
        .rev()
        .nth(SNIPPET_BEFORE.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        // Start at a word: after the first space in the cut-off stretch, if there is one.
        if let Some(space) = text[start..range.start].find(' ') {
            start += space + 1;
        }
    }
    let budget = SNIPPET_CHARS.saturating_sub(text[start..range.start].chars().count());
    let after = &text[range.start..];
    let mut end = after
        .char_indices()
        .nth(budget.max(range.len()))
        .map_or(text.len(), |(i, _)| range.start + i);
    end = end.max(range.end);
    if end < text.len()
        && let Some(space) = text[range.end..end].rfind(' ')
    {
        end = range.end + space;
    }
    // One string, made once: a passage's snippet is made for each of a common word's
    // hundreds of thousands of passages.
    let mut snippet = String::with_capacity(end - start + 2 * "…".len());
    if start > 0 {
        snippet.push('…');
    }
    push_one_line(&mut snippet, &text[start..range.start]);
    let match_start = snippet.len();
    push_one_line(&mut snippet, &text[range.clone()]);
    let snippet_match = match_start..snippet.len();
    push_one_line(&mut snippet, &text[range.end..end]);
    if end < text.len() {
        snippet.push('…');
    }
    (snippet, snippet_match)
}

/// Appends `text` with its line breaks and tabs made spaces (each one byte for one byte),
/// found with `memchr` rather than by decoding every character.
fn push_one_line(out: &mut String, text: &str) {
    let mut from = 0;
    for at in memchr::memchr3_iter(b'\n', b'\r', b'\t', text.as_bytes()) {
        // An ASCII byte is a whole character: both slices are on boundaries.
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push(' ');
        from = at + 1;
    }
    out.push_str(text.get(from..).unwrap_or_default());
}

/// The corpus's text folded once, for fast search.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Every item's parts, folded and lower-cased, each part followed by `\n`; items one
    /// after another. A query word holds no whitespace, so it never matches across parts.
    text: String,
    /// Where each item's text starts in `text`, in corpus order. Packed, as is `places`:
    /// the index holds one of each per item of the corpus, and must fit the memory budget
    /// next to the corpus itself.
    starts: Vec<u32>,
    places: Vec<PackedPlace>,
    /// Where the original text's capitals are in `text`: a query with a capital is
    /// checked against these, not by reading the items again.
    capitals: Capitals,
    /// Items whose case the capitals cannot tell (see [`fold_recording_capitals`]),
    /// ascending; a query with a capital reads these items again.
    uncased: Vec<u32>,
}

/// A [`Place`] in 8 bytes instead of 24: the pane in the item's top bits.
#[derive(Debug, Clone, Copy)]
struct PackedPlace {
    position: u32,
    pane_and_item: u32,
}

/// Bits of [`PackedPlace::pane_and_item`] that hold the item (the rest, the pane): far
/// more items than the loader lets into one file.
const ITEM_BITS: u32 = 29;

impl PackedPlace {
    /// `None` when `item` does not fit its bits.
    fn new(position: u32, pane: Pane, item: u32) -> Option<Self> {
        let pane_at = u32::try_from(Pane::ALL.iter().position(|&p| p == pane)?).ok()?;
        (item < 1 << ITEM_BITS).then_some(Self {
            position,
            pane_and_item: (pane_at << ITEM_BITS) | item,
        })
    }

    fn unpack(self) -> Place {
        Place {
            position: self.position as usize,
            pane: Pane::ALL[(self.pane_and_item >> ITEM_BITS) as usize],
            item: (self.pane_and_item & ((1 << ITEM_BITS) - 1)) as usize,
        }
    }
}

impl SearchIndex {
    /// Folds every item of every briefing in `corpus`. Items past 4 GiB of folded text
    /// (far beyond what the loader's limits let in) are not indexed.
    #[must_use]
    pub fn build(corpus: &Corpus) -> Self {
        let mut index = Self::over(corpus.briefings());
        index.text.shrink_to_fit();
        index.starts.shrink_to_fit();
        index.places.shrink_to_fit();
        index.capitals.shrink_to_fit();
        index.uncased.shrink_to_fit();
        index
    }

    /// Folds every item of `briefings`, positions counted in that slice; not shrunk, as an
    /// index over one briefing lives only while that briefing is searched.
    fn over<'a>(briefings: impl IntoIterator<Item = &'a Briefing>) -> Self {
        let mut index = Self::default();
        'corpus: for (position, briefing) in briefings.into_iter().enumerate() {
            for pane in Pane::ALL {
                if !index.add_pane(position, pane, &pane_texts(briefing, pane)) {
                    break 'corpus;
                }
            }
        }
        index
    }

    /// Folds `items`, pane `pane` of the briefing at `position`; `false` when the index is
    /// full (past 4 GiB of text, or a position or item its places cannot hold), and the
    /// items that did not fit are left out.
    fn add_pane(&mut self, position: usize, pane: Pane, items: &[ItemText<'_>]) -> bool {
        (items.iter().enumerate())
            .all(|(item_index, item)| self.add_item(position, pane, item_index, item_parts(item)))
    }

    /// Folds one item's `parts`, item `item_index` of pane `pane` of the briefing at
    /// `position`; `false` when the index is full, and the item is left out. A part's
    /// label and text are folded where they are, as `label: text`.
    fn add_item<'a>(
        &mut self,
        position: usize,
        pane: Pane,
        item_index: usize,
        parts: impl Iterator<Item = Part<'a>>,
    ) -> bool {
        self.add_item_telling(position, pane, item_index, parts, |_| ())
    }

    /// [`SearchIndex::add_item`], telling `part_folded` where each part's text ends (at
    /// the `\n` after it) as it is folded.
    fn add_item_telling<'a>(
        &mut self,
        position: usize,
        pane: Pane,
        item_index: usize,
        parts: impl Iterator<Item = Part<'a>>,
        mut part_folded: impl FnMut(usize),
    ) -> bool {
        let (Ok(start), Some(place)) = (
            u32::try_from(self.text.len()),
            u32::try_from(position)
                .ok()
                .zip(u32::try_from(item_index).ok())
                .and_then(|(position, item)| PackedPlace::new(position, pane, item)),
        ) else {
            return false;
        };
        self.starts.push(start);
        self.places.push(place);
        let mut aligned = true;
        for part in parts {
            if let Some(label) = part.label {
                aligned &= fold_recording_capitals(label, &mut self.text, &mut self.capitals);
                self.text.push_str(": ");
            }
            aligned &= fold_recording_capitals(part.text, &mut self.text, &mut self.capitals);
            part_folded(self.text.len());
            self.text.push('\n');
        }
        if u32::try_from(self.text.len()).is_err() {
            self.drop_last_item(start);
            return false;
        }
        if !aligned {
            self.uncased.extend(u32::try_from(self.starts.len() - 1));
        }
        true
    }

    /// Removes the item last added, whose text began at `start`.
    fn drop_last_item(&mut self, start: u32) {
        self.text.truncate(start as usize);
        self.starts.pop();
        self.places.pop();
        self.capitals.truncate(start as usize);
    }

    /// Where item `item`'s text starts and ends in `text`.
    fn item_span(&self, item: usize) -> std::ops::Range<usize> {
        let start = self
            .starts
            .get(item)
            .map_or(self.text.len(), |&s| s as usize);
        let end = self
            .starts
            .get(item + 1)
            .map_or(self.text.len(), |&s| s as usize);
        start..end
    }

    /// Bytes the index holds on the heap (text, item starts and places, capitals), for
    /// the memory budget in PERFORMANCE.md.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.text.len()
            + std::mem::size_of_val(self.starts.as_slice())
            + std::mem::size_of_val(self.places.as_slice())
            + self.capitals.heap_bytes()
            + std::mem::size_of_val(self.uncased.as_slice())
    }

    /// The item whose text holds byte `at` of the index.
    fn item_at(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&start| start as usize <= at)
            .saturating_sub(1)
    }

    fn item_text(&self, item: usize) -> &str {
        &self.text[self.item_span(item)]
    }

    /// The places of the items holding every word of `query` (case aside), in corpus order.
    fn candidates(&self, query: &Query) -> Vec<usize> {
        let lower = query.lowered_words();
        let Some((first, rest)) = lower.split_first() else {
            return Vec::new();
        };
        let mut items: Vec<usize> = Vec::new();
        let finder = memmem::Finder::new(first.as_bytes());
        let mut from = 0;
        while let Some(found) = finder.find(&self.text.as_bytes()[from..]) {
            let item = self.item_at(from + found);
            if rest
                .iter()
                .all(|word| self.item_text(item).contains(word.as_str()))
            {
                items.push(item);
            }
            // The rest of this item can add nothing: go on from the next one.
            from = self.item_span(item).end;
        }
        items
    }

    /// The places of every item of `corpus` that matches `query`, in corpus order: what
    /// the reader counts and steps through with `n`. Found in the folded index alone, so
    /// it is fast; only a query with a capital reads the items again, to check case.
    /// `corpus` must be the one the index was built from.
    #[must_use]
    pub fn find(&self, corpus: &Corpus, query: &Query) -> Vec<Place> {
        let briefings = corpus.briefings();
        let mut items = PaneTexts::default();
        self.find_in(query, |place| {
            (items.item(briefings, place))
                .is_some_and(|item| query.matches_all(item_parts(item).map(Part::whole)))
        })
    }

    /// The places of the items this index holds that match `query`, in index order,
    /// asking `holds_every_word` of each item whose case the index cannot tell (a query
    /// with a capital reads such items again).
    fn find_in(&self, query: &Query, holds_every_word: impl FnMut(Place) -> bool) -> Vec<Place> {
        (self.find_items(query, holds_every_word).into_iter())
            .map(|i| self.places[i].unpack())
            .collect()
    }

    /// [`SearchIndex::find_in`] as the items' numbers in the index.
    fn find_items(
        &self,
        query: &Query,
        mut holds_every_word: impl FnMut(Place) -> bool,
    ) -> Vec<usize> {
        let candidates = self.candidates(query);
        if query.case == Case::Ignore {
            return candidates;
        }
        let words = query.cased_words();
        candidates
            .into_iter()
            .filter(|&i| match &words {
                Some(words) if self.tells_case_of(i) => self.matches_case(i, words),
                _ => holds_every_word(self.places[i].unpack()),
            })
            .collect()
    }

    /// Whether the capitals tell item `item`'s case (see [`fold_recording_capitals`]).
    fn tells_case_of(&self, item: usize) -> bool {
        u32::try_from(item).is_ok_and(|item| self.uncased.binary_search(&item).is_err())
    }

    /// Whether every word occurs in item `item` with its capitals where the original
    /// text has them. Every occurrence is tried, overlapping ones included (`Aa` in `aAa`).
    fn matches_case(&self, item: usize, words: &[CasedWord]) -> bool {
        let span = self.item_span(item);
        let text = &self.text.as_bytes()[span.clone()];
        words.iter().all(|word| {
            let mut from = 0;
            while let Some(found) = word.lower.find(&text[from..]) {
                let start = span.start + from + found;
                if self.capitals.matches(start, &word.capitals) {
                    return true;
                }
                from += found + 1;
            }
            false
        })
    }

    /// Every item of `corpus` that matches `query`, with its snippet, in corpus order.
    #[must_use]
    pub fn search(&self, corpus: &Corpus, query: &Query) -> Vec<Passage> {
        let mut items = PaneTexts::default();
        self.find(corpus, query)
            .into_iter()
            .filter_map(|place| passage_of(corpus.briefings(), query, place, &mut items))
            .collect()
    }
}

/// Every item of `briefing` that matches `query`, with its snippet, in reading order, at
/// position 0: exactly the passages [`SearchIndex::search`] over a whole corpus gives for
/// this briefing, found by the same code over an index of this briefing alone, so a search
/// can go through a corpus one briefing at a time and drop each once it is searched.
#[must_use]
pub fn search_briefing(briefing: &Briefing, query: &Query) -> Vec<Passage> {
    let searchable = Searchable::unkeyed(briefing);
    let at = (briefing.id(), briefing.summit.date);
    // Places come in reading order: each pane's keys are made once, for its first passage.
    let mut pane_keys_made: Option<(Pane, Vec<ItemKey>)> = None;
    passages_in(
        &searchable,
        at,
        query,
        |_| (),
        |item| {
            if pane_keys_made
                .as_ref()
                .is_none_or(|(pane, _)| *pane != item.pane)
            {
                pane_keys_made = Some((item.pane, pane_keys(briefing, item.pane)));
            }
            pane_keys_made.as_ref()?.1.get(item.index).cloned()
        },
    )
}

/// [`search_briefing`] over what a search reads of the briefing `summit` of `date`, made
/// from it with its keys ([`Searchable::of`]) or read back from the index, showing `seen`
/// its text as its index folded it (every item's parts, lower-cased, each followed by
/// `\n`) before it is searched: a passage is found only where that text holds every one of
/// [`Query::lowered_words`], so what is learnt from it (the search prefilter's signature)
/// is learnt from the very text searched, not from a second folding that could drift from
/// it. An unkeyed searchable gives no passages.
pub fn search_searchable(
    searchable: &Searchable,
    summit: &str,
    date: Date,
    query: &Query,
    seen: impl FnOnce(&str),
) -> Vec<Passage> {
    // Made once, and shared by every key of this summit.
    let summit_key: std::sync::Arc<str> = summit.into();
    passages_in(searchable, (summit, date), query, seen, |item| {
        searchable.key(&summit_key, item)
    })
}

/// The passages of `searchable`, of the summit `(id, date)`, each item's key given by
/// `key_of` once it has a passage.
fn passages_in(
    searchable: &Searchable,
    at: (&str, Date),
    query: &Query,
    seen: impl FnOnce(&str),
    mut key_of: impl FnMut(&searchable::SearchableItem) -> Option<ItemKey>,
) -> Vec<Passage> {
    let index = BriefingIndex::of(searchable, seen);
    let items = index.find_items(searchable, query);
    if items.is_empty() {
        return Vec::new();
    }
    let highlighter = Highlighter::new(query);
    (items.into_iter())
        .filter_map(|at_index| {
            let item = searchable.items().get(at_index)?;
            let place = index.index.places.get(at_index)?.unpack();
            let first = index.first_highlight(at_index, searchable.parts(item), &highlighter);
            passage_from(place, at, searchable.heading(item), || key_of(item), first)
        })
        .collect()
}

/// The places of every item of `briefing` that matches `query`, with `position` as their
/// summit's: exactly the places [`SearchIndex::find`] over a whole corpus gives for this
/// briefing at that position, found by the same code over an index of this briefing
/// alone ([`search_briefing`] without the snippets). The reader's search streams through
/// a large corpus this way and keeps only places: a passage is built when its row is drawn.
#[must_use]
pub fn find_in_briefing(briefing: &Briefing, position: usize, query: &Query) -> Vec<Place> {
    find_in_searchable(&Searchable::unkeyed(briefing), position, query, |_| ())
}

/// [`find_in_briefing`] over what a search reads of a briefing, showing `seen` the
/// briefing's text as its index folded it, as [`search_searchable`] does.
fn find_in_searchable(
    searchable: &Searchable,
    position: usize,
    query: &Query,
    seen: impl FnOnce(&str),
) -> Vec<Place> {
    let index = BriefingIndex::of(searchable, seen);
    (index.find_items(searchable, query).into_iter())
        .filter_map(|item| {
            let mut place = index.index.places.get(item)?.unpack();
            place.position = position;
            Some(place)
        })
        .collect()
}

/// The index of one briefing's items (what a search reads of it), with where each of
/// their parts ends in its text: a passage's highlight is found there, where the search
/// found its item, instead of by folding the item's parts again (which was a tenth of a
/// common word's search).
struct BriefingIndex {
    index: SearchIndex,
    /// Where each part of each item ends in the index's text (at the `\n` after it), the
    /// items' parts one after another.
    part_ends: Vec<u32>,
    /// Where each item's parts' ends start in `part_ends`.
    first_part: Vec<u32>,
}

impl BriefingIndex {
    /// `searchable` folded, its text as folded shown to `seen` (see [`search_searchable`]).
    fn of(searchable: &Searchable, seen: impl FnOnce(&str)) -> Self {
        let items =
            (searchable.items().iter()).map(|item| (item.pane, item.index, searchable.parts(item)));
        // Folding keeps ASCII's length, and a part's `\n` stands for its label's `: `.
        let text_len = searchable.text_len() + searchable.part_count();
        Self::of_items(items, text_len, searchable.part_count(), seen)
    }

    /// `items` folded (each a pane, its index in it and its parts), with room made for
    /// `text_len` bytes of folded text and `part_count` parts; the text shown to `seen`.
    fn of_items<'a, P: Iterator<Item = Part<'a>>>(
        items: impl ExactSizeIterator<Item = (Pane, usize, P)>,
        text_len: usize,
        part_count: usize,
        seen: impl FnOnce(&str),
    ) -> Self {
        let mut index = SearchIndex::default();
        index.text.reserve(text_len);
        let mut part_ends = Vec::with_capacity(part_count);
        let mut first_part = Vec::with_capacity(items.len());
        for (pane, item_index, parts) in items {
            let Ok(first) = u32::try_from(part_ends.len()) else {
                break;
            };
            let added = index.add_item_telling(0, pane, item_index, parts, |end| {
                // The index holds at most 4 GiB of text (`add_item` drops what would not
                // fit), so an end past it belongs to an item left out.
                part_ends.extend(u32::try_from(end));
            });
            if !added {
                break;
            }
            first_part.push(first);
        }
        seen(&index.text);
        Self {
            index,
            part_ends,
            first_part,
        }
    }

    /// The items of `searchable` (this index's) that match `query`, by their number.
    fn find_items(&self, searchable: &Searchable, query: &Query) -> Vec<usize> {
        self.index.find_items(query, |place| {
            (searchable.item(place.pane, place.item))
                .is_some_and(|item| query.matches_all(searchable.parts(item).map(|part| part.text)))
        })
    }

    /// The part of item `item` (of `parts`, the item's parts as folded) holding the first
    /// of the query's highlights, its whole text, and that highlight's range in it: what
    /// [`Query::highlights`] of each part in turn gives, read from the folded text the
    /// search found the item in. An item whose case the capitals cannot tell, or a query
    /// they cannot describe, is highlighted by folding its parts again.
    fn first_highlight<'a>(
        &self,
        item: usize,
        parts: impl Iterator<Item = Part<'a>> + Clone,
        highlighter: &Highlighter<'_>,
    ) -> Option<FirstHighlight<'a>> {
        let words = &highlighter.words;
        match words {
            HighlightWords::Folded(_) => {}
            HighlightWords::Cased(_) if self.index.tells_case_of(item) => {}
            _ => return first_highlight_anew(highlighter.query, parts),
        }
        let from = usize::try_from(*self.first_part.get(item)?).ok()?;
        let ends = self.part_ends.get(from..)?;
        let mut start = self.index.item_span(item).start;
        let mut found = Vec::new();
        for (part, &end) in parts.zip(ends) {
            let end = end as usize;
            let folded = self.index.text.as_bytes().get(start..end)?;
            words.occurrences(folded, start, &self.index.capitals, &mut found);
            start = end + 1;
            if found.is_empty() {
                continue;
            }
            let whole = part.whole();
            original_ranges(&whole, &mut found);
            if let Some(first) = first_merged(&mut found) {
                return Some((part.kind, whole, first));
            }
            found.clear();
        }
        None
    }
}

/// A passage's part, its whole text and the range of its first highlight in it.
type FirstHighlight<'a> = (PartKind, Cow<'a, str>, Range<usize>);

/// [`BriefingIndex::first_highlight`] by folding each part again.
fn first_highlight_anew<'a>(
    query: &Query,
    mut parts: impl Iterator<Item = Part<'a>>,
) -> Option<FirstHighlight<'a>> {
    parts.find_map(|part| {
        let text = part.whole();
        let range = query.highlights(&text).into_iter().next()?;
        Some((part.kind, text, range))
    })
}

/// A query's words made ready to be found in the index's folded text, once a briefing.
struct Highlighter<'q> {
    query: &'q Query,
    words: HighlightWords,
}

/// The words a [`Highlighter`] looks for.
enum HighlightWords {
    /// Case ignored: the index's text is folded as the query's words are.
    Folded(Vec<memmem::Finder<'static>>),
    /// Case kept: lower-cased, with their capitals, checked against the index's.
    Cased(Vec<CasedWord>),
    /// Case kept, for a word the capitals cannot describe: the parts are folded again.
    Anew,
}

impl<'q> Highlighter<'q> {
    fn new(query: &'q Query) -> Self {
        let words = match query.case {
            Case::Ignore => HighlightWords::Folded(
                (query.words.iter())
                    .map(|word| memmem::Finder::new(word.as_bytes()).into_owned())
                    .collect(),
            ),
            Case::Keep => query
                .cased_words()
                .map_or(HighlightWords::Anew, HighlightWords::Cased),
        };
        Self { query, words }
    }
}

impl HighlightWords {
    /// Appends to `found` where each word occurs in `folded`, a part's text in the index,
    /// which starts at byte `start` of the index's text, as ranges of `folded`: every
    /// occurrence [`memmem::find_iter`] finds in the part folded as the query folds it
    /// (leftmost first, none overlapping another of the same word).
    fn occurrences(
        &self,
        folded: &[u8],
        start: usize,
        capitals: &Capitals,
        found: &mut Vec<Range<usize>>,
    ) {
        match self {
            Self::Folded(finders) => {
                for finder in finders {
                    let len = finder.needle().len();
                    found.extend(finder.find_iter(folded).map(|at| at..at + len));
                }
            }
            Self::Cased(words) => {
                for word in words {
                    let len = word.capitals.len();
                    let mut from = 0;
                    while let Some(at) = folded.get(from..).and_then(|rest| word.lower.find(rest)) {
                        let at = from + at;
                        // Where the capitals differ, the word cased may still start at the
                        // next byte (`Aa` in `aAa`); where they agree, it starts again
                        // after this one, as `find_iter` goes on.
                        if capitals.matches(start + at, &word.capitals) {
                            found.push(at..at + len);
                            from = at + len;
                        } else {
                            from = at + 1;
                        }
                    }
                }
            }
            Self::Anew => {}
        }
    }
}

/// `folded`, ranges of `text` folded with case ignored, each made the range of `text` its
/// characters came from: from the start of the character its first byte came from to the
/// end of the one its last byte came from (as [`Folded::original`] maps them); a range
/// past the folded text is dropped. One pass over the text, up to the last range's end,
/// however many ranges.
fn original_ranges(text: &str, folded: &mut Vec<Range<usize>>) {
    // Each range's first and last byte, in folded order, with where its answer goes.
    let mut wanted: Vec<(usize, usize)> = Vec::with_capacity(2 * folded.len());
    for (at, range) in folded.iter_mut().enumerate() {
        wanted.push((range.start, 2 * at));
        wanted.push((range.end.saturating_sub(1).max(range.start), 2 * at + 1));
        *range = usize::MAX..usize::MAX;
    }
    wanted.sort_unstable();
    let mut wanted = wanted.into_iter().peekable();
    let mut folded_at = 0;
    let mut at = 0;
    for piece in (Pieces { rest: text }) {
        // A run of ASCII folds to as many bytes, each from the byte where it is; another
        // character's folded bytes all come from the whole character.
        let (source, folded_len, ascii) = match piece {
            Piece::Ascii(run) => (at..at + run.len(), run.len(), true),
            Piece::Other(c) => (at..at + c.len_utf8(), lowered_len(c), false),
        };
        at = source.end;
        while let Some(&(byte, slot)) = wanted.peek() {
            if byte >= folded_at + folded_len {
                break;
            }
            let from = if ascii {
                let at = source.start + (byte - folded_at);
                at..at + 1
            } else {
                source.clone()
            };
            if let Some(range) = folded.get_mut(slot / 2) {
                if slot % 2 == 0 {
                    range.start = from.start;
                } else {
                    range.end = from.end;
                }
            }
            wanted.next();
        }
        if wanted.peek().is_none() {
            break;
        }
        folded_at += folded_len;
    }
    folded.retain(|range| range.start != usize::MAX && range.end != usize::MAX);
}

/// The first of `ranges` once sorted and merged where they overlap or touch, as
/// [`Query::highlights`] merges them.
fn first_merged(ranges: &mut [Range<usize>]) -> Option<Range<usize>> {
    ranges.sort_unstable_by_key(|range| (range.start, range.end));
    let (first, rest) = ranges.split_first()?;
    let mut merged = first.clone();
    for range in rest {
        if range.start > merged.end {
            break;
        }
        merged.end = merged.end.max(range.end);
    }
    Some(merged)
}

/// The places of every item that matches `query` in the summits at `positions` (in
/// corpus order), in corpus order: each briefing read through `unheld` (so the corpus
/// keeps none of them), searched alone ([`find_in_briefing`]) and dropped, on every core.
/// A chunk of a search that streams through a corpus too large to index whole.
///
/// `None` once `wanted` says the search is no longer wanted (asked before each summit, and
/// never wanted again once it says no): the summits left are skipped, so a newer query
/// does not wait for the rest of an older one's chunk (512 summits took 160–200 ms under
/// load). `seen` is shown each summit's position and folded text as it is searched (what
/// the search prefilter signs, [`crate::corpus::MayMatch::seen`]).
#[must_use]
pub fn find_in_summits(
    unheld: &Unheld<'_>,
    positions: &[usize],
    query: &Query,
    wanted: impl Fn() -> bool + Sync,
    seen: impl Fn(usize, &str, Option<&Searchable>) + Sync,
) -> Option<Vec<Place>> {
    let places = positions
        .par_iter()
        .map(|&position| {
            (wanted().then(|| unheld.searchable(position)).flatten())
                .map(|(searchable, read_anew)| {
                    find_in_searchable(&searchable, position, query, |text| {
                        seen(position, text, read_anew.then_some(&searchable));
                    })
                })
                .unwrap_or_default()
        })
        .flatten_iter()
        .collect();
    wanted().then_some(places)
}

/// Panes' items as laid out, by position and pane: the one pane the last place fell in
/// (places come in corpus order, so each pane is laid out once however many of its items
/// match).
#[derive(Default)]
struct PaneTexts<'a> {
    laid_out: Vec<LaidOut<'a>>,
}

/// One pane's items as laid out, and their keys once a passage needs one.
struct LaidOut<'a> {
    at: (usize, Pane),
    texts: Vec<ItemText<'a>>,
    keys: OnceCell<Vec<ItemKey>>,
}

impl<'a> LaidOut<'a> {
    fn new(at: (usize, Pane), texts: Vec<ItemText<'a>>) -> Self {
        Self {
            at,
            texts,
            keys: OnceCell::new(),
        }
    }
}

impl<'a> PaneTexts<'a> {
    fn pane(&mut self, briefings: Briefings<'a>, place: Place) -> Option<&LaidOut<'a>> {
        let at = (place.position, place.pane);
        let found = self.laid_out.iter().position(|laid| laid.at == at);
        let index = if let Some(index) = found {
            index
        } else {
            let briefing = briefings.get(place.position)?;
            // The panes before this place are not asked for again.
            self.laid_out.clear();
            (self.laid_out).push(LaidOut::new(at, pane_texts(briefing, place.pane)));
            0
        };
        self.laid_out.get(index)
    }

    fn item(&mut self, briefings: Briefings<'a>, place: Place) -> Option<&ItemText<'a>> {
        self.pane(briefings, place)?.texts.get(place.item)
    }
}

/// The passage at `place`: its heading, the part holding the first match and the text
/// around it. `None` if the place or the match is not there (a corpus that changed).
#[must_use]
pub fn passage(corpus: &Corpus, query: &Query, place: Place) -> Option<Passage> {
    passage_of(corpus.briefings(), query, place, &mut PaneTexts::default())
}

fn passage_of<'a>(
    briefings: Briefings<'a>,
    query: &Query,
    place: Place,
    items: &mut PaneTexts<'a>,
) -> Option<Passage> {
    let briefing = briefings.get(place.position)?;
    let laid_out = items.pane(briefings, place)?;
    let item = laid_out.texts.get(place.item)?;
    let key = || {
        (laid_out.keys)
            .get_or_init(|| pane_keys(briefing, place.pane))
            .get(place.item)
            .cloned()
    };
    passage_from(
        place,
        (briefing.id(), briefing.summit.date),
        item.heading.as_deref(),
        key,
        first_highlight_anew(query, item_parts(item)),
    )
}

/// The passage of the item at `place` of the summit `(id, date)`, whose heading and key
/// are given, with `first`, the part holding its first match: that part and the text
/// around the match. `None` if no part holds a match. The key is made only for a passage.
fn passage_from(
    place: Place,
    (id, date): (&str, Date),
    heading: Option<&str>,
    key: impl FnOnce() -> Option<ItemKey>,
    first: Option<FirstHighlight<'_>>,
) -> Option<Passage> {
    let (part, text, range) = first?;
    let key = key()?;
    let (snippet, snippet_match) = snippet(&text, &range);
    let heading = heading.map_or_else(
        || format!("{} paragraph {}", place.pane.title(), place.item + 1),
        str::to_owned,
    );
    Some(Passage {
        place,
        id: id.to_owned(),
        date,
        heading,
        key,
        part,
        text: text.into_owned(),
        range,
        snippet,
        snippet_match,
    })
}

/// A part of a summit's header that a query can find a summit by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummitField {
    Title,
    Place,
    /// The tag at this index of the summit's tags.
    Tag(usize),
}

impl SummitField {
    /// The name scripts see in `sherpa search --json`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Place => "place",
            Self::Tag(_) => "tag",
        }
    }
}

/// A summit found by its title, place or tags: the header part holding the first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummitHit {
    /// The summit's position in the corpus (date order).
    pub position: usize,
    pub field: SummitField,
    /// That part's text, which `range` is in.
    pub text: String,
    /// The first match's byte range in `text`.
    pub range: Range<usize>,
}

/// The summits of `corpus` whose title, place and tags together hold every word of `query`
/// (folded as the item search folds, so `hofdi` finds "Höfði House"), in corpus order.
/// A summit's header is a handful of short strings, so they are folded per query rather
/// than kept in the index.
#[must_use]
pub fn find_summits(corpus: &Corpus, query: &Query) -> Vec<SummitHit> {
    let headers = HeaderMatcher::new(query);
    (corpus.briefings().iter().enumerate())
        .filter_map(|(position, briefing)| {
            let summit = &briefing.summit;
            headers.hit(position, &summit.title, &summit.location, &summit.tags)
        })
        .collect()
}

/// A query made ready to be tested against every summit's header: one summit's part of
/// [`find_summits`], for a search that has a summit's header without its briefing (a
/// catalog row). Every header is tested at every search, 100,000 of them before a
/// `sherpa search`'s first line, so each word's searcher is built once a search, not once a
/// header, and the folded header is written into one buffer a thread.
pub struct HeaderMatcher<'q> {
    query: &'q Query,
    finders: Vec<memmem::Finder<'q>>,
}

thread_local! {
    /// The header being tested, folded: reused from header to header on each thread.
    static FOLDED_HEADER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl<'q> HeaderMatcher<'q> {
    #[must_use]
    pub fn new(query: &'q Query) -> Self {
        let finders = (query.words.iter())
            .map(|word| memmem::Finder::new(word.as_bytes()))
            .collect();
        Self { query, finders }
    }

    /// The summit at `position` found by its `title`, `place` and `tags`, if together they
    /// hold every word of the query.
    #[must_use]
    pub fn hit(
        &self,
        position: usize,
        title: &str,
        place: &str,
        tags: &[impl AsRef<str>],
    ) -> Option<SummitHit> {
        let parts = [(SummitField::Title, title), (SummitField::Place, place)]
            .into_iter()
            .chain((tags.iter().enumerate()).map(|(i, tag)| (SummitField::Tag(i), tag.as_ref())));
        // Folded into one string, with the characters' folds replayed, and only a summit
        // that matches is looked at part by part. A query word holds no `\n`, so none is
        // found across two parts.
        let holds_every_word = FOLDED_HEADER.with_borrow_mut(|folded| {
            folded.clear();
            for (_, text) in parts.clone() {
                self.query.fold(text, folded);
                folded.push('\n');
            }
            (self.finders.iter()).all(|finder| finder.find(folded.as_bytes()).is_some())
        });
        if !holds_every_word {
            return None;
        }
        parts.into_iter().find_map(|(field, text)| {
            let range = self.query.highlights(text).into_iter().next()?;
            Some(SummitHit {
                position,
                field,
                text: text.to_owned(),
                range,
            })
        })
    }
}

/// A byte range of `text` as a range of characters (Unicode scalar values), which is what
/// scripts in most languages index strings by. A range off a character boundary is
/// counted up to it.
#[must_use]
pub fn char_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let chars_before = |at: usize| text.char_indices().take_while(|(i, _)| *i < at).count();
    chars_before(range.start)..chars_before(range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FieldKind, Item, pane_items};

    /// The parts of an item as it is drawn, read as the module says search reads them
    /// (heading, then each field, `label: text` when labelled, cross-references left out):
    /// what the search, which folds [`ItemText`]s and never lays out [`Item`]s, must agree with.
    fn drawn_parts(item: &Item) -> Vec<String> {
        let fields = (item.fields.iter())
            .filter(|field| !matches!(field.kind, FieldKind::Citation | FieldKind::Unsourced))
            .map(|field| match &field.label {
                Some(label) => format!("{label}: {}", field.text),
                None => field.text.clone(),
            });
        item.heading.clone().into_iter().chain(fields).collect()
    }

    fn corpus() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "reykjavik.toml",
            r#"
[summit]
id = "reykjavik-1986"
title = "Reykjavík Summit"
date = 1986-10-11
location = "Höfði House, Reykjavík"
summary = "Talks at Höfði on missiles.\n\nA second paragraph about SDI."

[[participants]]
name = "Mikhail Gorbachev"
role = "General Secretary"

[[goals]]
party = "United States"
goal = "Keep SDI research going; ceasefire is not on the table."
"#,
        );
        write(
            "washington.toml",
            r#"
[summit]
id = "washington-2025"
title = "Washington"
date = 2025-08-18
location = "White House"

[[participants]]
name = "Volodymyr Zelenskyy"

[[disagreements]]
topic = "Ceasefire first"
status = "open"
positions = [{ party = "Ukraine", position = "A ceasefire before talks." }]
"#,
        );
        let corpus = Corpus::load_paths(&[dir.path().to_owned()]);
        assert!(
            corpus.diagnostics().is_empty(),
            "{:?}",
            corpus.diagnostics()
        );
        corpus
    }

    #[test]
    fn summits_are_found_by_title_place_and_tags_folded() {
        let corpus = corpus();
        let found = |text: &str| -> Vec<(String, SummitField, String)> {
            let query = Query::new(text).unwrap();
            find_summits(&corpus, &query)
                .into_iter()
                .map(|hit| {
                    let id = corpus.briefings()[hit.position].id().to_owned();
                    (id, hit.field, hit.text[hit.range].to_owned())
                })
                .collect()
        };
        assert_eq!(
            found("hofdi"),
            [(
                "reykjavik-1986".to_owned(),
                SummitField::Place,
                "Höfði".to_owned()
            )]
        );
        assert_eq!(found("höfði")[0].1, SummitField::Place);
        assert_eq!(found("reykjavik summit")[0].1, SummitField::Title);
        assert_eq!(found("white house")[0].0, "washington-2025");
        assert!(
            found("gorbachev").is_empty(),
            "participants are items, not the header"
        );

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("t.toml"),
            "[summit]\ntitle = \"T\"\ndate = 2020-01-01\nlocation = \"X\"\ntags = [\"arms\", \"détente\"]\n",
        )
        .unwrap();
        let tagged = Corpus::load_paths(&[dir.path().to_owned()]);
        let hits = find_summits(&tagged, &Query::new("detente").unwrap());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].field, SummitField::Tag(1));
    }

    #[test]
    fn passages_carry_their_key_and_the_text_their_range_is_in() {
        let corpus = corpus();
        let query = Query::new("sdi").unwrap();
        let passages = SearchIndex::build(&corpus).search(&corpus, &query);
        assert!(!passages.is_empty());
        for passage in &passages {
            assert_eq!(passage.text[passage.range.clone()].to_lowercase(), "sdi");
            assert_eq!(passage.key.summit(), passage.id);
            assert_eq!(passage.key.pane(), passage.place.pane);
        }
    }

    #[test]
    fn char_ranges_count_characters_not_bytes() {
        let text = "Höfði House";
        let bytes = text.find("House").unwrap()..text.len();
        assert_eq!(char_range(text, &bytes), 6..11);
        assert_eq!(char_range(text, &(0..0)), 0..0);
    }

    /// A query with a capital finds, through the index's capitals, exactly the items whose
    /// own text holds every word with that case: letters whose capitals fold to other
    /// lengths (ẞ, İ, the Kelvin sign), capitals sharing a lower case (Ǆ and titlecase ǅ,
    /// ϴ and Θ), Greek final sigma, and a cased match overlapping an uncased one (`Aa` in
    /// `aAa`).
    #[test]
    fn capitals_in_the_index_agree_with_the_items_own_case() {
        let names = [
            "Mikhail Gorbachev",
            "MIKHAIL GORBACHEV",
            "mikhail gorbachev",
            "Straẞe STRASSE Straße",
            "İstanbul ISTANBUL istanbul",
            "Kelvin \u{212A} kelvin",
            "ǅemal Dzemal DŽEMAL",
            "Σίσυφος ΣΊΣΥΦΟΣ",
            "McDonald MCDONALD",
            "Ⅻ roman ⅻ",
            "aAa",
            "missISSIppi",
            "\u{1C4}emal",
            "\u{3F4}eta \u{398}eta",
            "ΣΊΣΥΦΟΣ ΟΔΟΣ",
        ];
        let mut toml = String::from(
            "[summit]\nid = \"cases\"\ntitle = \"Cases\"\ndate = 2000-01-01\nlocation = \"Here\"\n",
        );
        for name in names {
            toml.push_str(&format!("\n[[participants]]\nname = \"{name}\"\n"));
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cases.toml"), toml).unwrap();
        let corpus = Corpus::load_paths(&[dir.path().to_owned()]);
        assert_eq!(corpus.len(), 1, "{:?}", corpus.diagnostics());
        let index = SearchIndex::build(&corpus);
        let items = pane_items(&corpus.briefings()[0], Pane::Participants);
        for query in [
            "Mikhail",
            "MIKHAIL",
            "Gorbachev",
            "GORBACHEV",
            "Mikhail GORBACHEV",
            "Straße",
            "STRASSE",
            "Strasse",
            "Straẞe",
            "STRAẞE",
            "İstanbul",
            "Istanbul",
            "ISTANBUL",
            "\u{212A}elvin",
            "Kelvin",
            "ǅemal",
            "DŽemal",
            "Dzemal",
            "DŽEMAL",
            "Σίσυφος",
            "ΣΊΣΥΦΟΣ",
            "Σισυφος",
            "McDonald",
            "MCDONALD",
            "Mcdonald",
            "Ⅻ",
            "ⅻ Roman",
            "Aa",
            "ISSI",
            "\u{1C4}emal",
            "\u{1C5}emal",
            "\u{3F4}eta",
            "\u{398}eta",
            "ΟΔΟΣ",
        ] {
            let query = Query::new(query).unwrap();
            let expected: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, item)| query.matches_all(drawn_parts(item)))
                .map(|(at, _)| at)
                .collect();
            let found: Vec<usize> = index
                .find(&corpus, &query)
                .into_iter()
                .filter(|place| place.pane == Pane::Participants)
                .map(|place| place.item)
                .collect();
            assert_eq!(found, expected, "{}", query.text());
        }
    }

    /// Over the bundled briefings, the capitals path finds what reading every item again
    /// with case kept finds.
    #[test]
    fn capitals_agree_with_the_items_over_the_bundled_briefings() {
        let corpus = Corpus::load_bundled();
        let index = SearchIndex::build(&corpus);
        for query in [
            "Zelenskyy",
            "Putin",
            "NATO",
            "Trump Putin",
            "Élysée",
            "Kyiv",
            "US",
            "Nord",
        ] {
            let query = Query::new(query).unwrap();
            let mut expected = Vec::new();
            for (position, briefing) in corpus.briefings().iter().enumerate() {
                for pane in Pane::ALL {
                    for (item, laid_out) in pane_items(briefing, pane).iter().enumerate() {
                        if query.matches_all(drawn_parts(laid_out)) {
                            expected.push(Place {
                                position,
                                pane,
                                item,
                            });
                        }
                    }
                }
            }
            assert!(!expected.is_empty(), "{}", query.text());
            assert_eq!(index.find(&corpus, &query), expected, "{}", query.text());
        }
    }

    /// A passage names the item as drawn: its heading, its key, and the drawn text of the
    /// part holding the first match.
    #[test]
    fn passages_are_the_drawn_items() {
        let corpus = Corpus::load_bundled();
        let index = SearchIndex::build(&corpus);
        for text in ["putin", "Kyiv", "ceasefire", "nato summit", "sources"] {
            let passages = index.search(&corpus, &Query::new(text).unwrap());
            assert!(!passages.is_empty(), "{text}");
            for passage in passages {
                let place = passage.place;
                let briefing = &corpus.briefings()[place.position];
                let item = &pane_items(briefing, place.pane)[place.item];
                let heading = (item.heading.clone()).unwrap_or_else(|| {
                    format!("{} paragraph {}", place.pane.title(), place.item + 1)
                });
                assert_eq!(passage.heading, heading);
                assert_eq!(passage.key, item.key);
                let drawn = match passage.part {
                    PartKind::Heading => item.heading.clone(),
                    PartKind::Field(at) => item.fields.get(at).map(|field| match &field.label {
                        Some(label) => format!("{label}: {}", field.text),
                        None => field.text.clone(),
                    }),
                };
                assert_eq!(Some(passage.text), drawn, "{text} {place:?}");
            }
        }
    }

    proptest::proptest! {
        /// The index's text and capitals, folded a run of ASCII at a time, are those of
        /// every character folded alone.
        #[test]
        fn folding_runs_records_the_capitals_of_each_character(
            text in crate::fold::tests::tricky_text(),
        ) {
            let (mut by_runs, mut by_runs_capitals) = (String::new(), Capitals::default());
            let aligned = fold_recording_capitals(&text, &mut by_runs, &mut by_runs_capitals);
            let (mut each, mut each_capitals) = (String::new(), Capitals::default());
            let mut each_aligned = true;
            for c in text.chars() {
                each_aligned &= fold_char_recording_capitals(c, &mut each, &mut each_capitals);
            }
            proptest::prop_assert_eq!(by_runs, each);
            proptest::prop_assert_eq!(by_runs_capitals, each_capitals);
            proptest::prop_assert_eq!(aligned, each_aligned);
        }

        /// Characters folded through their memo, worked out then replayed, fold as they
        /// do worked out anew, wherever they fall in the text.
        #[test]
        fn memoised_characters_fold_as_worked_out_anew(
            text in crate::fold::tests::tricky_text(),
            before in "[a-zA-Z]{0,9}",
        ) {
            for _ in 0..2 {
                let (mut memoised, mut memoised_capitals) = (before.clone(), Capitals::default());
                let (mut anew, mut anew_capitals) = (before.clone(), Capitals::default());
                for c in text.chars() {
                    let memoised_aligned =
                        fold_char_recording_capitals(c, &mut memoised, &mut memoised_capitals);
                    let anew_aligned =
                        fold_char_recording_capitals_anew(c, &mut anew, &mut anew_capitals);
                    proptest::prop_assert_eq!(memoised_aligned, anew_aligned, "{:?}", c);
                }
                proptest::prop_assert_eq!(&memoised, &anew);
                proptest::prop_assert_eq!(&memoised_capitals, &anew_capitals);
            }
        }

        /// The first highlight of an item, read from the index's folded text, is the one
        /// found by folding its parts again, whatever their accents, capitals and
        /// combining marks, and whatever the query's case.
        #[test]
        fn first_highlights_read_from_the_index_are_those_folded_again(
            texts in proptest::collection::vec(crate::fold::tests::tricky_text(), 1..4),
            labels in proptest::collection::vec(
                proptest::option::of(crate::fold::tests::tricky_text()), 4),
            from in proptest::prelude::any::<proptest::sample::Index>(),
            len in 1..8usize,
            other in crate::fold::tests::tricky_text(),
            two_words in proptest::prelude::any::<bool>(),
        ) {
            let parts: Vec<Part<'_>> = (texts.iter().zip(&labels).enumerate())
                .map(|(at, (text, label))| Part {
                    kind: if at == 0 { PartKind::Heading } else { PartKind::Field(at - 1) },
                    label: label.as_deref().filter(|_| at > 0),
                    text,
                })
                .collect();
            // A query that occurs in the item (part of its text), or another word too.
            let all: Vec<char> = parts.iter().flat_map(|part| part.whole().chars().collect::<Vec<_>>()).collect();
            let start = if all.is_empty() { 0 } else { from.index(all.len()) };
            let mut query: String = all.iter().skip(start).take(len).collect();
            if two_words {
                query.push(' ');
                query.push_str(&other);
            }
            if let Some(query) = Query::new(&query) {
                let (read, anew) = first_highlight_both_ways(&parts, &query);
                proptest::prop_assert_eq!(read, anew);
            }
        }

        /// Text folded with its characters replayed from their memos is text folded by
        /// [`fold_into`].
        #[test]
        fn folding_through_the_memos_is_folding_anew(text in crate::fold::tests::tricky_text()) {
            for _ in 0..2 {
                let (mut replayed, mut anew) = (String::from("x"), String::from("x"));
                fold_lowered(&text, &mut replayed);
                fold_into(&text, Case::Ignore, &mut anew);
                proptest::prop_assert_eq!(&replayed, &anew);
            }
        }

        /// Highlights found through the runs are those found folding every character
        /// alone, each on the original characters it came from.
        #[test]
        fn folded_runs_map_back_as_each_character_does(
            text in crate::fold::tests::tricky_text(),
        ) {
            for case in [Case::Ignore, Case::Keep] {
                let folded = Folded::new(&text, case);
                let (mut each, mut origin) = (String::new(), Vec::new());
                for (start, c) in text.char_indices() {
                    let source = start..start + c.len_utf8();
                    fold_char(c, case, &mut |f| {
                        each.push(f);
                        origin.extend(std::iter::repeat_n(source.clone(), f.len_utf8()));
                    });
                }
                proptest::prop_assert_eq!(&folded.text, &each);
                proptest::prop_assert_eq!(&folded.origin, &origin);
            }
        }
    }

    /// Every character of the Basic Multilingual Plane folds through its memo, the first
    /// time and the next, as it does worked out anew.
    #[test]
    fn every_memoised_character_folds_as_worked_out_anew() {
        for _ in 0..2 {
            for c in ('\u{80}'..='\u{FFFF}').filter(|c| !c.is_ascii()) {
                let (mut memoised, mut memoised_capitals) = (String::new(), Capitals::default());
                let (mut anew, mut anew_capitals) = (String::new(), Capitals::default());
                let memoised_aligned =
                    fold_char_recording_capitals(c, &mut memoised, &mut memoised_capitals);
                let anew_aligned =
                    fold_char_recording_capitals_anew(c, &mut anew, &mut anew_capitals);
                assert_eq!(
                    (memoised, memoised_capitals, memoised_aligned),
                    (anew, anew_capitals, anew_aligned),
                    "{c:?}"
                );
            }
        }
    }

    /// The first highlight of an item of `parts`, read from the index's folded text and
    /// found by folding the parts again.
    fn first_highlight_both_ways<'a>(
        parts: &[Part<'a>],
        query: &Query,
    ) -> (Option<FirstHighlight<'a>>, Option<FirstHighlight<'a>>) {
        let items = std::iter::once((Pane::Summary, 0, parts.iter().copied()));
        let index = BriefingIndex::of_items(items, 0, 0, |_| ());
        let highlighter = Highlighter::new(query);
        (
            index.first_highlight(0, parts.iter().copied(), &highlighter),
            first_highlight_anew(query, parts.iter().copied()),
        )
    }

    /// Highlights read from the index where case is kept: a cased word overlapping an
    /// uncased occurrence (`Aa` in `aAa`), capitals whose lower case is longer (`Ⱥ`),
    /// letters folding to several (`ß`, `ﬃ`, `Ⅻ`), a combining mark between two matches,
    /// titlecase `ǅ` (which folds to `Dz`, unlike `ǆ`), and a label.
    #[test]
    fn first_highlights_read_from_the_index_where_case_and_lengths_differ() {
        for (texts, query, expected) in [
            (&["aAa"][..], "Aa", Some((0, "aAa", 1..3))),
            (
                &["x", "missISSIppi"],
                "ISSI",
                Some((1, "missISSIppi", 4..8)),
            ),
            (&["Ⱥb ⱥb ȺB"], "ȺB", Some((0, "Ⱥb ⱥb ȺB", 9..12))),
            (&["Ⱥb ⱥb"], "ⱥb", Some((0, "Ⱥb ⱥb", 0..3))),
            (
                &["Straße STRASSE"],
                "STRASSE",
                Some((0, "Straße STRASSE", 8..15)),
            ),
            (&["Straße"], "s", Some((0, "Straße", 0..1))),
            (&["Straße"], "ss", Some((0, "Straße", 4..6))),
            (&["oﬃce"], "fi", Some((0, "oﬃce", 1..4))),
            (&["Ⅻ xii"], "xii", Some((0, "Ⅻ xii", 0..3))),
            (&["ae\u{301}e"], "ae e", Some((0, "ae\u{301}e", 0..2))),
            (
                &["ǅemal DŽEMAL"],
                "DŽEMAL",
                Some((0, "ǅemal DŽEMAL", 7..14)),
            ),
            (&["Xǅ Xǆ"], "Xǆ", Some((0, "Xǅ Xǆ", 4..7))),
            (&["x", "y"], "z", None),
        ] {
            let parts: Vec<Part<'_>> = (texts.iter().enumerate())
                .map(|(at, text)| Part {
                    kind: PartKind::Field(at),
                    label: None,
                    text,
                })
                .collect();
            let query = Query::new(query).unwrap();
            let (read, anew) = first_highlight_both_ways(&parts, &query);
            assert_eq!(read, anew, "{}", query.text());
            let read = read.map(|(kind, text, range)| (kind, text.into_owned(), range));
            let expected =
                expected.map(|(at, text, range)| (PartKind::Field(at), text.to_owned(), range));
            assert_eq!(read, expected, "{}", query.text());
        }
        let labelled = [Part {
            kind: PartKind::Field(0),
            label: Some("Höfði"),
            text: "talks at HOFDI",
        }];
        let (read, anew) = first_highlight_both_ways(&labelled, &Query::new("hofdi").unwrap());
        assert_eq!(read, anew);
        assert_eq!(read.map(|(_, _, range)| range), Some(0..7));
    }

    #[test]
    fn packed_places_keep_every_pane_and_item() {
        let largest = (1 << ITEM_BITS) - 1;
        for pane in Pane::ALL {
            for item in [0, 1, 199_999, largest] {
                let place = PackedPlace::new(7, pane, item).unwrap().unpack();
                assert_eq!(
                    (place.position, place.pane, place.item),
                    (7, pane, item as usize)
                );
            }
            assert!(PackedPlace::new(7, pane, largest + 1).is_none());
        }
    }

    /// Dense capitals switch from the list to the bitmap, which answers the same.
    #[test]
    fn dense_capitals_become_a_bitmap_that_answers_as_the_list() {
        let marked: Vec<u32> = (0..300_000).filter(|at| at % 3 != 1).collect();
        let mut capitals = Capitals::default();
        for &at in &marked {
            capitals.set(at as usize);
        }
        assert!(
            matches!(capitals, Capitals::Bits(_)),
            "dense text takes the bitmap"
        );
        let listed = Capitals::Listed(marked);
        assert!(capitals.heap_bytes() < listed.heap_bytes() / 8);
        for start in [0, 1, 2, 3, 299_997] {
            for pattern in [
                [true, false, true],
                [true, true, false],
                [false, true, true],
            ] {
                assert_eq!(
                    capitals.matches(start, &pattern),
                    listed.matches(start, &pattern),
                    "{start} {pattern:?}"
                );
            }
        }
        let mut sparse = Capitals::default();
        for at in (0..300_000).step_by(40) {
            sparse.set(at);
        }
        assert!(
            matches!(sparse, Capitals::Listed(_)),
            "prose keeps the list"
        );
    }

    fn find(corpus: &Corpus, query: &str) -> Vec<Passage> {
        SearchIndex::build(corpus).search(corpus, &Query::new(query).unwrap())
    }

    #[test]
    fn summits_searched_alone_give_the_places_the_whole_index_finds() {
        let corpus = corpus();
        let index = SearchIndex::build(&corpus);
        let unheld = corpus.unheld();
        for text in [
            "ceasefire",
            "Ceasefire",
            "CEASEFIRE",
            "hofdi",
            "Höfði",
            "sdi talks",
            "ceasefire talks",
            "nothing-holds-this",
        ] {
            let query = Query::new(text).unwrap();
            let whole = index.find(&corpus, &query);
            let find = |positions: &[usize]| {
                find_in_summits(&unheld, positions, &query, || true, |_, _, _| ())
            };
            assert_eq!(find(&[0, 1]), Some(whole.clone()), "{text}");
            let in_the_second = find(&[1]).unwrap();
            let expected: Vec<Place> = whole.into_iter().filter(|p| p.position == 1).collect();
            assert_eq!(
                in_the_second, expected,
                "{text}: only the summits asked for"
            );
            let unwanted = find_in_summits(&unheld, &[0, 1], &query, || false, |_, _, _| ());
            assert_eq!(unwanted, None, "{text}: a search no longer wanted");
        }
    }

    #[test]
    fn hits_come_in_corpus_order_one_per_item() {
        let corpus = corpus();
        let hits = find(&corpus, "ceasefire");
        let places: Vec<(usize, Pane)> = hits
            .iter()
            .map(|h| (h.place.position, h.place.pane))
            .collect();
        assert_eq!(
            places,
            vec![(0, Pane::Goals), (1, Pane::Disagreements)],
            "{hits:#?}"
        );
        assert_eq!(hits[1].heading, "Ceasefire first");
        assert_eq!(hits[1].part, PartKind::Heading);
    }

    #[test]
    fn accents_fold_and_case_matters_only_with_a_capital() {
        let corpus = corpus();
        assert_eq!(find(&corpus, "hofdi").len(), 1, "summary paragraph");
        assert_eq!(find(&corpus, "zelenskyy")[0].heading, "Volodymyr Zelenskyy");
        assert!(
            find(&corpus, "ZELENSKYY").is_empty(),
            "a capital makes case matter"
        );
        assert_eq!(find(&corpus, "Höfði").len(), 1);
        let summary = &find(&corpus, "sdi")[0];
        assert_eq!(summary.place.pane, Pane::Summary);
        assert_eq!(summary.heading, "Summary paragraph 2");
    }

    #[test]
    fn every_word_must_be_in_the_same_item() {
        let corpus = corpus();
        assert_eq!(find(&corpus, "ceasefire ukraine").len(), 1);
        assert_eq!(find(&corpus, "table research").len(), 1, "any order");
        assert!(find(&corpus, "gorbachev ceasefire").is_empty());
    }

    #[test]
    fn highlights_map_back_to_the_original_text() {
        let query = Query::new("hofdi").unwrap();
        let text = "at Höfði House, höfði";
        let ranges = query.highlights(text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "Höfði");
        assert_eq!(&text[ranges[1].clone()], "höfði");
        let wide = Query::new("東京").unwrap();
        let text = "会議は東京で";
        assert_eq!(&text[wide.highlights(text)[0].clone()], "東京");
        let overlapping = Query::new("ab abc").unwrap();
        assert_eq!(overlapping.highlights("xabcx"), vec![1..4]);
    }

    #[test]
    fn snippets_cut_at_words_and_keep_the_match() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen \
                    fourteen fifteen sixteen seventeen eighteen nineteen twenty ceasefire \
                    twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six \
                    twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two end";
        let at = text.find("ceasefire").unwrap();
        let (long, range) = snippet(text, &(at..at + 9));
        assert_eq!(&long[range], "ceasefire");
        assert!(long.starts_with('…') && long.ends_with('…'), "{long}");
        assert!(long.chars().count() <= SNIPPET_CHARS + 2, "{long}");
        let (short, range) = snippet("a\nceasefire", &(2..11));
        assert_eq!(short, "a ceasefire");
        assert_eq!(&short[range], "ceasefire");
        let (broken, range) = snippet("\tx\tcease\r\nfire\ty\n", &(3..14));
        assert_eq!(broken, " x cease  fire y ");
        assert_eq!(&broken[range], "cease  fire");
    }

    #[test]
    fn a_query_of_spaces_is_no_query() {
        assert!(Query::new("  \t").is_none());
        assert!(
            Query::new("\u{301}").is_none(),
            "a lone accent folds to nothing"
        );
    }
}
