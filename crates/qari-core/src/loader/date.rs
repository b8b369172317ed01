//! Published dates as news sites write them -> `model::Published` (printed as ISO 8601).
//!
//! Scraped pages write dates for people, in their own language:
//! - ISO (`2022-09-18`, `2022-09-18T10:30:00+03:00`, `2022-09-18 10:30`);
//! - numeric day-first (`18/09/2022`, `18.9.2022`, `18-09-2022`) or year-first (`2022/09/18`);
//! - Arabic month names of both series: the transliterated (`سبتمبر`) and the Syriac one used
//!   in the Levant and Iraq (`أيلول`, two-word `كانون الثاني`), plus Maghrebi spellings;
//! - Hebrew (`בספטמבר`), English (`September`, `Sep`, `Sept.`) and Persian transliterated
//!   Gregorian months (`سپتامبر`);
//! - Solar Hijri and Hijri dates, numeric (`۱۴۰۴/۱۱/۰۷`, `1446/09/15 هـ`) or with their
//!   month names (`۷ بهمن ۱۴۰۴`, `١٥ رمضان ١٤٤٦ هـ`), read into their Gregorian day by
//!   [`super::calendar`], which also holds every month name and the year rules;
//! - digits Latin, Arabic-Indic (`١٨`) or Persian (`۱۸`), weekdays and filler words around them,
//!   times as `10:30`, `10:30:05`, with `AM`/`PM`, `ص`/`م`, `صباحًا`/`مساءً`.
//!
//! Anything that is not a complete, valid calendar date gives `None`: a wrong date is worse
//! than none. So does a year before 1900 that no Hijri calendar explains
//! ([`super::calendar::MIN_YEAR`]).

use super::calendar::{self, Calendar, Era};
use crate::model::Published;
use crate::normalize::{digit_value, fold};

/// Parses a date (and time) written by a news site; `None` when there is no valid date.
pub fn parse(text: &str) -> Option<Published> {
    let text = ascii_digits(text);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let tokens = tokens(text);
    let era = calendar::era_of(tokens.iter().filter_map(|t| match t {
        Token::Word(w) => Some(w.as_str()),
        _ => None,
    }));
    iso(text, era)
        .or_else(|| numeric(&tokens, era))
        .or_else(|| named(&tokens))
}

/// The date of a line that holds a date and nothing else: its numbers, its month name,
/// weekdays, era words (`هـ`), clock words and the few fillers of
/// [`calendar::is_date_word`]. A date line of a text page; `None` for a sentence that
/// mentions a date.
pub fn line(text: &str) -> Option<Published> {
    let date = parse(text)?;
    let tokens = tokens(&ascii_digits(text));
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += match token {
            Token::Word(w) => {
                let next = match tokens.get(i + 1) {
                    Some(Token::Word(n)) => Some(n.as_str()),
                    _ => None,
                };
                if let Some((_, _, width)) = calendar::month_named(w, next) {
                    width
                } else if calendar::is_date_word(w) || is_am(w) || is_pm(w) {
                    1
                } else {
                    return None;
                }
            }
            Token::Num(..) | Token::Sep(_) => 1,
        };
    }
    Some(date)
}

/// A Unix time (seconds since 1970-01-01 UTC) as a UTC date and time; `None` outside the
/// years 1900–9999.
pub fn from_unix(seconds: i64) -> Option<Published> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // civil-from-days (Howard Hinnant's algorithm), in the proleptic Gregorian calendar
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut p = published(
        Calendar::Gregorian,
        u32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    p.time = Some((
        (secs / 3600) as u8,
        (secs % 3600 / 60) as u8,
        (secs % 60) as u8,
    ));
    p.offset_minutes = Some(0);
    Some(p)
}

/// The Unix time of a date (midnight when it has no time; its offset applied when it has
/// one, UTC otherwise): the inverse of [`from_unix`].
pub fn to_unix(date: &Published) -> i64 {
    // days-from-civil (Howard Hinnant's algorithm)
    let month = i64::from(date.month);
    let year = i64::from(date.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let (hour, minute, second) = date.time.unwrap_or((0, 0, 0));
    days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
        - i64::from(date.offset_minutes.unwrap_or(0)) * 60
}

/// Replaces Arabic-Indic and Persian digits and the Arabic separators that sit between them.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '٫' => '.',
            '٬' => ',',
            c => digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c),
        })
        .collect()
}

