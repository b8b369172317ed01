//! The real binary in a real terminal (tmux): the explicit-bidi switch is sent before entering
//! the alternate screen (VTE applies it to the rows made after it) and undone after leaving
//! it, and `q` leaves the terminal as it was.
//!
//! The pane's raw output is recorded with `tmux pipe-pane`; after qari exits, the same shell
//! records `stty -a` to show raw mode was turned off. Skipped (with a note) when tmux is not
//! installed; `.ci/run` installs it.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use crate::tmux;

use tmux::{Tmux, wait_until};

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

const ALT_ON: &[u8] = b"\x1b[?1049h";
const ALT_OFF: &[u8] = b"\x1b[?1049l";
const EXPLICIT: &[u8] = b"\x1b[8l\x1b[1 k";
const IMPLICIT: &[u8] = b"\x1b[8h\x1b[0 k";

/// Runs qari with `args` in a tmux pane, waits until the archive is on screen, presses `keys`
/// then `q`, and returns the raw output and `stty -a` taken after it exited.
fn run_and_quit(tmux: &Tmux, args: &str, keys: &[&str]) -> (Vec<u8>, String) {
    run_and_stop(
        tmux,
        args,
        keys,
        &|tmux| {
            tmux.cmd(&["send-keys", "-t", "e2e", "q"]);
        },
        "0",
    )
}

/// `run_and_quit`, ended by `stop` instead of `q`, expecting exit status `rc`.
fn run_and_stop(
    tmux: &Tmux,
    args: &str,
    keys: &[&str],
    stop: &dyn Fn(&Tmux),
    rc: &str,
) -> (Vec<u8>, String) {
    let bin = env!("CARGO_BIN_EXE_qari");
    let data = tmux.path("data");
    let script = format!(
        "read go; QARI_DATA_DIR='{}' QARI_CACHE_DIR='{}' '{bin}' {args}; echo $? > '{}'; stty -a > '{}'; sleep 60",
        data.display(),
        tmux.path("cache").display(),
        tmux.path("rc").display(),
        tmux.path("stty").display(),
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = tmux.path("raw");
    let pipe = format!("cat > '{}'", raw.display());
    assert!(
        tmux.cmd(&["pipe-pane", "-o", "-t", "e2e", &pipe])
            .status
            .success()
    );
    tmux.cmd(&["send-keys", "-t", "e2e", "Enter"]);
    // The status bar says "loading…" until the archive is in, then "N stories · …".
    wait_until("the loaded archive on screen", || {
        let screen = tmux.cmd(&["capture-pane", "-p", "-t", "e2e"]);
        String::from_utf8_lossy(&screen.stdout).contains(" stories · ")
    });
    for key in keys {
        tmux.cmd(&["send-keys", "-t", "e2e", key]);
    }
    stop(tmux);
    let stty = tmux.path("stty");
    wait_until("qari to exit", || !read(&stty).is_empty());
    let status = String::from_utf8(read(&tmux.path("rc"))).unwrap();
    assert_eq!(status.trim(), rc, "exit status");
    // Let the pipe catch up with the last bytes before reading them.
    wait_until("the recorded output", || {
        find(&read(&raw), ALT_OFF).is_some()
    });
    (read(&raw), String::from_utf8(read(&stty)).unwrap())
}

fn assert_cooked(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(words.contains(&flag), "{flag} not restored:\n{stty}");
    }
}

