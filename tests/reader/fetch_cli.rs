//! `qari feeds` and `qari fetch` against servers started here on 127.0.0.1 (one port a host):
//! every manner asserted from the servers' own logs — conditional requests after the first
//! poll, validators updated from a 304, one second between requests to one host, the minimum
//! interval, `Retry-After`, a permanent redirect, a 410 — and never twice: a changed GUID, an
//! edited item, one item in two feeds. Time is `QARI_NOW` (the fetcher's clock), so a day
//! passes without waiting; the one-second gap between requests is real.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use super::fetch_server::{Reply, Server, rss};
use super::util::qari_command;

/// 2027-01-15T08:00:00Z.
const T: u64 = 1_800_000_000;
const DAY1: &str = "Fri, 15 Jan 2027 07:00:00 +0000";
const DAY2: &str = "Sat, 16 Jan 2027 07:00:00 +0000";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn subscriptions(&self) -> PathBuf {
        self.path().join("config/qari/feeds.toml")
    }

    fn fetched(&self) -> PathBuf {
        self.path().join("data/fetched")
    }

    fn state(&self) -> PathBuf {
        self.path().join("state/fetch")
    }

    fn subscribe(&self, text: &str) {
        let path = self.subscriptions();
        std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
        std::fs::write(path, text).expect("feeds.toml");
    }

    fn qari(&self, now: u64, args: &[&str]) -> Output {
        qari_command(self.path())
            .env("QARI_STATE_DIR", self.path().join("state"))
            .env("QARI_NOW", now.to_string())
            .args(args)
            .output()
            .expect("qari runs")
    }

    /// `qari fetch --json` at `now`: its status and one summary a feed.
    fn fetch(&self, now: u64) -> (i32, Vec<Value>, String) {
        let out = self.qari(now, &["fetch", "--json"]);
        let rows = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        (
            out.status.code().expect("exit status"),
            rows,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The stories `qari list --json` shows with no path (the fetch folder among them).
    fn stories(&self) -> Vec<Value> {
        let out = self.qari(T, &["list", "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }

    /// Every file saved under the fetch folder.
    fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![self.fetched()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }
}

fn feed_toml(urls: &[&str]) -> String {
    urls.iter()
        .map(|u| ["[[feed]]\nurl = \"", u, "\"\n\n"].concat())
        .collect()
}

/// Requests to one server never less than a second apart.
fn assert_paced(server: &Server) {
    let log = server.log();
    assert!(log.iter().all(|r| r.method == "GET"), "GET only");
    for pair in log.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(990),
            "{} then {} only {gap:?} apart",
            pair[0].path,
            pair[1].path
        );
    }
}

fn row<'a>(rows: &'a [Value], url: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["url"] == url)
        .unwrap_or_else(|| panic!("no row for {url} in {rows:?}"))
}

fn titles(stories: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = stories
        .iter()
        .map(|s| s["title"].as_str().expect("title").to_owned())
        .collect();
    t.sort();
    t
}

const AR_ITEMS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "ar-1",
        "http://news.test/ar/water-plan",
        "مجلس المدينة يقر خطة لتوسيع شبكة المياه في الأحياء الشرقية",
        "صوّت أعضاء المجلس بالإجماع على خطة تمتد ثلاث سنوات.",
        DAY1,
    ),
    (
        "ar-2",
        "http://news.test/ar/library",
        "افتتاح مكتبة عامة جديدة قرب السوق القديم",
        "تضم المكتبة قاعة للأطفال وركنًا للمخطوطات.",
        DAY1,
    ),
];

const FA_ITEMS: &[(&str, &str, &str, &str, &str)] = &[(
    "fa-1",
    "http://news.test/fa/rail",
    "خط تازه قطار شهری از هفته آینده به کار می‌افتد",
    "مسافران می‌توانند با همان کارت قبلی سوار شوند.",
    DAY1,
)];

