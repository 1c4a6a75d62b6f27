//! The catalog a search starts from: what the last search's load assembled, kept in the
//! index as one record and taken whole when every file is as it was then.
//!
//! Before its first line, a warm `sherpa search` over 100,000 briefings read 100,000 rows,
//! matched them to the files, ordered the summits, checked their ids across files and
//! folded their headers: about 200 of its 310 ms, to assemble the catalog the last search
//! assembled.
//! Now a search's load stores what it assembled: every file it found, in order, with its
//! [`Fingerprint`]; the summits kept, in date order, each with what a search reads of it
//! before its passages; the problems found and how many files failed. The next search walks
//! the folders and stats every file (what any load does first), and when it finds exactly
//! those files with exactly those fingerprints, each row it would read is the row read then
//! and each check across files would find what it found then: the record is the catalog,
//! and no row is read. Any other walk (a file edited, added, removed or renamed) loads as
//! before, and stores a new record once every file is old enough to be stored and each
//! was read whole as it was stated.
//!
//! Only a search takes it. `list` and the reader, whose warm starts meet their targets,
//! would gain as much, and lose it again at the start after any edit: "after editing one
//! file, the next start within 10 % of the warm start" would no longer hold.
//!
//! ```text
//! record      = options files kept diagnostics failed
//! files       = count (display len modified changed inode device)*   in the order found
//! kept        = count (bytes)*        in date order, in chunks of KEPT_PER_CHUNK summits
//!               (the last the rest), each chunk its bytes: (file id date status title
//!               location tags)*, so that they are read on every core
//! file        = the summit's file, by its place in `files`
//! diagnostics = bytes: empty, or CBOR of the load's diagnostics
//! failed      = how many files did not load
//! ```
//!
//! Numbers, texts, dates, statuses, lists and diagnostics are written as a catalog row
//! writes them (`row`); the times are their two's complement.

use std::path::{Path, PathBuf};

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use super::cached::{self, LoadIndex};
use super::catalog::{Listed, StoredLinks};
use super::discover::{find_files, fingerprints};
use super::read::STDIN_PATH;
use super::row::{Fields, Header, put_bytes, put_diagnostics, put_header, put_number, put_text};
use super::searched::{FoundSummit, SearchContext, Searched};
use super::{Assembly, LoadOptions, Summit, Walked, load_found, load_walked};
use crate::diagnostics::Diagnostic;
use crate::index::{Checked, Fingerprint, Index, Known, store_snapshot};
use crate::search::{HeaderMatcher, Query};

/// How many kept summits one chunk of a record holds: each chunk is read on a core of its
/// own, and 100,000 summits make 98 of them.
const KEPT_PER_CHUNK: usize = 1024;

/// What a search's load gives: the summits it assembled, or a snapshot's record of them.
pub(super) enum Loaded {
    Assembled(Assembly<Searched>),
    Recorded(Recorded),
}

/// A search's load taken from a snapshot: the summits found by their headers, found as the
/// record was checked, and every summit, made as the second pass reaches it.
pub(super) struct Recorded {
    pub(super) summits: Vec<FoundSummit>,
    pub(super) searched: RecordedSummits,
    /// How many summits the record keeps.
    pub(super) loaded: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) failed_files: usize,
}

