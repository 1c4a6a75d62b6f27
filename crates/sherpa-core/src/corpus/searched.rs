//! Search during the load: `sherpa search` without building a [`Corpus`](super::Corpus).
//!
//! A search over 100,000 briefings loaded every briefing whole, then folded every item
//! of all of them into one text index (2.4 GB, 25 s for a common word). Here each loader
//! thread searches the one briefing it has just parsed, or decoded from the persistent
//! index, and keeps only its catalog fields and the passages found; the briefing is
//! dropped at once. The summits are then assembled by the same code as a corpus (order,
//! duplicate ids, dangling links), and the passages take their summit's position, so the
//! answer is the one [`SearchIndex`](crate::search::SearchIndex) gives over the whole
//! corpus, with memory that follows the matches.

use std::path::{Path, PathBuf};

use super::cached::LoadIndex;
use super::catalog::Listed;
use super::parse::Parsed;
use super::{Assembly, Found, LoadOptions, Summit, load_found};
use crate::diagnostics::Diagnostic;
use crate::index::{DecodeSummary, Fingerprint, NO_SUMMARIES, Reader};
use crate::model::Date;
use crate::search::{Passage, Query, SummitHit, search_briefing, summit_hit};

/// A summit as a search's load keeps it: its catalog fields (what the checks across
/// files and the summit's header match need) and the passages of its briefing.
pub(super) struct Searched {
    listed: Listed,
    /// The briefing's passages, at position 0 until the summits are ordered.
    passages: Vec<Passage>,
}

impl Summit for Searched {
    type Context = Query;
    type Row = ();
    /// The whole stored parse is read: the passages are in it, and its catalog fields
    /// come with it.
    const DECODE_ROW: Option<DecodeSummary<()>> = NO_SUMMARIES;

    fn found(parsed: Parsed, query: &Query) -> Found<Self> {
        let passages = (parsed.briefing.as_ref())
            .map(|briefing| search_briefing(briefing, query))
            .unwrap_or_default();
        let Found {
            diagnostics,
            bundled,
            summit,
        } = Listed::found(parsed, &());
        Found {
            diagnostics,
            bundled,
            summit: summit.map(|listed| Self { listed, passages }),
        }
    }

    fn recall(
        load: &LoadIndex<()>,
        reader: Option<&Reader>,
        shown: &str,
        path: &Path,
        fingerprint: Fingerprint,
        query: &Query,
    ) -> Option<Found<Self>> {
        load.recall(reader, shown, path, fingerprint)
            .map(|parsed| Self::found(parsed, query))
    }

    fn path(&self) -> &str {
        Summit::path(&self.listed)
    }

    fn date(&self) -> Date {
        Summit::date(&self.listed)
    }

    fn id(&self) -> &str {
        Summit::id(&self.listed)
    }

    fn id_site(&self) -> Option<Diagnostic> {
        self.listed.id_site()
    }

    fn for_each_link(&self, visit: impl FnMut(usize, Date, &str)) {
        self.listed.for_each_link(visit);
    }

    fn link_site(&self, meeting: usize) -> Option<Diagnostic> {
        self.listed.link_site(meeting)
    }
}

/// A summit found by its title, place or tags.
#[derive(Debug)]
pub struct FoundSummit {
    listed: Listed,
    hit: SummitHit,
}

impl FoundSummit {
    #[must_use]
    pub fn id(&self) -> &str {
        self.listed.id()
    }

    #[must_use]
    pub fn date(&self) -> Date {
        self.listed.date()
    }

    #[must_use]
    pub fn title(&self) -> &str {
        self.listed.title()
    }

    /// Where in its header the summit was found; its position is the summit's in the
    /// corpus (date order).
    #[must_use]
    pub fn hit(&self) -> &SummitHit {
        &self.hit
    }
}

/// What a search of a set of briefings found, with the problems the load found on the
/// way (those a [`Corpus`](super::Corpus) of the same files has).
#[derive(Debug, Default)]
pub struct SearchResults {
    summits: Vec<FoundSummit>,
    passages: Vec<Passage>,
    loaded: usize,
    diagnostics: Vec<Diagnostic>,
    failed_files: usize,
}

