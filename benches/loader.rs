//! Loader throughput: parsing one scraped page, one JSON Lines file, and building a library
//! (de-duplication + link resolution) from many stories. Run with `cargo bench --bench loader`;
//! for a whole 100,000-story archive on disk see `benches/gen_archive.py`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qari::library::Library;
use qari::loader::parse_file;

/// A page in the stored text layout, built from our own sentences.
fn page(i: usize) -> String {
    let para = "قال وزير المياه إن الخطة الجديدة ستنفذ على ثلاث مراحل حتى عام 2030، وإن كلفتها \
                تبلغ 1.8 مليار دولار بمشاركة البنك الدولي (World Bank) والقطاع الخاص.";
    let body: Vec<&str> = std::iter::repeat_n(para, 6).collect();
    format!(
        "رئيس مجلس الإدارة\nفلان الفلاني\n\nخبر رقم {i} عن خطة المياه الوطنية\n\nنشر في 14 مارس 2024\nالرافد\n\n{}\n\nاقرأ أيضًا..\n\n- خبر رقم {} عن خطة المياه الوطنية\n- خبر رقم {} عن خطة المياه الوطنية\n",
        body.join("\n\n\u{a0}\n\n"),
        (i * 7 + 1) % 10_000,
        (i * 13 + 5) % 10_000
    )
}

fn parse(c: &mut Criterion) {
    let text = page(1);
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("text page", |b| {
        b.iter(|| parse_file(Path::new("a.txt"), black_box(text.as_bytes())));
    });
    let jsonl = (0..100)
        .map(|i| format!("{{\"title\":\"record {i}\",\"body\":[\"one paragraph of text\",\"another\"],\"related\":[\"record {}\"]}}\n", (i + 1) % 100))
        .collect::<Vec<_>>()
        .concat();
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("jsonl 100 records", |b| {
        b.iter(|| parse_file(Path::new("a.jsonl"), black_box(jsonl.as_bytes())));
    });
    group.finish();
}

fn library(c: &mut Criterion) {
    let stories: Vec<_> = (0..10_000)
        .flat_map(|i| parse_file(Path::new(&format!("{i}.txt")), page(i).as_bytes()).stories)
        .collect();
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.throughput(Throughput::Elements(stories.len() as u64));
    group.bench_function("from_stories 10k", |b| {
        b.iter_batched(
            || stories.clone(),
            Library::from_stories,
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, parse, library);
criterion_main!(benches);
