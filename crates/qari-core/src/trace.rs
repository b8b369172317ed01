//! Phase timings, for profiling a run: how long each phase of opening an archive or running a
//! query took, and the peak memory so far. The core only emits them, as `trace`-level
//! records of the target [`TARGET`]; the front-end decides where they go (`QARI_TRACE=1`
//! prints them on stderr). When nobody listens, a [`Trace`] costs one check at its start.

use std::cell::Cell;
use std::time::Instant;

/// The log target of phase timings.
pub const TARGET: &str = "qari::trace";

/// A clock over the phases of one piece of work.
pub struct Trace(Option<Cell<Instant>>);

impl Trace {
    /// Starts the clock (when someone listens).
    #[must_use]
    pub fn start() -> Trace {
        Trace(
            log::log_enabled!(target: TARGET, log::Level::Trace).then(|| Cell::new(Instant::now())),
        )
    }

    /// Says how long since the last mark, as `what`.
    pub fn mark(&self, what: &str) {
        if let Some(at) = &self.0 {
            let now = Instant::now();
            // resident memory so far (Linux), to see which phase makes the peak
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
                })
                .unwrap_or_default();
            log::trace!(
                target: TARGET,
                "{what}: {:.1} ms (peak {rss})",
                (now - at.get()).as_secs_f64() * 1e3
            );
            at.set(now);
        }
    }
}
