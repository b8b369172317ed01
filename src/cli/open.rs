//! Opening the archive for a subcommand: through its persisted catalog (under the cache dir),
//! with progress on a terminal while a first run parses the files, and one stderr line for
//! each file that failed and each thing worth knowing about the catalog. The one place the
//! subcommands print load problems.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Nothing;
use qari_core::bidi::sanitize::for_log;
use qari_core::library::open::{CatalogNote, PendingSave};
use qari_core::library::{Dirs, Library, LoadError, Opened};
use qari_core::model::StoryId;

/// Below this many files to parse, no progress bar: it would only flash.
const PROGRESS_FROM: usize = 500;

/// Opens `paths` (the bundled sample when empty) through the catalog, reporting on stderr.
pub fn open(paths: &[PathBuf]) -> Library {
    let (library, save) = open_deferred(paths);
    if let Some(save) = save {
        note(save.run(&library).as_ref());
    }
    library
}

/// [`open`], leaving the catalog write (when the archive changed) to the caller, to run
/// beside printing: see [`Library::load_deferred`]. Give [`note`] what the save returns.
pub fn open_deferred(paths: &[PathBuf]) -> (Library, Option<PendingSave>) {
    let (opened, save) = open_quiet_deferred(paths, io::stderr().is_terminal());
    report(&opened.errors);
    report_skipped(opened.skipped);
    for n in &opened.notes {
        note(Some(n));
    }
    (opened.library, save)
}

/// One stderr line for a note about the catalog (rebuilt, not saved).
pub fn note(note: Option<&CatalogNote>) {
    if let Some(note) = note {
        eprintln!("qari: {}", for_log(&note.to_string()));
    }
}

/// [`open`] without printing the load errors; `progress`: draw a progress bar on stderr
/// while files are parsed.
pub fn open_quiet(paths: &[PathBuf], progress: bool) -> Opened {
    let (mut opened, save) = open_quiet_deferred(paths, progress);
    if let Some(save) = save {
        opened.notes.extend(save.run(&opened.library));
    }
    opened
}

/// [`open_quiet`] with the catalog write left to the caller.
fn open_quiet_deferred(paths: &[PathBuf], progress: bool) -> (Opened, Option<PendingSave>) {
    if paths.is_empty() {
        let (library, errors) = Library::sample();
        let opened = Opened {
            library,
            errors,
            ..Opened::default()
        };
        return (opened, None);
    }
    let catalog = dirs().catalog(paths);
    let bar = progress.then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "qari: reading the archive {bar:30} {pos}/{len} files, {per_sec}, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut shown = false;
    let opened = Library::load_deferred(paths, catalog.as_deref(), &mut |p| {
        if let Some(bar) = &bar
            && p.total >= PROGRESS_FROM
        {
            if !shown {
                bar.set_length(p.total as u64);
                bar.enable_steady_tick(Duration::from_millis(200));
                shown = true;
            }
            bar.set_position(p.done as u64);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    opened
}

/// One stderr line for the files inside the folders that are not articles (images, PDFs,
/// archives …), when there are any.
pub fn report_skipped(skipped: usize) {
    match skipped {
        0 => {}
        1 => eprintln!("qari: 1 file skipped: not an article"),
        n => eprintln!("qari: {n} files skipped: not articles"),
    }
}

/// One stderr line per file that failed, cleaned of control and direction characters.
pub fn report(errors: &[LoadError]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for e in errors {
        // Best effort: a closed stderr must not stop the listing.
        let _ = writeln!(err, "qari: {}", for_log(&e.to_string()));
    }
}

/// The answer when an archive holds no story: status 1, naming where qari looked.
pub fn nothing_loaded(paths: &[PathBuf]) -> super::Nothing {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    super::Nothing(format!(
        "no stories in {} (qari list --errors lists the files that failed)",
        shown.join(", ")
    ))
}

/// qari's own directories, from the environment: `$QARI_CACHE_DIR` (else the platform cache
/// dir, `~/.cache/qari` on Linux) for catalogs and indexes, `$QARI_DATA_DIR` (else the
/// platform data dir) for the marks and the session. The one place that reads them: the core
/// is handed the result.
pub fn dirs() -> Dirs {
    let platform = directories::ProjectDirs::from("", "", "qari");
    let from_env = |var: &str| {
        std::env::var_os(var)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
    };
    Dirs {
        cache: from_env("QARI_CACHE_DIR")
            .or_else(|| platform.as_ref().map(|d| d.cache_dir().to_path_buf())),
        data: from_env("QARI_DATA_DIR")
            .or_else(|| platform.as_ref().map(|d| d.data_dir().to_path_buf())),
    }
}

/// The reader's read/star marks, for the subcommands that print or filter by them (none when
/// there is no data dir or the file cannot be read: the listing goes on without them), with
/// the read and starred state the library's exports were saved with as the first state of
/// their stories (not written: only the reader saves marks).
pub fn marks(library: &Library) -> qari_core::library::state::Marks {
    let mut marks: qari_core::library::state::Marks = dirs()
        .marks()
        .and_then(|p| qari_core::library::state::load(&p).ok())
        .unwrap_or_default();
    marks.seed(library.stories());
    marks
}

/// A full id, or an unambiguous prefix of one (as people copy them from `qari list`).
pub(super) fn resolve_id(
    library: &Library,
    text: &str,
) -> Result<StoryId, Box<dyn std::error::Error>> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(id) = text.parse::<StoryId>() {
        return Ok(id);
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("bad story id {text:?}: expected hex digits").into());
    }
    let mut matches = library
        .stories()
        .iter()
        .map(|s| s.id)
        .filter(|id| id.to_string().starts_with(&text));
    match (matches.next(), matches.next()) {
        (Some(id), None) => Ok(id),
        (None, _) => Err(Nothing(format!("no story with id {text}")).into()),
        (Some(_), Some(_)) => Err(format!("id prefix {text} matches several stories").into()),
    }
}

/// Where the fetcher keeps and writes things: the subscriptions (`feeds.toml` beside the
/// config file in use), its state (`fetch` under `$QARI_STATE_DIR`, else the platform state
/// dir) and its archive folder (`fetch_into`, else `fetched` under the data dir).
pub fn places(
    config_file: Option<&std::path::Path>,
    config: &super::config::Config,
) -> qari_fetch::Places {
    let platform = directories::ProjectDirs::from("", "", "qari");
    let config_dir = config_file
        .and_then(std::path::Path::parent)
        .map(std::path::Path::to_path_buf)
        .or_else(|| {
            super::config::default_path()?
                .parent()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let state = std::env::var_os("QARI_STATE_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            platform.as_ref().map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .to_path_buf()
            })
        })
        .unwrap_or_else(|| PathBuf::from(".qari-state"));
    let into = config
        .fetch_into
        .as_deref()
        .map(super::expand_home)
        .or_else(|| dirs().data.map(|d| d.join("fetched")))
        .unwrap_or_else(|| PathBuf::from("qari-fetched"));
    qari_fetch::Places {
        subscriptions: config_dir.join("feeds.toml"),
        state: state.join("fetch"),
        into,
    }
}