#[test]
fn conditional_requests_validators_interval_and_pacing() {
    let home = Home::new();
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"ar-v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    let fa = rss("روزنامه نمونه", "fa", FA_ITEMS);
    host.route("/fa.xml", move |req| {
        // Last-Modified only; a 304 brings a new one, which the next request must send.
        match req.header("if-modified-since") {
            Some("Fri, 15 Jan 2027 06:00:00 GMT") => {
                Reply::new(304, "").header("Last-Modified", "Fri, 15 Jan 2027 06:30:00 GMT")
            }
            Some("Fri, 15 Jan 2027 06:30:00 GMT") => Reply::new(304, ""),
            _ => Reply::new(200, &fa).header("Last-Modified", "Fri, 15 Jan 2027 06:00:00 GMT"),
        }
    });
    home.subscribe(&feed_toml(&[&host.url("/ar.xml"), &host.url("/fa.xml")]));

    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    assert_eq!(row(&rows, &host.url("/ar.xml"))["new"], 2);
    assert_eq!(row(&rows, &host.url("/fa.xml"))["new"], 1);
    assert_eq!(host.log().len(), 2);
    assert!(
        host.log().iter().all(|r| !r.conditional()),
        "the first poll has no validator"
    );
    let ua = host.log()[0]
        .header("user-agent")
        .unwrap_or_default()
        .to_owned();
    assert!(ua.starts_with("qari/") && ua.contains("http"), "{ua}");
    assert_eq!(host.log()[0].header("accept-encoding"), Some("gzip"));
    assert_eq!(titles(&home.stories()).len(), 3);

    // Within the minimum interval (30 minutes): nothing is asked.
    let (code, rows, _) = home.fetch(T + 600);
    assert_eq!(code, 0);
    assert!(rows.iter().all(|r| r["status"] == "not_due"), "{rows:?}");
    assert_eq!(host.log().len(), 2);

    // After it: conditional requests, 304s, validators updated from the 304.
    let (code, rows, _) = home.fetch(T + 1800);
    assert_eq!(code, 0);
    assert!(
        rows.iter().all(|r| r["status"] == "not_modified"),
        "{rows:?}"
    );
    let (code, _, _) = home.fetch(T + 3600);
    assert_eq!(code, 0);
    let log = host.log();
    assert_eq!(log.len(), 6);
    assert!(
        log[2..]
            .iter()
            .all(super::fetch_server::Logged::conditional),
        "every poll after the first is conditional"
    );
    let fa_polls = host.requests("/fa.xml");
    assert_eq!(
        fa_polls[2].header("if-modified-since"),
        Some("Fri, 15 Jan 2027 06:30:00 GMT"),
        "the 304's Last-Modified is the one sent next"
    );
    assert_eq!(
        host.requests("/ar.xml")[2].header("if-none-match"),
        Some("\"ar-v1\"")
    );

    // --force asks one feed within its interval, and only that one.
    let out = home.qari(T + 3700, &["fetch", "--force", &host.url("/ar.xml")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(host.log().len(), 7);
    assert_eq!(host.log()[6].path, "/ar.xml");
    assert_paced(&host);
    // Nothing was saved twice.
    assert_eq!(home.files().len(), 3);
    assert_eq!(titles(&home.stories()).len(), 3);
}

#[test]
fn retry_after_redirects_and_gone() {
    let home = Home::new();
    let busy = Server::start();
    let moving = Server::start();
    let gone = Server::start();
    busy.fixed(
        "/en.xml",
        Reply::new(429, "slow down").header("Retry-After", "7200"),
    );
    moving.fixed(
        "/old.xml",
        Reply::new(301, "").header("Location", "/new.xml"),
    );
    let he = rss(
        "חדשות לדוגמה",
        "he",
        &[(
            "he-1",
            "http://news.test/he/park",
            "גן ציבורי חדש נפתח בשכונה הצפונית",
            "בגן יש שבילי הליכה ומגרש משחקים.",
            DAY1,
        )],
    );
    moving.route("/new.xml", Reply::etagged("\"he1\"", &he));
    gone.fixed("/fa.xml", Reply::new(410, "gone"));
    home.subscribe(&feed_toml(&[
        &busy.url("/en.xml"),
        &moving.url("/old.xml"),
        &gone.url("/fa.xml"),
    ]));

    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 1, "a failed feed is status 1: {err}");
    let r429 = row(&rows, &busy.url("/en.xml"));
    assert_eq!(r429["status"], "failed");
    assert_eq!(r429["http"], 429);
    assert!(
        err.contains(&busy.url("/en.xml")) && err.contains("429"),
        "{err}"
    );
    assert!(err.contains("moved permanently"), "{err}");
    assert!(err.contains("410"), "{err}");
    assert_eq!(
        row(&rows, &moving.url("/old.xml"))["moved_to"],
        moving.url("/new.xml")
    );
    let subs = std::fs::read_to_string(home.subscriptions()).expect("feeds.toml");
    assert!(
        subs.contains(&moving.url("/new.xml")) && !subs.contains("/old.xml"),
        "{subs}"
    );
    assert!(subs.contains("retired"), "{subs}");
    assert_eq!(moving.log().len(), 2);
    assert_paced(&moving);

    // Half an hour on: the 429's Retry-After (two hours) still holds, the retired feed is
    // not asked, the moved one is asked at its new address.
    let (code, rows, _) = home.fetch(T + 1800);
    assert_eq!(code, 0);
    assert_eq!(busy.log().len(), 1);
    assert_eq!(gone.log().len(), 1);
    assert_eq!(row(&rows, &gone.url("/fa.xml"))["status"], "retired");
    assert_eq!(moving.log().len(), 3);
    assert_eq!(moving.log()[2].path, "/new.xml");
    assert!(moving.log()[2].conditional());
    let (_, _, _) = home.fetch(T + 7200);
    assert_eq!(busy.log().len(), 2, "asked again once Retry-After passed");
    assert_eq!(titles(&home.stories()).len(), 1);
}

#[test]
#[allow(clippy::too_many_lines)] // one story told in order: two polls and what each saved
fn never_twice_changed_guid_edited_item_and_two_feeds() {
    let home = Home::new();
    let a = Server::start();
    let b = Server::start();
    let en_v1 = rss(
        "Harbour Post",
        "en",
        &[
            (
                "en-1",
                "http://news.test/en/ferry",
                "Night ferry to the islands returns",
                "The service runs twice a week.",
                DAY1,
            ),
            (
                "en-2",
                "http://news.test/en/market",
                "Fish market moves to the new pier",
                "Stalls open at dawn.",
                DAY1,
            ),
        ],
    );
    a.fixed("/en.xml", Reply::new(200, &en_v1));
    // Feed B carries the ferry story too, under its own GUID and a tracking address.
    let en_b = rss(
        "Coast Wire",
        "en",
        &[(
            "wire-77",
            "https://www.news.test/en/ferry/?utm_source=wire&amp;utm_medium=rss",
            "Night ferry to the islands returns",
            "The service runs twice a week.",
            DAY1,
        )],
    );
    b.fixed("/wire.xml", Reply::new(200, &en_b));
    home.subscribe(&feed_toml(&[&a.url("/en.xml"), &b.url("/wire.xml")]));
    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    let new: u64 = rows.iter().map(|r| r["new"].as_u64().expect("new")).sum();
    assert_eq!(new, 2, "{rows:?}");
    assert_eq!(home.files().len(), 2);
    let stories = home.stories();
    assert_eq!(stories.len(), 2);
    let ferry_id = stories
        .iter()
        .find(|s| s["title"] == "Night ferry to the islands returns")
        .expect("the ferry")["id"]
        .clone();
    let ferry_file = home
        .files()
        .into_iter()
        .find(|f| std::fs::read_to_string(f).expect("file").contains("ferry"))
        .expect("ferry file");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&ferry_file).expect("read")).expect("JSON");
    assert_eq!(
        saved["_qari"]["sources"].as_array().map(Vec::len),
        Some(2),
        "{saved}"
    );

    // The next day: the ferry item's GUID changed (a CMS move) and the market item was
    // edited (its title and text), under its old GUID.
    let en_v2 = rss(
        "Harbour Post",
        "en",
        &[
            (
                "cms-9001",
                "http://news.test/en/ferry/amp",
                "Night ferry to the islands returns",
                "The service runs twice a week.",
                DAY1,
            ),
            (
                "en-2",
                "http://news.test/en/market",
                "Fish market opens on the new pier",
                "Stalls open at dawn; parking is free.",
                DAY2,
            ),
        ],
    );
    a.fixed("/en.xml", Reply::new(200, &en_v2));
    let (code, rows, _) = home.fetch(T + 86_400);
    assert_eq!(code, 0);
    let ra = row(&rows, &a.url("/en.xml"));
    assert_eq!(
        (ra["new"].as_u64(), ra["updated"].as_u64()),
        (Some(0), Some(1)),
        "{ra}"
    );
    assert_eq!(home.files().len(), 2, "no file added");
    let stories = home.stories();
    assert_eq!(
        titles(&stories),
        vec![
            "Fish market opens on the new pier",
            "Night ferry to the islands returns"
        ],
        "the latest version of each, once"
    );
    let ferry = stories
        .iter()
        .find(|s| s["title"] == "Night ferry to the islands returns")
        .expect("ferry");
    assert_eq!(
        ferry["id"], ferry_id,
        "the story keeps its id (and its marks)"
    );
}