/// The files and summits a search's load goes through, from the index's snapshot when it
/// is the catalog of the files as they are now; else loaded as any load is, and the
/// snapshot of what was loaded kept in `context` to be stored ([`store`]).
pub(super) fn load_search(
    paths: &[PathBuf],
    options: LoadOptions,
    index_dir: Option<&Path>,
    context: &SearchContext,
) -> Loaded {
    let reads_stdin = paths.iter().any(|path| path.as_os_str() == STDIN_PATH);
    let Some(dir) = index_dir.filter(|_| !reads_stdin && !options.with_bundled) else {
        return Loaded::Assembled(load_found(paths, options, index_dir, context));
    };
    let row_options = u8::from(options.require_sources);
    let mut diagnostics = Vec::new();
    // The index is opened and its snapshot read while the folders are walked and every
    // file stated on every core.
    let ((found, prints), opened) = rayon::join(
        || {
            let found = find_files(paths, &mut diagnostics);
            let prints = fingerprints(&found);
            (found, prints)
        },
        || {
            cached::open_index(dir, paths).map(|(index, started)| match index.snapshot() {
                // Read and its summit lines found while the files are stated: what is left
                // to check is that they are the files it was made from.
                Some(record) => {
                    let read = Candidate::read(record, row_options, context.query());
                    Opened::Snapshot(index, started, read)
                }
                // None to try (the first search, or one damaged): the rows are read while
                // the folders are walked, as any load reads them.
                None => Opened::Rows(read_rows(index, started, options), started),
            })
        },
    );
    // A walk that met a path it could not search has problems of its own, which no
    // snapshot holds: its load is made anew, and not kept.
    let walk_failed = !diagnostics.is_empty();
    let (load, started, found, prints) = match opened {
        None => {
            let walked = Walked {
                found,
                fingerprints: Some(prints),
                diagnostics,
            };
            return Loaded::Assembled(load_walked(paths, options, walked, None, context));
        }
        Some(Opened::Rows(load, started)) => (load, started, found, prints),
        Some(Opened::Snapshot(index, started, candidate)) => {
            let unused = match candidate.filter(|_| !walk_failed) {
                Some(candidate) => match candidate.recorded(found, prints) {
                    Ok(recorded) => {
                        context.recalls_from(index.path());
                        return Loaded::Recorded(recorded);
                    }
                    Err(unused) => unused,
                },
                None => (found, prints),
            };
            let (found, prints) = unused;
            (read_rows(index, started, options), started, found, prints)
        }
    };
    let index_path = load.0.path().to_owned();
    let shown: Vec<String> = found.iter().map(|(display, _)| display.clone()).collect();
    let walked = Walked {
        found,
        fingerprints: Some(prints.clone()),
        diagnostics,
    };
    let assembly = load_walked(paths, options, walked, Some(load), context);
    // Only files written long enough before the load began (one written within the same
    // clock tick after it was read would keep its fingerprint), each recalled or read as
    // it was stated: one that could not be read (its error may pass without a change to
    // its fingerprint) or changed since is read again by the next load.
    let settled = (prints.into_iter())
        .map(|print| print.filter(|print| print.is_settled(started)))
        .collect::<Option<Vec<Fingerprint>>>();
    if let (Some(prints), false, true) = (settled, walk_failed, assembly.as_stated)
        && let Some(record) = record(row_options, &shown, &prints, &assembly)
    {
        context.keep_snapshot(index_path, Checked::new(record));
    }
    Loaded::Assembled(assembly)
}

/// The index as a search's load opened it, with when the load began.
enum Opened {
    /// With the snapshot stored in it, read (`None`: it does not read back).
    Snapshot(Index, i64, Option<Candidate>),
    /// Its rows read, as it holds no snapshot.
    Rows((LoadIndex<<Searched as Summit>::Row>, Index), i64),
}

/// The rows of `index` as a search's load reads them.
fn read_rows(
    index: Index,
    started: i64,
    options: LoadOptions,
) -> (LoadIndex<<Searched as Summit>::Row>, Index) {
    LoadIndex::read(
        index,
        started,
        options,
        <Searched as Summit>::DECODE_ROW,
        <Searched as Summit>::STORES,
    )
}

/// Stores a snapshot a search's load made in the index at `index`, on a thread of its own,
/// joined when the returned guard is dropped: the search goes on meanwhile.
pub(super) fn store(index: PathBuf, snapshot: Checked) -> StoreGuard {
    let thread = std::thread::Builder::new()
        .name("snapshot writer".to_owned())
        .spawn(move || store_snapshot(&index, &snapshot))
        .map_err(|err| tracing::info!("not storing the snapshot: {err}"))
        .ok();
    StoreGuard(thread)
}

