//! Index build and query speed on generated archives (`cargo bench --bench search`).
//!
//! Numbers from this bench are quoted in the README's search section.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use qari_core::library::Library;
use qari_core::model::{Direction, Story, StoryId};
use qari_core::search::SearchIndex;

fn library(count: u64) -> Library {
    let stories = (0..count)
        .map(|n| {
            let (title, paragraphs) = corpus::story(42, n);
            let path = format!("gen/{:04}/{n:06}.txt", n / 100);
            let mut story =
                Story::new(StoryId(n), title, paragraphs, path).in_language("ar", Direction::Rtl);
            story.meta.source = Some("مولد".to_owned());
            story
        })
        .collect();
    Library::from_stories(stories)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.sample_size(10);

    let small = library(1_000);
    group.bench_function("index_1000_stories", |b| {
        b.iter(|| SearchIndex::in_memory(black_box(&small), &mut |_| {}).expect("index"));
    });

    let big = library(20_000);
    let index = SearchIndex::in_memory(&big, &mut |_| {}).expect("index");
    for (name, q) in [
        ("query_word_20000", "الكرملين"),
        ("query_two_words_20000", "الأسلحة النووية"),
        ("query_phrase_20000", "\"الأسلحة النووية\""),
        ("query_exclusion_20000", "النفط -الأسعار"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| index.search(black_box(q), 20).expect("search"));
        });
    }
    group.bench_function("similar_20000", |b| {
        b.iter(|| {
            // more than the cached 20: computed afresh every time
            index
                .similar(&big, StoryId(black_box(7)), 21)
                .expect("similar");
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
