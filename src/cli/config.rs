//! The config file: `$XDG_CONFIG_HOME/qari/config.toml` (`~/.config/qari/config.toml`), or the
//! file given with `--config`.
//!
//! One place reads and checks it, so that every setting has one name, one default and one
//! error message. A bad file is never half-used: [`load`] returns an error that names the
//! file, the line and column, what was wrong and what is valid, and qari does not start. The
//! commented default ([`default_text`]) is what `qari config --default` prints; a test checks that
//! it parses to [`Config::default`], so the two cannot drift.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use std::time::Duration;

use serde::Deserialize;

use crate::i18n::{Calendar, DateFormat, Digits, UiLanguage};
use crate::input::{KEYMAP, Keymap, parse_keys};
use crate::settings::Settings;
use crate::ui::theme::{Theme, ThemeName};

/// Every setting, with its default.
// The config file's on/off settings, one field each as the file spells them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Who reorders right-to-left text: detected (`auto`), qari (`app`), the terminal
    /// (`terminal`), or qari for kitty (`kitty`).
    pub bidi: Bidi,
    /// Join Arabic letters (off for terminals that shape by themselves).
    pub shaping: bool,
    /// What `qari` opens when no path is given (empty: the bundled sample archive).
    pub archives: Vec<PathBuf>,
    pub theme: ThemeName,
    /// Colour overrides by role (`selection = "yellow"`, `link = "#5fafff"`).
    pub colors: BTreeMap<String, String>,
    /// The interface language; unset: from `LC_ALL`, `LC_MESSAGES`, `LANG`.
    pub ui: Option<UiLanguage>,
    /// Digits in the interface: `latin` (0-9) or the interface language's own (`native`).
    pub digits: Digits,
    /// How dates are shown in the list and the reader.
    pub date_format: DateFormat,
    /// The calendar dates are shown in: `gregorian`, `persian` (Solar Hijri) or `hijri`.
    pub calendar: Calendar,
    /// Seconds a story stays in the reader before it counts as read (0: only when opened).
    pub read_after: f64,
    /// One list row per group of copies and write-ups of one event (`library::group`).
    pub group: bool,
    /// Reading one copy of a text marks its other copies read.
    pub copies_read: bool,
    /// Key map overrides: `action = "key"` or `action = ["key", …]`, Vim notation.
    pub keys: BTreeMap<String, Keys>,
    /// qari's own folder of fetched stories (`qari fetch`); unset: `fetched` in the data dir.
    pub fetch_into: Option<PathBuf>,
    /// Fetch the due feeds in the background when the reader starts.
    pub fetch_on_start: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bidi: Bidi::Auto,
            shaping: true,
            archives: Vec::new(),
            theme: ThemeName::Default,
            colors: BTreeMap::new(),
            ui: None,
            digits: Digits::Latin,
            date_format: DateFormat::Short,
            calendar: Calendar::Gregorian,
            read_after: 3.0,
            group: true,
            copies_read: true,
            keys: BTreeMap::new(),
            fetch_into: None,
            fetch_on_start: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bidi {
    Auto,
    App,
    Terminal,
    Kitty,
}

