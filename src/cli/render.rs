//! `qari render`: a bidi-aware `cat`/`fold` over the layout engine.
//!
//! Each input line is one paragraph; an empty line stays an empty line; without `--width`
//! nothing wraps. The output is visual order for a terminal in explicit bidi mode (or logical
//! order with `--bidi terminal`), free of control characters. Built for throughput: the input
//! is read whole, cut into chunks of lines laid out in parallel (rayon) with one set of
//! reusable buffers per chunk, and written in order, a batch of chunks at a time.

use std::io::{Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use super::{AlignArg, CliResult, DirArg, DisplayArgs, RenderArgs};
use crate::tui::terminal::detect::Mode;
use crate::tui::terminal::output::Adapt;
use qari_core::bidi::{self, Align, DirMode, Options, Scratch};

/// Lines per parallel work item: large enough to amortise scheduling, small enough to balance.
const CHUNK_LINES: usize = 512;
/// Work items laid out before their output is written: bounds the memory held for output.
const CHUNKS_PER_BATCH: usize = 32;

/// `render` is a converter: piped, `auto` means visual order (what a terminal in explicit
/// mode shows); on a terminal it is detected like the reader's.
fn render_mode(display: &DisplayArgs) -> Mode {
    crate::tui::terminal::on_stdout(display.bidi).unwrap_or(match display.bidi {
        crate::tui::terminal::BidiMode::Terminal => Mode::Terminal,
        _ => Mode::App,
    })
}

pub fn run(args: &RenderArgs, display: &DisplayArgs) -> CliResult {
    let mut raw = Vec::new();
    match args.file.as_deref() {
        None => std::io::stdin().lock().read_to_end(&mut raw)?,
        Some(p) if p.as_os_str() == "-" => std::io::stdin().lock().read_to_end(&mut raw)?,
        Some(p) => std::fs::File::open(p)
            .and_then(|mut f| {
                let len = f.metadata().map_or(0, |m| m.len());
                raw.reserve_exact(usize::try_from(len).unwrap_or(0) + 1);
                f.read_to_end(&mut raw)
            })
            .map_err(|e| format!("{}: {e}", p.display()))?,
    };
    // Valid UTF-8 (the usual case) is checked by the fast validator; anything else is
    // decoded with replacement characters.
    let text = match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let mode = render_mode(display);
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
        reorder: mode.reorders(),
        isolate: false,
    };
    // In kitty, each line is rewritten for kitty's shaping.
    let adapt = Adapt::for_mode(mode);
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    // Each chunk's output is one large write, so no extra buffering is needed.
    // Output buffers and layout scratch space are reused from batch to batch.
    let width = args.width.map(usize::from);
    // A closed pipe (`qari render | head`) ends quietly: `cli::main` decides that.
    let mut out = std::io::stdout().lock();
    let mut work: Vec<(Vec<u8>, Scratch)> =
        (0..CHUNKS_PER_BATCH).map(|_| Default::default()).collect();
    for batch in lines.chunks(CHUNK_LINES * CHUNKS_PER_BATCH) {
        work.par_iter_mut()
            .zip(batch.par_chunks(CHUNK_LINES))
            .for_each(|((buf, scratch), chunk)| {
                buf.clear();
                render_chunk(chunk, width, opts, scratch, buf);
            });
        for (buf, _) in work.iter().take(batch.len().div_ceil(CHUNK_LINES)) {
            if adapt == Adapt::AsLaidOut {
                out.write_all(buf)?;
            } else {
                for line in String::from_utf8_lossy(buf).split_inclusive('\n') {
                    out.write_all(adapt.text(line.to_owned()).as_bytes())?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Lays out a chunk of input lines, appending the output bytes to `buf`.
pub fn render_chunk(
    lines: &[&str],
    width: Option<usize>,
    opts: Options,
    scratch: &mut Scratch,
    buf: &mut Vec<u8>,
) {
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        bidi::layout_lines(line, width, opts, scratch, false, &mut |l| {
            buf.resize(buf.len() + l.indent, b' ');
            buf.extend_from_slice(l.text.as_bytes());
            buf.push(b'\n');
        });
    }
}
