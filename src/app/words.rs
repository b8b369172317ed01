//! What the app says: the interface language's sentences (`i18n::Msg` through the settings'
//! `Tr`), the keys they name, the focused pane's name, the filter as the list's title shows
//! it, and the status-bar note about files that failed to load. Kept together so that every
//! word the app puts on screen is made in one place.

use crate::i18n::{Msg, Tr};
use qari_core::library::LoadError;

use super::{App, Focus};

use crate::action::Command;

impl App {
    /// The status-bar note about load failures: files, not records, are counted (a JSON
    /// Lines file with three bad lines is one file), and `E` lists them all.
    pub(super) fn set_load_note(&mut self, errors: &[LoadError]) {
        self.errors = errors.to_vec();
        let mut files: Vec<&std::path::Path> = errors.iter().map(|e| e.path.as_path()).collect();
        files.sort_unstable();
        files.dedup();
        let key = self.key_name(Command::Errors);
        self.load_note = match (errors, files.len()) {
            ([], _) => None,
            ([one], _) => Some(self.text(Msg::FailedOne {
                file: &self.tr().quote(&one.path.display().to_string()),
                key,
            })),
            (_, 1) => Some(self.text(Msg::ProblemsInFile {
                n: errors.len(),
                file: &self.tr().quote(&files[0].display().to_string()),
                key,
            })),
            (_, n) if n == errors.len() => Some(self.text(Msg::FilesFailed { n, key })),
            (_, n) => Some(self.text(Msg::FilesFailedProblems {
                n,
                problems: errors.len(),
                key,
            })),
        };
    }

    /// The interface language, digits and date format.
    pub fn tr(&self) -> &Tr {
        &self.settings.tr
    }

    /// A sentence in the interface language.
    pub fn text(&self, msg: Msg<'_>) -> String {
        self.settings.tr.t(msg)
    }

    /// The first key bound to `action` (for the sentences that name it), or `""` when the
    /// key map leaves it unbound.
    pub fn key_name(&self, action: Command) -> &str {
        self.keymap.key_of(action).unwrap_or("")
    }

    /// A pane's name where the status bar says which one has the keys.
    pub fn focus_name(&self) -> String {
        self.text(match self.focus {
            Focus::List => Msg::ListPane,
            Focus::Reader => Msg::ReaderPane,
            Focus::Related => Msg::RelatedPane,
        })
    }

    /// The filter as the list's title shows it: the unread-only and starred-only words in
    /// the interface language, the rest as typed.
    pub fn filter_shown(&self) -> String {
        self.view
            .filter
            .to_string()
            .split(' ')
            .map(|w| match w {
                "unread" => self.text(Msg::UnreadWord),
                "starred" => self.text(Msg::StarredWord),
                w => w.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
