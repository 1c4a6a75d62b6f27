//! A briefing as its search reads it, and the bytes the index keeps of it.
//!
//! Searching a briefing reads only its items' places, keys and searchable parts (see
//! [`super::item_parts`]), yet a search of a common word over 100,000 briefings spent most
//! of its 15 s parsing each file and laying out every pane to get them. A [`Searchable`]
//! is exactly those parts, in one string, with the places and keys beside: made from a
//! briefing as a search reads it, it is stored in the index ([`crate::index::prefilter`]
//! stores it with the file's signature), and the next search reads it back without
//! parsing anything. Searching it is the same code as searching the briefing, because a
//! briefing is searched by way of its `Searchable`.
//!
//! The stored form is untrusted (the index is): [`Searchable::decode`] checks every
//! length, range, pane and order, and refuses what the encoder would not have written.

use std::ops::Range;
use std::sync::Arc;

use super::{Part, PartKind, item_parts, pane_rank};
use crate::document::{Pane, pane_texts};
use crate::item_key::{ItemKey, pane_keys};
use crate::model::Briefing;

/// The stored form's layout, its first byte: another is not read, and its file is parsed.
const SCHEME: u8 = 2;

/// The most bytes a stored form may say it holds once decompressed: four times the largest
/// file the loader reads (labels and keys add to a briefing's own text). A record saying
/// more is refused before anything is allocated for it.
const MAX_RAW_BYTES: usize = 64 * 1024 * 1024;

/// The largest record decompressed in a buffer kept by each thread ([`RAW`]): far above a
/// briefing's few kilobytes, far below what a hostile record may ask for.
const REUSED_RAW_BYTES: usize = 1024 * 1024;

thread_local! {
    /// Where [`Searchable::decode`] decompresses a record, kept from one to the next.
    static RAW: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One briefing's items as a search reads them, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    /// Every part's text and every item's identity, one after another.
    text: String,
    items: Vec<SearchableItem>,
    parts: Vec<SearchablePart>,
    /// Whether the items' keys are here: a searchable made only to be searched and dropped
    /// leaves them out (making every item's key was a ninth of a search that stores
    /// nothing), and is never stored.
    keyed: bool,
}

/// An item: where it is, its key, and its parts (in [`Searchable::parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SearchableItem {
    pub(super) pane: Pane,
    /// Its index in its pane.
    pub(super) index: usize,
    /// Whether its first part is its heading (a summary paragraph has none).
    headed: bool,
    /// Its key's identity in `text`, and which of the pane's items written alike it is.
    identity: Range<usize>,
    occurrence: usize,
    parts: Range<usize>,
}

/// A part of an item: which one, and its text in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SearchablePart {
    kind: PartKind,
    text: Range<usize>,
}

impl Searchable {
    /// What a search reads of `briefing`, to be stored: every pane's items laid out as the
    /// reader draws them, each part's text copied once (`label: text` for a labelled
    /// field), with each item's key.
    #[must_use]
    pub fn of(briefing: &Briefing) -> Self {
        Self::made(briefing, true)
    }

    /// [`Searchable::of`] without the items' keys: to be searched for places, or for
    /// passages given their keys otherwise, and dropped.
    #[must_use]
    pub fn unkeyed(briefing: &Briefing) -> Self {
        Self::made(briefing, false)
    }

    fn made(briefing: &Briefing, keyed: bool) -> Self {
        let mut searchable = Self {
            text: String::new(),
            items: Vec::new(),
            parts: Vec::new(),
            keyed,
        };
        for pane in Pane::ALL {
            let keys = keyed.then(|| pane_keys(briefing, pane));
            for (index, item) in pane_texts(briefing, pane).iter().enumerate() {
                let key = keys.as_ref().and_then(|keys| keys.get(index));
                let identity = searchable.push_text(key.map_or("", ItemKey::identity));
                let first_part = searchable.parts.len();
                for part in item_parts(item) {
                    let start = searchable.text.len();
                    if let Some(label) = part.label {
                        searchable.text.push_str(label);
                        searchable.text.push_str(": ");
                    }
                    searchable.text.push_str(part.text);
                    let text = start..searchable.text.len();
                    searchable.parts.push(SearchablePart {
                        kind: part.kind,
                        text,
                    });
                }
                searchable.items.push(SearchableItem {
                    pane,
                    index,
                    headed: item.heading.is_some(),
                    identity,
                    occurrence: key.map_or(0, ItemKey::occurrence),
                    parts: first_part..searchable.parts.len(),
                });
            }
        }
        searchable
    }

