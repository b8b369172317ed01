//! Which stories a listing shows and in what order: the filter words (`unread starred
//! source:NAME lang:ar folder:NAME since:2024-03-01`) and the sort orders (newest, oldest,
//! source, title).
//!
//! One place for both, because the reader's list (`f`, `U`, `S` in `app`) and `qari list`
//! (`--unread`, `--starred`, `--filter`) must agree on what a word means. Plain functions of
//! story metadata and the read/star marks: no I/O. Names compare after `normalize::fold`, so
//! `source:الرافد` finds `الرّافد` and `source:reuters` finds `Reuters`.

use std::cmp::Reverse;
use std::fmt;

use crate::model::{Published, StoryId, StoryMeta};
use crate::normalize::fold;

use super::state::Marks;

/// What the filter words ask for; every part is optional and they combine with "and".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub unread: bool,
    pub starred: bool,
    /// Folded part of the source's name.
    pub source: Option<String>,
    /// Language tag or its prefix (`ar` matches `ar` and `ar-EG`), lower case.
    pub lang: Option<String>,
    /// Folded name of a folder the story's file lies under.
    pub folder: Option<String>,
    /// Published on or after this day (undated stories are left out).
    pub since: Option<(i32, u8, u8)>,
    /// The words as typed (for `source`, `folder`: the names as typed, not folded).
    shown: Vec<String>,
}

/// The words a filter takes, for error messages and help.
pub const FILTER_WORDS: &str =
    "unread, starred, source:NAME, lang:ar, folder:NAME, since:2024-03-01";

/// A filter that cannot be used, and why: the command line prints it in English
/// (`Display`), the reader says it in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// `source:` with nothing after it (the word's key).
    NeedsValue(String),
    /// `since:` with something that is not a day.
    BadDay(String),
    /// A word that is not a filter.
    Unknown(String),
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::NeedsValue(key) => write!(f, "{key}: needs a value, as in {key}:NAME"),
            FilterError::BadDay(day) => write!(
                f,
                "since:{day}: expected a day as YYYY-MM-DD, e.g. since:2024-03-01"
            ),
            FilterError::Unknown(word) => {
                write!(f, "unknown filter word {word:?}; filters: {FILTER_WORDS}")
            }
        }
    }
}

impl std::error::Error for FilterError {}

impl Filter {
    /// Parses filter words separated by spaces; a name with spaces is quoted
    /// (`source:"Amman Daily"`). An empty text is no filter.
    pub fn parse(text: &str) -> Result<Filter, FilterError> {
        let mut filter = Filter::default();
        for word in words(text) {
            filter.add(&word)?;
        }
        Ok(filter)
    }

    fn add(&mut self, word: &str) -> Result<(), FilterError> {
        let (key, value) = match word.split_once(':') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.trim())),
            None => (word.to_ascii_lowercase(), None),
        };
        let need = |v: Option<&str>| {
            v.filter(|v| !v.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| FilterError::NeedsValue(key.clone()))
        };
        match (key.as_str(), value) {
            ("unread", None) => self.unread = true,
            ("starred", None) => self.starred = true,
            ("source", v) => {
                let name = need(v)?;
                self.source = Some(fold(&name));
                self.shown.push(format!("source:{}", quoted(&name)));
                return Ok(());
            }
            ("folder", v) => {
                let name = need(v)?;
                self.folder = Some(fold(name.trim_matches(['/', '\\'])));
                self.shown.push(format!("folder:{}", quoted(&name)));
                return Ok(());
            }
            ("lang", v) => self.lang = Some(need(v)?.to_ascii_lowercase()),
            ("since", v) => {
                let day = need(v)?;
                self.since = Some(parse_day(&day).ok_or(FilterError::BadDay(day))?);
            }
            _ => {
                return Err(FilterError::Unknown(word.to_owned()));
            }
        }
        self.shown.push(match value {
            Some(v) => format!("{key}:{v}"),
            None => key,
        });
        Ok(())
    }

    /// Adds `unread` / `starred` (the reader's `U` and starred view, `list --unread`).
    pub fn set_flag(&mut self, unread: Option<bool>, starred: Option<bool>) {
        if let Some(on) = unread {
            self.unread = on;
        }
        if let Some(on) = starred {
            self.starred = on;
        }
        self.shown.retain(|w| w != "unread" && w != "starred");
        if self.starred {
            self.shown.insert(0, "starred".to_owned());
        }
        if self.unread {
            self.shown.insert(0, "unread".to_owned());
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a story passes every part of the filter.
    pub fn matches(&self, story: &StoryMeta, marks: &Marks) -> bool {
        if self.unread && marks.is_read(story.id) {
            return false;
        }
        if self.starred && !marks.is_starred(story.id) {
            return false;
        }
        if let Some(lang) = &self.lang {
            let tag = story.lang.to_ascii_lowercase();
            let prefix = tag.strip_prefix(lang.as_str());
            if !prefix.is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_'])) {
                return false;
            }
        }
        if let Some(since) = self.since {
            match story.published {
                Some(p) if (p.year, p.month, p.day) >= since => {}
                _ => return false,
            }
        }
        if let Some(source) = &self.source
            && !story
                .source
                .as_deref()
                .is_some_and(|s| fold(s).contains(source.as_str()))
        {
            return false;
        }
        if let Some(folder) = &self.folder {
            let mut dirs = story.origin.path.parent().into_iter().flat_map(|p| {
                p.components()
                    .map(|c| fold(&c.as_os_str().to_string_lossy()))
            });
            if !dirs.any(|d| d == *folder) {
                return false;
            }
        }
        true
    }
}

