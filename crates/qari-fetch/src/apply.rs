//! One feed's response, applied: its state (validators from every response, 304 included;
//! when it may be asked again), its subscription (a permanent redirect moves it, a 410
//! retires it) and its items saved — each story's file first, then the items seen, then the
//! feed's state, so a crash between any two loses nothing and duplicates nothing.

use crate::Places;
use crate::clock;
use crate::http::Response;
use crate::ident;
use crate::items::{Feed, Item};
use crate::manners;
use crate::run::{FeedReport, Fetched, Outcome};
use crate::save;
use crate::state::{self, FeedState, Index, Known, Source};
use crate::subs::Subscriptions;

/// What applying a response changes.
pub struct Feedback<'a> {
    pub places: &'a Places,
    pub subs: &'a mut Subscriptions,
    pub index: &'a mut Index,
    pub now: u64,
}

/// Applies one feed's fetch; its line of the summary.
pub fn apply(fb: &mut Feedback<'_>, mut state: FeedState, fetched: Fetched) -> FeedReport {
    let n = fetched.n;
    let sub = fb.subs.feeds[n].clone();
    let interval = sub.interval();
    let now = fb.now;
    let mut report = FeedReport::new(
        &sub.url,
        sub.title.clone().or_else(|| state.title.clone()),
        Outcome::Failed,
    );
    state.last_poll = Some(now);
    let response = match fetched.response {
        Ok(r) => r,
        Err(e) => {
            state.next_poll = now + interval;
            return finish(fb, state, report, Some(e.to_string()));
        }
    };
    report.http = Some(response.status);
    state.last_status = Some(response.status);
    remember_validators(&mut state, &response);
    let headers = &response.headers;
    let error = match response.status {
        304 => {
            report.status = Outcome::NotModified;
            state.next_poll = manners::next_poll(headers, None, interval, now);
            None
        }
        200 => match fetched.feed {
            Some(Ok(feed)) => {
                state.next_poll = manners::next_poll(headers, feed.ttl, interval, now);
                if feed.title.is_some() {
                    state.title.clone_from(&feed.title);
                    report.title = sub.title.clone().or_else(|| feed.title.clone());
                }
                report.status = Outcome::Fetched;
                let title = source_name(&sub, &feed);
                match save_items(
                    fb,
                    &sub.url,
                    &sub.folder_name(),
                    title.as_deref(),
                    &feed,
                    &fetched.pages,
                ) {
                    Ok((new, updated)) => {
                        report.new = new;
                        report.updated = updated;
                        None
                    }
                    Err(e) => {
                        report.status = Outcome::Failed;
                        Some(format!("cannot save its items: {e}"))
                    }
                }
            }
            Some(Err(why)) => {
                state.next_poll = now + interval;
                Some(why)
            }
            None => Some("no body".to_owned()),
        },
        410 => {
            report.status = Outcome::Gone;
            let why = format!("410 Gone on {}: retired", clock::rfc3339(now));
            fb.subs.feeds[n].retired = Some(why.clone());
            Some(why)
        }
        429 | 503 => {
            let wait = manners::retry_after(headers, now).unwrap_or(manners::DEFAULT_RETRY);
            state.next_poll = now + wait.max(interval);
            Some(format!(
                "{} {}; not asked again before {} (Retry-After: {wait} s)",
                response.status,
                reason(response.status),
                clock::rfc3339(state.next_poll)
            ))
        }
        status => {
            state.next_poll = now + interval;
            Some(format!("{status} {}", reason(status)))
        }
    };
    if let Some(to) = response
        .moved
        .clone()
        .filter(|_| matches!(response.status, 200 | 304))
        && fb.subs.find(&to).is_none()
    {
        fb.subs.feeds[n].url.clone_from(&to);
        report.moved_to = Some(to.clone());
        let _ = std::fs::remove_file(state::feed_path(&fb.places.state, &state.url));
        state.url = to;
    }
    finish(fb, state, report, error)
}

