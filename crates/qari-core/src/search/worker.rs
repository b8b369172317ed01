//! Building or updating the index off the main thread, so the reader never waits for it.
//!
//! The app's main thread owns `App` and blocks on one channel; this worker reports into that
//! channel through the `send` callback the caller gives it (progress, then the ready index, or
//! a failure). The index is handed over as an `Arc`: once built it is only read (queries and
//! the similar-stories cache are `&self`).

use std::sync::Arc;
use std::thread::{self, JoinHandle};

use super::{Location, Progress, SearchError, SearchIndex, UpdateStats};
use crate::library::Library;

/// What the indexing worker reports.
#[derive(Debug)]
pub enum IndexEvent {
    /// Stories indexed so far out of those that need it.
    Progress(Progress),
    /// The index is up to date. `cache_error`: why it lives in memory only, if it does.
    Ready {
        index: Arc<SearchIndex>,
        stats: UpdateStats,
        cache_error: Option<SearchError>,
    },
    /// Indexing failed; search stays unavailable.
    Failed(SearchError),
}

/// Indexes `library` on the calling thread (a background thread of the caller's), reporting
/// through `send`; see [`spawn`].
pub fn run(location: Option<&Location>, library: &Library, send: &dyn Fn(IndexEvent)) {
    let result = SearchIndex::open_or_memory(location, library, &mut |p| {
        send(IndexEvent::Progress(p));
    });
    match &result {
        Ok((index, _, None)) => log::debug!("search index ready: {} stories", index.len()),
        Ok((_, _, Some(err))) => log::warn!("search index kept in memory only: {err}"),
        Err(err) => log::warn!("search index failed: {err}"),
    }
    send(match result {
        Ok((index, stats, cache_error)) => IndexEvent::Ready {
            index: Arc::new(index),
            stats,
            cache_error,
        },
        Err(err) => IndexEvent::Failed(err),
    });
}

/// Starts indexing `library` on a thread of its own, at `location` (usually
/// `Location::for_archive(paths)`; `None`: in memory). Progress is reported at most every 256
/// stories.
pub fn spawn<F>(
    location: Option<Location>,
    library: Arc<Library>,
    send: F,
) -> std::io::Result<JoinHandle<()>>
where
    F: Fn(IndexEvent) + Send + 'static,
{
    thread::Builder::new()
        .name("qari-index".to_owned())
        .spawn(move || run(location.as_ref(), &library, &send))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::search::testing::story;

    #[test]
    fn reports_progress_then_a_ready_index() {
        let library = Arc::new(Library::from_stories(vec![
            story(1, "a.txt", "أمطار", "هطلت أمطار غزيرة"),
            story(2, "b.txt", "رياح", "هبت رياح قوية"),
        ]));
        let (tx, rx) = mpsc::channel();
        let cache = tempfile::tempdir().expect("temp dir");
        let location = Location {
            dir: cache.path().join("index"),
            on_disk: false,
        };
        let handle = spawn(Some(location), library, move |e| {
            let _ = tx.send(e);
        })
        .expect("thread starts");
        handle.join().expect("worker finishes");
        let events: Vec<IndexEvent> = rx.try_iter().collect();
        assert!(matches!(events.first(), Some(IndexEvent::Progress(_))));
        match events.last() {
            Some(IndexEvent::Ready {
                index, cache_error, ..
            }) => {
                assert!(cache_error.is_none(), "{cache_error:?}");
                let hits = index.search("امطار", 5).expect("search");
                assert_eq!(hits.len(), 1);
            }
            other => panic!("expected Ready, got {other:?}"),
        }
    }
}
