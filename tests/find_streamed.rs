//! The finder's text search over a corpus too large to index whole: it streams through
//! the summits a chunk at a time, showing the first passages at once, growing its count,
//! and ending with the places the whole corpus's index finds. The threshold is lowered
//! through `App::with_search_indexed_up_to` instead of generating 20,000 files; the
//! search the runner runs on a worker is run in place, report by report.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{
    Action, App, Effect, Narrowing, Overlay, Picker, SearchRequest, SearchResults, Settings,
};
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::{Corpus, LoadOptions};
use sherpa_core::search::{Place, Query, SearchIndex};

/// Summits in the generated corpus: more than three chunks of the streamed search.
const SUMMITS: usize = 300;

/// Words of the generated briefings: cases, accents, a word inside another.
const WORDS: [&str; 8] = [
    "ceasefire",
    "Ceasefire",
    "talks",
    "Höfði",
    "grain",
    "fire",
    "NATO",
    "border",
];

/// Queries compared both ways: one word, smart case, accents, several words, none.
const QUERIES: [&str; 9] = [
    "ceasefire",
    "Ceasefire",
    "hofdi",
    "Höfði",
    "ceasefire talks",
    "fire grain",
    "NATO",
    "nato border",
    "nothing-holds-this",
];

fn briefing(at: usize) -> String {
    // Words a summit puts in one item lie 1 to 5 apart in `WORDS`: every pair meets.
    let word = |k: usize| WORDS[(at * 7 + k * (at % 5 + 1)) % WORDS.len()];
    format!(
        "[summit]\nid = \"s{at:03}\"\ntitle = \"Summit {at}\"\ndate = {}-{:02}-01\nlocation = \"L\"\ntags = [\"t{}\"]\nsummary = \"On {} and {}.\\n\\nThen {}.\"\n\n[[goals]]\nparty = \"P\"\ngoal = \"{} {}\"\n\n[[disagreements]]\ntopic = \"{}\"\nstatus = \"open\"\npositions = [{{ party = \"Q\", position = \"{} first\" }}]\n",
        1900 + at / 12,
        at % 12 + 1,
        at % 3,
        word(0),
        word(1),
        word(2),
        word(3),
        word(4),
        word(5),
        word(6),
    )
}

fn texts() -> Vec<(String, String)> {
    (0..SUMMITS)
        .map(|at| (format!("s{at:03}.toml"), briefing(at)))
        .collect()
}

