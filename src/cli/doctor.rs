//! `qari doctor`: what qari found out about this terminal, and how it will send text to it.
//!
//! Prints the terminal the environment names, the multiplexer in between, what the terminal
//! answered (and how long that took), the mode chosen and why, a few test lines sent as the
//! reader sends them here, and how to override the choice. The decision is the reader's own
//! ([`crate::tui::terminal::resolve_outside`]), so what this says is what the reader does.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::{CliResult, DisplayArgs};
use crate::tui::terminal::detect::{self, Answer, Decision};
use crate::tui::terminal::{self, output::Adapt};
use qari_core::bidi;

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
    let mut out = std::io::stdout().lock();
    out.write_all(report(&decision, &raw, took).as_bytes())?;
    test_lines(&mut out, display, &decision)?;
    writeln!(
        out,
        "\nEach line should read as it does in a browser: letters joined, words in order, the \
         right-to-left lines flush against the right bar.\nIf the reader is wrong here, choose \
         the mode yourself: --bidi app|terminal|kitty (or bidi = \"…\" in the config file; \
         `qari config` says where it is), and tell us, with this output and the terminal's \
         name and version."
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What was found and decided, one fact a line.
fn report(decision: &Decision, raw: &[u8], took: Duration) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "qari doctor: how this terminal gets right-to-left text\n"
    );
    let terminal = match &decision.terminal {
        Some((row, version)) => format!("{} {version}", row.name),
        None => "not named by any variable qari knows".to_owned(),
    };
    let _ = writeln!(s, "terminal     {}", terminal.trim_end());
    if let Some(mux) = decision.multiplexer {
        let _ = writeln!(
            s,
            "multiplexer  {mux}: it answers for the terminal and sets TERM; the terminal's own \
             variables may come from where its server was started"
        );
    }
    let vars: Vec<String> = detect::Env::from_process()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let vars = if vars.is_empty() {
        "none of the ones qari reads".to_owned()
    } else {
        qari_core::bidi::sanitize::for_log(&vars.join(" "))
    };
    let _ = writeln!(s, "variables    {vars}");
    let asked = match decision.answer {
        Answer::NotAsked => "not asked (no terminal, or the mode was chosen)".to_owned(),
        Answer::Silent => format!(
            "nothing within {} ms (asked with DECRQM 8 and DA1)",
            terminal::query::TIMEOUT.as_millis()
        ),
        Answer::Replied { bdsm } => format!(
            "{} in {:.1} ms; bidi mode 8: {}",
            escaped(raw),
            took.as_secs_f64() * 1000.0,
            bdsm.map_or("not answered", |b| match b {
                detect::Bdsm::Unknown => "0, not known",
                detect::Bdsm::Set => "1, implicit (the terminal reorders) and switchable",
                detect::Bdsm::Reset => "2, explicit (cells as sent) and switchable",
                detect::Bdsm::AlwaysSet => "3, always implicit",
                detect::Bdsm::AlwaysReset => "4, always explicit",
            })
        ),
    };
    let _ = writeln!(s, "answer       {asked}");
    let _ = writeln!(
        s,
        "mode         {} — {}",
        decision.mode.name(),
        decision.why
    );
    if decision.mode.switches() {
        let own = if decision.switch.is_some() {
            " and the terminal's own switch"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "the reader   sends ESC[8l ESC[1 k{own} before taking the screen, undone on exit"
        );
    }
    if let Some((row, _)) = &decision.terminal {
        let _ = writeln!(s, "evidence     {}", row.evidence);
    }
    s
}

/// The test lines, printed as `list` and `show` print here (where the terminal's own switch
/// acts on the whole screen, that is logical order, not the reader's).
fn test_lines(out: &mut impl Write, display: &DisplayArgs, decision: &Decision) -> CliResult {
    let mode = decision.plain_mode();
    let adapt = Adapt::for_mode(mode);
    writeln!(
        out,
        "\nTest lines, sent as qari prints outside the reader here ({}):",
        mode.name()
    )?;
    if let Adapt::Kitty(fonts) = &adapt {
        writeln!(
            out,
            "(kitty's font, from fc-match: Arabic {}, Hebrew {}; letters it lacks come from a \
             fallback font)",
            fonts.covers('\u{FEDF}'),
            fonts.covers('\u{05D0}')
        )?;
    }
    let opts = super::plain::layout_options(display, mode);
    let switched = mode.switches() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    if switched {
        terminal::begin_plain(mode);
    }
    for line in TEST_LINES {
        let laid = bidi::layout(line, Some(WIDTH), &opts);
        for visual in &laid.lines {
            let mut text = String::new();
            adapt.line(visual, &mut text);
            writeln!(out, "  │{text}│")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The test lines' width.
const WIDTH: usize = 60;

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
