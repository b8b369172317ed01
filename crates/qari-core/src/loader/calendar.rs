//! Solar Hijri and Hijri dates: which calendar a written date counts in, and the Gregorian
//! day it names (and back, for a reader that shows dates in those calendars).
//!
//! Persian, Afghan and Kurdish sites date their pages in the Solar Hijri calendar
//! (`۱۴۰۴/۱۱/۰۷`, `۷ بهمن ۱۴۰۴`, Dari `۷ دلو ۱۴۰۴`, Sorani `٧ی ڕێبەندانی ١٤٠٤`); Arab sites
//! print the Hijri date beside or instead of the Gregorian one (`١٥ رمضان ١٤٤٦ هـ`). Read
//! as Gregorian, these are the years 1404 and 1446 AD: a story sorted six centuries early.
//! This module holds, once each:
//! - the month names of every calendar qari reads, in every spelling ([`month_named`]):
//!   Gregorian (Arabic, Hebrew, English, Persian transliterations), Persian solar months,
//!   their Dari (Afghan) and Kurdish Sorani names, and the Hijri months in Arabic and Persian
//!   spelling;
//! - the era words that say which calendar a numeric date counts in ([`era_of`]: `هـ`,
//!   `ه.ق`, `AH` are Hijri; `ش`, `ه.ش`, `خورشیدی` are Solar Hijri);
//! - the year rules ([`gregorian`]): a year from [`MIN_YEAR`] is Gregorian; a year up to
//!   [`MAX_HIJRI_YEAR`] is Solar Hijri, or Hijri when the text says so; a date is kept only
//!   when its Gregorian day is in [`MIN_YEAR`] or later. So a year before 1900 is never taken
//!   silently: it is read in the calendar it belongs to, or not at all;
//! - the conversions, through `icu_calendar` (no table of ours).
//!
//! The Hijri calendar is Umm al-Qura, the calendar of Saudi Arabia: it is what Arab news
//! sites print (their dates follow the Saudi announcements), and `icu_calendar` carries its
//! official month table (1300–1600 AH) in its code, so no data provider is built. The tabular
//! calendar drifts a day or two from what sites print; observational calendars differ by
//! country and cannot be computed ahead.

use icu_calendar::cal::{Hijri, Iso, Persian};
use icu_calendar::{AsCalendar, Date};

use crate::model::Published;

/// The calendars qari reads dates in and can show them in (named in lower case where a
/// front-end's settings name them: `"persian"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    #[default]
    Gregorian,
    /// Solar Hijri (Iran, Afghanistan, Kurdistan): the year starts at the March equinox.
    Persian,
    /// Hijri, the lunar calendar, as Umm al-Qura (Saudi Arabia) computes it.
    Hijri,
}

/// A day in one calendar: year, month (1–12) and day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The first Gregorian year a story can be dated in. An older year in a news archive is far
/// more often a misreading (a Hijri year, a figure) than a page printed before 1900.
pub const MIN_YEAR: i32 = 1900;

/// The last Hijri-family year: a year written up to it is Solar Hijri (or Hijri). 1500 is the
/// Gregorian year 2121 (Solar Hijri) or 2077 (Hijri); years from 1501 to 1899 are neither a
/// sane Hijri year nor a Gregorian one qari accepts.
pub const MAX_HIJRI_YEAR: u32 = 1500;

/// The last year a numeric date that names no era is taken as Solar Hijri. Solar 1410 begins
/// in March 2031, so a later Solar year would date a page in the future, while the lunar Hijri
/// calendar is at 1446–1447 in 2025: `1446/09/15` with no `هـ` is 15 Ramadan 1446, not a day
/// in 2067. Below it both calendars are plausible and Solar Hijri (Persian sites write dates
/// without an era word far more than Arabic ones) is kept.
pub const LAST_UNSAID_SOLAR_YEAR: u32 = 1410;

/// The Kurdish era counts 1321 years more than the Solar Hijri one (2725 is 1404).
const KURDISH_ERA: u32 = 1321;

