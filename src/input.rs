//! Keys, their Vim-style names, and the default key map with its help text.
//!
//! Each row of [`KEYMAP`] carries its keys, its action and the sentence the help overlay shows,
//! so the help cannot drift from what the keys do. Keys are our own type rather than the
//! terminal library's: the app layer stays free of terminal code, `qari screen` parses the same
//! Vim notation (`jj<Enter><C-d>`) the help prints, and `tui::keys` converts terminal events.

use std::fmt;

use crate::action::Command;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A printable character (space included).
    Char(char),
    Enter,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Esc,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
}

/// Names of the special keys in Vim notation (`<Enter>`), both ways.
const NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Tab", KeyCode::Tab),
    ("S-Tab", KeyCode::BackTab),
    ("BS", KeyCode::Backspace),
    ("Esc", KeyCode::Esc),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = NAMES
            .iter()
            .find(|(_, code)| *code == self.code)
            .map(|(name, _)| *name);
        if name.is_none() && !self.ctrl && !self.alt {
            return match self.code {
                KeyCode::Char(c) => write!(f, "{c}"),
                _ => Ok(()),
            };
        }
        f.write_str("<")?;
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match (name, self.code) {
            (Some(name), _) => f.write_str(name)?,
            (None, KeyCode::Char(c)) => write!(f, "{c}")?,
            (None, _) => {}
        }
        f.write_str(">")
    }
}

/// Parses keys in Vim notation: plain characters as they are, `<Enter>`, `<C-d>`, `<A-Left>`…
pub fn parse_keys(notation: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            keys.push(parse_special(&rest[1..end])?);
            rest = &rest[end + 1..];
        } else {
            keys.push(Key::plain(KeyCode::Char(c)));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

/// Parses the inside of `<…>`: optional `C-` / `A-` modifiers, then a name or one character.
fn parse_special(inner: &str) -> Result<Key, String> {
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == inner) {
        return Ok(Key::plain(*code));
    }
    let mut key = Key::plain(KeyCode::Char(' '));
    let mut name = inner;
    loop {
        if let Some(rest) = name.strip_prefix("C-") {
            key.ctrl = true;
            name = rest;
        } else if let Some(rest) = name.strip_prefix("A-").or_else(|| name.strip_prefix("M-")) {
            key.alt = true;
            name = rest;
        } else {
            break;
        }
    }
    let mut chars = name.chars();
    key.code = match (chars.next(), chars.next()) {
        (Some(c), None) if key.ctrl || key.alt => KeyCode::Char(c.to_ascii_lowercase()),
        _ => NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, code)| *code)
            .filter(|_| key.ctrl || key.alt)
            .ok_or_else(|| format!("unknown key <{inner}>"))?,
    };
    Ok(key)
}

/// One row of the key map: keys and what they do (the help sentence is the interface
/// language's, `i18n::Msg::Help`).
#[derive(Debug, Clone, Copy)]
pub struct KeyRow {
    /// Keys in Vim notation.
    pub keys: &'static [&'static str],
    pub action: Command,
}

const fn row(keys: &'static [&'static str], action: Command) -> KeyRow {
    KeyRow { keys, action }
}

