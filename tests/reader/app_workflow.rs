//! The daily-reading workflow through `App` (issue 11): one story at a time, the dwell rule,
//! next unread, unread / starred only, mark all read and its undo, the filter prompt, the sort
//! cycle, search in the reader, the overlays, load failures, copying, session restore.

#![allow(clippy::unwrap_used)]

use crate::util;

use std::time::Duration;

use qari::action::{Action, Command};
use qari::app::{App, Effect, Focus};
use qari_core::bidi::Options;
use qari_core::library::LoadError;
use qari_core::library::state::Marks;
use qari_core::loader::Problem;
use qari_core::loader::problem::{RecordAt, RecordProblem};
use util::{BOOKS, BUS, FILM, MARKETS, NOTES, WATER, app, press};

fn screen_text(app: &App, cols: u16, rows: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, cols, rows);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    qari::ui::render(
        &qari::ui::View {
            app,
            theme: &qari::ui::theme::Theme::default(),
        },
        area,
        &mut buf,
    );
    qari::ui::buffer_lines(&buf).join("\n")
}

#[test]
fn the_reader_previews_the_story_under_the_cursor_without_marking_it() {
    let mut app = app(100, 30);
    // at start the first story is shown and stays unread (bug 9)
    assert_eq!(app.open_story(), Some(MARKETS));
    assert!(app.marks().read.is_empty());
    press(&mut app, "jj");
    assert_eq!(app.list().selected_id(), Some(BOOKS));
    assert_eq!(
        app.open_story(),
        Some(BOOKS),
        "the reader follows the cursor"
    );
    assert!(app.marks().read.is_empty(), "a preview is not reading");
    assert_eq!(app.focus(), Focus::List);
    // Enter opens it: read, and the reader takes the keys
    assert_eq!(press(&mut app, "<Enter>"), vec![Effect::SaveMarks]);
    assert!(app.marks().is_read(BOOKS));
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn a_story_that_stays_on_screen_for_the_dwell_time_is_read() {
    let mut app = app(100, 30);
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings {
        dwell: Some(Duration::from_secs(3)),
        ..settings
    });
    assert_eq!(app.dwell_remaining(), Some(Duration::from_secs(3)));
    assert_eq!(app.update(Command::Elapsed { ms: 2000 }), Effect::None);
    assert!(!app.marks().is_read(MARKETS));
    assert_eq!(app.dwell_remaining(), Some(Duration::from_secs(1)));
    // moving on before the time is up: the next story starts from zero, and the time the
    // owner reports next was spent on it
    press(&mut app, "j");
    assert_eq!(app.dwell_remaining(), Some(Duration::from_secs(3)));
    assert_eq!(app.update(Command::Elapsed { ms: 2500 }), Effect::None);
    assert!(!app.marks().is_read(WATER) && !app.marks().is_read(MARKETS));
    assert_eq!(app.dwell_remaining(), Some(Duration::from_millis(500)));
    assert_eq!(app.update(Command::Elapsed { ms: 499 }), Effect::None);
    assert_eq!(app.update(Command::Elapsed { ms: 1 }), Effect::SaveMarks);
    assert!(app.marks().is_read(WATER));
    assert!(!app.marks().is_read(MARKETS));
    assert_eq!(app.dwell_remaining(), None, "nothing left to wait for");
    // without a dwell time only opening marks a story read
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings {
        dwell: None,
        ..settings
    });
    press(&mut app, "j");
    app.update(Command::Elapsed { ms: 60_000 });
    assert!(!app.marks().is_read(BOOKS));
    assert_eq!(app.dwell_remaining(), None);
}

#[test]
fn following_a_link_focuses_the_reader() {
    let mut app = app(100, 30);
    press(&mut app, "j");
    assert_eq!(app.focus(), Focus::List);
    press(&mut app, "2");
    assert_eq!(app.open_story(), Some(BUS));
    assert_eq!(
        app.focus(),
        Focus::Reader,
        "bug 9: Space must page the reader"
    );
    assert_eq!(app.list().selected_id(), Some(BUS));
}