/// The day `p` falls on in `calendar`: its own calendar date (in the offset it was written
/// with), converted. For display; `p` itself stays Gregorian.
pub fn in_calendar(p: &Published, calendar: Calendar) -> Day {
    let same = Day {
        year: p.year,
        month: p.month,
        day: p.day,
    };
    let Ok(iso) = Date::try_new_iso(p.year, p.month, p.day) else {
        return same;
    };
    match calendar {
        Calendar::Gregorian => same,
        Calendar::Persian => day_of(&iso.to_calendar(Persian)),
        Calendar::Hijri => day_of(&iso.to_calendar(Hijri::new_umm_al_qura())),
    }
}

/// The Gregorian day that `year`, `month`, `day` name in `calendar`, by the year rules of the
/// module documentation; `None` when it is no real day, or the year is not one qari accepts.
/// A Solar Hijri year may be written in the Kurdish era (2600–2821 for 1279–1500).
pub fn gregorian(calendar: Calendar, year: u32, month: u32, day: u32) -> Option<Day> {
    let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
        return None;
    };
    let day = match calendar {
        Calendar::Gregorian => {
            let year = i32::try_from(year).ok().filter(|y| *y <= 9999)?;
            day_of(&Date::try_new_iso(year, month, day).ok()?)
        }
        Calendar::Persian => {
            // a later year can only be Kurdish; the rules below refuse what that does not fix
            let year = if year > MAX_HIJRI_YEAR {
                year.checked_sub(KURDISH_ERA)?
            } else {
                year
            };
            let date = Date::try_new_persian(hijri_year(year)?, month, day).ok()?;
            day_of(&date.to_calendar(Iso))
        }
        Calendar::Hijri => {
            let date = Date::try_new_hijri_with_calendar(
                hijri_year(year)?,
                month,
                day,
                Hijri::new_umm_al_qura(),
            )
            .ok()?;
            day_of(&date.to_calendar(Iso))
        }
    };
    (day.year >= MIN_YEAR).then_some(day)
}

fn hijri_year(year: u32) -> Option<i32> {
    if (1..=MAX_HIJRI_YEAR).contains(&year) {
        i32::try_from(year).ok()
    } else {
        None
    }
}

fn day_of<A: AsCalendar>(date: &Date<A>) -> Day {
    Day {
        year: date.year().extended_year(),
        // none of the three calendars has leap months: the ordinal is the month
        month: date.month().ordinal,
        day: date.day_of_month().0,
    }
}

/// What the words around a numeric date say about its calendar. A Solar word wins over a
/// Hijri one, as `هجری شمسی` (Solar Hijri) holds both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Era {
    /// Nothing: a year up to [`LAST_UNSAID_SOLAR_YEAR`] is Solar Hijri, a later one up to
    /// [`MAX_HIJRI_YEAR`] Hijri.
    #[default]
    Unsaid,
    Lunar,
    Solar,
}

impl Era {
    /// The calendar a numeric date with this `year` counts in.
    pub fn calendar(self, year: u32) -> Calendar {
        match self {
            _ if year > MAX_HIJRI_YEAR => Calendar::Gregorian,
            Era::Lunar => Calendar::Hijri,
            Era::Unsaid if year > LAST_UNSAID_SOLAR_YEAR => Calendar::Hijri,
            Era::Unsaid | Era::Solar => Calendar::Persian,
        }
    }
}

/// The era the folded words of a date say: `هـ`, `ه.ق`, `هجري`, `قمري`, `AH` (Hijri); `ش`,
/// `ه.ش`, `شمسی`, `خورشیدی`, `SH` (Solar Hijri). A date's tokenizer splits `ه.ق` into `ه`
/// and `ق`; Persian's `ق.ظ` and `ب.ظ` (before and after noon) say nothing.
pub fn era_of<'a>(words: impl IntoIterator<Item = &'a str>) -> Era {
    let mut words = words.into_iter().peekable();
    let mut era = Era::Unsaid;
    while let Some(w) = words.next() {
        if matches!(w, "ق" | "ب") && words.peek() == Some(&"ظ") {
            continue;
        }
        era = era.max(era_word(w).unwrap_or_default());
    }
    era
}

fn era_word(w: &str) -> Option<Era> {
    match w {
        "ه" | "ق" | "هق" | "هجري" | "هجريه" | "قمري" | "ah" | "h" => {
            Some(Era::Lunar)
        }
        "ش" | "هش" | "شمسي" | "خورشيدي" | "sh" | "hs" => Some(Era::Solar),
        _ => None,
    }
}

