//! `qari doctor`: what qari found out about this terminal, and how it will send text to it.
//!
//! Prints the terminal the environment names, the multiplexer in between, what the terminal
//! answered (and how long that took), the mode chosen and why, a few test lines sent as the
//! reader sends them here, and how to override the choice. The decision is the reader's own
//! ([`super::terminal::resolve_outside`]), so what this says is what the reader does.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use super::terminal::detect::{self, Answer, Mode};
use super::terminal::{self, output::Adapt};
use super::{CliResult, DisplayArgs};
use crate::bidi;

/// Test lines of our own: Arabic with digits and brackets, Hebrew with Latin, a lam-alef,
/// harakat, Persian with its digits.
pub const TEST_LINES: &[&str] = &[
    "قال الوزير (في مؤتمر صحفي) إن 25 مليون دولار خُصصت عام 2024.",
    "הכנס של Mozilla ייפתח ב-12 במאי בתל אביב.",
    "لا سلام بلا عدالة",
    "اللُّغَةُ العَرَبِيَّةُ جَمِيلَةٌ",
    "گزارش ۱۴۰۳: قیمت‌ها بالا رفت.",
];

pub fn run(display: &DisplayArgs) -> CliResult {
    let started = Instant::now();
    let (decision, raw) = terminal::resolve_outside(display.bidi);
    let took = started.elapsed();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "qari doctor: how this terminal gets right-to-left text\n"
    );
    match &decision.terminal {
        Some((row, version)) if version.is_empty() => {
            let _ = writeln!(s, "terminal     {}", row.name);
        }
        Some((row, version)) => {
            let _ = writeln!(s, "terminal     {} {version}", row.name);
        }
        None => {
            let _ = writeln!(s, "terminal     not named by any variable qari knows");
        }
    }
    if let Some(mux) = decision.multiplexer {
        let _ = writeln!(
            s,
            "multiplexer  {mux}: it answers for the terminal and sets TERM; the terminal's own \
             variables above may come from where its server was started"
        );
    }
    let env = detect::Env::from_process();
    let vars: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let _ = writeln!(
        s,
        "variables    {}",
        if vars.is_empty() {
            "none of the ones qari reads".to_owned()
        } else {
            crate::bidi::sanitize::for_log(&vars.join(" "))
        }
    );
    let asked = match decision.answer {
        Answer::NotAsked => "not asked (not a terminal, or the mode was chosen)".to_owned(),
        Answer::Silent => format!(
            "no answer within {} ms (asked with DECRQM 8 and DA1)",
            terminal::query::TIMEOUT.as_millis()
        ),
        Answer::Replied { bdsm } => format!(
            "{} in {:.1} ms; bidi mode 8: {}",
            escaped(&raw),
            took.as_secs_f64() * 1000.0,
            match bdsm {
                None => "no answer (the terminal skipped the question)".to_owned(),
                Some(b) => format!("{b:?}"),
            }
        ),
    };
    let _ = writeln!(s, "answer       {asked}");
    let _ = writeln!(
        s,
        "mode         {} — {}",
        decision.mode.name(),
        decision.why
    );
    if let Some((row, _)) = &decision.terminal {
        let _ = writeln!(s, "evidence     {}", row.evidence);
    }
    let _ = writeln!(s, "\nTest lines, sent as the reader sends them here:");
    let opts = super::plain::layout_options(display, decision.mode);
    let width = 60;
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    let switched = decision.mode.switches() && std::io::IsTerminal::is_terminal(&out);
    if switched {
        out.write_all(terminal::BIDI_EXPLICIT)?;
    }
    let adapt = Adapt::for_mode(decision.mode);
    if let Adapt::Kitty(fonts) = &adapt {
        writeln!(
            out,
            "kitty's font has Arabic: {}, Hebrew: {} (from fc-match; other letters come from a \
             fallback font)",
            fonts.covers('\u{FEDF}'),
            fonts.covers('\u{05D0}')
        )?;
    }
    for line in TEST_LINES {
        for visual in bidi::layout(line, Some(width), &opts).lines {
            let mut text = String::new();
            adapt.line(&visual, &mut text);
            writeln!(out, "  │{text}│")?;
        }
    }
    if switched {
        out.write_all(terminal::BIDI_IMPLICIT)?;
    }
    writeln!(
        out,
        "\nEach line should read as it does in a browser: letters joined, words in order, the \
         right-to-left lines flush against the right bar.\nIf they do not, choose the mode \
         yourself: --bidi app|terminal|kitty (or bidi = \"…\" in the config file; `qari config` \
         says where it is), and tell us: `qari doctor` with the terminal's name and version."
    )?;
    if decision.mode == Mode::Terminal {
        writeln!(
            out,
            "The terminal reorders here: qari sends logical order with each line's direction."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The terminal's answer, its escapes shown as `\e`.
fn escaped(raw: &[u8]) -> String {
    raw.iter()
        .map(|&b| match b {
            0x1b => "\\e".to_owned(),
            0x20..=0x7e => char::from(b).to_string(),
            _ => format!("\\x{b:02x}"),
        })
        .collect()
}
