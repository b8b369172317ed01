//! When two feed items are one story. An item is known by, in this order:
//!
//! 1. its GUID (RSS) or id (Atom, JSON Feed);
//! 2. its address, normalised: scheme, `www.`, `m.` and `amp.` hosts, a trailing slash, a
//!    fragment, `utm_*` / `fbclid` / `gclid` parameters and the AMP variants (`/amp`,
//!    `/amp/`, `?amp`, `?amp=1`, `?outputType=amp`) make no difference;
//! 3. its title, folded as the core folds for search (`normalize::fold`: harakat, hamza,
//!    ى/ي, ة/ه, digits), when the two are dated within [`TITLE_DAYS`] days of each other.
//!
//! A GUID that changes (a CMS migration) is caught by the address; an address that changes
//! by the title; an edited title by the GUID or the address.

use url::Url;

/// Two items with the same folded title are one story when dated this many days apart or less.
pub const TITLE_DAYS: u64 = 3;

/// An address in the form two addresses of one story share; `None` for no http(s) address.
pub fn normal_url(text: &str) -> Option<String> {
    let url = Url::parse(text.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut host = url.host_str()?.to_ascii_lowercase();
    for prefix in ["www.", "amp.", "m."] {
        if let Some(rest) = host.strip_prefix(prefix)
            && rest.contains('.')
        {
            host = rest.to_owned();
        }
    }
    let mut path = url.path().to_owned();
    for suffix in ["/amp/", "/amp", "/amp.html"] {
        if let Some(p) = path.strip_suffix(suffix) {
            path = p.to_owned();
        }
    }
    if let Some(p) = path.strip_prefix("/amp/") {
        path = format!("/{p}");
    }
    while path.ends_with('/') {
        path.pop();
    }
    let mut query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, v)| {
            let k = k.to_ascii_lowercase();
            !(k.starts_with("utm_")
                || matches!(k.as_str(), "fbclid" | "gclid" | "amp" | "_amp")
                || (k == "outputtype" && v.eq_ignore_ascii_case("amp")))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    query.sort();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let mut out = format!("{host}{port}{path}");
    if !query.is_empty() {
        out.push('?');
        let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push_str(&pairs.join("&"));
    }
    Some(out)
}

/// A title as compared: folded, white space collapsed.
pub fn folded_title(title: &str) -> String {
    qari_core::normalize::fold(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// 64-bit FNV-1a: file names from identities (stable across builds and machines).
pub fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_one_story_agree() {
        let base = normal_url("https://www.example.org/news/gaza-water/").expect("url");
        for variant in [
            "http://example.org/news/gaza-water",
            "https://example.org/news/gaza-water/amp",
            "https://amp.example.org/news/gaza-water?utm_source=rss&utm_medium=feed",
            "https://example.org/news/gaza-water?amp",
            "https://example.org/news/gaza-water?fbclid=abc#top",
            "https://m.example.org/news/gaza-water/?outputType=amp",
        ] {
            assert_eq!(
                normal_url(variant).as_deref(),
                Some(base.as_str()),
                "{variant}"
            );
        }
        assert_ne!(
            normal_url("https://example.org/news/other"),
            Some(base.clone())
        );
        assert_ne!(
            normal_url("https://example.org/news/gaza-water?id=2"),
            Some(base)
        );
    }

    #[test]
    fn titles_fold() {
        assert_eq!(
            folded_title("إطلاق  خطة  المياه"),
            folded_title("اطلاق خطة المياه")
        );
    }
}
