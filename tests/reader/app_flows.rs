//! Behaviour through `App::update`: every flow is keys in, state and effects out.

#![allow(clippy::unwrap_used)]

use crate::util;

use qari::action::Command;
use qari::app::related::{Section, Target};
use qari::app::{App, Effect, Focus};
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use util::{BOOKS, BUS, FILM, MARKETS, NOTES, WATER, app, press};

#[test]
fn starts_newest_first_with_the_first_story_open() {
    let app = app(100, 30);
    assert_eq!(
        app.list().order,
        vec![MARKETS, WATER, BOOKS, BUS, FILM, NOTES]
    );
    assert_eq!(app.list().selected, 0);
    assert_eq!(app.open_story(), Some(MARKETS));
    assert_eq!(app.focus(), Focus::List);
    // Opening at start is not reading: nothing is marked.
    assert!(app.marks().read.is_empty());
}

#[test]
fn enter_opens_the_selected_story_and_marks_it_read() {
    let mut app = app(100, 30);
    let effects = press(&mut app, "j<Enter>");
    assert_eq!(effects, vec![Effect::None, Effect::SaveMarks]);
    assert_eq!(app.open_story(), Some(WATER));
    assert_eq!(app.focus(), Focus::Reader);
    assert!(app.marks().is_read(WATER));
    // Moving in the list shows the story under the cursor, without marking it read
    // (issue 11: the reader and the list cursor always agree).
    press(&mut app, "<S-Tab>jj");
    assert_eq!(app.list().selected_id(), Some(BUS));
    assert_eq!(app.open_story(), Some(BUS));
    assert!(!app.marks().is_read(BUS));
}

#[test]
fn digits_follow_links_and_back_and_forward_retrace_them() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    press(&mut app, "2");
    assert_eq!(app.open_story(), Some(BUS));
    assert_eq!(
        app.list().selected_id(),
        Some(BUS),
        "the list follows the reader"
    );
    press(&mut app, "1");
    assert_eq!(app.open_story(), Some(WATER));
    press(&mut app, "<BS>");
    assert_eq!(app.open_story(), Some(BUS));
    press(&mut app, "<A-Left>");
    assert_eq!(app.open_story(), Some(WATER));
    // MARKETS, shown at start, was a preview, not a visit (issue 11): nothing before WATER.
    press(&mut app, "<A-Left>");
    assert_eq!(app.open_story(), Some(WATER));
    assert_eq!(app.message(), Some("Nothing to go back to"));
    press(&mut app, "<A-Right>");
    assert_eq!(app.open_story(), Some(BUS));
    // A new visit drops the forward history.
    press(&mut app, "<BS>1");
    assert_eq!(app.open_story(), Some(BOOKS));
    press(&mut app, "<A-Right>");
    assert_eq!(app.open_story(), Some(BOOKS));
}

#[test]
fn unresolved_and_missing_links_say_why() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>3");
    assert_eq!(app.open_story(), Some(WATER));
    assert_eq!(
        app.message(),
        Some("Link 3 is not in this archive; o opens its URL")
    );
    assert_eq!(app.reader().selected_link, Some(2));
    assert_eq!(
        press(&mut app, "o"),
        vec![Effect::OpenUrl("https://example.com/ar/dams".into())]
    );
    press(&mut app, "7");
    assert_eq!(
        app.message(),
        Some("This story has 3 links; there is no link 7")
    );
    assert_eq!(app.open_story(), Some(WATER));
}

#[test]
fn back_restores_the_scroll_position() {
    let mut app = app(100, 20);
    press(&mut app, "jj<Enter>");
    assert_eq!(app.open_story(), Some(BOOKS));
    press(&mut app, "<C-d><C-d>");
    let scrolled = app.reader().scroll;
    assert!(scrolled > 5, "{scrolled}");
    press(&mut app, "1");
    assert_eq!(app.open_story(), Some(WATER));
    assert_eq!(app.reader().scroll, 0, "a followed link opens at the top");
    press(&mut app, "<Space>");
    let water_scroll = app.reader().scroll;
    press(&mut app, "<BS>");
    assert_eq!(app.open_story(), Some(BOOKS));
    assert_eq!(app.reader().scroll, scrolled);
    press(&mut app, "<A-Right>");
    assert_eq!(app.reader().scroll, water_scroll);
}

#[test]
fn reader_keys_scroll_and_clamp() {
    let mut app = app(100, 20);
    press(&mut app, "jj<Enter>");
    let height = app.page_height(Focus::Reader);
    let lines = app.reader().line_count();
    assert!(lines > height, "the long story must scroll");
    press(&mut app, "G");
    assert_eq!(app.reader().scroll, lines - height);
    press(&mut app, "<PageDown>");
    assert_eq!(app.reader().scroll, lines - height, "clamped at the end");
    press(&mut app, "<PageUp>");
    assert_eq!(app.reader().scroll, lines - 2 * height);
    press(&mut app, "g");
    assert_eq!(app.reader().scroll, 0);
    press(&mut app, "<C-d>");
    assert_eq!(app.reader().scroll, height / 2);
    press(&mut app, "<C-u>");
    assert_eq!(app.reader().scroll, 0);
}

