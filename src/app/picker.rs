//! A fuzzy-filtered list that jumps to a summit: the summit finder, the timeline, a
//! disagreement's history and a participant's summits all use it, with the same keys.

use std::hash::BuildHasher;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread;

use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::search::Passages;
use sherpa_core::corpus::Corpus;
use sherpa_core::fold::{Case, fold, fold_char};
use sherpa_core::item_key::ItemKey;
use sherpa_core::search::Place;

/// One row of a picker: a line, optional detail lines under it, and where Enter goes.
#[derive(Debug, Clone)]
pub struct PickerEntry {
    /// Untrusted text; sanitised when drawn.
    pub text: String,
    pub detail: Vec<String>,
    /// The summit (by id) Enter jumps to, if any. An id, not a position, so the list stays
    /// right when a live reload changes the corpus under an open picker.
    pub target: Option<String>,
}

/// One text an entry is matched on, lower-cased and without accents. The same text (a
/// participant at many summits, a year) is stored once per list and scored once per
/// keystroke on each scoring thread, however many entries share it.
#[derive(Debug)]
struct MatchField {
    folded: Utf32String,
    /// The field with every non-ASCII character blanked, for ASCII queries: it matches
    /// the same way (an ASCII query character only matches an ASCII one) through the
    /// matcher's much faster ASCII path. `None` when the field is ASCII already.
    ascii: Option<Utf32String>,
}

impl MatchField {
    fn new(folded: &str) -> Self {
        let ascii = (!folded.is_ascii()).then(|| {
            let blanked: String = folded
                .chars()
                .map(|c| if c.is_ascii() { c } else { ' ' })
                .collect();
            haystack(&blanked)
        });
        Self {
            folded: haystack(folded),
            ascii,
        }
    }

    fn text(&self, ascii_query: bool) -> &Utf32String {
        match &self.ascii {
            Some(ascii) if ascii_query => ascii,
            _ => &self.folded,
        }
    }
}

/// The entries of a picker and the fields they are matched on, each distinct field once.
#[derive(Debug, Clone)]
pub struct PickerEntries {
    rows: Vec<PickerEntry>,
    /// What each entry is matched against, field by field (a title, a place, a name), as
    /// slots in `fields`, the first being the entry's own line; entry `i`'s are
    /// `slots[bounds[i]..bounds[i + 1]]`. Matching fields separately keeps a short query
    /// from matching letters scattered across unrelated names, and keeps each match cheap.
    /// One buffer for every entry, read in order as a letter scores the entries: a vector
    /// per entry cost a cache miss per entry over 100,000 summits.
    slots: Vec<u32>,
    bounds: Vec<usize>,
    /// Shared by lists cut from this one ([`PickerEntries::subset`]).
    fields: Arc<Vec<MatchField>>,
}

impl Default for PickerEntries {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            slots: Vec::new(),
            bounds: vec![0],
            fields: Arc::default(),
        }
    }
}

impl PickerEntries {
    /// Entries matched on their own text and detail lines (`text`, `detail`, `target`).
    #[must_use]
    pub fn from_lines(
        lines: impl IntoIterator<Item = (String, Vec<String>, Option<String>)>,
    ) -> Self {
        let mut builder = EntriesBuilder::default();
        for (text, detail, target) in lines {
            let fields: Vec<String> = std::iter::once(text.clone())
                .chain(detail.iter().cloned())
                .collect();
            builder.push(text, detail, target, fields);
        }
        builder.build()
    }

    /// The entries at `positions`, in that order, sharing this list's fields.
    #[must_use]
    pub fn subset(&self, positions: impl IntoIterator<Item = usize>) -> Self {
        let mut subset = Self {
            fields: Arc::clone(&self.fields),
            ..Self::default()
        };
        for position in positions {
            if let Some(row) = self.rows.get(position) {
                subset.rows.push(row.clone());
                subset.slots.extend_from_slice(self.slots_of(position));
                subset.bounds.push(subset.slots.len());
            }
        }
        subset
    }

    /// The first entry whose `Enter` goes to the summit `id`.
    #[must_use]
    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| row.target.as_deref() == Some(id))
    }

    /// The slots of the fields entry `entry` is matched on, its own line's first.
    fn slots_of(&self, entry: usize) -> &[u32] {
        let start = self.bounds.get(entry).copied().unwrap_or_default();
        let end = self.bounds.get(entry + 1).copied().unwrap_or_default();
        self.slots.get(start..end).unwrap_or_default()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    #[must_use]
    pub fn get(&self, index: usize) -> Option<&PickerEntry> {
        self.rows.get(index)
    }

    /// The entry's score for `pattern`: every word of the query must match some field (and
    /// a `!negated` word none); the score adds each word's best field. A match in the first
    /// field (the entry's own line: a title, a meeting) counts a quarter more (see
    /// [`OWN_LINE_WEIGHT`]), so an entry about Osaka ranks above one that merely mentions
    /// it in a detail.
    fn score(&self, entry: usize, pattern: &Pattern, memo: &mut FieldScores) -> Option<u32> {
        let mut total = 0;
        for (word, atom) in pattern.atoms.iter().enumerate() {
            let mut scores =
                (self.slots_of(entry).iter()).map(|&slot| memo.score(word, atom, slot));
            if atom.negative {
                // A negative word scores `None` on a field it matches.
                if scores.any(|s| s.is_none()) {
                    return None;
                }
            } else {
                let own = scores
                    .next()
                    .flatten()
                    .map(|s| u32::from(s) * OWN_LINE_WEIGHT.0 / OWN_LINE_WEIGHT.1);
                let details = scores.flatten().max().map(u32::from);
                total += own.max(details)?;
            }
        }
        Some(total)
    }
}

/// How much more a match in an entry's own line counts than one in its details, as a
/// ratio. Enough that the same match ranks higher in the title, not so much that letters
/// scattered through a title (`bront` in "Brasil summit in Montréal", 100) outrank the
/// whole word in a participant's name (`bront` in "Ana Brontë", 140); double did.
const OWN_LINE_WEIGHT: (u32, u32) = (5, 4);

