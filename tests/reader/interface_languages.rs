//! The interface in English, Arabic, Hebrew and Persian: whole screens of each language at
//! three sizes with the help overlay (snapshots), the mirrored layout's geometry, and the
//! promise that the Arabic interface's chrome holds no Latin letter but the keys' names.

#![allow(clippy::unwrap_used)]

use crate::util;

use std::collections::HashSet;

use qari::action::{Action, Command};
use qari::app::App;
use qari::i18n::Tr;
use qari::i18n::{Calendar, DateFormat, Digits, UiLanguage};
use qari::input::{KEYMAP, parse_keys};
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use qari_core::model::Direction;

const LANGUAGES: [(UiLanguage, &str); 4] = [
    (UiLanguage::En, "en"),
    (UiLanguage::Ar, "ar"),
    (UiLanguage::He, "he"),
    (UiLanguage::Fa, "fa"),
];

/// Wide, just wide enough for three panes, and narrow (one pane at a time).
const SIZES: [(u16, u16); 3] = [(120, 32), (90, 24), (60, 16)];

fn app_in(tr: Tr, library: Library) -> App {
    let mut app = App::loading(Marks::default(), Options::default());
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings { tr, ..settings });
    app.update(Action::loaded(library, &[]));
    app
}

fn screen_in(tr: Tr, library: Library, (cols, rows): (u16, u16), keys: &str) -> String {
    let mut app = app_in(tr, library);
    qari::tui::headless::replay(&mut app, cols, rows, &parse_keys(keys).unwrap()).join("\n")
}

fn tr(lang: UiLanguage) -> Tr {
    Tr {
        lang,
        ..Tr::default()
    }
}

#[test]
fn every_language_at_three_sizes_with_its_help() {
    for (lang, code) in LANGUAGES {
        for size in SIZES {
            let main = screen_in(tr(lang), util::library(), size, "j<Enter>");
            let help = screen_in(tr(lang), util::library(), size, "?");
            let name = format!("{code}_{}x{}", size.0, size.1);
            insta::assert_snapshot!(name, format!("{main}\n\n{help}"));
        }
    }
}

#[test]
fn native_digits_and_long_dates() {
    let tr = Tr {
        lang: UiLanguage::Ar,
        digits: Digits::Native,
        date_format: DateFormat::Long,
        ..Tr::default()
    };
    let text = screen_in(tr, util::library(), (120, 20), "j<Enter>");
    insta::assert_snapshot!("ar_native_digits", text);
    // Not one Latin digit left in the chrome: the titles, the reader's header (a date with
    // its time and offset) and position, the list's dates, the status bar. (The article's
    // own text keeps the digits it was written with.)
    let lines: Vec<&str> = text.lines().collect();
    let list_dates = lines[1..7].iter().map(|l| {
        let cells: Vec<char> = l.chars().collect();
        cells[cells.len() - 16..].iter().collect::<String>()
    });
    let chrome: Vec<String> = [lines[0], lines[2], lines[18], lines[19]]
        .into_iter()
        .map(str::to_owned)
        .chain(list_dates)
        .collect();
    for line in &chrome {
        assert!(!line.chars().any(|c| c.is_ascii_digit()), "{line}\n{text}");
    }
    assert!(
        lines[2].contains("٠٣:٠٠+ ١٠:٠٠ ،٢٠٢٤ ﻮﻳﺎﻣ ٣"),
        "{}",
        lines[2]
    );
}

#[test]
fn the_list_and_the_reader_in_the_persian_and_hijri_calendars() {
    // The English interface, whose dates a test can read: 2024-05-03 is 14 Ordibehesht 1403
    // and 24 Shawwal 1445; the list abbreviates, the reader's header does not.
    let persian = Tr {
        calendar: Calendar::Persian,
        ..tr(UiLanguage::En)
    };
    let text = screen_in(persian, util::library(), (120, 20), "<Enter>");
    assert!(text.contains("14 Ord 1403"), "{text}");
    assert!(text.contains("15 Ord 1403"), "{text}");
    assert!(text.contains("9 Ord 1403"), "{text}");
    assert!(!text.contains("2024"), "{text}");
    // the reader's header: the story opened first, dated 2024-05-04
    assert!(text.contains("· 15 Ordibehesht 1403 ·"), "{text}");
    let hijri = Tr {
        calendar: Calendar::Hijri,
        ..tr(UiLanguage::En)
    };
    let text = screen_in(hijri, util::library(), (120, 20), "");
    assert!(text.contains("24 Shaw 1445"), "{text}");
    // The Persian interface in its own digits and calendar.
    let fa = Tr {
        lang: UiLanguage::Fa,
        digits: Digits::Native,
        calendar: Calendar::Persian,
        ..Tr::default()
    };
    insta::assert_snapshot!(
        "fa_persian_calendar",
        screen_in(fa, util::library(), (120, 20), "<Enter>")
    );
}

