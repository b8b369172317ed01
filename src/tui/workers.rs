//! The reader's I/O beside the terminal, for the event loop (`tui`): the session file
//! (written while reading, at most once a second, said once when it cannot be), the live
//! archive (a `notify` watcher, debounced here because reads are not changes, and the rescan
//! that runs the catalog's freshness check), and starting the browser.

use std::io;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use notify::RecursiveMode;

use super::event::Event;
use crate::action::{Action, Note};
use crate::app::App;
use qari_core::library::session;
use qari_core::library::{Dirs, Library};

/// Writes the session when it changed, at most once a second while the reader runs (and at
/// the end), so that even a `kill -9` loses at most the last second. A write that fails (a
/// read-only or full disk) is said once; the reader then keeps the session in memory.
pub(crate) struct SessionSaver {
    path: Option<PathBuf>,
    key: String,
    saved: Option<session::Session>,
    last_write: Option<Instant>,
    dirty: bool,
}

/// The shortest time between two session writes.
const SESSION_EVERY: Duration = Duration::from_secs(1);

impl SessionSaver {
    pub(crate) fn new(path: Option<PathBuf>, key: String) -> SessionSaver {
        SessionSaver {
            path,
            key,
            saved: None,
            last_write: None,
            dirty: false,
        }
    }

    /// When a pending change should be written.
    pub(crate) fn due(&self) -> Option<Duration> {
        if !self.dirty {
            return None;
        }
        Some(self.last_write.map_or(Duration::ZERO, |t| {
            SESSION_EVERY.saturating_sub(t.elapsed())
        }))
    }

    /// Saves the session if it changed and a write is due (`now`: at the end, whatever the
    /// time).
    pub(crate) fn changed(&mut self, app: &mut App, now: bool) {
        if app.is_loading() || self.path.is_none() {
            return;
        }
        let current = app.session();
        if self.saved.as_ref() == Some(&current) {
            self.dirty = false;
            return;
        }
        if self.saved.is_none() {
            // The first look: what was restored (or started with) needs no write.
            self.saved = Some(current);
            return;
        }
        self.dirty = true;
        let waited = self.last_write.is_none_or(|t| t.elapsed() >= SESSION_EVERY);
        if !(now || waited) {
            return;
        }
        let Some(path) = self.path.clone() else {
            return;
        };
        match session::save(&path, &self.key, &current) {
            Ok(()) => {
                self.saved = Some(current);
                self.last_write = Some(Instant::now());
                self.dirty = false;
            }
            Err(e) => {
                app.update(Action::Note(Note::SessionNotSaved(e.to_string())));
                self.path = None;
                self.dirty = false;
            }
        }
    }
}

/// The freshness check and, when files were added, changed or removed, the fresher library
/// and its index update.
pub(crate) fn rescan(dirs: &Dirs, paths: &[PathBuf], tx: &mpsc::Sender<Event>, by_hand: bool) {
    let catalog = dirs.catalog(paths);
    log::debug!("rescan ({})", if by_hand { "asked for" } else { "watcher" });
    if let Some(c) = catalog.as_deref()
        && Library::fresh(paths, c).is_some()
    {
        if by_hand {
            let _ = tx.send(Event::App(Action::Note(Note::NoChanges)));
        }
        let _ = tx.send(Event::Unchanged);
        return;
    }
    let opened = Library::load_with(paths, catalog.as_deref(), &mut |_| {});
    for note in &opened.notes {
        let _ = tx.send(Event::App(Action::Note(Note::Catalog(note.clone()))));
    }
    let library = Arc::new(opened.library);
    let _ = tx.send(Event::Refreshed(Arc::clone(&library), opened.errors));
    super::search::index_in_background(dirs, paths, &library, &|e| {
        let _ = tx.send(Event::Index(e));
    });
}

/// How long the archive must be quiet before a burst of file changes is acted on.
const WATCH_DEBOUNCE: Duration = Duration::from_millis(400);

