//! qari in real terminal emulators, judged by what they draw.
//!
//! For each emulator of `terminals::emulators::MATRIX`: Xvfb, the emulator at 110×30 running
//! a shell script, which first fills two calibration cells (the grid), prints a reference row
//! (each letter of the words checked below, alone between Latin letters, so no terminal
//! reorders or joins it) and an Arabic line, then runs `qari doctor`, `qari screen --drawn`
//! (what should be drawn, computed inside the same terminal so detection sees the same
//! terminal) and the reader itself, **with no flags**. `Enter` opens the first story (Arabic),
//! a screenshot is taken, then `q`.
//!
//! The checks, from the screenshots:
//! - **cells**: each cell holds ink where `qari screen` has a character and is blank where it
//!   has a space: rows reordered whole, words in the wrong order, text across a pane border
//!   and a line laid out in the wrong direction all change which cells are inked;
//! - **letters**: in right-to-left words of the reader, each cell looks more like the
//!   reference glyph of the letter that belongs there than like the letter at the mirrored
//!   place in the word (kitty's reversal of the letters inside each word leaves the inked
//!   cells the same, and only this catches it);
//! - **restored**: after `q` the exit status is 0, raw mode is off, and the same Arabic line
//!   printed again draws as it did before qari started.
//!
//! Screenshots (PNG) and what qari printed are kept under `target/terminals/<emulator>/`.
//! Skips with one line without Xvfb, xdotool or ImageMagick, and each emulator that is not
//! installed, unless `QARI_REQUIRE_TERMINALS` is set (CI sets it). `.ci/run` installs them.
//! `QARI_TERMINALS=xterm,kitty` runs only the emulators named.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

mod require;
mod terminals;

use terminals::emulators::{COLS, Emulator, MATRIX, ROWS};
use terminals::image::{Grid, Image, similarity};
use terminals::x11::{Display, installed, wait_for};

/// The Arabic line printed before qari starts and again after it ends (our own words).
const ARABIC_LINE: &str = "قال الوزير إن 25 مليون دولار خُصصت عام 2024.";
/// The row of the reference glyphs, and of the Arabic line before and after (1-based).
const REFERENCE_ROW: usize = 3;
const BEFORE_ROW: usize = 5;
const AFTER_ROW: usize = 6;

/// The variables that name a terminal: the test's own terminal must not leak into the one
/// it starts.
const TERMINAL_VARIABLES: &[&str] = &[
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "KONSOLE_DBUS_SESSION",
    "KITTY_WINDOW_ID",
    "KITTY_PID",
    "MLTERM",
    "ALACRITTY_WINDOW_ID",
    "ALACRITTY_LOG",
    "XTERM_VERSION",
    "WEZTERM_EXECUTABLE",
    "WT_SESSION",
    "TMUX",
    "STY",
    "COLORTERM",
];

fn qari() -> &'static str {
    env!("CARGO_BIN_EXE_qari")
}

fn out_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("terminals")
}

/// A screen as cells: one grapheme cluster (or a space) per cell.
fn cells(lines: &str) -> Vec<Vec<String>> {
    use unicode_segmentation::UnicodeSegmentation;
    lines
        .lines()
        .map(|line| {
            let mut row = Vec::new();
            for g in line.graphemes(true) {
                let w = qari::bidi::width(g);
                if w == 0 {
                    continue;
                }
                row.push(g.to_owned());
                for _ in 1..w {
                    row.push(String::new());
                }
            }
            row.resize(COLS, " ".to_owned());
            row
        })
        .collect()
}

fn is_rtl_letter(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(|c| {
        matches!(c as u32, 0x0591..=0x05FF | 0x0620..=0x064A | 0x066E..=0x06D3 | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC)
    })
}

/// Right-to-left words of the reader pane (right of `from_col`) to check letter by letter:
/// `(row, first col, clusters)`, words of three cells or more that read differently reversed.
fn words_to_check(screen: &[Vec<String>], from_col: usize) -> Vec<(usize, usize, Vec<String>)> {
    let mut words = Vec::new();
    for (r, row) in screen.iter().enumerate() {
        let mut c = from_col;
        while c < row.len() {
            if !is_rtl_letter(&row[c]) {
                c += 1;
                continue;
            }
            let start = c;
            while c < row.len() && is_rtl_letter(&row[c]) {
                c += 1;
            }
            let word: Vec<String> = row[start..c].to_vec();
            let reversed: Vec<String> = word.iter().rev().cloned().collect();
            if word.len() >= 3 && word != reversed {
                words.push((r, start, word));
            }
        }
    }
    words.truncate(12);
    words
}