#[test]
fn u_opens_the_next_unread_story_and_counts_what_is_left() {
    let mut app = app(100, 30);
    let mut marks = app.marks().clone();
    marks.set_read(WATER, true);
    marks.set_read(BOOKS, true);
    app.update(Action::MarksSaved(marks));
    press(&mut app, "u");
    // MARKETS is on screen already: the next unread after the cursor is BUS
    assert_eq!(app.open_story(), Some(BUS));
    assert!(app.marks().is_read(BUS));
    assert_eq!(app.list().selected_id(), Some(BUS));
    assert_eq!(app.message(), Some("3 unread stories left"));
    press(&mut app, "u");
    assert_eq!(app.open_story(), Some(FILM));
    press(&mut app, "uu");
    assert_eq!(app.open_story(), Some(MARKETS), "wraps around");
    assert_eq!(app.message(), Some("That was the last unread story"));
    press(&mut app, "u");
    assert_eq!(app.message(), Some("No unread story in this list"));
}

#[test]
fn unread_counts_are_in_the_list_title_and_the_status_bar() {
    let mut app = app(100, 30);
    press(&mut app, "j<Enter>");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("Stories (6 · 5 unread)"), "{text}");
    assert!(text.contains("6 stories · 5 unread"), "{text}");
}

#[test]
fn unread_only_drops_read_stories_at_once_and_comes_back() {
    let mut app = app(100, 30);
    let mut marks = app.marks().clone();
    marks.set_read(WATER, true);
    marks.set_read(FILM, true);
    app.update(Action::MarksSaved(marks));
    press(&mut app, "U");
    assert_eq!(app.list().order, vec![MARKETS, BOOKS, BUS, NOTES]);
    assert!(screen_text(&app, 100, 30).contains("Stories (4 · 4 unread) · unread"));
    press(&mut app, "U");
    assert_eq!(app.list().order.len(), 6);
    // starred only
    let mut marks = app.marks().clone();
    marks.toggle_star(BUS);
    app.update(Action::MarksSaved(marks));
    press(&mut app, "*");
    assert_eq!(app.list().order, vec![BUS]);
    assert_eq!(
        app.open_story(),
        Some(BUS),
        "the reader shows the selection"
    );
    press(&mut app, "*");
    assert_eq!(app.list().order.len(), 6);
    assert_eq!(app.list().selected_id(), Some(BUS), "the selection stays");
}

#[test]
fn mark_all_read_then_undo_right_after() {
    let mut app = app(100, 30);
    let mut marks = app.marks().clone();
    marks.set_read(WATER, true);
    app.update(Action::MarksSaved(marks));
    assert_eq!(press(&mut app, "A"), vec![Effect::SaveMarks]);
    assert_eq!(app.marks().read.len(), 6);
    assert_eq!(
        app.message(),
        Some("Marked 5 stories read · A again undoes")
    );
    assert_eq!(press(&mut app, "A"), vec![Effect::SaveMarks]);
    // only what A marked is unread again
    assert_eq!(
        app.marks().read.iter().copied().collect::<Vec<_>>(),
        vec![WATER]
    );
    // the undo is only for the very next key
    press(&mut app, "Aj");
    press(&mut app, "A");
    assert_eq!(app.message(), Some("Every story here is read already"));
    assert_eq!(app.marks().read.len(), 6);
    // in unread-only view the stories leave the list, and come back with the undo
    let mut app = util::app(100, 30);
    press(&mut app, "UA");
    assert!(app.list().order.is_empty());
    press(&mut app, "A");
    assert_eq!(app.list().order.len(), 6);
}

