//! Loads files or folders through `Library::load` and reads the last story's body back: what
//! `benches/warc_memory.sh` runs under `/usr/bin/time -v` to measure the peak memory of
//! loading a big WARC (`cargo run -p qari-core --example load_archive -- PATH…`).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let (library, errors) = qari_core::Library::load(&paths);
    println!(
        "loaded {} stories, {} errors in {:.1} s",
        library.len(),
        errors.len(),
        start.elapsed().as_secs_f64()
    );
    for error in errors.iter().take(5) {
        println!("  {error}");
    }
    if let Some(last) = library.stories().last() {
        let start = Instant::now();
        match library.read_body(last.id) {
            Ok(body) => println!(
                "read the body of {:?} ({} paragraphs) in {:.1} s",
                last.title,
                body.len(),
                start.elapsed().as_secs_f64()
            ),
            Err(e) => println!("no body: {e}"),
        }
    }
}
