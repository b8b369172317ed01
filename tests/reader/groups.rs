//! Groups in the reader (`app::groups`) over the core's labelled grouping fixtures: one row
//! per group with its count, `z` to show a group's stories, `Z` for every story, `x` to take
//! a story out of its group (kept across runs), reading one copy marks its copies read, the
//! unread filter works on groups, and the related panel's "Also in" and "Story so far".

use std::path::Path;

use qari::action::Command;
use qari::app::related::{Section, Target};
use qari::app::{App, Effect};
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::group::Tier;
use qari_core::library::state::Marks;
use qari_core::model::StoryId;

use crate::util::{json_lines, press};

fn library() -> Library {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/qari-core/tests/fixtures/grouping");
    let (library, errors) = Library::load(&[dir]);
    assert!(errors.is_empty(), "{errors:?}");
    library
}

fn app_with(marks: Marks) -> App {
    let mut app = App::new(library(), &[], marks, Options::default());
    app.update(Command::Resize {
        cols: 140,
        rows: 40,
    });
    app
}

fn titled(app: &App, start: &str) -> StoryId {
    app.library()
        .stories()
        .iter()
        .find(|s| s.title.starts_with(start))
        .map(|s| s.id)
        .expect("story")
}

/// The first list row that folds a group into it.
fn first_group_row(app: &App) -> StoryId {
    app.list()
        .order
        .iter()
        .copied()
        .find(|id| app.list().hidden.contains_key(id))
        .expect("a group's row")
}

/// The list row of `story`'s group at `tier` (its first story in the list's order).
fn row_of(app: &App, story: StoryId, tier: Tier) -> StoryId {
    app.list()
        .order
        .iter()
        .copied()
        .find(|id| app.library().grouped(story, tier).contains(id))
        .expect("the group's row")
}

/// Selects the row of `id` in the list.
fn select(app: &mut App, id: StoryId) {
    let pos = app
        .list()
        .order
        .iter()
        .position(|&i| i == id)
        .expect("listed");
    press(app, "g");
    for _ in 0..pos {
        press(app, "j");
    }
    assert_eq!(app.list().selected_id(), Some(id));
}

#[test]
fn the_list_shows_one_row_per_group_and_z_shows_its_stories() {
    let mut app = app_with(Marks::default());
    assert_eq!(app.library().len(), 30);
    let rows = app.list().order.len();
    assert!(rows < 30, "groups fold: {rows} rows");
    // the folded stories are still behind their rows
    assert_eq!(app.list().all_ids().count(), 30);
    // Z: every story on its own row, and back
    press(&mut app, "Z");
    assert_eq!(app.list().order.len(), 30);
    assert!(app.message().is_some_and(|m| m.contains("own row")));
    press(&mut app, "Z");
    assert_eq!(app.list().order.len(), rows);
    // z on the Van earthquake's row lists its two other copies under it
    let van = app
        .list()
        .order
        .iter()
        .copied()
        .find(|&id| {
            app.list().hidden.get(&id).is_some_and(|h| h.len() == 2)
                && app.library().get(id).is_some_and(|s| s.lang == "en")
        })
        .expect("the Van group's row");
    select(&mut app, van);
    press(&mut app, "z");
    assert_eq!(app.list().order.len(), rows + 2);
    assert_eq!(app.list().members.len(), 2);
    press(&mut app, "z");
    assert_eq!(app.list().order.len(), rows);
    assert_eq!(
        app.list().selected_id(),
        Some(van),
        "folding keeps the group's row selected"
    );
}

#[test]
fn reading_one_copy_marks_its_copies_read_but_not_other_write_ups() {
    let mut app = app_with(Marks::default());
    let sana = titled(&app, "افتتاح محطة لتحلية");
    let copies: Vec<StoryId> = app.library().grouped(sana, Tier::Copy).to_vec();
    assert_eq!(copies.len(), 3);
    let row = row_of(&app, sana, Tier::Copy);
    select(&mut app, row);
    assert_eq!(press(&mut app, "<Enter>"), vec![Effect::SaveMarks]);
    for c in &copies {
        assert!(app.marks().is_read(*c), "every copy read");
    }
    let own = titled(&app, "أهالي جنوب اللاذقية");
    assert!(
        !app.marks().is_read(own),
        "a write-up of its own stays unread"
    );
    // with copies_read off, only the story opened
    let mut app = app_with(Marks::default());
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings {
        copies_read: false,
        ..settings
    });
    select(&mut app, row);
    press(&mut app, "<Enter>");
    assert_eq!(
        copies.iter().filter(|c| app.marks().is_read(**c)).count(),
        1
    );
}