#[test]
fn reader_down_selects_visible_links_then_enter_follows() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    assert_eq!(app.reader().selected_link, None);
    // The inline link after the first paragraph is the first link on screen.
    press(&mut app, "<Down>");
    assert_eq!(app.reader().selected_link, Some(0));
    press(&mut app, "j");
    assert_eq!(app.reader().selected_link, Some(1));
    press(&mut app, "k");
    assert_eq!(app.reader().selected_link, Some(0));
    press(&mut app, "<Enter>");
    assert_eq!(app.open_story(), Some(BOOKS));
    press(&mut app, "<BS>");
    assert_eq!(
        app.reader().selected_link,
        Some(0),
        "the selection is remembered"
    );
}

#[test]
fn tab_cycles_focus_both_ways() {
    let mut app = app(100, 30);
    let mut seen = vec![app.focus()];
    for _ in 0..3 {
        press(&mut app, "<Tab>");
        seen.push(app.focus());
    }
    assert_eq!(
        seen,
        vec![Focus::List, Focus::Reader, Focus::Related, Focus::List]
    );
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Focus::Related);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn narrow_screens_show_one_pane_at_a_time() {
    let mut app = app(70, 20);
    assert!(app.screen().narrow);
    assert!(!app.screen().list.is_empty() && app.screen().reader.is_empty());
    press(&mut app, "<Tab>");
    assert!(app.screen().list.is_empty() && !app.screen().reader.is_empty());
    press(&mut app, "<Tab>");
    assert!(!app.screen().related.is_empty() && app.screen().reader.is_empty());
    // Enter in the list switches to the reader.
    press(&mut app, "<Tab>j<Enter>");
    assert_eq!(app.focus(), Focus::Reader);
    assert!(!app.screen().reader.is_empty());
    // Growing the terminal brings all panes back.
    app.update(Command::Resize {
        cols: 120,
        rows: 30,
    });
    assert!(
        !app.screen().narrow && !app.screen().list.is_empty() && !app.screen().related.is_empty()
    );
}

#[test]
fn related_lists_resolved_links_first_and_opens_them() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    let targets: Vec<Target> = app.related().entries.iter().map(|e| e.target).collect();
    assert_eq!(
        &targets[..3],
        &[
            Target::Link {
                index: 0,
                resolved: true
            },
            Target::Link {
                index: 1,
                resolved: true
            },
            Target::Link {
                index: 2,
                resolved: false
            },
        ]
    );
    assert!(
        app.related().entries[..3]
            .iter()
            .all(|e| e.section == Section::ReadAlso)
    );
    // Moving in the related panel selects the same link in the reader.
    press(&mut app, "<Tab>j");
    assert_eq!(app.focus(), Focus::Related);
    assert_eq!(app.reader().selected_link, Some(1));
    press(&mut app, "<Enter>");
    assert_eq!(app.open_story(), Some(BUS));
    assert_eq!(
        app.related().selected,
        0,
        "a new story starts at the top of the panel"
    );
}

#[test]
fn read_and_star_toggle_and_ask_to_be_saved() {
    let mut app = app(100, 30);
    assert_eq!(press(&mut app, "jr"), vec![Effect::None, Effect::SaveMarks]);
    assert!(app.marks().is_read(WATER));
    press(&mut app, "r");
    assert!(!app.marks().is_read(WATER));
    assert_eq!(press(&mut app, "s"), vec![Effect::SaveMarks]);
    assert!(app.marks().is_starred(WATER));
    // In the reader, the marks apply to the open story (the one under the list cursor).
    press(&mut app, "k<Tab>s");
    assert!(app.marks().is_starred(MARKETS));
    press(&mut app, "s");
    assert!(!app.marks().is_starred(MARKETS));
    assert_eq!(app.message(), Some("Star removed"));
}

#[test]
fn o_opens_story_urls_and_refuses_missing_ones() {
    let mut app = app(100, 30);
    assert_eq!(
        press(&mut app, "o"),
        vec![Effect::OpenUrl("https://example.com/en/markets".into())]
    );
    // The Hebrew story has no URL.
    assert_eq!(press(&mut app, "jjjo"), vec![Effect::None; 4]);
    assert_eq!(app.message(), Some("No URL for this"));
}

#[test]
fn help_overlay_swallows_keys_until_closed() {
    let mut app = app(100, 30);
    press(&mut app, "?");
    assert!(app.help().is_some());
    press(&mut app, "jj<Enter>");
    assert_eq!(app.list().selected, 0);
    assert_eq!(app.open_story(), Some(MARKETS));
    press(&mut app, "<Esc>");
    assert!(app.help().is_none());
    press(&mut app, "??");
    assert!(app.help().is_none());
    press(&mut app, "?");
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
}

