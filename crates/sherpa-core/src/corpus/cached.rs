//! What the persistent index keeps of one parsed file, and the loader's use of it: files
//! whose fingerprint matches their row come back from the index instead of being read and
//! parsed; the others are parsed and their rows written back.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use foldhash::{HashMap, HashSet};

use super::parse::Parsed;
use super::scan::Offered;
use super::sites::Sites;
use super::{LoadOptions, MAX_FILE_BYTES};
use crate::diagnostics::Diagnostic;
use crate::index::{
    Checked, DecodeSummary, Entry, Fingerprint, Index, Known, Reader, Rows, now_nanos, path_key,
    summaries,
};
use crate::model::Briefing;

/// A parse as stored: the briefing, its diagnostics, and the places the checks across
/// files point at (`Sites`), as one CBOR array: a binary format that describes itself, as
/// the model's empty fields are left out (which postcard and bincode cannot read back), and
/// one serde calls not human-readable, where a `Date` is three numbers.
type Stored = (
    Option<Briefing>,
    Vec<Diagnostic>,
    Option<Diagnostic>,
    Vec<Option<Diagnostic>>,
);

/// What a load knows from its index when it begins. The [`Index`] itself goes to the
/// thread writing new rows; loader threads read stored parses through [`Reader`]s, or take
/// the row `R` decoded from each summary (a catalog's) as the index was read.
pub(super) struct LoadIndex<R> {
    path: PathBuf,
    /// Every row, by the path's bytes, with its decoded summary when the load decodes
    /// them, which the loader thread that finds the file takes.
    known: Rows<Mutex<Option<R>>>,
    /// The load options as a row records them: a parse with other options is not reused.
    options: u8,
    /// When the load began: files written shortly before it are not stored.
    started: i64,
    /// What the rows this load writes hold.
    stores: Stores,
}

/// What a load writes for each file it parses anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stores {
    /// The catalog row and the whole parse: for the loads that read documents (the reader,
    /// a search, the commands that load a corpus), which read them back instead of parsing.
    RowsAndParses,
    /// The catalog row alone, all a `list` reads. Encoding and writing each parse (900 MB
    /// of CBOR over 100,000 briefings, as large as the briefings) made a first `list` cost
    /// 1.6 times one without the index; a later load that needs a document parses the file
    /// (as a load without the index does), and a corpus's load stores the parse it made.
    RowsOnly,
}

impl<R> LoadIndex<R> {
    /// The index for a load of `paths` from `dir`, when one can be had ([`open_index`]),
    /// with each row's summary decoded by `decode` (`None`: left on disk).
    pub(super) fn open(
        dir: &Path,
        paths: &[PathBuf],
        options: LoadOptions,
        decode: Option<DecodeSummary<R>>,
        stores: Stores,
    ) -> Option<(Self, Index)>
    where
        R: Send,
    {
        let (index, started) = open_index(dir, paths)?;
        Some(Self::read(index, started, options, decode, stores))
    }

    /// What a load that began at `started` knows from `index`, each row's summary decoded
    /// by `decode` (`None`: left on disk).
    pub(super) fn read(
        mut index: Index,
        started: i64,
        options: LoadOptions,
        decode: Option<DecodeSummary<R>>,
        stores: Stores,
    ) -> (Self, Index)
    where
        R: Send,
    {
        let known =
            index.known(decode.map(|decode| {
                move |summary: &[u8]| decode(summary).map(|row| Mutex::new(Some(row)))
            }));
        let load = Self {
            path: index.path().to_owned(),
            known,
            options: u8::from(options.require_sources),
            started,
            stores,
        };
        (load, index)
    }

    /// A reader for one loader thread; none when the index knows no file (a new index, being
    /// written apart, has no file at its path yet).
    pub(super) fn reader(&self) -> Option<Reader> {
        if self.known.is_empty() {
            return None;
        }
        Reader::open(&self.path)
    }

    /// Whether the index has a row for any file.
    pub(super) fn knows_any(&self) -> bool {
        !self.known.is_empty()
    }

    /// The index's file, for readers opened after the load (a search's second pass).
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The row of the file shown as `shown` at `path`, with its summary if it was read, if
    /// the index knows the file as it is now (`fingerprint`), shown so, parsed with these
    /// options.
    fn row(
        &self,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
    ) -> Option<&(Known, Option<Mutex<Option<R>>>)> {
        let row = self.known.get(path_key(path))?;
        let (known, _) = row;
        (known.fingerprint == fingerprint
            && known.display == shown
            && known.options == self.options)
            .then_some(row)
    }

