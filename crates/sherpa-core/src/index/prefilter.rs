//! The search prefilter: for each file the index knows, a small signature of the text its
//! search reads, so that a search decodes only the stored parses that can hold a match.
//!
//! Without it, `sherpa search "athens 1960"` over 100,000 briefings decoded, laid out and
//! folded every stored parse to find the 1,363 that match: a rare word cost what a common
//! one does (11 s). A signature is a Bloom filter of the byte trigrams of the briefing's
//! folded text, exactly the text [`crate::search::SearchIndex`] searches (every item's
//! parts, folded and lower-cased). An item matches only if that text holds each of the
//! query's [`Query::lowered_words`], so a file whose signature lacks one of their trigrams
//! cannot match; one that holds them all may (the search then decides). The answer is a
//! superset of the true matches, never a subset.
//!
//! A search reads a file's signature when it comes to the file ([`Prefilter::verdict`]),
//! on the thread that searches it, so its first summits are searched at once.
//!
//! Signatures are made lazily: a search computes them for the files it reads anyway (its
//! second pass decodes their stored parses) and stores them on a thread of its own, so
//! `list`, the reader and completion never pay for them. They live in the index's
//! `prefilter` table, one row per file keyed by path like the other rows, with the whole
//! fingerprint the row was made for and a checksum: a row for another state of the file
//! (edited, renamed onto, loaded with other options), damaged, truncated, of another
//! scheme or hand-edited is not used, and its file is read (never a wrong answer). Rows of
//! files gone are dropped with the files' rows ([`super::Index::forget`]); `sherpa cache
//! clear` deletes them with the index.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, Known, checksum, connect, state_and};
use crate::search::Query;

/// The layout of a signature, its first byte: one of another scheme (other hashes, other
/// sizes) is not read, and its file may match.
const SCHEME: u8 = 1;

/// A signature's bytes before its bits: the scheme and the base-2 logarithm of how many
/// bits it has.
const HEADER_BYTES: usize = 2;

/// Bits a signature spends on each byte of its text, at least (the size is rounded up to
/// a power of two). Sized by the text, not by its distinct trigrams: counting those meant
/// sorting every trigram, a fifth of a signing search's time. A generated briefing's text
/// has a distinct trigram in every 3.7 bytes, so this gives 4 to 8 bits a trigram, which
/// with [`PROBES`] probes sets a fifth to two fifths of the bits: a trigram the file lacks
/// passes with a chance of 5 to 15 %, and a word of a few such trigrams rarely does.
/// Simulated over 1,500 generated briefings and 70 queries (PERFORMANCE.md), 4 bits a
/// trigram let 0.5 % of the files tested through needlessly, 8 bits 0.1 %, at twice the
/// size; the trigrams alone, exactly, already let 1 % through (a file with `1969` and
/// `athens` holds the trigrams of `athens 1960`).
const BITS_PER_TEXT_BYTE: usize = 1;

/// The fewest and most bits a signature has, as powers of two: 64 bytes for a tiny file,
/// 2 KiB at most (a generated briefing's text has about 5,300 bytes: 1 KiB).
/// A huge file's signature fills up and lets every query through: slower, never wrong.
const MIN_BITS_LOG2: u8 = 9;
const MAX_BITS_LOG2: u8 = 14;

/// Bits set for each trigram (a Bloom filter's `k`).
const PROBES: usize = 2;

/// How many entries the search's threads may hand the writer before they wait for it:
/// a few chunks' worth, so that memory stays bounded when writing is slow.
const BATCHES_IN_FLIGHT: usize = 4;

/// The trigrams of a text, each as a 64-bit hash: three bytes make 24 bits, mixed so that
/// the bits probed for each are spread over the signature.
fn grams(text: &[u8]) -> impl Iterator<Item = u64> + '_ {
    packed_grams(text).map(|packed| mix(u64::from(packed)))
}

/// The trigrams of a text, each as its three bytes in the low 24 bits, each made from the
/// last by one shift (rather than a window of three bytes, checked, read and packed anew).
fn packed_grams(text: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut packed = 0;
    let mut shifted = text.iter().map(move |&byte| {
        packed = packed >> 8 | u32::from(byte) << 16;
        packed
    });
    // The first two bytes make no trigram yet.
    shifted.nth(1);
    shifted
}