#[test]
fn the_filter_prompt_combines_words_and_shows_them_in_the_title() {
    let mut app = app(160, 30);
    let mut marks = app.marks().clone();
    marks.set_read(WATER, true);
    app.update(Action::MarksSaved(marks));
    press(&mut app, "flang:ar unread<Enter>");
    assert!(app.filter_prompt().is_none());
    assert_eq!(app.list().order, vec![BOOKS]);
    let text = screen_text(&app, 160, 30);
    assert!(
        text.contains("Stories (1 · 1 unread) · lang:ar unread"),
        "{text}"
    );
    // f again starts from the filter; Ctrl-u clears it; a since: day
    press(&mut app, "f<C-u>since:2024-05-02<Enter>");
    assert_eq!(app.list().order, vec![MARKETS, WATER, BOOKS]);
    // source names are folded: the Arabic source without its article's diacritics
    press(&mut app, "f<C-u>source:وكالة<Enter>");
    assert_eq!(app.list().order, vec![BOOKS]);
    // a bad word keeps the prompt open with what is accepted
    press(&mut app, "f<C-u>colour:red<Enter>");
    assert!(app.filter_prompt().is_some());
    assert!(app.message().is_some_and(|m| m.contains("since:")));
    press(&mut app, "<Esc>");
    assert!(app.filter_prompt().is_none());
    // an empty filter shows everything again
    press(&mut app, "f<C-u><Enter>");
    assert_eq!(app.list().order.len(), 6);
    // while typing, the status bar is the prompt
    press(&mut app, "flang:");
    let text = screen_text(&app, 160, 30);
    assert!(
        text.lines().last().unwrap().starts_with("filter: lang:"),
        "{text}"
    );
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    let mut app = app(100, 30);
    press(&mut app, "flang:ur<Enter>");
    assert!(app.list().order.is_empty());
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("No story passes “lang:ur”"), "{text}");
    assert!(!text.contains("No stories in this archive"));
}

#[test]
fn s_cycles_the_sort_and_keeps_the_selection() {
    let mut app = app(100, 30);
    press(&mut app, "jj");
    assert_eq!(app.list().selected_id(), Some(BOOKS));
    press(&mut app, "S");
    assert_eq!(
        app.list().order,
        vec![FILM, BUS, BOOKS, WATER, MARKETS, NOTES]
    );
    assert_eq!(app.list().selected_id(), Some(BOOKS));
    assert_eq!(app.message(), Some("Sorted by oldest"));
    assert!(screen_text(&app, 100, 30).contains("Stories (6 · 6 unread) · oldest"));
    press(&mut app, "S");
    assert_eq!(app.view().sort.name(), "source");
    press(&mut app, "S");
    assert_eq!(app.view().sort.name(), "title");
    press(&mut app, "S");
    assert_eq!(app.view().sort.name(), "newest");
    assert_eq!(
        app.list().order,
        vec![MARKETS, WATER, BOOKS, BUS, FILM, NOTES]
    );
}

#[test]
fn overlays_page_and_say_when_more_follows() {
    // bug 10: at 70×20 the help is cut; it now says so and pages with Space and G
    let mut app = app(70, 20);
    press(&mut app, "?");
    let text = screen_text(&app, 70, 20);
    assert!(text.contains("↓ "), "{text}");
    assert!(text.contains("more"), "{text}");
    press(&mut app, "<Space>");
    let rows = qari::input::help_rows().len();
    assert_eq!(
        app.help(),
        Some(18.min(rows - 18)),
        "a page of 18 rows, never past the end"
    );
    press(&mut app, "G");
    let text = screen_text(&app, 70, 20);
    assert!(text.contains("↑ "), "{text}");
    assert!(!text.contains("↓ "), "{text}");
    assert!(text.contains("quit"), "the last row is shown: {text}");
    press(&mut app, "g");
    assert_eq!(app.help(), Some(0));
    press(&mut app, "<Esc>");
    assert!(app.help().is_none());
}

fn line(n: usize, why: RecordProblem) -> Problem {
    Problem::Record {
        at: RecordAt::Line(n),
        why,
    }
}

fn errors() -> Vec<LoadError> {
    let syntax = RecordProblem::Syntax {
        detail: "expected value at line 1 column 1".into(),
        line: 1,
        column: 1,
    };
    vec![
        LoadError::new("feeds/day.jsonl", line(2, syntax)),
        LoadError::new("feeds/day.jsonl", line(5, RecordProblem::NoTitle)),
        LoadError::new("feeds/day.jsonl", line(9, RecordProblem::NotAnObject)),
        LoadError::new("pages/empty.txt", Problem::NoText),
    ]
}

