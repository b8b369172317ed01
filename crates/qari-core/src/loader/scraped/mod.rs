//! The stored text layout: a news page as scraped to plain text (the layout of the seed).
//!
//! ```text
//! رئيس مجلس الإدارة          <- masthead: dropped
//! د. رائد العزاوي            <- (the name that goes with it)
//!
//! <headline>                 <- title
//!
//! نشر [date and time]        <- published label (نُشر, نشر في, Published, פורסם, منتشر شده …),
//!                               or a line that is only a date (`١٥ رمضان ١٤٤٦ هـ`, `۷ بهمن ۱۴۰۴`)
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

use crate::model::{Link, LinkKind};
use crate::normalize::fold;

use super::{Draft, date, id, split_url};

mod lines;

use lines::{
    MASTHEAD, MAX_SHORT_LINE, Marker, author_line, bullet, head_words, is_rule, marker,
    published_label, skip_words, source_line, starts_with_words, word_count,
};

/// One non-blank line, trimmed, and whether a blank line came before it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    blank_before: bool,
}

/// Parses a page: the main story first, then each embedded story in order.
pub fn parse(text: &str) -> Result<Vec<Draft>, crate::loader::Problem> {
    let lines = lines(text);
    let mut i = skip_masthead(&lines);
    let Some(title) = lines.get(i) else {
        return Err(crate::loader::Problem::NoText);
    };
    let mut main = Draft {
        title: title.text.to_owned(),
        ..Draft::default()
    };
    i += 1;
    i = read_byline(&lines, i, &mut main);
    let mut body = Body::new(main);
    while i < lines.len() {
        i = body.line(&lines, i);
    }
    Ok(body.finish())
}

