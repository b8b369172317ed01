//! Search state of the reader: the `/` prompt being typed, the active query whose hits filter
//! the story list, the hits inside the open story that `n`/`N` walk through, and how far the
//! background indexer has got.
//!
//! Plain state with small methods, no I/O: the query itself runs where the index lives (the
//! app hands the query out as an effect and gets the hit list back), so everything here is
//! tested by calling methods.

use std::ops::Range;

use super::document::LineKind;
use super::reader::Reader;
use super::{App, Effect, Focus};
use crate::action::Command;
use crate::i18n::{Msg, Tr};
use crate::input::{Key, KeyCode};
use qari_core::model::{StoryId, StoryMeta};
use qari_core::search::ParsedQuery;

/// The line being typed after `/`. `cursor` is a byte offset into `input`, always on a `char`
/// boundary; movement is logical (the UI shows it through the bidi engine).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub input: String,
    pub cursor: usize,
}

impl Prompt {
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.input.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some((at, _)) = self.input[..self.cursor].char_indices().next_back() {
            self.input.replace_range(at..self.cursor, "");
            self.cursor = at;
        }
    }

    /// Deletes the character at the cursor.
    pub fn delete(&mut self) {
        if let Some(c) = self.input[self.cursor..].chars().next() {
            self.input
                .replace_range(self.cursor..self.cursor + c.len_utf8(), "");
        }
    }

    /// One character back in logical order.
    pub fn back(&mut self) {
        if let Some((at, _)) = self.input[..self.cursor].char_indices().next_back() {
            self.cursor = at;
        }
    }

    /// One character forward in logical order.
    pub fn forward(&mut self) {
        if let Some(c) = self.input[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.input.len();
    }

    /// Whether the prompt reads right to left (its first strong letter is Arabic or Hebrew),
    /// which decides what the arrow keys mean.
    pub fn is_rtl(&self) -> bool {
        self.input
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
    }

    /// ← : towards the left of the screen, i.e. forward in right-to-left text.
    pub fn left(&mut self) {
        if self.is_rtl() {
            self.forward();
        } else {
            self.back();
        }
    }

    /// Edits the prompt with one key and says what the key meant.
    pub fn key(&mut self, key: Key) -> PromptKey {
        match (key.code, key.ctrl || key.alt) {
            (KeyCode::Char('c'), true) if key.ctrl => return PromptKey::Quit,
            (KeyCode::Char('u'), true) if key.ctrl => *self = Prompt::default(),
            (KeyCode::Char(c), false) => self.insert(c),
            (KeyCode::Backspace, _) if self.input.is_empty() => return PromptKey::Cancel,
            (KeyCode::Backspace, _) => self.backspace(),
            (KeyCode::Left, _) => self.left(),
            (KeyCode::Right, _) => self.right(),
            (KeyCode::Home, _) => self.home(),
            (KeyCode::End, _) => self.end(),
            (KeyCode::Enter, _) => return PromptKey::Submit,
            (KeyCode::Esc, _) => return PromptKey::Cancel,
            _ => {}
        }
        PromptKey::Edited
    }

    /// → : towards the right of the screen.
    pub fn right(&mut self) {
        if self.is_rtl() {
            self.back();
        } else {
            self.forward();
        }
    }
}

/// What a key did to a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Edited,
    Submit,
    Cancel,
    Quit,
}

/// How far the index is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexStatus {
    /// Not started (or no index wanted).
    #[default]
    Idle,
    Building {
        done: usize,
        total: usize,
    },
    Ready,
    Failed(String),
}

impl IndexStatus {
    /// A short status-bar text; `None` when there is nothing worth saying.
    pub fn label(&self, tr: &Tr) -> Option<String> {
        match self {
            IndexStatus::Idle | IndexStatus::Ready => None,
            IndexStatus::Building { done, total } if *total > 0 => Some(tr.t(Msg::Indexing {
                percent: done * 100 / total,
            })),
            IndexStatus::Building { .. } => Some(tr.t(Msg::IndexStarting)),
            IndexStatus::Failed(_) => Some(tr.t(Msg::SearchUnavailable)),
        }
    }
}

/// A query that was submitted with Enter: what the story list shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveQuery {
    pub text: String,
    pub parsed: ParsedQuery,
    /// Story ids in rank order; `None` until the index answered.
    pub hits: Option<Vec<StoryId>>,
}