/// Watches the archive's folders and files; a burst of changes becomes one
/// `Event::Changed` once the archive has been quiet for [`WATCH_DEBOUNCE`]. Reading a file
/// (qari opening a story's body) is not a change. `None` (no live updates; `R` still works)
/// when there is nothing to watch or the platform refuses.
pub(crate) fn watch(
    paths: &[PathBuf],
    tx: &mpsc::Sender<Event>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    if paths.is_empty() {
        return None;
    }
    let (raw_tx, raw_rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = raw_tx.send(());
        }
    })
    .ok()?;
    let mut watching = false;
    for path in paths {
        watching |= watcher.watch(path, RecursiveMode::Recursive).is_ok();
    }
    if !watching {
        return None;
    }
    let tx = tx.clone();
    thread::Builder::new()
        .name("watch".into())
        .spawn(move || {
            // Ends when the watcher (and with it the sender) is dropped.
            while raw_rx.recv().is_ok() {
                while raw_rx.recv_timeout(WATCH_DEBOUNCE).is_ok() {}
                log::debug!("watcher: the archive changed");
                if tx.send(Event::Changed).is_err() {
                    break;
                }
            }
        })
        .ok()?;
    Some(watcher)
}

/// Loads the archive for the reader on the loader thread: the catalog's stories first (at
/// once, when there is one), then the freshness check, whose result replaces them in place
/// when files were added, changed or removed; without a catalog, the archive is read with
/// progress in the status bar; the archive's watcher is started between the two. Returns the
/// library the index is then built for.
pub(crate) fn load_in_background(
    dirs: &Dirs,
    paths: &[PathBuf],
    tx: &mpsc::Sender<Event>,
) -> Arc<Library> {
    if paths.is_empty() {
        let (library, errors) = Library::sample();
        let library = Arc::new(library);
        let _ = tx.send(Event::Loaded(Arc::clone(&library), errors));
        return library;
    }
    let catalog = dirs.catalog(paths);
    let first = catalog
        .as_deref()
        .and_then(|c| Library::from_catalog(paths, c));
    let shown = first.map(|opened| {
        let library = Arc::new(opened.library);
        let _ = tx.send(Event::Loaded(Arc::clone(&library), opened.errors));
        library
    });
    // The watcher starts once the catalog's stories are on their way to the screen, not
    // before: adding its watches looks at every file of the archive (measured: a quarter of
    // the CPU during a 100,000-story start), which would delay them. It starts before the
    // freshness check, so a change is either seen by the check or reported by the watcher.
    if let Some(watcher) = watch(paths, tx) {
        let _ = tx.send(Event::Watching(watcher));
    }
    if let Some(shown) = &shown
        && shown.unchanged_on_disk(paths)
    {
        return Arc::clone(shown);
    }
    let opened = Library::load_with(paths, catalog.as_deref(), &mut |p| {
        let _ = tx.send(Event::App(Action::LoadProgress {
            done: p.done,
            total: p.total,
        }));
    });
    for note in &opened.notes {
        let _ = tx.send(Event::App(Action::Note(Note::Catalog(note.clone()))));
    }
    let library = Arc::new(opened.library);
    let event = if shown.is_some() {
        Event::Refreshed(Arc::clone(&library), opened.errors)
    } else {
        Event::Loaded(Arc::clone(&library), opened.errors)
    };
    let _ = tx.send(event);
    library
}

/// Opens a URL with `$BROWSER` (first entry; `%s` replaced, else the URL appended) or the
/// system opener, as a direct child process: never through a shell, so nothing in the URL is
/// interpreted. The app only hands over `http(s)` URLs.
pub(crate) fn open_url(url: &str) -> io::Result<()> {
    let browser = std::env::var("BROWSER").unwrap_or_default();
    let entry = browser.split(':').find(|s| !s.trim().is_empty());
    let (program, mut args): (String, Vec<String>) = match entry {
        Some(entry) => {
            let mut words = entry.split_whitespace().map(str::to_string);
            let program = words.next().unwrap_or_default();
            (program, words.collect())
        }
        None if cfg!(target_os = "macos") => ("open".into(), Vec::new()),
        None => ("xdg-open".into(), Vec::new()),
    };
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap the child when it exits so it does not linger as a zombie.
    thread::spawn(move || child.wait());
    Ok(())
}

/// The saved read/star marks, and the note to show when they could not be read.
pub(crate) fn load_marks(
    path: Option<&std::path::Path>,
) -> (qari_core::library::state::Marks, Option<Note>) {
    match path.map(qari_core::library::state::load) {
        Some(Ok(marks)) => (marks, None),
        Some(Err(e)) => (
            qari_core::library::state::Marks::default(),
            Some(Note::MarksNotLoaded(e.to_string())),
        ),
        None => (qari_core::library::state::Marks::default(), None),
    }
}