/// Splits into trimmed non-blank lines. Blank: empty or only whitespace (NBSP included),
/// control characters and invisible format characters.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank_before = false;
    for raw in text.split('\n') {
        let t = raw.trim_matches(|c: char| {
            c.is_whitespace() || c.is_control() || crate::chars::invisible::is_invisible(c)
        });
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

/// Whether `line` is a masthead line, and whether it is the phrase alone (`رئيس التحرير`,
/// its name on the next line) rather than phrase and name (`رئيس التحرير: فلان`).
fn masthead_line(line: &str) -> Option<bool> {
    if line.len() > MAX_SHORT_LINE {
        return None;
    }
    let head = head_words(line, 4);
    let phrase = MASTHEAD.iter().find(|p| starts_with_words(&head, p))?;
    if fold(line) == *phrase {
        return Some(true);
    }
    // "رئيس التحرير: فلان" is a masthead line; "رئيس التحرير يستقيل …" is a headline.
    let rest = skip_words(line, phrase.split(' ').count()).trim_start();
    let name = rest.trim_start_matches([':', '-', '–', '|', '/']).trim();
    (rest.len() != name.len() && word_count(name) <= 5).then_some(false)
}

/// A line that can be a paper's name above its masthead (`جريدة الصباح`): a few words, not a
/// sentence, nothing the page parser gives a meaning.
fn is_name_line(line: &str) -> bool {
    word_count(line) <= 4
        && line.chars().count() <= 40
        && !line.ends_with(['.', '؟', '?', '!', ':', '،', ','])
        && marker(line).is_none()
        && published_label(line).is_none()
        && bullet(line).is_none()
}

/// Lines of the paper's name that may stand above the masthead.
const MAX_NAME_LINES: usize = 2;

/// Index of the first line after the masthead.
fn skip_masthead(lines: &[Line<'_>]) -> usize {
    // The paper's name may come first: the masthead then starts after it.
    let start = (0..lines.len().min(MAX_NAME_LINES + 1))
        .find(|&j| {
            masthead_line(lines[j].text).is_some()
                && lines[..j].iter().all(|l| is_name_line(l.text))
        })
        .unwrap_or(0);
    let mut i = start;
    while let Some(line) = lines.get(i) {
        let Some(bare) = masthead_line(line.text) else {
            break;
        };
        i += 1;
        // "رئيس التحرير" alone: the name follows on its own short line (same block, or a
        // short block when more text follows it).
        if bare
            && let Some(next) = lines.get(i)
            && (!next.blank_before || (word_count(next.text) <= 5 && lines.len() > i + 1))
            && !MASTHEAD
                .iter()
                .any(|p| starts_with_words(&head_words(next.text, 4), p))
        {
            i += 1;
        }
    }
    // Never eat the whole file: a masthead with nothing after it is the text itself.
    if i >= lines.len() { 0 } else { i }
}

/// Reads the lines between the headline and the text: a published label (with its date and
/// source lines) and an author line, in either order. Returns the next line index.
fn read_byline(lines: &[Line<'_>], mut i: usize, story: &mut Draft) -> usize {
    let mut label_read = false;
    while let Some(line) = lines.get(i) {
        if story.author.is_none()
            && let Some(author) = author_line(line.text)
        {
            story.author = Some(author.to_owned());
            i += 1;
        } else if story.source.is_none()
            && let Some(source) = source_line(line.text)
        {
            story.source = Some(source.to_owned());
            i += 1;
        } else if !label_read
            && (published_label(line.text).is_some() || date::line(line.text).is_some())
        {
            label_read = true;
            i = read_published(lines, i, story);
        } else {
            break;
        }
    }
    i
}

/// Reads `نشر [date]`, or a line that is only a date (`١٥ رمضان ١٤٤٦ هـ`), and the source
/// line after it; returns the next line index.
fn read_published(lines: &[Line<'_>], mut i: usize, story: &mut Draft) -> usize {
    let Some(line) = lines.get(i) else {
        return i;
    };
    if let Some(label) = published_label(line.text) {
        story.published = label.date();
    } else if let Some(date) = date::line(line.text) {
        story.published = Some(date);
    } else {
        return i;
    }
    i += 1;
    if story.published.is_none()
        && let Some(next) = lines.get(i)
        && word_count(next.text) <= 8
        && let Some(date) = date::parse(next.text)
    {
        story.published = Some(date);
        i += 1;
    }
    if story.source.is_none()
        && let Some(next) = lines.get(i)
    {
        // `Source: Amman Daily` after the date: the name, without its label.
        if let Some(name) = source_line(next.text) {
            story.source = Some(name.to_owned());
            i += 1;
        } else if is_source_line(next) {
            story.source = Some(next.text.to_owned());
            i += 1;
        }
    }
    i
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
        && author_line(line.text).is_none()
        && date::parse(line.text).is_none()
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

    /// Takes the line at `i` (and, for an embedded story's byline, the ones after it);
    /// returns the index of the next line to read.
    fn line(&mut self, lines: &[Line<'a>], i: usize) -> usize {
        let line = lines[i];
        if line.blank_before {
            self.flush();
        }
        match marker(line.text) {
            Some(Marker::Bare) => {
                self.flush();
                self.end_embedded();
                self.state = State::AfterMarker;
                return i + 1;
            }
            Some(Marker::Inline(title)) => {
                self.flush();
                let current = self.current;
                let after = self.stories[current].paragraphs.len().checked_sub(1);
                self.push_link(current, title_link(title, LinkKind::Inline, after));
                return i + 1;
            }
            None => {}
        }
        // `المصدر: …` on a line of its own in the text (often the last one): the source.
        if self.stories[self.current].source.is_none()
            && let Some(name) = source_line(line.text)
        {
            self.flush();
            self.stories[self.current].source = Some(name.to_owned());
            return i + 1;
        }
        if is_rule(line.text) {
            self.flush();
            return i + 1;
        }
        match (self.state, bullet(line.text)) {
            (State::AfterMarker | State::Bullets, Some(item)) => {
                self.state = State::Bullets;
                self.push_link(0, title_link(item, LinkKind::ReadAlso, None));
            }
            (State::AfterMarker, None) => {
                self.state = State::Text;
                let mut embedded = Draft {
                    title: line.text.to_owned(),
                    ..Draft::default()
                };
                let next = read_byline(lines, i + 1, &mut embedded);
                if embedded.source.is_none() {
                    embedded.source.clone_from(&self.stories[0].source);
                }
                self.stories.push(embedded);
                self.current = self.stories.len() - 1;
                return next;
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
        i + 1
    }

    /// Adds a link to story `story` unless it already links to the same story (the same
    /// title after folding, or the same URL): a page that names a story inline and again in
    /// its list of related stories links to it once, where it first named it.
    fn push_link(&mut self, story: usize, link: Link) {
        let key = fold(&link.label);
        let links = &mut self.stories[story].links;
        let same = links
            .iter_mut()
            .find(|l| fold(&l.label) == key || (l.url.is_some() && l.url == link.url));
        match same {
            Some(old) => {
                if old.url.is_none() {
                    old.url = link.url;
                }
                if old.target.is_none() {
                    old.target = link.target;
                }
            }
            None => links.push(link),
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
            self.push_link(0, title_link(&dropped.title, LinkKind::ReadAlso, None));
        } else {
            let title = self.stories[last].title.clone();
            let link = Link {
                label: title.clone(),
                target: Some(id::for_title(&title)),
                url: None,
                kind: LinkKind::Embedded,
                after_paragraph: None,
            };
            self.push_link(0, link);
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
    fn masthead_needs_a_name_not_a_sentence() {
        let d = &parse("رئيس التحرير: سامي يوسف\n\nالعنوان\n\nنص.\n").expect("parses")[0];
        assert_eq!(d.title, "العنوان");
        let d = &parse("رئيس التحرير يستقيل بعد عشرين عاما\n\nنص الخبر.\n").expect("parses")[0];
        assert_eq!(d.title, "رئيس التحرير يستقيل بعد عشرين عاما");
        let d = &parse("رئيس مجلس الإدارة\nفلان\nرئيس التحرير\nعلان\n\nالعنوان\n\nنص.\n")
            .expect("parses")[0];
        assert_eq!(d.title, "العنوان");
        assert_eq!(d.paragraphs, ["نص."]);
    }

    #[test]
    fn embedded_story_with_its_own_byline() {
        let text = "T\n\nنشر\nمصدر أول\n\nنص.\n\nاقرأ أيضا\n\nخبر آخر\nنشر في 2 مايو 2024\nمصدر ثان\n\nنصه.\n";
        let drafts = parse(text).expect("parses");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[1].source.as_deref(), Some("مصدر ثان"));
        assert_eq!(
            drafts[1].published.map(|p| p.to_string()).as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(drafts[1].paragraphs, ["نصه."]);
        // without a byline it inherits the page's source
        let drafts =
            parse("T\n\nنشر\nمصدر أول\n\nنص.\n\nاقرأ أيضا\n\nخبر آخر\n\nنصه.\n").expect("parses");
        assert_eq!(drafts[1].source.as_deref(), Some("مصدر أول"));
    }

    #[test]
    fn rules_and_numbered_bullets() {
        let d =
            &parse("T\n\nأولى.\n\n* * *\n\nثانية.\n\n---\n\nأخبار ذات صلة\n1. الأول\n٢- الثاني\n")
                .expect("parses")[0];
        assert_eq!(d.paragraphs, ["أولى.", "ثانية."]);
        let labels: Vec<_> = d.links.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["الأول", "الثاني"]);
    }

    #[test]
    fn author_right_after_the_label_is_not_the_source() {
        let d = &parse("T\n\nنشر\nبقلم: سلمى الراشد\n\nنص.\n").expect("parses")[0];
        assert_eq!(d.author.as_deref(), Some("سلمى الراشد"));
        assert_eq!(d.source, None);
        let d = &parse("T\n\nالمصدر: رويترز\nنشر\nوكالة أخرى\n\nنص.\n").expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("رويترز"));
        // the short line after the label is then text, not a second source
        assert_eq!(d.paragraphs, ["وكالة أخرى", "نص."]);
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
    fn source_line_after_a_dated_label_gives_the_name() {
        // issue 11, bug 1: the label was kept as part of the source
        let d = &parse(
            "Water rates rise\n\nPublished: May 5, 2024 9:30 AM\nSource: Amman Daily\n\nText.\n",
        )
        .expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("Amman Daily"));
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            Some("2024-05-05T09:30:00")
        );
        assert_eq!(d.paragraphs, ["Text."]);
        let d = &parse("العنوان\n\nنشر في 5 مايو 2024\nالمصدر: صحيفة عمّان\n\nنص.\n")
            .expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("صحيفة عمّان"));
        assert_eq!(d.paragraphs, ["نص."]);
    }

    #[test]
    fn source_line_at_the_end_is_the_source() {
        let d = &parse(
            "العنوان\n\nنشر في 5 مايو 2024\n\nفقرة أولى.\n\nفقرة ثانية.\n\nالمصدر: وكالة الشمال\n",
        )
        .expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("وكالة الشمال"));
        assert_eq!(d.paragraphs, ["فقرة أولى.", "فقرة ثانية."]);
        let d = &parse("Title\n\nOne.\n\nSource: Wire Service\n").expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("Wire Service"));
        assert_eq!(d.paragraphs, ["One."]);
        // a page that already has its source keeps a second such line as text
        let d = &parse("T\n\nSource: A\n\nOne.\n\nSource: B\n").expect("parses")[0];
        assert_eq!(d.source.as_deref(), Some("A"));
        assert_eq!(d.paragraphs, ["One.", "Source: B"]);
    }

    #[test]
    fn paper_name_above_the_masthead_is_not_the_title() {
        // issue 11, bug 2
        let text = "جريدة الصباح\nرئيس التحرير: كمال ناصر\n\nافتتاح جسر جديد فوق النهر\n\n\
                    نشر في 3 أيار 2024\nالصباح\n\nافتتح المحافظ الجسر صباح اليوم.\n";
        let d = &parse(text).expect("parses")[0];
        assert_eq!(d.title, "افتتاح جسر جديد فوق النهر");
        assert_eq!(d.source.as_deref(), Some("الصباح"));
        assert!(d.published.is_some());
        assert_eq!(d.paragraphs, ["افتتح المحافظ الجسر صباح اليوم."]);
        // two lines of name, masthead in a block of its own
        let text =
            "صحيفة النهار\nالطبعة الإلكترونية\n\nرئيس التحرير\nسعاد علي\n\nالعنوان الحقيقي\n\nنص.\n";
        assert_eq!(parse(text).expect("parses")[0].title, "العنوان الحقيقي");
        // a headline followed by a sentence about an editor stays the headline
        let text = "استقالة مفاجئة\n\nرئيس التحرير يستقيل بعد عشرين عاما\n\nنص.\n";
        assert_eq!(parse(text).expect("parses")[0].title, "استقالة مفاجئة");
    }

    #[test]
    fn one_story_linked_inline_and_in_a_list_is_one_link() {
        // issue 11, bug 3
        let text = "العنوان\n\nفقرة.\n\nاقرأ أيضًا: افتتاح جسر جديد\n\nفقرة ثانية.\n\n\
                    اقرأ أيضا\n- افتتاح جسر جديد\n- خبر آخر\n";
        let d = &parse(text).expect("parses")[0];
        let labels: Vec<_> = d.links.iter().map(|l| (l.label.as_str(), l.kind)).collect();
        assert_eq!(
            labels,
            [
                ("افتتاح جسر جديد", LinkKind::Inline),
                ("خبر آخر", LinkKind::ReadAlso)
            ]
        );
        // spelling variants of one title are one story too
        let text = "T\n\nنص.\n\nاقرأ أيضا: إفتتاح الجسر\n\nاقرأ أيضا\n- افتتاح الجسر\n";
        assert_eq!(parse(text).expect("parses")[0].links.len(), 1);
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
