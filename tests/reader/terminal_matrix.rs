//! qari in real terminal emulators, judged by what they draw.
//!
//! For each emulator of `crate::terminals::emulators::MATRIX`: Xvfb, the emulator at 110×30 running
//! a shell script, which first fills two calibration cells (the grid), prints a reference row
//! (each letter of the words checked below, alone between Latin letters, so no terminal
//! reorders or joins it) and an Arabic line, then runs `qari doctor`, `qari screen --drawn`
//! (what should be drawn, computed inside the same terminal so detection sees the same
//! terminal) and the reader itself, **with no flags**. Keys typed with `xdotool` bring the
//! fourth story (Hebrew) into the reader, then open the first (Arabic); a screenshot is taken
//! after each; then `q`.
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
//! Skips with one line without Xvfb, xdotool or `ImageMagick`, and each emulator that is not
//! installed, unless `QARI_REQUIRE_TERMINALS` is set (CI sets it). `.ci/run` installs them.
//! `QARI_TERMINALS=xterm,kitty` runs only the emulators named; `QARI_MATRIX_ARGS` adds flags
//! to the reader (`--bidi app` in kitty or Konsole shows the checks failing).

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use crate::util;

use crate::terminals::emulators::{COLS, Emulator, MATRIX, ROWS};
use crate::terminals::image::{Grid, Image, similarity};
use crate::terminals::x11::{Display, installed, wait_for};

/// The Arabic line printed before qari starts and again after it ends (our own words).
const ARABIC_LINE: &str = "قال الوزير إن 25 مليون دولار خُصصت عام 2024.";
/// The first row of reference glyphs (one row per step), and the rows of the Arabic line
/// before and after (1-based).
const REFERENCE_ROW: usize = 2;
const BEFORE_ROW: usize = 5;
const AFTER_ROW: usize = 6;

/// Variables besides detection's (`qari::tui::terminal::detect::VARIABLES`) that terminals
/// set: the test's own terminal must not leak any into the one it starts.
const MORE_TERMINAL_VARIABLES: &[&str] = &["KONSOLE_DBUS_SESSION", "KITTY_PID", "COLORTERM"];

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
                let w = qari_core::bidi::width(g);
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
    // As many words as their letters fit one reference row (each letter takes two cells).
    let mut letters: Vec<String> = Vec::new();
    words.retain(|(_, _, w)| {
        let mut added: Vec<String> = Vec::new();
        for g in w {
            if !letters.contains(g) && !added.contains(g) {
                added.push(g.clone());
            }
        }
        if (letters.len() + added.len()) * 2 + 1 > COLS {
            return false;
        }
        letters.extend(added);
        true
    });
    words.truncate(12);
    words
}

/// The keys of each step: `qari screen`'s, and `xdotool`'s for the live reader (from where the
/// step before left it): the fourth story (Hebrew) under the list's cursor, shown in the
/// reader, then back up to the first (Arabic), opened. (No `Shift-Tab`: xdotool's does not
/// reach Alacritty 0.11.)
const STEPS: &[(&str, &[&str])] = &[
    ("jjj", &["j", "j", "j"]),
    ("jjjkkk<Enter>", &["k", "k", "k", "Return"]),
];

/// The shell script the emulator runs; it waits for the test at each step.
fn script(dir: &Path) -> String {
    let d = dir.display();
    let q = qari();
    let mut screens = String::new();
    for (i, (keys, _)) in STEPS.iter().enumerate() {
        let _ = writeln!(
            screens,
            "'{q}' screen --drawn --size {COLS}x{ROWS} --keys '{keys}' > '{d}/expected-{i}.txt' 2>&1"
        );
    }
    // `QARI_MATRIX_ARGS="--bidi app"`: the reader with a flag, to see the checks fail where
    // that flag is wrong (kitty, Konsole).
    let args = std::env::var("QARI_MATRIX_ARGS").unwrap_or_default();
    format!(
        "cd '{d}'\nexport QARI_DATA_DIR='{d}/data' QARI_CACHE_DIR='{d}/cache' \
         XDG_CONFIG_HOME='{d}/config'\n\
         stty size > '{d}/size.tmp' && mv '{d}/size.tmp' '{d}/size'\n\
         while [ ! -f '{d}/go1' ]; do sleep 0.1; done\n. '{d}/calibrate.sh'\n\
         touch '{d}/calibrated'\n\
         while [ ! -f '{d}/go2' ]; do sleep 0.1; done\n\
         '{q}' doctor > '{d}/doctor.txt' 2>&1\n\
         {screens}touch '{d}/started'\n\
         '{q}' --no-restore {args} 2> '{d}/stderr.txt'\necho $? > '{d}/rc'\n\
         stty -a > '{d}/stty'\n\
         printf '\\033[?25l\\033[{AFTER_ROW};1H%s' '{ARABIC_LINE}'\n\
         touch '{d}/done'\nsleep 600\n"
    )
}