/// How many trigrams a signature's making remembers having set, as a power of two: 2,048
/// slots (8 KB). Over 1,000 generated briefings, signing took 151 M instructions with
/// these, 168 M with 8,192 slots and 207 M with 16,384, whose clearing cost more than
/// their fewer collisions saved.
const SEEN_LOG2: u32 = 11;

/// `SplitMix64`'s finaliser: every bit of the output depends on every bit of the input.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The bits a gram's hash sets in a signature of `2^log2` bits.
fn probes(hash: u64, log2: u8) -> [usize; PROBES] {
    let mask = (1u64 << log2) - 1;
    [(hash & mask) as usize, ((hash >> 32) & mask) as usize]
}

/// A file's signature: the trigrams of its searched text, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    bytes: Vec<u8>,
}

impl Signature {
    /// The signature of `text`, the briefing's text as its search index folded it.
    #[must_use]
    pub fn of(text: &str) -> Self {
        let wanted = text.len().saturating_mul(BITS_PER_TEXT_BYTE).max(2);
        let log2 = (usize::BITS - (wanted - 1).leading_zeros())
            .clamp(u32::from(MIN_BITS_LOG2), u32::from(MAX_BITS_LOG2)) as u8;
        let mut bytes = vec![0; HEADER_BYTES + (1 << log2) / 8];
        bytes[0] = SCHEME;
        bytes[1] = log2;
        // Three trigrams in four have come before in the same text, and setting their
        // bits again changes nothing: each is looked up in a small table of those just
        // set (a slot for each hash of its three bytes, holding the last gram there)
        // before it is mixed and its bits set. Over 1,000 generated briefings this took
        // signing from 233 M instructions to 151 M. A slot holds the gram plus one, so an
        // empty one (0) holds none.
        let mut seen = vec![0u32; 1 << SEEN_LOG2];
        let bits = &mut bytes[HEADER_BYTES..];
        for packed in packed_grams(text.as_bytes()) {
            // Fibonacci hashing: the top bits of the product depend on all of the gram's.
            let at = packed.wrapping_mul(0x9E37_79B9) >> (u32::BITS - SEEN_LOG2);
            let Some(slot) = seen.get_mut(at as usize) else {
                continue;
            };
            if *slot == packed + 1 {
                continue;
            }
            *slot = packed + 1;
            for bit in probes(mix(u64::from(packed)), log2) {
                if let Some(byte) = bits.get_mut(bit / 8) {
                    *byte |= 1 << (bit % 8);
                }
            }
        }
        Self { bytes }
    }

    /// Whether the signature stored as `bytes` holds every gram of `grams`: `None` when
    /// `bytes` is no signature this sherpa reads (another scheme, a wrong length).
    fn holds(bytes: &[u8], grams: &Grams) -> Option<bool> {
        let (&[scheme, log2], bits) = bytes.split_first_chunk::<HEADER_BYTES>()?;
        let readable = scheme == SCHEME
            && (MIN_BITS_LOG2..=MAX_BITS_LOG2).contains(&log2)
            && bits.len() == (1 << log2) / 8;
        if !readable {
            return None;
        }
        let set = |bit: usize| {
            bits.get(bit / 8)
                .is_some_and(|byte| byte & (1 << (bit % 8)) != 0)
        };
        Some((grams.hashes.iter()).all(|&hash| probes(hash, log2).into_iter().all(set)))
    }

    /// The stored bytes.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// What a query asks of a signature: the trigrams of each of its words long enough to
/// have one.
#[derive(Debug, Clone)]
pub struct Grams {
    hashes: Vec<u64>,
}

impl Grams {
    /// The grams of `query`, or `None` when no word has three bytes: a signature cannot
    /// narrow such a query, and every file is searched. Of several words, only those of
    /// three bytes or more are asked for: a file holding a match holds every word, so
    /// leaving a short one out keeps the answer a superset.
    #[must_use]
    pub fn of(query: &Query) -> Option<Self> {
        let mut hashes: Vec<u64> = (query.lowered_words().iter())
            .flat_map(|word| grams(word.as_bytes()).collect::<Vec<_>>())
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        (!hashes.is_empty()).then_some(Self { hashes })
    }
}

/// What the prefilter says of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Its signature lacks a trigram of the query: no item of it can match.
    CannotMatch,
    /// Its signature holds every trigram of the query: it may match.
    MayMatch,
    /// It has no usable signature (none yet, one for another state of the file, damaged,
    /// of another scheme): it may match, and its signature is worth making as it is read.
    Unsigned,
}