#[test]
fn an_interrupted_fetch_rerun_saves_nothing_twice_and_state_is_replaced_whole() {
    let home = Home::new();
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    home.subscribe(&feed_toml(&[&host.url("/ar.xml")]));
    assert_eq!(home.fetch(T).0, 0);
    let files = home.files();
    assert_eq!(files.len(), 2);
    // Killed after the stories were written, before the items and the feed's state were: the
    // rerun asks unconditionally and writes the same two files again, no third.
    std::fs::remove_file(home.state().join("items.json")).expect("items.json");
    for f in std::fs::read_dir(home.state().join("feeds")).expect("feeds") {
        std::fs::remove_file(f.expect("entry").path()).expect("remove state");
    }
    assert_eq!(home.fetch(T).0, 0);
    assert_eq!(home.files(), files);
    assert_eq!(home.stories().len(), 2);
    // The state is whole JSON with its validator, and no temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(home.state().join("feeds"))
        .expect("feeds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    let state: Value = serde_json::from_str(
        &std::fs::read_to_string(home.state().join("feeds").join(&leftovers[0])).expect("state"),
    )
    .expect("whole JSON");
    assert_eq!(state["etag"], "\"v1\"");
    for f in home.files() {
        serde_json::from_str::<Value>(&std::fs::read_to_string(&f).expect("read"))
            .expect("every saved file is whole");
    }
}