/// The calibration screen: the two corner cells filled, a reference row per step, the
/// Arabic line.
fn calibration(plans: &[Plan]) -> String {
    let mut script = format!(
        "printf '\\033[?25l\\033[2J\\033[H\\033[7m \\033[0m\\033[{ROWS};{COLS}H\\033[7m \\033[0m'\n"
    );
    for (i, plan) in plans.iter().enumerate() {
        let row: String = plan.reference.iter().fold(String::new(), |mut row, g| {
            row.push('x');
            row.push_str(g);
            row
        }) + "x";
        let _ = writeln!(script, "printf '\\033[{};1H%s' '{row}'", REFERENCE_ROW + i);
    }
    let _ = writeln!(script, "printf '\\033[{BEFORE_ROW};1H%s' '{ARABIC_LINE}'");
    script
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

/// Cells a row may differ by before it is wrong: a letter a fallback font lacks (kitty draws
/// some Urdu presentation forms blank), a story the dwell time marked read (its `•`). A row
/// reordered whole, a line laid out in the wrong direction or words in the wrong order differ
/// by far more.
const ROW_SLACK: usize = 4;

/// Punctuation drawn low in the cell, where underlines are not told apart from it.
const LOW: &[&str] = &[".", ",", "\u{060C}", "_"];

/// Cells whose ink differs from `expected`, per row.
fn ink_differences(img: &Image, grid: &Grid, expected: &[Vec<String>]) -> Vec<usize> {
    let blank = |g: &String| g.trim().is_empty() && !g.is_empty();
    expected
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..row.len())
                .filter(|&c| {
                    let g = &row[c];
                    // A wide cluster's second cell is covered by its glyph, and a period or a
                    // comma may sit below the part of the cell judged: neither counts. A blank
                    // cell beside a letter may hold some of the letter's glyph, where a
                    // fallback font draws it wider than a cell: only blanks between blanks
                    // count.
                    if g.is_empty() || LOW.contains(&g.as_str()) {
                        return false;
                    }
                    let ink = grid.ink(img, c, r);
                    if blank(g) {
                        let left = c == 0 || blank(&row[c - 1]);
                        let right = c + 1 >= row.len() || blank(&row[c + 1]);
                        ink && left && right
                    } else {
                        !ink
                    }
                })
                .count()
        })
        .collect()
}

/// What the checks of one step need before the emulator starts.
struct Plan {
    /// The row of this step's reference glyphs (0-based).
    reference_row: usize,
    /// `qari screen --drawn` run by the test itself.
    expected: String,
    screen: Vec<Vec<String>>,
    words: Vec<(usize, usize, Vec<String>)>,
    /// The clusters of the reference row, in order.
    reference: Vec<String>,
}

fn plan(dir: &Path, keys: &str, reference_row: usize) -> Plan {
    let out = Command::new(qari())
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
    let expected = String::from_utf8_lossy(&out.stdout).into_owned();
    let screen = cells(&expected);
    // The reader pane starts after the list's right border on the second row.
    let list_width = screen
        .get(1)
        .and_then(|r| r.iter().skip(1).position(|g| g == "│" || g == "┃"))
        .map_or(40, |p| p + 2);
    let words = words_to_check(&screen, list_width + 1);
    let mut reference: Vec<String> = Vec::new();
    for g in words.iter().flat_map(|(_, _, w)| w) {
        if !reference.contains(g) {
            reference.push(g.clone());
        }
    }
    Plan {
        reference_row,
        expected,
        screen,
        words,
        reference,
    }
}

