//! qari's fetcher: feed subscriptions, polite HTTP, and saving what is fetched as files qari
//! already reads.
//!
//! The core never touches the network, and the reader never waits on it; this crate is the
//! one place that does. It sits beside the core (it uses the core's atomic writer, spelling
//! folding and sanitiser) and under the reader's `cli` and `tui`, which hand it its paths
//! ([`Places`]) and the time: it reads no environment variable.
//!
//! - [`subs`]: the subscriptions file (TOML, hand-editable, errors with line numbers);
//!   [`import`]: OPML and newsboat `urls` in, OPML out; [`discover`]: a page's feed link.
//! - [`http`]: one client with the manners (validators, one connection and one second per
//!   host, redirects followed by hand, time-outs, size caps, gzip); [`manners`]: what a
//!   response says about the next request; [`robots`]: robots.txt for page fetches.
//! - [`ident`]: when two items are one story; [`state`]: per-feed state and the items seen;
//!   [`save`]: the files written; [`run`]: `qari fetch` itself; [`link`]: one page saved on
//!   request (the reader's read-also link); [`clock`]: dates, without a date crate.

pub mod apply;
pub mod clock;
pub mod discover;
pub mod http;
pub mod ident;
pub mod import;
pub mod items;
pub mod link;
pub mod manners;
pub mod robots;
pub mod run;
pub mod save;
pub mod state;
pub mod subs;

use std::path::PathBuf;

/// Where the fetcher keeps and writes things; built by the front-end from its environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The subscriptions file (`feeds.toml` in the config dir).
    pub subscriptions: PathBuf,
    /// Per-feed state and the items seen (a folder in the state dir).
    pub state: PathBuf,
    /// qari's own archive of fetched stories (`fetch_into`): never a folder of the user's.
    pub into: PathBuf,
}

/// The User-Agent of every request: qari, its version and where to read about it.
pub const USER_AGENT: &str = concat!(
    "qari/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; +https://github.com/qari-reader/qari)"
);