    /// The decoded summary of the file shown as `shown` at `path`, if the index knows the
    /// file as it is now (`fingerprint`) and it decoded; taken, as one file is found once.
    pub(super) fn take_summary(
        &self,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
    ) -> Option<R> {
        self.row(shown, path, fingerprint)?
            .1
            .as_ref()?
            .lock()
            .ok()?
            .take()
    }

    /// The stored parse of the file shown as `shown` at `path`, if the index knows it as it is
    /// now (`fingerprint`) and its row reads back.
    pub(super) fn recall(
        &self,
        reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
    ) -> Option<Parsed> {
        self.row(shown, path, fingerprint)?;
        stored_parse(&reader?.parsed(path)?, shown)
    }

    /// The load options as its rows record them ([`Known::options`]): what a document
    /// read after the load checks its row against, with the fingerprint the load saw.
    pub(super) fn row_options(&self) -> u8 {
        self.options
    }

    /// What a row written by this load's options says of the file shown as `shown` as it
    /// is now (`fingerprint`): what a later read of its stored parse checks it against.
    pub(super) fn known(&self, shown: &str, fingerprint: Fingerprint) -> Known {
        Known {
            display: shown.to_owned(),
            options: self.options,
            fingerprint,
        }
    }

    /// The row to write for a file read and parsed anew, when it is worth storing: it was
    /// last written long enough before this load that a later write must change its
    /// fingerprint, and its row is no larger than a briefing file may be.
    pub(super) fn entry(
        &self,
        path: &Path,
        fingerprint: Fingerprint,
        parsed: &Parsed,
    ) -> Option<Entry> {
        if !fingerprint.is_settled(self.started) {
            return None;
        }
        let parsed_bytes = match self.stores {
            Stores::RowsAndParses => Some(encode_parse(fingerprint, parsed)?),
            Stores::RowsOnly => None,
        };
        let summary = super::row::encode(parsed)?;
        Some(Entry {
            path: path.to_owned(),
            known: self.known(&parsed.path, fingerprint),
            parsed: parsed_bytes.map(Checked::new),
            summary: Checked::new(summary),
        })
    }

    /// Drops from `index` the rows of files this load no longer found.
    pub(super) fn forget_missing<'a>(
        &self,
        index: &mut Index,
        found: impl Iterator<Item = &'a Path>,
    ) {
        let found: HashSet<&[u8]> = found.map(path_key).collect();
        index.forget(
            self.known
                .keys()
                .map(Vec::as_slice)
                .filter(|path| !found.contains(path)),
        );
    }
}

/// The index for a load of `paths` from `dir`, when one can be had, with when the load
/// began, its rows not yet read ([`LoadIndex::read`]). Only a load that names a folder
/// gets one: `sherpa show` reading one file, or a check of one file, would otherwise leave
/// an index per file.
pub(super) fn open_index(dir: &Path, paths: &[PathBuf]) -> Option<(Index, i64)> {
    if !paths.iter().any(|path| path.is_dir()) {
        return None;
    }
    let started = now_nanos();
    Some((Index::open_for(dir, paths)?, started))
}

/// How many rows a loader thread hands to the thread writing them at once. Handing over
/// each row woke the writer 100,000 times in a first run over 100,000 briefings, and the
/// loader threads contended for the channel as often.
const ROWS_PER_BATCH: usize = 32;

/// How many batches may wait for the writer: with [`ROWS_PER_BATCH`], as many rows as
/// before batching (256, about 2 MB of parses), so a cold load never holds every row.
pub(super) const BATCHES_IN_FLIGHT: usize = 8;

/// The rows one loader thread made and has not yet handed to the writer, sent
/// [`ROWS_PER_BATCH`] at a time and the rest when the thread's share of the work ends.
pub(super) struct Batch {
    rows: std::sync::mpsc::SyncSender<Vec<Entry>>,
    pending: Vec<Entry>,
}

impl Batch {
    pub(super) fn new(rows: std::sync::mpsc::SyncSender<Vec<Entry>>) -> Self {
        Self {
            rows,
            pending: Vec::with_capacity(ROWS_PER_BATCH),
        }
    }