/// The default key map. The nine link keys are shown as one line in the help.
pub const KEYMAP: &[KeyRow] = &[
    row(&["j", "<Down>"], Command::Down),
    row(&["k", "<Up>"], Command::Up),
    row(&["g", "<Home>"], Command::Top),
    row(&["G", "<End>"], Command::Bottom),
    row(&["<PageDown>", "<Space>"], Command::PageDown),
    row(&["<PageUp>"], Command::PageUp),
    row(&["<C-d>"], Command::HalfPageDown),
    row(&["<C-u>"], Command::HalfPageUp),
    row(&["<Enter>"], Command::Activate),
    row(&["<Tab>"], Command::FocusNext),
    row(&["<S-Tab>"], Command::FocusPrev),
    row(&["1"], Command::FollowLink(1)),
    row(&["2"], Command::FollowLink(2)),
    row(&["3"], Command::FollowLink(3)),
    row(&["4"], Command::FollowLink(4)),
    row(&["5"], Command::FollowLink(5)),
    row(&["6"], Command::FollowLink(6)),
    row(&["7"], Command::FollowLink(7)),
    row(&["8"], Command::FollowLink(8)),
    row(&["9"], Command::FollowLink(9)),
    row(&["<BS>", "<A-Left>"], Command::Back),
    row(&["<A-Right>"], Command::Forward),
    row(&["o"], Command::OpenUrl),
    row(&["y"], Command::CopyUrl),
    row(&["r"], Command::ToggleRead),
    row(&["s"], Command::ToggleStar),
    row(&["u"], Command::NextUnread),
    row(&["U"], Command::UnreadOnly),
    row(&["*"], Command::StarredOnly),
    row(&["A"], Command::MarkAllRead),
    row(&["f"], Command::Filter),
    row(&["S"], Command::Sort),
    row(&["R"], Command::Rescan),
    row(&["z"], Command::ExpandGroup),
    row(&["Z"], Command::ToggleGrouping),
    row(&["x"], Command::Ungroup),
    row(&["F"], Command::Fetch),
    row(&["E"], Command::Errors),
    row(&["/"], Command::Search),
    row(&["n"], Command::NextHit),
    row(&["N"], Command::PrevHit),
    row(&["?"], Command::Help),
    row(&["<Esc>"], Command::Close),
    row(&["<C-z>"], Command::Suspend),
    row(&["q", "<C-c>"], Command::Quit),
];

/// The key map in effect: [`KEYMAP`] with the config file's `[keys]` overrides, resolved to
/// actions. The help overlay and the status-bar hints are made from it, so they show the keys
/// the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Per row of [`KEYMAP`]: its keys now.
    rows: Vec<(Vec<String>, Command)>,
    bindings: Vec<(Key, Command)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&[]).expect("the default key map is consistent")
    }
}

/// Every action a key can be bound to, by name (for the config file's `[keys]`).
pub fn action_names() -> Vec<String> {
    KEYMAP.iter().filter_map(|r| r.action.name()).collect()
}

impl Keymap {
    /// [`KEYMAP`] with `overrides` (action name, its keys in Vim notation) replacing the keys
    /// of those actions. An unknown action, a key that does not parse, or one key left bound
    /// to two actions is an error naming the action.
    pub fn with_overrides(overrides: &[(&str, &[String])]) -> Result<Keymap, String> {
        let mut rows: Vec<(Vec<String>, Command)> = KEYMAP
            .iter()
            .map(|r| (r.keys.iter().map(|k| (*k).to_owned()).collect(), r.action))
            .collect();
        for (name, keys) in overrides {
            let row = rows
                .iter_mut()
                .find(|(_, a)| a.name().as_deref() == Some(name))
                .ok_or_else(|| {
                    format!(
                        "`{name}`: no such action; the actions are {}",
                        action_names().join(", ")
                    )
                })?;
            row.0 = keys.to_vec();
        }
        let mut bindings: Vec<(Key, Command)> = Vec::new();
        for (keys, action) in &rows {
            for notation in keys {
                let parsed = parse_keys(notation)
                    .map_err(|why| format!("`{}`: {why} in \"{notation}\"", name_of(*action)))?;
                let [key] = parsed[..] else {
                    return Err(format!(
                        "`{}`: \"{notation}\" is {} keys; bind one key at a time",
                        name_of(*action),
                        parsed.len()
                    ));
                };
                if let Some((_, other)) = bindings.iter().find(|(k, a)| *k == key && a != action) {
                    return Err(format!(
                        "{notation} is bound to both `{}` and `{}`; give one of them another key",
                        name_of(*other),
                        name_of(*action)
                    ));
                }
                bindings.push((key, *action));
            }
        }
        Ok(Keymap { rows, bindings })
    }