/// The stories' source: the name given to the feed, its own title, else its host.
fn source_name(sub: &crate::subs::Feed, feed: &Feed) -> Option<String> {
    sub.title
        .clone()
        .or_else(|| feed.title.clone())
        .or_else(|| {
            url::Url::parse(&sub.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
        })
}

/// The state written last; the report gets the error and the next poll.
fn finish(
    fb: &Feedback<'_>,
    mut state: FeedState,
    mut report: FeedReport,
    error: Option<String>,
) -> FeedReport {
    if let Some(e) = &error
        && report.status != Outcome::Gone
    {
        report.status = Outcome::Failed;
        report.error = Some(e.clone());
    } else {
        report.error.clone_from(&error);
    }
    state.last_error = error;
    report.next = Some(clock::rfc3339(state.next_poll));
    if let Err(e) = state::save_feed(&fb.places.state, &state) {
        report.status = Outcome::Failed;
        report.error = Some(format!("cannot save its state: {e}"));
    }
    report
}

/// Validators from a response, 304 included: a new `ETag` or `Last-Modified` replaces the
/// old; a 200 without one drops it (the server no longer offers it).
fn remember_validators(state: &mut FeedState, r: &Response) {
    let etag = r.headers.get("etag").map(str::to_owned);
    let lm = r.headers.get("last-modified").map(str::to_owned);
    match r.status {
        304 => {
            if etag.is_some() {
                state.etag = etag;
            }
            if lm.is_some() {
                state.last_modified = lm;
            }
        }
        200 => {
            state.etag = etag;
            state.last_modified = lm;
        }
        _ => {}
    }
}

/// Saves a feed's new and changed items; (new, updated).
fn save_items(
    fb: &mut Feedback<'_>,
    feed_url: &str,
    folder: &str,
    title: Option<&str>,
    feed: &Feed,
    pages: &std::collections::HashMap<String, Vec<u8>>,
) -> std::io::Result<(usize, usize)> {
    let (mut new, mut updated, mut dirty) = (0, 0, false);
    let source = Source {
        feed: feed_url.to_owned(),
        title: title.map(str::to_owned),
    };
    for item in &feed.items {
        let date = item
            .published
            .or(item.updated)
            .unwrap_or(fb.now.cast_signed());
        let hash = save::content_hash(item);
        let page = item.url.as_ref().and_then(|u| pages.get(u));
        let ext = if page.is_some() { "html" } else { "json" };
        match fb.index.find(item, date) {
            None => {
                let key = first_key(item, date);
                let file = save::file_name(folder, &key, ext);
                let known = Known {
                    file,
                    key,
                    guids: item.guid.iter().cloned().collect(),
                    urls: item
                        .url
                        .as_deref()
                        .and_then(ident::normal_url)
                        .into_iter()
                        .collect(),
                    title: ident::folded_title(&item.title),
                    date,
                    hash,
                    sources: vec![source.clone()],
                };
                write_item(fb, &known, item, title, page)?;
                fb.index.push(known);
                new += 1;
                dirty = true;
            }
            Some(i) => {
                let mut k = fb.index.items[i].clone();
                let grew = learn(&mut k, item);
                let first_source = k.sources.first().is_none_or(|s| s.feed == feed_url);
                if !k.sources.iter().any(|s| s.feed == feed_url) {
                    k.sources.push(source.clone());
                    if std::path::Path::new(&k.file)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                    {
                        add_sources(&fb.places.into.join(&k.file), &k.sources)?;
                    }
                    dirty = true;
                } else if first_source && k.hash != hash {
                    let old = k.file.clone();
                    let stem = old.rsplit_once('.').map_or(old.as_str(), |(s, _)| s);
                    k.file = format!("{stem}.{ext}");
                    k.hash = hash;
                    write_item(fb, &k, item, title, page)?;
                    if old != k.file {
                        let _ = std::fs::remove_file(fb.places.into.join(&old));
                    }
                    updated += 1;
                    dirty = true;
                }
                dirty |= grew;
                fb.index.items[i] = k;
                fb.index.reindex(i);
            }
        }
    }
    if dirty {
        fb.index.save(&fb.places.state)?;
    }
    Ok((new, updated))
}

/// The identity an item is first saved under: its GUID, else its normalised address, else its
/// folded title and day.
fn first_key(item: &Item, date: i64) -> String {
    item.guid
        .clone()
        .or_else(|| item.url.as_deref().and_then(ident::normal_url))
        .unwrap_or_else(|| format!("{} {}", ident::folded_title(&item.title), date / 86_400))
}

/// Adds an item's GUID and address to a record's identities; whether any was new.
fn learn(k: &mut Known, item: &Item) -> bool {
    let mut grew = false;
    if let Some(g) = &item.guid
        && !k.guids.contains(g)
    {
        k.guids.push(g.clone());
        grew = true;
    }
    if let Some(u) = item.url.as_deref().and_then(ident::normal_url)
        && !k.urls.contains(&u)
    {
        k.urls.push(u);
        grew = true;
    }
    grew
}

fn write_item(
    fb: &Feedback<'_>,
    k: &Known,
    item: &Item,
    title: Option<&str>,
    page: Option<&Vec<u8>>,
) -> std::io::Result<()> {
    let bytes = match (page, &item.url) {
        (Some(page), Some(url)) => save::page_html(url, fb.now, title, page),
        _ => save::item_json(item, &k.key, title, &k.sources, fb.now),
    };
    save::write(&fb.places.into, &k.file, &bytes)
}

/// Rewrites the `_qari.sources` of a saved item (one item in a second feed).
fn add_sources(path: &std::path::Path, sources: &[Source]) -> std::io::Result<()> {
    let Ok(bytes) = std::fs::read(path) else {
        return Ok(());
    };
    let Ok(mut doc) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Ok(());
    };
    doc["_qari"]["sources"] = serde_json::to_value(sources).map_err(std::io::Error::other)?;
    let out = serde_json::to_vec_pretty(&doc).map_err(std::io::Error::other)?;
    qari_core::library::store::write_atomically(path, &out)
}

/// The reason phrase of the statuses worth naming.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
