fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).expect("read");
        let parsed = qari::loader::parse_file(std::path::Path::new(&p), &bytes);
        for s in parsed.stories {
            let m = &s.meta;
            println!("== {} | src={:?} | author={:?} | date={:?} | lang={} dir={:?} url={:?} id={}", m.title, m.source, m.author, m.published.map(|d| d.to_string()), m.lang, m.direction, m.url, m.id.0);
            for l in &m.links { println!("  link {:?} {:?} {:?} {:?}", l.kind, l.label, l.url, l.after_paragraph); }
            for para in &s.paragraphs { println!("  | {para}"); }
        }
        for e in parsed.errors { println!("ERR {e}"); }
    }
}
