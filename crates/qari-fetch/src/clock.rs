//! Dates the fetcher reads and writes, on Unix seconds: HTTP dates (`Expires`,
//! `Retry-After`, `Last-Modified` are kept as text), RFC 3339 for JSON, and the JavaScript
//! date `SingleFile` writes in its header. Small enough not to need a date crate.

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

fn parts(unix: u64) -> (i64, u32, u32, u64, &'static str) {
    let days = (unix / 86_400).cast_signed();
    let (y, m, d) = civil_from_days(days);
    (y, m, d, unix % 86_400, WEEKDAYS[(days % 7) as usize])
}

/// `2026-12-07T16:39:07Z`.
pub fn rfc3339(unix: u64) -> String {
    let (y, m, d, s, _) = parts(unix);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// JavaScript's `Date.prototype.toString()` in UTC, as `SingleFile` writes its saved date:
/// `Mon Dec 07 2026 16:39:07 GMT+0000 (Coordinated Universal Time)`.
pub fn js_date(unix: u64) -> String {
    let (y, m, d, s, weekday) = parts(unix);
    format!(
        "{weekday} {} {d:02} {y:04} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        MONTHS[m as usize - 1],
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`; the obsolete forms with a day and a
/// two-digit year or asctime are accepted too) as Unix seconds.
pub fn http_date(text: &str) -> Option<u64> {
    let words: Vec<&str> = text
        .split([' ', ',', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    // asctime: `Sun Nov  6 08:49:37 1994`
    let (day, month, year, time) = match words.as_slice() {
        [_, d, m, y, t, ..] if d.parse::<u32>().is_ok() => (*d, *m, *y, *t),
        [_, m, d, t, y] => (*d, *m, *y, *t),
        _ => return None,
    };
    let month = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(month))? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let mut year: i64 = year.parse().ok()?;
    if year < 100 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, mi, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    u64::try_from(days)
        .ok()
        .map(|days| days * 86_400 + h * 3600 + mi * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let t = http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("rfc 1123");
        assert_eq!(t, 784_111_777);
        assert_eq!(http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(rfc3339(t), "1994-11-06T08:49:37Z");
        assert_eq!(
            js_date(t),
            "Sun Nov 06 1994 08:49:37 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(http_date("soon"), None);
    }
}