/// The shell script the emulator runs; it waits for the test at each step.
fn script(dir: &Path, keys: &str) -> String {
    let d = dir.display();
    let q = qari();
    format!(
        "cd '{d}'\nexport QARI_DATA_DIR='{d}/data' QARI_CACHE_DIR='{d}/cache' \
         XDG_CONFIG_HOME='{d}/config'\n\
         stty size > '{d}/size.tmp' && mv '{d}/size.tmp' '{d}/size'\n\
         while [ ! -f '{d}/go1' ]; do sleep 0.1; done\n. '{d}/calibrate.sh'\n\
         touch '{d}/calibrated'\n\
         while [ ! -f '{d}/go2' ]; do sleep 0.1; done\n\
         '{q}' doctor > '{d}/doctor.txt' 2>&1\n\
         '{q}' screen --drawn --size {COLS}x{ROWS} --keys '{keys}' > '{d}/expected.txt' 2>&1\n\
         touch '{d}/started'\n\
         '{q}' --no-restore 2> '{d}/stderr.txt'\necho $? > '{d}/rc'\n\
         stty -a > '{d}/stty'\n\
         printf '\\033[?25l\\033[{AFTER_ROW};1H%s' '{ARABIC_LINE}'\n\
         touch '{d}/done'\nsleep 600\n"
    )
}

/// The calibration screen: the two corner cells filled, the reference row, the Arabic line.
fn calibration(reference: &[String]) -> String {
    let row: String = reference
        .iter()
        .map(|g| format!("x{g}"))
        .collect::<String>()
        + "x";
    format!(
        "printf '\\033[?25l\\033[2J\\033[H\\033[7m \\033[0m\\033[{ROWS};{COLS}H\\033[7m \\033[0m'\n\
         printf '\\033[{REFERENCE_ROW};1H%s' '{row}'\n\
         printf '\\033[{BEFORE_ROW};1H%s' '{ARABIC_LINE}'\n"
    )
}

/// What one emulator showed.
#[derive(Default)]
struct Outcome {
    problems: Vec<String>,
    mode: String,
    rows_wrong: usize,
    words: (usize, usize),
}

fn kill(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

fn wait_file(path: &Path, secs: u64) -> bool {
    wait_for(Duration::from_secs(secs), || path.exists())
}

/// Cells whose ink differs from `expected`, per row.
fn ink_differences(img: &Image, grid: &Grid, expected: &[Vec<String>]) -> Vec<usize> {
    expected
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter(|(c, g)| {
                    let want = !g.trim().is_empty() || g.is_empty();
                    // A wide cluster's second cell is covered by its glyph: not judged.
                    !g.is_empty() && want != grid.ink(img, *c, r)
                })
                .count()
        })
        .collect()
}

