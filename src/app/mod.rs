//! The reader's state and the one function that changes it: `App::update(Action) -> Effect`.
//!
//! The Elm Architecture with effects as return values: `update` never reads a file, touches
//! the terminal or starts a process. What must happen outside (quit, open a URL, save the
//! read/star marks) comes back as an [`Effect`] for the owner (`tui` or `tui::headless`) to
//! carry out, and what the owner learns comes back as an [`Action`] (`learn.rs`), so every
//! behaviour is tested by feeding actions. The fields are private (`read.rs` reads them). One
//! state struct per panel (`story_list`, `reader`, `related`); `ui` mirrors this tree file for
//! file.

use std::sync::Arc;

use std::time::Duration;

use crate::action::{Action, Command};
use crate::i18n::Msg;
use crate::input::{Key, Keymap};
use qari_core::bidi::Options;
use qari_core::library::filter::{Filter, Sort};
use qari_core::library::state::Marks;
use qari_core::library::{Library, LoadError};
use qari_core::model::StoryId;

pub mod bodies;
pub mod document;
pub mod effect;
mod groups;
pub mod history;
pub mod layout;
mod learn;
mod navigate;
pub mod one_line;
mod overlay;
mod read;
pub mod reader;
pub mod related;
mod save_link;
pub mod search;
pub mod story_list;
mod words;
mod workflow;

pub use crate::settings::Settings;
pub use effect::Effect;
use history::History;
use layout::Screen;
use reader::Reader;
use related::Related;
use search::{Prompt, SearchState};
use story_list::StoryList;
use workflow::Dwell;

/// Which pane receives the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
    Related,
}

impl Focus {
    fn next(self) -> Focus {
        match self {
            Focus::List => Focus::Reader,
            Focus::Reader => Focus::Related,
            Focus::Related => Focus::List,
        }
    }

    fn prev(self) -> Focus {
        match self {
            Focus::List => Focus::Related,
            Focus::Reader => Focus::List,
            Focus::Related => Focus::Reader,
        }
    }
}

/// What the list shows: the filter words (with unread-only and starred-only) and the order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub filter: Filter,
    pub sort: Sort,
    /// `Z` flipped the `group` setting.
    pub group_flipped: bool,
    /// The group whose stories are shown under its row (`z`).
    pub expanded: Option<StoryId>,
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared with the background index worker, which reads the same stories: an `Arc`, so a
    /// large archive is held in memory once.
    library: Arc<Library>,
    opts: Options,
    keymap: Keymap,
    marks: Marks,
    /// The marks as last loaded or saved: what `marks` changed is saved on top of what another
    /// qari may have saved meanwhile (`library::state::save_merged`).
    saved_marks: Marks,
    list: StoryList,
    reader: Reader,
    related: Related,
    focus: Focus,
    history: History,
    screen: Screen,
    /// The help overlay, when shown: its first row.
    help: Option<usize>,
    /// The panel of files that failed to load (`E`), when shown: its first row.
    errors_panel: Option<usize>,
    /// Every file (or record) that failed to load, and why.
    errors: Vec<LoadError>,
    /// The list's filter and sort.
    view: View,
    /// The `f` prompt, while open.
    filter_prompt: Option<Prompt>,
    settings: Settings,
    /// How long the reader's story has been on screen (the dwell rule).
    dwell: Dwell,
    /// What the last `A` marked read, while `A` again would undo it.
    undo_mark_all: Option<Vec<StoryId>>,
    /// A restored session's scroll position, applied when its story's body is here.
    restore_scroll: Option<(StoryId, usize)>,
    /// Bumped whenever the list is rebuilt (keys the unread count).
    list_generation: u64,
    /// Unread stories in the list and in the archive, with what they were counted for.
    counts: ((u64, usize, usize), (usize, usize)),
    /// Search: the `/` prompt, the active query and its hits, the index status.
    search: SearchState,
    /// A message for the status bar, cleared by the next key.
    message: Option<String>,
    /// A lasting note for the status bar (files that failed to load).
    load_note: Option<String>,
    /// The archive is still being loaded by a background worker.
    loading: bool,
    /// Files of the archive read so far while it loads (done, total).
    load_progress: Option<(usize, usize)>,
    /// Bodies of the stories opened lately.
    bodies: bodies::BodyCache,
    /// Effects raised besides the one `update` returns (body requests), for the owner.
    queued: Vec<Effect>,
    /// A read-also link's story offered for saving, or being saved.
    save_link: save_link::SaveLink,
}

impl App {
    /// An app showing `library`, with the first story selected and open.
    pub fn new(
        library: impl Into<Arc<Library>>,
        errors: &[LoadError],
        marks: Marks,
        opts: Options,
    ) -> App {
        let library = library.into();
        let mut app = App::loading(marks, opts);
        // an export's read and starred flags are where its stories start (see `learn`)
        app.marks.seed(library.stories());
        app.set_library(library, errors);
        app
    }