/// Screenshots of the reader until its cells match (it may still be settling: the index, a
/// late redraw), keeping the best; returns the rows that differ and the image.
fn reader_cells(
    display: &Display,
    dir: &Path,
    step: usize,
    grid: &Grid,
    plan: &Plan,
) -> Option<(Vec<usize>, Image)> {
    let mut best: Option<(usize, Vec<usize>, Image)> = None;
    for attempt in 0..4 {
        std::thread::sleep(Duration::from_millis(if attempt == 0 {
            2500
        } else {
            1500
        }));
        let shot = dir.join("2-reader.ppm");
        let Ok(img) = display
            .screenshot(&shot)
            .and_then(|()| Image::read_ppm(&shot))
        else {
            continue;
        };
        let diffs = ink_differences(&img, grid, &plan.screen);
        let wrong = diffs.iter().filter(|&&d| d > ROW_SLACK).count();
        if best.as_ref().is_none_or(|(w, _, _)| wrong < *w) {
            let _ = std::fs::copy(
                shot.with_extension("png"),
                dir.join(format!("2-reader-{step}.png")),
            );
            best = Some((wrong, diffs, img));
        }
        if wrong == 0 {
            break;
        }
    }
    best.map(|(_, diffs, img)| (diffs, img))
}

/// Words whose cells look more like their own letters than like the mirrored ones, of all.
fn letters_in_order(img: &Image, grid: &Grid, calibration: &Image, plan: &Plan) -> (usize, usize) {
    let reference = |g: &String| {
        let i = plan.reference.iter().position(|x| x == g).unwrap();
        grid.patch(calibration, 1 + 2 * i, plan.reference_row)
    };
    let mut right = 0;
    for (r, start, word) in &plan.words {
        let (mut here, mut mirrored) = (0.0, 0.0);
        for (i, g) in word.iter().enumerate() {
            let seen = grid.patch(img, start + i, *r);
            here += similarity(&seen, &reference(g));
            mirrored += similarity(&seen, &reference(&word[word.len() - 1 - i]));
        }
        if here > mirrored {
            right += 1;
        }
    }
    (right, plan.words.len())
}

/// After `q`: exit status 0, raw mode off, the Arabic line drawn as before qari.
fn restored(display: &Display, dir: &Path, grid: &Grid) -> Vec<String> {
    if !wait_file(&dir.join("done"), 15) {
        return vec!["qari did not end after q".into()];
    }
    let mut problems = Vec::new();
    std::thread::sleep(Duration::from_millis(800));
    let rc = std::fs::read_to_string(dir.join("rc")).unwrap_or_default();
    if rc.trim() != "0" {
        problems.push(format!("exit status {rc:?}"));
    }
    let stty = std::fs::read_to_string(dir.join("stty")).unwrap_or_default();
    let words: Vec<&str> = stty.split_whitespace().collect();
    if !words.contains(&"icanon") || !words.contains(&"echo") {
        problems.push("raw mode left on after q".into());
    }
    let shot = dir.join("3-after.ppm");
    match display
        .screenshot(&shot)
        .and_then(|()| Image::read_ppm(&shot))
    {
        Ok(after) => {
            let differ = (0..COLS)
                .filter(|&c| {
                    let inked = grid.ink(&after, c, BEFORE_ROW - 1);
                    let b = grid.patch(&after, c, BEFORE_ROW - 1);
                    let a = grid.patch(&after, c, AFTER_ROW - 1);
                    inked != grid.ink(&after, c, AFTER_ROW - 1)
                        || (inked && similarity(&a, &b) < 0.9)
                })
                .count();
            if differ > 0 {
                problems.push(format!(
                    "restored: the Arabic line draws differently after q ({differ} cells)"
                ));
            }
        }
        Err(e) => problems.push(format!("no screenshot after q: {e}")),
    }
    problems
}

/// Starts `emu` on `display`, running the script in `dir`.
fn start(display: &Display, emu: &Emulator, dir: &Path) -> std::io::Result<Child> {
    use std::os::unix::process::CommandExt;
    let mut cmd = (emu.command)(&dir.join("run.sh"), &dir.join("home"));
    for var in qari::tui::terminal::detect::VARIABLES
        .iter()
        .chain(MORE_TERMINAL_VARIABLES)
    {
        cmd.env_remove(var);
    }
    cmd.env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("TERM", "xterm-256color")
        .current_dir(dir)
        .stdout(std::fs::File::create(dir.join("emulator.log"))?)
        .stderr(std::fs::File::create(dir.join("emulator.err"))?)
        .process_group(0)
        .spawn()
}

