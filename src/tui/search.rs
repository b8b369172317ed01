//! The owner's side of search in the reader (the event loop and `qari screen`): it holds the
//! index once built, runs the queries the app asks for (`Effect::Search`) and supplies the
//! open story's similar stories. The app itself never touches the index: what the driver
//! learns reaches it as an [`Action`], like a key.

use std::path::PathBuf;
use std::sync::Arc;

use crate::action::{Action, Note};
use crate::app::search::SIMILAR_IN_PANEL;
use crate::app::{App, Effect};
use qari_core::bidi::sanitize::for_log;
use qari_core::library::{Dirs, Library};
use qari_core::search::worker::{self, IndexEvent};
use qari_core::search::{Location, SearchIndex};

/// The index and the query waiting for it.
#[derive(Default)]
pub struct Driver {
    index: Option<Arc<SearchIndex>>,
    /// A query asked for before the index was ready; it runs when the index arrives.
    pending: Option<String>,
}

impl Driver {
    /// Opens (or builds) the index of the archive at `paths` on this thread: for `qari screen`,
    /// whose output must not depend on timing.
    pub fn open_now(dirs: &Dirs, paths: &[PathBuf], app: &mut App) -> Driver {
        let location = Location::for_archive(dirs, paths);
        let (index, action) =
            match SearchIndex::open_or_memory(location.as_ref(), app.library(), &mut |_| {}) {
                Ok((index, ..)) => (Some(Arc::new(index)), Action::IndexReady),
                Err(err) => (None, Action::IndexFailed(for_log(&err.to_string()))),
            };
        app.update(action);
        let driver = Driver {
            index,
            pending: None,
        };
        driver.similar(app);
        driver
    }

    /// Turns `Effect::Search` into the effect of showing its hits (or keeps the query until
    /// the index is ready); other effects pass through.
    pub fn resolve(&mut self, app: &mut App, effect: Effect) -> Effect {
        let Effect::Search(query) = effect else {
            return effect;
        };
        let Some(index) = &self.index else {
            self.pending = Some(query);
            return app.update(Action::Note(Note::StillIndexing));
        };
        // Every hit: the list shows them all and the count is the true one.
        let all = usize::try_from(index.len()).unwrap_or(usize::MAX).max(1);
        match index.search_ids(&query, all) {
            Ok(hits) => app.update(Action::Hits { query, hits }),
            Err(err) => app.update(Action::Note(Note::SearchFailed(for_log(&err.to_string())))),
        }
    }

    /// Progress, the finished index, or a failure from the indexing worker.
    pub fn index_event(&mut self, app: &mut App, event: IndexEvent) -> Effect {
        match event {
            IndexEvent::Progress(p) => app.update(Action::IndexProgress {
                done: p.done,
                total: p.total,
            }),
            IndexEvent::Ready {
                index, cache_error, ..
            } => {
                self.index = Some(index);
                app.update(Action::IndexReady);
                if let Some(err) = cache_error {
                    app.update(Action::Note(Note::IndexInMemory(for_log(&err.to_string()))));
                }
                self.similar(app);
                match self.pending.take() {
                    Some(query) => self.resolve(app, Effect::Search(query)),
                    None => Effect::None,
                }
            }
            IndexEvent::Failed(err) => app.update(Action::IndexFailed(for_log(&err.to_string()))),
        }
    }

    /// Supplies the similar stories of the open story when it has none yet (computed once per
    /// story, then cached by the index).
    pub fn similar(&self, app: &mut App) {
        let (Some(index), Some(id)) = (&self.index, app.wants_similar()) else {
            return;
        };
        let similar = index
            .similar(app.library(), id, SIMILAR_IN_PANEL)
            .unwrap_or_default();
        app.update(Action::Similar { id, similar });
    }
}

/// Builds or updates the index of the archive at `paths` on the calling (background) thread,
/// reporting to the reader's event loop through `send`.
pub fn index_in_background(
    dirs: &Dirs,
    paths: &[PathBuf],
    library: &Library,
    send: &dyn Fn(IndexEvent),
) {
    worker::run(Location::for_archive(dirs, paths).as_ref(), library, send);
}
