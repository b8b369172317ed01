//! What the views, the owner and the tests read of the app: its fields, by reference or by
//! value. The fields themselves are private, so `App::update` is the only writer.

use super::history::History;
use super::layout::Screen;
use super::reader::Reader;
use super::related::Related;
use super::search::{Prompt, SearchState};
use super::story_list::StoryList;
use super::{App, Focus, View};
use crate::settings::Settings;
use qari_core::library::LoadError;
use qari_core::library::state::Marks;

impl App {
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    pub fn saved_marks(&self) -> &Marks {
        &self.saved_marks
    }

    pub fn list(&self) -> &StoryList {
        &self.list
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn related(&self) -> &Related {
        &self.related
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn help(&self) -> Option<usize> {
        self.help
    }

    pub fn errors_panel(&self) -> Option<usize> {
        self.errors_panel
    }

    pub fn errors(&self) -> &[LoadError] {
        &self.errors
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn filter_prompt(&self) -> Option<&Prompt> {
        self.filter_prompt.as_ref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn search(&self) -> &SearchState {
        &self.search
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn load_note(&self) -> Option<&str> {
        self.load_note.as_deref()
    }

    pub fn is_loading(&self) -> bool {
        self.loading
    }

    pub fn load_progress(&self) -> Option<(usize, usize)> {
        self.load_progress
    }
}