#[test]
fn x_takes_a_story_out_of_its_group_and_it_stays_out_in_the_next_run() {
    let mut app = app_with(Marks::default());
    let rows = app.list().order.len();
    let row = first_group_row(&app);
    select(&mut app, row);
    assert_eq!(press(&mut app, "x"), vec![Effect::SaveMarks]);
    assert!(app.marks().ungrouped.contains(&row));
    assert_eq!(app.list().order.len(), rows + 1, "its own row now");
    // the next run starts from the saved marks
    let marks = app.marks().clone();
    let app = app_with(marks);
    assert_eq!(app.list().order.len(), rows + 1);
    // and x again puts it back
    let mut app = app;
    select(&mut app, row);
    press(&mut app, "x");
    assert_eq!(app.list().order.len(), rows);
}

#[test]
fn unread_only_lists_a_group_while_any_of_its_stories_is_unread() {
    let mut app = app_with(Marks::default());
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings {
        copies_read: false,
        ..settings
    });
    let row = first_group_row(&app);
    let members: Vec<StoryId> = std::iter::once(row)
        .chain(app.list().hidden[&row].iter().copied())
        .collect();
    select(&mut app, row);
    press(&mut app, "r");
    press(&mut app, "U");
    assert!(
        !app.list().order.contains(&row),
        "the read story is not shown"
    );
    assert!(
        app.list().order.iter().any(|id| members.contains(id)),
        "its unread copies still are, on one row"
    );
    assert_eq!(
        app.list()
            .order
            .iter()
            .filter(|id| members.contains(id))
            .count(),
        1
    );
}

#[test]
fn the_related_panel_lists_the_copies_by_source_and_the_story_so_far() {
    let mut app = app_with(Marks::default());
    let sana = titled(&app, "افتتاح محطة لتحلية");
    let row = row_of(&app, sana, Tier::Copy);
    select(&mut app, row);
    let also: Vec<&qari::app::related::Entry> = app
        .related()
        .entries
        .iter()
        .filter(|e| e.section == Section::AlsoIn)
        .collect();
    assert_eq!(also.len(), 2, "the two other copies");
    assert!(also.iter().all(|e| matches!(e.target, Target::Grouped(_))));
    // the Persian metro story: its copies and the other paper's own write-up
    let metro = titled(&app, "خط دوم متروی تبریز");
    let row = row_of(&app, metro, Tier::Event);
    select(&mut app, row);
    let sections: Vec<Section> = app.related().entries.iter().map(|e| e.section).collect();
    assert!(
        sections.iter().filter(|s| **s == Section::AlsoIn).count() >= 2,
        "{sections:?}"
    );
}