    fn push_text(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    /// Bytes of text its items' parts and identities hold.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// How many parts its items have.
    pub(super) fn part_count(&self) -> usize {
        self.parts.len()
    }

    pub(super) fn items(&self) -> &[SearchableItem] {
        &self.items
    }

    /// The item at `pane` and `index`, if there is one.
    pub(super) fn item(&self, pane: Pane, index: usize) -> Option<&SearchableItem> {
        let at = self
            .items
            .partition_point(|item| (pane_rank(item.pane), item.index) < (pane_rank(pane), index));
        self.items
            .get(at)
            .filter(|item| item.pane == pane && item.index == index)
    }

    /// `item`'s parts, in reading order, each whole (a label is part of its text).
    pub(super) fn parts<'a>(
        &'a self,
        item: &SearchableItem,
    ) -> impl Iterator<Item = Part<'a>> + Clone + 'a {
        let parts = self.parts.get(item.parts.clone()).unwrap_or_default();
        parts.iter().filter_map(|part| {
            Some(Part {
                kind: part.kind,
                label: None,
                text: self.text.get(part.text.clone())?,
            })
        })
    }

    /// `item`'s heading, if it has one.
    pub(super) fn heading(&self, item: &SearchableItem) -> Option<&str> {
        item.headed
            .then(|| self.parts(item).next().map(|part| part.text))
            .flatten()
    }

    /// `item`'s key, in the summit `summit` (the briefing's id).
    pub(super) fn key(&self, summit: &Arc<str>, item: &SearchableItem) -> Option<ItemKey> {
        let identity = self
            .text
            .get(item.identity.clone())
            .filter(|_| self.keyed)?;
        Some(ItemKey::of_parts(
            Arc::clone(summit),
            item.pane,
            identity,
            item.occurrence,
        ))
    }

    /// The bytes the index keeps: the scheme, the length of what follows once
    /// decompressed, and that compressed as an LZ4 block. Briefings' text halves this way
    /// (over 100,000 generated briefings, 663 MB raw), and decompressing is a fraction of
    /// the time reading so many more pages from the index took. `None` for a searchable
    /// made [`Searchable::unkeyed`]: stored, its passages would have no keys.
    #[must_use]
    pub fn encode(&self) -> Option<Vec<u8>> {
        if !self.keyed {
            return None;
        }
        let raw = self.encode_raw();
        let compressed = lz4_flex::block::compress(&raw);
        let mut out = Vec::with_capacity(compressed.len() + 12);
        out.push(SCHEME);
        push_number(&mut out, raw.len());
        out.extend_from_slice(&compressed);
        Some(out)
    }