/// Where the active query matches inside the open story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderHits {
    pub story: Option<StoryId>,
    /// Whether the body was there when the hits were computed.
    pub with_body: bool,
    /// Title hits (byte ranges of the title).
    pub title: Vec<Range<usize>>,
    /// (paragraph index, byte range in that paragraph), in reading order.
    pub body: Vec<(usize, Range<usize>)>,
    /// The hit `n`/`N` last moved to (index into `body`).
    pub current: Option<usize>,
}

impl ReaderHits {
    /// The hits in a story's title and body (`body`: `None` while it is loading; the hits
    /// are computed again when it arrives).
    pub fn compute(parsed: &ParsedQuery, story: &StoryMeta, body: Option<&[String]>) -> ReaderHits {
        ReaderHits {
            story: Some(story.id),
            with_body: body.is_some(),
            title: parsed.highlights(&story.title),
            body: body
                .unwrap_or_default()
                .iter()
                .enumerate()
                .flat_map(|(i, p)| parsed.highlights(p).into_iter().map(move |r| (i, r)))
                .collect(),
            current: None,
        }
    }

    /// Moves to the next hit (wrapping) and returns its paragraph.
    pub fn next_hit(&mut self) -> Option<usize> {
        if self.body.is_empty() {
            return None;
        }
        let i = self.current.map_or(0, |c| (c + 1) % self.body.len());
        self.current = Some(i);
        Some(self.body[i].0)
    }

    /// Moves to the previous hit (wrapping) and returns its paragraph.
    pub fn prev_hit(&mut self) -> Option<usize> {
        if self.body.is_empty() {
            return None;
        }
        let n = self.body.len();
        let i = self.current.map_or(n - 1, |c| (c + n - 1) % n);
        self.current = Some(i);
        Some(self.body[i].0)
    }

    /// The highlight ranges of one paragraph, and which of them is the current hit.
    pub fn in_paragraph(&self, paragraph: usize) -> Vec<(Range<usize>, bool)> {
        self.body
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| *p == paragraph)
            .map(|(i, (_, r))| (r.clone(), self.current == Some(i)))
            .collect()
    }
}

/// All search state of the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    /// `Some` while the prompt is open.
    pub prompt: Option<Prompt>,
    pub active: Option<ActiveQuery>,
    pub reader: ReaderHits,
    pub index: IndexStatus,
    /// The story `App::related.similar` was computed for.
    pub similar_for: Option<StoryId>,
}

impl SearchState {
    /// `/`: opens the prompt, starting from the active query's text.
    pub fn open_prompt(&mut self) {
        let input = self
            .active
            .as_ref()
            .map(|q| q.text.clone())
            .unwrap_or_default();
        let cursor = input.len();
        self.prompt = Some(Prompt { input, cursor });
    }

    /// Enter in the prompt: the typed query becomes the active one (hits pending). Returns the
    /// query to run, or `None` when the prompt was empty (which clears the search).
    pub fn submit(&mut self) -> Option<String> {
        let text = self.prompt.take()?.input.trim().to_owned();
        if text.is_empty() {
            self.clear();
            return None;
        }
        self.active = Some(ActiveQuery {
            parsed: ParsedQuery::parse(&text),
            text: text.clone(),
            hits: None,
        });
        self.reader = ReaderHits::default();
        Some(text)
    }

    /// The index answered `text` (ignored if the user has moved on to another query).
    pub fn results(&mut self, text: &str, hits: Vec<StoryId>) {
        if let Some(q) = self.active.as_mut().filter(|q| q.text == text) {
            q.hits = Some(hits);
        }
    }

    /// Esc: closes the prompt if open, else drops the active query.
    pub fn escape(&mut self) {
        if self.prompt.take().is_none() {
            self.clear();
        }
    }

    pub fn clear(&mut self) {
        self.prompt = None;
        self.active = None;
        self.reader = ReaderHits::default();
    }

    /// Recomputes the reader hits when the open story changes.
    pub fn story_opened(&mut self, story: &StoryMeta, body: Option<&[String]>) {
        self.reader = match &self.active {
            Some(q) => ReaderHits::compute(&q.parsed, story, body),
            None => ReaderHits::default(),
        };
    }

    /// The story ids the list shows while a query is active (rank order); `None`: all stories.
    pub fn filter(&self) -> Option<&[StoryId]> {
        self.active.as_ref()?.hits.as_deref()
    }
}

/// How many similar stories the related panel shows.
pub const SIMILAR_IN_PANEL: usize = 5;

