//! The interactive reader: the event loop, and the effects the app asks for.
//!
//! One owner: this thread owns the `App` and blocks on one channel fed by an input thread
//! (terminal events) and by background workers (loading the archive). It redraws after each
//! batch of events, never on a timer.
//!
//! The terminal's lifetime (raw mode, the bidi switch, the alternate screen, restoring on
//! exit, `Ctrl-z`, a panic or a signal) and the detection of what kind of terminal this is
//! live in [`super::terminal`]. SIGTERM, SIGHUP and SIGQUIT end the event loop like `q` (exit
//! status 128 + the signal), so a closed terminal window or a `kill` also restores it.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Instant;

use crossterm::event::{
    self, Event as TermEvent, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Effect};

use crate::input::{Key, KeyCode};

use crate::action::Action;
use crate::bidi::sanitize::for_log;
use crate::library::session;
use crate::library::state;
use crate::library::{Library, LoadError};
use crate::model::StoryId;
use crate::search::worker::IndexEvent;
use crate::ui;

use super::reader_io::{SessionSaver, open_url, rescan};

use super::terminal::rows::Rows;
use super::terminal::{self, detect::Mode};
use super::{CliResult, DisplayArgs};

/// Set (to anything) to make the loader thread panic: a test hook for the panic path.
pub const PANIC_TEST_ENV: &str = "QARI_TEST_PANIC";

/// What reaches the owner thread.
pub(super) enum Event {
    Input(TermEvent),
    InputFailed(String),
    Loaded(Arc<Library>, Vec<LoadError>),
    /// The archive as the freshness check found it, replacing the catalog's copy in place.
    Refreshed(Arc<Library>, Vec<LoadError>),
    /// Files parsed of those to parse, while a first run reads the archive.
    Progress(usize, usize),
    /// A story's body, read for `Effect::LoadBody`.
    Body(StoryId, Result<Arc<Vec<String>>, String>),
    /// Notes about the catalog (rebuilt, not saved), for the status bar.
    Note(String),
    /// The search index worker (running on the loader thread after loading).
    Index(IndexEvent),
    /// SIGTERM, SIGHUP or SIGQUIT: leave as after `q`, restoring the terminal.
    Signal(i32),
    /// Files of the archive changed (the watcher, debounced).
    Changed,
    /// The archive's watcher, started by the loader.
    Watching(notify::RecommendedWatcher),
    /// A rescan found nothing changed.
    Unchanged,
}

