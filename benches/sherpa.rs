//! Benchmarks; see PERFORMANCE.md.
use criterion::{Criterion, criterion_group, criterion_main};

fn bundled(c: &mut Criterion) {
    c.bench_function("load bundled", |b| {
        b.iter(sherpa::corpus::Corpus::load_bundled);
    });
}

criterion_group!(benches, bundled);
criterion_main!(benches);
