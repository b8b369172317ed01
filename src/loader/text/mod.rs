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
            c.is_whitespace() || c.is_control() || crate::text::invisible::is_invisible(c)
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

/// Index of the first line after the masthead.
fn skip_masthead(lines: &[Line<'_>]) -> usize {
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        if line.text.len() > MAX_SHORT_LINE {
            break;
        }
        let head = head_words(line.text, 4);
        let Some(phrase) = MASTHEAD.iter().find(|p| starts_with_words(&head, p)) else {
            break;
        };
        let folded = fold(line.text);
        // "رئيس التحرير: فلان" is a masthead line; "رئيس التحرير يستقيل …" is a headline.
        if folded != *phrase {
            let rest = skip_words(line.text, phrase.split(' ').count()).trim_start();
            let name = rest.trim_start_matches([':', '-', '–', '|', '/']).trim();
            if rest.len() == name.len() || word_count(name) > 5 {
                break;
            }
        }
        i += 1;
        // "رئيس التحرير" alone: the name follows on its own short line (same block, or a
        // short block when more text follows it).
        if folded == *phrase
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
        } else if !label_read && published_label(line.text).is_some() {
            label_read = true;
            i = read_published(lines, i, story);
        } else {
            break;
        }
    }
    i
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
    if story.source.is_none()
        && let Some(next) = lines.get(i)
        && is_source_line(next)
    {
        story.source = Some(next.text.to_owned());
        i += 1;
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
                let story = &mut self.stories[self.current];
                let after = story.paragraphs.len().checked_sub(1);
                story.links.push(title_link(title, LinkKind::Inline, after));
                return i + 1;
            }
            None => {}
        }
        if is_rule(line.text) {
            self.flush();
            return i + 1;
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
    fn marker_with_only_a_title_after_is_a_title_link() {
        let drafts = parse("T\n\nBody.\n\nاقرأ أيضا\n\nعنوان بلا نص\n").expect("parses");
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].links.len(), 1);
        assert_eq!(drafts[0].links[0].label, "عنوان بلا نص");
        assert_eq!(drafts[0].links[0].kind, LinkKind::ReadAlso);
    }
}