/// Builds [`PickerEntries`], storing each distinct field once.
#[derive(Default)]
pub(crate) struct EntriesBuilder {
    entries: PickerEntries,
    fields: Vec<MatchField>,
    /// Each field's text as given, one after another (`ends[slot]` is where the slot's
    /// ends), to find a repeated field without folding it again (repeats are the common
    /// case). One buffer rather than a string per field: a map keyed by copies of 200,000
    /// titles and ids over 100,000 summits freed them one by one once built, and glibc's
    /// allocator merged those freed blocks on the first large allocation after, which was
    /// the finder's first letter (tens of milliseconds).
    texts: String,
    ends: Vec<usize>,
    /// Each field's slot, found by hashing its text as given.
    slots: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl EntriesBuilder {
    /// Adds an entry matched on `fields` (the first being its own line).
    pub(crate) fn push<S: AsRef<str>>(
        &mut self,
        text: String,
        detail: Vec<String>,
        target: Option<String>,
        fields: impl IntoIterator<Item = S>,
    ) {
        for field in fields {
            let field = field.as_ref();
            let Self {
                texts,
                ends,
                slots,
                hasher,
                ..
            } = self;
            let hash = hasher.hash_one(field);
            let found = slots.find(hash, |&slot| text_at(texts, ends, slot) == field);
            let slot = if let Some(&slot) = found {
                slot
            } else {
                let slot = u32::try_from(self.fields.len()).unwrap_or(u32::MAX);
                self.fields.push(MatchField::new(&fold(field)));
                texts.push_str(field);
                ends.push(texts.len());
                let rehash = |&slot: &u32| hasher.hash_one(text_at(texts, ends, slot));
                slots.insert_unique(hash, slot, rehash);
                slot
            };
            self.entries.slots.push(slot);
        }
        self.entries.bounds.push(self.entries.slots.len());
        self.entries.rows.push(PickerEntry {
            text,
            detail,
            target,
        });
    }

    #[must_use]
    pub(crate) fn build(self) -> PickerEntries {
        PickerEntries {
            fields: Arc::new(self.fields),
            ..self.entries
        }
    }
}

/// The text of field `slot` as given to an [`EntriesBuilder`], from its `texts` and `ends`.
fn text_at<'t>(texts: &'t str, ends: &[usize], slot: u32) -> &'t str {
    let slot = slot as usize;
    let start = (slot.checked_sub(1)).map_or(Some(0), |before| ends.get(before).copied());
    let end = ends.get(slot).copied();
    start
        .zip(end)
        .and_then(|(start, end)| texts.get(start..end))
        .unwrap_or_default()
}

/// Each query word's score on each field, computed the first time an entry asks, by one
/// thread of a keystroke's scoring for all of them, and kept for the next keystroke: a
/// field shared by many entries is scored once, and a word typed on (`gen` after `ge`)
/// does not score again the fields the shorter word did not match, as they cannot match
/// the longer one either. Over 100,000 summits most of a letter's time was scoring each
/// title and id again.
#[derive(Debug, Default)]
struct WordScores {
    /// Each word of the folded query, with its score on each field (by slot):
    /// [`UNSCORED`] until scored, [`NO_MATCH`] for `None`.
    words: Vec<(String, Vec<AtomicU32>)>,
    /// The fields scored, held so that another list (whose slots are other fields) is
    /// never taken for them.
    fields: Option<Arc<Vec<MatchField>>>,
    /// Whether the scores were taken on the fields' ASCII forms ([`MatchField::text`]):
    /// a word scores differently there (a blanked letter is a word boundary), so an ASCII
    /// query's scores are not kept for a query with other characters, nor the reverse.
    ascii: bool,
}

const UNSCORED: u32 = u32::MAX;
const NO_MATCH: u32 = u32::MAX - 1;

impl WordScores {
    /// The scores for `query` (folded), whose pattern has `atoms` words, over `fields`,
    /// keeping what the last query's scores say of the same words and of the words it
    /// typed on. A query with special characters (see [`NON_NARROWING`]) is scored afresh,
    /// as its words are not plain fuzzy words, and so is the one after it.
    fn for_query(
        &mut self,
        query: &str,
        atoms: usize,
        fields: &Arc<Vec<MatchField>>,
    ) -> &[(String, Vec<AtomicU32>)] {
        // The words as the pattern splits them (at spaces, which an escape keeps).
        let words: Vec<&str> = query.split(' ').filter(|word| !word.is_empty()).collect();
        let plain = !query.contains(NON_NARROWING) && words.len() == atoms;
        let same_fields = (self.fields.as_ref()).is_some_and(|kept| Arc::ptr_eq(kept, fields));
        let same_forms = self.ascii == query.is_ascii();
        self.ascii = query.is_ascii();
        let old = std::mem::take(&mut self.words);
        let old = if same_fields && same_forms && plain {
            old
        } else {
            Vec::new()
        };
        let fresh = || {
            (0..fields.len())
                .map(|_| AtomicU32::new(UNSCORED))
                .collect()
        };
        self.words = if plain {
            (words.into_iter())
                .map(|word| {
                    let same = old.iter().find(|(old, _)| old == word);
                    let shorter = || {
                        (old.iter())
                            .filter(|(old, _)| word.starts_with(old.as_str()))
                            .max_by_key(|(old, _)| old.len())
                    };
                    let scores = match (same, shorter()) {
                        (Some((_, same)), _) => copy(same, |score| score),
                        // A longer word matches none of the fields the shorter did not.
                        (None, Some((_, shorter))) => copy(shorter, |score| {
                            if score == NO_MATCH {
                                NO_MATCH
                            } else {
                                UNSCORED
                            }
                        }),
                        (None, None) => fresh(),
                    };
                    (word.to_owned(), scores)
                })
                .collect()
        } else {
            (0..atoms).map(|_| (String::new(), fresh())).collect()
        };
        self.fields = plain.then(|| Arc::clone(fields));
        &self.words
    }
}

/// A copy of `scores`, each through `keep`.
fn copy(scores: &[AtomicU32], keep: impl Fn(u32) -> u32) -> Vec<AtomicU32> {
    scores
        .iter()
        .map(|score| AtomicU32::new(keep(score.load(Ordering::Relaxed))))
        .collect()
}