#[test]
fn load_failures_count_files_and_e_lists_every_one() {
    // bug 11: three bad records of one JSON Lines file are one file
    let mut app = App::new(
        util::library(),
        &errors(),
        Marks::default(),
        Options::default(),
    );
    app.update(Command::Resize {
        cols: 100,
        rows: 30,
    });
    assert_eq!(
        app.load_note(),
        Some("2 files failed to load (4 problems) · E lists them")
    );
    press(&mut app, "E");
    assert_eq!(app.errors_panel(), Some(0));
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("4 failed to load"), "{text}");
    for e in errors() {
        assert!(text.contains(&e.reason()), "{text}");
    }
    press(&mut app, "<Esc>");
    assert_eq!(app.errors_panel(), None);
    let one = vec![
        LoadError::new("a.jsonl", line(1, RecordProblem::NoTitle)),
        LoadError::new("a.jsonl", line(2, RecordProblem::NotAnObject)),
    ];
    let app = App::new(util::library(), &one, Marks::default(), Options::default());
    assert_eq!(
        app.load_note(),
        Some("2 problems in \u{2068}a.jsonl\u{2069} · E lists them")
    );
    let mut app = util::app(100, 30);
    press(&mut app, "E");
    assert_eq!(app.errors_panel(), None);
    assert_eq!(app.message(), Some("Every file loaded"));
}

#[test]
fn the_reader_header_shows_the_author() {
    let mut stories = util::stories();
    stories[0].meta.author = Some("سلمى الراشد".into());
    let mut app = App::new(
        qari_core::library::Library::from_stories(stories),
        &[],
        Marks::default(),
        Options {
            shape: false,
            ..Options::default()
        },
    );
    app.update(Command::Resize {
        cols: 120,
        rows: 30,
    });
    press(&mut app, "j");
    assert_eq!(app.open_story(), Some(WATER));
    let text = screen_text(&app, 120, 30);
    let visual: String = "سلمى الراشد".chars().rev().collect();
    assert!(text.contains(&visual), "{text}");
}

#[test]
fn y_copies_the_selected_link_or_the_story_url() {
    let mut app = app(100, 30);
    assert_eq!(
        press(&mut app, "y"),
        vec![Effect::Copy("https://example.com/en/markets".into())]
    );
    // the Hebrew story has no URL
    assert_eq!(press(&mut app, "jjjy"), vec![Effect::None; 4]);
    assert_eq!(app.message(), Some("No URL to copy here"));
    // in the reader, the selected link's URL
    press(&mut app, "kk<Enter>");
    assert_eq!(app.open_story(), Some(WATER));
    press(&mut app, "jjj");
    let link = app.reader().selected_link;
    assert!(link.is_some());
    let effects = press(&mut app, "y");
    assert!(matches!(&effects[0], Effect::Copy(_)), "{effects:?}");
}

#[test]
fn a_session_comes_back_where_it_was_left() {
    let mut app = app(100, 20);
    press(&mut app, "flang:ar<Enter>S");
    press(&mut app, "G<Enter>");
    let open = app.open_story().unwrap();
    press(&mut app, "<C-d>");
    let scroll = app.reader().scroll;
    assert!(scroll > 0);
    let session = app.session();
    assert_eq!(session.filter, "lang:ar");
    assert_eq!(session.sort, "oldest");
    let mut next = util::app(100, 20);
    next.update(Action::Loaded {
        library: next.library_arc(),
        errors: Vec::new(),
        session: Some(session.clone()),
    });
    assert_eq!(next.open_story(), Some(open));
    assert_eq!(next.reader().scroll, scroll);
    assert_eq!(next.list().selected_id(), Some(open));
    assert_eq!(next.view().filter.to_string(), "lang:ar");
    assert_eq!(next.view().sort.name(), "oldest");
    assert!(!next.marks().is_read(open), "restoring is not reading");
    // a story that is gone is not restored; the rest is
    let mut gone = session.clone();
    gone.story = Some(qari_core::model::StoryId(0xdead));
    let mut next = util::app(100, 20);
    next.update(Action::Loaded {
        library: next.library_arc(),
        errors: Vec::new(),
        session: Some(gone),
    });
    assert_ne!(next.open_story(), Some(qari_core::model::StoryId(0xdead)));
}
