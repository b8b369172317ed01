//! The owner's side of the app's effects: what the event loop does when `update` asks for
//! something outside (open a URL, save the marks, read a body, copy, suspend, rescan), and
//! what the background workers report. Whatever it learns goes back to the app as an
//! [`Action`]; nothing here writes the app's state.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use crossterm::execute;

use super::event::Event;
use super::workers::{open_url, rescan};
use super::{Screen, screen};
use crate::action::{Action, Command, Note};
use crate::app::{App, Effect};
use crate::tui::terminal::{self, detect::Mode};
use qari_core::library::{Dirs, state};

/// What the event loop needs to carry out the app's effects.
pub(super) struct Owner {
    pub(super) state_path: Option<PathBuf>,
    pub(super) dirs: Dirs,
    pub(super) paths: Vec<PathBuf>,
    pub(super) tx: mpsc::Sender<Event>,
    /// A rescan is running: further changes wait for it (its result includes them, or the
    /// watcher reports them again).
    pub(super) rescanning: bool,
    /// `R` was pressed while a rescan ran: say what it found.
    pub(super) report_rescan: bool,
    /// Saving the marks failed once (said once; they are kept in memory).
    pub(super) marks_failed: bool,
    pub(super) mode: Mode,
    pub(super) own_switch: Option<terminal::detect::Switch>,
    /// Where the fetcher works; `None`: no fetching (no config dir).
    pub(super) feeds: Option<super::Feeds>,
    /// When the running fetch started (a second `F` meanwhile does nothing).
    pub(super) fetching: Option<std::time::Instant>,
}

impl Owner {
    /// Carries out one effect of the app; `true` to quit.
    pub(super) fn carry_out(
        &mut self,
        app: &mut App,
        effect: Effect,
        terminal: &mut Screen,
    ) -> io::Result<bool> {
        match effect {
            // `Search` was resolved by the search driver into the effect of showing the hits.
            Effect::None | Effect::Search(_) => {}
            Effect::Quit => return Ok(true),
            Effect::OpenUrl(url) => {
                if let Err(e) = open_url(&url) {
                    app.update(Action::Note(Note::BrowserFailed(e.to_string())));
                }
            }
            Effect::SaveMarks => self.save_marks(app),
            Effect::LoadBody(id) => {
                // Off the UI thread: a slow disk shows "loading…", never a frozen screen.
                let library = app.library_arc();
                let tx = self.tx.clone();
                let spawned = thread::Builder::new().name("body".into()).spawn(move || {
                    let body = library.read_body(id).map_err(|e| e.to_string());
                    let _ = tx.send(Event::App(Action::Body { id, body }));
                });
                if let Err(e) = spawned {
                    let body = Err(format!("cannot read: {e}"));
                    app.update(Action::Body { id, body });
                }
            }
            Effect::Copy(text) => copy(app, &text),
            Effect::Suspend => {
                terminal::suspend(self.mode, self.own_switch)?;
                // A new terminal draws the whole frame again (`Terminal::clear` would ask
                // the terminal for the cursor position, an answer the input thread takes).
                execute!(
                    io::stdout(),
                    crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
                )?;
                *terminal = screen(self.mode)?;
                let size = terminal.size()?;
                app.update(Command::Resize {
                    cols: size.width,
                    rows: size.height,
                });
            }
            Effect::Rescan => {
                let effect = self.rescan(app, true);
                return self.carry_out(app, effect, terminal);
            }
            Effect::Fetch => self.fetch(app),
            Effect::SaveLink(url) => self.save_link(app, url),
        }
        Ok(false)
    }

    /// Saves a read-also link's page on a thread; the app hears `LinkSaved` (and opens the
    /// story once the rescan brings it) or a note saying why not.
    fn save_link(&mut self, app: &mut App, url: String) {
        let Some(feeds) = &self.feeds else {
            app.update(Action::Note(Note::LinkNotSaved(url)));
            return;
        };
        let places = feeds.places.clone();
        let tx = self.tx.clone();
        let spawned = thread::Builder::new()
            .name("save link".into())
            .spawn(move || {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let _ = tx.send(match qari_fetch::link::save_link(&places, &url, now) {
                    Ok(path) => Event::LinkSaved(path),
                    Err(why) => Event::App(Action::Note(Note::LinkNotSaved(why))),
                });
            });
        if let Err(e) = spawned {
            app.update(Action::Note(Note::LinkNotSaved(e.to_string())));
        }
    }

