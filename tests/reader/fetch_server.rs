//! The fetcher's test fixtures. A small HTTP/1.1 server on 127.0.0.1 (one port = one host):
//! it logs every request (when, method, path, headers) and answers from routes the test sets
//! and changes between runs (keep-alive, `Content-Length` bodies, GET only: what the fetcher
//! sends). And a [`Home`]: qari's config, data and state folders for one test, with the
//! binary run at a given time (`QARI_NOW`) and what it saved read back.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::util::qari_command;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub at: Instant,
    pub method: String,
    pub path: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Logged {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether it carried a validator.
    pub fn conditional(&self) -> bool {
        self.header("if-none-match").is_some() || self.header("if-modified-since").is_some()
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a slow host).
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A feed with an `ETag`, answering 304 to a request that sends it back.
    pub fn etagged(etag: &str, body: &str) -> impl Fn(&Logged) -> Reply + Send + Sync + 'static {
        let (etag, body) = (etag.to_owned(), body.to_owned());
        move |req: &Logged| {
            if req.header("if-none-match") == Some(etag.as_str()) {
                Reply::new(304, "").header("ETag", &etag)
            } else {
                Reply::new(200, &body)
                    .header("ETag", &etag)
                    .header("Content-Type", "application/rss+xml; charset=utf-8")
            }
        }
    }
}

type Route = Arc<dyn Fn(&Logged) -> Reply + Send + Sync>;

/// A server on its own port.
#[derive(Clone)]
pub struct Server {
    pub port: u16,
    log: Arc<Mutex<Vec<Logged>>>,
    routes: Arc<Mutex<HashMap<String, Route>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port");
        let port = listener.local_addr().expect("address").port();
        let server = Server {
            port,
            log: Arc::default(),
            routes: Arc::default(),
        };
        let s = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || s.serve(stream));
            }
        });
        server
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Answers `path` with `route` from now on.
    pub fn route(&self, path: &str, route: impl Fn(&Logged) -> Reply + Send + Sync + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), Arc::new(route));
    }

    /// Answers `path` with the same reply every time.
    pub fn fixed(&self, path: &str, reply: Reply) {
        self.route(path, move |_| reply.clone());
    }

    /// Every request so far.
    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().expect("log").clone()
    }

    /// The requests for `path`.
    pub fn requests(&self, path: &str) -> Vec<Logged> {
        self.log().into_iter().filter(|r| r.path == path).collect()
    }

    fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut writer = stream;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let mut words = line.split_whitespace();
            let method = words.next().unwrap_or_default().to_owned();
            let path = words.next().unwrap_or_default().to_owned();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 {
                    return;
                }
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
            let req = Logged {
                at: Instant::now(),
                method,
                path: path.clone(),
                headers,
            };
            self.log.lock().expect("log").push(req.clone());
            let route = self.routes.lock().expect("routes").get(&path).cloned();
            let reply = route.map_or_else(|| Reply::new(404, "not here"), |r| r(&req));
            std::thread::sleep(reply.delay);
            let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
            for (k, v) in &reply.headers {
                let _ = write!(head, "{k}: {v}\r\n");
            }
            let _ = write!(head, "Content-Length: {}\r\n\r\n", reply.body.len());
            if writer.write_all(head.as_bytes()).is_err() || writer.write_all(&reply.body).is_err()
            {
                return;
            }
        }
    }
}

/// An RSS 2.0 feed of `items`: (guid, link, title, description, pubDate).
pub fn rss(title: &str, lang: &str, items: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>http://example.test/</link><language>{lang}</language>\n"
    );
    for (guid, link, title, body, date) in items {
        let _ = writeln!(
            out,
            "<item><guid isPermaLink=\"false\">{guid}</guid><link>{link}</link>\
             <title>{title}</title><description><![CDATA[<p>{body}</p>]]></description>\
             <pubDate>{date}</pubDate></item>"
        );
    }
    out.push_str("</channel></rss>\n");
    out
}

/// 2027-01-15T08:00:00Z.
pub const T: u64 = 1_800_000_000;
pub const DAY1: &str = "Fri, 15 Jan 2027 07:00:00 +0000";
pub const DAY2: &str = "Sat, 16 Jan 2027 07:00:00 +0000";

pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn subscriptions(&self) -> PathBuf {
        self.path().join("config/qari/feeds.toml")
    }

    pub fn fetched(&self) -> PathBuf {
        self.path().join("data/fetched")
    }

    pub fn state(&self) -> PathBuf {
        self.path().join("state/fetch")
    }

    pub fn subscribe(&self, text: &str) {
        let path = self.subscriptions();
        std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
        std::fs::write(path, text).expect("feeds.toml");
    }

    pub fn qari(&self, now: u64, args: &[&str]) -> Output {
        qari_command(self.path())
            .env("QARI_STATE_DIR", self.path().join("state"))
            .env("QARI_NOW", now.to_string())
            .args(args)
            .output()
            .expect("qari runs")
    }

    /// `qari fetch --json` at `now`: its status and one summary a feed.
    pub fn fetch(&self, now: u64) -> (i32, Vec<Value>, String) {
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
    pub fn stories(&self) -> Vec<Value> {
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
    pub fn files(&self) -> Vec<PathBuf> {
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

pub fn feed_toml(urls: &[&str]) -> String {
    urls.iter()
        .map(|u| ["[[feed]]\nurl = \"", u, "\"\n\n"].concat())
        .collect()
}

/// Requests to one server never less than a second apart.
pub fn assert_paced(server: &Server) {
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

pub fn row<'a>(rows: &'a [Value], url: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["url"] == url)
        .unwrap_or_else(|| panic!("no row for {url} in {rows:?}"))
}

pub fn titles(stories: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = stories
        .iter()
        .map(|s| s["title"].as_str().expect("title").to_owned())
        .collect();
    t.sort();
    t
}

pub const AR_ITEMS: &[(&str, &str, &str, &str, &str)] = &[
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

pub const FA_ITEMS: &[(&str, &str, &str, &str, &str)] = &[(
    "fa-1",
    "http://news.test/fa/rail",
    "خط تازه قطار شهری از هفته آینده به کار می‌افتد",
    "مسافران می‌توانند با همان کارت قبلی سوار شوند.",
    DAY1,
)];

/// Unix seconds as an RFC 822 date (`Fri, 15 Jan 2027 08:00:00 +0000`), for `<pubDate>`.
pub fn rfc822(unix: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix / 86_400;
    let (y, m, d) = qari_fetch::clock::civil_from_days(days.cast_signed());
    let s = unix % 86_400;
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
        DAYS[(days % 7) as usize],
        MONTHS[m as usize - 1],
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}