/// One thread's view of the [`WordScores`] of a keystroke, with its own matcher.
struct FieldScores<'a> {
    /// Made when a field is first scored: a matcher allocates and zeroes about 130 KB of
    /// scratch space, and most keystrokes' entries find every field they ask for scored.
    matcher: Option<Matcher>,
    ascii_query: bool,
    fields: &'a [MatchField],
    /// By the pattern's word, each word's scores by field slot.
    words: &'a [(String, Vec<AtomicU32>)],
}

impl<'a> FieldScores<'a> {
    fn new(
        fields: &'a [MatchField],
        words: &'a [(String, Vec<AtomicU32>)],
        ascii_query: bool,
    ) -> Self {
        Self {
            matcher: None,
            ascii_query,
            fields,
            words,
        }
    }

    /// Word `word`'s score on the field in `slot`. Two threads may score the same field
    /// at once: both store the same score. Inlined: the entries of a keystroke ask for
    /// millions of kept scores (as a call, 20 instructions each went to the call alone),
    /// and only the first asking scores the field.
    #[inline]
    fn score(&mut self, word: usize, atom: &Atom, slot: u32) -> Option<u16> {
        let words = self.words;
        let cell = words.get(word)?.1.get(slot as usize)?;
        let mut score = cell.load(Ordering::Relaxed);
        if score == UNSCORED {
            score = self.score_field(atom, slot);
            cell.store(score, Ordering::Relaxed);
        }
        match score {
            NO_MATCH => None,
            score => u16::try_from(score).ok(),
        }
    }

    /// `atom`'s score on the field in `slot`, or [`NO_MATCH`], computed now.
    #[inline(never)]
    fn score_field(&mut self, atom: &Atom, slot: u32) -> u32 {
        let Some(field) = self.fields.get(slot as usize) else {
            return NO_MATCH;
        };
        let matcher = (self.matcher).get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        atom.score(field.text(self.ascii_query).slice(..), matcher)
            .map_or(NO_MATCH, u32::from)
    }
}

/// `folded` as the matcher's haystack, one matcher character per character: the row's
/// character indices are what the matched positions index, and grapheme segmentation
/// (what `Utf32String::from` does) costs most of building a large finder's entries.
fn haystack(folded: &str) -> Utf32String {
    if folded.is_ascii() {
        Utf32String::Ascii(folded.into())
    } else {
        Utf32String::Unicode(folded.chars().collect())
    }
}

/// Finds which characters of a row a picker's query matched, for drawing them
/// highlighted as fzf does: the same folding and pattern as the scoring, applied to the
/// row's own text. Built once per frame, asked for the visible rows only.
pub struct MatchedChars {
    pattern: Pattern,
    matcher: Matcher,
}

impl MatchedChars {
    #[must_use]
    pub fn new(query: &str) -> Self {
        Self {
            pattern: Pattern::parse(&fold(query), CaseMatching::Respect, Normalization::Never),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// The indices (in characters, ascending) of `text`'s characters that some word of
    /// the query matched. Folding can spell one character as several (`æ` as `ae`) or
    /// drop one (a combining accent), so each folded character remembers the character
    /// of `text` it came from.
    pub fn of(&mut self, text: &str) -> Vec<usize> {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (index, c) in text.chars().enumerate() {
            fold_char(c, Case::Ignore, &mut |f| {
                folded.push(f);
                origin.push(index);
            });
        }
        let folded = haystack(&folded);
        let mut indices = Vec::new();
        for atom in self.pattern.atoms.iter().filter(|a| !a.negative) {
            atom.indices(folded.slice(..), &mut self.matcher, &mut indices);
        }
        let mut chars: Vec<usize> = indices
            .into_iter()
            .filter_map(|i| origin.get(i as usize).copied())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }
}

/// The finder's entries for a corpus, built on first use by whichever thread needs them
/// first: the runner builds them in the background after a load, so the first complete
/// frame does not wait for them (63 ms for 10,000 summits).
#[derive(Clone, Default)]
pub struct SummitEntries {
    corpus: Arc<Corpus>,
    built: Arc<OnceLock<Arc<PickerEntries>>>,
}

impl SummitEntries {
    #[must_use]
    pub fn new(corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            built: Arc::default(),
        }
    }

    /// The entries, built now if no one has built them yet.
    #[must_use]
    pub fn get(&self) -> &Arc<PickerEntries> {
        self.built
            .get_or_init(|| Arc::new(summit_entries(&self.corpus)))
    }
}

impl std::fmt::Debug for SummitEntries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SummitEntries")
            .field("summits", &self.corpus.len())
            .field("built", &self.built.get().is_some())
            .finish()
    }
}

/// One finder entry per summit, matched on id, title, place, year, tags and participants:
/// from each summit's summary, so no document is read.
#[must_use]
pub fn summit_entries(corpus: &Corpus) -> PickerEntries {
    let mut builder = EntriesBuilder::default();
    for position in 0..corpus.len() {
        let (Some(id), Some(date), Some(title), Some(location)) = (
            corpus.id_at(position),
            corpus.date_at(position),
            corpus.title_at(position),
            corpus.location_at(position),
        ) else {
            continue;
        };
        let year = date.year.to_string();
        let own = [title, location, year.as_str(), id];
        let tags = corpus.tags_at(position).iter().map(String::as_str);
        let names = corpus.participants_at(position);
        let text = format!("{date}  {title} — {location}");
        builder.push(
            text,
            Vec::new(),
            Some(id.to_owned()),
            own.into_iter().chain(tags).chain(names),
        );
    }
    builder.build()
}

/// How many matches past the selection are kept in order: more rows than any terminal
/// shows, so every row drawn is in its place (the list is drawn from a row above the
/// selection to one screen below it; with the selection among the passages, past every
/// match, the matches are all ordered).
const ORDERED_AHEAD: usize = 1_000;

/// Below this many entries one thread scores faster than starting more.
const PARALLEL_FROM: usize = 2_000;

/// The longest query a list takes, in characters: longer than any title, name or phrase
/// worth finding, short enough that scoring it stays instant however much is pasted.
pub const MAX_QUERY_CHARS: usize = 256;

