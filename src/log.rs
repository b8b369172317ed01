//! Logging, for finding out what qari did: `QARI_LOG=debug` (or `error`, `warn`, `info`,
//! `trace`) appends to `qari.log` under the XDG state dir (`~/.local/state/qari/`).
//!
//! Never to the screen: the reader owns the terminal, and a log line there would break the
//! frame. Messages go through [`for_log`](crate::chars::sanitize::for_log) on their way out
//! (article titles and file names are untrusted: no escape sequence or direction override
//! from an archive reaches the log).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;

use tracing_subscriber::filter::LevelFilter;

use crate::chars::sanitize::for_log;

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
        return Ok(());
    };
    let level = LevelFilter::from_str(&level).map_err(|_| {
        format!("QARI_LOG={level}: not a level; use error, warn, info, debug or trace")
    })?;
    let path = log_path().ok_or("QARI_LOG: no state directory for the log")?;
    let file =
        open(&path).map_err(|e| format!("QARI_LOG: cannot write {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_ansi(false)
        .with_writer(Mutex::new(Sanitized(file)))
        .try_init()
        .map_err(|e| format!("QARI_LOG: {e}"))
}

fn open(path: &std::path::Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    OpenOptions::new().create(true).append(true).open(path)
}

/// A log file that strips controls and direction formatting from each line it is given.
struct Sanitized(File);

impl Write for Sanitized {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut clean = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n');
            clean.push_str(&for_log(body.unwrap_or(line)));
            if body.is_some() {
                clean.push('\n');
            }
        }
        self.0.write_all(clean.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Phase timings on stderr when `QARI_TRACE` is set (for `benches/scale.sh` and profiling).
pub struct Trace(Option<std::cell::Cell<std::time::Instant>>);

impl Trace {
    /// Starts the clock (when `QARI_TRACE` is set).
    #[must_use]
    pub fn start() -> Trace {
        Trace(
            std::env::var_os("QARI_TRACE").map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    /// Prints how long since the last mark, as `what`.
    pub fn mark(&self, what: &str) {
        if let Some(at) = &self.0 {
            let now = std::time::Instant::now();
            // resident memory so far (Linux), to see which phase makes the peak
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
                })
                .unwrap_or_default();
            eprintln!(
                "qari trace: {what}: {:.1} ms (peak {rss})",
                (now - at.get()).as_secs_f64() * 1e3
            );
            at.set(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_lose_escapes_and_overrides_but_keep_their_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("qari.log");
        let mut w = Sanitized(open(&path).expect("open"));
        w.write_all("title=\"\u{1b}[2Jعنوان\u{202e}txt.exe\"\nnext\n".as_bytes())
            .expect("write");
        let got = fs::read_to_string(&path).expect("read");
        assert_eq!(got, "title=\"عنوانtxt.exe\"\nnext\n");
    }
}
