//! The terminal's lifetime around the reader, and what kind of terminal it is.
//!
//! The order of the sequences matters (see ARCHITECTURE.md, "The terminal's lifetime"):
//!
//! 1. raw mode on; where the mode is detected, the terminal is asked ([`query`]) before
//!    anything is drawn, and [`detect`] decides from its answer and the environment;
//! 2. where qari reorders: explicit bidi mode and the left-to-right character path
//!    (`ESC [ 8 l`, `ESC [ 1 SP k`) **before** the alternate screen. VTE applies the mode to
//!    the cursor's row and the rows made after it: sent after entering the alternate screen,
//!    it leaves the rows drawn on reordering themselves;
//! 3. the alternate screen; inside it, the terminal's own switch where it has one (Konsole
//!    and mlterm ignore the standard one: `detect::Switch`, OSC 50
//!    `BidiRenderingEnabled=false`, OSC 5379 `use_ctl=false`: mlterm keeps the rows of the
//!    normal screen laid out as they were only when the switch stays inside the alternate
//!    screen); the screen cleared whole, then mouse capture; the first frame is drawn whole.
//!
//! Leaving reverses it: mouse capture off, the terminal's own switch back on, the alternate
//! screen left, then implicit mode and the default path (`ESC [ 8 h`, `ESC [ 0 SP k`), the
//! cursor shown, raw mode off. The same
//! happens on `Ctrl-z` (and again, in the same order as at start, on `fg`), on a panic on any
//! thread (the hook restores and ends the process), and on SIGTERM, SIGHUP and SIGQUIT, which
//! end the event loop like `q`. After `kill -9` nothing can run: `reset`, or
//! `printf '\e[?1049l\e[8h\e[0 k'; stty sane`, puts the terminal back.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU8, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};

pub mod detect;
mod fonts;
pub mod output;
pub mod query;
pub mod rows;

use clap::ValueEnum;
use detect::{Decision, Env, Mode, Switch};

/// Who turns logical order into visual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiMode {
    /// Detected: from the terminal's answer and the environment (`qari doctor` says what).
    Auto,
    /// qari reorders and switches the terminal to explicit mode.
    App,
    /// qari sends logical order, each line with its direction, and the terminal reorders.
    Terminal,
    /// qari reorders, sending each run of right-to-left letters in logical order for kitty,
    /// which reverses them when it shapes them.
    Kitty,
}

/// Explicit bidi mode (BDSM reset) and left-to-right character path (SCP 1).
pub const BIDI_EXPLICIT: &[u8] = b"\x1b[8l\x1b[1 k";
/// Implicit bidi mode (BDSM set) and the default character path (SCP 0).
pub const BIDI_IMPLICIT: &[u8] = b"\x1b[8h\x1b[0 k";

/// 0: terminal not set up; 1: set up, bidi switched; 2: set up, bidi untouched.
static TERMINAL: AtomicU8 = AtomicU8::new(0);
/// The terminal's own switch, turned off while the reader runs (restored from any thread).
static OWN_SWITCH: std::sync::Mutex<Option<Switch>> = std::sync::Mutex::new(None);

/// The mode for `choice`: as chosen, or detected. `ask` says whether the terminal may be asked
/// (it must be in raw mode, and nothing else reading it).
pub fn resolve(choice: BidiMode, ask: bool) -> (Decision, Vec<u8>) {
    let env = Env::from_process();
    let chosen = match choice {
        BidiMode::Auto => None,
        BidiMode::App => Some(Mode::App),
        BidiMode::Terminal => Some(Mode::Terminal),
        BidiMode::Kitty => Some(Mode::Kitty),
    };
    if let Some(mode) = chosen {
        return (Decision::chosen(mode, &env), Vec::new());
    }
    let (answer, raw) = if ask {
        query::ask(query::TIMEOUT).unwrap_or((detect::Answer::Silent, Vec::new()))
    } else {
        (detect::Answer::NotAsked, Vec::new())
    };
    (detect::decide(&env, answer), raw)
}

