//! What one line of a stored page is: a "read also" marker, a published label, a byline, a
//! masthead line, a bullet, a decorative rule — or just text.
//!
//! Each classifier is a pure function of one trimmed line, matched after `normalize::fold`, so
//! spelling variants (hamza forms, harakat, alef forms, case) are recognised alike. The page
//! parser (`scraped/mod.rs`) decides what the classified lines mean in sequence.

use crate::model::Published;
use crate::normalize::{CharFold, fold, fold_char};

use super::super::date;
use super::super::vocab::{AUTHOR_PREFIXES, LABELS, SOURCE_PREFIXES};
pub(super) use super::super::vocab::{Marker, marker};

/// The first `n` words of `line`, folded: enough to test for a phrase of at most `n` words
/// without folding a whole paragraph.
pub(super) fn head_words(line: &str, n: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut pending_space = false;
    for c in line.chars() {
        match fold_char(c) {
            CharFold::Skip => {}
            CharFold::Separator => pending_space = !out.is_empty(),
            CharFold::Keep(k) => {
                if pending_space || out.is_empty() {
                    if words == n {
                        break;
                    }
                    words += 1;
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                }
                out.push(k);
            }
        }
    }
    out
}

/// Bytes beyond which a line is text, not a label, byline or masthead line (those are a few
/// words: 240 bytes is some 40 Arabic words).
pub(super) const MAX_SHORT_LINE: usize = 240;

/// Folded masthead phrases of news sites (the publisher's staff, not the article).
pub(super) const MASTHEAD: &[&str] = &[
    "رئيس مجلس الاداره",
    "رئيس التحرير",
    "مدير التحرير",
    "المدير العام",
    "المدير التنفيذي",
    "editor in chief",
    "managing editor",
    "עורך ראשי",
    "מו ל",
    "سردبير",
    "مدير مسئول",
];

pub(super) const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '◦'];

/// Whether folded `text` starts with the folded phrase as whole words.
pub(super) fn starts_with_words(folded: &str, phrase: &str) -> bool {
    folded
        .strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The name on a byline (`بقلم: سلمى الراشد`, `By Hana Morgan`, `מאת דנה לוי`).
pub(super) fn author_line(line: &str) -> Option<&str> {
    prefixed_name(line, AUTHOR_PREFIXES)
}

/// The name on a source line (`المصدر: رويترز`, `Source: AFP`).
pub(super) fn source_line(line: &str) -> Option<&str> {
    prefixed_name(line, SOURCE_PREFIXES)
}

/// A short name after one of the prefixes: not a sentence, at most five words.
fn prefixed_name<'a>(line: &'a str, prefixes: &[(&str, bool)]) -> Option<&'a str> {
    // A prefix and at most five words of name: anything longer is a paragraph, and folding
    // every paragraph to find that out would cost more than the rest of parsing.
    if line.len() > MAX_SHORT_LINE {
        return None;
    }
    let head = head_words(line, 2);
    let &(prefix, needs_sep) = prefixes.iter().find(|(p, _)| starts_with_words(&head, p))?;
    let rest = skip_words(line, prefix.split(' ').count());
    let trimmed = rest.trim_start();
    if needs_sep && !trimmed.starts_with([':', '-', '–']) {
        return None;
    }
    let name = trimmed.trim_start_matches([':', '-', '–', ' ']).trim();
    let sentence = name.contains([',', '،', '؟', '?', '!', '؛', ';']) || name.ends_with('.');
    (!name.is_empty() && word_count(name) <= 5 && !sentence).then_some(name)
}

/// A published label line, with the date it carried if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    Undated,
    Dated(Published),
}

impl Label {
    pub(super) fn date(self) -> Option<Published> {
        match self {
            Label::Undated => None,
            Label::Dated(d) => Some(d),
        }
    }
}

/// The label when the line is a published label (alone, or followed by a date).
pub(super) fn published_label(line: &str) -> Option<Label> {
    if line.len() > MAX_SHORT_LINE {
        return None;
    }
    let head = head_words(line, 3);
    let label = LABELS.iter().find(|l| starts_with_words(&head, l))?;
    let rest = skip_words(line, label.split(' ').count());
    let rest =
        rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '،' | ','));
    if fold(rest).is_empty() {
        return Some(Label::Undated);
    }
    if word_count(rest) > 12 {
        return None;
    }
    date::parse(rest).map(Label::Dated)
}