    /// What [`Searchable::encode`] wrote, or `None` for bytes it could not have written
    /// (another scheme, a block that does not decompress to the length it says, a range
    /// out of the text or inside a character, panes out of order, trailing bytes): such a
    /// record is not used, and its file is parsed.
    #[must_use]
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let (&scheme, rest) = bytes.split_first()?;
        if scheme != SCHEME {
            return None;
        }
        let mut input = Input { bytes: rest };
        let raw_len = input.number().filter(|&len| len <= MAX_RAW_BYTES)?;
        let decode = |raw: &mut Vec<u8>| {
            raw.resize(raw_len, 0);
            let written = lz4_flex::block::decompress_into(input.bytes, raw).ok()?;
            (written == raw_len)
                .then(|| Self::decode_raw(raw))
                .flatten()
        };
        if raw_len > REUSED_RAW_BYTES {
            return decode(&mut Vec::new());
        }
        // A search decodes a record per briefing: zeroing and freeing a buffer for each
        // was a fortieth of a common word's search.
        RAW.with(|raw| decode(&mut raw.borrow_mut()))
    }

    /// Lengths and ranges as LEB128 numbers, and the text: what [`Searchable::encode`]
    /// compresses.
    fn encode_raw(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 16 * self.parts.len() + 16);
        push_number(&mut out, self.text.len());
        out.extend_from_slice(self.text.as_bytes());
        push_number(&mut out, self.items.len());
        for item in &self.items {
            push_number(&mut out, pane_rank(item.pane));
            push_number(&mut out, item.index);
            push_number(&mut out, usize::from(item.headed));
            push_number(&mut out, item.identity.start);
            push_number(&mut out, item.identity.len());
            push_number(&mut out, item.occurrence);
            push_number(&mut out, item.parts.len());
        }
        for part in &self.parts {
            push_number(
                &mut out,
                part.kind.field_index().map_or(0, |index| index + 1),
            );
            push_number(&mut out, part.text.start);
            push_number(&mut out, part.text.len());
        }
        out
    }

    /// What [`Searchable::encode_raw`] wrote, or `None`.
    fn decode_raw(raw: &[u8]) -> Option<Self> {
        let mut input = Input { bytes: raw };
        let text_len = input.number()?;
        // Checked with SIMD instructions: the text of every briefing a common word's search
        // reads back is checked, and the standard library's check, a character at a time
        // past the first that is not ASCII, was a quarter of decoding it.
        let text = simdutf8::basic::from_utf8(input.take(text_len)?)
            .ok()?
            .to_owned();
        let range = |input: &mut Input<'_>| -> Option<Range<usize>> {
            let start = input.number()?;
            let end = start.checked_add(input.number()?)?;
            (text.is_char_boundary(start) && text.is_char_boundary(end) && end <= text.len())
                .then_some(start..end)
        };
        let item_count = input.number()?;
        let mut items = Vec::with_capacity(item_count.min(input.bytes.len()));
        let mut parts_total = 0usize;
        for _ in 0..item_count {
            let pane = *Pane::ALL.get(input.number()?)?;
            let index = input.number()?;
            let headed = match input.number()? {
                0 => false,
                1 => true,
                _ => return None,
            };
            let identity = range(&mut input)?;
            let occurrence = input.number()?;
            let parts_len = input.number()?;
            let parts = parts_total..parts_total.checked_add(parts_len)?;
            parts_total = parts.end;
            let in_order = items.last().is_none_or(|last: &SearchableItem| {
                (pane_rank(last.pane), last.index) < (pane_rank(pane), index)
            });
            if !in_order || (headed && parts_len == 0) {
                return None;
            }
            items.push(SearchableItem {
                pane,
                index,
                headed,
                identity,
                occurrence,
                parts,
            });
        }
        let mut parts = Vec::with_capacity(parts_total.min(input.bytes.len()));
        for _ in 0..parts_total {
            let kind = match input.number()? {
                0 => PartKind::Heading,
                field => PartKind::Field(field - 1),
            };
            parts.push(SearchablePart {
                kind,
                text: range(&mut input)?,
            });
        }
        // A heading is an item's first part, and only a headed item's.
        let headings_right = items.iter().all(|item| {
            let Some(own) = parts.get(item.parts.clone()) else {
                return false;
            };
            (own.iter().enumerate())
                .all(|(at, part)| (part.kind == PartKind::Heading) == (item.headed && at == 0))
        });
        (input.bytes.is_empty() && headings_right).then_some(Self {
            text,
            items,
            parts,
            keyed: true,
        })
    }
}

/// Appends `value` as LEB128: seven bits a byte, the high bit set on all but the last.
fn push_number(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Bytes being decoded.
struct Input<'a> {
    bytes: &'a [u8],
}