#[test]
fn quit_keys() {
    let mut app = app(100, 30);
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
    assert_eq!(press(&mut app, "<C-c>"), vec![Effect::Quit]);
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut app = app(100, 20);
    let list = app.screen().list;
    // Third story row (inside the border).
    app.update(Command::Click {
        col: list.x + 5,
        row: list.y + 3,
    });
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.list().selected_id(), Some(BOOKS));
    press(&mut app, "<Enter>");
    let reader = app.screen().reader;
    app.update(Command::Wheel {
        col: reader.x + 3,
        row: reader.y + 3,
        down: true,
    });
    assert_eq!(app.reader().scroll, 3);
    let related = app.screen().related;
    app.update(Command::Click {
        col: related.x + 3,
        row: related.y + 2,
    });
    assert_eq!(app.focus(), Focus::Related);
    assert_eq!(app.related().selected, 0);
    // Clicking the status bar changes nothing.
    app.update(Command::Click { col: 1, row: 19 });
    assert_eq!(app.focus(), Focus::Related);
}

#[test]
fn clicking_a_link_in_the_reader_selects_it() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    let doc = app.reader().doc.clone().unwrap();
    let at = doc.link_lines[1].unwrap();
    let (cells, link) = doc.lines[at].link_cells[0].clone();
    assert_eq!(link, 1);
    let text = qari::app::layout::reader_text(app.screen().reader);
    let x = text.x + (doc.lines[at].line.indent + cells.start) as u16;
    app.update(Command::Click {
        col: x,
        row: text.y + (at - app.reader().scroll) as u16,
    });
    assert_eq!(app.reader().selected_link, Some(1));
    press(&mut app, "<Enter>");
    assert_eq!(app.open_story(), Some(BUS));
}

#[test]
fn an_empty_archive_is_calm() {
    let mut app = App::new(
        Library::default(),
        &[],
        Marks::default(),
        Options::default(),
    );
    app.update(Command::Resize {
        cols: 100,
        rows: 30,
    });
    assert_eq!(app.open_story(), None);
    let keys = "jkgG<Enter><Tab><Enter>123<BS><A-Right>orsq";
    let effects = press(&mut app, keys);
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert!(
        effects[..effects.len() - 1]
            .iter()
            .all(|e| *e == Effect::None)
    );
}

#[test]
fn load_failures_are_noted_in_the_status() {
    let errors = vec![
        qari_core::library::LoadError::new("a/b.json", qari_core::loader::Problem::Binary),
        qari_core::library::LoadError::new("c.txt", qari_core::loader::Problem::NoText),
    ];
    let app = App::new(
        util::library(),
        &errors,
        Marks::default(),
        Options::default(),
    );
    assert_eq!(
        app.load_note(),
        Some("2 files failed to load · E lists them")
    );
    assert_eq!(app.errors(), errors);
}

#[test]
fn similar_stories_join_the_related_panel_after_the_links() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    app.set_similar(vec![FILM, NOTES]);
    let sections: Vec<Section> = app.related().entries.iter().map(|e| e.section).collect();
    assert_eq!(sections.last(), Some(&Section::Similar));
    let first_similar = sections
        .iter()
        .position(|s| *s == Section::Similar)
        .unwrap();
    assert!(
        sections[..first_similar]
            .iter()
            .all(|s| *s != Section::Similar)
    );
    assert_eq!(
        app.related().entries[first_similar].target,
        Target::Similar(FILM)
    );
    press(&mut app, "<Tab><End><Up><Enter>");
    assert_eq!(app.open_story(), Some(FILM));
}

#[test]
fn a_resize_keeps_the_same_text_at_the_top_of_the_reader() {
    let mut app = app(200, 20);
    press(&mut app, "jj<Enter>");
    assert_eq!(app.open_story(), Some(BOOKS));
    press(&mut app, "<C-d>j");
    let top = |app: &App| {
        let doc = app.reader().doc.as_ref().unwrap();
        // The first line with text at or below the top of the pane.
        doc.lines[app.reader().scroll..]
            .iter()
            .find(|l| !l.line.clusters.is_empty())
            .map(|l| {
                (
                    l.kind,
                    l.line
                        .clusters
                        .iter()
                        .map(|c| c.logical.start)
                        .min()
                        .unwrap(),
                )
            })
            .unwrap()
    };
    let (kind, _) = top(&app);
    let before = app.reader().scroll;
    app.update(Command::Resize { cols: 70, rows: 20 });
    // Narrower: more lines, so the same paragraph is further down.
    assert!(
        app.reader().scroll > before,
        "{} <= {before}",
        app.reader().scroll
    );
    assert_eq!(top(&app).0, kind, "the same paragraph is at the top");
}

#[test]
fn help_scrolling_stops_at_the_last_page() {
    let mut app = app(100, 30);
    // 28 rows of help fit on a 30-row screen (the box has a border).
    let last = qari::input::help_rows().len() - 28;
    press(&mut app, "?");
    press(&mut app, &"j".repeat(last + 30));
    assert_eq!(app.help(), Some(last));
    // One `k` moves back at once: no invisible overshoot to climb out of.
    press(&mut app, "k");
    assert_eq!(app.help(), Some(last - 1));
}