    /// An app with an empty archive, waiting for `set_library`.
    pub fn loading(marks: Marks, opts: Options) -> App {
        App {
            library: Arc::default(),
            opts,
            keymap: Keymap::default(),
            saved_marks: marks.clone(),
            marks,
            list: StoryList::default(),
            reader: Reader::default(),
            related: Related::default(),
            focus: Focus::List,
            history: History::default(),
            screen: Screen::default(),
            help: None,
            errors_panel: None,
            errors: Vec::new(),
            view: View::default(),
            filter_prompt: None,
            settings: Settings::default(),
            dwell: Dwell::default(),
            undo_mark_all: None,
            restore_scroll: None,
            list_generation: 0,
            counts: ((u64::MAX, 0, 0), (0, 0)),
            search: SearchState::default(),
            message: None,
            load_note: None,
            loading: true,
            load_progress: None,
            bodies: bodies::BodyCache::default(),
            queued: Vec::new(),
            save_link: save_link::SaveLink::default(),
        }
    }

    /// Replaces the archive (after loading): first story selected and shown (a preview, not
    /// marked read), history cleared.
    fn set_library(&mut self, library: impl Into<Arc<Library>>, errors: &[LoadError]) {
        self.library = library.into();
        self.loading = false;
        self.list = StoryList::default();
        self.reader = Reader::default();
        self.related = Related::default();
        self.history = History::default();
        self.search.clear();
        self.rebuild_list();
        self.set_load_note(errors);
        self.relayout();
    }

    /// The key map in effect (the help and the hints are made from it).
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// This app with other settings (dwell time, interface language, digits, dates).
    #[must_use]
    pub fn with_settings(mut self, settings: Settings) -> App {
        self.settings = settings;
        self.relayout();
        self
    }

    /// This app with the config's key map and settings (before the first frame).
    #[must_use]
    pub fn configured(mut self, keymap: Keymap, settings: Settings) -> App {
        self.keymap = keymap;
        self.settings = settings;
        self
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The archive, to share with a thread that reads bodies for the owner.
    pub fn library_arc(&self) -> Arc<Library> {
        Arc::clone(&self.library)
    }

    /// Replaces the archive with a fresher copy of itself (the background freshness check
    /// found files added, changed or removed), in place: the selected story stays selected
    /// and in view, the open story open at its scroll position, the history and the search
    /// kept; bodies read earlier are kept for the files that did not change.
    fn replace_library(&mut self, library: impl Into<Arc<Library>>, errors: &[LoadError]) {
        let old = std::mem::replace(&mut self.library, library.into());
        if let Some(open) = self.reader.story
            && self.library.get(open).is_none()
        {
            self.reader = Reader::default();
        }
        // Same selection, same rows above it where possible: the list does not jump.
        self.rebuild_list();
        let unchanged = |id: StoryId| {
            old.file_of(id).map(|f| f.fingerprint)
                == self.library.file_of(id).map(|f| f.fingerprint)
        };
        self.bodies.retain(unchanged);
        self.reader.doc = None;
        self.related.invalidate();
        self.loading = false;
        self.load_progress = None;
        self.set_load_note(errors);
        self.relayout();
    }

    /// What is known of a story's body: in memory in the library, read earlier, or being read.
    fn body_state(&self, id: StoryId) -> Option<bodies::Body> {
        if let Some(b) = self.library.resident_body(id) {
            return Some(bodies::Body::Loaded(b));
        }
        self.bodies.get(id).cloned()
    }

    /// The body of a story, when it is here.
    pub(crate) fn body_of(&self, id: StoryId) -> Option<std::sync::Arc<Vec<String>>> {
        match self.body_state(id) {
            Some(bodies::Body::Loaded(b)) => Some(b),
            _ => None,
        }
    }

    /// The body of the open story as far as it is known, asking the owner for it
    /// (`Effect::LoadBody`) the first time.
    fn want_body(&mut self, id: StoryId) -> bodies::Body {
        if let Some(b) = self.body_state(id) {
            return b;
        }
        self.bodies.put(id, bodies::Body::Loading);
        self.queued.push(Effect::LoadBody(id));
        bodies::Body::Loading
    }

    /// The owner's answer to `Effect::LoadBody`.
    fn body_loaded(&mut self, id: StoryId, body: Result<std::sync::Arc<Vec<String>>, String>) {
        self.bodies.put(
            id,
            match body {
                Ok(b) => bodies::Body::Loaded(b),
                Err(why) => bodies::Body::Failed(why),
            },
        );
        self.relayout();
    }

    /// Effects raised besides the ones `update` and `key` return (body requests), oldest
    /// first; the owner carries them out after each update.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.queued)
    }

