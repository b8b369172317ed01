use std::path::Path;

use super::*;

fn err(text: &str) -> ConfigError {
    parse(text, Path::new("/home/u/.config/qari/config.toml")).expect_err("a bad config")
}

#[test]
fn the_commented_default_is_the_default() {
    let text = default_text();
    let parsed = parse(&text, Path::new("default")).expect("the default parses");
    assert_eq!(parsed, Config::default());
    // Uncommenting every setting line gives a file that parses too, with the same values
    // where the comment shows the default: the key map it gives is the default one.
    let uncommented = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.split_once(" = ").is_some_and(|(key, _)| {
                    key != "archives"
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                }) =>
            {
                rest
            }
            _ => l,
        })
        .fold(String::new(), |mut all, l| {
            all.push_str(l);
            all.push('\n');
            all
        });
    let all = parse(&uncommented, Path::new("uncommented")).expect("uncommented parses");
    assert_eq!(all.bidi, Bidi::Auto);
    assert_eq!(all.theme, ThemeName::Default);
    assert_eq!(
        all.colors.get("selection").map(String::as_str),
        Some("yellow")
    );
    assert_eq!(all.keys["down"], Keys(vec!["j".into(), "<Down>".into()]));
    assert_eq!(all.keymap(), Ok(Keymap::default()));
    // every action that has a name is there, with its keys
    for row in KEYMAP {
        if let Some(name) = row.action.name() {
            assert_eq!(all.keys[&name].0, row.keys, "{name}");
        }
    }
}

#[test]
fn settings_are_read() {
    let c = parse(
        "bidi = \"terminal\"\nshaping = false\nui = \"ar\"\ndigits = \"native\"\n\
         theme = \"high-contrast\"\nread_after = 0\narchives = [\"/data/news\"]\n\
         [keys]\nquit = \"Q\"\nback = [\"h\", \"<A-Left>\"]\n",
        Path::new("c"),
    )
    .expect("parses");
    assert_eq!(c.bidi, Bidi::Terminal);
    assert!(!c.shaping);
    assert_eq!(c.ui, Some(UiLanguage::Ar));
    assert_eq!(c.digits, Digits::Native);
    assert_eq!(c.theme, ThemeName::HighContrast);
    assert!(c.read_after.abs() < f64::EPSILON);
    assert_eq!(c.archives, vec![PathBuf::from("/data/news")]);
    assert_eq!(c.keys["quit"], Keys(vec!["Q".into()]));
    assert_eq!(c.keys["back"].0.len(), 2);
}

#[test]
fn the_calendar_is_gregorian_persian_or_hijri() {
    let c = parse("calendar = \"persian\"\n", Path::new("c")).expect("parses");
    assert_eq!(c.calendar, Calendar::Persian);
    assert_eq!(c.settings().tr.calendar, Calendar::Persian);
    let c = parse("calendar = \"hijri\"\n", Path::new("c")).expect("parses");
    assert_eq!(c.settings().tr.calendar, Calendar::Hijri);
    let e = err("digits = \"native\"\ncalendar = \"julian\"\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(2), "{e}");
    for valid in ["gregorian", "persian", "hijri"] {
        assert!(e.message.contains(valid), "{}", e.message);
    }
}

#[test]
fn an_unknown_setting_names_its_line_column_and_the_valid_ones() {
    let e = err("bidi = \"app\"\n\nshapeing = false\n");
    assert_eq!(e.at, Some((3, 1)));
    let text = e.to_string();
    assert!(
        text.starts_with("/home/u/.config/qari/config.toml:3:1: "),
        "{text}"
    );
    assert!(text.contains("shapeing"), "{text}");
    assert!(
        text.contains("shaping"),
        "the valid names are listed: {text}"
    );
}

#[test]
fn a_bad_value_says_what_is_valid() {
    let e = err("theme = \"dark\"\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(1));
    for valid in ["default", "light", "high-contrast"] {
        assert!(e.message.contains(valid), "{}", e.message);
    }
    let e = err("shaping = \"yes\"\n");
    assert!(e.message.contains("bool"), "{}", e.message);
}

#[test]
fn broken_toml_is_an_error_with_its_place() {
    let e = err("bidi = \"app\"\nui = \"ar\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(2), "{e}");
}

#[test]
fn bad_keys_and_ranges_name_the_line() {
    let e = err("[keys]\ndown = \"j\"\nup = \"<Upp>\"\n");
    assert_eq!(e.at, Some((3, 1)), "{e}");
    assert!(e.message.contains("<Upp>"), "{e}");
    let e = err("[keys]\nquit = \"\"\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(2), "{e}");
    let e = err("read_after = -2\n");
    assert!(e.message.contains("from 0"), "{e}");
    assert_eq!(e.at, Some((1, 1)));
}

#[test]
fn a_missing_explicit_file_and_a_non_utf8_file_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.toml");
    let e = load(Some(&missing)).expect_err("missing");
    assert!(e.to_string().contains("nope.toml"), "{e}");
    let latin = dir.path().join("latin.toml");
    std::fs::write(&latin, b"ui = \"\xe9\"\n").expect("write");
    let e = load(Some(&latin)).expect_err("latin-1");
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn unknown_actions_and_keys_bound_twice_name_their_line() {
    let e = err("[keys]\ndown = \"j\"\nnxt_unread = \"x\"\n");
    assert_eq!(e.at, Some((3, 1)), "{e}");
    assert!(
        e.message.contains("next_unread"),
        "the actions are listed: {e}"
    );
    let e = err("[keys]\nquit = \"j\"\n");
    assert_eq!(e.at, Some((2, 1)), "{e}");
    assert!(
        e.message.contains("`down`") && e.message.contains("`quit`"),
        "{e}"
    );
    let ok = parse(
        "[keys]\nquit = \"Q\"\ndown = [\"<C-j>\", \"<Down>\"]\n",
        Path::new("c"),
    )
    .expect("ok");
    let map = ok.keymap().expect("keymap");
    assert_eq!(map.key_of(crate::action::Command::Quit), Some("Q"));
}

#[test]
fn bad_colours_name_their_line_and_what_is_valid() {
    let e = err("theme = \"light\"\n[colors]\nlink = \"#5fafff\"\nlnk = \"red\"\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(4), "{e}");
    assert!(
        e.message.contains("focused_border"),
        "the roles are listed: {e}"
    );
    let e = err("[colors]\nhit = \"blurple\"\n");
    assert_eq!(e.at.map(|(l, _)| l), Some(2), "{e}");
    assert!(e.message.contains("#rrggbb"), "{e}");
}