/// Query characters with special meaning to the pattern syntax, after which a longer
/// query may match entries a shorter one did not.
const NON_NARROWING: [char; 5] = ['!', '^', '$', '\'', '\\'];

/// When a query over a list of [`PARALLEL_FROM`] entries or more is scored over at least
/// one in this many of them, each of its words is first scored on every field it has no
/// score for, in slot order, before the entries are: a letter's entries ask for most
/// fields anyway, and asked entry by entry the fields come in no order, each a cache miss
/// (over 100,000 summits, most of a first letter's time). A query narrowed to fewer
/// entries scores only the fields they ask for, and so does a smaller list, whose fields
/// stay in the cache (over 1,000 summits the pass started two threads and two matchers a
/// letter for nothing: 20 % more instructions).
const PRESCORE_FROM_SHARE: usize = 4;

/// Scores each word of `pattern` on every field of `fields` that `words` (its scores by
/// slot) has no score for yet, in slot order, on every core.
fn prescore(
    fields: &[MatchField],
    pattern: &Pattern,
    words: &[(String, Vec<AtomicU32>)],
    ascii_query: bool,
) {
    across_cores(fields.len(), |part| {
        let mut memo = FieldScores::new(fields, words, ascii_query);
        for (word, atom) in pattern.atoms.iter().enumerate() {
            for slot in part.clone() {
                let slot = u32::try_from(slot).unwrap_or(u32::MAX);
                memo.score(word, atom, slot);
            }
        }
        Vec::<()>::new()
    });
}

/// Runs `work` over `0..len` cut into one run per core, on threads of its own when `len`
/// is worth it, and joins what each run returns in order. Scoped threads of our own: a
/// keystroke never waits behind a background load that holds the shared thread pool.
fn across_cores<T: Send>(
    len: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    if len < PARALLEL_FROM || threads == 1 {
        return work(0..len);
    }
    let run = len.div_ceil(threads);
    thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> = (0..len)
            .step_by(run)
            .map(|start| scope.spawn(move || work(start..(start + run).min(len))))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    })
}

/// Scores `candidates` (entry indices) against `pattern`, whose words' scores on each
/// field are `words`, as [`ranked`] keys.
fn score(
    entries: &PickerEntries,
    candidates: &[usize],
    pattern: &Pattern,
    words: &[(String, Vec<AtomicU32>)],
    ascii_query: bool,
) -> Vec<u64> {
    let mut memo = FieldScores::new(&entries.fields, words, ascii_query);
    candidates
        .iter()
        .filter_map(|&i| {
            entries
                .score(i, pattern, &mut memo)
                .map(|score| ranked(score, i))
        })
        .collect()
}

/// An entry's place in the list as one number, best score first and ties in the entry
/// order: sorting 100,000 numbers is a few times faster than sorting pairs by two keys.
fn ranked(score: u32, entry: usize) -> u64 {
    (u64::from(u32::MAX - score) << 32) | (entry as u64 & u64::from(u32::MAX))
}

/// The entry a [`ranked`] key stands for.
fn entry_of(key: u64) -> usize {
    (key & u64::from(u32::MAX)) as usize
}

/// The timeline's chart of meetings per year, and the year its list is narrowed to.
#[derive(Debug, Clone)]
pub struct YearChart {
    /// Each year with a meeting and how many, by year.
    pub bars: Vec<(u16, u64)>,
    /// The bar the list is narrowed to; `None` for every year.
    pub selected: Option<usize>,
    /// Each entry's year, in the picker's entry order.
    years: Vec<u16>,
}

impl YearChart {
    /// The chart of entries dated in `years` (one year per entry, in entry order).
    #[must_use]
    pub fn new(years: Vec<u16>) -> Self {
        let mut bars: Vec<(u16, u64)> = Vec::new();
        let mut sorted = years.clone();
        sorted.sort_unstable();
        for year in sorted {
            match bars.last_mut() {
                Some((last, count)) if *last == year => *count += 1,
                _ => bars.push((year, 1)),
            }
        }
        Self {
            bars,
            selected: None,
            years,
        }
    }

    /// The year the list is narrowed to, if any.
    #[must_use]
    pub fn year(&self) -> Option<u16> {
        self.bars.get(self.selected?).map(|&(year, _)| year)
    }

    /// Moves the selected year by `delta` bars. "Every year" sits past the last bar and
    /// before the first, so stepping on from either end shows the whole list again.
    fn step(&mut self, delta: isize) {
        let places = self.bars.len() + 1;
        let all = self.bars.len();
        let now = self.selected.unwrap_or(all).cast_signed();
        let next = (now + delta)
            .rem_euclid(places.cast_signed())
            .cast_unsigned();
        self.selected = (next != all).then_some(next);
    }

    /// What stepping by `delta` (`-1` for `Left`, `1` for `Right`) does from here, for
    /// its key's hint: from every year it goes to the first or last year, past either end
    /// back to every year.
    #[must_use]
    pub fn step_hint(&self, delta: isize) -> &'static str {
        let last = self.bars.len().saturating_sub(1);
        match (self.selected, delta.is_negative()) {
            (None, true) => "latest year",
            (None, false) => "earliest year",
            (Some(0), true) => "all years",
            (Some(_), true) => "earlier year",
            (Some(at), false) if at >= last => "all years",
            (Some(_), false) => "later year",
        }
    }

    /// The bar of entry `index`'s year.
    fn bar_of(&self, index: usize) -> Option<usize> {
        let year = *self.years.get(index)?;
        self.bars.binary_search_by_key(&year, |&(y, _)| y).ok()
    }

    /// Whether entry `index` is in the selected year (every entry when none is).
    fn keeps(&self, index: usize) -> bool {
        self.year()
            .is_none_or(|year| self.years.get(index) == Some(&year))
    }
}

/// One of your notes the finder's query matches, on the item it stands on now: listed
/// after the summits and before the text's passages, marked as a note. Notes are few and
/// kept apart from the briefings, so they are matched per query rather than indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHit {
    /// The noted item, where `Enter` goes.
    pub key: ItemKey,
    pub text: String,
}