#[test]
fn a_kill_mid_fetch_loses_nothing() {
    let home = Home::new();
    let quick = Server::start();
    let slow = Server::start();
    quick.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    let fa = rss("روزنامه نمونه", "fa", FA_ITEMS);
    slow.route("/fa.xml", move |_| {
        let mut r = Reply::new(200, &fa);
        r.delay = Duration::from_secs(3);
        r
    });
    home.subscribe(&feed_toml(&[&quick.url("/ar.xml"), &slow.url("/fa.xml")]));
    let mut child = qari_command(home.path())
        .env("QARI_STATE_DIR", home.path().join("state"))
        .env("QARI_NOW", T.to_string())
        .args(["fetch"])
        .spawn()
        .expect("qari runs");
    std::thread::sleep(Duration::from_millis(1800));
    child.kill().expect("kill -9");
    let _ = child.wait();
    for f in home.files() {
        serde_json::from_str::<Value>(&std::fs::read_to_string(&f).expect("read"))
            .expect("no half file");
    }
    slow.route(
        "/fa.xml",
        Reply::etagged("\"f1\"", &rss("روزنامه نمونه", "fa", FA_ITEMS)),
    );
    let (code, _, err) = home.fetch(T + 60);
    assert_eq!(code, 0, "{err}");
    assert_eq!(home.stories().len(), 3);
    assert_eq!(home.files().len(), 3);
}

