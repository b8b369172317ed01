//! The interactive reader: the terminal's lifetime, the event loop, the owner of the app and
//! the workers around it, and the headless replay that tests and `qari screen` draw with.
//!
//! One owner: this thread owns the `App` and blocks on one channel (`event.rs`) fed by an
//! input thread (terminal events, `keys.rs`) and by background workers (loading the archive,
//! the index, the watcher: `workers.rs`, `search.rs`). It redraws after each batch of events,
//! never on a timer. What the owner learns goes to the app as an `Action` (`owner.rs`):
//! `App::update` is the only writer of the reader's state.
//!
//! The terminal's lifetime (raw mode, the bidi switch, the alternate screen, restoring on
//! exit, `Ctrl-z`, a panic or a signal) and the detection of what kind of terminal this is
//! live in [`terminal`]. SIGTERM, SIGHUP and SIGQUIT end the event loop like `q` (exit
//! status 128 + the signal), so a closed terminal window or a `kill` also restores it.

use std::error::Error;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use crossterm::event::read as read_terminal;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, Command};
use crate::app::{App, Effect};
use crate::ui::{self, theme::Theme};
use qari_core::bidi::sanitize::for_log;
use qari_core::library::state::Marks;
use qari_core::library::{Dirs, session};

mod event;
pub mod headless;
mod keys;
mod owner;
pub mod search;
pub mod terminal;
mod workers;

use event::Event;
use owner::Owner;
use terminal::BidiMode;
use terminal::detect::Mode;
use terminal::rows::Rows;
use workers::SessionSaver;

/// Set (to anything) to make the loader thread panic: a test hook for the panic path.
pub const PANIC_TEST_ENV: &str = "QARI_TEST_PANIC";

/// Builds the app and its theme once the terminal's mode is known (the layout depends on
/// it), from the marks read at start: the caller's configuration.
pub type Build<'a> = dyn Fn(Mode, Marks) -> Result<(App, Theme), Box<dyn Error>> + 'a;

/// The reader's feeds: where the fetcher works (`F` fetches in the background), and whether
/// to fetch once at start (`fetch_on_start`; otherwise the reader never touches the network
/// unless asked).
#[derive(Debug, Clone)]
pub struct Feeds {
    pub places: qari_fetch::Places,
    pub on_start: bool,
}

/// Runs the reader on the archive at `paths` (none: the bundled sample) until `q`, a signal
/// or an error; `restore` brings back the last session of this archive.
pub fn run(
    dirs: &Dirs,
    paths: &[PathBuf],
    bidi: BidiMode,
    restore: bool,
    build: &Build,
    feeds: Option<Feeds>,
) -> Result<ExitCode, Box<dyn Error>> {
    let state_path = dirs.marks();
    let (marks, marks_note) = workers::load_marks(state_path.as_deref());
    let archive_key = qari_core::library::archive::Archive::new(paths).key();
    let session_path = dirs.session();
    let pending_session = session_path
        .as_deref()
        .filter(|_| restore)
        .and_then(|p| session::load(p, &archive_key));
    let (tx, rx) = mpsc::channel::<Event>();
    let (decision, adapt, guard) = terminal::take(bidi)?;
    let mode = decision.mode;
    log::debug!("terminal: {:?} mode, because {}", mode, decision.why);
    spawn_loader(dirs.clone(), paths.to_vec(), tx.clone())?;
    forward_signals(tx.clone())?;
    let terminal = screen(mode)?;
    spawn_input(tx.clone())?;

    let (mut app, theme) = build(mode, marks)?;
    if let Some(note) = marks_note {
        app.update(Action::Note(note));
    }
    let mut owner = Owner {
        state_path,
        dirs: dirs.clone(),
        paths: paths.to_vec(),
        tx,
        rescanning: false,
        report_rescan: false,
        marks_failed: false,
        mode,
        own_switch: decision.switch,
        fetching: None,
        feeds,
    };
    if owner.feeds.as_ref().is_some_and(|f| f.on_start) {
        owner.fetch(&mut app);
    }
    let mut lp = Loop {
        terminal,
        rx,
        saver: SessionSaver::new(session_path, archive_key),
        pending_session,
        adapt,
    };
    let exit = lp.run(&mut app, &theme, &mut owner)?;
    let errors = app.errors().to_vec();
    drop(lp);
    drop(guard);
    for error in &errors {
        eprintln!("qari: {}", for_log(&error.to_string()));
    }
    Ok(exit)
}

/// The event loop's own state.
struct Loop {
    terminal: Screen,
    rx: mpsc::Receiver<Event>,
    saver: SessionSaver,
    /// The session to restore once the archive is here.
    pending_session: Option<session::Session>,
    adapt: terminal::output::Adapt,
}

