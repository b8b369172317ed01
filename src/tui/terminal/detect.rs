//! Which terminal qari runs in, and so how right-to-left text must reach it.
//!
//! A pure function of two kinds of facts, never of a guess about the user: what the terminal
//! answered (DECRQM for the bidi mode 8, asked by [`super::query`]) and the variables terminals
//! put in the environment of the programs they run. [`TERMINALS`] is the one table: each row
//! names a terminal, how it is recognised, the versions it was tried with, the mode qari uses
//! there and the evidence for it (a run of the real-terminal matrix, `tests/reader/terminal_matrix.rs`,
//! or the terminal's own documentation).
//!
//! The modes ([`Mode`]):
//! - `App`: qari reorders and the terminal shows cells as sent. Terminals that reorder only
//!   in implicit mode (VTE) are switched to explicit mode first; Konsole and mlterm, which
//!   ignore that switch, have bidi switches of their own ([`Switch`]), sent for the run; the
//!   rest never reorder.
//! - `Terminal`: the terminal reorders every row and cannot be told not to (Terminal.app):
//!   qari sends logical order, each line carrying its paragraph direction.
//! - `Kitty`: kitty shapes each run of right-to-left letters with `HarfBuzz`, which reverses
//!   them, and it ignores the switch: qari reorders words and sends each such run's letters
//!   in logical order, so kitty's reversal puts them right.
//!
//! Inside tmux or GNU screen the multiplexer answers the query and sets `TERM`, hiding the
//! outer terminal; the variables the outer terminal set are still seen when the multiplexer's
//! server was started from it, and are used, with a note that they may be stale.

use std::collections::BTreeMap;
use std::fmt;

/// Who turns logical order into what the terminal draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// qari reorders; the terminal shows cells as sent (switched to explicit mode).
    App,
    /// qari sends logical order and each line's direction; the terminal reorders.
    Terminal,
    /// qari reorders, then sends each run of right-to-left letters in logical order, which
    /// kitty reverses again when it shapes the run.
    Kitty,
}

impl Mode {
    /// The name `--bidi` and `bidi =` use for it.
    pub fn name(self) -> &'static str {
        match self {
            Mode::App => "app",
            Mode::Terminal => "terminal",
            Mode::Kitty => "kitty",
        }
    }

    /// Whether qari lays text out in visual order itself.
    pub fn reorders(self) -> bool {
        self != Mode::Terminal
    }

    /// Whether the explicit-mode switch is sent: in app mode (terminals that do not know the
    /// sequences ignore them). Not to kitty, which ignores it and logs it as an error.
    pub fn switches(self) -> bool {
        self == Mode::App
    }
}

/// The terminal's answer to DECRQM for ANSI mode 8 (BDSM), `CSI 8 ; Ps $ y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bdsm {
    /// `Ps = 0`: the terminal does not know the mode.
    Unknown,
    /// `1`: implicit (the terminal reorders) and can be switched.
    Set,
    /// `2`: explicit (the terminal shows cells as sent) and can be switched.
    Reset,
    /// `3`: always implicit: the terminal reorders whatever qari asks.
    AlwaysSet,
    /// `4`: always explicit: the terminal never reorders.
    AlwaysReset,
}

impl Bdsm {
    pub fn from_ps(ps: u8) -> Bdsm {
        match ps {
            1 => Bdsm::Set,
            2 => Bdsm::Reset,
            3 => Bdsm::AlwaysSet,
            4 => Bdsm::AlwaysReset,
            _ => Bdsm::Unknown,
        }
    }
}

/// What asking the terminal gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not asked (not a terminal, or the mode was given).
    NotAsked,
    /// Nothing came back within the time-out.
    Silent,
    /// The terminal answered its device attributes (DA1); `bdsm` is its DECRQM answer, if it
    /// sent one before them.
    Replied { bdsm: Option<Bdsm> },
}

/// The variables terminals set, as this process saw them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env(BTreeMap<String, String>);

/// The variables detection reads (also printed by `qari doctor`).
pub const VARIABLES: &[&str] = &[
    "TERM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "KITTY_WINDOW_ID",
    "MLTERM",
    "ALACRITTY_WINDOW_ID",
    "ALACRITTY_LOG",
    "XTERM_VERSION",
    "WEZTERM_EXECUTABLE",
    "WT_SESSION",
    "TMUX",
    "STY",
];

impl Env {
    /// The detection variables of this process.
    pub fn from_process() -> Env {
        Env(VARIABLES
            .iter()
            .filter_map(|&name| {
                let value = std::env::var_os(name)?;
                Some((name.to_owned(), value.to_string_lossy().into_owned()))
            })
            .collect())
    }