#[test]
fn full_text_pages_honour_robots_txt() {
    let home = Home::new();
    let site = Server::start();
    let items = [
        (
            "p-1",
            site.url("/ar/open/1"),
            "سوق الكتب المستعملة يعود إلى الساحة",
            "ملخص قصير.",
            DAY1,
        ),
        (
            "p-2",
            site.url("/private/2"),
            "مهرجان للموسيقى الشعبية في نهاية الشهر",
            "ملخص آخر.",
            DAY1,
        ),
    ];
    let refs: Vec<(&str, &str, &str, &str, &str)> = items
        .iter()
        .map(|(a, b, c, d, e)| (*a, b.as_str(), *c, *d, *e))
        .collect();
    site.fixed("/feed.xml", Reply::new(200, &rss("الساحة", "ar", &refs)));
    site.fixed(
        "/robots.txt",
        Reply::new(200, "User-agent: *\nDisallow: /private/\n"),
    );
    site.fixed(
        "/ar/open/1",
        Reply::new(
            200,
            "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><title>سوق الكتب</title></head>\
             <body><article><h1>سوق الكتب المستعملة يعود إلى الساحة</h1>\
             <p>عاد باعة الكتب المستعملة إلى الساحة الكبيرة صباح الجمعة بعد غياب طويل.</p>\
             <p>وقال أحد الباعة إن الإقبال فاق توقعاته، خاصة على كتب الأطفال.</p></article></body></html>",
        )
        .header("Content-Type", "text/html; charset=utf-8"),
    );
    home.subscribe(&format!(
        "[[feed]]\nurl = \"{}\"\nfull_text = true\n",
        site.url("/feed.xml")
    ));
    let (code, _, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<String> = site.log().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        ["/feed.xml", "/robots.txt", "/ar/open/1"],
        "robots.txt kept /private/ out"
    );
    assert_paced(&site);
    let files = home.files();
    assert_eq!(
        files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .count(),
        1
    );
    let stories = home.stories();
    assert_eq!(stories.len(), 2);
    let page = stories
        .iter()
        .find(|s| s["url"] == site.url("/ar/open/1"))
        .unwrap_or_else(|| panic!("the page's story with its address: {stories:?}"));
    assert!(page["paragraphs"].as_u64() >= Some(2), "{page}");
}