    /// Fetches the due feeds on a thread: the fetcher writes into its folder, the watcher sees
    /// the new files (a rescan is asked for as well, for a folder the fetch just created), and
    /// a note says how it went.
    pub(super) fn fetch(&mut self, app: &mut App) {
        let Some(feeds) = &self.feeds else {
            app.update(Action::Note(Note::NoFeeds));
            return;
        };
        if self.fetching.is_some() {
            return;
        }
        if !feeds.places.subscriptions.exists() {
            app.update(Action::Note(Note::NoFeeds));
            return;
        }
        let places = feeds.places.clone();
        let tx = self.tx.clone();
        let spawned = thread::Builder::new().name("fetch".into()).spawn(move || {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let options = qari_fetch::run::Options::new(now);
            let note = match qari_fetch::run::fetch(&places, &options, &mut |_, _, _| {}) {
                Ok(reports) => Note::Fetched {
                    new: reports.iter().map(|r| r.new).sum(),
                    updated: reports.iter().map(|r| r.updated).sum(),
                    failed: reports
                        .iter()
                        .filter(|r| {
                            matches!(
                                r.status,
                                qari_fetch::run::Outcome::Failed | qari_fetch::run::Outcome::Gone
                            )
                        })
                        .count(),
                },
                Err(e) => Note::FetchFailed(e.to_string()),
            };
            let _ = tx.send(Event::Fetched(note));
        });
        match spawned {
            Ok(_) => self.fetching = Some(std::time::Instant::now()),
            Err(e) => {
                app.update(Action::Note(Note::FetchFailed(e.to_string())));
            }
        }
    }

    /// What the background workers report.
    pub(super) fn background(&mut self, app: &mut App, event: Event) -> Effect {
        match event {
            Event::Refreshed(library, errors) => {
                self.rescanning = false;
                self.report_rescan = false;
                app.update(Action::Refreshed { library, errors });
            }
            Event::Changed => return self.rescan(app, false),
            Event::Unchanged => {
                self.rescanning = false;
                if std::mem::take(&mut self.report_rescan) {
                    return app.update(Action::Note(Note::NoChanges));
                }
            }
            Event::App(action) => return app.update(action),
            Event::LinkSaved(path) => {
                app.update(Action::LinkSaved(path));
                return self.rescan(app, false);
            }
            Event::Fetched(note) => {
                if let Some(started) = self.fetching.take() {
                    log::debug!("fetch: done in {:?}", started.elapsed());
                }
                let fetched =
                    matches!(note, Note::Fetched { new, updated, .. } if new + updated > 0);
                app.update(Action::Note(note));
                if fetched {
                    return self.rescan(app, false);
                }
            }
            // Handled by the event loop itself.
            Event::Input(_)
            | Event::InputFailed(_)
            | Event::Loaded(..)
            | Event::Index(_)
            | Event::Watching(_)
            | Event::Signal(_) => {}
        }
        Effect::None
    }

    fn save_marks(&mut self, app: &mut App) {
        let Some(path) = self.state_path.as_deref() else {
            return;
        };
        match state::save_merged(path, app.saved_marks(), app.marks()) {
            // Marks another qari saved meanwhile show here too.
            Ok(merged) => {
                app.update(Action::MarksSaved(merged));
                self.marks_failed = false;
            }
            Err(e) if !self.marks_failed => {
                self.marks_failed = true;
                app.update(Action::Note(Note::MarksNotSaved(e.to_string())));
            }
            Err(_) => {}
        }
    }

    /// Checks the archive for changes on a thread of its own (`R`, or the watcher saw
    /// something); a fresher library arrives as `Event::Refreshed`.
    fn rescan(&mut self, app: &mut App, by_hand: bool) -> Effect {
        if self.paths.is_empty() {
            if by_hand {
                return app.update(Action::Note(Note::SampleUnchanged));
            }
            return Effect::None;
        }
        if self.rescanning || app.is_loading() {
            // The running check answers this one too.
            self.report_rescan |= by_hand;
            return Effect::None;
        }
        self.rescanning = true;
        let (dirs, paths) = (self.dirs.clone(), self.paths.clone());
        let tx = self.tx.clone();
        let spawned = thread::Builder::new().name("rescan".into()).spawn(move || {
            rescan(&dirs, &paths, &tx, by_hand);
        });
        if let Err(e) = spawned {
            self.rescanning = false;
            return app.update(Action::Note(Note::RescanFailed(e.to_string())));
        }
        Effect::None
    }
}

/// `y`: the text goes to the terminal's clipboard through OSC 52 (which works over SSH), or,
/// where the terminal is known not to take it, is shown so it can be copied by hand.
fn copy(app: &mut App, text: &str) {
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(term.as_str(), "linux" | "dumb" | "") {
        app.update(Action::Note(Note::NoClipboard(text.to_owned())));
        return;
    }
    let sent = execute!(
        io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
    if let Err(e) = sent {
        app.update(Action::Note(Note::CopyFailed(e.to_string())));
    }
}