#[test]
fn a_right_to_left_interface_is_mirrored() {
    let mut app = app_in(tr(UiLanguage::Ar), util::library());
    let lines = qari::tui::headless::replay(&mut app, 120, 20, &parse_keys("j<Enter>").unwrap());
    let s = app.screen();
    assert_eq!(s.dir, Direction::Rtl);
    // The list on the right, the reader on its left, the related panel under the list.
    assert_eq!(s.list.right(), 120);
    assert_eq!(s.reader.x, 0);
    assert_eq!(s.related.x, s.list.x);
    assert!(s.related.y > s.list.y);
    // The list's unread marks at its right edge, just inside the border.
    let first_row: Vec<char> = lines[1].chars().collect();
    assert_eq!(first_row[first_row.len() - 2], '•', "{}", lines[1]);
    // The list's title at the right end of its top border, the reader's at the right of its.
    assert!(lines[0].trim_end().ends_with(") ﺭﺎﺒﺧﻷﺍ ┐"), "{}", lines[0]);
    let list_top: String = lines[0].chars().skip(usize::from(s.list.x)).collect();
    assert!(list_top.starts_with("┌───"), "{list_top}");
    assert!(lines[0].starts_with("┏━━━") && lines[0].contains(" ﺓءﺍﺮﻘﻟﺍ ┓"));
    // The scrollbar in the reader's first column inside its border (the story is long
    // enough to scroll at this height) and the position at the bottom left.
    let bottom = &lines[usize::from(s.reader.bottom()) - 1];
    assert!(
        bottom
            .chars()
            .skip(1)
            .collect::<String>()
            .starts_with(" 1-"),
        "{bottom}"
    );
    let bar: String = (1..usize::from(s.reader.height) - 1)
        .map(|y| lines[y].chars().nth(1).unwrap())
        .collect();
    assert!(
        bar.chars().any(|c| c != ' '),
        "no scrollbar on the left: {bar:?}"
    );
    // The status bar's counts at the right (the story count, its noun shaped: `٦ أخبار`
    // reads from the right), the hints at the left, beginning with the help key's.
    let status = lines.last().unwrap();
    assert!(status.trim_end().ends_with("ﺭﺎﺒﺧﺃ 6"), "{status}");
    assert!(
        status.trim_end_matches(' ').contains("ﺓﺪﻋﺎﺴﻣ:?"),
        "{status}"
    );
    assert!(status.starts_with(" ﺝﻭﺮﺧ:q"), "{status}");
}