fn run_one(display: &Display, emu: &Emulator, dir: &Path) -> Outcome {
    use std::os::unix::process::CommandExt;
    let mut out = Outcome::default();
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("home")).unwrap();
    let keys = "<Enter>";
    std::fs::write(dir.join("run.sh"), script(dir, keys)).unwrap();

    // What should be drawn, to choose the words and print their letters before qari starts.
    let expected_outside = Command::new(qari())
        .args([
            "screen",
            "--drawn",
            "--size",
            &format!("{COLS}x{ROWS}"),
            "--keys",
            keys,
        ])
        .env("QARI_DATA_DIR", dir.join("data"))
        .env("QARI_CACHE_DIR", dir.join("cache"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .unwrap();
    let expected_outside = String::from_utf8_lossy(&expected_outside.stdout).into_owned();
    let screen = cells(&expected_outside);
    let list_width = screen
        .get(1)
        .and_then(|r| r.iter().skip(1).position(|g| g == "│" || g == "┃"))
        .map_or(40, |p| p + 2);
    let words = words_to_check(&screen, list_width + 1);
    let mut reference: Vec<String> = Vec::new();
    for (_, _, w) in &words {
        for g in w {
            if !reference.contains(g) {
                reference.push(g.clone());
            }
        }
    }
    std::fs::write(dir.join("calibrate.sh"), calibration(&reference)).unwrap();

    let mut cmd = (emu.command)(&dir.join("run.sh"), &dir.join("home"));
    for var in TERMINAL_VARIABLES {
        cmd.env_remove(var);
    }
    cmd.env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("TERM", "xterm-256color")
        .current_dir(dir)
        .stdout(std::fs::File::create(dir.join("emulator.log")).unwrap())
        .stderr(std::fs::File::create(dir.join("emulator.err")).unwrap())
        .process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            out.problems.push(format!("could not start: {e}"));
            return out;
        }
    };
    let fail = |out: &mut Outcome, why: String| {
        out.problems.push(why);
    };
    if !wait_file(&dir.join("size"), 30 + emu.start_secs) {
        fail(&mut out, "the emulator did not run the script".into());
        kill(&mut child);
        return out;
    }
    let size = std::fs::read_to_string(dir.join("size")).unwrap_or_default();
    if size.split_whitespace().collect::<Vec<_>>() != [ROWS.to_string(), COLS.to_string()] {
        fail(
            &mut out,
            format!("the emulator is {size:?} (rows cols), not {ROWS} {COLS}"),
        );
    }
    std::fs::write(dir.join("go1"), "").unwrap();
    wait_file(&dir.join("calibrated"), 10);
    std::thread::sleep(Duration::from_millis(800));
    let shot1 = dir.join("1-calibration.ppm");
    let grid = display
        .screenshot(&shot1)
        .and_then(|()| Image::read_ppm(&shot1))
        .and_then(|img| Grid::calibrate(&img, COLS, ROWS).map(|g| (img, g)));
    let (calib_img, grid) = match grid {
        Ok(g) => g,
        Err(e) => {
            fail(&mut out, format!("calibration: {e}"));
            kill(&mut child);
            return out;
        }
    };
    let ref_patch = |i: usize| grid.patch(&calib_img, 1 + 2 * i, REFERENCE_ROW - 1);

    std::fs::write(dir.join("go2"), "").unwrap();
    wait_file(&dir.join("started"), 60);
    std::thread::sleep(Duration::from_secs(emu.start_secs.max(3)));
    display.keys(&["Return"]);
    let expected_inside = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
    if expected_inside != expected_outside {
        fail(
            &mut out,
            "`qari screen --drawn` differs inside the terminal".into(),
        );
    }
    out.mode = std::fs::read_to_string(dir.join("doctor.txt"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("mode").map(|m| m.trim().to_owned()))
        .unwrap_or_default();

    // The screen, taken again while it may still be settling (the index, a late redraw).
    let mut best: Option<(usize, Vec<usize>, Image)> = None;
    for attempt in 0..4 {
        std::thread::sleep(Duration::from_millis(if attempt == 0 {
            2500
        } else {
            1500
        }));
        let shot = dir.join("2-reader.ppm");
        if display.screenshot(&shot).is_err() {
            continue;
        }
        let Ok(img) = Image::read_ppm(&shot) else {
            continue;
        };
        let diffs = ink_differences(&img, &grid, &screen);
        let wrong = diffs.iter().filter(|&&d| d > 2).count();
        if best.as_ref().is_none_or(|(w, _, _)| wrong < *w) {
            let _ = std::fs::copy(&shot, dir.join("2-reader-best.ppm"));
            let _ = std::fs::copy(shot.with_extension("png"), dir.join("2-reader-best.png"));
            best = Some((wrong, diffs, img));
        }
        if wrong == 0 {
            break;
        }
    }
    let Some((wrong, diffs, img)) = best else {
        fail(&mut out, "no screenshot of the reader".into());
        kill(&mut child);
        return out;
    };
    out.rows_wrong = wrong;
    if wrong > 0 {
        let rows: Vec<String> = diffs
            .iter()
            .enumerate()
            .filter(|(_, d)| **d > 2)
            .map(|(r, d)| format!("{r}:{d}"))
            .collect();
        fail(
            &mut out,
            format!(
                "cells: rows with inked cells where blank (or the reverse), row:cells {}",
                rows.join(" ")
            ),
        );
    }

    // Letters in their places, judged by shape against the reference row.
    let (mut right, mut total) = (0, 0);
    for (r, start, word) in &words {
        let (mut here, mut mirrored) = (0.0, 0.0);
        for (i, g) in word.iter().enumerate() {
            let seen = grid.patch(&img, start + i, *r);
            let own = reference.iter().position(|x| x == g).unwrap();
            let other = reference
                .iter()
                .position(|x| *x == word[word.len() - 1 - i])
                .unwrap();
            here += similarity(&seen, &ref_patch(own));
            mirrored += similarity(&seen, &ref_patch(other));
        }
        total += 1;
        if here > mirrored {
            right += 1;
        }
    }
    out.words = (right, total);
    if total == 0 || right * 10 < total * 9 {
        fail(
            &mut out,
            format!("letters: {right} of {total} words have their letters in order"),
        );
    }

    // `q`, and the terminal as it was.
    display.keys(&["q"]);
    if !wait_file(&dir.join("done"), 15) {
        fail(&mut out, "qari did not end after q".into());
    } else {
        std::thread::sleep(Duration::from_millis(800));
        let rc = std::fs::read_to_string(dir.join("rc")).unwrap_or_default();
        if rc.trim() != "0" {
            fail(&mut out, format!("exit status {rc:?}"));
        }
        let stty = std::fs::read_to_string(dir.join("stty")).unwrap_or_default();
        if !stty.split_whitespace().any(|w| w == "icanon")
            || !stty.split_whitespace().any(|w| w == "echo")
        {
            fail(&mut out, "raw mode left on after q".into());
        }
        let shot3 = dir.join("3-after.ppm");
        match display
            .screenshot(&shot3)
            .and_then(|()| Image::read_ppm(&shot3))
        {
            Ok(after) => {
                let mut differ = 0;
                for c in 0..COLS {
                    let b = grid.patch(&after, c, BEFORE_ROW - 1);
                    let a = grid.patch(&after, c, AFTER_ROW - 1);
                    let inked = grid.ink(&after, c, BEFORE_ROW - 1);
                    if inked != grid.ink(&after, c, AFTER_ROW - 1)
                        || (inked && similarity(&a, &b) < 0.9)
                    {
                        differ += 1;
                    }
                }
                if differ > 0 {
                    fail(
                        &mut out,
                        format!(
                            "restored: the Arabic line draws differently after q ({differ} cells)"
                        ),
                    );
                }
            }
            Err(e) => fail(&mut out, format!("no screenshot after q: {e}")),
        }
    }
    kill(&mut child);
    for f in [
        "1-calibration.ppm",
        "2-reader.ppm",
        "2-reader-best.ppm",
        "3-after.ppm",
    ] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    out
}

