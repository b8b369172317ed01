//! `qari screen` as a command: output shape, the same screen as the library call, errors.

#![allow(clippy::unwrap_used)]

use std::process::Command;

fn qari(args: &[&str]) -> std::process::Output {
    // The search index (built by `screen` for `/`) goes to a temporary cache directory.
    let cache = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        // the English interface, whatever the machine's locale
        .env("LC_ALL", "C.UTF-8")
        .env("QARI_DATA_DIR", "/nonexistent/qari-test-must-not-write")
        .env("QARI_CACHE_DIR", cache.path())
        .output()
        .unwrap()
}

#[test]
fn prints_one_trimmed_line_per_row() {
    let out = qari(&["screen", "--size", "100x20", "--keys", "j<Enter>"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20);
    assert!(lines.iter().all(|l| !l.ends_with(' ')));
    assert!(
        lines[0].contains("Stories") && lines[0].contains("Reader"),
        "{text}"
    );
    assert!(
        lines[19].contains("2/"),
        "the second story is selected: {text}"
    );
}

#[test]
fn matches_the_library_replay_of_the_sample_archive() {
    use qari::app::App;
    use qari::input::parse_keys;
    use qari_core::bidi::Options;
    use qari_core::library::Library;
    use qari_core::library::state::Marks;
    let out = qari(&["screen", "--size", "90x16", "--keys", "jj<Enter><Tab>"]);
    let (library, errors) = Library::sample();
    let mut app = App::new(library, &errors, Marks::default(), Options::default());
    let keys = parse_keys("jj<Enter><Tab>").unwrap();
    // `qari screen` also fills the related panel's "Similar" section from the search index,
    // after every key, as the live reader does: the replay here does the same.
    let index = qari_core::search::SearchIndex::in_memory(app.library(), &mut |_| {}).unwrap();
    let expected = qari::ui::buffer_lines(&qari::tui::headless::replay_with(
        &mut app,
        &qari::ui::theme::Theme::default(),
        (90, 16),
        &keys,
        &mut |app, effect| {
            if let Some(id) = app.wants_similar() {
                let similar = index
                    .similar(app.library(), id, qari::app::search::SIMILAR_IN_PANEL)
                    .unwrap();
                app.update(qari::action::Action::Similar { id, similar });
            }
            effect
        },
    ))
    .join("\n")
        + "\n";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn q_stops_the_replay() {
    let with_q = qari(&["screen", "--size", "60x8", "--keys", "jqjj"]);
    let without = qari(&["screen", "--size", "60x8", "--keys", "j"]);
    assert_eq!(with_q.stdout, without.stdout);
}

#[test]
fn bad_arguments_are_reported() {
    let out = qari(&["screen", "--size", "100"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad --size \"100\""), "{err}");
    let out = qari(&["screen", "--keys", "<Nope>"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown key <Nope>"), "{err}");
}