#[test]
fn bidi_switch_is_sent_and_undone_and_the_terminal_restored() {
    let Some(tmux) = Tmux::new("e2e") else { return };
    let (raw, stty) = run_and_quit(&tmux, "", &[]);
    let alt_on = find(&raw, ALT_ON).expect("entered the alternate screen");
    let explicit = find(&raw, EXPLICIT).expect("sent the explicit-mode switch");
    let implicit = find(&raw, IMPLICIT).expect("sent the switch back");
    let alt_off = find(&raw, ALT_OFF).expect("left the alternate screen");
    assert!(
        explicit < alt_on,
        "switch before entering the alternate screen"
    );
    assert!(
        alt_off < implicit,
        "switch back after leaving the alternate screen"
    );
    // The screen is cleared whole after entering, before the first frame.
    let clear = find(&raw[alt_on..], b"\x1b[2J").expect("cleared");
    let first_text = find(&raw[alt_on..], "Stories".as_bytes()).expect("drawn");
    assert!(clear < first_text);
    // Mouse reporting is turned on and off again.
    let mouse_on = find(&raw, b"\x1b[?1000h").expect("mouse capture");
    let mouse_off = find(&raw, b"\x1b[?1000l").expect("mouse released");
    assert!(mouse_on < mouse_off && mouse_off < alt_off);
    // The cursor is shown again at the end.
    assert!(
        find(&raw[alt_off..], b"\x1b[?25h").is_some(),
        "cursor shown after leaving"
    );
    assert_cooked(&stty);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_too() {
    for (signal, rc) in [("TERM", "143"), ("HUP", "129")] {
        let Some(tmux) = Tmux::new("e2e") else { return };
        let (raw, stty) = run_and_stop(
            &tmux,
            "",
            &[],
            &|tmux| {
                // The pane runs `sh -c …`; qari is that shell's child.
                let out = tmux.cmd(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
                let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
                let kill = Command::new("pkill")
                    .args([&format!("-{signal}"), "-P", &shell])
                    .status()
                    .unwrap();
                assert!(kill.success(), "pkill -{signal} -P {shell}");
            },
            rc,
        );
        let implicit = find(&raw, IMPLICIT).expect("sent the switch back");
        let alt_off = find(&raw, ALT_OFF).expect("left the alternate screen");
        assert!(alt_off < implicit, "SIG{signal}");
        assert_cooked(&stty);
    }
}

#[test]
fn bidi_terminal_mode_leaves_the_terminal_bidi_alone() {
    let Some(tmux) = Tmux::new("e2e") else { return };
    let (raw, stty) = run_and_quit(&tmux, "--bidi terminal", &[]);
    assert!(find(&raw, ALT_ON).is_some());
    assert!(find(&raw, b"\x1b[8l").is_none(), "no explicit-mode switch");
    assert!(find(&raw, b"\x1b[8h").is_none());
    assert_cooked(&stty);
}

#[test]
fn a_panic_on_a_worker_thread_restores_the_terminal_and_ends_the_process() {
    let Some(tmux) = Tmux::new("e2e") else { return };
    let bin = env!("CARGO_BIN_EXE_qari");
    let script = format!(
        "read go; QARI_TEST_PANIC=1 QARI_DATA_DIR='{}' QARI_CACHE_DIR='{}' '{bin}' 2> '{}'; echo $? > '{}'; \
         stty -a > '{}'; sleep 60",
        tmux.path("data").display(),
        tmux.path("cache").display(),
        tmux.path("stderr").display(),
        tmux.path("rc").display(),
        tmux.path("stty").display(),
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(out.status.success());
    let raw = tmux.path("raw");
    let pipe = format!("cat > '{}'", raw.display());
    assert!(
        tmux.cmd(&["pipe-pane", "-o", "-t", "e2e", &pipe])
            .status
            .success()
    );
    tmux.cmd(&["send-keys", "-t", "e2e", "Enter"]);
    let stty = tmux.path("stty");
    wait_until("qari to exit by itself", || !read(&stty).is_empty());
    let rc = String::from_utf8(read(&tmux.path("rc"))).unwrap();
    assert_eq!(rc.trim(), "101", "a panic ends the process");
    let stderr = String::from_utf8_lossy(&read(&tmux.path("stderr"))).into_owned();
    assert!(
        stderr.contains("simulated panic in the loader thread"),
        "{stderr}"
    );
    wait_until("the recorded output", || {
        find(&read(&raw), ALT_OFF).is_some()
    });
    let raw = read(&raw);
    let explicit = find(&raw, EXPLICIT).expect("sent the explicit-mode switch");
    let implicit = find(&raw, IMPLICIT).expect("switch undone on panic");
    let alt_off = find(&raw, ALT_OFF).unwrap();
    assert!(explicit < alt_off && alt_off < implicit);
    assert_cooked(&String::from_utf8(read(&stty)).unwrap());
}

#[test]
fn read_and_star_marks_survive_the_session() {
    let Some(tmux) = Tmux::new("e2e") else { return };
    // Star the first story, open the second (which marks it read).
    let _ = run_and_quit(&tmux, "", &["s", "j", "Enter"]);
    let state = std::fs::read_to_string(tmux.path("data").join("state.json")).unwrap();
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(
        state["starred"].as_array().map(Vec::len),
        Some(1),
        "{state}"
    );
    assert_eq!(state["read"].as_array().map(Vec::len), Some(1), "{state}");
    assert_ne!(state["starred"][0], state["read"][0]);
    // Nothing else was left in the data directory (no temporary files); the lock file that
    // lets two readers merge their marks stays, empty.
    let mut names: Vec<_> = std::fs::read_dir(tmux.path("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["session.json", "state.json", "state.lock"]);
}