/// A snapshot being stored: dropping it waits for the write.
pub(super) struct StoreGuard(Option<std::thread::JoinHandle<()>>);

impl Drop for StoreGuard {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// The record of `assembly`, loaded with `options` from the files `shown` with these
/// fingerprints; `None` when a kept summit's file is not among them, or two are shown alike.
fn record(
    options: u8,
    shown: &[String],
    prints: &[Fingerprint],
    assembly: &Assembly<Searched>,
) -> Option<Vec<u8>> {
    // About 205 bytes a briefing over the generated corpora: room enough not to grow.
    let mut record = Vec::with_capacity(shown.len() * 256);
    record.push(options);
    put_number(&mut record, shown.len() as u64);
    let mut places = HashMap::with_capacity(shown.len());
    for (place, (display, print)) in shown.iter().zip(prints).enumerate() {
        places.insert(display.as_str(), place);
        put_text(&mut record, display);
        for number in [
            print.len,
            print.modified.cast_unsigned(),
            print.changed.cast_unsigned(),
            print.inode,
            print.device,
        ] {
            put_number(&mut record, number);
        }
    }
    if places.len() != shown.len() {
        return None;
    }
    put_number(&mut record, assembly.kept.len() as u64);
    let mut chunk = Vec::new();
    for summits in assembly.kept.chunks(KEPT_PER_CHUNK) {
        chunk.clear();
        for searched in summits {
            let listed = searched.listed();
            put_number(&mut chunk, *places.get(listed.path())? as u64);
            let texts = [listed.id(), listed.title(), listed.location()];
            put_header(
                &mut chunk,
                texts,
                listed.date(),
                listed.status(),
                listed.tags(),
            );
        }
        put_bytes(&mut record, &chunk);
    }
    put_diagnostics(&mut record, &assembly.diagnostics)?;
    put_number(&mut record, assembly.failed_files as u64);
    Some(record)
}

/// A kept summit as a record holds it, borrowed from the record: its file, by its place
/// among the files found, and its header.
struct KeptEntry<'a> {
    file: usize,
    header: Header<'a>,
}

impl<'a> KeptEntry<'a> {
    fn read(fields: &mut Fields<'a>) -> Option<Self> {
        Some(Self {
            file: fields.size()?,
            header: fields.header()?,
        })
    }
}

/// The files found and their fingerprints, given back when a record is not used.
type Unused = (Vec<(String, PathBuf)>, Vec<Option<Fingerprint>>);

/// A record read whole, each summit's header checked and matched, not yet compared with
/// the files found ([`Candidate::recorded`]).
pub(super) struct Candidate {
    record: Vec<u8>,
    options: u8,
    layout: Layout,
    /// Each kept summit's file, by its place among the files, in order.
    kept_files: Vec<usize>,
    /// The summits whose headers hold the query's words.
    summits: Vec<FoundSummit>,
}

impl Candidate {
    /// What `record` holds, when it was made with `options` and reads back: its summits
    /// whose headers hold the words of `query` found on every core as they are checked.
    fn read(record: Vec<u8>, options: u8, query: &Query) -> Option<Self> {
        let layout = layout(&record, options)?;
        let headers = HeaderMatcher::new(query);
        let chunks: Vec<(Vec<usize>, Vec<FoundSummit>)> = (layout.chunks.par_iter().enumerate())
            .map(|(at, chunk)| {
                let mut fields = Fields {
                    rest: &record[chunk.clone()],
                };
                // Each entry takes bytes: a forged chunk claiming more holds fewer.
                let mut files = Vec::with_capacity(KEPT_PER_CHUNK.min(chunk.len()));
                let mut summits = Vec::new();
                let mut tags = Vec::new();
                while !fields.rest.is_empty() {
                    let position = at * KEPT_PER_CHUNK + files.len();
                    files.push(fields.size()?);
                    let header = fields.header_and_tags(&mut tags)?;
                    summits.extend(FoundSummit::of(
                        &headers,
                        position,
                        header.texts,
                        header.date,
                        &tags,
                    ));
                }
                // Each chunk holds its share: the last the rest.
                (files.len() == KEPT_PER_CHUNK.min(layout.count - at * KEPT_PER_CHUNK))
                    .then_some((files, summits))
            })
            .collect::<Option<_>>()?;
        let (kept_files, summits): (Vec<Vec<usize>>, Vec<Vec<FoundSummit>>) =
            chunks.into_iter().unzip();
        Some(Self {
            record,
            options,
            layout,
            kept_files: kept_files.concat(),
            summits: summits.into_iter().flatten().collect(),
        })
    }