pub fn run(
    paths: &[PathBuf],
    display: &DisplayArgs,
    config: &super::config::Config,
    restore: bool,
) -> CliResult {
    let state_path = state::default_path();
    let (marks, marks_note) = super::reader_io::load_marks(state_path.as_deref());
    let archive_key = crate::library::archive::Archive::new(paths).key();
    let session_path = session::default_path();
    let mut pending_session = session_path
        .as_deref()
        .filter(|_| restore)
        .and_then(|p| session::load(p, &archive_key));
    let (tx, rx) = mpsc::channel::<Event>();
    let (decision, adapt, guard) = terminal::take(display.bidi)?;
    let mode = decision.mode;
    spawn_loader(paths.to_vec(), tx.clone())?;
    forward_signals(tx.clone())?;
    // The archive's watcher, from the loader once the catalog's stories are shown; kept for
    // the whole run (dropping it stops the watching).
    let mut _watcher = None;
    let mut terminal = screen(mode)?;
    spawn_input(tx.clone())?;

    let mut app = App::loading(marks, super::plain::layout_options(display, mode));
    let theme = super::configure(&mut app, config, display)?;
    app.message = marks_note;
    let size = terminal.size()?;
    app.update(Action::Resize {
        cols: size.width,
        rows: size.height,
    });
    let mut owner = Owner {
        state_path,
        paths: paths.to_vec(),
        tx,
        rescanning: false,
        report_rescan: false,
        marks_failed: false,
        mode,
        own_switch: decision.switch,
    };
    let mut saver = SessionSaver::new(session_path, archive_key);
    let mut search = super::search::Driver::default();
    let mut exit = ExitCode::SUCCESS;
    let mut clock = Instant::now();
    'events: loop {
        draw(
            &mut terminal,
            &ui::View {
                app: &app,
                theme: &theme,
            },
            &adapt,
        )?;
        // Asleep until the next event, or until the dwell time marks the story read, or the
        // session is due to be saved.
        let wait = [app.dwell_remaining(), saver.due()]
            .into_iter()
            .flatten()
            .min();
        let first = match wait {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(event) => Some(event),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => Some(rx.recv()?),
        };
        // The time that passed counts for the story that was on screen during it.
        let now = Instant::now();
        let ms = u32::try_from(now.duration_since(clock).as_millis()).unwrap_or(u32::MAX);
        clock = now;
        let elapsed = app.update(Action::Elapsed { ms });
        if owner.carry_out(&mut app, elapsed, &mut terminal)? {
            break;
        }
        // Handle everything already queued before drawing again.
        for event in first.into_iter().chain(rx.try_iter()) {
            let effect = match event {
                Event::Input(ev) => input(&mut app, &ev),
                Event::InputFailed(e) => return Err(format!("terminal input failed: {e}").into()),
                Event::Loaded(library, errors) => {
                    app.set_library(library, &errors);
                    if let Some(session) = pending_session.take() {
                        app.restore(&session);
                    }
                    Effect::None
                }
                Event::Index(e) => search.index_event(&mut app, e),
                Event::Watching(watcher) => {
                    _watcher = Some(watcher);
                    Effect::None
                }
                Event::Signal(signal) => {
                    // The shell's convention for "ended by signal N".
                    exit = ExitCode::from(u8::try_from(128 + signal).unwrap_or(1));
                    Effect::Quit
                }
                other => owner.background(&mut app, other),
            };
            let effect = search.resolve(&mut app, effect);
            for effect in std::iter::once(effect).chain(app.take_effects()) {
                if owner.carry_out(&mut app, effect, &mut terminal)? {
                    break 'events;
                }
            }
        }
        search.similar(&mut app);
        saver.changed(&mut app, false);
    }
    saver.changed(&mut app, true);
    let errors = app.errors.clone();
    drop(terminal);
    drop(guard);
    for error in &errors {
        eprintln!("qari: {}", for_log(&error.to_string()));
    }
    Ok(exit)
}

/// The screen qari draws on: whole rows in terminal mode (`terminal::rows`).
type Screen = Terminal<Rows<CrosstermBackend<io::Stdout>>>;

fn screen(mode: Mode) -> io::Result<Screen> {
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
            let event = match event::read() {
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

/// What the event loop needs to carry out the app's effects.
struct Owner {
    state_path: Option<PathBuf>,
    paths: Vec<PathBuf>,
    tx: mpsc::Sender<Event>,
    /// A rescan is running: further changes wait for it (its result includes them, or the
    /// watcher reports them again).
    rescanning: bool,
    /// `R` was pressed while a rescan ran: say what it found.
    report_rescan: bool,
    /// Saving the marks failed once (said once; they are kept in memory).
    marks_failed: bool,
    mode: Mode,
    own_switch: Option<terminal::detect::Switch>,
}

/// The loader thread: the archive, then its search index behind it.
fn spawn_loader(paths: Vec<PathBuf>, tx: mpsc::Sender<Event>) -> io::Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            // Lets the end-to-end test check that a panic on a worker thread restores the
            // terminal and ends the process.
            assert!(
                std::env::var_os(PANIC_TEST_ENV).is_none(),
                "{PANIC_TEST_ENV} is set: simulated panic in the loader thread"
            );
            let library = super::reader_io::load_in_background(&paths, &tx);
            // The reader is usable now; the search index is built (or updated) behind it.
            super::search::index_in_background(&paths, &library, &|e| {
                let _ = tx.send(Event::Index(e));
            });
        })?;
    Ok(())
}

