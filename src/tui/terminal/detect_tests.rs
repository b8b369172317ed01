//! The detection table: answers and variables in, mode out.

use super::*;

fn decide_with(pairs: &[(&str, &str)], answer: Answer) -> Decision {
    decide(&Env::from_pairs(pairs), answer)
}

fn named(d: &Decision) -> &'static str {
    d.terminal.as_ref().map_or("", |(row, _)| row.name)
}

const NO_MODE_8: Answer = Answer::Replied { bdsm: None };

/// Variables, the terminal they name, the mode.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Mode);

#[test]
fn each_terminal_of_the_matrix_by_its_variables() {
    let cases: &[Case] = &[
        (
            &[("TERM", "xterm-256color"), ("XTERM_VERSION", "XTerm(379)")],
            "xterm",
            Mode::App,
        ),
        (
            &[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")],
            "VTE",
            Mode::App,
        ),
        (
            &[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "221203")],
            "Konsole",
            Mode::App,
        ),
        (
            &[("TERM", "xterm"), ("MLTERM", "3.9.0")],
            "mlterm",
            Mode::App,
        ),
        (&[("TERM", "mlterm")], "mlterm", Mode::App),
        (
            &[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")],
            "kitty",
            Mode::Kitty,
        ),
        (&[("TERM", "xterm-kitty")], "kitty", Mode::Kitty),
        (
            &[("TERM", "alacritty"), ("ALACRITTY_WINDOW_ID", "94")],
            "Alacritty",
            Mode::App,
        ),
        (&[("TERM", "foot")], "foot", Mode::App),
        (
            &[("TERM_PROGRAM", "Apple_Terminal")],
            "Terminal.app",
            Mode::Terminal,
        ),
        (&[("TERM_PROGRAM", "iTerm.app")], "iTerm2", Mode::App),
        (&[("TERM_PROGRAM", "WezTerm")], "WezTerm", Mode::App),
        (&[("WT_SESSION", "6b1f")], "Windows Terminal", Mode::App),
    ];
    for (env, name, mode) in cases {
        for answer in [
            Answer::Silent,
            NO_MODE_8,
            Answer::Replied {
                bdsm: Some(Bdsm::Unknown),
            },
        ] {
            let d = decide_with(env, answer);
            assert!(named(&d).starts_with(name), "{env:?}: {}", named(&d));
            assert_eq!(d.mode, *mode, "{env:?} {answer:?}");
            assert_eq!(d.why, Why::Table);
        }
    }
}

#[test]
fn a_terminal_that_says_it_knows_the_mode_is_switched() {
    for b in [Bdsm::Set, Bdsm::Reset] {
        let d = decide_with(
            &[("TERM", "xterm-256color")],
            Answer::Replied { bdsm: Some(b) },
        );
        assert_eq!((d.mode, d.why), (Mode::App, Why::Switchable(b)));
    }
    // One that always reorders gets logical order, even where the table says otherwise.
    let d = decide_with(
        &[("TERM", "xterm-256color")],
        Answer::Replied {
            bdsm: Some(Bdsm::AlwaysSet),
        },
    );
    assert_eq!((d.mode, d.why), (Mode::Terminal, Why::AlwaysReorders));
    let d = decide_with(
        &[("TERM", "xterm-kitty")],
        Answer::Replied {
            bdsm: Some(Bdsm::AlwaysReset),
        },
    );
    assert_eq!((d.mode, d.why), (Mode::App, Why::NeverReorders));
}

#[test]
fn a_future_kitty_that_knows_the_switch_is_switched() {
    let d = decide_with(
        &[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "3")],
        Answer::Replied {
            bdsm: Some(Bdsm::Reset),
        },
    );
    assert_eq!(d.mode, Mode::App);
}

#[test]
fn nothing_known_means_cells_as_sent() {
    for answer in [Answer::NotAsked, Answer::Silent, NO_MODE_8] {
        let d = decide_with(&[("TERM", "xterm-256color")], answer);
        assert_eq!((d.mode, d.why), (Mode::App, Why::Unknown));
        assert!(d.terminal.is_none());
    }
    let d = decide_with(&[], Answer::NotAsked);
    assert_eq!(d.mode, Mode::App);
}

#[test]
fn inside_tmux_term_names_tmux_not_the_terminal() {
    // TERM=tmux-256color must not be read as a terminal; kitty's own variable still counts.
    let d = decide_with(
        &[
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM_PROGRAM", "tmux"),
        ],
        NO_MODE_8,
    );
    assert_eq!(d.multiplexer, Some("tmux"));
    assert!(d.terminal.is_none());
    assert_eq!(d.mode, Mode::App);
    let d = decide_with(
        &[
            ("TERM", "screen-256color"),
            ("TMUX", "/tmp/x,1,0"),
            ("KONSOLE_VERSION", "221203"),
        ],
        NO_MODE_8,
    );
    assert_eq!((named(&d), d.mode), ("Konsole", Mode::App));
    let d = decide_with(&[("TERM", "screen"), ("STY", "123.pts-0")], NO_MODE_8);
    assert_eq!(d.multiplexer, Some("GNU screen"));
    // A kitty TERM seen through screen is screen's, but kitty's window id is kitty's.
    let d = decide_with(&[("TERM", "screen"), ("KITTY_WINDOW_ID", "1")], NO_MODE_8);
    assert_eq!(d.mode, Mode::Kitty);
}

#[test]
fn versions_are_reported() {
    let d = decide_with(&[("KONSOLE_VERSION", "221203")], Answer::Silent);
    assert_eq!(d.terminal.map(|(_, v)| v), Some("221203".to_owned()));
    let d = decide_with(
        &[
            ("TERM_PROGRAM", "WezTerm"),
            ("TERM_PROGRAM_VERSION", "20240203"),
        ],
        Answer::Silent,
    );
    assert_eq!(d.terminal.map(|(_, v)| v), Some("20240203".to_owned()));
}

#[test]
fn konsole_and_mlterm_get_their_own_switch_in_app_mode_only() {
    for env in [&[("KONSOLE_VERSION", "221203")][..], &[("MLTERM", "3.9.0")]] {
        let d = decide_with(env, Answer::Silent);
        let own = d.switch.expect("own switch");
        assert!(own.off.starts_with(b"\x1b]") && own.on.starts_with(b"\x1b]"));
        // Printed into the scrollback, the lines outlive the switch: logical order there.
        assert_eq!(d.plain_mode(), Mode::Terminal);
        let chosen = Decision::chosen(Mode::Terminal, &Env::from_pairs(env));
        assert_eq!(chosen.switch, None);
    }
    let vte = decide_with(&[("VTE_VERSION", "7006")], NO_MODE_8);
    assert_eq!((vte.switch, vte.plain_mode()), (None, Mode::App));
}

#[test]
fn a_chosen_mode_is_not_second_guessed() {
    let env = Env::from_pairs(&[("KONSOLE_VERSION", "221203")]);
    let d = Decision::chosen(Mode::App, &env);
    assert_eq!(
        (d.mode, d.why, d.answer),
        (Mode::App, Why::Chosen, Answer::NotAsked)
    );
}

#[test]
fn every_row_has_evidence_and_a_name_of_its_own() {
    for (i, row) in TERMINALS.iter().enumerate() {
        assert!(!row.evidence.is_empty(), "{}", row.name);
        assert!(TERMINALS[..i].iter().all(|r| r.name != row.name));
    }
}