#[test]
fn subscribe_from_a_page_import_export_and_bad_lines() {
    let home = Home::new();
    let site = Server::start();
    site.fixed(
        "/",
        Reply::new(
            200,
            "<!doctype html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" \
             href=\"/rss\"></head><body>home</body></html>",
        ),
    );
    site.fixed("/rss", Reply::new(200, &rss("الرافد", "ar", AR_ITEMS)));
    let out = home.qari(
        T,
        &[
            "feeds",
            "add",
            &site.url("/"),
            "--folder",
            "local",
            "--full-text",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_paced(&site);
    let list = home.qari(T, &["feeds", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(
        text.contains(&site.url("/rss")) && text.contains("الرافد") && text.contains("full text"),
        "{text}"
    );

    let opml = home.path().join("in.opml");
    std::fs::write(
        &opml,
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>x</title></head><body>\
         <outline text=\"أخبار\"><outline text=\"Harbour Post\" type=\"rss\" xmlUrl=\"https://harbour.test/rss\"/></outline>\
         <outline text=\"روزنامه\" type=\"rss\" xmlUrl=\"https://rooz.test/feed\"/></body></opml>",
    )
    .expect("opml");
    let urls = home.path().join("urls");
    std::fs::write(
        &urls,
        "# newsboat\nhttps://hadashot.test/rss.xml tech \"~חדשות לדוגמה\"\n\"query:Unread:unread = \\\"yes\\\"\"\nhttps://rooz.test/feed\n",
    )
    .expect("urls");
    for file in [&opml, &urls] {
        let out = home.qari(T, &["feeds", "import", file.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let export = home.qari(T, &["feeds", "export"]);
    let exported = String::from_utf8_lossy(&export.stdout).into_owned();
    for want in [
        "https://harbour.test/rss",
        "https://rooz.test/feed",
        "https://hadashot.test/rss.xml",
        "חדשות לדוגמה",
        "أخبار",
    ] {
        assert!(exported.contains(want), "{want} in {exported}");
    }
    assert_eq!(exported.matches("rooz.test").count(), 1, "imported once");
    // The export imports into an empty home as the same feeds.
    let other = Home::new();
    let file = other.path().join("out.opml");
    std::fs::write(&file, &exported).expect("write");
    assert!(
        other
            .qari(T, &["feeds", "import", file.to_str().expect("path")])
            .status
            .success()
    );
    let a = String::from_utf8_lossy(&home.qari(T, &["feeds", "list"]).stdout).into_owned();
    let b = String::from_utf8_lossy(&other.qari(T, &["feeds", "list"]).stdout).into_owned();
    let urls_of = |t: &str| {
        let mut u: Vec<String> = t
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
            .collect();
        u.sort();
        u
    };
    assert_eq!(urls_of(&a), urls_of(&b));

    // A bad line is named with its line number, and nothing is fetched: status 2.
    home.subscribe("[[feed]]\nurl = \"https://ok.test/rss\"\n\n[[feed]]\nurl = \"https://ok.test/2\"\nfull_txt = true\n");
    let out = home.qari(T, &["fetch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("feeds.toml:6"), "{err}");
    let out = home.qari(T, &["feeds", "remove", "https://nowhere.test/"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn failures_are_one_line_each_and_the_rest_goes_on() {
    let home = Home::new();
    let good = Server::start();
    good.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    good.fixed("/missing.xml", Reply::new(404, "no"));
    good.fixed(
        "/page.html",
        Reply::new(200, "<!doctype html><html><body>a page</body></html>"),
    );
    // a port nobody listens on
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!(
        "http://127.0.0.1:{}/feed",
        closed.local_addr().expect("addr").port()
    );
    drop(closed);
    home.subscribe(&feed_toml(&[
        &dead,
        &good.url("/missing.xml"),
        &good.url("/page.html"),
        &good.url("/ar.xml"),
    ]));
    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("qari: ")).count(),
        3,
        "{err}"
    );
    assert!(err.contains("404 Not Found"), "{err}");
    assert!(err.contains("not a feed"), "{err}");
    assert!(err.contains(&dead), "{err}");
    assert_eq!(row(&rows, &good.url("/ar.xml"))["new"], 2);
    assert_paced(&good);
}

/// The reader's `F`: the app says it is fetching and asks the owner to (the owner runs the
/// fetch on a thread; the headless replay, which never touches the network, does nothing);
/// the owner's note comes back in the interface's language.
#[test]
fn f_asks_for_a_background_fetch_and_the_note_says_how_it_went() {
    use qari::action::{Action, Note};
    use qari::app::Effect;
    let mut app = super::util::app(100, 30);
    assert_eq!(super::util::press(&mut app, "F"), vec![Effect::Fetch]);
    assert_eq!(app.message(), Some("Fetching the feeds in the background…"));
    app.update(Action::Note(Note::Fetched {
        new: 3,
        updated: 1,
        failed: 0,
    }));
    let said = app.message().expect("a note").to_owned();
    assert!(
        said.contains("3 new") && said.contains("1 updated"),
        "{said}"
    );
    app.update(Action::Note(Note::NoFeeds));
    assert!(app.message().is_some_and(|m| m.contains("qari feeds add")));
}