/// `YYYY-MM-DD`, then an optional time and offset; a Hijri-family year by `era`.
fn iso(text: &str, era: Era) -> Option<Published> {
    let b = text.as_bytes();
    // find YYYY-MM-DD anywhere (sites put a weekday before it)
    let start = (0..b.len().saturating_sub(9)).find(|&i| {
        b.len() >= i + 10
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'-'
            && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && b[i + 7] == b'-'
            && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
    })?;
    let year = num(&text[start..start + 4])?;
    let month = num(&text[start + 5..start + 7])?;
    let day = num(&text[start + 8..start + 10])?;
    let mut p = published(era.calendar(year), year, month, day)?;
    let rest = &text[start + 10..];
    let rest = rest.strip_prefix(['T', ' ']).unwrap_or(rest);
    if let Some((time, after)) = clock(rest) {
        p.time = Some(time);
        p.offset_minutes = offset(after);
    }
    Some(p)
}

/// `18/09/2022`, `18.9.2022`, `18-09-2022` (day first, as Arabic, Hebrew and European sites
/// write them) and `2022/09/18`; `۱۴۰۴/۱۱/۰۷` in the Hijri calendar `era` says.
fn numeric(tokens: &[Token], era: Era) -> Option<Published> {
    for (i, t) in tokens.iter().enumerate() {
        let Token::Num(a, _) = *t else { continue };
        let (
            Some(Token::Sep(s1)),
            Some(Token::Num(b, _)),
            Some(Token::Sep(s2)),
            Some(&Token::Num(c, cl)),
        ) = (
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
            tokens.get(i + 4),
        )
        else {
            continue;
        };
        if s1 != s2 || !matches!(s1, '/' | '.' | '-') {
            continue;
        }
        let (year, month, day) = if a > 31 {
            (a, *b, c)
        } else if cl == 4 {
            (c, *b, a)
        } else {
            continue;
        };
        let Some(mut p) = published(era.calendar(year), year, month, day) else {
            continue;
        };
        p.time = time_after(&tokens[i + 5..]);
        return Some(p);
    }
    None
}

/// A day, a month name and a four-digit year, in either order (`18 سبتمبر 2022`,
/// `September 18, 2022`, `١٥ رمضان ١٤٤٦ هـ`), then an optional time. The month's name says
/// its calendar. The first month name with a day and a year around it wins (`صفر` is also
/// "zero", `اسد` also a name).
fn named(tokens: &[Token]) -> Option<Published> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        let Token::Word(w) = t else { return None };
        let next = match tokens.get(i + 1) {
            Some(Token::Word(n)) => Some(n.as_str()),
            _ => None,
        };
        let (calendar, month, width) = calendar::month_named(w, next)?;
        named_at(tokens, i, width, calendar, u32::from(month))
    })
}

/// The date around the month name at `mi` (`width` tokens long), if there is one.
fn named_at(
    tokens: &[Token],
    mi: usize,
    width: usize,
    calendar: Calendar,
    month: u32,
) -> Option<Published> {
    let year_at = |i: usize| match tokens.get(i) {
        Some(&Token::Num(y, 4)) => Some(y),
        _ => None,
    };
    let day_at = |i: usize| match tokens.get(i) {
        Some(&Token::Num(d, len)) if len <= 2 && (1..=31).contains(&d) => Some(d),
        _ => None,
    };
    // Skipped between the parts: separators such as ',' and '-', a Kurdish `ی` after the day
    // (`٧ی`) and Persian's `ماه` after the month (`بهمن ماه`).
    let filler = |t: &Token| match t {
        Token::Sep(_) => true,
        Token::Word(w) => w == "ي" || w == "ماه",
        Token::Num(..) => false,
    };
    // positions of the next tokens
    let after: Vec<usize> = (mi + width..tokens.len())
        .filter(|&i| !filler(&tokens[i]))
        .take(2)
        .collect();
    let before = (0..mi).rev().find(|&i| !filler(&tokens[i]));
    let (day, year, end) = if let (Some(d), Some(&a0)) = (before.and_then(day_at), after.first()) {
        (d, year_at(a0)?, a0 + 1)
    } else if let (Some(&a0), Some(&a1)) = (after.first(), after.get(1)) {
        (day_at(a0)?, year_at(a1)?, a1 + 1)
    } else {
        return None;
    };
    let mut p = published(calendar, year, month, day)?;
    p.time = time_after(&tokens[end..]);
    Some(p)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A number and how many digits it had.
    Num(u32, usize),
    /// A folded word.
    Word(String),
    /// One punctuation character.
    Sep(char),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            let digits = &text[i..end];
            if let Some(n) = num(digits) {
                out.push(Token::Num(n, digits.len()));
            }
        } else if c.is_alphabetic() || is_mark(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_alphabetic() || is_mark(d)) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(Token::Word(fold(&text[i..end])));
        } else if !c.is_whitespace() {
            out.push(Token::Sep(c));
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0591}'..='\u{05C7}' | '\u{200C}')
}

