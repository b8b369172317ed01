//! Read-later exports through the binary and the reader (issue 22): the export's read and
//! starred state is where its stories start and what the user changes wins; link-only
//! stories are marked in the list and say so in the reader; `list --json --text` gives every
//! story's text in one call.

use std::path::{Path, PathBuf};

use qari::action::{Action, Command};
use qari::app::{App, Effect};
use qari_core::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;

use crate::util::json_lines;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/qari-core/tests/fixtures/exports")
        .join(rel)
}

fn run(state: &Path, args: &[&str]) -> (String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_CACHE_DIR", state.join("cache"))
        .env("QARI_DATA_DIR", state.join("data"))
        .env("QARI_CONFIG_DIR", state.join("config"))
        .output()
        .expect("qari runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn list_json_gives_state_saved_dates_and_with_text_every_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = fixture("");
    let root = root.to_str().expect("utf-8 path");
    let (out, _) = run(dir.path(), &["list", root, "--json", "--sort", "newest"]);
    let listed = json_lines(&out);
    assert_eq!(listed.len(), 14);
    let row = |title: &str| {
        listed
            .iter()
            .find(|r| r["title"] == title)
            .unwrap_or_else(|| panic!("{title}"))
            .clone()
    };
    let canals = row("مزارعو الوادي يعودون إلى القنوات القديمة");
    assert_eq!(canals["read"], true, "the export's archived flag");
    assert_eq!(canals["starred"], true);
    assert_eq!(canals["saved"], "2025-02-14T20:05:00+03:00");
    assert_eq!(canals["link_only"], false);
    let lighthouse = row("Keeping a lighthouse in 2025");
    assert_eq!(lighthouse["link_only"], true);
    assert_eq!(lighthouse["starred"], true);
    assert_eq!(lighthouse["published"], serde_json::Value::Null);
    // newest first: undated stories fall by the day they were saved, after the dated ones
    // of the same days
    let order: Vec<&str> = listed
        .iter()
        .map(|r| r["title"].as_str().unwrap_or(""))
        .collect();
    let at = |t: &str| order.iter().position(|o| *o == t).expect("listed");
    assert!(at("A library opens at night for shift workers") < at("Keeping a lighthouse in 2025"));

    let (out, _) = run(dir.path(), &["list", root, "--json", "--text"]);
    let with_text = json_lines(&out);
    assert_eq!(with_text.len(), 14);
    let olive = with_text
        .iter()
        .find(|r| r["title"] == "موسم الزيتون يبدأ مبكرًا هذا العام")
        .expect("olive");
    assert_eq!(olive["body"].as_array().map(Vec::len), Some(4));
    assert_eq!(olive["paragraphs"], 4);
    let link = with_text
        .iter()
        .find(|r| r["title"] == "Keeping a lighthouse in 2025")
        .expect("lighthouse");
    assert_eq!(link["body"], serde_json::json!([]));
    for r in &with_text {
        assert_eq!(
            r["body"].as_array().map(Vec::len),
            r["paragraphs"]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok()),
            "{}",
            r["title"]
        );
    }
}

#[test]
fn a_link_only_story_is_marked_and_says_its_text_was_not_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("links");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::copy(
        fixture("instapaper-export.csv"),
        root.join("instapaper.csv"),
    )
    .expect("copy");
    let root = root.to_str().expect("utf-8 path");
    let (screen, _) = run(
        dir.path(),
        &["screen", "--size", "150x24", "--keys", "<Enter>", root],
    );
    assert!(
        screen.contains("Only the link to this story was saved, not its text: o opens it"),
        "{screen}"
    );
    // the newest saved first: the link opened is the last one added
    assert!(
        screen.contains("https://longform.example/choirs"),
        "{screen}"
    );
    let marked = screen.lines().filter(|l| l.contains('↗')).count();
    assert_eq!(marked, 4, "every link-only row is marked: {screen}");
}

#[test]
fn the_export_state_is_the_first_state_and_the_users_change_is_kept() {
    let (library, errors) = Library::load(&[fixture("wallabag_v2.json")]);
    assert!(errors.is_empty());
    let canals = library
        .stories()
        .iter()
        .find(|s| s.saved.read)
        .expect("an archived entry")
        .id;
    let mut app = App::loading(Marks::default(), Options::default());
    let effect = app.update(Action::loaded(library, &[]));
    assert_eq!(effect, Effect::SaveMarks, "the first state is saved once");
    assert!(app.marks().is_read(canals) && app.marks().is_starred(canals));
    // the user marks it unread and unstars it; a rescan brings the same export back
    app.update(Command::Resize {
        cols: 100,
        rows: 20,
    });
    let mut marks = app.marks().clone();
    marks.set_read(canals, false);
    marks.toggle_star(canals);
    let mut again = App::loading(marks, Options::default());
    let (library, _) = Library::load(&[fixture("wallabag_v2.json")]);
    assert_eq!(again.update(Action::loaded(library, &[])), Effect::None);
    assert!(!again.marks().is_read(canals) && !again.marks().is_starred(canals));
}