impl App {
    /// Keys while the prompt is open: they edit the query; Enter runs it, Esc closes.
    pub(super) fn prompt_key(&mut self, key: Key) -> Effect {
        let Some(prompt) = self.search.prompt.as_mut() else {
            return Effect::None;
        };
        match prompt.key(key) {
            PromptKey::Quit => Effect::Quit,
            PromptKey::Submit => self.submit_search(),
            PromptKey::Cancel => {
                self.search.prompt = None;
                Effect::None
            }
            PromptKey::Edited => Effect::None,
        }
    }

    /// Enter in the prompt: asks the owner to run the query (`Effect::Search`); an empty
    /// query clears the search.
    fn submit_search(&mut self) -> Effect {
        if let Some(text) = self.search.submit() {
            Effect::Search(text)
        } else {
            self.restore_list();
            Effect::None
        }
    }

    /// The index's answer to `text`: the story list shows the hits in rank order (narrowed by
    /// the filter) and the first one is shown in the reader — a preview, not marked read.
    /// Answers to a query that is no longer active are ignored.
    pub(super) fn search_results(&mut self, text: &str, hits: Vec<StoryId>) -> Effect {
        if self.search.active.as_ref().is_none_or(|q| q.text != text) {
            return Effect::None;
        }
        let hits: Vec<StoryId> = hits
            .into_iter()
            .filter(|&id| self.library.get(id).is_some())
            .collect();
        self.search.results(text, hits);
        self.list.selected = 0;
        self.list.offset = 0;
        self.list.order.clear();
        self.rebuild_list();
        self.list.select(0, self.page_height(Focus::List));
        self.preview_selected();
        let filter = (!self.view.filter.is_empty()).then(|| self.tr().quote(&self.filter_shown()));
        let filter = filter.as_deref();
        let close = self.key_name(Command::Close);
        let query = self.tr().quote(text);
        self.message = Some(self.text(match self.list.order.len() {
            0 => Msg::NoMatch {
                query: &query,
                filter,
                search: self.key_name(Command::Search),
                close,
            },
            n => Msg::Matches {
                n,
                filter,
                next: self.key_name(Command::NextHit),
                prev: self.key_name(Command::PrevHit),
                close,
            },
        }));
        self.relayout();
        Effect::None
    }

    /// Esc: closes the prompt, else clears the active search and shows every story again.
    pub(super) fn search_escape(&mut self) {
        if self.search.prompt.take().is_some() {
            return;
        }
        if self.search.active.is_some() {
            self.search.clear();
            self.restore_list();
        }
    }

    /// The stories of the filter in their order again, the open story selected.
    fn restore_list(&mut self) {
        let open = self.reader.story;
        self.rebuild_list();
        if let Some(id) = open {
            let h = self.page_height(Focus::List);
            self.list.select_id(id, h);
        }
    }

    /// `n` / `N`: scrolls the reader to the next / previous hit of the search in the open
    /// story.
    pub(super) fn jump_hit(&mut self, forward: bool) {
        if self.search.active.is_none() {
            self.message = Some(self.text(Msg::NoSearch {
                key: self.key_name(Command::Search),
            }));
            return;
        }
        let hits = &mut self.search.reader;
        let moved = if forward {
            hits.next_hit()
        } else {
            hits.prev_hit()
        };
        if moved.is_none() {
            self.message = Some(self.text(Msg::NoHitInStory));
            return;
        }
        let (n, total) = (hits.current.map_or(0, |c| c + 1), hits.body.len());
        let Some((paragraph, range)) = hits.current.and_then(|i| hits.body.get(i)).cloned() else {
            return;
        };
        let Some(line) = hit_line(&self.reader, paragraph, range.start) else {
            return;
        };
        let h = self.page_height(Focus::Reader);
        if line < self.reader.scroll || line >= self.reader.scroll + h {
            self.reader.scroll_to(line.saturating_sub(h / 3), h);
        }
        self.message = Some(self.text(Msg::HitOf { n, total }));
    }

    /// Keeps search-derived state in step with the open story: its hits, and the similar
    /// stories (cleared until the owner supplies them for the new story). Called by
    /// `relayout`.
    pub(super) fn sync_search(&mut self) {
        let want = self.search.active.as_ref().and(self.reader.story);
        let body = want.and_then(|id| self.body_of(id));
        if self.search.reader.story != want || self.search.reader.with_body != body.is_some() {
            let story = want.and_then(|id| self.library.get(id));
            match story {
                Some(story) => self
                    .search
                    .story_opened(story, body.as_ref().map(|b| b.as_slice())),
                None => self.search.reader = ReaderHits::default(),
            }
        }
        if self.search.similar_for != self.reader.story && !self.related.similar.is_empty() {
            self.related.similar.clear();
            self.related.invalidate();
        }
    }

