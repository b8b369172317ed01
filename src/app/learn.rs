//! What the owner learned, taken into the app: the archive loaded or refreshed, a body read,
//! the index's progress, a query's hits, similar stories, the marks as saved, a note. Reached
//! only through `App::update`, like a key.

use super::search::IndexStatus;
use super::{App, Effect};
use crate::action::{Action, Note};
use crate::i18n::Msg;

impl App {
    /// Applies one action that is not a command.
    pub(super) fn learn(&mut self, action: Action) -> Effect {
        match action {
            Action::Command(command) => self.command(command),
            Action::Loaded {
                library,
                errors,
                session,
            } => {
                // an export's read and starred flags are a story's first state (once)
                let seeded = self.marks.seed(library.stories());
                self.set_library(library, &errors);
                if let Some(session) = session {
                    self.restore(&session);
                }
                if seeded {
                    Effect::SaveMarks
                } else {
                    Effect::None
                }
            }
            Action::Refreshed { library, errors } => {
                let seeded = self.marks.seed(library.stories());
                self.replace_library(library, &errors);
                let opened = self.open_saved();
                if seeded || opened == Effect::SaveMarks {
                    Effect::SaveMarks
                } else {
                    Effect::None
                }
            }
            Action::LoadProgress { done, total } => {
                self.load_progress = Some((done, total));
                Effect::None
            }
            Action::Body { id, body } => {
                self.body_loaded(id, body);
                Effect::None
            }
            Action::IndexProgress { done, total } => {
                self.search.index = IndexStatus::Building { done, total };
                Effect::None
            }
            Action::IndexReady => {
                self.search.index = IndexStatus::Ready;
                Effect::None
            }
            Action::IndexFailed(why) => {
                self.message = Some(self.text(Msg::Note(&Note::SearchFailed(why.clone()))));
                self.search.index = IndexStatus::Failed(why);
                Effect::None
            }
            Action::Hits { query, hits } => self.search_results(&query, hits),
            Action::LinkSaved(path) => self.link_saved(path),
            Action::Similar { id, similar } => {
                self.set_similar_for(id, similar);
                Effect::None
            }
            Action::MarksSaved(marks) => {
                self.marks = marks.clone();
                self.saved_marks = marks;
                Effect::None
            }
            Action::Note(note) => {
                self.message = Some(self.text(Msg::Note(&note)));
                Effect::None
            }
        }
    }
}
