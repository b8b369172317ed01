//! `qari fetch`: the feeds that are due, fetched host by host, their new and changed items
//! saved. Threads do the network (one per host at a time, at most [`Options::threads`], each
//! starting after a random pause so a cron minute does not hit every server at once); the
//! calling thread alone writes files and state ([`crate::apply`]), in the order that makes a
//! crash harmless.

use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use serde::Serialize;

use crate::apply::{self, Feedback};
use crate::http::{self, Client, Limits, Response};
use crate::items::{self, Feed};
use crate::robots::Robots;
use crate::state::{self, FeedState, Index};
use crate::subs::{self, Subscriptions};
use crate::{Places, save};

/// How a run goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// Unix seconds (the front-end's clock).
    pub now: u64,
    /// Fetch this feed even when its minimum interval has not passed.
    pub force: Option<String>,
    pub limits: Limits,
    /// Hosts fetched at once.
    pub threads: usize,
    /// The longest random pause before a host's first request.
    pub jitter: Duration,
}

impl Options {
    pub fn new(now: u64) -> Options {
        Options {
            now,
            force: None,
            limits: Limits::default(),
            threads: 16,
            jitter: Duration::from_millis(500),
        }
    }
}

/// What happened to one feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Fetched and read (new items, changed items, or none).
    Fetched,
    /// 304: nothing new.
    NotModified,
    /// Its minimum interval (or the server's freshness or Retry-After) has not passed.
    NotDue,
    /// Retired earlier (a 410): not asked.
    Retired,
    /// 410 Gone now: retired.
    Gone,
    Failed,
}

/// One feed's line of the summary (`qari fetch --json` prints one a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedReport {
    pub url: String,
    pub title: Option<String>,
    pub status: Outcome,
    /// The HTTP status of the last response, when there was one.
    pub http: Option<u16>,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    /// A permanent redirect moved the subscription here.
    pub moved_to: Option<String>,
    /// When it may be asked again (RFC 3339).
    pub next: Option<String>,
}

impl FeedReport {
    pub fn new(url: &str, title: Option<String>, status: Outcome) -> FeedReport {
        FeedReport {
            url: url.to_owned(),
            title,
            status,
            http: None,
            new: 0,
            updated: 0,
            error: None,
            moved_to: None,
            next: None,
        }
    }
}