    /// The open story, when its similar stories have not been supplied yet.
    pub fn wants_similar(&self) -> Option<StoryId> {
        self.reader
            .story
            .filter(|&id| self.search.similar_for != Some(id))
    }

    /// The similar stories of `story` (from the search index), for the related panel; an
    /// answer for a story that is no longer open is dropped.
    pub(super) fn set_similar_for(&mut self, story: StoryId, similar: Vec<StoryId>) {
        if self.reader.story != Some(story) {
            return;
        }
        self.set_similar(similar);
    }
}

/// The document line showing byte `at` of paragraph `paragraph` of the open story.
pub fn hit_line(reader: &Reader, paragraph: usize, at: usize) -> Option<usize> {
    let doc = reader.doc.as_ref()?;
    let mut last = None;
    for (i, line) in doc.lines.iter().enumerate() {
        if line.kind != (LineKind::Body { paragraph }) {
            continue;
        }
        if line
            .line
            .clusters
            .iter()
            .any(|c| c.logical.start <= at && at < c.logical.end)
        {
            return Some(i);
        }
        last = Some(i);
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use qari_core::search::testing::story;

    #[test]
    fn prompt_edits_arabic_by_characters() {
        let mut p = Prompt::default();
        for c in "بوتين".chars() {
            p.insert(c);
        }
        assert_eq!(p.cursor, p.input.len());
        p.backspace();
        assert_eq!(p.input, "بوتي");
        p.home();
        p.delete();
        assert_eq!(p.input, "وتي");
        // In right-to-left text ← moves forward.
        assert!(p.is_rtl());
        p.left();
        assert_eq!(p.cursor, "و".len());
        p.right();
        assert_eq!(p.cursor, 0);
        p.right();
        assert_eq!(p.cursor, 0, "stays at the start");
        p.insert('\u{1b}');
        assert_eq!(p.input, "وتي", "controls are not typed");
    }

    #[test]
    fn submit_results_escape() {
        let mut s = SearchState::default();
        s.open_prompt();
        for c in "كرملين".chars() {
            s.prompt.as_mut().expect("open").insert(c);
        }
        assert_eq!(s.submit().as_deref(), Some("كرملين"));
        assert!(s.prompt.is_none());
        assert_eq!(s.filter(), None, "no hits yet");
        s.results("something else", vec![StoryId(9)]);
        assert_eq!(s.filter(), None, "stale answers are ignored");
        s.results("كرملين", vec![StoryId(2), StoryId(1)]);
        assert_eq!(s.filter(), Some(&[StoryId(2), StoryId(1)][..]));
        // `/` again starts from the active query; Esc closes the prompt but keeps the filter.
        s.open_prompt();
        assert_eq!(s.prompt.as_ref().map(|p| p.input.as_str()), Some("كرملين"));
        s.escape();
        assert!(s.filter().is_some());
        s.escape();
        assert_eq!(s.filter(), None);
        s.open_prompt();
        assert_eq!(s.submit(), None, "an empty query clears");
    }

    #[test]
    fn n_and_shift_n_walk_the_hits_in_reading_order() {
        let st = story(
            1,
            "a.txt",
            "الكرملين",
            "قال الكرملين اليوم\n\nلا شيء هنا\n\nورد الكرملين مرة أخرى على للكرملين",
        );
        let mut s = SearchState::default();
        s.open_prompt();
        s.prompt.as_mut().expect("open").input = "كرملين".to_owned();
        s.submit();
        s.story_opened(&st.meta, Some(&st.paragraphs));
        assert_eq!(s.reader.title.len(), 1);
        assert_eq!(
            s.reader.body.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
            vec![0, 2, 2]
        );
        assert_eq!(s.reader.next_hit(), Some(0));
        assert_eq!(s.reader.next_hit(), Some(2));
        assert_eq!(
            s.reader
                .in_paragraph(2)
                .iter()
                .filter(|(_, cur)| *cur)
                .count(),
            1
        );
        assert_eq!(s.reader.next_hit(), Some(2));
        assert_eq!(s.reader.next_hit(), Some(0), "wraps");
        assert_eq!(s.reader.prev_hit(), Some(2));
        let (p, r) = &s.reader.body[2];
        assert_eq!(&st.paragraphs[*p][r.clone()], "للكرملين");
    }

    #[test]
    fn index_status_labels() {
        assert_eq!(
            IndexStatus::Building { done: 5, total: 10 }
                .label(&Tr::default())
                .as_deref(),
            Some("indexing 50%")
        );
        assert_eq!(IndexStatus::Ready.label(&Tr::default()), None);
    }
}
