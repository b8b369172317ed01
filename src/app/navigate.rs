//! Moving between stories (open, follow a link, back, forward), the read/star marks, URLs and
//! the mouse: the parts of `App::update` that cross panels.

use crate::i18n::Msg;
use qari_core::model::StoryId;

use super::history::Visit;
use super::related::Target;
use super::{App, Effect, Focus, layout};
use crate::action::Command;

impl App {
    /// `Enter`: open the selected story, or follow the selected link.
    pub(super) fn activate(&mut self) -> Effect {
        match self.focus {
            Focus::List => match self.list.selected_id() {
                Some(id) => {
                    let effect = self.navigate(id);
                    self.focus_reader();
                    effect
                }
                None => Effect::None,
            },
            Focus::Reader => {
                if let Some(link) = self.reader.selected_link {
                    self.follow_link(link)
                } else {
                    self.message = Some(self.text(Msg::NoLinkSelected {
                        down: self.key_name(Command::Down),
                        up: self.key_name(Command::Up),
                    }));
                    Effect::None
                }
            }
            Focus::Related => match self.related.selected_entry().map(|e| e.target) {
                Some(Target::Link { index, .. }) => self.follow_link(index),
                Some(Target::LinkedFrom(id) | Target::Similar(id) | Target::Grouped(id)) => {
                    let effect = self.navigate(id);
                    self.focus_reader();
                    effect
                }
                None => Effect::None,
            },
        }
    }

    pub(super) fn focus_reader(&mut self) {
        let area = self.screen.area;
        self.focus = Focus::Reader;
        self.screen = layout::Screen::new(area.width, area.height, Focus::Reader, self.tr().dir());
    }

    /// `1`…`9`: follow the N-th link of the open story.
    pub(super) fn follow_nth(&mut self, n: usize) -> Effect {
        let count = self
            .reader
            .story
            .and_then(|id| self.library.get(id))
            .map_or(0, |s| s.links.len());
        if n == 0 || n > count {
            self.message = Some(self.text(match count {
                0 => Msg::NoLinks,
                _ => Msg::NoSuchLink { count, n },
            }));
            return Effect::None;
        }
        self.follow_link(n - 1)
    }

    /// Opens the target of link `index` of the open story, or says why it cannot.
    pub(super) fn follow_link(&mut self, index: usize) -> Effect {
        let Some(link) = self
            .reader
            .story
            .and_then(|id| self.library.get(id))
            .and_then(|s| s.links.get(index))
        else {
            return Effect::None;
        };
        if let Some(target) = link.target.filter(|&t| self.library.get(t).is_some()) {
            // Following a link is reading on: the reader takes the keys (Space pages it).
            let effect = self.navigate(target);
            self.focus_reader();
            effect
        } else if self.settings.save_links
            && let Some(url) = link
                .url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        {
            let h = self.page_height(Focus::Reader);
            self.reader.select_link(index, h);
            self.offer_to_save(index + 1, &url)
        } else {
            let open = link.url.is_some().then(|| self.key_name(Command::OpenUrl));
            self.message = Some(self.text(Msg::LinkNotHere { n: index + 1, open }));
            let h = self.page_height(Focus::Reader);
            self.reader.select_link(index, h);
            Effect::None
        }
    }

    fn current_visit(&self) -> Option<Visit> {
        self.reader.story.map(|story| Visit {
            story,
            scroll: self.reader.scroll,
            selected_link: self.reader.selected_link,
        })
    }

    /// Opens `id` at the top, recording the current place in the history; marks it read
    /// (opening is reading; the preview of the story under the list cursor is not).
    pub(super) fn navigate(&mut self, id: StoryId) -> Effect {
        match self.current_visit() {
            // Enter on the story the reader previews: it stays where it is scrolled to.
            Some(current) if current.story == id => {}
            current => {
                if let Some(current) = current {
                    self.history.push(current);
                }
                self.show(Visit {
                    story: id,
                    scroll: 0,
                    selected_link: None,
                });
            }
        }
        if self.read_with_copies(id) {
            Effect::SaveMarks
        } else {
            Effect::None
        }
    }

    /// Puts a visit in the reader and selects its story in the list.
    fn show(&mut self, visit: Visit) {
        self.reader
            .open(visit.story, visit.scroll, visit.selected_link);
        self.related.selected = 0;
        self.related.offset = 0;
        let h = self.page_height(Focus::List);
        self.list.select_id(visit.story, h);
        self.relayout();
    }

    pub(super) fn back(&mut self) {
        match self.history.back(self.current_visit()) {
            Some(visit) => self.show(visit),
            None => self.message = Some(self.text(Msg::NothingBack)),
        }
    }

    pub(super) fn forward(&mut self) {
        match self.history.forward(self.current_visit()) {
            Some(visit) => self.show(visit),
            None => self.message = Some(self.text(Msg::NothingForward)),
        }
    }

    /// The story `r` and `s` apply to: the list's selection when the list has focus, else the
    /// open story.
    fn marked_story(&self) -> Option<StoryId> {
        match self.focus {
            Focus::List => self.list.selected_id(),
            _ => self.reader.story,
        }
    }