    /// For tests.
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Env {
        Env(pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The multiplexer between qari and the terminal, if any.
    pub fn multiplexer(&self) -> Option<&'static str> {
        let term = self.get("TERM").unwrap_or("");
        if self.get("TMUX").is_some()
            || self.get("TERM_PROGRAM") == Some("tmux")
            || term.starts_with("tmux")
        {
            Some("tmux")
        } else if self.get("STY").is_some() || term.starts_with("screen") {
            Some("GNU screen")
        } else {
            None
        }
    }

    /// `TERM`, unless a multiplexer set it (then it names the multiplexer, not the terminal).
    fn term(&self) -> &str {
        if self.multiplexer().is_some() {
            ""
        } else {
            self.get("TERM").unwrap_or("")
        }
    }

    /// `TERM_PROGRAM`, unless a multiplexer set it.
    fn program(&self) -> &str {
        match self.get("TERM_PROGRAM") {
            Some("tmux") | None => "",
            Some(p) => p,
        }
    }
}

/// A terminal's own way of turning its bidi off for the whole screen, and back on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    pub off: &'static [u8],
    pub on: &'static [u8],
}

/// One terminal of the table.
#[derive(Debug)]
pub struct Row {
    pub name: &'static str,
    /// How it is recognised; returns the version it reports, or "" when it reports none.
    pub detect: fn(&Env) -> Option<String>,
    /// The mode qari uses there when the terminal does not say more by its answer.
    pub mode: Mode,
    /// Its own bidi switch, sent in app mode besides the standard one.
    pub switch: Option<Switch>,
    /// The versions tried, and how the mode is known.
    pub evidence: &'static str,
}

fn var(env: &Env, name: &str) -> Option<String> {
    env.get(name).map(str::to_owned)
}

fn program_is(env: &Env, program: &str) -> Option<String> {
    (env.program() == program).then(|| var(env, "TERM_PROGRAM_VERSION").unwrap_or_default())
}

/// The table, most specific first: a variable a terminal sets for itself beats `TERM`, which
/// many terminals share.
pub const TERMINALS: &[Row] = &[
    Row {
        name: "kitty",
        detect: |e| {
            var(e, "KITTY_WINDOW_ID")
                .map(|_| String::new())
                .or_else(|| (e.term() == "xterm-kitty").then(String::new))
                .or_else(|| program_is(e, "kitty"))
        },
        mode: Mode::Kitty,
        switch: None,
        evidence: "kitty 0.26.5, matrix: ignores the switch; `HarfBuzz` reverses each run of \
                   right-to-left letters (kitty/fonts.c shapes cell runs with guessed direction)",
    },
    Row {
        name: "Konsole",
        detect: |e| var(e, "KONSOLE_VERSION"),
        mode: Mode::App,
        // Konsole's profile-change sequence (OSC 50), for this session only.
        switch: Some(Switch {
            off: b"\x1b]50;BidiRenderingEnabled=false\x07",
            on: b"\x1b]50;BidiRenderingEnabled=true\x07",
        }),
        evidence: "Konsole 22.12.3, matrix: ignores ESC[8l and reorders every row (one \
                   left-to-right paragraph per row) until its profile's BidiRenderingEnabled \
                   is turned off, which OSC 50 does for the session",
    },
    Row {
        name: "mlterm",
        detect: |e| var(e, "MLTERM").or_else(|| e.term().starts_with("mlterm").then(String::new)),
        mode: Mode::App,
        // mlterm's configuration sequence (OSC 5379): its complex-text layout, bidi included.
        switch: Some(Switch {
            off: b"\x1b]5379;use_ctl=false\x07",
            on: b"\x1b]5379;use_ctl=true\x07",
        }),
        evidence: "mlterm 3.9.0, matrix: answers DECRQM 8 with 0 and reorders every row until \
                   use_ctl is turned off with OSC 5379",
    },
    Row {
        name: "VTE (GNOME Terminal, Tilix, xfce4-terminal, Terminator, …)",
        detect: |e| var(e, "VTE_VERSION"),
        mode: Mode::App,
        switch: None,
        evidence: "VTE 0.70.6 (xfce4-terminal), matrix: obeys the switch sent before the \
                   alternate screen",
    },
    Row {
        name: "Terminal.app",
        detect: |e| program_is(e, "Apple_Terminal"),
        mode: Mode::Terminal,
        switch: None,
        evidence: "not tried here: Terminal.app reorders every row (users' reports)",
    },
    Row {
        name: "iTerm2",
        detect: |e| program_is(e, "iTerm.app"),
        mode: Mode::App,
        switch: None,
        evidence: "not tried here: iTerm2 shows cells as sent unless its bidi option is on; \
                   with it on, use --bidi terminal",
    },
    Row {
        name: "WezTerm",
        detect: |e| {
            program_is(e, "WezTerm").or_else(|| var(e, "WEZTERM_EXECUTABLE").map(|_| String::new()))
        },
        mode: Mode::App,
        switch: None,
        evidence: "not tried here: WezTerm's bidi_enabled is off by default (its documentation)",
    },
    Row {
        name: "Windows Terminal",
        detect: |e| var(e, "WT_SESSION").map(|_| String::new()),
        mode: Mode::App,
        switch: None,
        evidence: "not tried here: shows cells as sent (it has no bidi)",
    },
    Row {
        name: "Alacritty",
        detect: |e| {
            var(e, "ALACRITTY_WINDOW_ID")
                .or_else(|| var(e, "ALACRITTY_LOG"))
                .map(|_| String::new())
                .or_else(|| (e.term() == "alacritty").then(String::new))
        },
        mode: Mode::App,
        switch: None,
        evidence: "Alacritty 0.11.0, matrix: shows cells as sent",
    },
    Row {
        name: "xterm",
        detect: |e| var(e, "XTERM_VERSION"),
        mode: Mode::App,
        switch: None,
        evidence: "xterm 379, matrix: shows cells as sent",
    },
    Row {
        name: "foot",
        detect: |e| e.term().starts_with("foot").then(String::new),
        mode: Mode::App,
        switch: None,
        evidence: "foot 1.13.1: shows cells as sent (docs/terminals.md)",
    },
];