fn held_corpus() -> Corpus {
    let texts = texts();
    Corpus::from_sources(
        texts
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
}

/// An app over `corpus` whose text search streams (no corpus is indexed whole).
fn streaming(corpus: Corpus) -> App {
    App::new(corpus, Settings::new("many", "."), 120, 40).with_search_indexed_up_to(0)
}

/// Opens the finder and types `query`, returning the search the last key asked for.
fn type_query(app: &mut App, query: &str) -> SearchRequest {
    app.update(Action::OpenFinder);
    let mut request = None;
    for c in query.chars() {
        if let Effect::Search(asked) = app.update(Action::FinderInput(c)) {
            request = Some(asked);
        }
    }
    request.unwrap()
}

/// Every report the search makes, in order, as the runner's worker would send them.
fn reports(request: SearchRequest) -> Vec<SearchResults> {
    let mut reports = Vec::new();
    request.run_reporting(|results| {
        reports.push(results);
        true
    });
    reports
}

fn finder(app: &App) -> &Picker {
    let Overlay::Picker(finder) = app.overlay() else {
        panic!("the finder is open")
    };
    finder
}

fn screen(app: &App) -> String {
    screen_at(app, 120, 40)
}

fn screen_at(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

fn indexed(corpus: &Corpus, query: &str) -> Vec<Place> {
    SearchIndex::build(corpus).find(corpus, &Query::new(query).unwrap())
}

#[test]
fn a_streamed_search_shows_the_first_chunk_then_grows_to_the_whole_answer() {
    let mut app = streaming(held_corpus());
    let request = type_query(&mut app, "ceasefire");
    let reports = reports(request);
    assert_eq!(
        reports.len(),
        5,
        "chunks of 16, 32, 64, 128, then the last 60 summits"
    );
    let whole = indexed(app.corpus(), "ceasefire");
    let mut counts = Vec::new();
    let mut screens = Vec::new();
    let mut narrow = Vec::new();
    for results in reports {
        app.search_finished(results);
        narrow.push(screen_at(&app, 80, 24));
        let finder = finder(&app);
        let passages = finder.passages.as_ref().unwrap();
        counts.push((finder.passage_hits().len(), passages.progress));
        screens.push(screen(&app));
    }
    let first = &counts[0];
    assert!(first.0 > 0, "the first chunk's passages are shown at once");
    assert_eq!(
        first.1.map(|p| (p.searched, p.of)),
        Some((16, SUMMITS)),
        "and how far the search went"
    );
    assert!(
        counts.windows(2).all(|pair| pair[0].0 < pair[1].0),
        "the count grows: {counts:?}"
    );
    assert_eq!(counts.last().unwrap().1, None, "complete at the end");
    assert_eq!(finder(&app).passage_hits(), whole.as_slice());
    assert!(
        screens[0].contains(&format!("searching… 16 of {SUMMITS} summits")),
        "{}",
        screens[0]
    );
    // At 80 columns the frame has no room for the counts: it says the share searched.
    let share = 16 * 100 / SUMMITS;
    assert!(
        narrow[0].contains(&format!("searching… {share}%)")),
        "{}",
        narrow[0]
    );
    assert!(
        screens[0].contains("s000 ·"),
        "the first passages listed: {}",
        screens[0]
    );
    let last = screens.last().unwrap();
    assert!(!last.contains("searching"), "{last}");
    let summits: std::collections::BTreeSet<usize> = whole.iter().map(|p| p.position).collect();
    let count = format!("{} passages in {} summits", whole.len(), summits.len());
    assert!(last.contains(&count), "{count}\n{last}");
}

#[test]
fn streamed_and_indexed_searches_find_the_same_places() {
    for query in QUERIES {
        let mut streamed = streaming(held_corpus());
        let request = type_query(&mut streamed, query);
        streamed.search_finished(request.run());
        let mut indexed_app = App::new(held_corpus(), Settings::new("many", "."), 120, 40);
        let request = type_query(&mut indexed_app, query);
        indexed_app.search_finished(request.run());
        let expected = indexed(streamed.corpus(), query);
        assert_eq!(
            finder(&streamed).passage_hits(),
            expected.as_slice(),
            "{query}"
        );
        assert_eq!(
            finder(&streamed).passage_hits(),
            finder(&indexed_app).passage_hits(),
            "{query}"
        );
        if query != "nothing-holds-this" {
            assert!(!expected.is_empty(), "{query} finds something");
        }
    }
}

/// The generated briefings in a folder, and a cache whose index has their rows.
fn indexed_folder() -> (tempfile::TempDir, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for (name, text) in texts() {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    // Files written within the clock tick before a load are not stored.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let _stores_the_rows = on_demand(folder.path(), cache.path());
    (folder, cache)
}

/// The reader's corpus of `folder`, read on demand from the index in `cache`.
fn on_demand(folder: &Path, cache: &Path) -> Corpus {
    Corpus::load_paths_on_demand(&[folder.to_owned()], LoadOptions::default(), Some(cache))
}

/// Of `positions`, those a search for `query` over `corpus` goes on to read.
fn may_match(corpus: &Corpus, positions: &[usize], query: &Query) -> Vec<usize> {
    let (gone_through, may_hold) = (corpus.may_match(query))
        .narrow(positions, positions.len(), || true)
        .unwrap();
    assert_eq!(gone_through, positions.len());
    may_hold
}

/// The generated briefings' index with every summit signed, by a search that read them.
fn signed_folder() -> (tempfile::TempDir, tempfile::TempDir) {
    let (folder, cache) = indexed_folder();
    let mut app = streaming(on_demand(folder.path(), cache.path()));
    let request = type_query(&mut app, "ceasefire");
    for results in reports(request) {
        app.search_finished(results);
    }
    (folder, cache)
}

/// A search reads the signatures of the summits as it comes to them: its first passages
/// are shown having read the first chunk's only, and a search made stale by a newer
/// keystroke reads none (it read the whole table before its first summit, which nothing
/// could stop).
#[test]
fn a_streamed_search_reads_signatures_chunk_by_chunk_and_none_once_stale() {
    let (folder, cache) = signed_folder();
    let mut app = streaming(on_demand(folder.path(), cache.path()));
    let older = type_query(&mut app, "ceasefir");
    let Effect::Search(newer) = app.update(Action::FinderInput('e')) else {
        panic!("a keystroke asks for a search")
    };
    assert!(reports(older).is_empty());
    assert_eq!(
        app.corpus().signatures_read(),
        0,
        "the stale search read none"
    );
    let corpus = app.corpus();
    let mut read_at_each_report = Vec::new();
    newer.run_reporting(|_| {
        read_at_each_report.push(corpus.signatures_read());
        true
    });
    assert!(
        read_at_each_report.windows(2).all(|pair| pair[0] < pair[1]),
        "read chunk by chunk, the first before the rest: {read_at_each_report:?}"
    );
    assert_eq!(
        read_at_each_report.last(),
        Some(&(SUMMITS - 1)),
        "each summit's once, but the one being read's (held whole): {read_at_each_report:?}"
    );
}

/// The search's progress counts every summit it goes through, those the prefilter rules
/// out too, of the same total from its first report (it counted the summits that may
/// match, known only once every signature was read). A chunk looks past the summits
/// ruled out for some that may match: a rare word's search makes fewer reports.
#[test]
fn a_narrowed_search_counts_its_progress_of_every_summit_from_the_first_report() {
    let (folder, cache) = signed_folder();
    let mut app = streaming(on_demand(folder.path(), cache.path()));
    let request = type_query(&mut app, "hofdi");
    let progress: Vec<Option<(usize, usize)>> = (reports(request).into_iter())
        .map(|results| {
            app.search_finished(results);
            let passages = finder(&app).passages.as_ref().unwrap();
            passages.progress.map(|p| (p.searched, p.of))
        })
        .collect();
    let (last, going) = progress.split_last().unwrap();
    assert_eq!(*last, None, "complete: {progress:?}");
    assert!(
        (going.iter()).all(|p| matches!(p, Some((_, SUMMITS)))),
        "{progress:?}"
    );
    let searched: Vec<usize> = going
        .iter()
        .flatten()
        .map(|(searched, _)| *searched)
        .collect();
    assert!(
        searched.windows(2).all(|pair| pair[0] < pair[1]),
        "{progress:?}"
    );
    assert!(
        searched[0] > 16,
        "looked past the first 16 summits: {progress:?}"
    );
    assert!(
        progress.len() < 5,
        "fewer reports than chunks of summits: {progress:?}"
    );
    assert_eq!(
        finder(&app).passage_hits(),
        indexed(&held_corpus(), "hofdi").as_slice()
    );
}

/// The reader's streamed search signs the summits it reads for the search prefilter, so
/// the next search reads only the summits that can match, and finds the same places.
#[test]
fn a_streamed_search_signs_what_it_reads_and_the_next_reads_only_what_can_match() {
    let (folder, cache) = indexed_folder();
    let whole = held_corpus();
    let every: Vec<usize> = (0..SUMMITS).collect();
    let absent = Query::new("nothing-holds-this").unwrap();
    let unsigned = on_demand(folder.path(), cache.path());
    assert_eq!(may_match(&unsigned, &every, &absent), every);
    for round in ["signs", "narrowed"] {
        for query in ["hofdi", "ceasefire talks", "NATO"] {
            let mut app = streaming(on_demand(folder.path(), cache.path()));
            let request = type_query(&mut app, query);
            for results in reports(request) {
                app.search_finished(results);
            }
            let expected = indexed(&whole, query);
            assert_eq!(
                finder(&app).passage_hits(),
                expected.as_slice(),
                "{round}: {query}"
            );
        }
    }
    let signed = on_demand(folder.path(), cache.path());
    // Every summit but the one the reader held while it searched (searched in memory,
    // so never signed) is ruled out.
    assert_eq!(may_match(&signed, &every, &absent).len(), 1);
    let rare = Query::new("hofdi").unwrap();
    let may = may_match(&signed, &every, &rare);
    assert!(
        may.len() < SUMMITS,
        "{} of {SUMMITS} may hold hofdi",
        may.len()
    );
}

/// Over a corpus read on demand from the persistent index, a streamed search reads the
/// documents without the corpus keeping them, and finds what the whole index finds.
#[test]
fn a_streamed_search_over_the_index_keeps_no_document() {
    let (folder, cache) = indexed_folder();
    let whole = held_corpus();
    for query in ["ceasefire", "Ceasefire talks", "hofdi"] {
        let mut app = streaming(on_demand(folder.path(), cache.path()));
        let request = type_query(&mut app, query);
        for results in reports(request) {
            app.search_finished(results);
        }
        assert_eq!(
            app.corpus().documents_read(),
            1,
            "{query}: only the summit being read is held"
        );
        assert_eq!(
            finder(&app).passage_hits(),
            indexed(&whole, query).as_slice(),
            "{query}"
        );
    }
}

#[test]
fn a_newer_keystroke_stops_the_older_search_and_drops_its_reports() {
    let mut app = streaming(held_corpus());
    let older = type_query(&mut app, "fire");
    let stale = older.clone();
    let Effect::Search(newer) = app.update(Action::FinderInput('s')) else {
        panic!("a keystroke asks for a search")
    };
    assert!(reports(older).is_empty(), "stopped before its first chunk");
    // A report that was on its way when the key came is dropped.
    let mut on_the_way = None;
    stale.run_reporting(|results| {
        on_the_way = Some(results);
        false
    });
    assert!(on_the_way.is_none(), "a stale request does not even start");
    let first = reports(newer).into_iter().next().unwrap();
    app.search_finished(first);
    assert_eq!(
        finder(&app)
            .passages
            .as_ref()
            .unwrap()
            .query
            .as_ref()
            .unwrap()
            .text(),
        "fires"
    );
}

#[test]
fn a_report_of_an_older_search_is_dropped() {
    let mut app = streaming(held_corpus());
    let older = type_query(&mut app, "grain");
    // Searched before the newer key, as a worker does while the key is typed.
    let older_reports = reports(older);
    let Effect::Search(newer) = app.update(Action::FinderInput('s')) else {
        panic!("a keystroke asks for a search")
    };
    for results in older_reports {
        app.search_finished(results);
    }
    let passages = finder(&app).passages.as_ref().unwrap();
    assert!(passages.pending, "still waiting for the newer query");
    assert!(passages.query.is_none(), "nothing of the older one shown");
    app.search_finished(newer.run());
    assert_eq!(
        finder(&app).passage_hits(),
        indexed(app.corpus(), "grains").as_slice()
    );
}

#[test]
fn esc_stops_the_finder_search() {
    let mut app = streaming(held_corpus());
    let request = type_query(&mut app, "ceasefire");
    // The worker goes on while the app handles keys: Esc comes after the first report.
    let mut reported = 0;
    request.run_reporting(|results| {
        reported += 1;
        app.search_finished(results);
        app.update(Action::Close);
        true
    });
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(reported, 1, "the search stopped after the Esc");
}

#[test]
fn enter_on_a_passage_while_searching_keeps_it_growing_and_n_stops_at_the_frontier() {
    let mut app = streaming(held_corpus());
    let request = type_query(&mut app, "ceasefire");
    let mut reports = reports(request).into_iter();
    app.search_finished(reports.next().unwrap());
    let first_chunk = finder(&app).passage_hits().to_vec();
    assert!(first_chunk.len() > 1);
    // Down to the first passage, past the summits found by title.
    let offset = finder(&app).passage_offset();
    for _ in 0..offset {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert!(matches!(app.overlay(), Overlay::None | Overlay::Text(_)));
    let search = app.search().unwrap();
    assert!(search.progress.is_some(), "still searching");
    assert!(screen(&app).contains(&format!("match 1 of {} so far", first_chunk.len())));
    // n goes through the matches found so far, then says it found no more yet.
    for _ in 1..first_chunk.len() {
        app.update(Action::NextMatch);
    }
    assert_eq!(app.search().unwrap().current, Some(first_chunk.len() - 1));
    app.update(Action::NextMatch);
    assert_eq!(
        app.search().unwrap().current,
        Some(first_chunk.len() - 1),
        "no wrap"
    );
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some(format!("No later match in the 16 of {SUMMITS} summits searched so far").as_str())
    );
    // The rest of the search goes to the active search: n goes on.
    for results in reports {
        app.search_finished(results);
    }
    let search = app.search().unwrap();
    assert_eq!(search.progress, None);
    assert_eq!(*search.places, indexed(app.corpus(), "ceasefire"));
    app.update(Action::NextMatch);
    assert_eq!(app.search().unwrap().current, Some(first_chunk.len()));
}

/// A streamed search of `ceasefire` from the last summit, whose passages arrive with the
/// last chunk and are listed first, after its first report: the app and the reports to come.
fn streaming_from_the_last_summit() -> (App, impl Iterator<Item = SearchResults>) {
    let mut app = streaming(held_corpus());
    app.go_to(SUMMITS - 1);
    let request = type_query(&mut app, "ceasefire");
    let mut reports = reports(request).into_iter();
    app.search_finished(reports.next().unwrap());
    (app, reports)
}

#[test]
fn the_selected_passage_stays_selected_as_the_summit_being_read_s_hits_arrive() {
    let (mut app, reports) = streaming_from_the_last_summit();
    let offset = finder(&app).passage_offset();
    for _ in 0..offset + 2 {
        app.update(Action::Down);
    }
    let selected = |app: &App| match finder(app).selection() {
        Some(sherpa::app::PickerRow::Passage(place)) => *place,
        other => panic!("a passage is selected: {other:?}"),
    };
    let before = selected(&app);
    for results in reports {
        app.search_finished(results);
    }
    let passages = finder(&app).passages.as_ref().unwrap();
    assert!(
        !passages.here().is_empty(),
        "the summit being read has passages"
    );
    assert_eq!(selected(&app), before);
}

/// Narrowed to a tag, the search goes through the narrowed summits only, and finds their
/// passages as the indexed search does.
#[test]
fn a_narrowed_reader_streams_through_its_summits_only() {
    let narrowed = |mut app: App| {
        app.narrow_to(Narrowing::Tag("t1".to_owned()));
        app
    };
    let mut streamed = narrowed(streaming(held_corpus()));
    let request = type_query(&mut streamed, "ceasefire");
    let mut reports = reports(request).into_iter();
    streamed.search_finished(reports.next().unwrap());
    let progress = finder(&streamed).passages.as_ref().unwrap().progress;
    assert_eq!(
        progress.map(|p| (p.searched, p.of)),
        Some((16, SUMMITS / 3))
    );
    reports.for_each(|results| streamed.search_finished(results));
    let positions = streamed.narrowed().unwrap().positions.clone();
    assert_eq!(positions.len(), SUMMITS / 3);
    let expected: Vec<Place> = indexed(streamed.corpus(), "ceasefire")
        .into_iter()
        .filter(|place| positions.contains(&place.position))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(finder(&streamed).passage_hits(), expected.as_slice());
    let mut indexed_app = narrowed(App::new(held_corpus(), Settings::new("many", "."), 120, 40));
    let request = type_query(&mut indexed_app, "ceasefire");
    indexed_app.search_finished(request.run());
    assert_eq!(finder(&indexed_app).passage_hits(), expected.as_slice());
}

/// As in fzf, a selection the user has not moved stays on the top row as rows stream in
/// above the one it was on: the summit being read's passages, listed first, arrive with
/// a later chunk, and Enter then opens match 1, not the first passage that came.
#[test]
fn an_unmoved_selection_stays_on_the_top_row_as_the_summit_being_read_s_hits_arrive() {
    let (mut app, reports) = streaming_from_the_last_summit();
    let offset = finder(&app).passage_offset();
    assert_eq!(
        offset, 0,
        "no summit's title holds the word: passages come first"
    );
    let first_to_arrive = finder(&app).passage_hits()[0];
    for results in reports {
        app.search_finished(results);
    }
    let finder_now = finder(&app);
    let here = finder_now.passages.as_ref().unwrap().here();
    assert!(!here.is_empty(), "the summit being read has passages");
    assert_eq!(finder_now.selected, 0, "still the top row");
    let Some(sherpa::app::PickerRow::Passage(top)) = finder_now.selection() else {
        panic!("a passage is selected")
    };
    assert_eq!(
        top.position,
        SUMMITS - 1,
        "the summit being read's first passage"
    );
    assert_ne!(*top, first_to_arrive);
    app.update(Action::Open);
    assert_eq!(app.search().unwrap().current, Some(here.start));
    assert!(
        screen(&app).contains("match 1 of"),
        "Enter opens match 1: {}",
        screen(&app)
    );
}