fn run_one(display: &Display, emu: &Emulator, dir: &Path) -> Outcome {
    let mut out = Outcome::default();
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("home")).unwrap();
    std::fs::write(dir.join("run.sh"), script(dir)).unwrap();
    let plans: Vec<Plan> = STEPS
        .iter()
        .enumerate()
        .map(|(i, (keys, _))| plan(dir, keys, REFERENCE_ROW - 1 + i))
        .collect();
    std::fs::write(dir.join("calibrate.sh"), calibration(&plans)).unwrap();
    let mut child = match start(display, emu, dir) {
        Ok(c) => c,
        Err(e) => {
            out.problems.push(format!("could not start: {e}"));
            return out;
        }
    };
    let result = drive(display, emu, dir, &plans, &mut out);
    if let Err(why) = result {
        out.problems.push(why);
    }
    kill(&mut child);
    for f in ["1-calibration.ppm", "2-reader.ppm", "3-after.ppm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    out
}

/// The steps inside the running emulator; `Err` where a step cannot go on.
fn drive(
    display: &Display,
    emu: &Emulator,
    dir: &Path,
    plans: &[Plan],
    out: &mut Outcome,
) -> Result<(), String> {
    if !wait_file(&dir.join("size"), 30 + emu.start_secs) {
        return Err("the emulator did not run the script".into());
    }
    let size = std::fs::read_to_string(dir.join("size")).unwrap_or_default();
    if size.split_whitespace().collect::<Vec<_>>() != [ROWS.to_string(), COLS.to_string()] {
        out.problems.push(format!(
            "the emulator is {size:?} (rows cols), not {ROWS} {COLS}"
        ));
    }
    std::fs::write(dir.join("go1"), "").unwrap();
    wait_file(&dir.join("calibrated"), 10);
    std::thread::sleep(Duration::from_millis(800));
    let shot = dir.join("1-calibration.ppm");
    display.screenshot(&shot)?;
    let calibration = Image::read_ppm(&shot)?;
    let grid =
        Grid::calibrate(&calibration, COLS, ROWS).map_err(|e| format!("calibration: {e}"))?;

    std::fs::write(dir.join("go2"), "").unwrap();
    wait_file(&dir.join("started"), 60);
    std::thread::sleep(Duration::from_secs(emu.start_secs.max(3)));
    out.mode = std::fs::read_to_string(dir.join("doctor.txt"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("mode").map(|m| m.trim().to_owned()))
        .unwrap_or_default();
    for (i, ((_, keys), plan)) in STEPS.iter().zip(plans).enumerate() {
        display.keys(keys);
        let inside =
            std::fs::read_to_string(dir.join(format!("expected-{i}.txt"))).unwrap_or_default();
        if inside != plan.expected {
            out.problems.push(format!(
                "step {i}: `qari screen --drawn` differs inside the terminal"
            ));
        }
        let (diffs, img) =
            reader_cells(display, dir, i, &grid, plan).ok_or("no screenshot of the reader")?;
        let rows: Vec<String> = diffs
            .iter()
            .enumerate()
            .filter(|(_, d)| **d > ROW_SLACK)
            .map(|(r, d)| format!("{r}:{d}"))
            .collect();
        out.rows_wrong += rows.len();
        if !rows.is_empty() {
            out.problems.push(format!(
                "step {i}, cells: rows with inked cells where blank (or the reverse), row:cells {}",
                rows.join(" ")
            ));
        }
        let (right, total) = letters_in_order(&img, &grid, &calibration, plan);
        out.words.0 += right;
        out.words.1 += total;
        if total == 0 || right * 10 < total * 9 {
            out.problems.push(format!(
                "step {i}, letters: {right} of {total} words have their letters in order"
            ));
        }
    }
    display.keys(&["q"]);
    out.problems.extend(restored(display, dir, &grid));
    Ok(())
}

#[test]
fn the_reader_is_right_in_real_terminals() {
    let tools = ["Xvfb", "xdotool", "import", "convert"];
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !installed(t)).collect();
    if !util::available(
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
        if !util::available(
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