/// A folded word that may stand in a line holding only a date, besides its numbers and
/// month name: a weekday, an era word, or one of the few words sites put between them
/// (`الموافق` between a Hijri and a Gregorian date, `الساعة` before the time, a Kurdish `ی`).
pub fn is_date_word(w: &str) -> bool {
    era_word(w).is_some() || WEEKDAYS.contains(&w) || DATE_FILLERS.contains(&w)
}

/// Folded weekday names: Arabic (with and without ال), Persian and Dari (a split `سه شنبه`
/// gives `سه` and `شنبه`), Kurdish Sorani, Hebrew, English.
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
    "احد", "اثنين", "ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت",
    "شنبه", "يكشنبه", "دوشنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "ادينه",
    "يك", "دو", "سه", "چهار", "پنج",
    "شهممه", "يهكشهممه", "دووشهممه", "سێشهممه", "چوارشهممه", "پێنجشهممه", "ههيني",
    "ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
];

/// Folded words a date line may hold around its parts.
const DATE_FILLERS: &[&str] = &[
    "يوم",
    "الموافق",
    "الساعه",
    "ساعت",
    "ميلادي",
    "ميلاديه",
    "ي",
    "ماه",
    "יום",
    "at",
    "on",
];

/// The month a folded word names (with the next word, for two-word names such as
/// `كانون الثاني` or `ربيع الأول`): its calendar, its number, and how many words it took.
/// Hebrew's `ב` ("in") before a month, a Kurdish `ی` after it (`ڕێبەندانی`) and a Persian
/// `ماه` ("month") glued to it (`بهمن‌ماه`) are allowed.
pub fn month_named(w: &str, next: Option<&str>) -> Option<(Calendar, u8, usize)> {
    let names = names();
    let find = |name: &str| names.months.get(name).copied();
    if let Some(next) = next
        && names.two_word.contains(w)
        && let Some((calendar, month)) = find(&format!("{w} {next}"))
    {
        return Some((calendar, month, 2));
    }
    let hebrew = || {
        w.strip_prefix('ב')
            .filter(|rest| rest.chars().count() >= 3)
            .and_then(find)
            .filter(|(calendar, _)| *calendar == Calendar::Gregorian)
    };
    let suffixed = || {
        [w.strip_suffix("ماه"), w.strip_suffix('ي')]
            .into_iter()
            .flatten()
            .filter(|rest| rest.chars().count() >= 2)
            .find_map(find)
            .filter(|(calendar, _)| *calendar == Calendar::Persian)
    };
    find(w)
        .or_else(hebrew)
        .or_else(suffixed)
        .map(|(calendar, month)| (calendar, month, 1))
}

/// [`MONTHS`] looked up by name (every word of every dated line is looked up: a search
/// through the list was a tenth of parsing a scraped page).
struct Names {
    /// Each name's month (the first row that has it, as the list is read).
    months: rustc_hash::FxHashMap<&'static str, (Calendar, u8)>,
    /// The first words of two-word names.
    two_word: rustc_hash::FxHashSet<&'static str>,
}

fn names() -> &'static Names {
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut months = rustc_hash::FxHashMap::default();
        let mut two_word = rustc_hash::FxHashSet::default();
        for &(calendar, month, list) in MONTHS {
            for &name in list {
                months.entry(name).or_insert((calendar, month));
                if let Some((first, _)) = name.split_once(' ') {
                    two_word.insert(first);
                }
            }
        }
        Names { months, two_word }
    })
}