impl SearchResults {
    /// Searches files and folders (folders are searched recursively for `*.toml`) for
    /// `query` as [`super::Corpus::load_paths_indexed`] loads them, keeping the persistent
    /// index in `index_dir` (`None`: without one).
    #[must_use]
    pub fn load_paths_indexed(
        paths: &[PathBuf],
        options: LoadOptions,
        index_dir: Option<&Path>,
        query: &Query,
    ) -> Self {
        Self::new(load_found(paths, options, index_dir, query), query)
    }

    /// The assembled summits' matches in their order, each passage given its summit's
    /// position, each summit's header matched against `query`.
    pub(super) fn new(assembly: Assembly<Searched>, query: &Query) -> Self {
        let mut results = Self {
            loaded: assembly.kept.len(),
            diagnostics: assembly.diagnostics,
            failed_files: assembly.failed_files,
            ..Self::default()
        };
        for (position, searched) in assembly.kept.into_iter().enumerate() {
            let Searched {
                listed,
                mut passages,
            } = searched;
            for passage in &mut passages {
                passage.place.position = position;
            }
            results.passages.append(&mut passages);
            let hit = summit_hit(
                query,
                position,
                listed.title(),
                listed.location(),
                listed.tags(),
            );
            if let Some(hit) = hit {
                results.summits.push(FoundSummit { listed, hit });
            }
        }
        results
    }

    /// The summits whose title, place and tags together hold every word, in date order
    /// (as [`crate::search::find_summits`] finds them).
    #[must_use]
    pub fn summits(&self) -> &[FoundSummit] {
        &self.summits
    }

    /// Every item that holds every word, in corpus order (as
    /// [`crate::search::SearchIndex::search`] finds them).
    #[must_use]
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// How many summits were searched.
    #[must_use]
    pub fn loaded(&self) -> usize {
        self.loaded
    }

