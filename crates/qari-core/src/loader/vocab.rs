//! The words every loader recognises: one vocabulary for the text layout, saved HTML pages,
//! Markdown notes and feeds.
//!
//! - "read also" phrases that open a related-stories section ([`marker`],
//!   [`is_marker_phrase`]): the Arabic, Persian, Hebrew and Urdu phrases news sites use, and
//!   the usual English, German, French and Portuguese ones;
//! - published labels ([`LABELS`]), author prefixes ([`AUTHOR_PREFIXES`]) and source
//!   prefixes ([`SOURCE_PREFIXES`]), matched after `normalize::fold`;
//! - class and id words that mark page furniture rather than the article
//!   ([`BOILERPLATE_HINTS`]), for the HTML loader.
//!
//! The tables are here so that a phrase added once is known by every format; the text
//! layout's line classifiers (`scraped/lines.rs`) and the HTML and Markdown loaders ask them.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::normalize::fold;

/// "Read also" phrases as sites write them; compared folded (see [`is_marker_phrase`]).
const MARKER_PHRASES: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضًا",
    "اقرأ كذلك",
    "قد يهمك أيضا",
    "قد يهمك",
    "اقرأ المزيد",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "أخبار متعلقة",
    "مقالات ذات صلة",
    "موضوعات ذات صلة",
    "קראו גם",
    "כתבות נוספות",
    "עוד בנושא",
    "بیشتر بخوانید",
    "مطالب مرتبط",
    "مطالب مرتبط بیشتر",
    "اخبار مرتبط",
    "یہ بھی پڑھیں",
    "مزید پڑھیں",
    "متعلقہ خبریں",
    "read also",
    "also read",
    "read more",
    "related",
    "related stories",
    "related articles",
    "related content",
    "related coverage",
    "related news",
    "more on this story",
    "you may also like",
    "see also",
    "lesen sie auch",
    "mehr zum thema",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "sur le même sujet",
    "voir aussi",
    "leia também",
    "veja também",
    "leia mais",
    "saiba mais",
];

static MARKERS: LazyLock<HashSet<String>> =
    LazyLock::new(|| MARKER_PHRASES.iter().map(|p| fold(p)).collect());

/// Whether `text` is exactly a "read also" phrase (any spelling that folds alike, any case,
/// with or without a colon).
pub fn is_marker_phrase(text: &str) -> bool {
    text.len() <= 96 && MARKERS.contains(&fold(text))
}

/// Folded published labels, longest first so `نشر في` wins over `نشر`.
pub const LABELS: &[&str] = &[
    "تاريخ النشر",
    "نشر بتاريخ",
    "نشر في",
    "نشر",
    "published on",
    "published",
    "posted on",
    "posted",
    "פורסם ב",
    "פורסם",
    "تاريخ انتشار",
    "منتشر شده در",
    "منتشر شده",
    "انتشار",
];

/// Folded author prefixes, and whether a `:` or `-` must follow (`كتب` also starts sentences).
pub const AUTHOR_PREFIXES: &[(&str, bool)] = &[
    ("بقلم", false),
    ("كتب", true),
    ("كتبت", true),
    ("written by", false),
    ("by", false),
    ("מאת", false),
    ("نويسنده", true),
];

/// Folded source prefixes; all need a `:` or `-` after them.
pub const SOURCE_PREFIXES: &[(&str, bool)] = &[
    ("المصدر", true),
    ("source", true),
    ("מקור", true),
    ("منبع", true),
];

/// A "read also" marker line.
#[derive(Debug, PartialEq, Eq)]
pub enum Marker<'a> {
    /// The phrase alone: a section follows.
    Bare,
    /// The phrase, a separator and a title on the same line.
    Inline(&'a str),
}

pub fn marker(line: &str) -> Option<Marker<'_>> {
    // Every phrase is a few short words: a head longer than this is text (and folding every
    // paragraph of a large archive just to find out would be the loader's main cost; so is
    // looking for a separator past it).
    const LONGEST: usize = 96;
    const SEPARATORS: [char; 10] = [':', '…', '.', '-', '–', '—', '|', '؛', '»', '«'];
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
    let mut window = (LONGEST + 1).min(line.len());
    while !line.is_char_boundary(window) {
        window += 1;
    }
    let sep = match line[..window].find(SEPARATORS) {
        Some(sep) => sep,
        None if line.len() <= LONGEST => line.len(),
        None => return None,
    };
    let head = &line[..sep];
    if head.len() > LONGEST || !is_marker_phrase(head) {
        return None;
    }
    let tail =
        line[sep..].trim_start_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
    if fold(tail).is_empty() {
        Some(Marker::Bare)
    } else {
        Some(Marker::Inline(tail))
    }
}

/// Words in an element's `class` or `id` that mark page furniture (menus, share bars,
/// comments, cookie notices, most-read boxes, tickers, newsletter boxes, advertising), as
/// whole `-`/`_`-separated parts of the name.
pub const BOILERPLATE_HINTS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "footer",
    "masthead",
    "ticker",
    "newsticker",
    "marquee",
    "popular",
    "mostread",
    "most",
    "trending",
    "newsletter",
    "subscribe",
    "promo",
    "sponsored",
    "advert",
    "ads",
    "ad",
    "banner",
    "sidebar",
    "widget",
    "related",
    "tags",
    "tag",
    "topics",
    "keywords",
    "print",
    "toolbar",
    "pagination",
    "byline",
    "talkback",
    "talkbacks",
];

/// Headings of page furniture, in the languages qari reads: the section a heading like this
/// opens (its list of links) is not the article.
pub const FURNITURE_HEADINGS: &[&str] = &[
    "Most read",
    "Most popular",
    "Most viewed",
    "Most shared",
    "Trending",
    "Trending now",
    "Popular now",
    "Top stories",
    "Related topics",
    "Tags",
    "Topics",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولا",
    "الأكثر شعبية",
    "الأكثر قراءة اليوم",
    "الوسوم",
    "وسوم",
    "مواضيع ذات صلة",
    "הכי נקראים",
    "הנקראים ביותר",
    "הכי נצפים",
    "תגיות",
    "پربازدیدترین",
    "پربیننده‌ترین",
    "پربحث‌ترین",
    "برچسب‌ها",
    "سب سے زیادہ پڑھی جانے والی",
    "سب سے زیادہ پڑھی جانے والی خبریں",
    "مقبول ترین",
    "Meistgelesen",
    "Am meisten gelesen",
    "Les plus lus",
    "Les plus populaires",
    "Mais lidas",
    "Mais populares",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_phrases_in_every_spelling() {
        for phrase in [
            "اقرأ أيضاً",
            "إقرأ ايضا:",
            "Read also",
            "קראו גם",
            "بیشتر بخوانید",
            "یہ بھی پڑھیں",
            "À lire aussi",
            "Lesen Sie auch",
            "Leia também",
        ] {
            assert!(
                is_marker_phrase(phrase.trim_end_matches(':')) || marker(phrase).is_some(),
                "{phrase}"
            );
        }
        assert!(!is_marker_phrase("اقرأ هذا الخبر"));
        assert_eq!(
            marker("اقرأ أيضا: عنوان آخر"),
            Some(Marker::Inline("عنوان آخر"))
        );
        assert_eq!(marker("Related stories"), Some(Marker::Bare));
        assert_eq!(marker("Relatedly, the council voted."), None);
    }
}
