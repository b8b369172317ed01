//! The config file as a user meets it (issue 12): found under `XDG_CONFIG_HOME` or given with
//! `--config`, a bad one stopping qari with the file, line and column, its settings and key
//! map reaching the reader (driven through `qari screen`), and the shell conventions
//! (`config --default`, `completions`, `man`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("config_cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// qari with its own cache, data and config dirs under `dir` (never the user's).
fn qari(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .env("QARI_CACHE_DIR", dir.join("cache"))
        .env("QARI_DATA_DIR", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("NO_COLOR")
        // the English interface, whatever the machine's locale
        .env("LC_ALL", "C.UTF-8")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("qari runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write_config(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("config").join("qari").join("config.toml");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, body).expect("write");
    path
}

#[test]
fn a_bad_config_stops_qari_naming_file_line_and_column() {
    let dir = tmp("bad");
    let path = write_config(&dir, "bidi = \"app\"\n\ntheme = \"dark\"\n");
    let out = qari(&dir, &["list", "--count"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let at = format!("{}:3:", path.display());
    assert!(err.contains(&at), "{err}");
    assert!(err.contains("high-contrast"), "what is valid: {err}");
    assert!(out.stdout.is_empty(), "nothing ran");
    // `--config` names another file, which then wins.
    let good = dir.join("good.toml");
    std::fs::write(&good, "theme = \"light\"\n").expect("write");
    let out = qari(
        &dir,
        &["--config", good.to_str().expect("utf-8"), "list", "--count"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A missing `--config` file is an error, not the defaults.
    let out = qari(
        &dir,
        &["list", "--count", "--config", "/nonexistent/qari.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/qari.toml"));
}

#[test]
fn config_default_prints_a_config_that_parses_even_when_the_current_one_is_bad() {
    let dir = tmp("default");
    write_config(&dir, "nonsense = 1\n");
    let out = qari(&dir, &["config", "--default"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let default = text(&out.stdout);
    assert!(default.contains("# bidi = \"auto\""), "{default}");
    assert!(default.contains("[keys]"));
    // Written as the config file, it is good.
    write_config(&dir, &default);
    let out = qari(&dir, &["config"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(": good"));
}

#[test]
fn a_remapped_key_map_drives_the_reader_and_its_help() {
    let dir = tmp("keys");
    write_config(&dir, "[keys]\ndown = [\"J\", \"<Down>\"]\nquit = \"Q\"\n");
    let screen = |keys: &str| {
        let out = qari(&dir, &["screen", "--size", "120x40", "--keys", keys]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let moved = screen("JJ");
    assert!(moved.contains(" 3/14 "), "J moves down: {moved}");
    let unmoved = screen("jj");
    assert!(
        unmoved.contains(" 1/14 "),
        "j is no longer bound: {unmoved}"
    );
    let help = screen("?");
    let quit_row = help
        .lines()
        .find(|l| l.contains("quit"))
        .expect("a quit row");
    assert!(
        quit_row.contains('Q') && !quit_row.contains("<C-c>"),
        "{quit_row}"
    );
    let down_row = help
        .lines()
        .find(|l| l.contains("move down"))
        .expect("a down row");
    assert!(down_row.contains("J <Down>"), "{down_row}");
    assert!(
        screen("").contains("Q:quit"),
        "the status-bar hint follows the map"
    );
    // One key for two actions is refused with the line.
    write_config(&dir, "[keys]\nquit = \"j\"\n");
    let out = qari(&dir, &["screen", "--keys", ""]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(":2:") && err.contains("`down`"), "{err}");
}

#[test]
fn display_settings_come_from_the_config_unless_a_flag_says_otherwise() {
    let dir = tmp("display");
    let input = dir.join("in.txt");
    std::fs::write(&input, "سلام\n").expect("write");
    let render = |args: &[&str]| {
        let mut all = vec!["render", input.to_str().expect("utf-8")];
        all.extend_from_slice(args);
        let out = qari(&dir, &all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let reordered = render(&[]);
    write_config(&dir, "bidi = \"terminal\"\nshaping = false\n");
    let logical = render(&[]);
    assert_eq!(logical.trim_end(), "سلام", "logical order, unshaped");
    assert_ne!(reordered, logical);
    assert_eq!(render(&["--bidi", "app"]).trim_end(), {
        // the flag wins over the file; shaping stays off from the file
        let mut s: Vec<char> = "سلام".chars().collect();
        s.reverse();
        s.into_iter().collect::<String>()
    });
}

#[test]
fn completions_and_the_manual_come_from_the_command_line_definition() {
    let dir = tmp("shell");
    for shell in ["bash", "zsh", "fish"] {
        let out = qari(&dir, &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(
            script.contains("qari") && script.contains("search"),
            "{shell}"
        );
        assert!(script.contains("no-shape"), "{shell}: global flags too");
    }
    let man = qari(&dir, &["man"]);
    assert!(man.status.success());
    let roff = text(&man.stdout);
    assert!(
        roff.contains(".TH qari"),
        "{}",
        &roff[..roff.len().min(200)]
    );
    assert!(roff.contains("config"));
}

#[test]
fn the_interface_language_comes_from_the_flag_the_config_or_the_locale() {
    let dir = tmp("ui");
    // The list's title as each interface draws it (visual order, Arabic script joined).
    let titles = [
        ("en", "Stories ("),
        ("ar", "ﺭﺎﺒﺧﻷﺍ"),
        ("he", "תובתכ"),
        ("fa", "ﺎﻫﺮﺒﺧ"),
    ];
    let title_of = |top: &str| {
        titles
            .iter()
            .find(|(_, t)| top.contains(t))
            .map_or("none", |(lang, _)| *lang)
    };
    let screen = |locale: &[(&str, &str)], args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_qari"));
        cmd.env("QARI_CACHE_DIR", dir.join("cache"))
            .env("QARI_DATA_DIR", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in locale {
            cmd.env(k, v);
        }
        let out = cmd
            .args(args)
            .args(["screen", "--size", "100x12"])
            .output()
            .expect("qari runs");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).lines().next().unwrap_or("").to_owned()
    };
    assert_eq!(title_of(&screen(&[], &[])), "en");
    assert_eq!(title_of(&screen(&[], &["--ui", "ar"])), "ar");
    assert_eq!(title_of(&screen(&[("LANG", "he_IL.UTF-8")], &[])), "he");
    // POSIX order: LC_ALL over LC_MESSAGES over LANG.
    let locale = [("LANG", "he_IL.UTF-8"), ("LC_MESSAGES", "fa_IR.UTF-8")];
    assert_eq!(title_of(&screen(&locale, &[])), "fa");
    let locale = [("LC_ALL", "ar_EG.UTF-8"), ("LC_MESSAGES", "fa_IR.UTF-8")];
    assert_eq!(title_of(&screen(&locale, &[])), "ar");
    // The config file's `ui` over the locale, the flag over both.
    write_config(&dir, "ui = \"fa\"\n");
    assert_eq!(title_of(&screen(&[("LANG", "ar_EG.UTF-8")], &[])), "fa");
    assert_eq!(title_of(&screen(&[], &["--ui", "he"])), "he");
    assert_eq!(title_of(&screen(&[], &["--ui", "en"])), "en");
    // An interface language qari does not have is refused with the ones it has.
    let out = qari(&dir, &["--ui", "de", "screen"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("en") && err.contains("fa"), "{err}");
    write_config(&dir, "ui = \"tr\"\n");
    let out = qari(&dir, &["screen"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(":1:"), "{}", text(&out.stderr));
}