/// The text right after the first `n` words of `line` (words as `fold` sees them), starting
/// with the separator that ended the n-th word.
pub(super) fn skip_words(line: &str, n: usize) -> &str {
    if n == 0 {
        return line;
    }
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in line.char_indices() {
        match fold_char(c) {
            CharFold::Keep(_) if !in_word => {
                in_word = true;
                words += 1;
            }
            CharFold::Separator if in_word => {
                in_word = false;
                if words == n {
                    return &line[i..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// A line of only dashes, stars, dots and the like: a visual rule between sections.
pub(super) fn is_rule(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || "-_=*~•·.–—#+".contains(c))
}

/// The text of a bullet line (`- title`, `• title`, `1. title`, `٢- title`), without the bullet.
pub(super) fn bullet(line: &str) -> Option<&str> {
    if let Some(item) = numbered(line) {
        return Some(item);
    }
    let mut chars = line.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    // "-" and "*" need a space after them, so "-5 درجات" is not a bullet.
    if matches!(first, '-' | '*') && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// `1. title`, `2) title`, `٣- title`: one or two digits, a `.` `)` `-` `–`, then a space.
fn numbered(line: &str) -> Option<&str> {
    let digits = line
        .char_indices()
        .take_while(|&(_, c)| crate::normalize::digit_value(c).is_some())
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (at, _) = line.char_indices().nth(digits)?;
    let rest = line[at..].strip_prefix(['.', ')', '-', '–'])?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_bare_and_inline() {
        for m in [
            "اقرأ أيضًا..",
            "اقرأ أيضا",
            "اقرأ ايضا:",
            "إقرأ أيضاً…",
            "قد يهمك أيضا.",
            "قد يهمك ايضا",
            "اقرأ المزيد",
            "مواضيع ذات صلة",
            "أخبار ذات صلة:",
            "קראו גם",
            "כתבות נוספות",
            "بیشتر بخوانید",
            "مطالب مرتبط",
            "Read also:",
            "Read more",
            "Related",
            "See also...",
        ] {
            assert_eq!(marker(m), Some(Marker::Bare), "{m}");
        }
        assert_eq!(
            marker("اقرأ أيضًا: بايدن يحذر بوتين"),
            Some(Marker::Inline("بايدن يحذر بوتين"))
        );
        assert_eq!(
            marker("Read also - Talks resume"),
            Some(Marker::Inline("Talks resume"))
        );
        assert_eq!(marker("Related talks will resume on Monday."), None);
        assert_eq!(marker("اقرأ أيضا ما كتبه"), None);
    }

    #[test]
    fn bullets_need_a_space_after_dash() {
        assert_eq!(bullet("- عنوان"), Some("عنوان"));
        assert_eq!(bullet("• عنوان"), Some("عنوان"));
        assert_eq!(bullet("–عنوان"), Some("عنوان"));
        assert_eq!(bullet("-5 درجات"), None);
        assert_eq!(bullet("1. الأول"), Some("الأول"));
        assert_eq!(bullet("٢- الثاني"), Some("الثاني"));
        assert_eq!(numbered("2022. عام"), None);
        assert_eq!(numbered("3.5 مليون"), None);
        assert_eq!(bullet("عنوان"), None);
    }

    #[test]
    fn published_labels_with_and_without_dates() {
        assert_eq!(published_label("نشر"), Some(Label::Undated));
        assert_eq!(published_label("نُشر:"), Some(Label::Undated));
        let d = published_label("نشر في ١٨ أيلول ٢٠٢٢ - ١٠:٣٠ ص").and_then(Label::date);
        assert_eq!(
            d.map(|d| d.to_string()).as_deref(),
            Some("2022-09-18T10:30:00")
        );
        let d = published_label("Published: 2022-09-18T08:00:00Z").and_then(Label::date);
        assert_eq!(
            d.map(|d| d.to_string()).as_deref(),
            Some("2022-09-18T08:00:00Z")
        );
        assert!(
            published_label("פורסם: 18.09.2022")
                .and_then(Label::date)
                .is_some()
        );
        assert!(
            published_label("منتشر شده ۱۸ سپتامبر ۲۰۲۲")
                .and_then(Label::date)
                .is_some()
        );
        // a sentence that starts with the verb is not a label
        assert_eq!(
            published_label("نشر الجيش قواته على الحدود الشرقية للبلاد"),
            None
        );
        assert_eq!(published_label("نشرت الصحيفة تقريرا"), None);
    }

    #[test]
    fn head_words_folds_only_the_start() {
        assert_eq!(head_words("  نُشِرَ في: ١٨ أيلول", 2), "نشر في");
        assert_eq!(head_words("Written  by Ann Lee", 2), "written by");
        assert_eq!(head_words("x", 3), "x");
        assert_eq!(head_words("", 3), "");
        // every phrase fits in the number of words its check folds
        assert!(LABELS.iter().all(|l| l.split(' ').count() <= 3));
        assert!(
            AUTHOR_PREFIXES
                .iter()
                .chain(SOURCE_PREFIXES)
                .all(|(p, _)| p.split(' ').count() <= 2)
        );
        assert!(MASTHEAD.iter().all(|m| m.split(' ').count() <= 4));
    }

    #[test]
    fn author_lines() {
        assert_eq!(author_line("بقلم: سلمى الراشد"), Some("سلمى الراشد"));
        assert_eq!(author_line("بقلم د. عمر"), Some("د. عمر"));
        assert_eq!(author_line("كتب - يوسف حداد"), Some("يوسف حداد"));
        assert_eq!(author_line("By Hana Q. Morgan"), Some("Hana Q. Morgan"));
        assert_eq!(author_line("מאת דנה לוי"), Some("דנה לוי"));
        assert_eq!(author_line("كتب الرئيس في تغريدة"), None);
        assert_eq!(author_line("By noon, the crowd had left."), None);
        assert_eq!(source_line("المصدر: رويترز"), Some("رويترز"));
        assert_eq!(source_line("Source - AFP"), Some("AFP"));
        assert_eq!(source_line("المصدر الذي تحدث إلينا قال"), None);
    }
}