/// One action's keys: one key or a list, each in Vim notation (`j`, `<Down>`, `<C-d>`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "OneOrMany")]
pub struct Keys(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for Keys {
    fn from(v: OneOrMany) -> Keys {
        match v {
            OneOrMany::One(k) => Keys(vec![k]),
            OneOrMany::Many(ks) => Keys(ks),
        }
    }
}

impl Config {
    /// The key map these `[keys]` make (the defaults with the overrides).
    pub fn keymap(&self) -> Result<Keymap, String> {
        let overrides: Vec<(&str, &[String])> = self
            .keys
            .iter()
            .map(|(action, keys)| (action.as_str(), keys.0.as_slice()))
            .collect();
        Keymap::with_overrides(&overrides)
    }

    /// The theme these make: the built-in theme, the `[colors]` overrides, then `NO_COLOR`.
    pub fn theme(&self, no_color: bool) -> Result<Theme, String> {
        Theme::from_config(
            self.theme,
            self.colors.iter().map(|(r, c)| (r.as_str(), c.as_str())),
            no_color,
        )
    }

    /// The reader's settings these make.
    pub fn settings(&self) -> Settings {
        Settings {
            dwell: (self.read_after > 0.0).then(|| Duration::from_secs_f64(self.read_after)),
            tr: crate::i18n::Tr {
                lang: self.ui.unwrap_or_else(UiLanguage::from_env),
                digits: self.digits,
                date_format: self.date_format,
                calendar: self.calendar,
            },
            group: self.group,
            copies_read: self.copies_read,
            save_links: false,
        }
    }
}

/// The default config's settings, every key commented; [`default_text`] adds the key map.
pub const DEFAULT: &str = include_str!("config/default.toml");

/// The complete default config, every key commented: [`DEFAULT`] and, under `[keys]`, every
/// action with its default keys, written from the key map itself (so the two cannot drift).
/// What `qari config --default` prints.
pub fn default_text() -> String {
    let mut text = DEFAULT.to_owned();
    for row in KEYMAP {
        if let Some(name) = row.action.name() {
            let keys: Vec<String> = row.keys.iter().map(|k| format!("\"{k}\"")).collect();
            let _ = writeln!(text, "# {name} = [{}]", keys.join(", "));
        }
    }
    text
}

/// A config file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and column of the problem, when it has a place.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "qari").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config: `explicit` (from `--config`; it must exist), else the default path (a
/// missing file there means the defaults).
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(Config::default()),
        },
    };
    let text = std::fs::read(&path).map_err(|e| ConfigError {
        file: path.clone(),
        at: None,
        message: format!("cannot read it: {e}"),
    })?;
    let text = String::from_utf8(text).map_err(|e| ConfigError {
        file: path.clone(),
        at: None,
        message: format!(
            "not UTF-8 (byte {}); a config file is UTF-8 text",
            e.utf8_error().valid_up_to()
        ),
    })?;
    parse(&text, &path)
}

/// Parses and checks the text of a config file; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        file: file.to_path_buf(),
        at: span.map(|s| line_col(text, s.start)),
        message,
    };
    let config: Config =
        toml::from_str(text).map_err(|e| error(e.span(), clean_message(e.message())))?;
    if !(0.0..=3600.0).contains(&config.read_after) {
        return Err(error(
            span_of_key(text, "read_after"),
            format!(
                "read_after = {} is out of range: seconds from 0 (only when opened) to 3600",
                config.read_after
            ),
        ));
    }
    for (action, keys) in &config.keys {
        if keys.0.iter().any(String::is_empty) {
            return Err(error(
                span_of_key(text, action),
                format!("`{action}`: an empty key; write one like \"j\", \"<Down>\", \"<C-d>\""),
            ));
        }
        if let Some(Err(why)) = keys.0.iter().map(|k| parse_keys(k)).find(Result::is_err) {
            return Err(error(
                span_of_key(text, action),
                format!(
                    "`{action}`: {why}; keys are written like \"j\", \"<Down>\", \"<C-d>\", \
                     \"<A-Left>\""
                ),
            ));
        }
    }
    if let Err(why) = config.theme(false) {
        let role = config
            .colors
            .keys()
            .find(|r| why.contains(&format!("] {r}")))
            .cloned()
            .unwrap_or_default();
        return Err(error(span_of_key(text, &role), why));
    }
    // The whole map, as the reader would build it: unknown actions and keys bound twice.
    if let Err(why) = config.keymap() {
        let action = why
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|a| config.keys.contains_key(*a))
            .last()
            .unwrap_or_default()
            .to_owned();
        return Err(error(span_of_key(text, &action), format!("[keys] {why}")));
    }
    Ok(config)
}

/// The toml crate's message without its trailing newline, as one line.
fn clean_message(message: &str) -> String {
    message.trim().replace('\n', " ")
}

/// 1-based line and column (in characters) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where `key = …` is written (the first line starting with it), for errors found after
/// parsing.
fn span_of_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")));
        if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests;