    /// The action bound to a key, if any.
    pub fn action(&self, key: Key) -> Option<Command> {
        // Terminals report Shift+letter as the upper-case letter; a lone Shift flag adds nothing.
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, action)| *action)
    }

    /// The first key of `action` in Vim notation (for hints), if it has one.
    pub fn key_of(&self, action: Command) -> Option<&str> {
        self.rows
            .iter()
            .find(|(_, a)| *a == action)
            .and_then(|(keys, _)| keys.first())
            .map(String::as_str)
    }

    /// The help overlay's rows: keys joined (`j <Down>`, `1…9`) and the action they do (the
    /// nine link keys are one row, with `FollowLink(1)`).
    pub fn help_rows(&self) -> Vec<(String, Command)> {
        let mut rows: Vec<(Vec<&str>, Command)> = Vec::new();
        for (keys, action) in &self.rows {
            let keys = keys.iter().map(String::as_str);
            match rows.last_mut() {
                Some((all, Command::FollowLink(_))) if matches!(action, Command::FollowLink(_)) => {
                    all.extend(keys);
                }
                _ => rows.push((keys.collect(), *action)),
            }
        }
        rows.into_iter()
            .map(|(keys, help)| {
                let keys = if keys.len() > 3 {
                    format!("{}…{}", keys[0], keys[keys.len() - 1])
                } else {
                    keys.join(" ")
                };
                (keys, help)
            })
            .collect()
    }
}

fn name_of(action: Command) -> String {
    action.name().unwrap_or_default()
}