impl Verdict {
    /// Whether the file must be searched.
    #[must_use]
    pub fn may_match(self) -> bool {
        self != Self::CannotMatch
    }
}

/// Reads the signatures of an index.
///
/// Its look-ups share one read transaction until [`Prefilter::end_reads`]: each look-up
/// in a transaction of its own took the WAL's shared lock and let it go again, a third of
/// the time a search over 100,000 signed files spent looking signatures up. A search ends
/// the reads at the end of each chunk, so no snapshot is kept longer than a chunk takes.
#[derive(Debug)]
pub struct Prefilter {
    connection: Connection,
}

impl Prefilter {
    /// The prefilter of the index at `index` (an [`super::Index::path`]); `None` when it
    /// cannot be opened (every file is then searched).
    #[must_use]
    pub fn open(index: &Path) -> Option<Self> {
        let connection = Connection::open_with_flags(
            index,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|connection| connection.busy_timeout(BUSY_TIMEOUT).map(|()| connection))
        .map_err(|err| tracing::info!("searching without the prefilter: {err}"))
        .ok()?;
        Some(Self { connection })
    }

    /// Whether the index holds any signature: an index only `list`s and the reader wrote
    /// has none, and a search over it need not look each of its files up to find that
    /// out. `None` when the table cannot be read (then the prefilter cannot narrow).
    #[must_use]
    pub fn has_signatures(&self) -> Option<bool> {
        self.connection
            .query_row("SELECT EXISTS (SELECT 1 FROM prefilter)", [], |row| {
                row.get(0)
            })
            .map_err(|err| tracing::info!("searching without the prefilter: {err}"))
            .ok()
    }

    /// What the signature of the file at `path`, as the load knew it (`known`), says of a
    /// query's `grams`. [`Verdict::CannotMatch`] only when the signature was made for the
    /// file exactly as `known` says, holds its checksum, and lacks a trigram of the query;
    /// [`Verdict::Unsigned`] when there is no such signature. `None` when the table cannot
    /// be read: then the file may match.
    ///
    /// One look-up by path, made when a search comes to the file: reading the whole table
    /// (100 MB over 100,000 files) before the first summit delayed a search's first line,
    /// and could not be stopped when a newer keystroke made the search stale.
    #[must_use]
    pub fn verdict(&self, grams: &Grams, path: &Path, known: &Known) -> Option<Verdict> {
        self.look_up(grams, path, known)
            .map_err(|err| tracing::debug!("no signature read for {}: {err}", path.display()))
            .ok()
    }

    /// Ends the read transaction the look-ups since the last call shared: the next see
    /// the index as it is then (signatures another search stored meanwhile, or removed).
    pub fn end_reads(&self) {
        if !self.connection.is_autocommit()
            && let Err(err) = self.connection.execute_batch("COMMIT")
        {
            tracing::debug!("the prefilter's reads did not end: {err}");
        }
    }

    fn look_up(&self, grams: &Grams, path: &Path, known: &Known) -> rusqlite::Result<Verdict> {
        if self.connection.is_autocommit() {
            self.connection.execute_batch("BEGIN")?;
        }
        // Only a row made for the file exactly as the load knew it.
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT signature, checksum FROM prefilter ",
            for_state!()
        ))?;
        let mut rows = statement.query(state_and(path, known, []))?;
        let Some(row) = rows.next()? else {
            return Ok(Verdict::Unsigned);
        };
        let Ok(signature) = row.get_ref(0)?.as_blob() else {
            return Ok(Verdict::Unsigned);
        };
        if row.get::<_, i64>(1)? != checksum(signature) {
            return Ok(Verdict::Unsigned);
        }
        Ok(match Signature::holds(signature, grams) {
            Some(true) => Verdict::MayMatch,
            Some(false) => Verdict::CannotMatch,
            None => Verdict::Unsigned,
        })
    }
}

/// A signature to store: the file it was made for, as the load knew it, and what its
/// search read of it ([`crate::search::Searchable::encode`]) when the index has none yet.
#[derive(Debug, Clone)]
pub struct Signed {
    pub path: PathBuf,
    pub known: Known,
    pub signature: Signature,
    pub searchable: Option<Vec<u8>>,
}