impl Owner {
    /// Carries out one effect of the app; `true` to quit.
    fn carry_out(
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
                    app.message = Some(format!("could not open the browser: {e}"));
                }
            }
            Effect::SaveMarks => self.save_marks(app),
            Effect::LoadBody(id) => {
                // Off the UI thread: a slow disk shows "loading…", never a frozen screen.
                let library = app.library_arc();
                let tx = self.tx.clone();
                let spawned = thread::Builder::new().name("body".into()).spawn(move || {
                    let _ = tx.send(Event::Body(id, library.read_body(id)));
                });
                if let Err(e) = spawned {
                    app.body_loaded(id, Err(format!("cannot read: {e}")));
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
                app.update(Action::Resize {
                    cols: size.width,
                    rows: size.height,
                });
            }
            Effect::Rescan => {
                let effect = self.rescan(app, true);
                return self.carry_out(app, effect, terminal);
            }
        }
        Ok(false)
    }

    /// What the background workers report.
    fn background(&mut self, app: &mut App, event: Event) -> Effect {
        match event {
            Event::Refreshed(library, errors) => {
                self.rescanning = false;
                self.report_rescan = false;
                app.replace_library(library, &errors);
            }
            Event::Changed => return self.rescan(app, false),
            Event::Unchanged => {
                self.rescanning = false;
                if std::mem::take(&mut self.report_rescan) {
                    app.message = Some("No changes in the archive".into());
                }
            }
            Event::Progress(done, total) => app.load_progress = Some((done, total)),
            Event::Body(id, body) => app.body_loaded(id, body),
            Event::Note(note) => app.message = Some(note),
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
        match state::save_merged(path, &app.saved_marks, &app.marks) {
            // Marks another qari saved meanwhile show here too.
            Ok(merged) => {
                app.marks = merged.clone();
                app.saved_marks = merged;
                self.marks_failed = false;
            }
            Err(e) if !self.marks_failed => {
                self.marks_failed = true;
                app.message = Some(format!(
                    "could not save read/star state ({e}): kept in memory this time"
                ));
            }
            Err(_) => {}
        }
    }

    /// Checks the archive for changes on a thread of its own (`R`, or the watcher saw
    /// something); a fresher library arrives as `Event::Refreshed`.
    fn rescan(&mut self, app: &mut App, by_hand: bool) -> Effect {
        if self.paths.is_empty() {
            if by_hand {
                app.message = Some("The bundled sample does not change".into());
            }
            return Effect::None;
        }
        if self.rescanning || app.loading {
            // The running check answers this one too.
            self.report_rescan |= by_hand;
            return Effect::None;
        }
        self.rescanning = true;
        let paths = self.paths.clone();
        let tx = self.tx.clone();
        let spawned = thread::Builder::new().name("rescan".into()).spawn(move || {
            rescan(&paths, &tx, by_hand);
        });
        if let Err(e) = spawned {
            self.rescanning = false;
            app.message = Some(format!("cannot rescan: {e}"));
        }
        Effect::None
    }
}

/// `y`: the text goes to the terminal's clipboard through OSC 52 (which works over SSH), or,
/// where the terminal is known not to take it, is shown so it can be copied by hand.
fn copy(app: &mut App, text: &str) {
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(term.as_str(), "linux" | "dumb" | "") {
        app.message = Some(format!(
            "This terminal cannot take a copy (no OSC 52); the URL: {text}"
        ));
        return;
    }
    let sent = execute!(
        io::stdout(),
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    );
    if let Err(e) = sent {
        app.message = Some(format!("could not copy: {e}"));
    }
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

/// Turns a terminal event into an action and applies it.
fn input(app: &mut App, event: &TermEvent) -> Effect {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => match convert_key(key) {
            Some(key) => app.key(key),
            None => Effect::None,
        },
        TermEvent::Mouse(mouse) => {
            let (col, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => app.update(Action::Click { col, row }),
                MouseEventKind::ScrollDown => app.update(Action::Wheel {
                    col,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => app.update(Action::Wheel {
                    col,
                    row,
                    down: false,
                }),
                _ => Effect::None,
            }
        }
        TermEvent::Resize(cols, rows) => app.update(Action::Resize {
            cols: *cols,
            rows: *rows,
        }),
        _ => Effect::None,
    }
}

/// The terminal's key event in the app's vocabulary.
fn convert_key(key: &KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as K;
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let code = match key.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Tab if shift => KeyCode::BackTab,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Backspace => KeyCode::Backspace,
        K::Esc => KeyCode::Esc,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn ev(code: crossterm::event::KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn terminal_keys_convert() {
        use crossterm::event::KeyCode as K;
        let ctrl_d = convert_key(&ev(K::Char('d'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(ctrl_d.to_string(), "<C-d>");
        let alt_left = convert_key(&ev(K::Left, KeyModifiers::ALT)).unwrap();
        assert_eq!(alt_left.to_string(), "<A-Left>");
        let shift_tab = convert_key(&ev(K::Tab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(shift_tab.to_string(), "<S-Tab>");
        let big_g = convert_key(&ev(K::Char('G'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(big_g.to_string(), "G");
        assert_eq!(convert_key(&ev(K::F(1), KeyModifiers::NONE)), None);
    }
}
