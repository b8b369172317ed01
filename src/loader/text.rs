//! The stored text layout: a news page as scraped to plain text (the layout of the seed).
//!
//! ```text
//! رئيس مجلس الإدارة          <- masthead: dropped
//! د. رائد العزاوي            <- (the name that goes with it)
//!
//! <headline>                 <- title
//!
//! نشر [date and time]        <- published label (نُشر, نشر في, Published, פורסם, منتشر شده …)
//! الأمصار                    <- source line
//!
//! paragraph                  <- paragraphs: separated by lines that are empty or hold only
//!  (NBSP)                       whitespace / NO-BREAK SPACE; lines of one block are joined
//! paragraph
//! اقرأ أيضًا: <title>          <- inline read-also link; the article continues
//! اقرأ أيضًا..                <- bare marker: a "read also" section starts
//! - <title>                  <-   bullets: title-only links, or
//! <title> / paragraphs …     <-   an embedded story up to the next marker or the end
//! ```
//!
//! Every feature is optional: a plain `.txt` is its first non-empty line as the title and the
//! rest as paragraphs. The parser never fails on content; only a file without any text is an
//! error ("no title").

use crate::model::{Link, LinkKind, Published};
use crate::normalize::{CharFold, fold, fold_char};

use super::{Draft, date, id, split_url};

/// Folded "read also" phrases that open a related-stories section.
const MARKERS: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "قد يهمك ايضا",
    "قد يهمك",
    "اقرا المزيد",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "اخبار متعلقه",
    "קראו גם",
    "כתבות נוספות",
    "بيشتر بخوانيد",
    "مطالب مرتبط",
    "مطالب مرتبط بيشتر",
    "read also",
    "also read",
    "read more",
    "related",
    "related stories",
    "related articles",
    "see also",
];

/// Folded published labels, longest first so `نشر في` wins over `نشر`.
const LABELS: &[&str] = &[
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

/// Folded masthead phrases of news sites (the publisher's staff, not the article).
const MASTHEAD: &[&str] = &[
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

const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '◦'];

/// One non-blank line, trimmed, and whether a blank line came before it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    blank_before: bool,
}

/// Parses a page: the main story first, then each embedded story in order.
pub fn parse(text: &str) -> Result<Vec<Draft>, String> {
    let lines = lines(text);
    let mut i = skip_masthead(&lines);
    let Some(title) = lines.get(i) else {
        return Err("no title: the file holds no text".to_owned());
    };
    let mut main = Draft {
        title: title.text.to_owned(),
        ..Draft::default()
    };
    i += 1;
    i = read_byline(&lines, i, &mut main);
    let mut body = Body::new(main);
    for line in &lines[i..] {
        body.line(*line);
    }
    Ok(body.finish())
}

/// Splits into trimmed non-blank lines. Blank: empty or only whitespace (NBSP included) and
/// invisible format characters.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank_before = false;
    for raw in text.split('\n') {
        let t = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if t.is_empty() {
            blank_before = true;
        } else {
            out.push(Line {
                text: t,
                blank_before,
            });
            blank_before = false;
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}' | '\u{061C}'
    )
}

