//! Writes a large generated archive for measuring indexing and search:
//! `cargo run --release --example gen_archive -- DIR [COUNT]` (default 10000 stories), one
//! plain `.txt` file per story (title line, blank line, paragraphs), 100 files per folder.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/big-archive".to_owned()),
    );
    let count: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    for n in 0..count {
        let (title, paragraphs) = corpus::story(42, n);
        let folder = dir.join(format!("{:04}", n / 100));
        std::fs::create_dir_all(&folder)?;
        let text = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
        std::fs::write(folder.join(format!("{n:06}.txt")), text)?;
    }
    println!("wrote {count} stories under {}", dir.display());
    Ok(())
}
