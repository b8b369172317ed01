//! Saving a read-also link's story that is not in the archive: the first `Enter` on such a
//! link (when the reader can fetch: `Settings::save_links`) says so and offers to save it;
//! `Enter` again on the same link asks the owner to fetch the page ([`Effect::SaveLink`]);
//! any other key withdraws the offer. When the owner has saved it (`Action::LinkSaved`,
//! with its file) and the rescan brings the story, it is opened as a followed link would
//! be: the story it was linked from goes into the history, so `Backspace` returns there.

use std::path::PathBuf;

use super::{App, Effect};
use crate::action::Command;
use crate::i18n::Msg;

/// The offer and the wait.
#[derive(Debug, Clone, Default)]
pub(super) struct SaveLink {
    /// The URL whose save was offered by the last key.
    offered: Option<String>,
    /// A saved page's file, to open once the archive has its story.
    awaiting: Option<PathBuf>,
}

impl App {
    /// Withdraws the offer (any key but the one that may accept it).
    pub(super) fn save_link_key(&mut self, command: Command) {
        if !matches!(
            command,
            Command::Activate | Command::FollowLink(_) | Command::Resize { .. }
        ) {
            self.save_link.offered = None;
        }
    }

    /// `Enter` on link `index` (1-based `n` in messages), not in the archive, with `url`:
    /// the offer, or its acceptance.
    pub(super) fn offer_to_save(&mut self, n: usize, url: &str) -> Effect {
        if self.save_link.offered.as_deref() == Some(url) {
            self.save_link.offered = None;
            self.message = Some(self.text(Msg::SavingLink));
            return Effect::SaveLink(url.to_owned());
        }
        self.save_link.offered = Some(url.to_owned());
        let enter = self.key_name(Command::Activate);
        let open = self.key_name(Command::OpenUrl);
        self.message = Some(self.text(Msg::SaveLinkAsk { n, enter, open }));
        Effect::None
    }

    /// The owner saved the page at `path`: open its story when the archive has it (now, or
    /// after the rescan).
    pub(super) fn link_saved(&mut self, path: PathBuf) -> Effect {
        self.save_link.awaiting = Some(path);
        self.open_saved()
    }

    /// Opens the awaited saved story if the archive now has it.
    pub(super) fn open_saved(&mut self) -> Effect {
        let Some(path) = self.save_link.awaiting.clone() else {
            return Effect::None;
        };
        let stories = self.library.stories();
        let exact = stories.iter().find(|s| *s.origin.path == *path);
        // the archive may hold it by another spelling of the path: compare those of its name
        let found = exact.or_else(|| {
            let real = path.canonicalize().ok()?;
            stories.iter().find(|s| {
                s.origin.path.file_name() == path.file_name()
                    && s.origin.path.canonicalize().is_ok_and(|p| p == real)
            })
        });
        let Some(id) = found.map(|s| s.id) else {
            return Effect::None;
        };
        self.save_link.awaiting = None;
        let effect = self.navigate(id);
        self.focus_reader();
        effect
    }
}
