//! The daily workflow in a real terminal (tmux), as a person meets it (issue 11): the session
//! comes back after a `kill -9`, files added while the reader runs appear without a restart,
//! `Ctrl-z` suspends and `fg` resumes, `y` copies through OSC 52. Skipped (with a note) when
//! tmux is not installed; CI sets `QARI_REQUIRE_TMUX`.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::tmux;

use tmux::{Tmux, wait_until};

impl Tmux {
    /// The environment that keeps qari's state in the test's folder.
    fn env(&self) -> String {
        format!(
            "QARI_DATA_DIR='{}' QARI_CACHE_DIR='{}' TERM=xterm-256color",
            self.path("data").display(),
            self.path("cache").display()
        )
    }

    /// Starts `command` (a shell command line) in a 120×30 pane.
    fn start(&self, command: &str) {
        let out = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            "w",
            "-x",
            "120",
            "-y",
            "30",
            "sh",
            "-c",
            command,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "w", k]);
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "w"]).stdout).into_owned()
    }

    /// Waits until the pane shows `text`; the deadline only bounds a hung test.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {text:?}; the pane shows:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

/// An archive of three English pages (plain text: title, then text), short distinct titles.
fn archive(dir: &Path) -> PathBuf {
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    for (name, title, day) in [
        ("a.txt", "Harbour reopens after storm", "2024-03-03"),
        ("b.txt", "Library extends its hours", "2024-03-02"),
        ("c.txt", "Night buses on the coast road", "2024-03-01"),
    ] {
        let body = (1..=40).fold(String::new(), |mut body, n| {
            let _ = write!(body, "Paragraph {n} of the story about {title}.\n\n");
            body
        });
        std::fs::write(
            archive.join(name),
            format!("{title}\n\nPublished: {day}\nCoast Desk\n\n{body}"),
        )
        .unwrap();
    }
    archive
}

#[test]
fn the_session_comes_back_after_kill_9() {
    let Some(tmux) = Tmux::new("session") else {
        return;
    };
    let archive = archive(tmux.dir.path());
    let bin = env!("CARGO_BIN_EXE_qari");
    let run = format!(
        "echo $$ > '{pid}'; {env} exec '{bin}' '{dir}'",
        pid = tmux.path("pid").display(),
        env = tmux.env(),
        dir = archive.display()
    );
    tmux.start(&run);
    tmux.wait_for(" stories · ");
    // the third story, opened and paged down
    tmux.keys(&["j", "j", "Enter"]);
    tmux.wait_for("Paragraph 1 of the story about Night buses");
    tmux.keys(&["Space"]);
    let session = tmux.path("data").join("session.json");
    wait_until("the session on disk", || {
        std::fs::read_to_string(&session)
            .is_ok_and(|s| s.contains("\"scroll\": ") && !s.contains("\"scroll\": 0"))
    });
    let pid = std::fs::read_to_string(tmux.path("pid")).unwrap();
    assert!(
        Command::new("kill")
            .args(["-9", pid.trim()])
            .status()
            .unwrap()
            .success()
    );
    tmux.cmd(&["kill-server"]);
    // a new run: the same story, scrolled, the cursor on it
    let tmux2 = Tmux::new("session2").unwrap();
    let run = format!(
        "{env} exec '{bin}' '{dir}'",
        env = tmux.env(),
        dir = archive.display()
    );
    tmux2.start(&run);
    // scrolled as it was: a later paragraph of that story in view, not its first
    let screen = tmux2.wait_for("of the story about Night buses");
    assert!(
        screen.contains("3/3"),
        "the list cursor on the third story:\n{screen}"
    );
    assert!(
        !screen.contains("Paragraph 1 of the story"),
        "scrolled past the start:\n{screen}"
    );
    tmux2.keys(&["q"]);
}

