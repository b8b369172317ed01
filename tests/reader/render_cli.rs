//! `qari render` on whole files of our own news-like prose per script (the core's golden
//! files, `crates/qari-core/tests/data/golden/*.txt`): the bidi engine's output through the
//! binary, at three widths, unshaped and unwrapped. `QARI_BLESS=1` writes new golden files
//! (check them against GNU `FriBidi` first: the core's `bidi_fribidi` test lays out the same
//! files).

use std::path::Path;
use std::process::Command;

use qari_core::bidi;

const WIDTHS: [usize; 3] = [20, 40, 80];

fn render(file: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .arg("render")
        .args(args)
        .arg(file)
        .output()
        .expect("run qari render");
    assert!(
        out.status.success(),
        "qari render failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/qari-core/tests/data/golden");
    let bless = std::env::var_os("QARI_BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 6);
    let mut mismatches = Vec::new();
    for input in &names {
        let stem = input
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name");
        let mut runs: Vec<(String, Vec<String>)> = WIDTHS
            .iter()
            .map(|w| (format!("w{w}"), vec!["--width".to_string(), w.to_string()]))
            .collect();
        runs.push((
            "w40.noshape".into(),
            vec!["--width".into(), "40".into(), "--no-shape".into()],
        ));
        runs.push(("nowrap".into(), vec![]));
        for (tag, args) in runs {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let got = render(input, &args);
            let expected_path = dir.join(format!("{stem}.{tag}.out"));
            if bless {
                std::fs::write(&expected_path, &got).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if got != expected {
                mismatches.push(expected_path.display().to_string());
            }
            // Every rendered line fits the width.
            if let Some(w) = args.get(1).and_then(|w| w.parse::<usize>().ok()) {
                for line in got.lines() {
                    assert!(bidi::width(line) <= w, "{line:?} wider than {w}");
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden outputs differ: {mismatches:?}"
    );
}

#[test]
fn render_keeps_empty_lines_and_strips_controls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("in.txt");
    std::fs::write(&f, "abc\n\n\u{1b}[31mسلام\u{1b}[0m\tx\u{7}\r\n").expect("write");
    let out = render(&f, &["--no-shape"]);
    assert_eq!(out, "abc\n\nx مالس\n");
}