/// Runs the binary on the grouping fixtures; stdout.
fn qari(state: &Path, args: &[&str]) -> String {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/qari-core/tests/fixtures/grouping");
    let out = crate::util::qari_command(state)
        .args(args)
        .arg(&dir)
        .output()
        .expect("qari runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn list_json_names_each_storys_copy_group_event_and_thread() {
    let state = tempfile::tempdir().expect("tempdir");
    let rows = json_lines(&qari(state.path(), &["list", "--json"]));
    assert_eq!(rows.len(), 30);
    let by_title = |t: &str| {
        rows.iter()
            .find(|r| r["title"].as_str().is_some_and(|s| s.starts_with(t)))
            .expect(t)
    };
    let first = by_title("Magnitude 6.1");
    let copy = by_title("Deadly quake");
    let own = by_title("In Erciş");
    assert_eq!(
        first["copy_of"],
        serde_json::Value::Null,
        "the first copy is no one's copy"
    );
    assert_eq!(first["copies"], 2);
    assert_eq!(copy["copy_of"], first["id"]);
    assert_eq!(copy["event"], first["id"]);
    assert_eq!(own["copies"], 0);
    assert_ne!(by_title("Magnitude 5.9")["event"], first["event"]);
    // grouped: one object per group, its first story first
    let groups = json_lines(&qari(state.path(), &["list", "--json", "--grouped"]));
    assert!(groups.len() < 30);
    assert_eq!(
        groups
            .iter()
            .map(|g| g["size"].as_u64().expect("size"))
            .sum::<u64>(),
        30
    );
    let van = groups
        .iter()
        .find(|g| {
            g["stories"][0]["id"] == first["id"]
                || g["stories"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|m| m["id"] == first["id"]))
        })
        .expect("the Van group");
    assert_eq!(van["size"], 3);
    // the text listing indents a group's other stories under its first
    let text = qari(state.path(), &["list", "--grouped"]);
    assert_eq!(text.lines().count(), 30);
    assert!(text.lines().filter(|l| l.starts_with("  ↳ ")).count() >= 10);
}

#[test]
fn related_lists_the_copies_event_and_thread_before_similar_stories() {
    let state = tempfile::tempdir().expect("tempdir");
    let rows = json_lines(&qari(state.path(), &["list", "--json"]));
    let sana = rows
        .iter()
        .find(|r| {
            r["title"]
                .as_str()
                .is_some_and(|s| s.starts_with("افتتاح محطة لتحلية"))
        })
        .expect("sana");
    let id = sana["id"].as_str().expect("id");
    let related = json_lines(&qari(state.path(), &["related", id, "--json"]));
    let relations: Vec<&str> = related
        .iter()
        .map(|r| r["relation"].as_str().expect("relation"))
        .collect();
    assert_eq!(&relations[..2], ["copy", "copy"], "{relations:?}");
    assert!(relations[2..].iter().all(|r| *r != "copy"));
    assert!(
        related.iter().all(|r| r["id"] != sana["id"]),
        "never the story itself"
    );
}

#[test]
fn no_group_lists_every_story_in_the_reader() {
    let state = tempfile::tempdir().expect("tempdir");
    let grouped = qari(state.path(), &["screen", "--size", "100x12"]);
    let every = qari(state.path(), &["screen", "--size", "100x12", "--no-group"]);
    assert!(grouped.contains("Stories (16"), "{grouped}");
    assert!(every.contains("Stories (30"), "{every}");
}

#[test]
fn search_shows_a_group_once_with_the_number_of_its_other_hits() {
    let state = tempfile::tempdir().expect("tempdir");
    // the Van copies all say "Erciş"; the Kermanshah stories do not
    let hits = json_lines(&qari(state.path(), &["search", "earthquake", "--json"]));
    let van: Vec<&serde_json::Value> = hits
        .iter()
        .filter(|h| {
            h["title"]
                .as_str()
                .is_some_and(|t| t.contains("6.1") || t.contains("Deadly") || t.contains("14 dead"))
        })
        .collect();
    assert_eq!(van.len(), 1, "one row for the three copies: {hits:?}");
    assert!(
        van[0]["group_hits"].as_u64().is_some_and(|n| n >= 1),
        "{:?}",
        van[0]
    );
    let ids: std::collections::HashSet<&str> =
        hits.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids.len(), hits.len());
}

#[test]
fn u_opens_the_unread_story_of_a_group_whose_shown_story_is_read() {
    let app = app_with(Marks::default());
    let row = first_group_row(&app);
    let unread = app.list().hidden[&row][0];
    // every story read but one that is folded into its group's row
    let mut marks = Marks::default();
    for s in app.library().stories().iter().filter(|s| s.id != unread) {
        marks.set_read(s.id, true);
    }
    let mut app = app_with(marks);
    press(&mut app, "u");
    assert_eq!(
        app.open_story(),
        Some(unread),
        "the group's unread story opened"
    );
    assert_eq!(
        app.list().selected_id(),
        Some(unread),
        "and selected, its group shown"
    );
    assert!(app.list().members.contains(&unread));
}
