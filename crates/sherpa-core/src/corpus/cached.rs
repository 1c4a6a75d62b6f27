//! What the persistent index keeps of one parsed file, and the loader's use of it: files
//! whose fingerprint matches their row come back from the index instead of being read and
//! parsed; the others are parsed and their rows written back.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::parse::Parsed;
use super::scan::Headline;
use super::sites::Sites;
use super::{LoadOptions, MAX_FILE_BYTES};
use crate::diagnostics::Diagnostic;
use crate::index::{Entry, Fingerprint, Index, Known, Reader, now_nanos, summaries};
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
/// thread writing new rows; loader threads read stored parses through [`Reader`]s.
pub(super) struct LoadIndex {
    path: PathBuf,
    known: HashMap<PathBuf, Known>,
    /// The load options as a row records them: a parse with other options is not reused.
    options: u8,
    /// When the load began: files written shortly before it are not stored.
    started: i64,
}

impl LoadIndex {
    /// The index for a load of `paths` from `dir`, when one can be had. Only a load that
    /// names a folder gets one: `sherpa show` reading one file, or a check of one file,
    /// would otherwise leave an index per file.
    pub(super) fn open(
        dir: &Path,
        paths: &[PathBuf],
        options: LoadOptions,
    ) -> Option<(Self, Index)> {
        if !paths.iter().any(|path| path.is_dir()) {
            return None;
        }
        let started = now_nanos();
        let mut index = Index::open_for(dir, paths)?;
        let known = index.known();
        let load = Self {
            path: index.path().to_owned(),
            known,
            options: u8::from(options.require_sources),
            started,
        };
        Some((load, index))
    }

    /// A reader for one loader thread.
    pub(super) fn reader(&self) -> Option<Reader> {
        Reader::open(&self.path)
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
        let known = self.known.get(path)?;
        if known.fingerprint != fingerprint
            || known.display != shown
            || known.options != self.options
        {
            return None;
        }
        let bytes = reader?.parsed(path)?;
        match ciborium::from_reader::<Stored, _>(bytes.as_slice()) {
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
        let stored = (
            &parsed.briefing,
            &parsed.diagnostics,
            &parsed.sites.id,
            &parsed.sites.links,
        );
        let mut bytes = Vec::new();
        ciborium::into_writer(&stored, &mut bytes).ok()?;
        let summary = parsed.briefing.as_ref().and_then(|briefing| {
            let mut summary = Vec::new();
            ciborium::into_writer(&Headline::of(briefing), &mut summary).ok()?;
            Some(summary)
        });
        // Bounds a row as the file limit bounds a file: such a file is parsed every time.
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        Some(Entry {
            path: path.to_owned(),
            known: Known {
                display: parsed.path.clone(),
                options: self.options,
                fingerprint,
            },
            parsed: bytes,
            summary,
        })
    }

    /// Drops from `index` the rows of files this load no longer found.
    pub(super) fn forget_missing<'a>(
        &self,
        index: &mut Index,
        found: impl Iterator<Item = &'a Path>,
    ) {
        let found: HashSet<&Path> = found.collect();
        index.forget(
            self.known
                .keys()
                .map(PathBuf::as_path)
                .filter(|path| !found.contains(path)),
        );
    }
}

/// The headline of every file the index of `roots` in `dir` summarised, with the
/// fingerprint the file had then, by path; a summary that does not read back is left out
/// (its file is scanned).
pub(super) fn recall_headlines(
    dir: &Path,
    roots: &[PathBuf],
) -> HashMap<PathBuf, (Fingerprint, Headline)> {
    summaries(dir, roots)
        .into_iter()
        .filter_map(|(path, (fingerprint, summary))| {
            let headline = ciborium::from_reader(summary.as_slice())
                .map_err(|err| {
                    tracing::info!(
                        "the index's summary of {} does not read back: {err}",
                        path.display()
                    );
                })
                .ok()?;
            Some((path, (fingerprint, headline)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Corpus;
    use super::super::tests::MINIMAL;
    use super::*;

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
        let linked = "[summit]\ntitle = \"B\"\ndate = 2021-01-01\nlocation = \"L\"\nunknown = 1\n\n[[prior_meetings]]\ndate = 2019-01-01\nplace = \"Q\"\nsummary = \"S\"\nsummit = \"a\"\n";
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
        assert_eq!(indexed(), plain(), "cold");
        let rows = crate::index::status(cache.path()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].briefings, Some(5), "every file read is stored");
        let (load, _) = LoadIndex::open(cache.path(), &paths, options).unwrap();
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
        // The link's target goes: the warning is checked anew, not stored.
        std::fs::remove_file(folder.join("a.toml")).unwrap();
        assert_eq!(indexed(), plain(), "removed");
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

    /// Headlines sorted, to compare scans that come in no particular order.
    fn scanned(origin: &super::super::Origin, index_dir: Option<&Path>) -> Vec<Headline> {
        let mut headlines = origin.scan_indexed(index_dir);
        headlines.sort_by(|a, b| (&a.id, &a.participants).cmp(&(&b.id, &b.participants)));
        headlines
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
        // The loader rejects it (no title), the scan does not: its headline is not stored,
        // and the file is scanned at every Tab.
        write(folder, "untitled.toml", "[summit]\nid = \"untitled\"\n");
        write(folder, "broken.toml", "[summit\n");
        settle();
        let origin = super::super::Origin::Paths(vec![folder.to_owned()]);
        let plain = scanned(&origin, None);
        assert_eq!(plain.len(), 3);
        assert_eq!(scanned(&origin, Some(cache.path())), plain, "no index yet");
        let _ = Corpus::load_paths_indexed(
            &[folder.to_owned()],
            LoadOptions::default(),
            Some(cache.path()),
        );
        assert_eq!(scanned(&origin, Some(cache.path())), plain, "warm");
        let known = recall_headlines(cache.path(), &[folder.to_owned()]);
        assert_eq!(known.len(), 2, "a.toml and tagged.toml are summarised");
        // A row saying otherwise for the file as it is shows that the scan used it.
        let (load, mut index) =
            LoadIndex::open(cache.path(), &[folder.to_owned()], LoadOptions::default()).unwrap();
        let file = folder.join("a.toml");
        let fingerprint = Fingerprint::of(&std::fs::metadata(&file).unwrap());
        let mut briefing =
            Corpus::load_paths_indexed(std::slice::from_ref(&file), LoadOptions::default(), None)
                .briefings
                .remove(0);
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
        let ids: Vec<String> = scanned(&origin, Some(cache.path()))
            .into_iter()
            .map(|headline| headline.id)
            .collect();
        assert_eq!(ids, ["from-the-index", "tagged", "untitled"]);
        // Edited since: the file is read, whatever the index says.
        write(
            folder,
            "a.toml",
            &MINIMAL.replace("[summit]", "[summit]\nid = \"edited\""),
        );
        let mut edited = plain.clone();
        edited[0].id = "edited".to_owned();
        edited.sort_by(|a, b| (&a.id, &a.participants).cmp(&(&b.id, &b.participants)));
        assert_eq!(scanned(&origin, Some(cache.path())), edited);
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
            LoadIndex::open(cache.path(), &paths, LoadOptions::default()).unwrap();
        let metadata = std::fs::metadata(&file).unwrap();
        let fingerprint = Fingerprint::of(&metadata);
        let mut parsed = Corpus::load_paths_indexed(&paths, LoadOptions::default(), None);
        let mut briefing = parsed.briefings.remove(0);
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
    }
}
