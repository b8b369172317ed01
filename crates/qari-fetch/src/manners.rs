//! What a response says about the next request to its feed: when it may be made
//! (`Cache-Control: max-age`, `Expires`, RSS `<ttl>`, `Retry-After`, and the subscription's
//! minimum interval, which always holds) and with which validators.
//!
//! A server's freshness only ever delays the next poll: a `max-age=0` does not make qari poll
//! more often than the minimum interval. Freshness is capped at a week, so a typo on a server
//! (`max-age=31536000`) cannot silence a feed for a year.

use crate::clock;
use crate::http::Headers;

/// The longest a server's freshness can put the next poll off.
pub const MAX_FRESH: u64 = 7 * 86_400;

/// After a 429 or 503 without a usable `Retry-After`: an hour.
pub const DEFAULT_RETRY: u64 = 3600;

/// Seconds a response stays fresh by its headers, from `now`: `max-age` (`s-maxage` is for
/// shared caches), else `Expires` against the response's `Date` (or `now`).
pub fn freshness(headers: &Headers, now: u64) -> Option<u64> {
    if let Some(cc) = headers.get("cache-control") {
        for part in cc.split(',') {
            let part = part.trim();
            if part.eq_ignore_ascii_case("no-cache") || part.eq_ignore_ascii_case("no-store") {
                return Some(0);
            }
            if let Some(v) = part
                .split_once('=')
                .filter(|(k, _)| k.trim().eq_ignore_ascii_case("max-age"))
                .and_then(|(_, v)| v.trim().trim_matches('"').parse::<u64>().ok())
            {
                return Some(v.min(MAX_FRESH));
            }
        }
    }
    let expires = clock::http_date(headers.get("expires")?)?;
    let date = headers
        .get("date")
        .and_then(clock::http_date)
        .unwrap_or(now);
    Some(expires.saturating_sub(date).min(MAX_FRESH))
}

/// `Retry-After` as seconds from `now`: a number of seconds or an HTTP date.
pub fn retry_after(headers: &Headers, now: u64) -> Option<u64> {
    let v = headers.get("retry-after")?.trim();
    v.parse::<u64>()
        .ok()
        .or_else(|| clock::http_date(v).map(|at| at.saturating_sub(now)))
        .map(|s| s.min(MAX_FRESH))
}

/// When the feed may be asked again after a response at `now`: the latest of the minimum
/// interval, the response's freshness and the feed's `ttl` (minutes).
pub fn next_poll(headers: &Headers, ttl_minutes: Option<u32>, min_interval: u64, now: u64) -> u64 {
    let fresh = freshness(headers, now).unwrap_or(0);
    let ttl = ttl_minutes.map_or(0, |m| (u64::from(m) * 60).min(MAX_FRESH));
    now + min_interval.max(fresh).max(ttl)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        Headers(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn freshness_from_max_age_expires_and_ttl() {
        let now = 1_000_000;
        let h = headers(&[("cache-control", "public, max-age=7200")]);
        assert_eq!(next_poll(&h, None, 1800, now), now + 7200);
        let h = headers(&[("cache-control", "max-age=60")]);
        assert_eq!(next_poll(&h, None, 1800, now), now + 1800);
        assert_eq!(next_poll(&h, Some(90), 1800, now), now + 5400);
        let h = headers(&[
            ("date", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("expires", "Sun, 06 Nov 1994 10:49:37 GMT"),
        ]);
        assert_eq!(freshness(&h, now), Some(7200));
        let h = headers(&[("retry-after", "120")]);
        assert_eq!(retry_after(&h, now), Some(120));
    }
}
