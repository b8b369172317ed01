//! Criterion benchmark of the layout engine on our Arabic sample sentences (the same text
//! `benches/vs_fribidi.sh` scales up to 8 MB): shaped and wrapped at 80 cells as `qari render
//! --width 80` does, unshaped, unwrapped, and the left-to-right ASCII fast path.
//!
//! `cargo bench --bench bidi_layout`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qari_core::bidi::{self, Options, Scratch};

const ARABIC: &str = include_str!("sample_ar.txt");
const ENGLISH: &str = "The minister told reporters that the new plan would start in May, \
    with a budget of 500 million dollars for small companies and training programmes.\n";

fn run(text: &str, width: Option<usize>, opts: Options, scratch: &mut Scratch) -> usize {
    let mut cells = 0;
    for line in text.lines() {
        bidi::layout_with(line, width, &opts, scratch, &mut |l| {
            cells += l.width + l.indent;
        });
    }
    cells
}

fn layout(c: &mut Criterion) {
    let mut g = c.benchmark_group("layout");
    let english = ENGLISH.repeat(30);
    let cases = [
        ("arabic_shaped_w80", ARABIC, Some(80), Options::default()),
        (
            "arabic_unshaped_w80",
            ARABIC,
            Some(80),
            Options {
                shape: false,
                ..Options::default()
            },
        ),
        ("arabic_shaped_nowrap", ARABIC, None, Options::default()),
        ("ascii_w80", english.as_str(), Some(80), Options::default()),
    ];
    for (name, text, width, opts) in cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut scratch = Scratch::default();
        g.bench_function(name, |b| {
            b.iter(|| run(black_box(text), width, opts, &mut scratch));
        });
    }
    g.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