#[test]
fn files_added_while_reading_appear_without_a_restart() {
    let Some(tmux) = Tmux::new("live") else {
        return;
    };
    let archive = archive(tmux.dir.path());
    let bin = env!("CARGO_BIN_EXE_qari");
    tmux.start(&format!("{} '{bin}' '{}'", tmux.env(), archive.display()));
    tmux.wait_for("3 stories · ");
    std::fs::write(
        archive.join("d.txt"),
        "Ferry timetable changes\n\nPublished: 2024-03-04\nCoast Desk\n\nFrom Monday the ferry leaves earlier.\n",
    )
    .unwrap();
    let screen = tmux.wait_for("Ferry timetable changes");
    assert!(screen.contains("4 stories · "), "{screen}");
    // and a removed file leaves
    std::fs::remove_file(archive.join("b.txt")).unwrap();
    let screen = tmux.wait_for("3 stories · ");
    assert!(!screen.contains("Library extends its hours"), "{screen}");
    // R says when nothing changed
    tmux.keys(&["R"]);
    tmux.wait_for("No changes in the archive");
    tmux.keys(&["q"]);
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let Some(tmux) = Tmux::new("suspend") else {
        return;
    };
    let archive = archive(tmux.dir.path());
    let bin = env!("CARGO_BIN_EXE_qari");
    tmux.start("PS1='ready> ' bash --norc --noprofile -i");
    tmux.wait_for("ready>");
    let line = format!("{} '{bin}' '{}'", tmux.env(), archive.display());
    tmux.cmd(&["send-keys", "-t", "w", "-l", &line]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(" stories · ");
    tmux.keys(&["C-z"]);
    tmux.wait_for("Stopped");
    // the shell has its terminal back, cooked
    let stty = tmux.path("stty");
    tmux.cmd(&[
        "send-keys",
        "-t",
        "w",
        "-l",
        &format!("stty -a > '{}'", stty.display()),
    ]);
    tmux.keys(&["Enter"]);
    wait_until("stty output", || {
        std::fs::metadata(&stty).is_ok_and(|m| m.len() > 0)
    });
    let words = std::fs::read_to_string(&stty).unwrap();
    let words: Vec<&str> = words.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "{words:?}"
    );
    tmux.cmd(&["send-keys", "-t", "w", "-l", "fg"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for(" stories · ");
    tmux.keys(&["q"]);
    // back at the shell's prompt (what is typed before that would go to qari)
    wait_until("the shell's prompt", || {
        tmux.screen()
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.trim() == "ready>")
    });
    let rc = tmux.path("rc");
    tmux.cmd(&[
        "send-keys",
        "-t",
        "w",
        "-l",
        &format!("echo $? > '{}'", rc.display()),
    ]);
    tmux.keys(&["Enter"]);
    wait_until("the exit status", || {
        std::fs::metadata(&rc).is_ok_and(|m| m.len() > 0)
    });
    assert_eq!(std::fs::read_to_string(&rc).unwrap().trim(), "0");
}

#[test]
fn y_copies_the_story_url_through_osc_52() {
    let Some(tmux) = Tmux::new("copy") else {
        return;
    };
    let dir = tmux.dir.path().join("json");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.json"),
        r#"[{"title":"Harbour reopens","url":"https://example.com/harbour","body":"Text."}]"#,
    )
    .unwrap();
    let bin = env!("CARGO_BIN_EXE_qari");
    tmux.start(&format!("{} '{bin}' '{}'", tmux.env(), dir.display()));
    // tmux takes OSC 52 from the application into its paste buffer when told to
    tmux.cmd(&["set", "-g", "set-clipboard", "on"]);
    tmux.wait_for("1 story · ");
    tmux.keys(&["y"]);
    tmux.wait_for("Copied https://example.com/harbour");
    wait_until("the paste buffer", || {
        String::from_utf8_lossy(&tmux.cmd(&["show-buffer"]).stdout)
            .contains("https://example.com/harbour")
    });
    tmux.keys(&["q"]);
}

#[test]
fn an_unwritable_data_dir_is_said_once_and_the_reader_goes_on() {
    let Some(tmux) = Tmux::new("readonly") else {
        return;
    };
    let archive = archive(tmux.dir.path());
    // the data dir lies under a regular file: nothing can be created there
    let blocker = tmux.path("blocker");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let bin = env!("CARGO_BIN_EXE_qari");
    tmux.start(&format!(
        "QARI_DATA_DIR='{}' QARI_CACHE_DIR='{}' '{bin}' '{}'",
        blocker.join("data").display(),
        tmux.path("cache").display(),
        archive.display()
    ));
    tmux.wait_for("3 stories · ");
    tmux.keys(&["j"]);
    tmux.wait_for("cannot save the session");
    // marks: said once, kept in memory
    tmux.keys(&["r"]);
    tmux.wait_for("could not save read/star state");
    tmux.keys(&["r"]);
    let screen = tmux.wait_for("Marked unread");
    assert!(!screen.contains("could not save"), "said once:\n{screen}");
    assert!(screen.contains("3 stories · 3 unread"), "{screen}");
    tmux.keys(&["q"]);
}
