//! The interface's sentences as data ([`Msg`]) and the one way to write them out ([`Tr`]).
//!
//! A view or the app says *what* to tell the user (`Msg::UnreadLeft { n: 3 }`); the table of
//! the interface language says *how*, with its plurals, its digits and its word order. Keys
//! are passed in as the key map has them (`E`, `<C-d>`), so a remapped key shows in every
//! sentence that names it. Text that comes from outside (a query, a URL, a file name) is
//! isolated ([`Tr::quote`]) so its direction never reorders the sentence around it.

use crate::action::{Command, Note};
use crate::i18n::{Calendar, DateFormat, Digits, UiLanguage};
use qari_core::library::filter::{FilterError, Sort};
use qari_core::loader::Problem;
use qari_core::model::{Direction, Published};

/// Everything the interface says. Fields are counts, keys (Vim notation, from the key map)
/// and outside text (already isolated with [`Tr::quote`] by whoever fills them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg<'a> {
    // Pane titles and focus names.
    Stories {
        count: usize,
        unread: usize,
    },
    Reader,
    Related,
    /// A narrow screen's title suffix: the key that shows the next pane.
    NextPane {
        key: &'a str,
    },
    /// The panes' names in the status bar (which one has the keys).
    ListPane,
    ReaderPane,
    RelatedPane,
    /// The unread-only and starred-only flags where the list's title shows the filter.
    UnreadWord,
    StarredWord,
    ReadAlso,
    LinkedFrom,
    Similar,
    /// The related panel's copies of the open story, by source.
    AlsoIn,
    /// The related panel's thread, oldest first.
    StorySoFar,

    // The status bar.
    Counts {
        count: usize,
        unread: usize,
        pos: usize,
        shown: usize,
        focus: &'a str,
    },
    SearchCounts {
        hits: usize,
        total: usize,
        pos: usize,
        focus: &'a str,
    },
    ReadingArchive {
        done: usize,
        total: usize,
    },
    Loading,
    Indexing {
        percent: usize,
    },
    IndexStarting,
    SearchUnavailable,
    Searching,
    FilterLabel,
    HintHelp,
    HintPane,
    HintOpen,
    HintBack,
    HintQuit,

    // Load notes (files are quoted paths).
    FailedOne {
        file: &'a str,
        key: &'a str,
    },
    ProblemsInFile {
        n: usize,
        file: &'a str,
        key: &'a str,
    },
    FilesFailed {
        n: usize,
        key: &'a str,
    },
    FilesFailedProblems {
        n: usize,
        problems: usize,
        key: &'a str,
    },

    // Messages after a key.
    Rescanning,
    Fetching,
    /// Link `n` is not in the archive: `enter` again saves its page, `open` opens it.
    SaveLinkAsk {
        n: usize,
        enter: &'a str,
        open: &'a str,
    },
    SavingLink,
    EveryFileLoaded,
    NoLinkSelected {
        down: &'a str,
        up: &'a str,
    },
    NoLinks,
    NoSuchLink {
        count: usize,
        n: usize,
    },
    LinkNotHere {
        n: usize,
        open: Option<&'a str>,
    },
    NothingBack,
    NothingForward,
    MarkedRead,
    MarkedUnread,
    Starred,
    StarRemoved,
    Opening {
        url: &'a str,
    },
    NotHttp,
    NoUrl,
    NoUrlToCopy,
    Copied {
        url: &'a str,
    },
    NoUnread,
    LastUnread,
    UnreadLeft {
        n: usize,
    },
    OnlyUnread {
        key: &'a str,
    },
    OnlyStarred {
        key: &'a str,
    },
    AllStories,
    Undone {
        n: usize,
    },
    AllReadAlready,
    /// `Z`: grouping on or off.
    Grouped {
        on: bool,
        key: &'a str,
    },
    /// `x`: the story taken out of its group (`out`), or put back.
    Ungrouped {
        out: bool,
    },
    /// `z` or `x` on a story that has no group.
    NoGroup,
    /// An "Also in" entry's length beside the open story's: more or fewer paragraphs.
    LengthDiff {
        paragraphs: isize,
    },
    MarkedAllRead {
        n: usize,
        key: &'a str,
    },
    SortedBy {
        sort: Sort,
        ranked: bool,
    },
    SortName(Sort),
    NoFilter,
    PassFilter {
        n: usize,
    },
    /// Why the typed filter cannot be used.
    Filter(&'a FilterError),
    /// `filter` is the quoted filter, if one narrows the search.
    NoMatch {
        query: &'a str,
        filter: Option<&'a str>,
        search: &'a str,
        close: &'a str,
    },
    Matches {
        n: usize,
        filter: Option<&'a str>,
        next: &'a str,
        prev: &'a str,
        close: &'a str,
    },
    NoSearch {
        key: &'a str,
    },
    NoHitInStory,
    HitOf {
        n: usize,
        total: usize,
    },

    // Panes with nothing to show.
    ReaderLoading,
    ArchiveEmpty,
    NoStoryOpen {
        key: &'a str,
    },
    BodyFailed {
        why: &'a str,
    },
    /// A link-only story (a Pocket or Instapaper export): its text was never saved.
    LinkOnly {
        key: &'a str,
    },
    NoRelated,
    LoadingArchive,
    NoStoryMatches {
        query: &'a str,
        search: &'a str,
        close: &'a str,
    },
    NoStoryPasses {
        filter: &'a str,
        key: &'a str,
    },
    NoStories,

    // Overlays.
    HelpTitle {
        help: &'a str,
        close: &'a str,
    },
    ErrorsTitle {
        n: usize,
        key: &'a str,
        close: &'a str,
    },
    MoreAbove {
        n: usize,
    },
    MoreBelow {
        n: usize,
    },
    /// What a key does, in the help overlay.
    Help(Command),
    /// What the owner has to say (the status bar).
    Note(&'a Note),
    /// Why a file did not load (the errors panel).
    Problem(&'a Problem),
}

/// Our own text (a date with its isolated time) isolated in its own direction, as it is.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// A key as a sentence names it: a named key without modifiers loses its brackets (`<Esc>` →
/// `Esc`); `<C-d>` and single keys stay as they are.
pub fn short_key(key: &str) -> &str {
    key.strip_prefix('<')
        .and_then(|k| k.strip_suffix('>'))
        .filter(|k| k.len() > 1 && !k.contains('-'))
        .unwrap_or(key)
}

/// The interface language with its digit and date settings: what turns a [`Msg`], a number or
/// a date into the text shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tr {
    pub lang: UiLanguage,
    pub digits: Digits,
    pub date_format: DateFormat,
    pub calendar: Calendar,
}

impl Tr {
    /// The sentence in the interface language.
    pub fn t(&self, msg: Msg<'_>) -> String {
        match self.lang {
            UiLanguage::En => super::en::text(msg, *self),
            UiLanguage::Ar => super::ar::text(msg, *self),
            UiLanguage::He => super::he::text(msg, *self),
            UiLanguage::Fa => super::fa::text(msg, *self),
        }
    }

    /// Which way the interface runs: a right-to-left one is mirrored.
    pub fn dir(&self) -> Direction {
        self.lang.direction()
    }

    /// A number in the interface's digits.
    pub fn n(&self, n: usize) -> String {
        super::digits(&n.to_string(), self.lang, self.digits)
    }

    /// Numbers that read left to right whatever the interface (`12-31/64`): each isolated, so
    /// Arabic-Indic digits, which bidi orders right to left around a hyphen, keep their order.
    pub fn numbers(&self, numbers: &[usize], separators: &[char]) -> String {
        let mut out = String::from('\u{2066}');
        for (i, &n) in numbers.iter().enumerate() {
            if i > 0 {
                out.extend(separators.get(i - 1));
            }
            out.push('\u{2066}');
            out.push_str(&self.n(n));
            out.push('\u{2069}');
        }
        out.push('\u{2069}');
        out
    }

    /// A percentage in the interface's digits (Arabic-script digits take `٪`).
    pub fn percent(&self, n: usize) -> String {
        let native =
            self.digits == Digits::Native && matches!(self.lang, UiLanguage::Ar | UiLanguage::Fa);
        format!("{}{}", self.n(n), if native { '٪' } else { '%' })
    }

    /// A key as a sentence names it: a named key without modifiers loses its brackets
    /// (`<Esc>` → `Esc`, `<C-d>` stays), isolated left to right ([`Self::keys`]).
    pub fn key(&self, key: &str) -> String {
        self.keys(short_key(key))
    }

    /// Keys in Vim notation (`j <Down>`), isolated left to right, so `<C-d>` keeps its
    /// brackets the right way round inside a right-to-left sentence.
    pub fn keys(&self, keys: &str) -> String {
        match self.dir() {
            Direction::Ltr => keys.to_owned(),
            Direction::Rtl => format!("\u{2066}{keys}\u{2069}"),
        }
    }

    /// Outside text (a query, a URL, a file name) isolated in its own direction, with any
    /// explicit formatting of its own removed so it cannot leak into the sentence.
    pub fn quote(&self, text: &str) -> String {
        isolate(&qari_core::bidi::sanitize::without_explicit_formatting(
            text,
        ))
    }

    /// A story's date as the list shows it: the configured format, without the time (the
    /// long format is the short one there).
    pub fn date(&self, p: &Published) -> String {
        super::date(p, self.list_format(), self.lang, self.digits, self.calendar)
    }

    fn list_format(self) -> DateFormat {
        match self.date_format {
            DateFormat::Long => DateFormat::Short,
            f => f,
        }
    }

    /// The cells the list's date column needs: its widest date (the longest month name).
    pub fn date_cells(&self) -> usize {
        super::widest_date(self.list_format(), self.lang, self.digits, self.calendar)
    }

    /// A story's date as the reader's header shows it: with its time where it has one.
    pub fn date_time(&self, p: &Published) -> String {
        match self.date_format {
            DateFormat::Iso => {
                // the day in the calendar shown, with the time and offset it was written with
                let d = qari_core::loader::calendar::in_calendar(p, self.calendar);
                let shown = Published {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                    ..*p
                };
                super::digits(&shown.readable(), self.lang, self.digits)
            }
            DateFormat::Short | DateFormat::Long => {
                let day = Published { time: None, ..*p };
                let day = super::date(
                    &day,
                    DateFormat::Long,
                    self.lang,
                    self.digits,
                    self.calendar,
                );
                let Some((h, m, _)) = p.time else {
                    return day;
                };
                let mut time = format!("{h:02}:{m:02}");
                // The offset the story was dated with (`+03:00`; English says `UTC` for 0).
                if let Some(offset) = p.offset() {
                    let utc = p.offset_minutes == Some(0) && self.lang == UiLanguage::En;
                    time.push(' ');
                    time.push_str(if utc { "UTC" } else { &offset });
                }
                // Isolated left to right: a right-to-left line would put `+03:00`'s sign at
                // its end.
                let time = self.keys(&super::digits(&time, self.lang, self.digits));
                format!("{day}{} {time}", super::comma(self.lang))
            }
        }
    }

    /// A language's name in the interface language (`ar` → `العربية` in Arabic), or the code
    /// itself for a language the tables do not name.
    pub fn language(&self, code: &str) -> String {
        let base = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        super::language_name(&base, self.lang).map_or_else(|| code.to_owned(), str::to_owned)
    }
}
