//! `qari feeds` (the subscriptions: add, list, set, remove, import, export) and `qari fetch`
//! (the feeds that are due, fetched and saved): the command-line face of `qari_fetch`. The
//! subscriptions file is `feeds.toml` beside the config file; what is fetched goes to qari's
//! own folder (`fetch_into`), which `qari` and `qari list` open with the archives.
//!
//! `fetch` has its own exit status, for cron and systemd: 0 every feed due was fetched (or
//! none was due), 1 at least one failed (one stderr line each), 2 a usage or config error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Subcommand};
use qari_core::bidi::sanitize::for_log;
use qari_fetch::run::{FeedReport, Options, Outcome};
use qari_fetch::subs::{Feed, Subscriptions};
use qari_fetch::{Places, discover, http, import};

use super::CliResult;
use super::config::Config;

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed, or to the feed a page names (`<link rel="alternate">`).
    Add(AddArgs),
    /// List the subscriptions.
    List(ListFeedsArgs),
    /// Change a subscription's options.
    Set(SetArgs),
    /// Unsubscribe (the stories already fetched stay).
    Remove(RemoveArgs),
    /// Subscribe to the feeds of an OPML file or a newsboat `urls` file.
    Import(ImportArgs),
    /// Print the subscriptions as OPML.
    Export,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The feed's address, or a page that names its feed.
    pub url: String,
    /// The name shown for it (default: the feed's own title).
    #[arg(long)]
    pub title: Option<String>,
    /// The folder its stories are saved in (default: its host).
    #[arg(long)]
    pub folder: Option<String>,
    /// Save each item's page (full text), not only what the feed carries.
    #[arg(long)]
    pub full_text: bool,
    /// Minutes between polls, at least 1 (default 30; the server may ask for more).
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_interval: Option<u64>,
    /// Do not fetch it first to check that it is a feed.
    #[arg(long)]
    pub no_check: bool,
}

#[derive(Debug, Args)]
pub struct ListFeedsArgs {
    /// Print JSON Lines: the address, title, folder and options, and the feed's state.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The feed's address, as `qari feeds list` prints it.
    pub url: String,
    /// The name shown for it.
    #[arg(long)]
    pub title: Option<String>,
    /// The folder its stories are saved in.
    #[arg(long)]
    pub folder: Option<String>,
    /// Save each item's page: on or off.
    #[arg(long, value_name = "on|off", value_parser = ["on", "off"])]
    pub full_text: Option<String>,
    /// Minutes between polls, at least 1.
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_interval: Option<u64>,
    /// Fetch it again after a 410 retired it.
    #[arg(long)]
    pub revive: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The feed's address, as `qari feeds list` prints it.
    pub url: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML file, or newsboat's `urls` file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Print JSON Lines: one summary a feed (`url`, `status`, `http`, `new`, `updated`,
    /// `error`, `moved_to`, `next`).
    #[arg(long)]
    pub json: bool,
    /// Fetch this feed even if its minimum interval has not passed.
    #[arg(long, value_name = "URL")]
    pub force: Option<String>,
}

/// A usage or config error of these commands: exit status 2, with this message.
fn usage(message: String) -> Box<dyn std::error::Error> {
    message.into()
}

