//! A private tmux server per test, for the tests that run qari in a real terminal
//! (`tui_e2e.rs`, `tui_workflow.rs`): its own socket and temporary folder, the English
//! interface whatever the machine's locale, killed when dropped. Skipped (with a note) when
//! tmux is not installed, unless CI's `QARI_REQUIRE_TMUX` asks for it.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::util;

pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

impl Tmux {
    /// A server for the test `name`; `None` (the test skips) when tmux is missing.
    pub fn new(name: &str) -> Option<Tmux> {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !util::available("TMUX", found, "tmux is not installed") {
            return None;
        }
        let socket = format!(
            "qari-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        )
        .replace(['(', ')'], "");
        Some(Tmux {
            socket,
            dir: tempfile::tempdir().unwrap(),
        })
    }

    /// Runs a tmux command against this server.
    pub fn cmd(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("tmux");
        // The terminal the tests run in must not reach qari's detection inside tmux (kitty's
        // variables would choose kitty's mode): qari sees only tmux.
        for var in qari::tui::terminal::detect::VARIABLES {
            cmd.env_remove(var);
        }
        cmd.env("TMUX_TMPDIR", self.dir.path())
            // the server and so qari inside it: the English interface, whatever the locale
            .env("LC_ALL", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    }

    /// A path in the test's temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

/// Polls until `done` holds; the deadline only bounds a hung test, it asserts no speed.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        sleep(Duration::from_millis(50));
    }
}