/// A run that could not start.
#[derive(Debug)]
pub enum RunError {
    Subscriptions(subs::Error),
    /// `--force` names no subscription.
    NoSuchFeed(String),
    /// Another fetch (a cron job, the reader's `F`) holds the state.
    Busy,
    Io(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Subscriptions(e) => e.fmt(f),
            RunError::NoSuchFeed(url) => {
                write!(
                    f,
                    "{url}: not subscribed (`qari feeds list` lists the feeds)"
                )
            }
            RunError::Busy => {
                f.write_str("another qari fetch is running; try again when it is done")
            }
            RunError::Io(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for RunError {}

/// What the network threads bring back for one feed.
pub struct Fetched {
    /// The feed's position in the subscriptions.
    pub n: usize,
    pub response: Result<Response, http::Error>,
    /// The parsed feed of a 200.
    pub feed: Option<Result<Feed, String>>,
    /// Pages fetched for their full text, by item address.
    pub pages: HashMap<String, Vec<u8>>,
}

/// One feed's job: its position, subscription and state.
#[derive(Clone)]
struct Job {
    n: usize,
    sub: subs::Feed,
    state: FeedState,
}

/// Fetches the feeds that are due and saves what is new; `progress` hears of every feed as it
/// is done (the number done, of how many due). Every feed gets a report, due or not.
pub fn fetch(
    places: &Places,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize, &FeedReport),
) -> Result<Vec<FeedReport>, RunError> {
    let mut subs = Subscriptions::load(&places.subscriptions).map_err(RunError::Subscriptions)?;
    // One fetch at a time writes the state: the lock goes with the process, `kill -9` too.
    let _lock = lock(&places.state)?;
    if let Some(force) = &options.force
        && subs.find(force).is_none()
    {
        return Err(RunError::NoSuchFeed(force.clone()));
    }
    let forced = options.force.as_deref().and_then(|f| subs.find(f));
    let mut reports: Vec<Option<FeedReport>> = vec![None; subs.feeds.len()];
    let mut jobs: Vec<Job> = Vec::new();
    for (n, sub) in subs.feeds.iter().enumerate() {
        let state = state::load_feed(&places.state, &sub.url);
        let title = sub.title.clone().or_else(|| state.title.clone());
        if sub.retired.is_some() {
            let mut r = FeedReport::new(&sub.url, title, Outcome::Retired);
            r.error.clone_from(&sub.retired);
            reports[n] = Some(r);
            continue;
        }
        let due = state.next_poll <= options.now
            && state
                .last_poll
                .is_none_or(|l| options.now >= l + sub.interval());
        if !due && forced != Some(n) {
            let mut r = FeedReport::new(&sub.url, title, Outcome::NotDue);
            r.next = Some(crate::clock::rfc3339(
                state
                    .next_poll
                    .max(state.last_poll.map_or(0, |l| l + sub.interval())),
            ));
            reports[n] = Some(r);
            continue;
        }
        jobs.push(Job {
            n,
            sub: sub.clone(),
            state,
        });
    }
    let total = jobs.len();
    let mut index = Index::load(&places.state);
    let (tx, rx) = mpsc::channel::<Fetched>();
    let mut states: HashMap<usize, FeedState> =
        jobs.iter().map(|j| (j.n, j.state.clone())).collect();
    let client = Client::with_history(options.limits, load_hosts(&places.state));
    std::thread::scope(|scope| {
        start_workers(scope, jobs, options, &Arc::new(index.clone()), &tx, &client);
        drop(tx);
        let mut done = 0;
        for fetched in rx {
            let n = fetched.n;
            let Some(state) = states.remove(&n) else {
                continue;
            };
            let report = apply::apply(
                &mut Feedback {
                    places,
                    subs: &mut subs,
                    index: &mut index,
                    now: options.now,
                },
                state,
                fetched,
            );
            done += 1;
            progress(done, total, &report);
            reports[n] = Some(report);
        }
    });
    if total > 0 {
        save_hosts(&places.state, &client.history());
    }
    let changed = reports
        .iter()
        .flatten()
        .any(|r| r.moved_to.is_some() || r.status == Outcome::Gone);
    if changed {
        subs.save(&places.subscriptions)
            .map_err(|e| RunError::Io(format!("{}: {e}", places.subscriptions.display())))?;
    }
    Ok(reports.into_iter().flatten().collect())
}

/// Hands the jobs, grouped by host, to at most `options.threads` threads.
fn start_workers<'s>(
    scope: &'s std::thread::Scope<'s, '_>,
    jobs: Vec<Job>,
    options: &'s Options,
    known: &Arc<Index>,
    tx: &mpsc::Sender<Fetched>,
    client: &Client,
) {
    let mut by_host: Vec<(String, Vec<Job>)> = Vec::new();
    for job in jobs {
        let host = http::host_of(&job.sub.url);
        match by_host.iter_mut().find(|(h, _)| *h == host) {
            Some((_, group)) => group.push(job),
            None => by_host.push((host, vec![job])),
        }
    }
    let threads = options.threads.clamp(1, by_host.len().max(1));
    let queue: Arc<Mutex<VecDeque<Vec<Job>>>> =
        Arc::new(Mutex::new(by_host.into_iter().map(|(_, g)| g).collect()));
    let robots: Arc<Mutex<HashMap<String, Robots>>> = Arc::default();
    for t in 0..threads {
        let (queue, client, robots, known, tx) = (
            queue.clone(),
            client.clone(),
            robots.clone(),
            known.clone(),
            tx.clone(),
        );
        scope.spawn(move || {
            let jitter = options.jitter.as_millis() as u64;
            if jitter > 0 {
                let r = std::collections::hash_map::RandomState::new().hash_one(t);
                std::thread::sleep(Duration::from_millis(r % jitter));
            }
            loop {
                let group = queue
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .pop_front();
                let Some(group) = group else { break };
                for job in group {
                    let fetched = fetch_one(&client, &robots, &known, &job);
                    if tx.send(fetched).is_err() {
                        return;
                    }
                }
            }
        });
    }
}

/// One feed over the network: the conditional request, the parse, the full-text pages.
fn fetch_one(
    client: &Client,
    robots: &Mutex<HashMap<String, Robots>>,
    known: &Index,
    job: &Job,
) -> Fetched {
    let validators = http::Validators {
        etag: job.state.etag.clone(),
        last_modified: job.state.last_modified.clone(),
    };
    let response = client.get(&job.sub.url, &validators);
    let mut fetched = Fetched {
        n: job.n,
        response,
        feed: None,
        pages: HashMap::new(),
    };
    let Ok(r) = &fetched.response else {
        return fetched;
    };
    if r.status != 200 {
        return fetched;
    }
    let feed = items::parse(&r.body, &r.url);
    if let Ok(feed) = &feed {
        for item in &feed.items {
            let Some(url) = &item.url else { continue };
            if !(job.sub.full_text || item.html.is_none()) || fetched.pages.contains_key(url) {
                continue;
            }
            let date = item.published.or(item.updated).unwrap_or(0);
            let unchanged = known
                .find(item, date)
                .is_some_and(|i| known.items[i].hash == save::content_hash(item));
            if unchanged || !robots_allow(client, robots, url) {
                continue;
            }
            if let Ok(page) = client.get(url, &http::Validators::default())
                && page.status == 200
                && items::looks_like_html(&page.body)
            {
                fetched.pages.insert(url.clone(), page.body);
            }
        }
    }
    fetched.feed = Some(feed);
    fetched
}

/// Holds `fetch.lock` in the state folder for as long as the file is open.
fn lock(dir: &std::path::Path) -> Result<std::fs::File, RunError> {
    let io = |e: std::io::Error| RunError::Io(format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("fetch.lock"))
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(RunError::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
    }
}

/// When each host was last asked (`hosts.json`), by any run.
pub(crate) fn load_hosts(dir: &std::path::Path) -> HashMap<String, u64> {
    std::fs::read(dir.join("hosts.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Best effort: a lost `hosts.json` costs at most one request less than a second after
/// another run's.
pub(crate) fn save_hosts(dir: &std::path::Path, hosts: &HashMap<String, u64>) {
    // only the last minute matters
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let recent: HashMap<&String, &u64> = hosts
        .iter()
        .filter(|(_, at)| now.saturating_sub(**at) < 60_000)
        .collect();
    if let Ok(bytes) = serde_json::to_vec(&recent) {
        let _ = std::fs::create_dir_all(dir);
        let _ = qari_core::library::store::write_atomically(&dir.join("hosts.json"), &bytes);
    }
}

/// Whether robots.txt lets qari fetch `url` (asked once per host and run).
pub(crate) fn robots_allow(
    client: &Client,
    cache: &Mutex<HashMap<String, Robots>>,
    url: &str,
) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    let host = http::host_key(&parsed);
    let cached = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&host)
        .cloned();
    let rules = cached.unwrap_or_else(|| {
        let mut robots_url = parsed.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        let rules = match client.get(robots_url.as_str(), &http::Validators::default()) {
            Ok(r) if r.status == 200 => Robots::parse(&String::from_utf8_lossy(&r.body)),
            _ => Robots::default(),
        };
        cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(host, rules.clone());
        rules
    });
    let mut path = parsed.path().to_owned();
    if let Some(q) = parsed.query() {
        path.push('?');
        path.push_str(q);
    }
    rules.allows(&path)
}