impl Loop {
    /// Draws, sleeps until the next events, hands them to the app and carries out what it
    /// asks for, until it asks to quit (the exit status).
    fn run(&mut self, app: &mut App, theme: &Theme, owner: &mut Owner) -> io::Result<ExitCode> {
        let size = self.terminal.size()?;
        app.update(Command::Resize {
            cols: size.width,
            rows: size.height,
        });
        let mut search = search::Driver::default();
        // The archive's watcher, from the loader once the catalog's stories are shown; kept
        // for the whole run (dropping it stops the watching).
        let mut _watcher = None;
        let mut clock = Instant::now();
        loop {
            draw(&mut self.terminal, &ui::View { app, theme }, &self.adapt)?;
            // Asleep until the next event, or until the dwell time marks the story read, or
            // the session is due to be saved.
            let wait = [app.dwell_remaining(), self.saver.due()]
                .into_iter()
                .flatten()
                .min();
            let first = match wait {
                Some(wait) => match self.rx.recv_timeout(wait) {
                    Ok(event) => Some(event),
                    Err(mpsc::RecvTimeoutError::Timeout) => None,
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                },
                None => Some(
                    self.rx
                        .recv()
                        .map_err(|e| io::Error::new(io::ErrorKind::BrokenPipe, e))?,
                ),
            };
            // The time that passed counts for the story that was on screen during it.
            let now = Instant::now();
            let ms = u32::try_from(now.duration_since(clock).as_millis()).unwrap_or(u32::MAX);
            clock = now;
            let elapsed = app.update(Command::Elapsed { ms });
            if owner.carry_out(app, elapsed, &mut self.terminal)? {
                break;
            }
            // Handle everything already queued before drawing again.
            let events: Vec<Event> = first.into_iter().chain(self.rx.try_iter()).collect();
            for event in events {
                let effect = match event {
                    Event::Input(ev) => keys::input(app, &ev),
                    Event::InputFailed(e) => {
                        return Err(io::Error::other(format!("terminal input failed: {e}")));
                    }
                    Event::Loaded(library, errors) => app.update(Action::Loaded {
                        library,
                        errors,
                        session: self.pending_session.take(),
                    }),
                    Event::Index(e) => search.index_event(app, e),
                    Event::Watching(watcher) => {
                        _watcher = Some(watcher);
                        Effect::None
                    }
                    Event::Signal(signal) => {
                        self.saver.changed(app, true);
                        // The shell's convention for "ended by signal N".
                        return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)));
                    }
                    other => owner.background(app, other),
                };
                let effect = search.resolve(app, effect);
                for effect in std::iter::once(effect).chain(app.take_effects()) {
                    if owner.carry_out(app, effect, &mut self.terminal)? {
                        self.saver.changed(app, true);
                        return Ok(ExitCode::SUCCESS);
                    }
                }
            }
            search.similar(app);
            self.saver.changed(app, false);
        }
        self.saver.changed(app, true);
        Ok(ExitCode::SUCCESS)
    }
}

/// The screen qari draws on: whole rows in terminal mode (`terminal::rows`).
pub(crate) type Screen = Terminal<Rows<CrosstermBackend<io::Stdout>>>;

pub(crate) fn screen(mode: Mode) -> io::Result<Screen> {
    Terminal::new(Rows::new(
        CrosstermBackend::new(io::stdout()),
        mode == Mode::Terminal,
    ))
}

/// One frame: the app drawn, then adapted to the terminal's mode.
fn draw(terminal: &mut Screen, view: &ui::View, adapt: &terminal::output::Adapt) -> io::Result<()> {
    terminal.draw(|frame| {
        ui::draw(frame, view);
        adapt.screen(frame.buffer_mut());
    })?;
    Ok(())
}

/// The input thread: terminal events into the owner's channel.
fn spawn_input(tx: mpsc::Sender<Event>) -> io::Result<()> {
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let event = match read_terminal() {
                Ok(ev) => Event::Input(ev),
                Err(e) => Event::InputFailed(e.to_string()),
            };
            let failed = matches!(event, Event::InputFailed(_));
            if tx.send(event).is_err() || failed {
                break;
            }
        }
    })?;
    Ok(())
}

/// The loader thread: the archive, then its search index behind it.
fn spawn_loader(dirs: Dirs, paths: Vec<PathBuf>, tx: mpsc::Sender<Event>) -> io::Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            // Lets the end-to-end test check that a panic on a worker thread restores the
            // terminal and ends the process.
            assert!(
                std::env::var_os(PANIC_TEST_ENV).is_none(),
                "{PANIC_TEST_ENV} is set: simulated panic in the loader thread"
            );
            let library = workers::load_in_background(&dirs, &paths, &tx);
            // The reader is usable now; the search index is built (or updated) behind it.
            search::index_in_background(&dirs, &paths, &library, &|e| {
                let _ = tx.send(Event::Index(e));
            });
        })?;
    Ok(())
}

/// A signal that would end the process ends the event loop instead, so the terminal is put
/// back on the way out (raw mode off, bidi mode and alternate screen left).
fn forward_signals(tx: mpsc::Sender<Event>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGQUIT])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = tx.send(Event::Signal(signal));
            }
        })?;
    Ok(())
}
