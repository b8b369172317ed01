//! The interface's language: which one (config, `--ui`, or the locale), its direction, its
//! digits, its calendar and month names (`months.rs`), and every sentence the interface shows.
//!
//! Kept apart from the views so that every number and date the interface shows goes through
//! one function per concern ([`digits`], [`date`]) and a right-to-left interface never shows
//! an English month or Latin digits the user did not ask for. The sentences are a [`Msg`]
//! each, written out by one table per language (`en.rs`, `ar.rs`, `he.rs`, `fa.rs`): each
//! table is one exhaustive `match`, so a message added without its translations does not
//! compile, and nothing English can be left in the Arabic interface.

use serde::Deserialize;

use qari_core::loader::calendar::{Day, in_calendar};
use qari_core::model::{Direction, Published};

mod ar;
mod en;
mod fa;
mod he;
mod months;
mod msg;

/// The calendar the list and the reader show dates in (`calendar` in the config): the
/// core's, which reads dates in the same three.
pub use qari_core::loader::calendar::Calendar;

pub use msg::{Msg, Tr, isolate, short_key};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    #[default]
    En,
    Ar,
    He,
    Fa,
}

/// Which digits the interface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    #[default]
    Latin,
    Native,
}

/// How the interface writes dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// `2024-03-14`
    Iso,
    /// `14 Mar 2024`, month names in the interface language
    #[default]
    Short,
    /// `14 March 2024, 08:15`
    Long,
}

impl UiLanguage {
    /// The interface language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that is set (POSIX order), when it names Arabic, Hebrew or Persian; otherwise
    /// English.
    pub fn from_locale(get: &dyn Fn(&str) -> Option<String>) -> UiLanguage {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| get(v).filter(|s| !s.is_empty()))
            .unwrap_or_default();
        let lang = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "ar" => UiLanguage::Ar,
            // `iw` is Hebrew's old code, still found in some systems' locales
            "he" | "iw" => UiLanguage::He,
            "fa" => UiLanguage::Fa,
            _ => UiLanguage::En,
        }
    }

    /// [`Self::from_locale`] from this process's environment.
    pub fn from_env() -> UiLanguage {
        UiLanguage::from_locale(&|v| std::env::var(v).ok())
    }

    /// The interface is mirrored when this is right to left.
    pub fn direction(self) -> Direction {
        match self {
            UiLanguage::En => Direction::Ltr,
            UiLanguage::Ar | UiLanguage::He | UiLanguage::Fa => Direction::Rtl,
        }
    }

    /// The language's own digits, 0 to 9 (Hebrew writes Latin digits).
    fn native_digits(self) -> Option<[char; 10]> {
        match self {
            UiLanguage::Ar => Some(['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩']),
            UiLanguage::Fa => Some(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹']),
            UiLanguage::En | UiLanguage::He => None,
        }
    }
}

/// The languages the reader's header names, each as English, Arabic, Hebrew and Persian
/// write it (the rows follow the order of [`UiLanguage`]).
const LANGUAGES: &[(&str, [&str; 4])] = &[
    ("ar", ["Arabic", "العربية", "ערבית", "عربی"]),
    ("en", ["English", "الإنجليزية", "אנגלית", "انگلیسی"]),
    ("he", ["Hebrew", "العبرية", "עברית", "عبری"]),
    ("fa", ["Persian", "الفارسية", "פרסית", "فارسی"]),
    ("ur", ["Urdu", "الأردية", "אורדו", "اردو"]),
    ("fr", ["French", "الفرنسية", "צרפתית", "فرانسوی"]),
    ("de", ["German", "الألمانية", "גרמנית", "آلمانی"]),
    ("es", ["Spanish", "الإسبانية", "ספרדית", "اسپانیایی"]),
    ("tr", ["Turkish", "التركية", "טורקית", "ترکی"]),
    ("ru", ["Russian", "الروسية", "רוסית", "روسی"]),
    ("ku", ["Kurdish", "الكردية", "כורדית", "کردی"]),
    ("ps", ["Pashto", "البشتوية", "פשטו", "پشتو"]),
    ("yi", ["Yiddish", "اليديشية", "יידיש", "ییدیش"]),
];

fn language_name(code: &str, ui: UiLanguage) -> Option<&'static str> {
    let column = match ui {
        UiLanguage::En => 0,
        UiLanguage::Ar => 1,
        UiLanguage::He => 2,
        UiLanguage::Fa => 3,
    };
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, names)| names[column])
}

/// `text` with its ASCII digits written as `digits` asks in `lang`.
pub fn digits(text: &str, lang: UiLanguage, digits: Digits) -> String {
    match (digits, lang.native_digits()) {
        (Digits::Native, Some(table)) => text
            .chars()
            .map(|c| c.to_digit(10).map_or(c, |d| table[d as usize]))
            .collect(),
        _ => text.to_owned(),
    }
}

/// The language's comma: Arabic script has its own; Hebrew and English write `,`.
fn comma(lang: UiLanguage) -> char {
    if matches!(lang, UiLanguage::Ar | UiLanguage::Fa) {
        '،'
    } else {
        ','
    }
}

/// A story's date as the interface shows it, in its own offset (the calendar date the story
/// was published on where it was published), in `calendar`.
pub fn date(
    p: &Published,
    format: DateFormat,
    lang: UiLanguage,
    numerals: Digits,
    calendar: Calendar,
) -> String {
    written(
        in_calendar(p, calendar),
        p.time,
        format,
        (lang, numerals, calendar),
    )
}