/// Why the mode is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `--bidi` or the config file named it.
    Chosen,
    /// The terminal said it knows mode 8 and can be switched to explicit mode.
    Switchable(Bdsm),
    /// The terminal said it always reorders.
    AlwaysReorders,
    /// The terminal said it never reorders.
    NeverReorders,
    /// The table's row for the terminal the environment names.
    Table,
    /// Nothing identified the terminal: cells as sent, after the switch, the most common case.
    Unknown,
}

/// What detection decided.
#[derive(Debug, Clone)]
pub struct Decision {
    pub mode: Mode,
    /// The terminal's own bidi switch, sent besides the standard one in app mode.
    pub switch: Option<Switch>,
    pub why: Why,
    /// The terminal the environment names, with the version it reports ("" when none).
    pub terminal: Option<(&'static Row, String)>,
    pub multiplexer: Option<&'static str>,
    pub answer: Answer,
}

/// The terminal the environment names.
pub fn identify(env: &Env) -> Option<(&'static Row, String)> {
    TERMINALS
        .iter()
        .find_map(|row| (row.detect)(env).map(|version| (row, version)))
}

/// The mode for this terminal: its answer where it gives one that settles it, else the table.
pub fn decide(env: &Env, answer: Answer) -> Decision {
    let terminal = identify(env);
    let multiplexer = env.multiplexer();
    let bdsm = match answer {
        Answer::Replied { bdsm } => bdsm,
        Answer::NotAsked | Answer::Silent => None,
    };
    let (mode, why) = match bdsm {
        Some(b @ (Bdsm::Set | Bdsm::Reset)) => (Mode::App, Why::Switchable(b)),
        Some(Bdsm::AlwaysSet) => (Mode::Terminal, Why::AlwaysReorders),
        Some(Bdsm::AlwaysReset) => (Mode::App, Why::NeverReorders),
        Some(Bdsm::Unknown) | None => match &terminal {
            Some((row, _)) => (row.mode, Why::Table),
            None => (Mode::App, Why::Unknown),
        },
    };
    Decision {
        mode,
        switch: own_switch(mode, terminal.as_ref()),
        why,
        terminal,
        multiplexer,
        answer,
    }
}

fn own_switch(mode: Mode, terminal: Option<&(&'static Row, String)>) -> Option<Switch> {
    if mode == Mode::App {
        terminal.and_then(|(row, _)| row.switch)
    } else {
        None
    }
}

impl Decision {
    /// A mode given by `--bidi` or the config file.
    pub fn chosen(mode: Mode, env: &Env) -> Decision {
        let terminal = identify(env);
        Decision {
            mode,
            switch: own_switch(mode, terminal.as_ref()),
            why: Why::Chosen,
            terminal,
            multiplexer: env.multiplexer(),
            answer: Answer::NotAsked,
        }
    }
}

impl Decision {
    /// The mode for lines printed into the terminal's scrollback (plain output): a switch of
    /// the terminal's own acts on the whole screen and is undone on exit, when those lines
    /// would be reordered again, so there the terminal gets logical order.
    pub fn plain_mode(&self) -> Mode {
        if self.switch.is_some() {
            Mode::Terminal
        } else {
            self.mode
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Chosen => f.write_str("chosen with --bidi or in the config file"),
            Why::Switchable(b) => write!(
                f,
                "the terminal knows the bidi mode (DECRQM 8 answered {}) and is switched to \
                 explicit mode",
                match b {
                    Bdsm::Set => "1, implicit",
                    _ => "2, explicit",
                }
            ),
            Why::AlwaysReorders => {
                f.write_str("the terminal says it always reorders (DECRQM 8 answered 3)")
            }
            Why::NeverReorders => {
                f.write_str("the terminal says it never reorders (DECRQM 8 answered 4)")
            }
            Why::Table => f.write_str("the terminal the environment names, from qari's table"),
            Why::Unknown => f.write_str(
                "no variable names the terminal and it did not say: cells are sent in visual \
                 order, the most common case",
            ),
        }
    }
}

#[cfg(test)]
#[path = "detect_tests.rs"]
mod tests;
