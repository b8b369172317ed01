//! Whole screens at fixed sizes, as `qari screen` prints them (text only; styles are checked
//! in `screen_styles`), and the promise that any size renders without panicking.

#![allow(clippy::unwrap_used)]

use crate::util;

use proptest::prelude::*;
use qari::action::Command;
use qari::app::App;
use qari::input::parse_keys;
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use util::screen;

#[test]
fn arabic_story() {
    // Second newest: the Arabic story with an inline link, a resolved and an unresolved one.
    insta::assert_snapshot!("arabic", screen(100, 30, "j<Enter>"));
}

#[test]
fn hebrew_story() {
    insta::assert_snapshot!("hebrew", screen(100, 24, "jjj<Enter>"));
}

#[test]
fn mixed_story() {
    // The newest story, open at start: English with an Arabic phrase in title and body.
    insta::assert_snapshot!("mixed", screen(100, 24, ""));
}

#[test]
fn persian_story_scrolled_in_the_related_panel() {
    insta::assert_snapshot!("persian", screen(96, 20, "jjjj<Enter><Tab>"));
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!("help", screen(100, 32, "?"));
}

#[test]
fn narrow_list() {
    insta::assert_snapshot!("narrow_list", screen(60, 16, ""));
}

#[test]
fn narrow_reader() {
    insta::assert_snapshot!("narrow_reader", screen(60, 16, "j<Enter>"));
}

#[test]
fn one_by_one() {
    insta::assert_snapshot!("one_by_one", screen(1, 1, "j<Enter>?"));
}

#[test]
fn empty_archive() {
    let mut app = App::new(
        Library::default(),
        &[],
        Marks::default(),
        Options::default(),
    );
    let lines = qari::tui::headless::replay(&mut app, 100, 12, &[]).join("\n");
    insta::assert_snapshot!("empty", lines);
}

/// What every frame must be, whatever its size: no row wider than the terminal (a width
/// miscounted anywhere — a wide character in a one-cell slot, a cluster split — shows here),
/// nothing invisible or control-like sent to a cell, and at a usable size the status bar's
/// story count on the last row (when no overlay covers it).
fn assert_fits(lines: &[String], cols: u16, rows: u16, status_bar: bool) {
    for (i, line) in lines.iter().enumerate() {
        assert!(
            qari_core::bidi::width(line) <= usize::from(cols),
            "row {i} is {} cells wide at {cols}x{rows}: {line:?}",
            qari_core::bidi::width(line)
        );
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || qari_core::bidi::is_invisible(c)),
            "row {i} holds a control or invisible character: {line:?}"
        );
    }
    if status_bar && cols >= 60 && rows >= 5 {
        let status = lines.last().expect("rows");
        assert!(
            status.contains(&util::stories().len().to_string()),
            "status bar at {cols}x{rows}: {status:?}"
        );
    }
}

#[test]
fn every_small_size_renders() {
    // Every width up to 12, then a spread up to 130 (across the 90-column switch).
    let widths: Vec<u16> = (1..=12)
        .chain((20..=130).step_by(11))
        .chain([89, 90])
        .collect();
    for keys_text in ["", "j<Enter><Tab>", "?", "jj<Enter>G"] {
        let keys = parse_keys(keys_text).unwrap();
        for &cols in &widths {
            for rows in [1, 2, 3, 5, 8, 13, 40] {
                let mut app = util::app(cols, rows);
                let lines = qari::tui::headless::replay(&mut app, cols, rows, &keys);
                assert_fits(&lines, cols, rows, !keys_text.contains('?'));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(64))]
    #[test]
    fn random_keys_and_resizes_never_panic(
        keys in proptest::collection::vec(0usize..KEYS.len(), 0..40),
        sizes in proptest::collection::vec((1u16..140, 1u16..50), 1..4),
    ) {
        let mut app = util::app(sizes[0].0, sizes[0].1);
        for (i, k) in keys.iter().enumerate() {
            if i % 10 == 9 {
                let (cols, rows) = sizes[(i / 10) % sizes.len()];
                app.update(Command::Resize { cols, rows });
            }
            let key = parse_keys(KEYS[*k]).unwrap()[0];
            if app.key(key) == qari::app::Effect::Quit {
                break;
            }
        }
        let (cols, rows) = (app.screen().area.width.max(1), app.screen().area.height.max(1));
        let lines = qari::tui::headless::replay(&mut app, cols, rows, &[]);
        assert_fits(&lines, cols, rows, false);
    }
}

/// `cases` cases, and no regression file written beside the sources (tests write only to
/// temporary directories; a failure prints its minimal input).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "<PageDown>",
    "<PageUp>",
    "<C-d>",
    "<C-u>",
    "<Enter>",
    "<Tab>",
    "<S-Tab>",
    "1",
    "2",
    "3",
    "<BS>",
    "<A-Right>",
    "r",
    "s",
    "?",
    "<Esc>",
    "o",
    "<Space>",
];