/// A day of `calendar` as the interface writes it, with its `time` in the long format.
fn written(
    d: Day,
    time: Option<(u8, u8, u8)>,
    format: DateFormat,
    (lang, numerals, calendar): (UiLanguage, Digits, Calendar),
) -> String {
    let text = match format {
        DateFormat::Iso => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        DateFormat::Short => {
            let short = months::month(lang, calendar, d.month, true);
            format!("{} {short} {}", d.day, d.year)
        }
        DateFormat::Long => {
            let month = months::month(lang, calendar, d.month, false);
            let comma = comma(lang);
            match time {
                Some((h, m, _)) => format!("{} {month} {}{comma} {h:02}:{m:02}", d.day, d.year),
                None => format!("{} {month} {}", d.day, d.year),
            }
        }
    };
    digits(&text, lang, numerals)
}

/// The widest date `format` writes in `calendar` (the longest month name), in cells: the
/// list's date column.
pub fn widest_date(
    format: DateFormat,
    lang: UiLanguage,
    numerals: Digits,
    calendar: Calendar,
) -> usize {
    (1..=12)
        .map(|month| {
            let d = Day {
                year: 2000,
                month,
                day: 28,
            };
            qari_core::bidi::width(&written(d, None, format, (lang, numerals, calendar)))
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_locale_picks_the_language_in_posix_order() {
        let pick = |pairs: &[(&str, &str)]| UiLanguage::from_locale(&env(pairs));
        assert_eq!(pick(&[("LANG", "ar_EG.UTF-8")]), UiLanguage::Ar);
        assert_eq!(pick(&[("LANG", "he_IL.UTF-8")]), UiLanguage::He);
        assert_eq!(pick(&[("LANG", "iw_IL")]), UiLanguage::He);
        assert_eq!(pick(&[("LANG", "fa_IR.UTF-8")]), UiLanguage::Fa);
        assert_eq!(pick(&[("LANG", "de_DE.UTF-8")]), UiLanguage::En);
        assert_eq!(pick(&[]), UiLanguage::En);
        assert_eq!(
            pick(&[("LANG", "ar_SA.UTF-8"), ("LC_MESSAGES", "fa_IR")]),
            UiLanguage::Fa
        );
        assert_eq!(
            pick(&[("LC_ALL", "he_IL"), ("LC_MESSAGES", "fa_IR")]),
            UiLanguage::He
        );
        // An empty LC_ALL does not count.
        assert_eq!(
            pick(&[("LC_ALL", ""), ("LANG", "ar_JO.UTF-8")]),
            UiLanguage::Ar
        );
    }

    #[test]
    fn native_digits_are_the_languages_own() {
        assert_eq!(digits("12/80", UiLanguage::Ar, Digits::Native), "١٢/٨٠");
        assert_eq!(digits("12/80", UiLanguage::Fa, Digits::Native), "۱۲/۸۰");
        assert_eq!(digits("12/80", UiLanguage::He, Digits::Native), "12/80");
        assert_eq!(digits("12/80", UiLanguage::Ar, Digits::Latin), "12/80");
    }

    #[test]
    fn dates_use_the_languages_months() {
        let p = Published {
            year: 2024,
            month: 3,
            day: 14,
            time: Some((8, 5, 0)),
            offset_minutes: Some(180),
        };
        let gregorian = |format, lang, digits| date(&p, format, lang, digits, Calendar::Gregorian);
        assert_eq!(
            gregorian(DateFormat::Iso, UiLanguage::Ar, Digits::Latin),
            "2024-03-14"
        );
        assert_eq!(
            gregorian(DateFormat::Short, UiLanguage::En, Digits::Latin),
            "14 Mar 2024"
        );
        assert_eq!(
            gregorian(DateFormat::Short, UiLanguage::Ar, Digits::Native),
            "١٤ مارس ٢٠٢٤"
        );
        assert_eq!(
            gregorian(DateFormat::Long, UiLanguage::He, Digits::Latin),
            "14 מרץ 2024, 08:05"
        );
        assert_eq!(
            gregorian(DateFormat::Long, UiLanguage::En, Digits::Latin),
            "14 March 2024, 08:05"
        );
        assert_eq!(
            gregorian(DateFormat::Short, UiLanguage::Fa, Digits::Native),
            "۱۴ مارس ۲۰۲۴"
        );
    }

    #[test]
    fn dates_in_the_persian_and_hijri_calendars() {
        // 2025-03-21 is 1 Farvardin 1404 and 21 Ramadan 1446
        let p = Published {
            year: 2025,
            month: 3,
            day: 21,
            time: Some((9, 30, 0)),
            offset_minutes: Some(210),
        };
        let on = |format, lang, digits, calendar| date(&p, format, lang, digits, calendar);
        assert_eq!(
            on(
                DateFormat::Short,
                UiLanguage::Fa,
                Digits::Native,
                Calendar::Persian
            ),
            "۱ فروردین ۱۴۰۴"
        );
        assert_eq!(
            on(
                DateFormat::Short,
                UiLanguage::En,
                Digits::Latin,
                Calendar::Persian
            ),
            "1 Far 1404"
        );
        assert_eq!(
            on(
                DateFormat::Iso,
                UiLanguage::Fa,
                Digits::Latin,
                Calendar::Persian
            ),
            "1404-01-01"
        );
        assert_eq!(
            on(
                DateFormat::Long,
                UiLanguage::Ar,
                Digits::Native,
                Calendar::Hijri
            ),
            "٢١ رمضان ١٤٤٦، ٠٩:٣٠"
        );
        assert_eq!(
            on(
                DateFormat::Short,
                UiLanguage::En,
                Digits::Latin,
                Calendar::Hijri
            ),
            "21 Ram 1446"
        );
        assert!(
            widest_date(
                DateFormat::Short,
                UiLanguage::En,
                Digits::Latin,
                Calendar::Hijri
            ) > widest_date(
                DateFormat::Short,
                UiLanguage::En,
                Digits::Latin,
                Calendar::Gregorian
            )
        );
    }
}
