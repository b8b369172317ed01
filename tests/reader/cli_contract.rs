//! The command line's contract, as a user and a script meet it (issue 11): global flags
//! anywhere, typos caught with a suggestion, a closed pipe ending quietly, the same exit codes
//! (0 ok, 1 nothing matched or loaded, 2 usage or I/O error) for every subcommand, every load
//! failure listed, and the JSON fields every row carries.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli_contract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn qari_command(state: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qari"));
    cmd.env("QARI_CACHE_DIR", state.join("cache"))
        .env("QARI_DATA_DIR", state.join("data"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    cmd
}

fn qari(args: &[&str]) -> Output {
    let state = tmp("state");
    qari_command(&state).args(args).output().expect("qari runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An archive of `n` stories in one JSON Lines file: more than a pipe holds.
fn big_archive(n: usize) -> PathBuf {
    let dir = tmp("big");
    let mut f = std::fs::File::create(dir.join("many.jsonl")).expect("create");
    for i in 0..n {
        writeln!(
            f,
            r#"{{"title":"خبر رقم {i} عن الطقس في المدينة","source":"الرافد","body":"نص الخبر {i}."}}"#
        )
        .expect("write");
    }
    dir
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let dir = big_archive(3000);
    let state = tmp("pipe");
    for args in [&["list"][..], &["list", "--json"][..]] {
        let mut child = qari_command(&state)
            .args(args)
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("one line");
        // stdout is closed here, as `head -1` does
        let out = child.wait_with_output().expect("wait");
        assert!(!first.is_empty());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("Broken pipe"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn global_flags_work_before_and_after_the_subcommand() {
    for args in [
        &["--no-shape", "list", "--count"][..],
        &["list", "--no-shape", "--count"][..],
        &["--bidi", "terminal", "list", "--count"][..],
        &["list", "--count", "--bidi", "terminal"][..],
    ] {
        let out = qari(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let n: usize = text(&out.stdout).trim().parse().expect("a count");
        assert!(n > 0);
    }
}

#[test]
fn a_typo_is_an_error_naming_the_closest_subcommand() {
    let out = qari(&["lsit"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("lsit") && err.contains("list"), "{err}");
    let out = qari(&["serach", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("search"),
        "{}",
        text(&out.stderr)
    );
    // an existing path of that name is an archive, not a typo
    let dir = tmp("typo");
    std::fs::create_dir_all(dir.join("lsit")).expect("dir");
    let out = qari_command(&dir)
        .current_dir(&dir)
        .args(["screen", "lsit", "--keys", "q"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn missing_paths_are_usage_errors_for_every_subcommand() {
    for args in [
        &["list", "/nonexistent/qari"][..],
        &["search", "ماء", "/nonexistent/qari"][..],
        &["screen", "/nonexistent/qari"][..],
        &["/nonexistent/qari"][..],
    ] {
        let out = qari(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("/nonexistent/qari"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn nothing_loaded_or_matched_is_status_1_with_a_message() {
    let empty = tmp("empty");
    let dir = empty.to_str().expect("utf-8 path");
    for args in [
        &["list", dir][..],
        &["list", "--count", dir][..],
        &["search", "ماء", dir][..],
    ] {
        let out = qari(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("no stories"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = qari(&["search", "كلمةلاتوجدفيالأرشيف"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let out = qari(&["show", "0000000000000001"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let out = qari(&["show", "not-hex"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn render_refuses_a_zero_width() {
    let out = qari(&["render", "--width", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--width"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn list_errors_lists_every_failed_file_and_why() {
    let dir = tmp("errors");
    std::fs::write(dir.join("good.txt"), "عنوان\n\nنص.\n").expect("write");
    std::fs::write(dir.join("empty.txt"), " \n").expect("write");
    std::fs::write(
        dir.join("records.jsonl"),
        "{\"title\":\"one\"}\n{broken\n[1]\n",
    )
    .expect("write");
    let out = qari(&["list", "--errors", dir.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("empty.txt") && l.contains("no title"))
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains("records.jsonl")).count(),
        2
    );
    assert!(!listed.contains("good.txt"));
}

fn json_rows(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

#[test]
fn json_rows_carry_author_url_and_marks() {
    let dir = tmp("json");
    std::fs::write(
        dir.join("a.json"),
        r#"[{"title":"خطة المياه","author":"سلمى الراشد","url":"https://example.com/w","source":"الرافد","published":"2024-03-01","body":"نص عن المياه."}]"#,
    )
    .expect("write");
    let path = dir.to_str().expect("utf-8");
    let out = qari_command(&dir)
        .args(["list", "--json", path])
        .output()
        .expect("runs");
    let rows = json_rows(&out);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["author"], "سلمى الراشد");
    assert_eq!(row["url"], "https://example.com/w");
    assert_eq!(row["read"], false);
    assert_eq!(row["starred"], false);
    let id = row["id"].as_str().expect("id").to_owned();
    let out = qari_command(&dir)
        .args(["show", "--json", &id, path])
        .output()
        .expect("runs");
    let shown: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(shown["author"], "سلمى الراشد");
    assert_eq!(shown["url"], "https://example.com/w");
    let out = qari_command(&dir)
        .args(["search", "--json", "المياه", path])
        .output()
        .expect("runs");
    let hits = json_rows(&out);
    assert_eq!(hits.len(), 1, "{}", text(&out.stderr));
    assert_eq!(hits[0]["source"], "الرافد");
    assert_eq!(hits[0]["published"], "2024-03-01");
}

#[test]
fn help_documents_the_exit_codes() {
    let out = qari(&["--help"]);
    let help = text(&out.stdout);
    assert!(help.contains("Exit status"), "{help}");
    for code in ["0", "1", "2"] {
        assert!(help.contains(&format!("  {code} ")), "{help}");
    }
}

#[test]
fn list_filters_by_marks_and_words() {
    let dir = tmp("filter");
    std::fs::write(
        dir.join("a.jsonl"),
        concat!(
            r#"{"title":"خطة المياه","source":"الرافد","lang":"ar","published":"2024-03-05"}"#,
            "\n",
            r#"{"title":"Water plan","source":"Amman Daily","lang":"en","published":"2024-02-01"}"#,
            "\n",
            r#"{"title":"سد جديد","source":"الرّافد","lang":"ar","published":"2024-01-09"}"#,
            "\n",
        ),
    )
    .expect("write");
    let path = dir.to_str().expect("utf-8");
    let titles = |args: &[&str]| -> (Option<i32>, Vec<String>) {
        let out = qari_command(&dir).args(args).output().expect("runs");
        let rows = json_rows(&out);
        (
            out.status.code(),
            rows.iter()
                .map(|r| r["title"].as_str().expect("title").to_owned())
                .collect(),
        )
    };
    assert_eq!(
        titles(&["list", "--json", "--filter", "source:الرافد", path]),
        (Some(0), vec!["خطة المياه".to_owned(), "سد جديد".to_owned()])
    );
    assert_eq!(
        titles(&[
            "list",
            "--json",
            "--filter",
            "lang:ar since:2024-03-01",
            path
        ])
        .1,
        ["خطة المياه"]
    );
    assert_eq!(
        titles(&["list", "--json", "--filter", "source:\"Amman Daily\"", path]).1,
        ["Water plan"]
    );
    assert_eq!(
        titles(&["list", "--json", "--sort", "oldest", path]).1,
        ["سد جديد", "Water plan", "خطة المياه"]
    );
    // nothing is read or starred yet (a fresh data dir)
    assert_eq!(titles(&["list", "--json", "--unread", path]).1.len(), 3);
    let (code, starred) = titles(&["list", "--json", "--starred", path]);
    assert_eq!((code, starred.len()), (Some(1), 0), "nothing matched: 1");
    let out = qari_command(&dir)
        .args(["list", "--count", "--filter", "lang:ar", path])
        .output()
        .expect("runs");
    assert_eq!(text(&out.stdout).trim(), "2");
    let out = qari_command(&dir)
        .args(["list", "--filter", "colour:red", path])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("since:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_reader_lists_every_search_hit_and_counts_them_truly() {
    // bug 8: the reader's search stopped at 1,000 hits and called that the count
    let dir = big_archive(1200);
    let state = tmp("hits");
    let out = qari_command(&state)
        .args(["screen", "--size", "120x20", "--keys", "/الطقس<Enter>G"])
        .arg(&dir)
        .output()
        .expect("runs");
    let screen = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let status = screen.lines().last().expect("status bar");
    assert!(status.contains("1200 of 1200 match"), "{status}");
    assert!(status.contains("1200/1200"), "{status}");
}

/// `QARI_LOG=debug` records what a run did: qari's own records at the loader and catalog
/// boundaries, and the search index's (tantivy logs through the same facade), each line
/// sanitised; without `QARI_LOG` nothing is written.
#[test]
fn qari_log_debug_records_what_a_run_did() {
    let state = tmp("log");
    let archive = state.join("archive");
    std::fs::create_dir_all(&archive).expect("test setup");
    std::fs::write(archive.join("good.txt"), "عنوان الخبر\n\nنص الخبر هنا.\n").expect("test setup");
    std::fs::write(archive.join("bad\u{1b}[2J.txt"), b"\x00\x01\x02PK").expect("test setup");
    let log = state.join("logs").join("qari.log");
    let run = |args: &[&str], level: Option<&str>| {
        let mut cmd = qari_command(&state);
        cmd.env("QARI_STATE_DIR", state.join("logs"))
            .env_remove("QARI_LOG");
        if let Some(level) = level {
            cmd.env("QARI_LOG", level);
        }
        cmd.args(args).output().expect("test setup")
    };
    let archive_arg = archive.to_str().expect("test setup");
    run(&["list", archive_arg], None);
    assert!(!log.exists(), "no QARI_LOG, no log");
    run(&["list", archive_arg], Some("debug"));
    run(&["search", "الخبر", archive_arg], Some("debug"));
    let text = std::fs::read_to_string(&log).expect("test setup");
    assert_eq!(text.matches("qari::logger: qari ").count(), 2, "{text}");
    assert!(
        text.contains("DEBUG tantivy::"),
        "the index's own records: {text}"
    );
    assert!(
        text.contains("DEBUG qari_core::library::open: opened ")
            && text.contains("from its catalog, unchanged: 1 stories"),
        "{text}"
    );
    // a file that changed is parsed again: what failed and why is recorded
    std::fs::write(archive.join("bad\u{1b}[2J.txt"), b"\x00\x01\x02PK\x03").expect("test setup");
    run(&["list", archive_arg], Some("debug"));
    let text = std::fs::read_to_string(&log).expect("test setup");
    assert!(
        text.contains("not loaded: ") && text.contains("bad.txt: binary file"),
        "{text}"
    );
    assert!(text.contains("1 files parsed"), "{text}");
    assert!(!text.contains('\u{1b}'), "no escape reaches the log");
    // a bad level is said on stderr and the run goes on
    let out = run(&["list", archive_arg], Some("loud"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("QARI_LOG=loud: not a level"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("عنوان"));
}

/// `qari man` says where qari keeps its files and names every variable it reads: each
/// `QARI_*` name in the reader's and the core's code (the test hook aside), the terminal's
/// identity variables, and the locale's.
#[test]
fn the_manual_names_every_file_and_variable() {
    let out = qari(&["man"]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH FILES", ".SH ENVIRONMENT"] {
        assert!(page.contains(section), "{section}");
    }
    for file in [
        "config.toml",
        "state.json",
        "session.json",
        ".qcat",
        "qari.log",
    ] {
        assert!(page.contains(file), "{file}");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    let mut dirs = vec![root.join("src"), root.join("crates/qari-core/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let code = std::fs::read_to_string(&path).expect("read");
            for (at, _) in code.match_indices("\"QARI_") {
                let name: String = code[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
    }
    names.retain(|n| n != "QARI_TEST_PANIC");
    assert!(names.len() >= 5, "{names:?}");
    for name in names
        .iter()
        .map(String::as_str)
        .chain(["VTE_VERSION", "LANG", "NO_COLOR"])
    {
        assert!(page.contains(name), "{name} is not in the manual");
    }
}