    /// The search's load from this record, when it was made from exactly the files `found`
    /// with these fingerprints (`prints`, in the same order) and each summit names a file
    /// of its own; else the files and fingerprints, given back.
    fn recorded(
        self,
        found: Vec<(String, PathBuf)>,
        prints: Vec<Option<Fingerprint>>,
    ) -> Result<Recorded, Unused> {
        let mut named = vec![false; found.len()];
        let is_theirs = self.layout.file_count == found.len()
            && files_match(&self.record[self.layout.files.clone()], &found, &prints)
            && (self.kept_files.iter()).all(|&file| {
                (named.get_mut(file)).is_some_and(|named| !std::mem::replace(named, true))
            });
        if !is_theirs {
            return Err((found, prints));
        }
        let Layout {
            chunks,
            count,
            diagnostics,
            failed_files,
            ..
        } = self.layout;
        Ok(Recorded {
            summits: self.summits,
            loaded: count,
            diagnostics,
            failed_files,
            searched: RecordedSummits {
                record: self.record,
                chunks: chunks.into_iter(),
                at: 0..0,
                files: found,
                prints,
                options: self.options,
            },
        })
    }
}

/// A record's parts, its summits not yet read.
struct Layout {
    /// Where the files' names and fingerprints are in the record, and how many files.
    files: std::ops::Range<usize>,
    file_count: usize,
    /// Where each chunk of kept summits is in the record.
    chunks: Vec<std::ops::Range<usize>>,
    /// How many summits it keeps.
    count: usize,
    diagnostics: Vec<Diagnostic>,
    failed_files: usize,
}

/// The parts of `record`, when it was made with `options` and reads back as a record.
fn layout(record: &[u8], options: u8) -> Option<Layout> {
    let mut fields = Fields { rest: record };
    if fields.byte()? != options {
        return None;
    }
    let file_count = fields.size()?;
    let files_start = record.len() - fields.rest.len();
    for _ in 0..file_count {
        fields.bytes()?;
        for _ in 0..5 {
            fields.number()?;
        }
    }
    let files = files_start..record.len() - fields.rest.len();
    // Each summit kept has a file of its own.
    let count = fields.size()?;
    if count > file_count {
        return None;
    }
    let chunks = (0..count.div_ceil(KEPT_PER_CHUNK))
        .map(|_| {
            let chunk = fields.bytes()?;
            let start = record.len() - fields.rest.len() - chunk.len();
            Some(start..start + chunk.len())
        })
        .collect::<Option<Vec<_>>>()?;
    let diagnostics = fields.diagnostics()?;
    let failed_files = fields.size()?;
    fields.rest.is_empty().then_some(Layout {
        files,
        file_count,
        chunks,
        count,
        diagnostics,
        failed_files,
    })
}

/// Whether the files a record holds (`files`, that part of it) are those `found`, in
/// order, each with its fingerprint in `prints`.
fn files_match(files: &[u8], found: &[(String, PathBuf)], prints: &[Option<Fingerprint>]) -> bool {
    let mut fields = Fields { rest: files };
    let mut next = || {
        let shown = fields.bytes()?;
        let print = Fingerprint {
            len: fields.number()?,
            modified: fields.number()?.cast_signed(),
            changed: fields.number()?.cast_signed(),
            inode: fields.number()?,
            device: fields.number()?,
        };
        Some((shown, print))
    };
    found.iter().zip(prints).all(|((display, _), print)| {
        // Compared as bytes: equal to a file's name, they are UTF-8.
        next().is_some_and(|(shown, stored)| shown == display.as_bytes() && Some(stored) == *print)
    })
}