/// A row of a picker: one of its entries, or (in the finder) a note of yours or a passage
/// of text.
#[derive(Debug, Clone, Copy)]
pub enum PickerRow<'a> {
    Entry(&'a PickerEntry),
    /// A note of yours that matches the query.
    Note(&'a NoteHit),
    /// Where a matching passage is; its text is drawn from the search's source.
    Passage(&'a Place),
}

/// What `Enter` does with the selected entry's summit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Accept {
    /// Go to it.
    #[default]
    Jump,
    /// Show what changed between it and the summit being read.
    Compare,
    /// Go to the item whose key is the entry's target (the list of marks).
    Item,
    /// Narrow the reader to the tag or participant the entry's target names.
    Narrow,
}

/// The query, the entries that match it (best first), the finder's passages after them,
/// and the selection, which runs over both.
pub struct Picker {
    pub title: String,
    pub entries: Arc<PickerEntries>,
    pub query: String,
    /// Indices into `entries`, best first; past the rows near the selection (see
    /// [`ORDERED_AHEAD`]) in no particular order until the selection comes near them.
    pub matches: Vec<usize>,
    pub selected: usize,
    /// Whether the user moved the selection since the query last changed. Until then it
    /// stays on the top row as rows stream in above the one it was on, as fzf's does, so
    /// Enter opens the best row; once moved, it stays on the row the user chose.
    selection_moved: bool,
    /// The entry for the summit being read, marked in the list.
    pub current: Option<usize>,
    /// The finder's notes that match the query, listed after the entries.
    pub notes: Vec<NoteHit>,
    /// The finder's text hits, listed after the notes; `None` for the other lists.
    pub passages: Option<Passages>,
    /// The timeline's chart, which narrows the list to a year; `None` for the other lists.
    pub chart: Option<YearChart>,
    pub accept: Accept,
    /// The query's words' scores on each field, kept for the next keystroke.
    word_scores: WordScores,
    /// The matches' [`ranked`] keys, in the order of `matches`, and how many of them (from
    /// the first) are in order. Empty for an empty query, which lists every entry in order.
    ranking: Vec<u64>,
    ordered: usize,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("title", &self.title)
            .field("query", &self.query)
            .field("matches", &self.matches.len())
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl Picker {
    /// A picker listing every entry, with `current` (an entry index) selected and marked.
    #[must_use]
    pub fn new(
        title: impl Into<String>,
        entries: Arc<PickerEntries>,
        current: Option<usize>,
    ) -> Self {
        let mut picker = Self {
            title: title.into(),
            entries,
            query: String::new(),
            matches: Vec::new(),
            selected: 0,
            selection_moved: false,
            current,
            notes: Vec::new(),
            passages: None,
            chart: None,
            accept: Accept::Jump,
            word_scores: WordScores::default(),
            ranking: Vec::new(),
            ordered: 0,
        };
        picker.refresh(None);
        if let Some(current) = current {
            picker.selected = picker
                .matches
                .iter()
                .position(|&m| m == current)
                .unwrap_or(0);
        }
        picker
    }

    /// Re-runs the query over `narrowed` (entry indices), or over every entry. An empty
    /// query lists every entry in its original order.
    fn refresh(&mut self, narrowed: Option<Vec<usize>>) {
        self.selected = 0;
        self.selection_moved = false;
        self.ranking.clear();
        self.ordered = 0;
        let in_year = |&i: &usize| self.chart.as_ref().is_none_or(|chart| chart.keeps(i));
        if self.query.trim().is_empty() {
            self.matches = (0..self.entries.len()).filter(in_year).collect();
            return;
        }
        let query = fold(&self.query);
        let pattern = Pattern::parse(&query, CaseMatching::Respect, Normalization::Never);
        let ascii_query = query.is_ascii();
        let candidates =
            narrowed.unwrap_or_else(|| (0..self.entries.len()).filter(in_year).collect());
        let entries = self.entries.as_ref();
        let words = (self.word_scores).for_query(&query, pattern.atoms.len(), &entries.fields);
        if entries.len() >= PARALLEL_FROM
            && candidates.len().saturating_mul(PRESCORE_FROM_SHARE) >= entries.len()
        {
            prescore(&entries.fields, &pattern, words, ascii_query);
        }
        self.matches.clear();
        self.ranking = across_cores(candidates.len(), |part| {
            let part = candidates.get(part).unwrap_or_default();
            score(entries, part, &pattern, words, ascii_query)
        });
        self.order_through(ORDERED_AHEAD);
    }

    /// Puts the first `rows` matches in order (best score first, ties in the original
    /// (date) order), if they are not yet. Only the rows that can be seen are ordered, a
    /// run of them at a time: ordering all 100,000 matches of a first letter took most of
    /// two milliseconds, to draw twenty.
    fn order_through(&mut self, rows: usize) {
        let rows = rows.min(self.ranking.len());
        if rows <= self.ordered {
            return;
        }
        let Some(rest) = self.ranking.get_mut(self.ordered..) else {
            return;
        };
        let wanted = rows - self.ordered;
        if wanted < rest.len() {
            rest.select_nth_unstable(wanted);
        }
        if let Some(next) = rest.get_mut(..wanted) {
            next.sort_unstable();
        }
        self.ordered = rows;
        self.matches.clear();
        self.matches
            .extend(self.ranking.iter().copied().map(entry_of));
    }

    /// Every match in order, however far down: for what looks a match up by its place in
    /// the list.
    fn order_all(&mut self) {
        self.order_through(usize::MAX);
    }

    /// Adds a typed character to the query, unless it is full (see [`Picker::push_str`]).
    pub fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Adds text to the query as one edit, scored once, so a paste costs what one key
    /// does (scored per character, a 64 KiB paste took 41 s). A plain longer query can
    /// only match fewer entries, so only the current matches are scored again. Control
    /// characters (a pasted line break) become spaces. Takes at most what fits in
    /// [`MAX_QUERY_CHARS`]; false when some of `text` did not fit.
    pub fn push_str(&mut self, text: &str) -> bool {
        let room = MAX_QUERY_CHARS.saturating_sub(self.query.chars().count());
        let added: String = text
            .chars()
            .take(room)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let fits = text.chars().nth(room).is_none();
        if added.is_empty() {
            return fits;
        }
        let narrows = !self.query.trim().is_empty()
            && !self.query.contains(NON_NARROWING)
            && !added.contains(NON_NARROWING);
        self.query.push_str(&added);
        self.refresh(narrows.then(|| self.matches.clone()));
        fits
    }

    pub fn pop(&mut self) {
        self.query.pop();
        self.refresh(None);
    }

    /// `Ctrl-w`, as in a shell: removes the last word and the spaces after it.
    pub fn delete_word(&mut self) {
        let kept = self
            .query
            .trim_end()
            .trim_end_matches(|c: char| !c.is_whitespace());
        self.query.truncate(kept.len());
        self.refresh(None);
    }

    /// `Ctrl-u`, as in a shell: clears the query.
    pub fn clear(&mut self) {
        self.query.clear();
        self.refresh(None);
    }

    /// This picker with a chart of its entries per year (`years`, one per entry), which
    /// narrows the list to a year (the timeline).
    #[must_use]
    pub fn with_chart(mut self, years: Vec<u16>) -> Self {
        self.chart = Some(YearChart::new(years));
        self
    }

    /// `Left`/`Right` over the chart: narrows the list to another year, or to none, keeping
    /// the query. The summit being read stays selected when it is in the list.
    pub fn step_year(&mut self, delta: isize) {
        let Some(chart) = &mut self.chart else {
            return;
        };
        chart.step(delta);
        self.refresh(None);
        self.order_all();
        if let Some(at) = self
            .current
            .and_then(|current| self.matches.iter().position(|&m| m == current))
        {
            self.selected = at;
        }
    }

    /// The bar the timeline's chart keeps in view: the year the list is narrowed to, or
    /// else the selected row's year, so the chart never hides where the reader is (over
    /// decades, only the latest years fit).
    #[must_use]
    pub fn chart_focus(&self) -> Option<usize> {
        let chart = self.chart.as_ref()?;
        chart
            .selected
            .or_else(|| chart.bar_of(*self.matches.get(self.selected)?))
    }

    /// This picker with text passages listed after its entries (the finder).
    #[must_use]
    pub fn with_passages(mut self) -> Self {
        self.passages = Some(Passages::default());
        self
    }

    /// The passages found for the current query, if any.
    #[must_use]
    pub fn passage_hits(&self) -> &[Place] {
        self.passages.as_ref().map_or(&[], |p| p.hits.as_slice())
    }

    /// Rows listed: matching entries, then notes, then passages (the summit being read's
    /// first).
    #[must_use]
    pub fn row_count(&self) -> usize {
        self.passage_offset() + self.passage_hits().len()
    }

    /// The row of the first passage: after the entries and the notes.
    #[must_use]
    pub fn passage_offset(&self) -> usize {
        self.matches.len() + self.notes.len()
    }

    /// The row at `index` of the list.
    #[must_use]
    pub fn row(&self, index: usize) -> Option<PickerRow<'_>> {
        if let Some(&entry) = self.matches.get(index) {
            return self.entries.get(entry).map(PickerRow::Entry);
        }
        if let Some(note) = self.notes.get(index - self.matches.len()) {
            return Some(PickerRow::Note(note));
        }
        self.passages
            .as_ref()
            .and_then(|p| p.hits.get(p.hit_index(index - self.passage_offset())?))
            .map(PickerRow::Passage)
    }

    /// The selected row.
    #[must_use]
    pub fn selection(&self) -> Option<PickerRow<'_>> {
        self.row(self.selected)
    }

    /// Screen rows the row at `index` takes: an entry's line and its details, one line
    /// for a note or a passage.
    #[must_use]
    pub fn screen_rows_of(&self, index: usize) -> usize {
        match self.row(index) {
            Some(PickerRow::Entry(entry)) => 1 + entry.detail.len(),
            _ => 1,
        }
    }

    /// `PageDown` / `PageUp`: moves the selection past as many rows as fill a view `height`
    /// screen rows tall (an entry with details takes several), and by one row at least,
    /// as less, fzf and helix move by a screen.
    pub fn move_page(&mut self, forward: bool, height: usize) {
        let step = if forward {
            self.rows_filling(self.selected + 1..self.row_count(), height)
        } else {
            self.rows_filling((0..self.selected).rev(), height)
        };
        let step = step.cast_signed();
        self.move_selection(if forward { step } else { -step });
    }

    /// How many of `rows`, taken in turn, fit in `height` screen rows; one at least.
    fn rows_filling(&self, rows: impl Iterator<Item = usize>, height: usize) -> usize {
        let mut used = 0;
        rows.take_while(|&index| {
            used += self.screen_rows_of(index);
            used <= height
        })
        .count()
        .max(1)
    }

    /// Moves the selection by `delta` rows, as the user asked: from now on it stays on
    /// the row it lands on as rows arrive (see [`Picker::selection_moved`]).
    pub fn move_selection(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.selection_moved = true;
        self.clamp_selection();
    }

    /// Whether the user moved the selection since the query last changed: until then, it
    /// stays on the top row as rows are listed above the one it was on.
    #[must_use]
    pub fn selection_moved(&self) -> bool {
        self.selection_moved
    }

    /// Keeps the selection on a row after the list changed length or the selection moved,
    /// and the rows that can be drawn around it in order.
    pub(super) fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.row_count().saturating_sub(1));
        if self.selected.saturating_add(ORDERED_AHEAD) > self.ordered {
            self.order_through(self.selected.saturating_add(ORDERED_AHEAD * 2));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Arc<PickerEntries> {
        let mut builder = EntriesBuilder::default();
        builder.push(
            "Helsinki".into(),
            vec![],
            Some("helsinki".into()),
            ["Helsinki", "2018", "Niinistö"],
        );
        builder.push(
            "Geneva".into(),
            vec![],
            Some("geneva".into()),
            ["Geneva", "2021", "Parmelin"],
        );
        Arc::new(builder.build())
    }

    #[test]
    fn a_field_given_again_is_stored_once() {
        let mut builder = EntriesBuilder::default();
        builder.push("a".into(), vec![], None, ["Genève", "2021", "Ana"]);
        builder.push("b".into(), vec![], None, ["Genf", "2021", "Ana", "Genève"]);
        let entries = builder.build();
        assert_eq!(entries.fields.len(), 4);
        assert_eq!(entries.slots_of(0), [0, 1, 2]);
        assert_eq!(entries.slots_of(1), [3, 1, 2, 0]);
    }

    #[test]
    fn a_match_in_the_entrys_own_line_ranks_above_one_in_its_details() {
        let entries = Arc::new(PickerEntries::from_lines([
            (
                "2017-07-07  Hamburg".into(),
                vec!["listed as a prior meeting in osaka-2019".into()],
                None,
            ),
            ("2019-06-28  Osaka".into(), vec![], None),
        ]));
        let mut picker = Picker::new("t", entries, None);
        for c in "osaka".chars() {
            picker.push(c);
        }
        assert_eq!(picker.matches, vec![1, 0]);
    }

    #[test]
    fn a_whole_name_in_the_details_ranks_above_letters_scattered_through_a_title() {
        let mut builder = EntriesBuilder::default();
        for (title, person) in [
            ("Brasil summit in Montréal", "Li Wei"),
            ("Japan summit in Oslo", "Ana Brontë"),
        ] {
            builder.push(title.into(), vec![], None, [title, person]);
        }
        let mut picker = Picker::new("t", Arc::new(builder.build()), None);
        for c in "ana bront".chars() {
            picker.push(c);
        }
        assert_eq!(picker.matches.first(), Some(&1), "{:?}", picker.matches);
    }

    #[test]
    fn words_and_the_whole_query_can_be_deleted() {
        let mut picker = Picker::new("t", entries(), None);
        for c in "geneva 2021 ".chars() {
            picker.push(c);
        }
        picker.delete_word();
        assert_eq!(picker.query, "geneva ");
        picker.clear();
        assert_eq!(picker.query, "");
        assert_eq!(picker.matches.len(), 2);
    }

    #[test]
    fn empty_query_lists_everything_with_current_selected() {
        let picker = Picker::new("t", entries(), Some(1));
        assert_eq!(picker.matches, vec![0, 1]);
        let Some(PickerRow::Entry(entry)) = picker.selection() else {
            panic!("an entry is selected")
        };
        assert_eq!(entry.target.as_deref(), Some("geneva"));
    }

    #[test]
    fn narrowing_and_parallel_scoring_find_what_a_full_search_finds() {
        let names = [
            "Genève",
            "Zürich",
            "Москва",
            "東京",
            "Geneva",
            "Genf",
            "Helsinki",
        ];
        let mut builder = EntriesBuilder::default();
        for i in 0..PARALLEL_FROM * 2 {
            let name = names[i % names.len()];
            builder.push(name.into(), vec![], None, [name.to_owned(), i.to_string()]);
        }
        let entries = Arc::new(builder.build());
        for query in ["gen", "GENE 1", "genè", "моск", "東", "ge!z", "zur"] {
            let mut typed = Picker::new("t", Arc::clone(&entries), None);
            for c in query.chars() {
                typed.push(c);
            }
            let mut full = Picker::new("t", Arc::clone(&entries), None);
            full.query = query.to_owned();
            full.refresh(None);
            assert_eq!(listed(&mut typed), listed(&mut full), "{query}");
            assert_eq!(listed(&mut full), plain_ranking(&entries, query), "{query}");
        }
    }

    /// The whole list in order, as scrolling to its end shows it.
    fn listed(picker: &mut Picker) -> Vec<usize> {
        picker.order_all();
        picker.matches.clone()
    }

    #[test]
    fn rows_past_the_first_screens_are_in_order_when_the_selection_reaches_them() {
        let names = ["geneva", "gen", "agenda", "g e n", "Genf", "legend", "oslo"];
        let mut builder = EntriesBuilder::default();
        for i in 0..ORDERED_AHEAD * 5 {
            let name = names[i % names.len()];
            builder.push(format!("{name} {i}"), vec![], None, [name]);
        }
        let entries = Arc::new(builder.build());
        let mut picker = Picker::new("t", Arc::clone(&entries), None);
        picker.push_str("gen");
        let text = |entry: usize| entries.get(entry).map(|e| e.text.clone());
        let expected: Vec<_> = plain_ranking(&entries, "gen")
            .into_iter()
            .map(text)
            .collect();
        assert!(expected.len() > ORDERED_AHEAD * 4, "{}", expected.len());
        let mut shown = Vec::new();
        for _ in 0..expected.len() {
            let Some(PickerRow::Entry(entry)) = picker.selection() else {
                panic!("an entry is selected")
            };
            shown.push(Some(entry.text.clone()));
            picker.move_selection(1);
        }
        assert_eq!(shown, expected);
        // From the end back to the top, as `Home` after `End` goes.
        picker.push_str("e");
        picker.move_selection(isize::MAX);
        let expected: Vec<_> = plain_ranking(&entries, "gene")
            .into_iter()
            .map(text)
            .collect();
        let last = (picker.row(picker.selected)).and_then(|row| match row {
            PickerRow::Entry(entry) => Some(entry.text.clone()),
            _ => None,
        });
        assert_eq!(last, expected.last().cloned().flatten());
        picker.move_selection(isize::MIN);
        assert_eq!(
            listed(&mut picker)
                .into_iter()
                .map(text)
                .collect::<Vec<_>>(),
            expected
        );
    }

    /// The ranking without anything kept between keystrokes, shared between entries or
    /// threads: each entry scored on its own with fresh scores, then sorted by score (best
    /// first) and entry order.
    fn plain_ranking(entries: &PickerEntries, query: &str) -> Vec<usize> {
        let query = fold(query);
        if query.trim().is_empty() {
            return (0..entries.len()).collect();
        }
        let pattern = Pattern::parse(&query, CaseMatching::Respect, Normalization::Never);
        let fresh = || -> Vec<(String, Vec<AtomicU32>)> {
            (pattern.atoms.iter())
                .map(|_| {
                    let scores = (0..entries.fields.len()).map(|_| AtomicU32::new(UNSCORED));
                    (String::new(), scores.collect())
                })
                .collect()
        };
        let mut scored: Vec<(u32, usize)> = (0..entries.len())
            .filter_map(|entry| {
                let words = fresh();
                let mut memo = FieldScores::new(&entries.fields, &words, query.is_ascii());
                let score = entries.score(entry, &pattern, &mut memo)?;
                Some((score, entry))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, entry)| entry).collect()
    }

    /// What is typed into a list: letters, a pasted piece, a backspace, a word deleted.
    #[derive(Debug, Clone)]
    enum Edit {
        Type(String),
        Pop,
        DeleteWord,
    }

    fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
        use proptest::prelude::*;
        prop_oneof![
            4 => "[a-eøé !^$' ]{1,3}".prop_map(Edit::Type),
            1 => Just(Edit::Pop),
            1 => Just(Edit::DeleteWord),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The scores kept from one keystroke to the next, the narrowing, the threads and
        /// the sort by one key rank every query as scoring each entry afresh does.
        #[test]
        fn a_list_typed_into_ranks_as_each_query_scored_afresh(
            names in proptest::collection::vec("[a-eøé ]{0,8}", 1..40),
            copies in 1usize..=2,
            edits in proptest::collection::vec(edit(), 1..12),
        ) {
            let mut builder = EntriesBuilder::default();
            // Enough entries, once copied, for the scoring to run on threads.
            let count = names.len() * copies * (PARALLEL_FROM / 40 + 1);
            for at in 0..count {
                let name = &names[at % names.len()];
                let other = &names[(at / names.len()) % names.len()];
                builder.push(name.clone(), vec![], None, [name.as_str(), other.as_str()]);
            }
            let entries = Arc::new(builder.build());
            let mut picker = Picker::new("t", Arc::clone(&entries), None);
            for edit in edits {
                match edit {
                    Edit::Type(text) => {
                        picker.push_str(&text);
                    }
                    Edit::Pop => picker.pop(),
                    Edit::DeleteWord => picker.delete_word(),
                }
                proptest::prop_assert_eq!(
                    &listed(&mut picker),
                    &plain_ranking(&entries, &picker.query),
                    "query {:?}",
                    picker.query
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Over lists large enough for every fast path (each word scored on every field in
        /// slot order, on threads, while a query covers most entries; only the fields that
        /// a few entries ask for once it narrows), names and queries with capitals, accents
        /// and other scripts rank as each query scored afresh, typed letter by letter or
        /// pasted at once.
        #[test]
        fn capitals_accents_and_other_scripts_rank_as_each_query_scored_afresh(
            names in proptest::collection::vec("[a-dA-DøØéÉœ東 ]{0,10}", 1..60),
            query in "[a-dA-DøØéÉœ東 !']{1,6}",
        ) {
            let mut builder = EntriesBuilder::default();
            for at in 0..PARALLEL_FROM * 2 + names.len() {
                let own = &names[at % names.len()];
                let detail = &names[(at / 7 + 3) % names.len()];
                builder.push(own.clone(), vec![], None, [own, detail]);
            }
            let entries = Arc::new(builder.build());
            let mut typed = Picker::new("t", Arc::clone(&entries), None);
            for c in query.chars() {
                typed.push(c);
                // What is ordered so far is the ranking's start, and the rest its rest.
                let expected = plain_ranking(&entries, &typed.query);
                let ordered = typed.ordered.min(expected.len());
                proptest::prop_assert_eq!(&typed.matches[..ordered], &expected[..ordered]);
                let mut rest = typed.matches[ordered..].to_vec();
                rest.sort_unstable();
                let mut expected_rest = expected[ordered..].to_vec();
                expected_rest.sort_unstable();
                proptest::prop_assert_eq!(rest, expected_rest, "query {:?}", typed.query);
            }
            proptest::prop_assert_eq!(listed(&mut typed), plain_ranking(&entries, &query));
            let mut pasted = Picker::new("t", Arc::clone(&entries), None);
            pasted.push_str(&query);
            proptest::prop_assert_eq!(&listed(&mut pasted), &plain_ranking(&entries, &query));
        }
    }

    #[test]
    fn matched_chars_are_found_in_the_rows_own_text_accents_and_case_folded() {
        let mut matched = MatchedChars::new("zel kyiv");
        let text = "Zelenskyy in Kyïv";
        let chars: Vec<char> = text.chars().collect();
        let found: String = matched.of(text).into_iter().map(|i| chars[i]).collect();
        assert_eq!(found, "ZelKyïv");
        assert!(MatchedChars::new("").of(text).is_empty());
        // A combining accent is a character of its own: indices stay character indices.
        let decomposed = "Kyi\u{308}v";
        let chars: Vec<char> = decomposed.chars().collect();
        let found: String = MatchedChars::new("kyiv")
            .of(decomposed)
            .into_iter()
            .map(|i| chars[i])
            .collect();
        assert_eq!(found, "Kyiv");
        assert!(MatchedChars::new("!zel").of(text).is_empty());
    }

    #[test]
    fn letters_that_do_not_decompose_match_as_search_folds_them() {
        let text = "Ægir and Jonas Gahr Støre";
        let chars: Vec<char> = text.chars().collect();
        let matched = |query: &str| -> String {
            MatchedChars::new(query)
                .of(text)
                .into_iter()
                .map(|i| chars[i])
                .collect()
        };
        assert_eq!(matched("store"), "Støre");
        // `Æ` folds to two letters; both point back at it, and it is marked once.
        assert_eq!(matched("aegir"), "Ægir");
        let mut builder = EntriesBuilder::default();
        builder.push(text.to_owned(), Vec::new(), None, [text]);
        let mut picker = Picker::new("t", Arc::new(builder.build()), None);
        for c in "lukasz".chars() {
            picker.push(c);
        }
        assert!(picker.matches.is_empty());
        picker.clear();
        for c in "store".chars() {
            picker.push(c);
        }
        assert_eq!(picker.matches, vec![0]);
    }

    #[test]
    fn query_matches_accents_loosely_and_resets_selection() {
        let mut picker = Picker::new("t", entries(), Some(1));
        for c in "niinisto".chars() {
            picker.push(c);
        }
        assert_eq!(picker.matches, vec![0]);
        picker.move_selection(5);
        assert_eq!(picker.selected, 0, "clamped to the last match");
        for _ in 0..8 {
            picker.pop();
        }
        assert_eq!(picker.matches.len(), 2);
    }
}