/// Whether folded `text` starts with the folded phrase as whole words.
fn starts_with_words(folded: &str, phrase: &str) -> bool {
    folded
        .strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Index of the first line after the masthead.
fn skip_masthead(lines: &[Line<'_>]) -> usize {
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let folded = fold(line.text);
        let Some(phrase) = MASTHEAD.iter().find(|p| starts_with_words(&folded, p)) else {
            break;
        };
        i += 1;
        // "رئيس التحرير" alone: the name follows on its own short line (same block, or a
        // short block when more text follows it).
        if folded == *phrase
            && let Some(next) = lines.get(i)
            && (!next.blank_before || (word_count(next.text) <= 5 && lines.len() > i + 1))
            && !MASTHEAD
                .iter()
                .any(|p| starts_with_words(&fold(next.text), p))
        {
            i += 1;
        }
    }
    // Never eat the whole file: a masthead with nothing after it is the text itself.
    if i >= lines.len() { 0 } else { i }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Reads the lines between the headline and the text: a published label (with its date and
/// source lines) and an author line, in either order. Returns the next line index.
fn read_byline(lines: &[Line<'_>], mut i: usize, story: &mut Draft) -> usize {
    let mut label_read = false;
    loop {
        if story.author.is_none()
            && let Some(author) = lines.get(i).and_then(|l| author_line(l.text))
        {
            story.author = Some(author.to_owned());
            i += 1;
        } else if !label_read && read_published(lines, i, story) != i {
            label_read = true;
            i = read_published(lines, i, story);
        } else {
            return i;
        }
    }
}

/// Folded author prefixes, and whether a `:` or `-` must follow (`كتب` also starts sentences).
const AUTHOR_PREFIXES: &[(&str, bool)] = &[
    ("بقلم", false),
    ("كتب", true),
    ("كتبت", true),
    ("written by", false),
    ("by", false),
    ("מאת", false),
    ("نويسنده", true),
];

/// The name on a byline (`بقلم: سلمى الراشد`, `By Hana Morgan`, `מאת דנה לוי`).
fn author_line(line: &str) -> Option<&str> {
    let folded = fold(line);
    let &(prefix, needs_sep) = AUTHOR_PREFIXES
        .iter()
        .find(|(p, _)| starts_with_words(&folded, p))?;
    let rest = skip_words(line, prefix.split(' ').count());
    let trimmed = rest.trim_start();
    if needs_sep && !trimmed.starts_with([':', '-', '–']) {
        return None;
    }
    let name = trimmed.trim_start_matches([':', '-', '–', ' ']).trim();
    let sentence = name.contains([',', '،', '؟', '?', '!', '؛', ';']) || name.ends_with('.');
    (!name.is_empty() && word_count(name) <= 5 && !sentence).then_some(name)
}

/// Reads `نشر [date]` and the source line after it; returns the next line index.
fn read_published(lines: &[Line<'_>], mut i: usize, story: &mut Draft) -> usize {
    let Some(published) = lines.get(i).and_then(|l| published_label(l.text)) else {
        return i;
    };
    story.published = published.date();
    i += 1;
    if story.published.is_none()
        && let Some(next) = lines.get(i)
        && word_count(next.text) <= 8
        && let Some(date) = date::parse(next.text)
    {
        story.published = Some(date);
        i += 1;
    }
    if let Some(next) = lines.get(i)
        && is_source_line(next)
    {
        story.source = Some(next.text.to_owned());
        i += 1;
    }
    i
}

/// A published label line, with the date it carried if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Undated,
    Dated(Published),
}

impl Label {
    fn date(self) -> Option<Published> {
        match self {
            Label::Undated => None,
            Label::Dated(d) => Some(d),
        }
    }
}

/// The label when the line is a published label (alone, or followed by a date).
fn published_label(line: &str) -> Option<Label> {
    let folded = fold(line);
    let label = LABELS.iter().find(|l| starts_with_words(&folded, l))?;
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
fn skip_words(line: &str, n: usize) -> &str {
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

/// A source is a short line (a site or agency name) that is not a sentence, marker or bullet.
fn is_source_line(line: &Line<'_>) -> bool {
    let words = word_count(line.text);
    let limit = if line.blank_before { 4 } else { 6 };
    words <= limit
        && line.text.chars().count() <= 60
        && !line.text.ends_with(['.', '؟', '?', '!', ':'])
        && marker(line.text).is_none()
        && bullet(line.text).is_none()
}

/// A "read also" marker line.
#[derive(Debug, PartialEq, Eq)]
enum Marker<'a> {
    /// The phrase alone: a section follows.
    Bare,
    /// The phrase, a separator and a title on the same line.
    Inline(&'a str),
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let folded = fold(line);
    if MARKERS.contains(&folded.as_str()) {
        return Some(Marker::Bare);
    }
    if !MARKERS.iter().any(|m| starts_with_words(&folded, m)) {
        return None;
    }
    let sep = line.find([':', '…', '.', '-', '–', '—', '|', '؛', '»', '«'])?;
    let head = &line[..sep];
    if !MARKERS.contains(&fold(head).as_str()) {
        return None;
    }
    let tail = line[sep..].trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '…' | '.' | '-' | '–' | '—' | '|' | '؛')
    });
    (!tail.is_empty()).then_some(Marker::Inline(tail))
}

/// The text of a bullet line (`- title`, `• title`), without the bullet.
fn bullet(line: &str) -> Option<&str> {
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

fn title_link(text: &str, kind: LinkKind, after_paragraph: Option<usize>) -> Link {
    let (label, url) = split_url(text);
    Link {
        label,
        target: None,
        url,
        kind,
        after_paragraph,
    }
}

/// What the next line means after a bare marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Just after a bare marker: a bullet starts a list, anything else an embedded story.
    AfterMarker,
    /// Inside a bullet list.
    Bullets,
}

/// Builds the main story and the embedded ones line by line.
struct Body<'a> {
    stories: Vec<Draft>,
    /// Index in `stories` of the story receiving paragraphs.
    current: usize,
    paragraph: Vec<&'a str>,
    state: State,
}

impl<'a> Body<'a> {
    fn new(main: Draft) -> Body<'a> {
        Body {
            stories: vec![main],
            current: 0,
            paragraph: Vec::new(),
            state: State::Text,
        }
    }

    fn line(&mut self, line: Line<'a>) {
        if line.blank_before {
            self.flush();
        }
        match marker(line.text) {
            Some(Marker::Bare) => {
                self.flush();
                self.end_embedded();
                self.state = State::AfterMarker;
                return;
            }
            Some(Marker::Inline(title)) => {
                self.flush();
                let story = &mut self.stories[self.current];
                let after = story.paragraphs.len().checked_sub(1);
                story.links.push(title_link(title, LinkKind::Inline, after));
                return;
            }
            None => {}
        }
        match (self.state, bullet(line.text)) {
            (State::AfterMarker | State::Bullets, Some(item)) => {
                self.state = State::Bullets;
                self.stories[0]
                    .links
                    .push(title_link(item, LinkKind::ReadAlso, None));
            }
            (State::AfterMarker, None) => {
                self.state = State::Text;
                self.stories.push(Draft {
                    title: line.text.to_owned(),
                    source: self.stories[0].source.clone(),
                    ..Draft::default()
                });
                self.current = self.stories.len() - 1;
            }
            (_, item) => {
                self.state = State::Text;
                // A bullet inside the text starts its own paragraph.
                if item.is_some() {
                    self.flush();
                }
                self.paragraph.push(line.text);
            }
        }
    }

    fn flush(&mut self) {
        if !self.paragraph.is_empty() {
            let text = self.paragraph.join(" ");
            self.stories[self.current].paragraphs.push(text);
            self.paragraph.clear();
        }
    }

    /// Closes the embedded story being read (if any): it becomes a link from the main story,
    /// or a title-only link when it has no body.
    fn end_embedded(&mut self) {
        if self.current == 0 {
            return;
        }
        self.current = 0;
        let last = self.stories.len() - 1;
        if self.stories[last].paragraphs.is_empty() {
            let dropped = self.stories.pop().expect("last index exists");
            self.stories[0]
                .links
                .push(title_link(&dropped.title, LinkKind::ReadAlso, None));
        } else {
            let title = self.stories[last].title.clone();
            self.stories[0].links.push(Link {
                label: title.clone(),
                target: Some(id::for_title(&title)),
                url: None,
                kind: LinkKind::Embedded,
                after_paragraph: None,
            });
        }
    }

    fn finish(mut self) -> Vec<Draft> {
        self.flush();
        self.end_embedded();
        self.stories
    }
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
    fn author_lines() {
        assert_eq!(author_line("بقلم: سلمى الراشد"), Some("سلمى الراشد"));
        assert_eq!(author_line("بقلم د. عمر"), Some("د. عمر"));
        assert_eq!(author_line("كتب - يوسف حداد"), Some("يوسف حداد"));
        assert_eq!(author_line("By Hana Q. Morgan"), Some("Hana Q. Morgan"));
        assert_eq!(author_line("מאת דנה לוי"), Some("דנה לוי"));
        assert_eq!(author_line("كتب الرئيس في تغريدة"), None);
        assert_eq!(author_line("By noon, the crowd had left."), None);
    }

    #[test]
    fn byline_in_either_order() {
        let d = &parse("T\n\nبقلم: سلمى الراشد\nنشر\nالمصدر\n\nنص.\n").expect("parses")[0];
        assert_eq!(d.author.as_deref(), Some("سلمى الراشد"));
        assert_eq!(d.source.as_deref(), Some("المصدر"));
        assert_eq!(d.paragraphs, ["نص."]);
        let d =
            &parse("T\n\nPublished: 2024-01-02\nWire\nBy Ann Lee\n\nText.\n").expect("parses")[0];
        assert_eq!(d.author.as_deref(), Some("Ann Lee"));
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.paragraphs, ["Text."]);
    }

    #[test]
    fn plain_text_first_line_is_title() {
        let drafts =
            parse("\n\nTitle here\nfirst line\nsame paragraph\n\nsecond\n").expect("parses");
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].title, "Title here");
        assert_eq!(
            drafts[0].paragraphs,
            vec!["first line same paragraph", "second"]
        );
        assert!(drafts[0].links.is_empty());
        assert_eq!(drafts[0].source, None);
    }

    #[test]
    fn empty_file_has_no_title() {
        assert!(parse(" \n\u{00A0}\n\n").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn masthead_label_source_and_embedded_story() {
        let text = "رئيس التحرير\nفلان الفلاني\n\nالعنوان الرئيسي\n\nنشر\nوكالة الأنباء\n\n\
                    فقرة أولى.\n\n\u{00A0}\n\nفقرة ثانية.\n\nاقرأ أيضًا..\n\nعنوان مضمن\n\nنص مضمن.\n";
        let drafts = parse(text).expect("parses");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].title, "العنوان الرئيسي");
        assert_eq!(drafts[0].source.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(drafts[0].paragraphs, vec!["فقرة أولى.", "فقرة ثانية."]);
        assert_eq!(drafts[0].links.len(), 1);
        assert_eq!(drafts[0].links[0].kind, LinkKind::Embedded);
        assert_eq!(drafts[0].links[0].target, Some(id::for_title("عنوان مضمن")));
        assert_eq!(drafts[1].title, "عنوان مضمن");
        assert_eq!(drafts[1].paragraphs, vec!["نص مضمن."]);
    }

    #[test]
    fn bullets_and_inline_links() {
        let text = "Title\n\nOne.\n\nRead also: Middle story\n\nTwo.\n\nRelated:\n- First (https://e.x/1)\n• Second\n";
        let drafts = parse(text).expect("parses");
        assert_eq!(drafts.len(), 1);
        let d = &drafts[0];
        assert_eq!(d.paragraphs, vec!["One.", "Two."]);
        let labels: Vec<_> = d
            .links
            .iter()
            .map(|l| (l.label.as_str(), l.kind, l.after_paragraph))
            .collect();
        assert_eq!(
            labels,
            vec![
                ("Middle story", LinkKind::Inline, Some(0)),
                ("First", LinkKind::ReadAlso, None),
                ("Second", LinkKind::ReadAlso, None),
            ]
        );
        assert_eq!(d.links[1].url.as_deref(), Some("https://e.x/1"));
    }

    #[test]
    fn marker_with_only_a_title_after_is_a_title_link() {
        let drafts = parse("T\n\nBody.\n\nاقرأ أيضا\n\nعنوان بلا نص\n").expect("parses");
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].links.len(), 1);
        assert_eq!(drafts[0].links[0].label, "عنوان بلا نص");
        assert_eq!(drafts[0].links[0].kind, LinkKind::ReadAlso);
    }
}