    pub fn opts(&self) -> &Options {
        &self.opts
    }

    /// The story open in the reader.
    pub fn open_story(&self) -> Option<StoryId> {
        self.reader.story
    }

    /// Sets the related panel's "Similar" section for the open story (the search layer's
    /// answer; issue 5).
    pub fn set_similar(&mut self, similar: Vec<StoryId>) {
        // Remembered so that opening another story clears the list (`sync_search`).
        self.search.similar_for = self.reader.story;
        self.related.similar = similar;
        self.related.invalidate();
        self.relayout();
    }

    /// Looks a key up in the key map and applies its action.
    pub fn key(&mut self, key: Key) -> Effect {
        let overlay = self.help.is_some() || self.errors_panel.is_some();
        if !overlay && (self.search.prompt.is_some() || self.filter_prompt.is_some()) {
            self.message = None;
            let effect = if self.filter_prompt.is_some() {
                self.filter_key(key)
            } else {
                self.prompt_key(key)
            };
            self.relayout();
            return effect;
        }
        if let Some(action) = self.keymap.action(key) {
            self.update(action)
        } else {
            self.message = None;
            Effect::None
        }
    }

    /// Applies one action: the only way the reader's state changes. A [`Command`] is what the
    /// user asked for; the other actions are what the owner learned (`learn.rs`).
    pub fn update(&mut self, action: impl Into<Action>) -> Effect {
        match action.into() {
            Action::Command(command) => self.command(command),
            learned => {
                let effect = self.learn(learned);
                self.relayout();
                effect
            }
        }
    }

    /// Applies one command.
    fn command(&mut self, action: Command) -> Effect {
        if let Command::Elapsed { ms } = action {
            return self.elapsed(Duration::from_millis(u64::from(ms)));
        }
        if !matches!(action, Command::Resize { .. }) {
            self.message = None;
            if action != Command::MarkAllRead {
                self.undo_mark_all = None;
            }
            self.save_link_key(action);
        }
        let effect = if self.help.is_some() || self.errors_panel.is_some() {
            self.update_overlay(action)
        } else {
            self.update_main(action)
        };
        self.relayout();
        effect
    }

    fn update_main(&mut self, action: Command) -> Effect {
        let page = self.page_height(self.focus);
        let page_i = isize::try_from(page).unwrap_or(isize::MAX);
        let before = self.list.selected_id();
        match action {
            Command::Down => self.step(1),
            Command::Up => self.step(-1),
            Command::PageDown => self.scroll_focused(page_i),
            Command::PageUp => self.scroll_focused(-page_i),
            Command::HalfPageDown => self.scroll_focused((page_i / 2).max(1)),
            Command::HalfPageUp => self.scroll_focused(-(page_i / 2).max(1)),
            Command::Top => self.jump(false),
            Command::Bottom => self.jump(true),
            Command::Activate => return self.activate(),
            Command::FocusNext => self.set_focus(self.focus.next()),
            Command::FocusPrev => self.set_focus(self.focus.prev()),
            Command::FollowLink(n) => return self.follow_nth(usize::from(n)),
            Command::Back => self.back(),
            Command::Forward => self.forward(),
            Command::OpenUrl => return self.open_url(),
            Command::CopyUrl => return self.copy_url(),
            Command::ToggleRead => return self.toggle_read(),
            Command::ToggleStar => return self.toggle_star(),
            Command::NextUnread => return self.next_unread(),
            Command::UnreadOnly => self.toggle_view(true),
            Command::StarredOnly => self.toggle_view(false),
            Command::MarkAllRead => return self.mark_all_read(),
            Command::Filter => self.open_filter(),
            Command::Sort => self.cycle_sort(),
            Command::Rescan => {
                self.message = Some(self.text(Msg::Rescanning));
                return Effect::Rescan;
            }
            Command::Fetch => {
                self.message = Some(self.text(Msg::Fetching));
                return Effect::Fetch;
            }
            Command::Suspend => return Effect::Suspend,
            Command::ExpandGroup => return self.expand_group(),
            Command::ToggleGrouping => return self.toggle_grouping(),
            Command::Ungroup => return self.ungroup(),
            Command::Errors if self.errors.is_empty() => {
                self.message = Some(self.text(Msg::EveryFileLoaded));
            }
            Command::Errors => self.errors_panel = Some(0),
            Command::Help => self.help = Some(0),
            Command::Close => self.search_escape(),
            Command::Search => self.search.open_prompt(),
            Command::NextHit => self.jump_hit(true),
            Command::PrevHit => self.jump_hit(false),
            Command::Quit => return Effect::Quit,
            Command::Resize { cols, rows } => {
                self.screen = Screen::new(cols, rows, self.focus, self.tr().dir());
            }
            Command::Click { col, row } => self.click(col, row),
            Command::Wheel { col, row, down } => self.wheel(col, row, down),
            Command::Elapsed { .. } => {}
        }
        // The reader always shows the story under the list cursor.
        if self.list.selected_id() != before {
            self.preview_selected();
        }
        Effect::None
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        let area = self.screen.area;
        self.screen = Screen::new(area.width, area.height, focus, self.tr().dir());
    }