fn num(s: &str) -> Option<u32> {
    if s.len() > 9 {
        return None;
    }
    s.parse().ok()
}

/// A clock time at the start of the tokens (after skipping separators such as `-` or `|`),
/// with AM/PM words folded in.
fn time_after(tokens: &[Token]) -> Option<(u8, u8, u8)> {
    let mut i = 0;
    while i < tokens.len() && !matches!(tokens[i], Token::Num(..)) {
        // allow separators and at most filler words like "at", "الساعة", "בשעה"
        if i > 4 {
            return None;
        }
        i += 1;
    }
    let (Some(&Token::Num(mut hour, _)), Some(Token::Sep(':')), Some(&Token::Num(minute, 2))) =
        (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
    else {
        return None;
    };
    let mut next = i + 3;
    let mut second = 0;
    if let (Some(Token::Sep(':')), Some(&Token::Num(sec, 2))) =
        (tokens.get(next), tokens.get(next + 1))
    {
        second = sec;
        next += 2;
    }
    match tokens.get(next) {
        Some(Token::Word(w)) if is_pm(w) && hour < 12 => hour += 12,
        Some(Token::Word(w)) if is_am(w) && hour == 12 => hour = 0,
        _ => {}
    }
    (hour < 24 && minute < 60 && second < 60).then_some((hour as u8, minute as u8, second as u8))
}

/// `HH:MM[:SS]` at the start of `text`; returns the time and the rest.
fn clock(text: &str) -> Option<((u8, u8, u8), &str)> {
    let b = text.as_bytes();
    let digits2 = |i: usize| -> Option<u32> {
        (b.len() >= i + 2 && b[i].is_ascii_digit() && b[i + 1].is_ascii_digit())
            .then(|| num(&text[i..i + 2]))?
    };
    let h = digits2(0)?;
    if b.get(2) != Some(&b':') {
        return None;
    }
    let m = digits2(3)?;
    let (s, mut end) = if b.get(5) == Some(&b':') {
        (digits2(6)?, 8)
    } else {
        (0, 5)
    };
    // fractional seconds
    if b.get(end) == Some(&b'.') {
        end += 1;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
    }
    (h < 24 && m < 60 && s < 60).then_some(((h as u8, m as u8, s as u8), &text[end..]))
}

/// `Z`, `+03:00`, `+0300`, `-05:30` at the start of `text`.
fn offset(text: &str) -> Option<i16> {
    let text = text.trim_start();
    if text.starts_with('Z') {
        return Some(0);
    }
    let sign: i16 = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..]
        .chars()
        .take(5)
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i16 = digits[..2].parse().ok()?;
    let m: i16 = digits[2..].parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn is_pm(w: &str) -> bool {
    matches!(
        w,
        "pm" | "م" | "مساء" | "مساءا" | "ظهرا" | "عصرا" | "ب ظ" | "بعدازظهر"
    )
}

fn is_am(w: &str) -> bool {
    matches!(w, "am" | "ص" | "صباحا" | "صباح" | "فجرا" | "قبلازظهر")
}

/// The Gregorian day `year`, `month`, `day` name in `calendar`, as a date without a time
/// (the rules are [`calendar::gregorian`]'s).
fn published(calendar: Calendar, year: u32, month: u32, day: u32) -> Option<Published> {
    let day = calendar::gregorian(calendar, year, month, day)?;
    Some(Published {
        year: day.year,
        month: day.month,
        day: day.day,
        time: None,
        offset_minutes: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(s: &str) -> Option<String> {
        parse(s).map(|p| p.to_string())
    }

    #[test]
    fn unix_time_both_ways() {
        for t in [0, 951_782_400, 1_709_634_600, -86_400 * 365] {
            assert_eq!(to_unix(&from_unix(t).expect("in range")), t);
        }
        let local = parse("2024-03-05T10:30:00+03:00").expect("date");
        assert_eq!(to_unix(&local), 1_709_623_800);
    }

    #[test]
    fn iso_dates_with_time_and_offset() {
        assert_eq!(iso_of("2022-09-18").as_deref(), Some("2022-09-18"));
        assert_eq!(
            iso_of("2022-09-18T10:30:00Z").as_deref(),
            Some("2022-09-18T10:30:00Z")
        );
        assert_eq!(
            iso_of("2022-09-18T10:30:00+03:00").as_deref(),
            Some("2022-09-18T10:30:00+03:00")
        );
        assert_eq!(
            iso_of("2022-09-18 07:05").as_deref(),
            Some("2022-09-18T07:05:00")
        );
        assert_eq!(
            iso_of("2022-09-18T10:30:00.123-05:30").as_deref(),
            Some("2022-09-18T10:30:00-05:30")
        );
    }

    #[test]
    fn arabic_month_names_both_series() {
        assert_eq!(iso_of("18 سبتمبر 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("الأحد، 18 أيلول 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("٣ كانون الثاني ٢٠٢٣").as_deref(), Some("2023-01-03"));
        assert_eq!(iso_of("١٥ تشرين الأول ٢٠٢١").as_deref(), Some("2021-10-15"));
        assert_eq!(iso_of("5 آذار 2020").as_deref(), Some("2020-03-05"));
        assert_eq!(iso_of("1 أغسطس 2019").as_deref(), Some("2019-08-01"));
    }

    #[test]
    fn arabic_indic_and_persian_digits() {
        assert_eq!(iso_of("١٨ سبتمبر ٢٠٢٢").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("۱۸ سپتامبر ۲۰۲۲").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("٢٠٢٢-٠٩-١٨").as_deref(), Some("2022-09-18"));
    }

    #[test]
    fn times_in_arabic_and_english() {
        assert_eq!(
            iso_of("الأحد 18 سبتمبر 2022 - 10:30 م").as_deref(),
            Some("2022-09-18T22:30:00")
        );
        assert_eq!(
            iso_of("18 سبتمبر 2022 الساعة 09:15 صباحًا").as_deref(),
            Some("2022-09-18T09:15:00")
        );
        assert_eq!(
            iso_of("September 18, 2022 12:05 AM").as_deref(),
            Some("2022-09-18T00:05:00")
        );
        assert_eq!(
            iso_of("١٨/٠٩/٢٠٢٢ ١٠:٣٠").as_deref(),
            Some("2022-09-18T10:30:00")
        );
    }

    #[test]
    fn english_and_hebrew_months() {
        assert_eq!(iso_of("September 18, 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("18 Sept. 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(
            iso_of("Sunday, 4 December 2022").as_deref(),
            Some("2022-12-04")
        );
        assert_eq!(iso_of("18 בספטמבר 2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("2 במרץ 2023").as_deref(), Some("2023-03-02"));
    }

    #[test]
    fn numeric_day_first_and_year_first() {
        assert_eq!(iso_of("18/09/2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("18.9.2022").as_deref(), Some("2022-09-18"));
        assert_eq!(iso_of("2022/09/18").as_deref(), Some("2022-09-18"));
    }

    #[test]
    fn unix_times() {
        // checked with `date -u -d @SECONDS +%FT%TZ`
        assert_eq!(
            from_unix(0).map(|p| p.to_string()).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            from_unix(951_782_400).map(|p| p.to_string()).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(
            from_unix(1_663_497_000).map(|p| p.to_string()).as_deref(),
            Some("2022-09-18T10:30:00Z")
        );
        assert_eq!(
            from_unix(-86_400).map(|p| p.to_string()).as_deref(),
            Some("1969-12-31T00:00:00Z")
        );
        assert_eq!(from_unix(i64::MAX / 2), None);
    }

    #[test]
    fn invalid_or_missing_dates_are_none() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("نشر"), None);
        assert_eq!(parse("31 فبراير 2022"), None);
        assert_eq!(parse("2022-13-01"), None);
        assert_eq!(parse("30/02/2020"), None);
        assert_eq!(parse("قال إن 18 شخصا أصيبوا"), None);
        assert_eq!(iso_of("29 فبراير 2024").as_deref(), Some("2024-02-29"));
    }
}
