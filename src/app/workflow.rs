//! The daily-reading workflow on top of the panels: the reader previews the story under the
//! list cursor, a story counts as read when opened or after it stayed on screen for the dwell
//! time, and the list can be narrowed and ordered — next unread (`u`), unread only (`U`),
//! starred only (`*`), mark all read with undo (`A`), the filter prompt (`f`), the sort cycle
//! (`S`) — plus copying a URL (`y`).
//!
//! Which stories pass a filter and in what order is `library::filter`'s rule; this file only
//! decides when the list is rebuilt and what stays selected.

use std::time::Duration;

use crate::i18n::Msg;
use qari_core::library::filter::{self, Filter};
use qari_core::model::StoryId;

use super::history::Visit;
use super::search::{Prompt, PromptKey};
use super::story_list::StoryList;
use super::{App, Effect, Focus};
use crate::action::Command;
use crate::input::Key;

/// How long the story in the reader has been shown, for the dwell rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dwell {
    pub story: Option<StoryId>,
    pub shown: Duration,
}

impl App {
    /// The list cursor moved: the reader shows the story under it, as a preview (not marked
    /// read, not recorded in the history).
    pub(super) fn preview_selected(&mut self) {
        let Some(id) = self.list.selected_id() else {
            return;
        };
        if self.reader.story == Some(id) {
            return;
        }
        self.reader.open(id, 0, None);
        self.related.selected = 0;
        self.related.offset = 0;
    }

    /// Time passed since the owner's last report (its clock runs between batches of events,
    /// so all of it was spent with the current story on screen: a story that changed at the
    /// last event starts with it); marks the story read once it reached the dwell time.
    pub(super) fn elapsed(&mut self, time: Duration) -> Effect {
        if self.dwell.story != self.reader.story {
            self.dwell = Dwell {
                story: self.reader.story,
                shown: Duration::ZERO,
            };
        }
        let (Some(id), Some(limit)) = (self.reader.story, self.settings.dwell) else {
            return Effect::None;
        };
        if self.loading || self.marks.is_read(id) {
            return Effect::None;
        }
        self.dwell.shown += time;
        if self.dwell.shown >= limit && self.read_with_copies(id) {
            return Effect::SaveMarks;
        }
        Effect::None
    }

    /// How long until the story on screen is marked read by the dwell rule, when it will be:
    /// the owner wakes up then (and otherwise sleeps until the next event).
    pub fn dwell_remaining(&self) -> Option<Duration> {
        let id = self.reader.story?;
        let limit = self.settings.dwell?;
        if self.loading || self.marks.is_read(id) {
            return None;
        }
        let shown = if self.dwell.story == Some(id) {
            self.dwell.shown
        } else {
            Duration::ZERO
        };
        Some(limit.saturating_sub(shown))
    }

    /// Rebuilds the list for the current filter, sort and search, keeping the selected story
    /// selected when it is still listed (else the row at the same place); the reader then
    /// shows the selection.
    pub(super) fn rebuild_list(&mut self) {
        let selected = self.list.selected_id();
        let (offset, pos) = (self.list.offset, self.list.selected);
        let order = match self.search.filter() {
            // Search hits stay in rank order; the filter narrows them.
            Some(hits) => hits
                .iter()
                .copied()
                .filter(|&id| {
                    self.library
                        .get(id)
                        .is_some_and(|s| self.view.filter.matches(s, &self.marks))
                })
                .collect(),
            None => filter::ordered(
                self.library.stories(),
                &self.view.filter,
                self.view.sort,
                &self.marks,
            ),
        };
        let folded = self.fold(order);
        self.list = StoryList::with_order(folded.order);
        self.list.hidden = folded.hidden;
        self.list.members = folded.members;
        self.list_generation += 1;
        let h = self.page_height(Focus::List);
        match selected.filter(|id| self.list.order.contains(id)) {
            Some(id) => {
                self.list.select_id(id, h);
                let now = self.list.selected;
                self.list.offset = offset.saturating_add(now).saturating_sub(pos).min(now);
            }
            None => self.list.select(pos, h),
        }
        self.preview_selected();
    }

    /// `u`: opens the next unread story of the list after the cursor (wrapping around).
    pub(super) fn next_unread(&mut self) -> Effect {
        let n = self.list.order.len();
        let current = self.reader.story;
        // A group's row counts while any of its stories is unread (`app::groups`).
        let found = (1..=n).map(|k| (self.list.selected + k) % n).find_map(|i| {
            self.unread_of_row(self.list.order[i])
                .filter(|&id| Some(id) != current)
        });
        let Some(id) = found else {
            self.message = Some(self.text(Msg::NoUnread));
            return Effect::None;
        };
        self.show_in_list(id);
        let effect = self.navigate(id);
        let unread = self.unread_in_list();
        self.message = Some(self.text(match unread {
            0 => Msg::LastUnread,
            n => Msg::UnreadLeft { n },
        }));
        effect
    }

    /// `U` and `*`: unread only / starred only, on or off.
    pub(super) fn toggle_view(&mut self, unread: bool) {
        let f = &mut self.view.filter;
        let on = if unread {
            f.set_flag(Some(!f.unread), None);
            f.unread
        } else {
            f.set_flag(None, Some(!f.starred));
            f.starred
        };
        self.rebuild_list();
        self.message = Some(self.text(match (on, unread) {
            (false, _) => Msg::AllStories,
            (true, true) => Msg::OnlyUnread {
                key: self.key_name(Command::UnreadOnly),
            },
            (true, false) => Msg::OnlyStarred {
                key: self.key_name(Command::StarredOnly),
            },
        }));
    }