/// Folded month names (see `normalize::fold`: hamza forms are plain alef, teh marbuta and
/// Kurdish ە are heh, Persian yeh and kaf are Arabic ones, ZWNJ is gone); two-word names are
/// joined by one space. A test checks that every name is folded.
#[rustfmt::skip]
const MONTHS: &[(Calendar, u8, &[&str])] = &[
    // Gregorian: Arabic (both series, Maghrebi spellings), English, Hebrew, Persian
    (Calendar::Gregorian, 1, &["يناير", "جانفي", "كانون الثاني", "كانون ثاني", "january", "jan", "ינואר", "ژانويه"]),
    (Calendar::Gregorian, 2, &["فبراير", "شباط", "فيفري", "february", "feb", "פברואר", "فوريه"]),
    (Calendar::Gregorian, 3, &["مارس", "اذار", "march", "mar", "מרץ", "מרס"]),
    (Calendar::Gregorian, 4, &["ابريل", "افريل", "نيسان", "april", "apr", "אפריל", "اوريل"]),
    (Calendar::Gregorian, 5, &["مايو", "ماي", "ايار", "may", "מאי", "مه"]),
    (Calendar::Gregorian, 6, &["يونيو", "يونيه", "جوان", "حزيران", "june", "jun", "יוני", "ژوئن"]),
    (Calendar::Gregorian, 7, &["يوليو", "يوليه", "جويليه", "تموز", "july", "jul", "יולי", "ژوئيه"]),
    (Calendar::Gregorian, 8, &["اغسطس", "اوت", "اب", "august", "aug", "אוגוסט"]),
    (Calendar::Gregorian, 9, &["سبتمبر", "ايلول", "september", "sep", "sept", "ספטמבר", "سپتامبر"]),
    (Calendar::Gregorian, 10, &["اكتوبر", "تشرين الاول", "تشرين اول", "october", "oct", "אוקטובר", "اكتبر"]),
    (Calendar::Gregorian, 11, &["نوفمبر", "تشرين الثاني", "تشرين ثاني", "november", "nov", "נובמבר", "نوامبر"]),
    (Calendar::Gregorian, 12, &["ديسمبر", "كانون الاول", "كانون اول", "december", "dec", "דצמבר", "دسامبر"]),
    // Solar Hijri: Persian (Iran), Dari (Afghanistan), Kurdish Sorani
    (Calendar::Persian, 1, &["فروردين", "حمل", "خاكهلێوه"]),
    (Calendar::Persian, 2, &["ارديبهشت", "ثور", "گوڵان"]),
    (Calendar::Persian, 3, &["خرداد", "جوزا", "جوزاء", "جۆزهردان"]),
    (Calendar::Persian, 4, &["تير", "سرطان", "پووشپهڕ"]),
    (Calendar::Persian, 5, &["مرداد", "امرداد", "اسد", "گهلاوێژ"]),
    (Calendar::Persian, 6, &["شهريور", "سنبله", "خهرمانان"]),
    (Calendar::Persian, 7, &["مهر", "ميزان", "ڕهزبهر"]),
    (Calendar::Persian, 8, &["ابان", "عقرب", "خهزهڵوهر"]),
    (Calendar::Persian, 9, &["اذر", "قوس", "سهرماوهز"]),
    (Calendar::Persian, 10, &["دي", "جدي", "بهفرانبار"]),
    (Calendar::Persian, 11, &["بهمن", "دلو", "ڕێبهندان"]),
    (Calendar::Persian, 12, &["اسفند", "حوت", "ڕهشهمه"]),
    // Hijri: Arabic spellings (with and without ال, hamza folded), Persian ones (joined by
    // ZWNJ, which folding removes, or by a space)
    (Calendar::Hijri, 1, &["محرم", "المحرم"]),
    (Calendar::Hijri, 2, &["صفر"]),
    (Calendar::Hijri, 3, &["ربيع الاول", "ربيع اول", "ربيعالاول"]),
    (Calendar::Hijri, 4, &["ربيع الاخر", "ربيع الثاني", "ربيع اخر", "ربيع ثاني", "ربيعالاخر", "ربيعالثاني"]),
    (Calendar::Hijri, 5, &["جمادي الاولي", "جمادي الاول", "جمادي اول", "جماديالاولي", "جماديالاول"]),
    (Calendar::Hijri, 6, &["جمادي الاخره", "جمادي الثانيه", "جمادي الاخر", "جمادي الثاني", "جمادي ثاني", "جماديالاخره", "جماديالثانيه", "جماديالاخر", "جماديالثاني"]),
    (Calendar::Hijri, 7, &["رجب"]),
    (Calendar::Hijri, 8, &["شعبان"]),
    (Calendar::Hijri, 9, &["رمضان"]),
    (Calendar::Hijri, 10, &["شوال"]),
    (Calendar::Hijri, 11, &["ذو القعده", "ذي القعده", "ذوالقعده", "ذيالقعده", "ذيقعده"]),
    (Calendar::Hijri, 12, &["ذو الحجه", "ذي الحجه", "ذوالحجه", "ذيالحجه", "ذيحجه"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn iso(calendar: Calendar, y: u32, m: u32, d: u32) -> Option<String> {
        gregorian(calendar, y, m, d).map(|g| format!("{:04}-{:02}-{:02}", g.year, g.month, g.day))
    }

    #[test]
    fn every_month_name_is_folded_and_names_one_month() {
        for (_, _, names) in MONTHS {
            for name in *names {
                assert_eq!(fold(name), *name, "not folded: {name}");
                let found = MONTHS.iter().filter(|(_, _, n)| n.contains(name)).count();
                assert_eq!(found, 1, "{name} names more than one month");
            }
        }
    }

    /// Known days, checked against published calendars (Nowruz, Saudi announcements).
    #[test]
    fn solar_hijri_days() {
        let persian = |y, m, d| iso(Calendar::Persian, y, m, d);
        assert_eq!(persian(1404, 1, 1).as_deref(), Some("2025-03-21"));
        assert_eq!(persian(1403, 1, 1).as_deref(), Some("2024-03-20"));
        assert_eq!(persian(1400, 1, 1).as_deref(), Some("2021-03-21"));
        assert_eq!(persian(1404, 11, 7).as_deref(), Some("2026-01-27"));
        assert_eq!(persian(1357, 11, 22).as_deref(), Some("1979-02-11"));
        assert_eq!(persian(1368, 3, 14).as_deref(), Some("1989-06-04"));
        // the Kurdish era: 2725 is 1404
        assert_eq!(persian(2725, 1, 1).as_deref(), Some("2025-03-21"));
        // the last day of a common year and of a leap one
        assert_eq!(persian(1404, 12, 30), None);
        assert_eq!(persian(1403, 12, 30).as_deref(), Some("2025-03-20"));
    }

    #[test]
    fn hijri_days_are_umm_al_qura() {
        let hijri = |y, m, d| iso(Calendar::Hijri, y, m, d);
        assert_eq!(hijri(1446, 9, 1).as_deref(), Some("2025-03-01"));
        assert_eq!(hijri(1446, 9, 15).as_deref(), Some("2025-03-15"));
        assert_eq!(hijri(1446, 10, 1).as_deref(), Some("2025-03-30"));
        assert_eq!(hijri(1445, 9, 1).as_deref(), Some("2024-03-11"));
        assert_eq!(hijri(1445, 12, 10).as_deref(), Some("2024-06-16"));
        assert_eq!(hijri(1446, 1, 1).as_deref(), Some("2024-07-07"));
        assert_eq!(hijri(1447, 1, 1).as_deref(), Some("2025-06-26"));
        assert_eq!(hijri(1446, 13, 1), None);
        assert_eq!(hijri(1446, 9, 31), None);
    }

    #[test]
    fn years_outside_the_rules_give_no_day() {
        // a Hijri-family year whose Gregorian day is before 1900
        assert_eq!(iso(Calendar::Persian, 1250, 1, 1), None);
        assert_eq!(iso(Calendar::Hijri, 1300, 1, 1), None);
        // neither a Hijri-family year nor one qari takes as Gregorian
        assert_eq!(iso(Calendar::Persian, 1600, 1, 1), None);
        assert_eq!(iso(Calendar::Gregorian, 1899, 12, 31), None);
        assert_eq!(
            iso(Calendar::Gregorian, 1900, 1, 1).as_deref(),
            Some("1900-01-01")
        );
        assert_eq!(iso(Calendar::Gregorian, 2023, 2, 29), None);
        assert_eq!(
            iso(Calendar::Gregorian, 2024, 2, 29).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(iso(Calendar::Gregorian, 10_000, 1, 1), None);
    }

    #[test]
    fn numeric_years_choose_their_calendar() {
        assert_eq!(Era::Unsaid.calendar(1404), Calendar::Persian);
        assert_eq!(Era::Lunar.calendar(1446), Calendar::Hijri);
        assert_eq!(Era::Solar.calendar(1404), Calendar::Persian);
        assert_eq!(Era::Unsaid.calendar(1404), Calendar::Persian);
        // a Solar year this large would be decades ahead: it is a lunar one
        assert_eq!(Era::Unsaid.calendar(1446), Calendar::Hijri);
        assert_eq!(Era::Solar.calendar(1446), Calendar::Persian);
        assert_eq!(Era::Lunar.calendar(2025), Calendar::Gregorian);
        let era = |words: &[&str]| era_of(words.iter().copied());
        assert_eq!(era(&["ه"]), Era::Lunar);
        assert_eq!(era(&["هجري", "شمسي"]), Era::Solar);
        assert_eq!(era(&["ه", "ش"]), Era::Solar);
        assert_eq!(era(&["10", "ق", "ظ"]), Era::Unsaid);
        assert_eq!(era(&["الموافق"]), Era::Unsaid);
    }

    #[test]
    fn days_shown_in_each_calendar() {
        let p = Published {
            year: 2025,
            month: 3,
            day: 21,
            time: Some((9, 30, 0)),
            offset_minutes: Some(210),
        };
        let day = |year, month, day| Day { year, month, day };
        assert_eq!(in_calendar(&p, Calendar::Gregorian), day(2025, 3, 21));
        assert_eq!(in_calendar(&p, Calendar::Persian), day(1404, 1, 1));
        assert_eq!(in_calendar(&p, Calendar::Hijri), day(1446, 9, 21));
        // both ways agree over two years of days
        let mut unix = crate::loader::date::to_unix(&p);
        for _ in 0..730 {
            let g = crate::loader::date::from_unix(unix).expect("in range");
            for calendar in [Calendar::Persian, Calendar::Hijri] {
                let d = in_calendar(&g, calendar);
                let back = gregorian(
                    calendar,
                    d.year as u32,
                    u32::from(d.month),
                    u32::from(d.day),
                )
                .expect("a real day");
                assert_eq!((back.year, back.month, back.day), (g.year, g.month, g.day));
            }
            unix += 86_400;
        }
    }

    #[test]
    fn month_names_in_every_spelling() {
        let month = |w: &str, next: Option<&str>| month_named(&fold(w), next.map(fold).as_deref());
        assert_eq!(month("بهمن", None), Some((Calendar::Persian, 11, 1)));
        assert_eq!(month("اردیبهشت", None), Some((Calendar::Persian, 2, 1)));
        assert_eq!(month("دلو", None), Some((Calendar::Persian, 11, 1)));
        assert_eq!(month("ڕێبەندانی", None), Some((Calendar::Persian, 11, 1)));
        assert_eq!(month("بهمن‌ماه", None), Some((Calendar::Persian, 11, 1)));
        assert_eq!(month("رمضان", None), Some((Calendar::Hijri, 9, 1)));
        assert_eq!(month("ربيع", Some("الأول")), Some((Calendar::Hijri, 3, 2)));
        assert_eq!(month("ربیع‌الاول", None), Some((Calendar::Hijri, 3, 1)));
        assert_eq!(month("جمادى", Some("الآخرة")), Some((Calendar::Hijri, 6, 2)));
        assert_eq!(month("ذی‌الحجه", None), Some((Calendar::Hijri, 12, 1)));
        assert_eq!(month("ذو", Some("القعدة")), Some((Calendar::Hijri, 11, 2)));
        assert_eq!(
            month("كانون", Some("الثاني")),
            Some((Calendar::Gregorian, 1, 2))
        );
        assert_eq!(month("בספטמבר", None), Some((Calendar::Gregorian, 9, 1)));
        assert_eq!(month("ربيع", None), None);
        // a Gregorian name is not taken with a Kurdish ی after it
        assert_eq!(month("مارسی", None), None);
    }

    fn written(s: &str) -> Option<String> {
        crate::loader::date::parse(s).map(|p| p.to_string())
    }

    /// Dates as Persian, Afghan, Kurdish and Arab sites write them, through the date parser.
    #[test]
    fn written_solar_hijri_dates() {
        for text in [
            "۱۴۰۴/۱۱/۰۷",
            "1404-11-07",
            "١٤٠٤/١١/٠٧",
            "07/11/1404",
            "۷ بهمن ۱۴۰۴",
            "سه‌شنبه ۷ بهمن‌ماه ۱۴۰۴ ه.ش",
            "سه شنبه، ۷ بهمن ماه ۱۴۰۴ هجری شمسی",
            "۷ دلو ۱۴۰۴",
            "٧ی ڕێبەندانی ١٤٠٤",
            "7 بهمن 1404 خورشیدی",
        ] {
            assert_eq!(written(text).as_deref(), Some("2026-01-27"), "{text}");
        }
        assert_eq!(written("١ی خاکەلێوەی ٢٧٢٥").as_deref(), Some("2025-03-21"));
        assert_eq!(written("۱ فروردين ۱۴۰۴").as_deref(), Some("2025-03-21"));
        assert_eq!(written("22 بهمن 1357").as_deref(), Some("1979-02-11"));
        assert_eq!(
            written("۱۴۰۳/۰۱/۰۱ ۱۰:۳۰").as_deref(),
            Some("2024-03-20T10:30:00")
        );
        // `ق.ظ` is "before noon", not the lunar calendar
        assert_eq!(
            written("۱۴۰۴/۰۱/۰۱ ۱۰:۳۰ ق.ظ").as_deref(),
            Some("2025-03-21T10:30:00")
        );
    }

    #[test]
    fn written_hijri_dates() {
        for text in [
            "١٥ رمضان ١٤٤٦ هـ",
            "السبت 15 رمضان 1446هـ",
            "۱۵ رمضان ۱۴۴۶ ه‍.ق",
            "1446/09/15 هـ",
            "1446/09/15",
            "١٤٤٦/٠٩/١٥",
            "15 رمضان 1446 AH",
            "السبت ١٥ رمضان ١٤٤٦ هـ الموافق ١٥ مارس ٢٠٢٥ م",
        ] {
            assert_eq!(written(text).as_deref(), Some("2025-03-15"), "{text}");
        }
        assert_eq!(written("1 رمضان 1446 هـ").as_deref(), Some("2025-03-01"));
        assert_eq!(
            written("۱ شوال ۱۴۴۶ هجری قمری").as_deref(),
            Some("2025-03-30")
        );
        assert_eq!(
            written("10 ذو الحجة 1445 هـ").as_deref(),
            Some("2024-06-16")
        );
        assert_eq!(written("١٠ ذي الحجة ١٤٤٥").as_deref(), Some("2024-06-16"));
        assert_eq!(written("۱۰ ذی‌الحجه ۱۴۴۵").as_deref(), Some("2024-06-16"));
        assert_eq!(written("1 محرم 1447").as_deref(), Some("2025-06-26"));
        assert_eq!(written("١ المحرم ١٤٤٦ هـ").as_deref(), Some("2024-07-07"));
        assert_eq!(
            written("١٥ رمضان ١٤٤٦ هـ - 10:30 م").as_deref(),
            Some("2025-03-15T22:30:00")
        );
    }

    /// A year before 1900 is read in the calendar it belongs to, or not at all.
    #[test]
    fn years_before_1900_never_date_a_story_silently() {
        for text in [
            "14 مارس 1850",
            "1850-01-01",
            "18/09/1899",
            "1600/01/01",
            "٣ محرم ١٢٠٠ هـ",
            "۵ فروردین ۱۲۵۰",
            "15 رمضان 2025",
            "۷ بهمن ۲۰۲۵",
            "July 4, 1776",
        ] {
            assert_eq!(written(text), None, "{text}");
        }
        assert_eq!(crate::loader::date::from_unix(-3_000_000_000), None);
        assert_eq!(written("1 January 1900").as_deref(), Some("1900-01-01"));
    }

    #[test]
    fn a_date_line_holds_nothing_but_a_date() {
        let line = |s: &str| crate::loader::date::line(s).map(|p| p.to_string());
        assert_eq!(line("١٥ رمضان ١٤٤٦ هـ").as_deref(), Some("2025-03-15"));
        assert_eq!(line("سه‌شنبه ۷ بهمن ۱۴۰۴").as_deref(), Some("2026-01-27"));
        assert_eq!(line("الأحد 18 سبتمبر 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(
            line("يوم الأحد 18 أيلول 2022 الساعة 10:30").as_deref(),
            Some("2022-09-18T10:30:00")
        );
        assert_eq!(line("قال الوزير في 18 سبتمبر 2022"), None);
        assert_eq!(line("صفر 12 رمضان"), None);
    }
}
