//! Logging, for finding out what qari did (the reader's side: the core only emits records): `QARI_LOG=debug` (or `error`, `warn`, `info`,
//! `trace`) appends to `qari.log` under the XDG state dir (`~/.local/state/qari/`).
//!
//! The `log` facade with a small logger of ours: qari's own records (`debug!` where the
//! catalog, the loader, the index, the watcher and the terminal decide something) and those of
//! the dependencies that use `log` (tantivy, html5ever, notify) go to one file. Never to the
//! screen: the reader owns the terminal, and a log line there would break the frame. Every
//! line goes through [`for_log`](qari_core::chars::sanitize::for_log) on its way out (article
//! titles and file names are untrusted: no escape sequence or direction override from an
//! archive reaches the log). `QARI_TRACE` prints the core's phase timings (`trace.rs`) on
//! stderr, for profiling.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use log::{LevelFilter, Log, Metadata, Record};

use qari_core::chars::sanitize::for_log;
use qari_core::trace::TARGET as TRACE_TARGET;

/// Where the log goes: `$QARI_STATE_DIR`, else the platform state dir.
pub fn log_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("QARI_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("qari.log"));
    }
    let dirs = directories::ProjectDirs::from("", "", "qari")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(dir.join("qari.log"))
}

/// Starts logging when `QARI_LOG` asks for it. Returns why it could not (an unknown level, an
/// unwritable file), for one line on stderr; logging is never a reason not to start.
pub fn init() -> Result<(), String> {
    let Some(level) = std::env::var("QARI_LOG").ok().filter(|l| !l.is_empty()) else {
        if trace_wanted() {
            // Phase timings only (`QARI_TRACE`, for profiling): to stderr, no file.
            let logger = Logger {
                file: None,
                trace: true,
                start: Instant::now(),
            };
            log::set_boxed_logger(Box::new(logger)).map_err(|e| format!("QARI_TRACE: {e}"))?;
            log::set_max_level(LevelFilter::Trace);
        }
        return Ok(());
    };
    let level = LevelFilter::from_str(&level).map_err(|_| {
        format!("QARI_LOG={level}: not a level; use error, warn, info, debug or trace")
    })?;
    let path = log_path().ok_or("QARI_LOG: no state directory for the log")?;
    let file =
        open(&path).map_err(|e| format!("QARI_LOG: cannot write {}: {e}", path.display()))?;
    log::set_boxed_logger(Box::new(Logger {
        file: Some((Mutex::new(file), level)),
        trace: trace_wanted(),
        start: Instant::now(),
    }))
    .map_err(|e| format!("QARI_LOG: {e}"))?;
    log::set_max_level(if trace_wanted() {
        LevelFilter::Trace
    } else {
        level
    });
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    log::info!(
        "qari {} started (pid {}, unix time {since_epoch})",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    );
    Ok(())
}

fn open(path: &std::path::Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    OpenOptions::new().create(true).append(true).open(path)
}

/// `QARI_TRACE` is set: the core's phase timings (`trace::Trace`) go to stderr.
fn trace_wanted() -> bool {
    std::env::var_os("QARI_TRACE").is_some()
}

/// The log file (with its level) and whether phase timings go to stderr.
struct Logger {
    file: Option<(Mutex<File>, LevelFilter)>,
    trace: bool,
    start: Instant,
}

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        (self.trace && metadata.target() == TRACE_TARGET)
            || self
                .file
                .as_ref()
                .is_some_and(|(_, level)| metadata.level() <= *level)
    }

    fn log(&self, record: &Record) {
        if self.trace && record.target() == TRACE_TARGET {
            eprintln!("qari trace: {}", record.args());
        }
        let Some((file, level)) = &self.file else {
            return;
        };
        if record.level() > *level {
            return;
        }
        let line = line(
            self.start.elapsed().as_secs_f64(),
            record.level(),
            record.target(),
            &record.args().to_string(),
        );
        // A log that cannot be written is not a reason to stop reading.
        if let Ok(mut file) = file.lock() {
            let _ = file.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Some((file, _)) = &self.file
            && let Ok(mut file) = file.lock()
        {
            let _ = file.flush();
        }
    }
}

/// A record as one sanitised line (a message over several lines keeps them, each cleaned).
fn line(secs: f64, level: log::Level, target: &str, message: &str) -> String {
    let body: Vec<String> = message.lines().map(for_log).collect();
    format!(
        "{secs:9.3} {level:<5} {}: {}\n",
        for_log(target),
        body.join("\n    ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_lose_escapes_and_overrides_but_keep_their_ends() {
        let got = line(
            1.5,
            log::Level::Debug,
            "qari::loader",
            "title=\"\u{1b}[2Jعنوان\u{202e}txt.exe\"\nnext",
        );
        assert_eq!(
            got,
            "    1.500 DEBUG qari::loader: title=\"عنوانtxt.exe\"\n    next\n"
        );
    }
}