    /// `A`: marks every story of the list read; `A` again right after puts them back.
    pub(super) fn mark_all_read(&mut self) -> Effect {
        if let Some(undo) = self.undo_mark_all.take() {
            for &id in &undo {
                self.marks.set_read(id, false);
            }
            if self.view.filter.unread {
                self.rebuild_list();
            }
            self.message = Some(self.text(Msg::Undone { n: undo.len() }));
            return Effect::SaveMarks;
        }
        let changed: Vec<StoryId> = self
            .list
            .all_ids()
            .filter(|&id| self.marks.set_read(id, true))
            .collect();
        if changed.is_empty() {
            self.message = Some(self.text(Msg::AllReadAlready));
            return Effect::None;
        }
        self.message = Some(self.text(Msg::MarkedAllRead {
            n: changed.len(),
            key: self.key_name(Command::MarkAllRead),
        }));
        self.undo_mark_all = Some(changed);
        if self.view.filter.unread {
            self.rebuild_list();
        }
        Effect::SaveMarks
    }

    /// `S`: the next sort order.
    pub(super) fn cycle_sort(&mut self) {
        self.view.sort = self.view.sort.next();
        self.rebuild_list();
        self.message = Some(self.text(Msg::SortedBy {
            sort: self.view.sort,
            ranked: self.search.active.is_some(),
        }));
    }

    /// `f`: opens the filter prompt with the current filter.
    pub(super) fn open_filter(&mut self) {
        let input = self.view.filter.to_string();
        let input = if input.is_empty() {
            String::new()
        } else {
            format!("{input} ")
        };
        let cursor = input.len();
        self.filter_prompt = Some(Prompt { input, cursor });
    }

    /// Keys while the filter prompt is open.
    pub(super) fn filter_key(&mut self, key: Key) -> Effect {
        let Some(prompt) = self.filter_prompt.as_mut() else {
            return Effect::None;
        };
        match prompt.key(key) {
            PromptKey::Quit => return Effect::Quit,
            PromptKey::Cancel => self.filter_prompt = None,
            PromptKey::Edited => {}
            PromptKey::Submit => {
                let text = prompt.input.clone();
                match Filter::parse(&text) {
                    Ok(filter) => {
                        self.filter_prompt = None;
                        self.view.filter = filter;
                        self.rebuild_list();
                        self.message = Some(self.text(if self.view.filter.is_empty() {
                            Msg::NoFilter
                        } else {
                            Msg::PassFilter {
                                n: self.list.order.len(),
                            }
                        }));
                    }
                    Err(err) => self.message = Some(self.text(Msg::Filter(&err))),
                }
            }
        }
        Effect::None
    }

    /// `y`: copies the URL of the selected link (reader, related panel) or of the story.
    pub(super) fn copy_url(&mut self) -> Effect {
        if let Some(url) = self.url_here() {
            self.message = Some(self.text(Msg::Copied {
                url: &self.tr().quote(&url),
            }));
            Effect::Copy(url)
        } else {
            self.message = Some(self.text(Msg::NoUrlToCopy));
            Effect::None
        }
    }

    /// Unread stories in the list as it is now.
    pub fn unread_in_list(&self) -> usize {
        self.list
            .order
            .iter()
            .filter(|&&id| !self.marks.is_read(id))
            .count()
    }

    /// Unread stories in the whole archive.
    pub fn unread_in_archive(&self) -> usize {
        let read = self
            .marks
            .read
            .iter()
            .filter(|&&id| self.library.get(id).is_some())
            .count();
        self.library.len().saturating_sub(read)
    }

    /// Where the reader is, for session restore.
    pub fn visit(&self) -> Option<Visit> {
        self.reader.story.map(|story| Visit {
            story,
            scroll: self.reader.scroll,
            selected_link: self.reader.selected_link,
        })
    }
}

impl App {
    /// Where the reader is now, to be restored at the next start.
    pub fn session(&self) -> qari_core::library::session::Session {
        qari_core::library::session::Session {
            story: self.reader.story,
            scroll: self.reader.scroll,
            selected: self.list.selected_id(),
            filter: self.view.filter.to_string(),
            sort: self.view.sort.name().to_owned(),
        }
    }

    /// Puts the reader back where a session left it (after the archive is loaded): filter and
    /// sort, the list's selection, the open story at its scroll position. Nothing is marked
    /// read; what is no longer in the archive is skipped.
    pub(super) fn restore(&mut self, session: &qari_core::library::session::Session) {
        if let Ok(filter) = Filter::parse(&session.filter) {
            self.view.filter = filter;
        }
        if let Some(sort) = qari_core::library::filter::Sort::from_name(&session.sort) {
            self.view.sort = sort;
        }
        self.rebuild_list();
        let h = self.page_height(Focus::List);
        if let Some(id) = session.selected {
            self.list.select_id(id, h);
            self.preview_selected();
        }
        if let Some(id) = session.story.filter(|&id| self.library.get(id).is_some()) {
            self.reader.open(id, 0, None);
            // Scrolled once the body is here: before that the story is one line long.
            self.restore_scroll = Some((id, session.scroll));
        }
        self.relayout();
    }
}
