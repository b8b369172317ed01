//! The subscriptions file: `feeds.toml` in qari's config dir, one `[[feed]]` table a feed,
//! readable and editable by hand and checked like the config (a bad line is named with its
//! line and column, and nothing is fetched until it is fixed).
//!
//! ```toml
//! [[feed]]
//! url = "https://example.org/ar/feed.xml"
//! title = "الرافد"          # optional: the feed's own title is used otherwise
//! folder = "news"           # optional: the folder its stories are saved in
//! full_text = true          # optional: save each item's page, not only the feed's text
//! min_interval = 60         # optional: minutes between polls (default 30, at least 1)
//! retired = "410 Gone …"    # written by qari: why it is no longer fetched
//! ```
//!
//! qari rewrites the file when a command changes it (`feeds add`, a permanent redirect, a 410):
//! the feeds and their options are kept, comments are not.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The minimum interval when a feed gives none: 30 minutes.
pub const DEFAULT_INTERVAL_MINUTES: u64 = 30;

/// One subscription.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Feed {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
    /// Minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_interval: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<String>,
}

impl Feed {
    /// A subscription to `url` with no options.
    pub fn new(url: &str) -> Feed {
        Feed {
            url: url.to_owned(),
            ..Feed::default()
        }
    }

    /// The minimum interval, in seconds.
    pub fn interval(&self) -> u64 {
        self.min_interval.unwrap_or(DEFAULT_INTERVAL_MINUTES).max(1) * 60
    }

    /// The folder its stories go in: its own, else its host.
    pub fn folder_name(&self) -> String {
        let name = self.folder.clone().unwrap_or_else(|| {
            url::Url::parse(&self.url)
                .ok()
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_owned())
                })
                .unwrap_or_else(|| "feeds".to_owned())
        });
        safe_name(&name)
    }
}

/// A name usable as one folder: no separators, no leading dot, not empty.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "feeds".to_owned()
    } else {
        cleaned.chars().take(80).collect()
    }
}

/// Every subscription, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    #[serde(default, rename = "feed")]
    pub feeds: Vec<Feed>,
}

/// A subscriptions file that cannot be used: the file, the line and column, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: PathBuf,
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.at {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {}

impl Subscriptions {
    /// Reads `path`; a missing file is no subscriptions.
    pub fn load(path: &Path) -> Result<Subscriptions, Error> {
        let error = |message: String| Error {
            file: path.to_path_buf(),
            at: None,
            message,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Subscriptions::default());
            }
            Err(e) => return Err(error(format!("cannot read it: {e}"))),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| error("not UTF-8; the subscriptions file is UTF-8 text".into()))?;
        Subscriptions::parse(&text, path)
    }

    /// Parses and checks the text of a subscriptions file; `file` names it in errors.
    pub fn parse(text: &str, file: &Path) -> Result<Subscriptions, Error> {
        let error = |at: Option<usize>, message: String| Error {
            file: file.to_path_buf(),
            at: at.map(|a| line_col(text, a)),
            message,
        };
        let subs: Subscriptions = toml::from_str(text).map_err(|e| {
            error(
                e.span().map(|s| s.start),
                e.message().trim().replace('\n', " "),
            )
        })?;
        let mut seen = std::collections::HashSet::new();
        for feed in &subs.feeds {
            let at = text.find(&feed.url);
            match url::Url::parse(&feed.url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => {}
                _ => {
                    return Err(error(
                        at,
                        format!("url = {:?} is not an http or https address", feed.url),
                    ));
                }
            }
            if !seen.insert(feed.url.as_str()) {
                return Err(error(
                    text.rfind(&feed.url),
                    format!("{} is subscribed twice", feed.url),
                ));
            }
            if feed.min_interval == Some(0) {
                return Err(error(at, "min_interval is in minutes, at least 1".into()));
            }
        }
        Ok(subs)
    }

    /// The file's text: a comment, then one `[[feed]]` table a feed.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# qari's feed subscriptions: `qari feeds add URL` adds one, `qari feeds remove URL`\n\
             # removes one; edit by hand as well. Keys: url, title, folder, full_text,\n\
             # min_interval (minutes, default 30), retired (set by qari; remove it to fetch again).\n",
        );
        for feed in &self.feeds {
            let table = toml::to_string(feed).unwrap_or_default();
            let _ = write!(out, "\n[[feed]]\n{table}");
        }
        out
    }

    /// Writes the file atomically (creating its folder).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        qari_core::library::store::write_atomically(path, self.to_text().as_bytes())
    }

    /// The subscription to `url` (as written, or with or without a trailing slash).
    pub fn find(&self, url: &str) -> Option<usize> {
        let bare = url.trim().trim_end_matches('/');
        self.feeds
            .iter()
            .position(|f| f.url == url || f.url.trim_end_matches('/') == bare)
    }

    /// Adds `feed` unless its address is subscribed already; whether it was added.
    pub fn add(&mut self, feed: Feed) -> bool {
        if self.find(&feed.url).is_some() {
            return false;
        }
        self.feeds.push(feed);
        true
    }
}

/// 1-based line and column (in characters) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors_with_lines() {
        let mut subs = Subscriptions::default();
        let mut feed = Feed::new("https://example.org/feed.xml");
        feed.title = Some("الرافد \"اليومي\"".into());
        feed.full_text = true;
        feed.min_interval = Some(60);
        assert!(subs.add(feed));
        assert!(!subs.add(Feed::new("https://example.org/feed.xml/")));
        let text = subs.to_text();
        let back = Subscriptions::parse(&text, Path::new("f.toml")).expect("parses");
        assert_eq!(back, subs);

        let bad = "[[feed]]\nurl = \"https://a.test/x\"\n\n[[feed]]\nurl = \"ftp://b.test\"\n";
        let e = Subscriptions::parse(bad, Path::new("f.toml")).expect_err("bad url");
        assert_eq!(e.at.map(|a| a.0), Some(5), "{e}");
        let bad = "[[feed]]\nurl = \"https://a.test/x\"\nfull_txt = true\n";
        let e = Subscriptions::parse(bad, Path::new("f.toml")).expect_err("unknown key");
        assert_eq!(e.at.map(|a| a.0), Some(3), "{e}");
    }
}