    pub(super) fn toggle_read(&mut self) -> Effect {
        let Some(id) = self.marked_story() else {
            return Effect::None;
        };
        let read = !self.marks.is_read(id);
        self.marks.set_read(id, read);
        self.message = Some(self.text(if read {
            Msg::MarkedRead
        } else {
            Msg::MarkedUnread
        }));
        Effect::SaveMarks
    }

    pub(super) fn toggle_star(&mut self) -> Effect {
        let Some(id) = self.marked_story() else {
            return Effect::None;
        };
        let starred = self.marks.toggle_star(id);
        self.message = Some(self.text(if starred {
            Msg::Starred
        } else {
            Msg::StarRemoved
        }));
        Effect::SaveMarks
    }

    /// `o`: the selected link's URL (or its story's), else the open story's URL.
    pub(super) fn open_url(&mut self) -> Effect {
        let url = self.url_here();
        self.open(url)
    }

    /// The URL `o` opens and `y` copies: the selected link's (or its target story's) in the
    /// reader and the related panel, else the story's; the list's selected story in the list.
    pub(super) fn url_here(&self) -> Option<String> {
        let story_url = |id: Option<StoryId>| {
            id.and_then(|id| self.library.get(id))
                .and_then(|s| s.url.clone())
        };
        let link = match self.focus {
            Focus::Related => match self.related.selected_entry().map(|e| e.target) {
                Some(Target::Link { index, .. }) => Some(index),
                Some(Target::LinkedFrom(id) | Target::Similar(id) | Target::Grouped(id)) => {
                    return story_url(Some(id));
                }
                None => None,
            },
            Focus::Reader => self.reader.selected_link,
            Focus::List => return story_url(self.list.selected_id()),
        };
        let link = link.and_then(|i| {
            self.reader
                .story
                .and_then(|id| self.library.get(id))
                .and_then(|s| s.links.get(i))
        });
        match link {
            Some(link) => link.url.clone().or_else(|| story_url(link.target)),
            None => story_url(self.reader.story),
        }
    }

    fn open(&mut self, url: Option<String>) -> Effect {
        match url {
            Some(url) if is_web_url(&url) => {
                self.message = Some(self.text(Msg::Opening {
                    url: &self.tr().quote(&url),
                }));
                Effect::OpenUrl(url)
            }
            Some(_) => {
                self.message = Some(self.text(Msg::NotHttp));
                Effect::None
            }
            None => {
                self.message = Some(self.text(Msg::NoUrl));
                Effect::None
            }
        }
    }

    /// Click: focus the pane under the pointer and select what was clicked.
    pub(super) fn click(&mut self, col: u16, row: u16) {
        let Some(pane) = self.screen.pane_at(col, row) else {
            return;
        };
        self.focus = pane;
        let rect = self.pane(pane);
        match pane {
            Focus::List => {
                let inner = layout::inner(rect);
                if row >= inner.y && row < inner.bottom() {
                    let pos = self.list.offset + usize::from(row - inner.y);
                    if pos < self.list.order.len() {
                        self.list.select(pos, usize::from(inner.height));
                    }
                }
            }
            Focus::Reader => {
                let text = layout::reader_text(rect);
                if row < text.y || row >= text.bottom() || col < text.x {
                    return;
                }
                let index = self.reader.scroll + usize::from(row - text.y);
                let x = usize::from(col - text.x);
                let hit = self.reader.doc.as_ref().and_then(|doc| {
                    let line = doc.lines.get(index)?;
                    let x = x.checked_sub(line.line.indent)?;
                    line.link_cells
                        .iter()
                        .find(|(cells, _)| cells.contains(&x))
                        .map(|(_, link)| *link)
                });
                if let Some(link) = hit {
                    self.reader.selected_link = Some(link);
                }
            }
            Focus::Related => {
                let inner = layout::inner(rect);
                if row >= inner.y && row < inner.bottom() {
                    let h = usize::from(inner.height);
                    if self.related.select_row(usize::from(row - inner.y), h) {
                        self.sync_link_from_related();
                    }
                }
            }
        }
    }

    /// Wheel: scroll the pane under the pointer by three rows, focus unchanged.
    pub(super) fn wheel(&mut self, col: u16, row: u16, down: bool) {
        const NOTCH: isize = 3;
        let delta = if down { NOTCH } else { -NOTCH };
        match self.screen.pane_at(col, row) {
            Some(Focus::List) => {
                let h = self.page_height(Focus::List);
                self.list.move_by(delta, h);
            }
            Some(Focus::Reader) => {
                let h = self.page_height(Focus::Reader);
                self.reader.scroll_by(delta, h);
            }
            Some(Focus::Related) => {
                let h = self.page_height(Focus::Related);
                self.related.move_by(delta, h);
            }
            None => {}
        }
    }
}

/// Only web URLs reach the opener: anything else (`file:`, a leading `-` read as an option)
/// could make it do something other than show a page.
fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| {
            // Direction controls would make the status line show another URL than the one
            // handed to the browser ("Trojan Source").
            c.is_control() || c.is_whitespace() || qari_core::bidi::sanitize::is_bidi_control(c)
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::is_web_url;

    #[test]
    fn only_web_urls_are_opened() {
        assert!(is_web_url("https://example.com/a?b=1"));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("--help"));
        assert!(!is_web_url("https://example.com/\u{1b}[31m"));
        assert!(!is_web_url("https://a b"));
        assert!(!is_web_url("https://example.com/\u{202E}gpj.exe"));
    }
}