/// The clock: `QARI_NOW` (Unix seconds; a test's simulated day), else the system's.
pub fn now() -> u64 {
    std::env::var("QARI_NOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

fn load(places: &Places) -> Result<Subscriptions, Box<dyn std::error::Error>> {
    Subscriptions::load(&places.subscriptions).map_err(|e| usage(e.to_string()))
}

fn save(places: &Places, subs: &Subscriptions) -> Result<(), Box<dyn std::error::Error>> {
    subs.save(&places.subscriptions)
        .map_err(|e| usage(format!("{}: {e}", places.subscriptions.display())))
}

/// `qari feeds …`.
pub fn run_feeds(command: &FeedsCommand, places: &Places) -> CliResult {
    let mut out = std::io::stdout().lock();
    match command {
        FeedsCommand::Add(args) => add(args, places, &mut out),
        FeedsCommand::List(args) => list(args, places, &mut out),
        FeedsCommand::Set(args) => set(args, places, &mut out),
        FeedsCommand::Remove(args) => {
            let mut subs = load(places)?;
            let Some(at) = subs.find(&args.url) else {
                return Err(usage(format!("{}: not subscribed", args.url)));
            };
            let feed = subs.feeds.remove(at);
            save(places, &subs)?;
            writeln!(out, "removed {}", feed.url)?;
            Ok(ExitCode::SUCCESS)
        }
        FeedsCommand::Import(args) => import_file(&args.file, places, &mut out),
        FeedsCommand::Export => {
            let subs = load(places)?;
            let text = import::opml_out(&subs).map_err(usage)?;
            writeln!(out, "{text}")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn add(args: &AddArgs, places: &Places, out: &mut dyn Write) -> CliResult {
    let mut subs = load(places)?;
    if let Some(at) = subs.find(&args.url) {
        return Err(usage(format!(
            "{} is subscribed already (`qari feeds set` changes its options)",
            subs.feeds[at].url
        )));
    }
    let mut feed = Feed::new(args.url.trim());
    if !args.no_check {
        let client = http::Client::new(http::Limits::default());
        let found = discover::probe(&client, &feed.url).map_err(usage)?;
        if found.url != feed.url {
            writeln!(out, "{} names the feed {}", feed.url, found.url)?;
        }
        feed.url = found.url;
        if subs.find(&feed.url).is_some() {
            return Err(usage(format!("{} is subscribed already", feed.url)));
        }
        feed.title = found.title;
    }
    if args.title.is_some() {
        feed.title.clone_from(&args.title);
    }
    feed.folder = args.folder.as_deref().map(qari_fetch::subs::safe_name);
    feed.full_text = args.full_text;
    feed.min_interval = args.min_interval;
    let line = describe(&feed);
    subs.add(feed);
    save(places, &subs)?;
    writeln!(out, "added {line}")?;
    Ok(ExitCode::SUCCESS)
}

fn set(args: &SetArgs, places: &Places, out: &mut dyn Write) -> CliResult {
    let mut subs = load(places)?;
    let Some(at) = subs.find(&args.url) else {
        return Err(usage(format!("{}: not subscribed", args.url)));
    };
    let feed = &mut subs.feeds[at];
    if args.title.is_some() {
        feed.title.clone_from(&args.title);
    }
    if let Some(folder) = &args.folder {
        feed.folder = Some(qari_fetch::subs::safe_name(folder));
    }
    if let Some(on) = &args.full_text {
        feed.full_text = on == "on";
    }
    if args.min_interval.is_some() {
        feed.min_interval = args.min_interval;
    }
    if args.revive {
        feed.retired = None;
    }
    let line = describe(feed);
    save(places, &subs)?;
    writeln!(out, "{line}")?;
    Ok(ExitCode::SUCCESS)
}

/// One line for a subscription: address, title, options.
fn describe(feed: &Feed) -> String {
    use std::fmt::Write as _;
    let mut line = feed.url.clone();
    if let Some(t) = &feed.title {
        let _ = write!(line, "  {}", for_log(t));
    }
    let _ = write!(line, "  [{}]", for_log(&feed.folder_name()));
    if feed.full_text {
        line.push_str("  full text");
    }
    let _ = write!(line, "  every {} min", feed.interval() / 60);
    if let Some(why) = &feed.retired {
        let _ = write!(line, "  retired: {}", for_log(why));
    }
    line
}

fn list(args: &ListFeedsArgs, places: &Places, out: &mut dyn Write) -> CliResult {
    let subs = load(places)?;
    for feed in &subs.feeds {
        if args.json {
            let state = qari_fetch::state::load_feed(&places.state, &feed.url);
            let row = serde_json::json!({
                "url": feed.url,
                "title": feed.title.clone().or(state.title),
                "folder": feed.folder_name(),
                "full_text": feed.full_text,
                "min_interval": feed.interval() / 60,
                "retired": feed.retired,
                "last_poll": state.last_poll.map(qari_fetch::clock::rfc3339),
                "next_poll": (state.next_poll > 0).then(|| qari_fetch::clock::rfc3339(state.next_poll)),
                "last_status": state.last_status,
                "last_error": state.last_error,
            });
            serde_json::to_writer(&mut *out, &row)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", describe(feed))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import_file(file: &Path, places: &Places, out: &mut dyn Write) -> CliResult {
    let bytes = std::fs::read(file).map_err(|e| usage(format!("{}: {e}", file.display())))?;
    let text = String::from_utf8_lossy(&bytes);
    let found = import::read(&text).map_err(|e| usage(format!("{}: {e}", file.display())))?;
    let mut subs = load(places)?;
    let (mut added, mut known) = (0, 0);
    for feed in found.feeds {
        if subs.add(feed) {
            added += 1;
        } else {
            known += 1;
        }
    }
    for why in &found.skipped {
        eprintln!("qari: {}: {}", file.display(), for_log(why));
    }
    save(places, &subs)?;
    writeln!(
        out,
        "imported {added} feeds from {} ({known} already subscribed, {} skipped)",
        file.display(),
        found.skipped.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the fetcher may write into `places.into`: never inside one of the user's
/// archives (qari does not write into a folder it was pointed at).
pub fn check_into(places: &Places, config: &Config) -> Result<(), String> {
    let archives: Vec<PathBuf> = config
        .archives
        .iter()
        .map(|p| super::expand_home(p))
        .collect();
    match archives.iter().find(|a| places.into.starts_with(a)) {
        Some(a) => Err(format!(
            "fetch_into = {} is inside the archive {}: qari never writes into your folders; \
             choose another folder",
            places.into.display(),
            a.display()
        )),
        None => Ok(()),
    }
}

/// `qari fetch`.
pub fn run_fetch(args: &FetchArgs, places: &Places, config: &Config) -> CliResult {
    check_into(places, config).map_err(usage)?;
    let mut options = Options::new(now());
    options.force.clone_from(&args.force);
    let terminal = std::io::stderr().is_terminal();
    let mut failed = 0;
    let mut progress = |done: usize, total: usize, report: &FeedReport| {
        if terminal {
            eprint!("\rqari: {done}/{total} feeds fetched\x1b[K");
            if done == total {
                eprintln!();
            }
        }
        if let Some(to) = &report.moved_to {
            if terminal {
                eprint!("\r\x1b[K");
            }
            eprintln!(
                "qari: {} moved permanently to {}: subscription updated",
                for_log(&report.url),
                for_log(to)
            );
        }
        if matches!(report.status, Outcome::Failed | Outcome::Gone) {
            failed += 1;
            if terminal {
                eprint!("\r\x1b[K");
            }
            eprintln!(
                "qari: {}: {}",
                for_log(&report.url),
                for_log(report.error.as_deref().unwrap_or("failed"))
            );
        }
    };
    let reports = qari_fetch::run::fetch(places, &options, &mut progress)
        .map_err(|e| usage(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for r in &reports {
            serde_json::to_writer(&mut out, r)?;
            writeln!(out)?;
        }
    } else if terminal {
        let count = |s: Outcome| reports.iter().filter(|r| r.status == s).count();
        let new: usize = reports.iter().map(|r| r.new).sum();
        let updated: usize = reports.iter().map(|r| r.updated).sum();
        eprintln!(
            "qari: {} fetched, {} not modified, {} not due, {failed} failed: {new} new stories, \
             {updated} updated, in {}",
            count(Outcome::Fetched),
            count(Outcome::NotModified),
            count(Outcome::NotDue),
            places.into.display()
        );
    }
    if reports.is_empty() {
        eprintln!("qari: no feeds to fetch (`qari feeds add URL` subscribes to one)");
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