/// Every word of Latin letters that a key's name holds (`<C-d>`: `C`, `d`; `<PageDown>`).
fn key_words() -> HashSet<String> {
    let mut words = HashSet::new();
    for row in KEYMAP {
        for key in row.keys {
            words.extend(latin_words(key));
        }
    }
    words
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_arabic_chrome_holds_no_latin_letters() {
    // The archive without its English stories: whatever Latin is left on screen is ours.
    let stories: Vec<_> = util::stories()
        .into_iter()
        .filter(|s| !latin_words(&s.meta.title).iter().any(|w| w.len() > 1))
        .filter(|s| s.meta.lang != "en")
        .collect();
    assert!(stories.len() >= 4);
    let keys = key_words();
    let journeys = [
        "",
        "j<Enter>",
        "j<Enter><Tab>",
        "j<Enter><Tab><Tab>",
        "j<Enter>1",
        "j<Enter>9",
        "j<Enter><BS><BS>",
        "<A-Right>",
        "r",
        "rr",
        "s",
        "ss",
        "u",
        "uuuuuu",
        "U",
        "UU",
        "*",
        "A",
        "AA",
        "S",
        "SSS",
        "f",
        "flang:ar<Enter>",
        "flang:xx<Enter>",
        "fnothing<Enter>",
        "fsince:someday<Enter>",
        "fsource:<Enter>",
        "f<Enter>",
        "y",
        "o",
        "n",
        "E",
        "R",
        "/",
        "?",
        "?<PageDown>",
        "?<PageDown><PageDown><PageDown>",
    ];
    for digits in [Digits::Latin, Digits::Native] {
        for format in [DateFormat::Iso, DateFormat::Short, DateFormat::Long] {
            let tr = Tr {
                lang: UiLanguage::Ar,
                digits,
                date_format: format,
                ..Tr::default()
            };
            for size in [(120, 30), (90, 20), (60, 12)] {
                for journey in journeys {
                    let library = Library::from_stories(stories.clone());
                    let text = screen_in(tr, library, size, journey);
                    // A story's URL (`o`, `y` say it) is the story's, shown as it is.
                    let text: String = text
                        .split(' ')
                        .filter(|w| !w.contains("http"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    // What the journey typed into a prompt is echoed as typed.
                    let typed = journey
                        .strip_prefix('f')
                        .map(latin_words)
                        .unwrap_or_default();
                    let stray: Vec<String> = latin_words(&text)
                        .into_iter()
                        // An overlay can cut a key's name (`Ent` of `Enter`).
                        .filter(|w| !keys.iter().any(|k| k.contains(w.as_str())))
                        .filter(|w| !typed.contains(w))
                        .collect();
                    assert!(
                        stray.is_empty(),
                        "{journey:?} at {size:?}, {digits:?}, {format:?}: Latin {stray:?} in\n{text}"
                    );
                }
            }
        }
    }
    // The check can fail: the English interface has words no key is named.
    let english = screen_in(
        tr(UiLanguage::En),
        Library::from_stories(stories),
        (120, 30),
        "",
    );
    assert!(latin_words(&english).iter().any(|w| !keys.contains(w)));
}

#[test]
fn the_status_bar_names_remapped_keys_in_every_language() {
    let keys = vec!["Q".to_owned()];
    let map = qari::input::Keymap::with_overrides(&[("quit", &keys)]).unwrap();
    for (lang, _) in LANGUAGES {
        let app = app_in(tr(lang), util::library());
        let settings = *app.settings();
        let mut app = app.configured(map.clone(), settings);
        let lines = qari::tui::headless::replay(&mut app, 120, 20, &[]);
        let status = lines.last().unwrap();
        // `Q:خروج` reads from the right: the key shows at the right of its colon.
        let (new, old) = match lang {
            UiLanguage::En => ("Q:", "q:"),
            _ => (":Q", ":q"),
        };
        assert!(status.contains(new), "{lang:?}: {status}");
        assert!(!status.contains(old), "{lang:?}: {status}");
        assert_eq!(app.key_name(Command::Quit), "Q");
    }
}

#[test]
fn load_problems_are_told_in_the_interface_language() {
    use qari_core::library::LoadError;
    use qari_core::loader::Problem;
    use qari_core::loader::problem::{FileKind, IoKind, RecordAt, RecordProblem};
    let io = |io| Problem::Unreadable {
        io,
        detail: "Permission denied (os error 13)".into(),
    };
    let problems = vec![
        io(IoKind::PermissionDenied),
        io(IoKind::NotFound),
        Problem::Unlisted {
            io: IoKind::Other,
            detail: "Input/output error".into(),
        },
        Problem::NotFileOrFolder,
        Problem::TooLarge(80_000_000),
        Problem::NotAnArticle(FileKind::Pdf),
        Problem::NotAnArticle(FileKind::Zip),
        Problem::Binary,
        Problem::Undecodable("UTF-8, windows-1256".into()),
        Problem::TooDeep,
        Problem::NoText,
        Problem::Json {
            detail: "EOF while parsing an object at line 3 column 9".into(),
            line: 3,
            column: 9,
        },
        Problem::Record {
            at: RecordAt::Line(7),
            why: RecordProblem::Syntax {
                detail: "key must be a string at line 1 column 2".into(),
                line: 1,
                column: 2,
            },
        },
        Problem::Record {
            at: RecordAt::Record(2),
            why: RecordProblem::NoTitle,
        },
        Problem::Feed {
            detail: "unable to parse feed: no root element".into(),
            kept: Some(4),
        },
    ];
    let errors: Vec<LoadError> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| LoadError::new(format!("اخبار/ملف{i}"), p.clone()))
        .collect();
    let keys = key_words();
    for (lang, _) in &LANGUAGES[1..] {
        let mut app = App::loading(Marks::default(), Options::default());
        let settings = *app.settings();
        app = app.with_settings(qari::settings::Settings {
            tr: tr(*lang),
            ..settings
        });
        app.update(Action::loaded(util::library(), &errors));
        let text =
            qari::tui::headless::replay(&mut app, 150, 30, &parse_keys("E").unwrap()).join("\n");
        assert_eq!(app.errors_panel(), Some(0));
        // The panel's rows: one per problem, none of them in English.
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("ﻒﻠﻣ")).collect();
        assert!(rows.len() >= 10, "{lang:?}:\n{text}");
        for row in rows {
            // Inside the panel's borders (the story behind it is the archive's text).
            let inside = row
                .split_once('║')
                .and_then(|(_, r)| r.rsplit_once('║'))
                .map_or(row, |(inside, _)| inside);
            let stray: Vec<String> = latin_words(inside)
                .into_iter()
                .filter(|w| !keys.iter().any(|k| k.contains(w.as_str())))
                .collect();
            assert!(stray.is_empty(), "{lang:?}: {stray:?} in {inside}");
        }
    }
    // The command line and English keep the system's and the parsers' own words.
    assert!(errors[11].reason().contains("EOF while parsing"));
}
