//! `qari render`: a bidi-aware `cat`/`fold` over the layout engine.
//!
//! Each input line is one paragraph; an empty line stays an empty line; without `--width`
//! nothing wraps. The output is visual order for a terminal in explicit bidi mode (or logical
//! order with `--bidi terminal`), free of control characters. Built for throughput: the input
//! is read whole, cut into chunks of lines laid out in parallel (rayon) with one set of
//! reusable buffers per chunk, and written in order through one buffered writer.

use std::io::{Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use super::{AlignArg, BidiMode, CliResult, DirArg, DisplayArgs, RenderArgs};
use crate::bidi::{self, Align, DirMode, Options, Scratch};

/// Lines per parallel work item: large enough to amortise scheduling, small enough to balance.
const CHUNK_LINES: usize = 2048;

pub fn run(args: &RenderArgs, display: &DisplayArgs) -> CliResult {
    let mut raw = Vec::new();
    match args.file.as_deref() {
        None => std::io::stdin().lock().read_to_end(&mut raw)?,
        Some(p) if p.as_os_str() == "-" => std::io::stdin().lock().read_to_end(&mut raw)?,
        Some(p) => std::fs::File::open(p)
            .and_then(|mut f| f.read_to_end(&mut raw))
            .map_err(|e| format!("{}: {e}", p.display()))?,
    };
    let text = String::from_utf8_lossy(&raw);
    let opts = Options {
        dir: match args.dir {
            DirArg::Auto => DirMode::Auto,
            DirArg::Ltr => DirMode::Ltr,
            DirArg::Rtl => DirMode::Rtl,
        },
        shape: !display.no_shape,
        align: match args.align {
            AlignArg::Auto => Align::Auto,
            AlignArg::None => Align::None,
        },
        reorder: display.bidi == BidiMode::App,
    };
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out.lock());
    let chunks: Vec<Vec<u8>> = lines
        .par_chunks(CHUNK_LINES)
        .map(|chunk| render_chunk(chunk, args.width, opts))
        .collect();
    for c in &chunks {
        if let Err(e) = out.write_all(c) {
            return broken_pipe_ok(e);
        }
    }
    if let Err(e) = out.flush() {
        return broken_pipe_ok(e);
    }
    Ok(ExitCode::SUCCESS)
}

/// Lays out a chunk of input lines into output bytes.
pub fn render_chunk(lines: &[&str], width: Option<usize>, opts: Options) -> Vec<u8> {
    let mut scratch = Scratch::default();
    let mut buf = Vec::with_capacity(lines.iter().map(|l| l.len() * 3 / 2 + 1).sum());
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        bidi::layout_lines(line, width, opts, &mut scratch, false, &mut |l| {
            buf.resize(buf.len() + l.indent, b' ');
            buf.extend_from_slice(l.text.as_bytes());
            buf.push(b'\n');
        });
    }
    buf
}

/// `qari render | head` must end quietly.
fn broken_pipe_ok(e: std::io::Error) -> CliResult {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(e.into())
    }
}