    /// The pane's rectangle as it is (or would be, in narrow mode, when focused) shown.
    pub fn pane(&self, pane: Focus) -> ratatui::layout::Rect {
        let s = if self.screen.narrow && self.focus != pane {
            Screen::new(
                self.screen.area.width,
                self.screen.area.height,
                pane,
                self.tr().dir(),
            )
        } else {
            self.screen
        };
        match pane {
            Focus::List => s.list,
            Focus::Reader => s.reader,
            Focus::Related => s.related,
        }
    }

    /// Rows of content a pane shows at once (at least 1).
    pub fn page_height(&self, pane: Focus) -> usize {
        let rect = self.pane(pane);
        let h = match pane {
            Focus::Reader => layout::reader_text(rect).height,
            _ => layout::inner(rect).height,
        };
        usize::from(h).max(1)
    }

    /// Brings the cached layouts up to date (a no-op unless story, width or options changed).
    fn relayout(&mut self) {
        let list_w = layout::inner(self.pane(Focus::List)).width;
        let list_h = self.page_height(Focus::List);
        self.list.keep_visible(list_h);
        self.list.lay_out(
            &self.library,
            (usize::from(list_w), list_h),
            &self.opts,
            &self.settings.tr,
        );
        let text_w = layout::reader_text(self.pane(Focus::Reader)).width;
        let body = self.reader.story.map(|id| self.want_body(id));
        let open_key = self.key_name(Command::OpenUrl).to_owned();
        self.reader.lay_out(
            &self.library,
            body.as_ref(),
            usize::from(text_w),
            (&self.opts, &self.settings.tr, &open_key),
        );
        if let Some((id, scroll)) = self.restore_scroll
            && self.reader.story == Some(id)
            && self.body_of(id).is_some()
        {
            self.reader.scroll = scroll;
            self.restore_scroll = None;
        }
        self.reader.clamp(self.page_height(Focus::Reader));
        let related_w = layout::inner(self.pane(Focus::Related)).width;
        self.related.lay_out(
            &self.library,
            self.reader.story,
            usize::from(related_w),
            (&self.opts, &self.settings.tr),
        );
        self.related.keep_visible(self.page_height(Focus::Related));
        self.sync_search();
        let key = (
            self.list_generation,
            self.marks.read.len(),
            self.library.len(),
        );
        if self.counts.0 != key {
            self.counts = (key, (self.unread_in_list(), self.unread_in_archive()));
        }
    }

    /// Unread stories (in the list, in the archive), as of the last update.
    pub fn unread_counts(&self) -> (usize, usize) {
        self.counts.1
    }

    fn step(&mut self, delta: isize) {
        let h = self.page_height(self.focus);
        match self.focus {
            Focus::List => self.list.move_by(delta, h),
            Focus::Reader if delta > 0 => self.reader.down(h),
            Focus::Reader => self.reader.up(h),
            Focus::Related => {
                self.related.move_by(delta, h);
                self.sync_link_from_related();
            }
        }
    }

    fn scroll_focused(&mut self, delta: isize) {
        let h = self.page_height(self.focus);
        match self.focus {
            Focus::List => self.list.move_by(delta, h),
            Focus::Reader => self.reader.scroll_by(delta, h),
            Focus::Related => {
                self.related.move_by(delta, h);
                self.sync_link_from_related();
            }
        }
    }

    fn jump(&mut self, end: bool) {
        let h = self.page_height(self.focus);
        match self.focus {
            Focus::List => self.list.select(if end { usize::MAX } else { 0 }, h),
            Focus::Reader => {
                let line = if end { usize::MAX } else { 0 };
                self.reader.scroll_to(line, h);
            }
            Focus::Related => {
                let delta = if end { isize::MAX } else { isize::MIN };
                self.related.move_by(delta, h);
                self.sync_link_from_related();
            }
        }
    }

    /// A read-also entry selected in the related panel is also the reader's selected link.
    fn sync_link_from_related(&mut self) {
        if let Some(related::Target::Link { index, .. }) =
            self.related.selected_entry().map(|e| e.target)
        {
            let h = self.page_height(Focus::Reader);
            self.reader.select_link(index, h);
        }
    }
}