    /// Every problem found, in file order.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// How many files were found but not loaded.
    #[must_use]
    pub fn failed_files(&self) -> usize {
        self.failed_files
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Corpus;
    use super::*;
    use crate::search::{SearchIndex, find_summits};

    /// Words the generated briefings are written from: cases, accents, a word inside
    /// another (`fire` in `ceasefire`), and two that only queries use.
    const WORDS: [&str; 12] = [
        "ceasefire",
        "Ceasefire",
        "CEASEFIRE",
        "talks",
        "Höfði",
        "hofdi",
        "grain",
        "border",
        "fire",
        "Straße",
        "NATO",
        "trade",
    ];

    /// Queries tried on each generated corpus: one word, case, accents, several words,
    /// and words nothing holds.
    const QUERIES: [&str; 11] = [
        "ceasefire",
        "Ceasefire",
        "CEASEFIRE",
        "ceasefire talks",
        "hofdi",
        "Höfði",
        "strasse",
        "fire grain",
        "nato",
        "summit",
        "nothing-holds-this",
    ];

    fn phrase(words: &[usize]) -> String {
        (words.iter())
            .map(|&at| WORDS[at % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One generated file: its words, year, an id another may repeat, a link that may
    /// dangle, or a file that does not parse.
    #[derive(Debug, Clone)]
    struct Made {
        words: Vec<usize>,
        year: u16,
        id: Option<usize>,
        link: Option<usize>,
        broken: bool,
    }

    fn made() -> impl Strategy<Value = Made> {
        (
            proptest::collection::vec(0..WORDS.len(), 8..16),
            2000..2004u16,
            proptest::option::weighted(0.3, 0..3usize),
            proptest::option::of(0..6usize),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(words, year, id, link, broken)| Made {
                words,
                year,
                id,
                link,
                broken,
            })
    }

    fn text(at: usize, made: &Made) -> String {
        if made.broken {
            return format!("[summit\ntitle = \"s{at}\"\n");
        }
        let w = &made.words;
        let id = made
            .id
            .map(|id| format!("id = \"s{id}\"\n"))
            .unwrap_or_default();
        let link = made
            .link
            .map(|to| format!("\n[[prior_meetings]]\ndate = 1999-01-01\nplace = \"P\"\nsummary = \"{}\"\nsummit = \"s{to}\"\n", phrase(&w[5..7])))
            .unwrap_or_default();
        format!(
            "[summit]\n{id}title = \"Summit {at} {}\"\ndate = {}-01-0{}\nlocation = \"{}\"\ntags = [\"{}\"]\nsummary = \"{}.\\n\\n{}.\"\n{link}\n[[participants]]\nname = \"{}\"\n\n[[goals]]\nparty = \"{}\"\ngoal = \"{}\"\n\n[[disagreements]]\ntopic = \"{}\"\nstatus = \"open\"\npositions = [{{ party = \"A\", position = \"{}\" }}]\n",
            phrase(&w[0..1]),
            made.year,
            1 + at % 9,
            phrase(&w[1..3]),
            phrase(&w[3..4]),
            phrase(&w[0..5]),
            phrase(&w[4..8]),
            phrase(&w[6..8]),
            phrase(&w[2..3]),
            phrase(&w[1..6]),
            phrase(&w[7..8]),
            phrase(&w[3..8]),
        )
    }

    /// What a search found, to compare: each summit hit with its summit's header, each
    /// passage, and the load's problems.
    fn seen(
        summits: &[(String, Date, String, SummitHit)],
        passages: &[Passage],
        (loaded, diagnostics, failed): (usize, &[Diagnostic], usize),
    ) -> String {
        format!("{summits:#?}\n{passages:#?}\n{loaded}\n{diagnostics:#?}\n{failed}")
    }

    /// The search as it was: the whole corpus loaded, one text index over all of it.
    fn searched_whole(paths: &[PathBuf], query: &Query) -> String {
        let corpus = Corpus::load_paths_indexed(paths, LoadOptions::default(), None);
        let summits: Vec<_> = (find_summits(&corpus, query).into_iter())
            .map(|hit| {
                let briefing = &corpus.briefings()[hit.position];
                let summit = &briefing.summit;
                (summit.id.clone(), summit.date, summit.title.clone(), hit)
            })
            .collect();
        let passages = SearchIndex::build(&corpus).search(&corpus, query);
        let load = (corpus.len(), corpus.diagnostics(), corpus.failed_files());
        seen(&summits, &passages, load)
    }

    fn searched_while_loading(paths: &[PathBuf], query: &Query, index: Option<&Path>) -> String {
        let results =
            SearchResults::load_paths_indexed(paths, LoadOptions::default(), index, query);
        let summits: Vec<_> = (results.summits().iter())
            .map(|found| {
                let id = found.id().to_owned();
                (
                    id,
                    found.date(),
                    found.title().to_owned(),
                    found.hit().clone(),
                )
            })
            .collect();
        let load = (
            results.loaded(),
            results.diagnostics(),
            results.failed_files(),
        );
        seen(&summits, results.passages(), load)
    }

    proptest! {
        // Each case waits for its files to settle, so that the index stores them.
        #![proptest_config(ProptestConfig::with_cases(6))]

        /// Searching each briefing as it loads finds what one index over the whole corpus
        /// finds, in the same order: without the index, while it is written, and from it.
        #[test]
        fn a_search_while_loading_finds_what_the_whole_corpus_index_finds(
            files in proptest::collection::vec(made(), 1..12)
        ) {
            let corpus = tempfile::tempdir().unwrap();
            for (at, made) in files.iter().enumerate() {
                std::fs::write(corpus.path().join(format!("f{at}.toml")), text(at, made)).unwrap();
            }
            std::thread::sleep(std::time::Duration::from_millis(2_100));
            let cache = tempfile::tempdir().unwrap();
            let paths = [corpus.path().to_owned()];
            for (at, query) in QUERIES.iter().enumerate() {
                let query = Query::new(query).unwrap();
                let whole = searched_whole(&paths, &query);
                prop_assert_eq!(&searched_while_loading(&paths, &query, None), &whole);
                // The first query writes the index; the others read it.
                let indexed = searched_while_loading(&paths, &query, Some(cache.path()));
                prop_assert_eq!(&indexed, &whole, "{} (index {})", query.text(), if at == 0 { "written" } else { "read" });
            }
        }
    }
}