#[test]
fn the_reader_is_right_in_real_terminals() {
    let tools = ["Xvfb", "xdotool", "import", "convert"];
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !installed(t)).collect();
    if !require::available(
        "TERMINALS",
        missing.is_empty(),
        &format!("the terminal matrix needs {}", missing.join(", ")),
    ) {
        return;
    }
    let display = Display::start().unwrap();
    let root = out_dir();
    let mut report = Vec::new();
    let mut failed = Vec::new();
    // `QARI_TERMINALS=xterm,kitty` runs only those.
    let only = std::env::var("QARI_TERMINALS").ok();
    for emu in MATRIX {
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|n| n == emu.name))
        {
            continue;
        }
        if !require::available(
            "TERMINALS",
            installed(emu.program),
            &format!("{} is not installed", emu.name),
        ) {
            continue;
        }
        let started = std::time::Instant::now();
        let out = run_one(&display, emu, &root.join(emu.name));
        let line = format!(
            "{:<15} {:>5.1} s  mode {:<60.60}  rows wrong {:>2}  words {}/{}  {}",
            emu.name,
            started.elapsed().as_secs_f64(),
            out.mode,
            out.rows_wrong,
            out.words.0,
            out.words.1,
            if out.problems.is_empty() {
                "ok".to_owned()
            } else {
                out.problems.join("; ")
            }
        );
        eprintln!("{line}");
        report.push(line);
        if !out.problems.is_empty() {
            failed.push(emu.name);
        }
    }
    let _ = std::fs::write(root.join("report.txt"), report.join("\n") + "\n");
    assert!(
        failed.is_empty(),
        "wrong in {failed:?} (screenshots under {}):\n{}",
        root.display(),
        report.join("\n")
    );
}
