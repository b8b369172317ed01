//! Loader throughput: parsing one scraped page, one JSON Lines file, a ~200 KB saved HTML page
//! and a 50-item feed, and building a library (de-duplication + link resolution) from many
//! stories. Run with `cargo bench --bench loader`;
//! for a whole 100,000-story archive on disk see `benches/gen_archive.py`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qari_core::library::Library;
use qari_core::loader::parse_file;

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

/// A saved page of about 200 KB in the shape of a real one, grown from our Arabic news
/// fixture: a large inline script and style in the head, the template's furniture, a long
/// comment thread and an article of 72 paragraphs.
fn saved_page() -> String {
    let page = include_str!("../crates/qari-core/tests/fixtures/formats/ar_news.html");
    let script = format!(
        "<script>{}</script><style>{}</style>",
        "window.ads=window.ads||[];ads.push({slot:'top',sizes:[[728,90],[970,250]]});\n"
            .repeat(500),
        ".nav a{color:#333;padding:4px 8px}.ticker span{font-weight:bold}\n".repeat(250)
    );
    let start = page.find("<p>عاد").expect("first paragraph");
    let end = page.find("<div class=\"tags\">").expect("tags");
    let article = page[start..end].replace("</div>\n", "");
    let comment = page
        .find("<div class=\"comment\">")
        .and_then(|s| page[s..].find("</div>").map(|e| &page[s..s + e + 6]))
        .expect("comment");
    let page = page
        .replacen("</head>", &format!("{script}</head>"), 1)
        .replacen(&page[start..end], &article.repeat(12), 1)
        .replacen(comment, &comment.repeat(900), 1);
    assert!((180_000..260_000).contains(&page.len()), "{}", page.len());
    page
}

/// A feed of 50 items with HTML content.
fn feed() -> String {
    use std::fmt::Write;
    let mut items = String::new();
    for i in 0..50 {
        let _ = write!(
            items,
            "<item><title>خبر رقم {i} عن موسم القمح</title><link>https://news.example/{i}</link>\
                 <guid>news-{i}</guid><pubDate>Tue, 05 Mar 2024 10:{:02}:00 +0300</pubDate>\
                 <description><![CDATA[<p>عاد مئات المزارعين في قرى الوادي إلى زراعة القمح.</p>\
                 <p>وقال رئيس الجمعية إن <a href=\"/a/{i}\">الأمطار</a> أعادت الأمل.</p>]]></description></item>",
            i % 60
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>الوادي</title>{items}</channel></rss>"
    )
}

fn formats(c: &mut Criterion) {
    let page = saved_page();
    let mut group = c.benchmark_group("formats");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("saved page 200 KB", |b| {
        b.iter(|| parse_file(Path::new("a.html"), black_box(page.as_bytes())));
    });
    let feed = feed();
    group.throughput(Throughput::Bytes(feed.len() as u64));
    group.bench_function("rss 50 items", |b| {
        b.iter(|| parse_file(Path::new("a.rss"), black_box(feed.as_bytes())));
    });
    group.finish();
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

criterion_group!(benches, parse, formats, library);
criterion_main!(benches);