impl<'a> Input<'a> {
    /// The next LEB128 number, `None` past the end or past `usize`.
    fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            let bits = usize::from(byte & 0x7f);
            if shift > 0 && bits >> (usize::BITS - shift) != 0 {
                return None;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// The next `len` bytes.
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.bytes.split_at_checked(len)?;
        self.bytes = rest;
        Some(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::{Query, SearchIndex, search_briefing, search_searchable};

    /// Queries that reach every path of a search: plain and capitalised words, accents
    /// folded, several words in one item, a heading, a label, a summary paragraph, a word
    /// in no briefing.
    const QUERIES: [&str; 12] = [
        "ceasefire",
        "Ceasefire",
        "hofdi",
        "Höfði",
        "treaty nuclear",
        "putin",
        "Position",
        "united states",
        "paragraph",
        "the",
        "é",
        "zzqqxx",
    ];

    #[test]
    fn a_briefing_searched_through_what_the_index_stores_gives_what_the_whole_index_finds() {
        let corpus = Corpus::load_bundled();
        let index = SearchIndex::build(&corpus);
        let mut passages = 0;
        for text in QUERIES {
            let query = Query::new(text).unwrap();
            let mut stored_passages = Vec::new();
            for (position, briefing) in corpus.briefings().iter().enumerate() {
                let stored = Searchable::decode(&Searchable::of(briefing).encode().unwrap())
                    .expect("what was encoded decodes");
                let (id, date) = (briefing.id(), briefing.summit.date);
                let mut found = search_searchable(&stored, id, date, &query, |_| ());
                assert_eq!(found, search_briefing(briefing, &query), "{text} in {id}");
                for passage in &mut found {
                    passage.place.position = position;
                }
                stored_passages.extend(found);
            }
            assert_eq!(stored_passages, index.search(&corpus, &query), "{text}");
            passages += stored_passages.len();
        }
        assert!(passages > 100, "the queries find passages: {passages}");
    }

    #[test]
    fn a_cut_or_foreign_record_is_refused_and_a_damaged_one_never_panics() {
        let corpus = Corpus::load_bundled();
        let briefing = corpus.briefings().iter().next().unwrap();
        let bytes = Searchable::of(briefing).encode().unwrap();
        assert_eq!(
            Searchable::unkeyed(briefing).encode(),
            None,
            "without its keys, a searchable is never stored"
        );
        for len in 0..bytes.len() {
            assert_eq!(Searchable::decode(&bytes[..len]), None, "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Searchable::decode(&longer), None, "trailing bytes");
        let mut foreign = bytes.clone();
        foreign[0] = SCHEME + 1;
        assert_eq!(Searchable::decode(&foreign), None, "another scheme");
        // Text that is not UTF-8: the first byte of the stored text made a stray
        // continuation byte.
        let searchable = Searchable::of(briefing);
        let mut raw = searchable.encode_raw();
        let mut length = Vec::new();
        push_number(&mut length, searchable.text.len());
        assert!(raw.starts_with(&length));
        raw[length.len()] = 0x80;
        assert_eq!(Searchable::decode_raw(&raw), None, "text that is not UTF-8");
        let mut huge = vec![SCHEME];
        push_number(&mut huge, usize::MAX);
        huge.extend_from_slice(&bytes[1..]);
        assert_eq!(Searchable::decode(&huge), None, "too large to allocate");
        let query = Query::new("the").unwrap();
        // The scheme and the text's length, a sample of the text, and the items and parts
        // at the end, byte by byte.
        let len = bytes.len();
        let damaged_at = (0..8)
            .chain((8..len).step_by(37))
            .chain(len.saturating_sub(600)..len);
        for at in damaged_at.filter(|&at| at < len) {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                // Whatever it decodes to, searching it answers without a panic.
                if let Some(searchable) = Searchable::decode(&damaged) {
                    let _ =
                        search_searchable(&searchable, "x", briefing.summit.date, &query, |_| ());
                }
            }
        }
    }

    #[test]
    fn numbers_round_trip_and_overlong_ones_are_refused() {
        for value in [0, 1, 127, 128, 300, 1 << 20, usize::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, value);
            let mut input = Input { bytes: &out };
            assert_eq!(input.number(), Some(value));
            assert!(input.bytes.is_empty());
        }
        let overlong = [0xff; 11];
        assert_eq!(Input { bytes: &overlong }.number(), None);
    }
}