/// Styles the text snapshots cannot show: the selected link is reversed, unresolved links are
/// dim, unread stories are bold, read ones are not.
#[test]
fn screen_styles() {
    use ratatui::buffer::Buffer;
    use ratatui::style::Modifier;
    let mut app = util::app(100, 30);
    util::press(&mut app, "j<Enter>j");
    assert_eq!(app.reader().selected_link, Some(0));
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    qari::ui::render(
        &qari::ui::View {
            app: &app,
            theme: &qari::ui::theme::Theme::default(),
        },
        area,
        &mut buf,
    );
    let doc = app.reader().doc.as_ref().unwrap();
    let text = qari::app::layout::reader_text(app.screen().reader);
    let modifiers_of = |link: usize| {
        let at = doc.link_lines[link].unwrap();
        let line = &doc.lines[at];
        let y = text.y + (at - app.reader().scroll) as u16;
        line.link_cells
            .iter()
            .flat_map(|(cells, _)| cells.clone())
            .map(|x| buf[(text.x + (line.line.indent + x) as u16, y)].modifier)
            .collect::<Vec<_>>()
    };
    let selected = modifiers_of(0);
    assert!(!selected.is_empty());
    assert!(selected.iter().all(|m| m.contains(Modifier::REVERSED)));
    let resolved = modifiers_of(1);
    assert!(
        resolved
            .iter()
            .all(|m| m.contains(Modifier::UNDERLINED) && !m.contains(Modifier::REVERSED))
    );
    let unresolved = modifiers_of(2);
    assert!(unresolved.iter().all(|m| m.contains(Modifier::DIM)));
    // The list: row 2 (the Arabic story, just read) is not bold; row 1 (unread) is.
    let list = qari::app::layout::inner(app.screen().list);
    let title_x = list.x + 20;
    assert!(buf[(title_x, list.y)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(title_x, list.y + 1)].modifier.contains(Modifier::BOLD));
}

/// Characters that make hostile article text: every script the reader handles, combining
/// marks, wide and zero-width characters, controls, escape sequences, bidi overrides.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("خبر".to_string()),
        Just("لا".to_string()),
        Just("بَ".to_string()),
        Just("שָׁלוֹם".to_string()),
        Just("می‌شود".to_string()),
        Just("news 2024".to_string()),
        Just("١٢٣ ۴۵۶".to_string()),
        Just("中文".to_string()),
        Just("👍🏽".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]0;title\u{7}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2067}".to_string()),
        Just("\u{2069}".to_string()),
        Just("\u{200f}".to_string()),
        Just("\u{0301}".to_string()),
        Just("(".to_string()),
        Just("\u{85}".to_string()),
        "[a-z]{1,6}",
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #![proptest_config(config(48))]
    #[test]
    fn hostile_stories_render_without_panics_or_controls(
        titles in proptest::collection::vec(hostile_text(), 1..4),
        body in proptest::collection::vec(hostile_text(), 0..4),
        label in hostile_text(),
        cols in 1u16..130,
        rows in 1u16..40,
        keys in proptest::collection::vec(0usize..KEYS.len(), 0..12),
    ) {
        let mut stories = util::stories();
        stories.truncate(titles.len());
        for (story, title) in stories.iter_mut().zip(&titles) {
            story.meta.title.clone_from(title);
            story.meta.source = Some(label.clone());
            story.paragraphs.clone_from(&body);
            for link in &mut story.meta.links {
                link.label.clone_from(&label);
                link.after_paragraph = Some(0);
            }
        }
        let mut app = App::new(Library::from_stories(stories), &[], Marks::default(), Options::default());
        let keys: Vec<_> = keys.iter().map(|&k| parse_keys(KEYS[k]).unwrap()[0]).collect();
        let lines = qari::tui::headless::replay(&mut app, cols, rows, &keys);
        for line in &lines {
            prop_assert!(!line.chars().any(is_forbidden), "{:?}", line);
        }
    }
}

/// The bundled sample archive, as `qari screen` shows it (without the search layer).
fn sample_screen(cols: u16, rows: u16, keys: &str) -> String {
    let (library, errors) = Library::sample();
    assert!(errors.is_empty(), "{errors:?}");
    let mut app = App::new(library, &errors, Marks::default(), Options::default());
    qari::tui::headless::replay(&mut app, cols, rows, &parse_keys(keys).unwrap()).join("\n")
}

#[test]
fn sample_archive_at_start() {
    insta::assert_snapshot!("sample_start", sample_screen(110, 30, ""));
}

#[test]
fn sample_archive_hebrew_story_then_back() {
    // Open the fourth story (Hebrew), follow its first read-also link, come back: the same
    // screen, except that the story visited on the way is now marked read (one unread less).
    let hebrew = sample_screen(110, 30, "jjj<Enter>");
    insta::assert_snapshot!("sample_hebrew", hebrew);
    let visited = "│•  18 Mar 2024 Desalination";
    assert!(hebrew.contains(visited));
    let expected = hebrew
        .replace(visited, "│   18 Mar 2024 Desalination")
        .replace("(14 · 13 unread) ─", "(14 · 12 unread) ─")
        .replace("· 13 unread ·", "· 12 unread ·");
    assert_eq!(sample_screen(110, 30, "jjj<Enter>1<BS>"), expected);
}
