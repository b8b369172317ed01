//! `qari doctor` through the binary: what it says for the variables terminals set, with no
//! terminal to ask (run in a session of its own, without a controlling terminal, so the
//! terminal the tests run in is neither asked nor seen).

#![allow(clippy::unwrap_used)]

use std::process::Command;

use crate::util;

/// `qari doctor` with only `vars` of the detection variables set.
fn doctor(vars: &[(&str, &str)], args: &[&str]) -> Option<String> {
    if !util::available(
        "SETSID",
        std::path::Path::new("/usr/bin/setsid").exists(),
        "setsid (util-linux) is not installed",
    ) {
        return None;
    }
    let mut cmd = Command::new("/usr/bin/setsid");
    cmd.arg(env!("CARGO_BIN_EXE_qari"));
    for var in qari::tui::terminal::detect::VARIABLES {
        cmd.env_remove(var);
    }
    let out = cmd
        .args(args)
        .arg("doctor")
        .envs(vars.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

fn line<'a>(report: &'a str, label: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{report}"))
}

#[test]
fn konsole_gets_app_mode_with_its_own_switch_and_logical_lines_outside_the_reader() {
    let Some(report) = doctor(
        &[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "221203")],
        &[],
    ) else {
        return;
    };
    assert!(
        line(&report, "terminal").contains("Konsole 221203"),
        "{report}"
    );
    assert!(line(&report, "answer").contains("not asked"), "{report}");
    assert!(line(&report, "mode").contains("app"), "{report}");
    assert!(
        line(&report, "the reader").contains("own switch"),
        "{report}"
    );
    assert!(
        line(&report, "evidence").contains("Konsole 22.12.3"),
        "{report}"
    );
    // Outside the reader: logical order (the first word, قال, shaped, right after the line's
    // right-to-left isolate), each line closed by its PDI.
    assert!(report.contains("(terminal)"), "{report}");
    assert!(
        report.contains("\u{2067}\u{FED7}\u{FE8E}\u{FEDD}"),
        "{report}"
    );
    let isolated = report.lines().filter(|l| l.contains('\u{2067}')).count();
    let closed = report.lines().filter(|l| l.ends_with("\u{2069}│")).count();
    assert!(isolated >= 4 && closed == isolated, "{report}");
}

#[test]
fn kitty_gets_its_mode_and_no_switch() {
    let Some(report) = doctor(&[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")], &[]) else {
        return;
    };
    assert!(line(&report, "mode").contains("kitty"), "{report}");
    assert!(!report.contains("the reader   sends"), "{report}");
    assert!(report.contains("kitty's font"), "{report}");
}

#[test]
fn an_unknown_terminal_gets_visual_order_and_a_chosen_mode_wins() {
    let Some(report) = doctor(&[("TERM", "xterm-256color")], &[]) else {
        return;
    };
    assert!(line(&report, "terminal").contains("not named"), "{report}");
    assert!(line(&report, "mode").contains("app"), "{report}");
    // Visual order: the Arabic test line's first word is at its right end.
    let arabic = report.lines().find(|l| l.contains('\u{FEEE}')).unwrap();
    assert!(!arabic.contains("قال الوزير"), "{arabic}");
    let Some(chosen) = doctor(&[("VTE_VERSION", "7006")], &["--bidi", "terminal"]) else {
        return;
    };
    assert!(
        line(&chosen, "mode").contains("terminal — chosen"),
        "{chosen}"
    );
}