/// Stores signatures on a thread of its own, a batch (one transaction) at a time, while a
/// search goes on: making them is the search's work, writing them is not. An index that
/// cannot be written (read-only, locked past the busy timeout, damaged) only means no
/// signatures this time: the first batch that fails ends the writing, and the rest are
/// dropped. Dropping the writer waits for the batches handed to it.
#[derive(Debug)]
pub struct Writer {
    batches: Option<SyncSender<Vec<Signed>>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// A writer into the index at `index`.
    #[must_use]
    pub fn start(index: &Path) -> Self {
        let (batches, received) = sync_channel(BATCHES_IN_FLIGHT);
        let index = index.to_owned();
        let thread = std::thread::Builder::new()
            .name("prefilter writer".to_owned())
            .spawn(move || write_batches(&index, &received))
            .map_err(|err| tracing::info!("not storing signatures: {err}"))
            .ok();
        Self {
            batches: thread.as_ref().map(|_| batches),
            thread,
        }
    }

    /// Hands `batch` over to be stored (nothing, when it is empty).
    pub fn store(&self, batch: Vec<Signed>) {
        if let (Some(batches), false) = (&self.batches, batch.is_empty()) {
            // The writer gone (it stopped at a failure) only loses the batch.
            let _ = batches.send(batch);
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.batches = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer's thread: stores each batch received until the first failure, then only
/// empties the channel, so the search's threads never wait on a writer that gave up.
fn write_batches(index: &Path, batches: &Receiver<Vec<Signed>>) {
    let mut connection = match connect(index) {
        Ok(connection) => Some(connection),
        Err(err) => {
            tracing::info!("not storing signatures: {err}");
            None
        }
    };
    for batch in batches {
        let Some(open) = connection.as_mut() else {
            continue;
        };
        if let Err(err) = insert(open, &batch) {
            tracing::info!("signatures not stored in {}: {err}", index.display());
            connection = None;
        }
    }
}

fn insert(connection: &mut Connection, batch: &[Signed]) -> rusqlite::Result<()> {
    let transaction =
        connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut insert_signature = transaction.prepare(
            "INSERT OR REPLACE INTO prefilter
             (path, display, options, len, modified, changed, inode, device, signature, checksum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut insert_searchable = transaction.prepare(
            "INSERT OR REPLACE INTO searchable
             (path, display, options, len, modified, changed, inode, device, record, checksum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let row = |bytes| [ToSqlOutput::from(bytes), ToSqlOutput::from(checksum(bytes))];
        for signed in batch {
            let (path, known) = (&signed.path, &signed.known);
            insert_signature.execute(state_and(path, known, row(signed.signature.bytes())))?;
            if let Some(record) = &signed.searchable {
                insert_searchable.execute(state_and(path, known, row(record)))?;
            }
        }
    }
    transaction.commit()
}

/// How many files of the index at `index` have a signature, and the signatures' bytes:
/// what `sherpa cache status` shows. `None` when it cannot tell.
#[must_use]
pub fn status(index: &Path) -> Option<(u64, u64)> {
    rows_and_bytes(
        index,
        "SELECT count(*), ifnull(sum(length(signature)), 0) FROM prefilter",
    )
}

/// How many files of the index at `index` have what a search reads of them stored
/// ([`Signed::searchable`]), and those records' bytes: what `sherpa cache status` shows.
/// `None` when it cannot tell.
#[must_use]
pub fn searchable_status(index: &Path) -> Option<(u64, u64)> {
    rows_and_bytes(
        index,
        "SELECT count(*), ifnull(sum(length(record)), 0) FROM searchable",
    )
}

/// The bytes of the snapshot a search stored in the index at `index` (the catalog the next
/// search starts from, `corpus::snapshot`): what `sherpa cache status` shows. `None` when
/// there is none, or it cannot tell.
#[must_use]
pub fn snapshot_status(index: &Path) -> Option<u64> {
    let (records, bytes) = rows_and_bytes(
        index,
        "SELECT count(*), ifnull(sum(length(record)), 0) FROM snapshot",
    )?;
    (records > 0).then_some(bytes)
}

/// The two counts `sql` selects from the index at `index`, read-only.
fn rows_and_bytes(index: &Path, sql: &str) -> Option<(u64, u64)> {
    let connection = Connection::open_with_flags(
        index,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    connection.busy_timeout(BUSY_TIMEOUT).ok()?;
    connection
        .query_row(sql, [], |row| {
            Ok((
                row.get::<_, i64>(0)?.cast_unsigned(),
                row.get::<_, i64>(1)?.cast_unsigned(),
            ))
        })
        .ok()
}

#[cfg(test)]
mod tests;