/// The summits of a record checked by [`Candidate::recorded`], in order, each made as it is
/// reached, its file's strings taken from the files found.
pub(super) struct RecordedSummits {
    record: Vec<u8>,
    /// The chunks not yet begun.
    chunks: std::vec::IntoIter<std::ops::Range<usize>>,
    /// What is left of the chunk being gone through.
    at: std::ops::Range<usize>,
    files: Vec<(String, PathBuf)>,
    prints: Vec<Option<Fingerprint>>,
    options: u8,
}

impl Iterator for RecordedSummits {
    type Item = Searched;

    fn next(&mut self) -> Option<Searched> {
        while self.at.is_empty() {
            self.at = self.chunks.next()?;
        }
        let mut fields = Fields {
            rest: &self.record[self.at.clone()],
        };
        // Checked already: one that did not read back would end the summits.
        let entry = KeptEntry::read(&mut fields)?;
        self.at.start = self.at.end - fields.rest.len();
        let (display, path) = std::mem::take(self.files.get_mut(entry.file)?);
        let known = Known {
            display: display.clone(),
            options: self.options,
            fingerprint: self.prints[entry.file].unwrap_or_default(),
        };
        let summit = entry.header.summit(StoredLinks::checked());
        Some(Searched::stored(Listed::new(display, summit), path, known))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SearchResults;
    use crate::search::Query;

    /// What a search for "talks" takes from `record` over the files `found` with these
    /// fingerprints, read and checked in the two steps a load takes.
    fn recorded(
        record: Vec<u8>,
        options: u8,
        found: Vec<(String, PathBuf)>,
        prints: Vec<Option<Fingerprint>>,
    ) -> Result<Recorded, Unused> {
        match Candidate::read(record, options, &Query::new("talks").unwrap()) {
            Some(candidate) => candidate.recorded(found, prints),
            None => Err((found, prints)),
        }
    }

    /// A folder of settled briefings, one with tags and one broken, and the snapshot a
    /// search over it stored, as the index gives it back.
    struct Stored {
        _corpus: tempfile::TempDir,
        _cache: tempfile::TempDir,
        record: Vec<u8>,
        /// The files of the folder, as a walk finds them, and their fingerprints.
        found: Vec<(String, PathBuf)>,
        prints: Vec<Option<Fingerprint>>,
    }

    fn stored_snapshot() -> Stored {
        let corpus = tempfile::tempdir().unwrap();
        for (name, text) in [
            (
                "a.toml",
                "[summit]\ntitle = \"Talks\"\ndate = 2001-02-03\nlocation = \"Geneva\"\ntags = [\"trade\", \"ceasefire\"]\n",
            ),
            (
                "b.toml",
                "[summit]\ntitle = \"More\"\ndate = 2000-02-03\nlocation = \"Oslo\"\nstatus = \"held\"\n",
            ),
            ("c.toml", "[summit\n"),
        ] {
            std::fs::write(corpus.path().join(name), text).unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        let cache = tempfile::tempdir().unwrap();
        let paths = [corpus.path().to_owned()];
        let query = Query::new("talks").unwrap();
        let mut results = SearchResults::load_paths_indexed(
            &paths,
            LoadOptions::default(),
            Some(cache.path()),
            &query,
        );
        results.passages(|_| Ok::<(), ()>(())).unwrap();
        drop(results);
        let record = Index::open_for(cache.path(), &paths)
            .unwrap()
            .snapshot()
            .expect("a snapshot stored");
        let found = find_files(&paths, &mut Vec::new());
        let prints = fingerprints(&found);
        Stored {
            _corpus: corpus,
            _cache: cache,
            record,
            found,
            prints,
        }
    }

    /// Every cut of a record, and every byte of it changed, reads as a record of other
    /// files (the files found given back whole) or as some catalog whose summits can all
    /// be made: never a panic, never an allocation the size of a forged count. (The index
    /// checks a record's checksum first; this is what is left when one is forged with it.)
    #[test]
    fn cut_and_mangled_records_never_panic_and_give_the_files_back() {
        let Stored {
            record,
            found,
            prints,
            ..
        } = stored_snapshot();
        let read = |record: Vec<u8>| recorded(record, 0, found.clone(), prints.clone());
        let taken = read(record.clone()).expect("the record as stored");
        assert_eq!((taken.loaded, taken.failed_files), (2, 1));
        assert_eq!(taken.summits.len(), 1, "\"Talks\" by its title");
        let ids: Vec<String> = taken.searched.map(|s| s.listed().id().to_owned()).collect();
        assert_eq!(ids, ["b", "a"], "in date order");
        assert!(read(record.clone()).is_ok());
        assert!(
            recorded(record.clone(), 1, found.clone(), prints.clone()).is_err(),
            "other options"
        );
        for cut in 0..record.len() {
            match read(record[..cut].to_vec()) {
                Ok(_) => panic!("a record cut at {cut} read back"),
                Err((given_back, _)) => assert_eq!(given_back, found, "cut at {cut}"),
            }
        }
        for at in 0..record.len() {
            for byte in [0, 0x7f, 0x80, 0xff] {
                let mut mangled = record.clone();
                mangled[at] = byte;
                match read(mangled) {
                    Ok(recorded) => {
                        let made = recorded.searched.count();
                        assert!(made <= recorded.loaded, "byte {at}");
                    }
                    Err((given_back, _)) => assert_eq!(given_back, found, "byte {at}"),
                }
            }
        }
    }

    /// A record claiming more summits than it holds (forged with its checksum, to make a
    /// reader allocate for them) is refused: past the number of files, before any summit
    /// is read.
    #[test]
    fn a_record_claiming_more_summits_than_files_is_not_used() {
        let Stored {
            record,
            found,
            prints,
            ..
        } = stored_snapshot();
        // The count follows the files: the options, their count, and each one's name and
        // five numbers.
        let mut fields = Fields { rest: &record };
        fields.byte().unwrap();
        for _ in 0..fields.size().unwrap() {
            fields.bytes().unwrap();
            for _ in 0..5 {
                fields.number().unwrap();
            }
        }
        let count_at = record.len() - fields.rest.len();
        assert_eq!(usize::from(record[count_at]), 2, "two summits kept");
        let mut forged = record.clone();
        forged[count_at] = 4;
        assert!(layout(&forged, 0).is_none());
        // As many as there are files: read, and refused as its one chunk holds two.
        forged[count_at] = 3;
        assert!(recorded(forged, 0, found, prints).is_err());
    }

    /// A summit named twice by a record (forged with its checksum) is not made twice from
    /// one file: the record is not used.
    #[test]
    fn a_record_naming_one_file_for_two_summits_is_not_used() {
        let Stored {
            record,
            found,
            prints,
            ..
        } = stored_snapshot();
        let chunks = layout(&record, 0).unwrap().chunks;
        // The first entry of the first (only) chunk names file 1 (b.toml); the second, right
        // after it, is made to name it too.
        let chunk = &record[chunks[0].clone()];
        let mut fields = Fields { rest: chunk };
        let first = KeptEntry::read(&mut fields).unwrap();
        assert_eq!(first.file, 1);
        let second_at = chunks[0].start + chunk.len() - fields.rest.len();
        assert_eq!(record[second_at], 0, "the second names file 0 (a.toml)");
        let mut forged = record.clone();
        forged[second_at] = 1;
        assert!(recorded(forged, 0, found.clone(), prints.clone()).is_err());
    }
}