    pub(super) fn push(&mut self, entry: Entry) {
        self.pending.push(entry);
        if self.pending.len() >= ROWS_PER_BATCH {
            self.send();
        }
    }

    fn send(&mut self) {
        if !self.pending.is_empty() {
            let rows = std::mem::replace(&mut self.pending, Vec::with_capacity(ROWS_PER_BATCH));
            // The writer gone (it never stops early) only loses the rows.
            let _ = self.rows.send(rows);
        }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.send();
    }
}

/// The parse of a file (as it was: `fingerprint`) as it is stored; `None` when it does
/// not encode or is larger than a briefing file may be (such a file is parsed every time).
fn encode_parse(fingerprint: Fingerprint, parsed: &Parsed) -> Option<Vec<u8>> {
    let stored = (
        &parsed.briefing,
        &parsed.diagnostics,
        &parsed.sites.id,
        &parsed.sites.links,
    );
    // Sized as the file: its CBOR is about as long as its TOML (842 MB for 912 MB of
    // generated briefings), and growing the buffer from empty copied it about ten times.
    let file_len = usize::try_from(fingerprint.len.min(MAX_FILE_BYTES)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(file_len);
    ciborium::into_writer(&stored, &mut bytes).ok()?;
    (bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes)
}

/// The parse stored as `bytes` of the file shown as `shown`, if it reads back.
pub(super) fn stored_parse(bytes: &[u8], shown: &str) -> Option<Parsed> {
    match ciborium::from_reader::<Stored, _>(bytes) {
        Ok((briefing, diagnostics, id, links)) => Some(Parsed {
            path: shown.to_owned(),
            bundled: false,
            briefing,
            diagnostics,
            sites: Sites { id, links },
        }),
        Err(err) => {
            tracing::info!("the index's row for {shown} does not read back: {err}");
            None
        }
    }
}

/// The words completion offers of `field` from every file the index of `roots` in `dir`
/// has a row for, with the fingerprint the file had then, by the path's bytes; a file
/// that did not load, or whose row does not read back, is left out (it is scanned).
pub(super) fn recall_offered(
    dir: &Path,
    roots: &[PathBuf],
    field: Offered,
) -> HashMap<Vec<u8>, (Fingerprint, Vec<String>)> {
    summaries(dir, roots, |row| super::row::offered(row, field))
}

#[cfg(test)]
mod tests {
    use super::super::tests::MINIMAL;
    use super::super::{Catalog, Corpus};
    use super::*;
    use crate::index::NO_SUMMARIES;

    /// Everything a corpus shows, to compare a load through the index with one without.
    fn seen(corpus: &Corpus) -> String {
        let paths: Vec<Option<&str>> = (0..corpus.len()).map(|at| corpus.path_of(at)).collect();
        format!(
            "{:#?}\n{paths:?}\n{:#?}\n{}",
            corpus.briefings(),
            corpus.diagnostics(),
            corpus.failed_files()
        )
    }

    /// What a catalog lists, to compare with what a corpus holds.
    fn listed(catalog: &Catalog) -> String {
        let listed: Vec<String> = (catalog.listed().iter())
            .map(|listed| {
                format!(
                    "{} {} {:?} {} {} {:?} {}",
                    listed.id(),
                    listed.date(),
                    listed.status(),
                    listed.title(),
                    listed.location(),
                    listed.tags(),
                    listed.path()
                )
            })
            .collect();
        format!(
            "{listed:#?}\n{:#?}\n{}",
            catalog.diagnostics(),
            catalog.failed_files()
        )
    }

    /// What a catalog of a corpus would list.
    fn listed_of(corpus: &Corpus) -> String {
        let listed: Vec<String> = (corpus.briefings().iter().enumerate())
            .map(|(at, briefing)| {
                format!(
                    "{} {} {:?} {} {} {:?} {}",
                    briefing.id(),
                    briefing.summit.date,
                    briefing.summit.status,
                    briefing.summit.title,
                    briefing.summit.location,
                    briefing.summit.tags,
                    corpus.path_of(at).unwrap()
                )
            })
            .collect();
        format!(
            "{listed:#?}\n{:#?}\n{}",
            corpus.diagnostics(),
            corpus.failed_files()
        )
    }

    /// The index in `cache` for `paths`, opened as a load that stores parses does.
    fn open_storing_parses(
        cache: &Path,
        paths: &[PathBuf],
        options: LoadOptions,
    ) -> (LoadIndex<()>, crate::index::Index) {
        LoadIndex::open(cache, paths, options, NO_SUMMARIES, Stores::RowsAndParses).unwrap()
    }

    fn write(folder: &Path, name: &str, text: &str) {
        std::fs::write(folder.join(name), text).unwrap();
    }

    /// Files written now are not stored (they might change again within the clock tick):
    /// the corpus is written, then this waits for it to settle.
    fn settle() {
        std::thread::sleep(std::time::Duration::from_millis(2_100));
    }

    #[test]
    fn a_load_through_the_index_equals_a_load_without_cold_warm_and_after_edits() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let folder = corpus.path();
        let linked = "[summit]\ntitle = \"B\"\ndate = 2021-01-01\nlocation = \"L\"\nunknown = 1\n\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"a\"\n\n[[prior_meetings]]\ndate = 2018-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"gone\"\n";
        write(folder, "a.toml", MINIMAL);
        write(folder, "b.toml", linked);
        write(folder, "broken.toml", "[summit\n");
        write(
            folder,
            "same-id.toml",
            "[summit]\nid = \"a\"\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n",
        );
        write(folder, "empty.toml", "");
        settle();
        let paths = [folder.to_owned()];
        let options = LoadOptions::default();
        let plain = || seen(&Corpus::load_paths_indexed(&paths, options, None));
        let indexed = || {
            seen(&Corpus::load_paths_indexed(
                &paths,
                options,
                Some(cache.path()),
            ))
        };
        // The catalog, through the index or not, lists what the corpus without it holds.
        let catalogs = |when: &str| {
            let plain = listed_of(&Corpus::load_paths_indexed(&paths, options, None));
            let without = Catalog::load_paths_indexed(&paths, options, None);
            assert_eq!(
                listed(&without),
                plain,
                "{when}: the catalog without the index"
            );
            let with = Catalog::load_paths_indexed(&paths, options, Some(cache.path()));
            assert_eq!(
                listed(&with),
                plain,
                "{when}: the catalog through the index"
            );
        };
        catalogs("cold");
        assert!(
            plain().contains("duplicate summit id \\\"a\\\""),
            "the corpus has a duplicate id: {}",
            plain()
        );
        assert!(
            plain().contains("links to summit \\\"gone\\\", which is not in the corpus"),
            "a link dangles: {}",
            plain()
        );
        assert_eq!(indexed(), plain(), "cold");
        let rows = crate::index::status(cache.path()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].briefings, Some(5), "every file read is stored");
        let (load, _) = open_storing_parses(cache.path(), &paths, options);
        let reader = load.reader();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let fingerprint = Fingerprint::of(&std::fs::metadata(&path).unwrap());
            let shown = path.display().to_string();
            let recalled = load.recall(reader.as_ref(), &shown, &path, fingerprint);
            assert!(recalled.is_some(), "{shown} comes back from the index");
        }
        drop((load, reader));
        assert_eq!(indexed(), plain(), "warm");
        catalogs("warm");
        // The link's target goes: the warning is checked anew, not stored.
        std::fs::remove_file(folder.join("a.toml")).unwrap();
        assert_eq!(indexed(), plain(), "removed");
        catalogs("removed");
        assert_eq!(
            crate::index::status(cache.path()).unwrap()[0].briefings,
            Some(4)
        );
        // Options that change a parse do not reuse one made without them.
        let strict = LoadOptions {
            require_sources: true,
            ..options
        };
        assert_eq!(
            seen(&Corpus::load_paths_indexed(
                &paths,
                strict,
                Some(cache.path())
            )),
            seen(&Corpus::load_paths_indexed(&paths, strict, None)),
            "require sources"
        );
    }

    /// What completion offers of each field, sorted, to compare scans that come in no
    /// particular order.
    fn offered(origin: &super::super::Origin, index_dir: Option<&Path>) -> Vec<Vec<String>> {
        [
            Offered::Ids,
            Offered::Tags,
            Offered::Participants,
            Offered::Disagreements,
        ]
        .into_iter()
        .map(|field| {
            let mut words = origin.offered_indexed(field, index_dir);
            words.sort();
            words
        })
        .collect()
    }

    #[test]
    fn a_scan_through_the_index_equals_a_scan_of_the_files_and_reads_only_changed_ones() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let folder = corpus.path();
        write(folder, "a.toml", MINIMAL);
        write(
            folder,
            "tagged.toml",
            "[summit]\nid = \"tagged\"\ntitle = \"T\"\ndate = 2020-01-02\nlocation = \"L\"\n\
             tags = [\n  \"one\",\n  \"two\",\n]\n\n[[participants]]\nname = \"Ada Example\"\n\
             role = \"r\"\n\n[[disagreements]]\nid = \"d-1\"\ntopic = \"x\"\n",
        );
        // The loader rejects it (no title), the scan does not: its row offers nothing, and
        // the file is scanned at every Tab.
        write(folder, "untitled.toml", "[summit]\nid = \"untitled\"\n");
        write(folder, "broken.toml", "[summit\n");
        settle();
        let origin = super::super::Origin::Paths(vec![folder.to_owned()]);
        let plain = offered(&origin, None);
        assert_eq!(plain[0], ["a", "tagged", "untitled"]);
        assert_eq!(plain[3], ["d-1"]);
        assert_eq!(offered(&origin, Some(cache.path())), plain, "no index yet");
        let _ = Corpus::load_paths_indexed(
            &[folder.to_owned()],
            LoadOptions::default(),
            Some(cache.path()),
        );
        assert_eq!(offered(&origin, Some(cache.path())), plain, "warm");
        let known = recall_offered(cache.path(), &[folder.to_owned()], Offered::Participants);
        assert_eq!(
            known.len(),
            2,
            "a.toml and tagged.toml are offered from their rows"
        );
        // A row saying otherwise for the file as it is shows that the scan used it.
        let (load, mut index) =
            open_storing_parses(cache.path(), &[folder.to_owned()], LoadOptions::default());
        let file = folder.join("a.toml");
        let fingerprint = Fingerprint::of(&std::fs::metadata(&file).unwrap());
        let mut briefing =
            Corpus::load_paths_indexed(std::slice::from_ref(&file), LoadOptions::default(), None)
                .briefings()[0]
                .clone();
        briefing.summit.id = "from-the-index".to_owned();
        let stored = Parsed {
            path: file.display().to_string(),
            bundled: false,
            briefing: Some(briefing),
            diagnostics: Vec::new(),
            sites: Sites::default(),
        };
        index.store(load.entry(&file, fingerprint, &stored).into_iter());
        drop((load, index));
        assert_eq!(
            offered(&origin, Some(cache.path()))[0],
            ["from-the-index", "tagged", "untitled"]
        );
        // Edited since: the file is read, whatever the index says.
        write(
            folder,
            "a.toml",
            &MINIMAL.replace("[summit]", "[summit]\nid = \"edited\""),
        );
        let mut edited = plain.clone();
        edited[0] = vec!["edited".into(), "tagged".into(), "untitled".into()];
        assert_eq!(offered(&origin, Some(cache.path())), edited);
    }

    /// A row that holds its checksum but not the catalog's layout (written by a hand, or
    /// a bug) is not used: the file is read and its row written again.
    #[test]
    fn a_catalog_row_that_does_not_read_back_is_parsed_again_and_rewritten() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let file = corpus.path().join("a.toml");
        write(corpus.path(), "a.toml", MINIMAL);
        settle();
        let paths = [corpus.path().to_owned()];
        let options = LoadOptions::default();
        let plain = listed(&Catalog::load_paths_indexed(&paths, options, None));
        let (load_index, mut index) = open_storing_parses(cache.path(), &paths, options);
        let fingerprint = Fingerprint::of(&std::fs::metadata(&file).unwrap());
        let parsed = super::super::parse_file(
            super::super::read::FoundFile {
                bundled: false,
                display: file.display().to_string(),
                stem: "a".to_owned(),
                text: Ok(MINIMAL.to_owned()),
            },
            options,
            None,
        );
        let mut entry = load_index.entry(&file, fingerprint, &parsed).unwrap();
        let cut = entry.summary.bytes().len() - 1;
        entry.summary = Checked::new(entry.summary.bytes()[..cut].to_vec());
        index.store(std::iter::once(entry));
        drop((load_index, index));
        let with = || Catalog::load_paths_indexed(&paths, options, Some(cache.path()));
        assert_eq!(listed(&with()), plain, "parsed, not taken from the row");
        let rows = crate::index::summaries(cache.path(), &paths, super::super::row::decode);
        assert_eq!(rows.len(), 1, "the row is written again, whole");
        assert_eq!(listed(&with()), plain, "from the new row");
    }

    /// How many parses the one index in `cache` stores.
    fn stored_parses(cache: &Path) -> i64 {
        let path = crate::index::status(cache).unwrap()[0].path.clone();
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM parses", [], |row| row.get(0))
            .unwrap()
    }

    /// A `list` writes catalog rows only; a parse stored before for the file as it was is
    /// dropped with its old row, so a later load never takes it for the file as it is now;
    /// that load parses the file and stores its parse.
    #[test]
    fn a_list_stores_rows_without_parses_and_drops_the_parse_of_a_file_it_saw_changed() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let file = corpus.path().join("a.toml");
        write(corpus.path(), "a.toml", MINIMAL);
        write(corpus.path(), "b.toml", &MINIMAL.replace("\"T\"", "\"B\""));
        settle();
        let paths = [corpus.path().to_owned()];
        let options = LoadOptions::default();
        let list = || Catalog::load_paths_indexed(&paths, options, Some(cache.path()));
        let load = || Corpus::load_paths_indexed(&paths, options, Some(cache.path()));
        let titles = |corpus: &Corpus| -> Vec<String> {
            (corpus.briefings().iter())
                .map(|briefing| briefing.summit.title.clone())
                .collect()
        };
        assert_eq!(list().listed().len(), 2);
        assert_eq!(
            crate::index::status(cache.path()).unwrap()[0].briefings,
            Some(2)
        );
        assert_eq!(
            stored_parses(cache.path()),
            0,
            "a first list stores no parse"
        );
        assert_eq!(titles(&load()), ["T", "B"]);
        assert_eq!(
            stored_parses(cache.path()),
            2,
            "the corpus's load stores them"
        );
        std::fs::write(&file, MINIMAL.replace("\"T\"", "\"U\"")).unwrap();
        settle();
        assert_eq!(list().listed()[0].title(), "U");
        assert_eq!(
            stored_parses(cache.path()),
            1,
            "the edited file's parse is gone"
        );
        assert_eq!(titles(&load()), ["U", "B"]);
        let on_demand = Corpus::load_paths_on_demand(&paths, options, Some(cache.path()));
        assert_eq!(titles(&on_demand), ["U", "B"]);
        assert_eq!(stored_parses(cache.path()), 2);
    }

    #[test]
    fn a_stored_parse_is_used_while_the_fingerprint_matches_and_not_after_an_edit() {
        let cache = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let file = corpus.path().join("a.toml");
        write(corpus.path(), "a.toml", MINIMAL);
        settle();
        let paths = [corpus.path().to_owned()];
        let load =
            || Corpus::load_paths_indexed(&paths, LoadOptions::default(), Some(cache.path()));
        assert_eq!(load().briefings()[0].summit.title, "T");
        // A row saying otherwise for the file as it is shows that hits skip the file.
        let (load_index, mut index) =
            open_storing_parses(cache.path(), &paths, LoadOptions::default());
        let metadata = std::fs::metadata(&file).unwrap();
        let fingerprint = Fingerprint::of(&metadata);
        let parsed = Corpus::load_paths_indexed(&paths, LoadOptions::default(), None);
        let mut briefing = parsed.briefings()[0].clone();
        briefing.summit.title = "From the index".to_owned();
        let stored = Parsed {
            path: file.display().to_string(),
            bundled: false,
            briefing: Some(briefing),
            diagnostics: Vec::new(),
            sites: Sites::default(),
        };
        let entry = load_index
            .entry(&file, fingerprint, &stored)
            .expect("settled");
        index.store(std::iter::once(entry));
        drop(index);
        assert_eq!(load().briefings()[0].summit.title, "From the index");
        let list =
            || Catalog::load_paths_indexed(&paths, LoadOptions::default(), Some(cache.path()));
        assert_eq!(list().listed()[0].title(), "From the index", "from the row");
        // The same size, the modification time set back: the change time still tells.
        let modified = metadata.modified().unwrap();
        std::fs::write(&file, MINIMAL.replace("\"T\"", "\"U\"")).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().len(), metadata.len());
        assert_eq!(load().briefings()[0].summit.title, "U");
        assert_eq!(list().listed()[0].title(), "U");
    }
}
