//! A 20 MB single-file page (`SingleFile`'s shape: every image, font and stylesheet inlined as
//! `data:` URIs) through the loader: the figure the issue asks for is at most 100 ms.
//!
//!     cargo bench --bench single_file [-- RUNS]
//!
//! The page is generated (deterministically, from our own text) into Cargo's target
//! directory (`target/tmp/single_file_20mb.html`); the script prints its size, the median,
//! fastest and slowest time of `loader::parse_file` on it over RUNS runs (default 15), and
//! the same for the page without its `data:` URIs, which is what the text alone costs. It
//! asserts nothing: it prints numbers.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use qari_core::loader::parse_file;

/// Base64 text of `len` bytes, the same on every run.
fn base64(len: usize, seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(ALPHABET[(state >> 58) as usize])
        })
        .collect()
}

/// The page: a `SingleFile` header, a stylesheet of inlined fonts and background images, a
/// template's furniture with inlined icons, an article of twelve paragraphs with its photos
/// (`src`, `srcset`, inline `style` backgrounds), and a gallery of related stories' pictures.
fn page() -> String {
    let para = "عاد مئات المزارعين في قرى الوادي إلى زراعة القمح هذا الموسم بعد ثلاث سنوات من \
                الجفاف، وقالت الجمعية التعاونية إن المساحات المزروعة تضاعفت مقارنة بالعام الماضي \
                بحسب أرقام وزارة الزراعة (FAO 2024).";
    let mut css = String::new();
    for i in 0..8 {
        let _ = writeln!(
            css,
            "@font-face{{font-family:f{i};src:url(data:font/woff2;base64,{})}}",
            base64(250_000, i)
        );
    }
    for i in 0..20 {
        let _ = write!(
            css,
            ".hero-{i}{{background-image:url(\"data:image/jpeg;base64,{}\")}}\n.x{i} a{{color:#333}}\n",
            base64(40_000, 100 + i)
        );
    }
    let mut body = String::from(
        "<header class=\"site-header\"><a class=\"logo\" href=\"/\"><img src=\"data:image/svg+xml;base64,",
    );
    body.push_str(&base64(3_000, 7));
    body.push_str("\" alt=\"الوادي\"></a><nav><ul>");
    for i in 0..30 {
        let _ = write!(
            body,
            "<li><a href=\"/s/{i}\"><img src=\"data:image/png;base64,{}\">قسم {i}</a></li>",
            base64(1_200, 200 + i)
        );
    }
    body.push_str("</ul></nav></header><main><article><h1>مزارعو الوادي يعودون إلى القمح</h1>");
    for i in 0..12u64 {
        let _ = write!(
            body,
            "<p>{para}</p><figure><img src=\"data:image/jpeg;base64,{}\" srcset=\"data:image/jpeg;base64,{} 1x, \
             data:image/jpeg;base64,{} 2x\"><figcaption>صورة {i}</figcaption></figure>\
             <div class=\"hero-{i}\" style=\"background:url(&quot;data:image/webp;base64,{}&quot;)\"></div>",
            base64(400_000, 300 + i),
            base64(150_000, 400 + i),
            base64(300_000, 500 + i),
            base64(60_000, 600 + i)
        );
    }
    body.push_str("</article><section class=\"gallery\">");
    let mut i = 0u64;
    while body.len() + css.len() < 20 * 1024 * 1024 {
        let _ = write!(
            body,
            "<a href=\"/n/{i}\"><img src=\"data:image/jpeg;base64,{}\" alt=\"\"><span>خبر رقم {i}</span></a>",
            base64(120_000, 1_000 + i)
        );
        i += 1;
    }
    body.push_str("</section></main><footer>جميع الحقوق محفوظة</footer>");
    format!(
        "<!DOCTYPE html> <html lang=\"ar\" dir=\"rtl\"><!--\n Page saved with SingleFile \n url: \
         https://alwadi.example/news/wheat \n saved date: Mon Dec 01 2025 10:20:30 GMT+0300 \
         (Arabian Standard Time)\n--><head><meta charset=\"utf-8\"><title>مزارعو الوادي يعودون إلى \
         القمح | الوادي</title><style>{css}</style></head><body>{body}</body></html>"
    )
}

/// Median, fastest and slowest of `runs` parses of `bytes`.
fn measure(path: &Path, bytes: &[u8], runs: usize) -> (Duration, Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut paragraphs = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let parsed = parse_file(path, std::hint::black_box(bytes));
        times.push(start.elapsed());
        paragraphs = parsed.stories.first().map_or(0, |s| s.paragraphs.len());
    }
    times.sort();
    (times[runs / 2], times[0], times[runs - 1], paragraphs)
}

fn main() {
    let runs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(15)
        .max(1);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("single_file_20mb.html");
    let page = page();
    std::fs::write(&path, &page).expect("write the generated page");
    let bytes = std::fs::read(&path).expect("read the generated page");
    let (median, fastest, slowest, paragraphs) = measure(&path, &bytes, runs);
    println!(
        "single-file page: {} ({:.1} MB), {runs} runs: median {:.1} ms, fastest {:.1} ms, \
         slowest {:.1} ms; {paragraphs} paragraphs; budget 100 ms: {}",
        path.display(),
        bytes.len() as f64 / 1_048_576.0,
        median.as_secs_f64() * 1e3,
        fastest.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3,
        if median <= Duration::from_millis(100) {
            "within"
        } else {
            "OVER"
        }
    );
    // the same page with its data: URIs already empty: the cost of the text and markup alone
    let mut light = String::with_capacity(page.len() / 16);
    let mut rest = page.as_str();
    while let Some(at) = rest.find("base64,") {
        light.push_str(&rest[..at + 7]);
        let tail = &rest[at + 7..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/'))
            .unwrap_or(tail.len());
        rest = &tail[end..];
    }
    light.push_str(rest);
    let (median, _, _, _) = measure(&path, light.as_bytes(), runs);
    println!(
        "the same page without its images ({:.1} KB): median {:.1} ms",
        light.len() as f64 / 1024.0,
        median.as_secs_f64() * 1e3
    );
}
