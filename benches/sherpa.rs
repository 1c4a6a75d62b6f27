//! Benchmarks for the targets of PERFORMANCE.md: parsing, loading, wrapping, drawing a
//! frame, a finder keystroke and export. Corpora come from the generator in
//! `examples/gen_corpus.rs` (included below), so every run measures the same bytes.
//!
//! ```text
//! cargo bench                      # everything (a few minutes)
//! cargo bench -- frame/            # one group
//! cargo bench --no-run             # CI: the benchmarks must keep compiling
//! ```

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sherpa::app::{Action, App, Effect, Picker, Settings, picker};
use sherpa::grid::GridPane;
use sherpa::ui::{self, Theme};
use sherpa_core::corpus::{Corpus, parse_briefing};
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};
use sherpa_core::render_text::render_pane;
use sherpa_core::search::{Query, SearchIndex};

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)] // The example's command-line half is not used here.
mod gen_corpus;

const SEED: u64 = 1;
/// About 1 MB of prior meetings in one pane.
const HUGE_PANE_BYTES: usize = 1_000_000;
const HUGE_PARTICIPANTS: usize = 10_000;
/// Position of the latest of the nine ordinary summits in [`reading_corpus`] (the two huge
/// ones are dated later).
const SMALL: usize = 8;

fn corpus_of(files: &[(String, String)]) -> Corpus {
    Corpus::from_sources(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

/// Nine ordinary briefings (like the bundled ones) plus the two huge ones.
fn reading_corpus() -> Corpus {
    let mut files = gen_corpus::generate(9, SEED);
    let links: Vec<String> = files
        .iter()
        .map(|(name, _)| name.trim_end_matches(".toml").to_owned())
        .collect();
    files.push(gen_corpus::huge_pane(HUGE_PANE_BYTES, SEED, &links));
    files.push(gen_corpus::huge_participants(HUGE_PARTICIPANTS, SEED));
    corpus_of(&files)
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    let files = gen_corpus::generate(1000, SEED);
    let (name, one) = &files[0];
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("one_briefing", |b| {
        b.iter(|| parse_briefing(name, "one", black_box(one)));
    });
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.bench_function("corpus_1000_from_memory", |b| {
        b.iter(|| corpus_of(black_box(&files)));
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = gen_corpus::generate(1000, SEED);
    let total = gen_corpus::write_all(dir.path(), &files).expect("write the corpus");
    let paths = [dir.path().to_path_buf()];
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.bench_function("folder_1000", |b| {
        b.iter(|| {
            let corpus = Corpus::load_paths(black_box(&paths));
            assert_eq!(corpus.len(), 1000);
            corpus
        });
    });
    group.finish();
}

/// Wrapping a whole pane: paid once per summit and width, then cached by the reader.
fn wrap(c: &mut Criterion) {
    let corpus = reading_corpus();
    // The latest ordinary summit: it has prior meetings (the earliest has none to link).
    let small = &corpus.briefings()[SMALL];
    let huge_pane = corpus.get("huge-pane").expect("the huge pane");
    let huge_people = corpus.get("huge-participants").expect("the huge list");
    let mut group = c.benchmark_group("wrap");
    group.sample_size(20);
    for width in [78, 248] {
        group.bench_function(format!("small_meetings_w{width}"), |b| {
            b.iter(|| render_pane(small, Pane::Meetings, black_box(width)));
        });
        group.bench_function(format!("meetings_1mb_w{width}"), |b| {
            b.iter(|| render_pane(huge_pane, Pane::Meetings, black_box(width)));
        });
        group.bench_function(format!("participants_10000_w{width}"), |b| {
            b.iter(|| render_pane(huge_people, Pane::Participants, black_box(width)));
        });
    }
    group.finish();
}

/// A reader on `id` at a terminal size, focused on `pane`, drawing into a test backend.
fn reader(
    corpus: Corpus,
    id: &str,
    pane: GridPane,
    size: (u16, u16),
) -> (App, Terminal<TestBackend>) {
    let position = corpus.position(id).expect("the summit");
    let mut app = App::new(corpus, Settings::new("bench", "."), size.0, size.1);
    app.go_to(position);
    app.update(Action::FocusPane(pane));
    let terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
    (app, terminal)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| ui::draw(frame, app, Theme::colored()))
        .expect("draw");
}

/// One frame, and one keystroke plus its frame, for small and huge panes.
fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    let cases = [
        ("small", "", GridPane::Meetings),
        ("meetings_1mb", "huge-pane", GridPane::Meetings),
        (
            "participants_10000",
            "huge-participants",
            GridPane::Participants,
        ),
    ];
    for size in [(80, 24), (250, 80)] {
        for (label, id, pane) in cases {
            let corpus = reading_corpus();
            let id = if id.is_empty() {
                corpus.briefings()[SMALL].id().to_owned()
            } else {
                id.to_owned()
            };
            let (mut app, mut terminal) = reader(corpus, &id, pane, size);
            let name = format!("{label}_{}x{}", size.0, size.1);
            group.bench_function(format!("draw/{name}"), |b| {
                b.iter(|| draw(&mut terminal, &app));
            });
            // Alternate j and k so the pane never reaches its end.
            let mut down = false;
            group.bench_function(format!("key_j/{name}"), |b| {
                b.iter(|| {
                    down = !down;
                    app.update(if down { Action::Down } else { Action::Up });
                    draw(&mut terminal, &app);
                });
            });
            group.bench_function(format!("key_tab/{name}"), |b| {
                b.iter(|| {
                    app.update(Action::NextPane);
                    draw(&mut terminal, &app);
                });
            });
        }
        // `]` walks through the nine ordinary summits (the huge ones are the latest).
        let corpus = corpus_of(&gen_corpus::generate(9, SEED));
        let first = corpus.briefings()[0].id().to_owned();
        let (mut app, mut terminal) = reader(corpus, &first, GridPane::Participants, size);
        group.bench_function(
            format!("key_next_summit/small_{}x{}", size.0, size.1),
            |b| {
                b.iter(|| {
                    app.update(Action::NextSummit);
                    draw(&mut terminal, &app);
                });
            },
        );
    }
    group.finish();
}

/// One finder keystroke over 10,000 summits: the query update alone, and with its frame.
fn finder(c: &mut Criterion) {
    let files = gen_corpus::generate(10_000, SEED);
    let corpus = corpus_of(&files);
    let entries = Arc::new(picker::summit_entries(&corpus));
    let mut group = c.benchmark_group("finder");
    // Built once per load, in the background after the first complete frame.
    group.bench_function("entries_10000", |b| {
        b.iter(|| picker::summit_entries(black_box(&corpus)));
    });
    for query in ["g", "gen", "genève 19"] {
        let (typed, last) = query.split_at(query.len() - 1);
        let last = last.chars().next().expect("a last letter");
        group.bench_function(format!("query_10000/{query}"), |b| {
            b.iter_batched(
                || {
                    let mut picker = Picker::new("bench", Arc::clone(&entries), None);
                    typed.chars().for_each(|ch| picker.push(ch));
                    picker
                },
                |mut picker| {
                    picker.push(last);
                    picker
                },
                BatchSize::SmallInput,
            );
        });
    }
    let first = corpus.briefings()[0].id().to_owned();
    let (mut app, mut terminal) = reader(corpus, &first, GridPane::Participants, (250, 80));
    app.update(Action::OpenFinder);
    // The finder as the reader shows it: the summits, then the passages of the query.
    if let Effect::Search(request) = app.update(Action::FinderInput('g')) {
        app.search_finished(request.run());
    }
    group.bench_function("draw_with_passages_10000_250x80", |b| {
        b.iter(|| draw(&mut terminal, &app));
    });
    // Type a letter, then delete it: two keystrokes and two frames per iteration (the
    // passages of `g` stay listed while a newer query's are pending).
    group.bench_function("key_pair_10000_250x80", |b| {
        b.iter(|| {
            app.update(Action::FinderInput('e'));
            draw(&mut terminal, &app);
            app.update(Action::FinderDeleteChar);
            draw(&mut terminal, &app);
        });
    });
    group.finish();
}

/// Text search over 10,000 summits: building the folded index once, then all hits of a
/// common word, a rare one and two words together.
fn search(c: &mut Criterion) {
    let corpus = corpus_of(&gen_corpus::generate(10_000, SEED));
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("index_10000", |b| b.iter(|| SearchIndex::build(&corpus)));
    let index = SearchIndex::build(&corpus);
    eprintln!(
        "search index over 10,000 summits: {} kB",
        index.heap_bytes() / 1000
    );
    // What the reader waits for: every match's place (rows are written when drawn).
    for query in [
        "delegation",
        "verification",
        "talks framework",
        "Delegation",
    ] {
        let query = Query::new(query).expect("a query");
        group.bench_function(format!("places_10000/{}", query.text()), |b| {
            b.iter(|| index.find(&corpus, black_box(&query)));
        });
    }
    // What `sherpa search` prints: every passage with its snippet.
    let query = Query::new("verification").expect("a query");
    group.bench_function("passages_10000/verification", |b| {
        b.iter(|| index.search(&corpus, black_box(&query)));
    });
    group.finish();
}

fn export_pane(c: &mut Criterion) {
    let corpus = reading_corpus();
    let huge = corpus.get("huge-pane").expect("the huge pane");
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("meetings_1mb_w80", |b| {
        b.iter(|| {
            export::render(huge, Some(Pane::Meetings), Format::Text, black_box(80))
                .expect("text cannot fail")
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = parse, load, wrap, frame, finder, search, export_pane
}
criterion_main!(benches);