/// Asks a terminal that is not in raw mode yet (plain output, `qari doctor`, `qari screen`):
/// raw mode just for the question, when the process has a controlling terminal.
pub fn resolve_outside(choice: BidiMode) -> (Decision, Vec<u8>) {
    let tty = std::fs::File::open("/dev/tty").is_ok();
    if choice != BidiMode::Auto || !tty || enable_raw_mode().is_err() {
        return resolve(choice, false);
    }
    let decided = resolve(choice, true);
    let _ = disable_raw_mode();
    decided
}

/// The mode for lines printed to standard output: `None` when it is not a terminal; on a
/// terminal, the detected (or chosen) mode for the scrollback, the switch sent before them
/// where that mode takes it ([`begin_plain`]).
pub fn on_stdout(choice: BidiMode) -> Option<Mode> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    let mode = resolve_outside(choice).0.plain_mode();
    begin_plain(mode);
    Some(mode)
}

/// Set when plain output on a terminal was preceded by the explicit-mode switch.
static PLAIN_SWITCHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Before visual lines are printed to a terminal (not in the alternate screen): the switch,
/// so the rows printed from here show cells as sent. VTE keeps each row's mode, so the rows
/// printed stay right after [`end_plain`] switches back for the shell.
pub fn begin_plain(mode: Mode) {
    if mode.switches() && !PLAIN_SWITCHED.swap(true, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(BIDI_EXPLICIT);
        let _ = out.flush();
    }
}

/// After the plain output (called once by `cli::main`, whatever the subcommand returned).
pub fn end_plain() {
    if PLAIN_SWITCHED.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(BIDI_IMPLICIT);
        let _ = out.flush();
    }
}

/// Puts the terminal back; safe to call from any thread, more than once.
pub fn restore() {
    let was = TERMINAL.swap(0, Ordering::SeqCst);
    if was == 0 {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let own = OWN_SWITCH.lock().map_or(None, |s| *s);
    if let Some(own) = own.filter(|_| was == 1) {
        let _ = out.write_all(own.on);
    }
    let _ = execute!(out, LeaveAlternateScreen);
    if was == 1 {
        let _ = out.write_all(BIDI_IMPLICIT);
    }
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, then ends the process: a panic
/// in a worker must not leave the main thread drawing on a half-restored terminal.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        std::process::exit(101);
    }));
}

/// Restores the terminal when the event loop ends, by return or by error.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Raw mode on, the mode decided (asking the terminal when `choice` is `auto`).
pub fn raw_and_decide(choice: BidiMode) -> io::Result<(Decision, Vec<u8>)> {
    enable_raw_mode()?;
    // Raw mode is on from here: make sure it goes off again whatever comes next.
    TERMINAL.store(2, Ordering::SeqCst);
    Ok(resolve(choice, true))
}

/// Takes the terminal for the reader: the panic hook, raw mode, the mode decided (the terminal
/// asked when `choice` is `auto`), then [`enter`].
pub fn take(choice: BidiMode) -> io::Result<(Decision, output::Adapt, Guard)> {
    install_panic_hook();
    let (decision, _) = raw_and_decide(choice)?;
    let adapt = output::Adapt::for_mode(decision.mode);
    let guard = enter(decision.mode, decision.switch)?;
    Ok((decision, adapt, guard))
}

/// Takes the terminal for the reader in `mode`, raw mode already on: the switches before the
/// alternate screen, then a clear screen and mouse capture.
pub fn enter(mode: Mode, own: Option<Switch>) -> io::Result<Guard> {
    enable_raw_mode()?;
    let switched = mode.switches();
    if let Ok(mut slot) = OWN_SWITCH.lock() {
        *slot = own.filter(|_| switched);
    }
    TERMINAL.store(if switched { 1 } else { 2 }, Ordering::SeqCst);
    let guard = Guard;
    let mut out = io::stdout();
    if switched {
        out.write_all(BIDI_EXPLICIT)?;
        if let Some(own) = own {
            out.write_all(own.off)?;
        }
    }
    execute!(
        out,
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture
    )?;
    out.flush()?;
    Ok(guard)
}

/// `Ctrl-z`: the terminal is put back as the shell expects it, the process stops (SIGTSTP,
/// as the shell's job control would), and on `fg` the reader takes the terminal again in the
/// same order as at start.
pub fn suspend(mode: Mode, own: Option<Switch>) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Here again after SIGCONT.
    enter(mode, own).map(std::mem::forget)
}