/// The default key map's help rows ([`Keymap::help_rows`]).
pub fn help_rows() -> Vec<(String, Command)> {
    Keymap::default().help_rows()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(code: KeyCode, ctrl: bool, alt: bool) -> Key {
        Key { code, ctrl, alt }
    }

    #[test]
    fn parses_vim_notation() {
        let keys = parse_keys("jG<Enter><S-Tab><C-d><A-Left><Space><lt>x<BS>").unwrap();
        assert_eq!(
            keys,
            vec![
                Key::plain(KeyCode::Char('j')),
                Key::plain(KeyCode::Char('G')),
                Key::plain(KeyCode::Enter),
                Key::plain(KeyCode::BackTab),
                key(KeyCode::Char('d'), true, false),
                key(KeyCode::Left, false, true),
                Key::plain(KeyCode::Char(' ')),
                Key::plain(KeyCode::Char('<')),
                Key::plain(KeyCode::Char('x')),
                Key::plain(KeyCode::Backspace),
            ]
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_a_character() {
        assert_eq!(
            parse_keys("<>").unwrap(),
            vec![
                Key::plain(KeyCode::Char('<')),
                Key::plain(KeyCode::Char('>'))
            ]
        );
        assert_eq!(parse_keys("a<").unwrap().len(), 2);
    }

    #[test]
    fn unknown_names_are_errors() {
        let err = parse_keys("<Foo>").unwrap_err();
        assert!(err.contains("<Foo>"), "{err}");
        assert!(parse_keys("<C-Nope>").is_err());
    }

    #[test]
    fn display_round_trips_through_the_parser() {
        for row in KEYMAP {
            for notation in row.keys {
                let keys = parse_keys(notation).unwrap();
                assert_eq!(keys.len(), 1, "{notation}");
                assert_eq!(keys[0].to_string(), *notation);
            }
        }
    }

    #[test]
    fn every_issue_key_is_bound() {
        let map = Keymap::default();
        let expect = [
            ("j", Command::Down),
            ("<Down>", Command::Down),
            ("k", Command::Up),
            ("<Up>", Command::Up),
            ("g", Command::Top),
            ("G", Command::Bottom),
            ("<Home>", Command::Top),
            ("<End>", Command::Bottom),
            ("<PageUp>", Command::PageUp),
            ("<PageDown>", Command::PageDown),
            ("<Space>", Command::PageDown),
            ("<C-d>", Command::HalfPageDown),
            ("<C-u>", Command::HalfPageUp),
            ("<Enter>", Command::Activate),
            ("<Tab>", Command::FocusNext),
            ("<S-Tab>", Command::FocusPrev),
            ("1", Command::FollowLink(1)),
            ("9", Command::FollowLink(9)),
            ("<BS>", Command::Back),
            ("<A-Left>", Command::Back),
            ("<A-Right>", Command::Forward),
            ("o", Command::OpenUrl),
            ("r", Command::ToggleRead),
            ("s", Command::ToggleStar),
            ("?", Command::Help),
            ("q", Command::Quit),
            ("<C-c>", Command::Quit),
            ("u", Command::NextUnread),
            ("U", Command::UnreadOnly),
            ("*", Command::StarredOnly),
            ("A", Command::MarkAllRead),
            ("f", Command::Filter),
            ("S", Command::Sort),
            ("R", Command::Rescan),
            ("y", Command::CopyUrl),
            ("E", Command::Errors),
            ("<C-z>", Command::Suspend),
            ("z", Command::ExpandGroup),
            ("Z", Command::ToggleGrouping),
            ("x", Command::Ungroup),
        ];
        for (notation, action) in expect {
            let key = parse_keys(notation).unwrap()[0];
            assert_eq!(map.action(key), Some(action), "{notation}");
        }
        assert_eq!(map.action(Key::plain(KeyCode::Char('X'))), None);
    }

    #[test]
    fn every_bound_action_has_a_distinct_snake_case_name() {
        let mut names: Vec<String> = KEYMAP.iter().filter_map(|r| r.action.name()).collect();
        for name in &names {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
        }
        for wanted in [
            "next_unread",
            "unread_only",
            "mark_all_read",
            "filter",
            "sort",
            "rescan",
            "copy_url",
        ] {
            assert!(names.iter().any(|n| n == wanted), "{wanted}");
        }
        names.sort();
        let n = names.len();
        names.dedup();
        // Rows that share an action (none today) would share a name.
        assert_eq!(names.len(), n);
    }

    #[test]
    fn help_merges_digit_rows() {
        let rows = help_rows();
        assert!(rows.contains(&("1…9".to_string(), Command::FollowLink(1))));
        assert!(rows.contains(&("q <C-c>".to_string(), Command::Quit)));
        // One help line per distinct sentence.
        let mut helps: Vec<_> = rows.iter().map(|(_, h)| *h).collect();
        helps.dedup();
        assert_eq!(helps.len(), rows.len());
    }

    #[test]
    fn overrides_replace_an_actions_keys_and_the_help_follows() {
        let quit = vec!["Q".to_owned()];
        let down = vec!["n".to_owned(), "<Down>".to_owned()];
        let next_hit = vec!["<C-n>".to_owned()];
        let map =
            Keymap::with_overrides(&[("quit", &quit), ("down", &down), ("next_hit", &next_hit)])
                .unwrap();
        let key = |n: &str| parse_keys(n).unwrap()[0];
        assert_eq!(map.action(key("Q")), Some(Command::Quit));
        assert_eq!(map.action(key("q")), None, "the old key is gone");
        assert_eq!(map.action(key("n")), Some(Command::Down));
        assert_eq!(map.action(key("j")), None);
        assert!(map.help_rows().contains(&("Q".to_owned(), Command::Quit)));
        assert_eq!(map.key_of(Command::Quit), Some("Q"));
    }

    #[test]
    fn bad_overrides_are_errors_that_name_the_action() {
        let keys = vec!["x".to_owned()];
        let err = Keymap::with_overrides(&[("nxt_unread", &keys)]).unwrap_err();
        assert!(
            err.contains("nxt_unread") && err.contains("next_unread"),
            "{err}"
        );
        let j = vec!["j".to_owned()];
        let err = Keymap::with_overrides(&[("quit", &j)]).unwrap_err();
        assert!(err.contains("`down`") && err.contains("`quit`"), "{err}");
        let two = vec!["gg".to_owned()];
        let err = Keymap::with_overrides(&[("top", &two)]).unwrap_err();
        assert!(err.contains("one key at a time"), "{err}");
    }
}