impl fmt::Display for Filter {
    /// The words as they can be typed again (`unread source:الرافد`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown.join(" "))
    }
}

/// Words separated by white space; `"…"` keeps spaces inside a word.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn quoted(name: &str) -> String {
    if name.contains(char::is_whitespace) {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

/// `YYYY-MM-DD` (also with `/`), a real calendar day.
fn parse_day(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.split(['-', '/']);
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((year, month, day))
}

/// The orders the list can show, in the order `S` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first; undated after dated, in archive order.
    #[default]
    Newest,
    /// Oldest first; undated after dated.
    Oldest,
    /// By source name, newest first within a source.
    Source,
    /// By title.
    Title,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::Source, Sort::Title];

    /// The next order of the cycle.
    #[must_use]
    pub fn next(self) -> Sort {
        let i = Sort::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Sort::ALL[(i + 1) % Sort::ALL.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Source => "source",
            Sort::Title => "title",
        }
    }

    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The ids of `stories` that pass `filter`, in `sort` order (stable: equal keys keep archive
/// order).
pub fn ordered(stories: &[StoryMeta], filter: &Filter, sort: Sort, marks: &Marks) -> Vec<StoryId> {
    let kept = stories.iter().filter(|s| filter.matches(s, marks));
    match sort {
        Sort::Newest | Sort::Oldest => {
            let mut keyed: Vec<(Option<i64>, StoryId)> =
                kept.map(|s| (s.sorted_by().map(instant), s.id)).collect();
            if sort == Sort::Newest {
                keyed.sort_by_key(|&(when, _)| (when.is_none(), Reverse(when)));
            } else {
                keyed.sort_by_key(|&(when, _)| (when.is_none(), when));
            }
            keyed.into_iter().map(|(_, id)| id).collect()
        }
        Sort::Source => {
            let mut keyed: Vec<(String, Reverse<Option<i64>>, StoryId)> = kept
                .map(|s| {
                    let source = s.source.as_deref().map(fold).unwrap_or_default();
                    (source, Reverse(s.sorted_by().map(instant)), s.id)
                })
                .collect();
            // Stories without a source come last.
            keyed.sort_by(|a, b| (a.0.is_empty(), &a.0, a.1).cmp(&(b.0.is_empty(), &b.0, b.1)));
            keyed.into_iter().map(|(_, _, id)| id).collect()
        }
        Sort::Title => {
            let mut keyed: Vec<(String, StoryId)> = kept.map(|s| (fold(&s.title), s.id)).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            keyed.into_iter().map(|(_, id)| id).collect()
        }
    }
}

/// Minutes since 1970-01-01 UTC (date only: midnight; no offset: taken as UTC).
pub fn instant(p: Published) -> i64 {
    let (h, m, _) = p.time.unwrap_or((0, 0, 0));
    days_from_civil(p.year, p.month, p.day) * 1440 + i64::from(h) * 60 + i64::from(m)
        - i64::from(p.offset_minutes.unwrap_or(0))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let m = i64::from(month.clamp(1, 12));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day.clamp(1, 31)) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Direction, Origin};

    fn meta(
        id: u64,
        title: &str,
        source: &str,
        lang: &str,
        day: Option<u8>,
        path: &str,
    ) -> StoryMeta {
        StoryMeta {
            id: StoryId(id),
            title: title.into(),
            source: Some(source.into()),
            author: None,
            published: day.map(|d| Published {
                year: 2024,
                month: 3,
                day: d,
                time: None,
                offset_minutes: None,
            }),
            lang: lang.into(),
            direction: Direction::Rtl,
            url: None,
            paragraph_count: 1,
            links: Vec::new(),
            tags: Vec::new(),
            origin: Origin {
                path: std::path::Path::new(path).into(),
                position: 0,
            },
            saved: crate::model::Saved::default(),
            group: crate::model::Grouping::default(),
        }
    }

    fn stories() -> Vec<StoryMeta> {
        vec![
            meta(1, "ب خبر", "الرّافد", "ar", Some(2), "news/ar/a.txt"),
            meta(2, "أ خبر", "Reuters", "en", Some(5), "news/en/b.txt"),
            meta(3, "ج خبر", "الرافد", "ar-EG", None, "news/ar/c.txt"),
            meta(4, "ד", "Haaretz", "he", Some(1), "other/d.txt"),
        ]
    }

    fn ids(filter: &str, sort: Sort, marks: &Marks) -> Vec<u64> {
        let f = Filter::parse(filter).unwrap();
        ordered(&stories(), &f, sort, marks)
            .iter()
            .map(|i| i.0)
            .collect()
    }

    #[test]
    fn words_combine_and_fold() {
        let mut marks = Marks::default();
        marks.set_read(StoryId(1), true);
        marks.toggle_star(StoryId(3));
        let none = Marks::default();
        assert_eq!(ids("", Sort::Newest, &none), [2, 1, 4, 3]);
        assert_eq!(ids("source:الرافد", Sort::Newest, &none), [1, 3]);
        assert_eq!(ids("lang:ar", Sort::Newest, &none), [1, 3]);
        assert_eq!(ids("LANG:AR unread", Sort::Newest, &marks), [3]);
        assert_eq!(ids("starred", Sort::Newest, &marks), [3]);
        assert_eq!(ids("since:2024-03-02", Sort::Newest, &none), [2, 1]);
        assert_eq!(ids("folder:ar", Sort::Newest, &none), [1, 3]);
        assert_eq!(ids("folder:news/", Sort::Newest, &none), [2, 1, 3]);
        assert_eq!(ids("source:reuters lang:en", Sort::Newest, &none), [2]);
        assert_eq!(
            ids("source:\"no such paper\"", Sort::Newest, &none),
            Vec::<u64>::new()
        );
    }

    #[test]
    fn bad_words_say_what_is_accepted() {
        let err = Filter::parse("unred").unwrap_err().to_string();
        assert!(err.contains("unred") && err.contains("since:"), "{err}");
        assert!(
            Filter::parse("since:yesterday")
                .unwrap_err()
                .to_string()
                .contains("YYYY-MM-DD")
        );
        assert!(Filter::parse("source:").is_err());
        assert!(Filter::parse("since:2024-13-01").is_err());
    }

    #[test]
    fn filters_show_as_typed() {
        let f = Filter::parse("unread  source:\"Amman Daily\" lang:ar").unwrap();
        assert_eq!(f.to_string(), "unread source:\"Amman Daily\" lang:ar");
        assert_eq!(Filter::parse(&f.to_string()).unwrap(), f);
        let mut f = Filter::parse("lang:ar").unwrap();
        f.set_flag(Some(true), None);
        assert_eq!(f.to_string(), "unread lang:ar");
        f.set_flag(Some(false), Some(true));
        assert_eq!(f.to_string(), "starred lang:ar");
        assert!(!f.is_empty());
        assert!(Filter::parse(" ").unwrap().is_empty());
    }

    #[test]
    fn sorts_cycle_and_order() {
        let none = Marks::default();
        assert_eq!(ids("", Sort::Oldest, &none), [4, 1, 2, 3]);
        // folded source names: Haaretz, Reuters, الرافد (newest first within it)
        assert_eq!(ids("", Sort::Source, &none), [4, 2, 1, 3]);
        // folded titles; the Hebrew block comes before the Arabic one
        assert_eq!(ids("", Sort::Title, &none), [4, 2, 1, 3]);
        let mut s = Sort::Newest;
        let seen: Vec<_> = (0..4)
            .map(|_| {
                s = s.next();
                s.name()
            })
            .collect();
        assert_eq!(seen, ["oldest", "source", "title", "newest"]);
        assert_eq!(Sort::from_name("title"), Some(Sort::Title));
    }

    #[test]
    fn civil_days_and_offsets() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let p = |h, off| Published {
            year: 2024,
            month: 5,
            day: 1,
            time: Some((h, 0, 0)),
            offset_minutes: Some(off),
        };
        // 10:00+03:00 is 07:00Z, earlier than 08:00Z.
        assert!(instant(p(10, 180)) < instant(p(8, 0)));
    }
}
