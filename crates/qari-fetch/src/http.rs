//! The one HTTP client, and the manners every request keeps whoever asks for it (a feed, a
//! page, robots.txt, a feed link's discovery):
//!
//! - **one connection per host, one second apart**: a host (its name and port) has a lock
//!   held for the whole request and a time before which it is not asked again, shared by
//!   every thread, so a redirect to another host waits its turn there too;
//! - **redirects by hand** (ureq's own are off), each hop paced like a request, at most
//!   [`MAX_REDIRECTS`]; a chain of permanent ones (301, 308) from the first hop is reported as
//!   the new address;
//! - **time-outs** for connecting and for the whole exchange, a **size cap** on the body as
//!   sent and again once inflated (`Accept-Encoding: gzip`, inflated here with the core's
//!   flate2), and a **User-Agent** naming qari ([`crate::USER_AGENT`]);
//! - validators sent when the caller has them (`If-None-Match`, `If-Modified-Since`).
//!
//! Why ureq: a maintained, synchronous client (qari has threads, no async runtime), rustls
//! rather than OpenSSL, and small enough to read.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use url::Url;

/// Hops followed after the first request.
pub const MAX_REDIRECTS: usize = 5;

/// A response's headers, names in lower case, in the order sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// The first value of header `name` (lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The validators of a previous response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response, after the redirects.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// The address that answered (the last hop).
    pub url: String,
    pub headers: Headers,
    /// The body, inflated (empty for a 304).
    pub body: Vec<u8>,
    /// Where permanent redirects from the first hop lead: the subscription's new address.
    pub moved: Option<String>,
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    BadUrl(String),
    Dns,
    Connect(String),
    Timeout,
    Tls(String),
    TooLarge(u64),
    TooManyRedirects,
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadUrl(why) => write!(f, "not a web address ({why})"),
            Error::Dns => f.write_str("no such host (DNS)"),
            Error::Connect(why) => write!(f, "cannot connect ({why})"),
            Error::Timeout => f.write_str("timed out"),
            Error::Tls(why) => write!(f, "TLS failed ({why})"),
            Error::TooLarge(cap) => write!(f, "larger than {} MiB: not read", cap >> 20),
            Error::TooManyRedirects => write!(f, "more than {MAX_REDIRECTS} redirects"),
            Error::Other(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

/// The limits of a client.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Least time between two requests to one host.
    pub host_gap: Duration,
    /// Connecting.
    pub connect: Duration,
    /// A whole exchange, body included.
    pub total: Duration,
    /// The body, as sent and once inflated.
    pub max_body: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            host_gap: Duration::from_secs(1),
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_body: 16 << 20,
        }
    }
}

/// A host's turn: held during a request; `None` until its first one.
type Turn = Arc<Mutex<Option<Instant>>>;

/// The client: cheap to clone, shared by the fetch threads.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
    hosts: Arc<Mutex<HashMap<String, Turn>>>,
    /// When an earlier run last asked each host (Unix milliseconds), so that a run started
    /// right after another keeps the gap too.
    earlier: Arc<HashMap<String, u64>>,
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(crate::USER_AGENT)
            .timeout_connect(Some(limits.connect))
            .timeout_global(Some(limits.total))
            .max_idle_connections_per_host(1)
            .build();
        Client {
            agent: config.into(),
            limits,
            hosts: Arc::default(),
            earlier: Arc::default(),
        }
    }

    /// A client that knows when an earlier run last asked each host (see [`Client::history`]).
    pub fn with_history(limits: Limits, earlier: HashMap<String, u64>) -> Client {
        Client {
            earlier: Arc::new(earlier),
            ..Client::new(limits)
        }
    }

    /// When this client (or an earlier run) last asked each host, as Unix milliseconds.
    pub fn history(&self) -> HashMap<String, u64> {
        let mut out = (*self.earlier).clone();
        let now = SystemTime::now();
        let hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        for (host, turn) in hosts.iter() {
            let last = *turn.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(at) = last.and_then(|l| now.checked_sub(l.elapsed())) {
                out.insert(host.clone(), unix_ms(at));
            }
        }
        out
    }

    /// GET `url` with `validators`, following redirects, paced per host.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Response, Error> {
        let mut at = Url::parse(url).map_err(|e| Error::BadUrl(e.to_string()))?;
        let mut moved = None;
        let mut permanent = true;
        for _ in 0..=MAX_REDIRECTS {
            if !matches!(at.scheme(), "http" | "https") {
                return Err(Error::BadUrl(format!(
                    "{} is not http or https",
                    at.scheme()
                )));
            }
            let (status, headers, body) = self.once(&at, validators)?;
            let location = headers
                .get("location")
                .filter(|_| matches!(status, 301 | 302 | 303 | 307 | 308));
            let Some(location) = location else {
                return Ok(Response {
                    status,
                    url: at.to_string(),
                    headers,
                    body,
                    moved,
                });
            };
            let next = at
                .join(location)
                .map_err(|e| Error::BadUrl(format!("redirect to {location}: {e}")))?;
            permanent &= matches!(status, 301 | 308);
            if permanent {
                moved = Some(next.to_string());
            }
            at = next;
        }
        Err(Error::TooManyRedirects)
    }

    /// One request and its body, in the host's turn.
    fn once(&self, url: &Url, validators: &Validators) -> Result<(u16, Headers, Vec<u8>), Error> {
        let turn = self.turn(url);
        let mut last = turn.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(last) = *last {
            let ready = last + self.limits.host_gap;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        let result = self.exchange(url, validators);
        *last = Some(Instant::now());
        result
    }

    fn exchange(&self, url: &Url, v: &Validators) -> Result<(u16, Headers, Vec<u8>), Error> {
        let mut request = self
            .agent
            .get(url.as_str())
            .header("Accept-Encoding", "gzip")
            .header(
                "Accept",
                "application/rss+xml, application/atom+xml, application/feed+json, \
                 application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
            );
        if let Some(etag) = &v.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(lm) = &v.last_modified {
            request = request.header("If-Modified-Since", lm);
        }
        let mut response = request.call().map_err(classify)?;
        let status = response.status().as_u16();
        let headers = Headers(
            response
                .headers()
                .iter()
                .filter_map(|(k, v)| {
                    Some((k.as_str().to_ascii_lowercase(), v.to_str().ok()?.to_owned()))
                })
                .collect(),
        );
        let raw = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_body)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Error::TooLarge(self.limits.max_body),
                e => classify(e),
            })?;
        let gzip = headers
            .get("content-encoding")
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("gzip"));
        let body = if gzip { self.inflate(&raw)? } else { raw };
        Ok((status, headers, body))
    }

    /// A gzip body, inflated up to the size cap.
    fn inflate(&self, raw: &[u8]) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(raw)
            .take(self.limits.max_body + 1)
            .read_to_end(&mut out)
            .map_err(|e| Error::Other(format!("bad gzip body: {e}")))?;
        if out.len() as u64 > self.limits.max_body {
            return Err(Error::TooLarge(self.limits.max_body));
        }
        Ok(out)
    }

    fn turn(&self, url: &Url) -> Turn {
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        let key = host_key(url);
        let earlier = self.earlier.get(&key).copied();
        hosts
            .entry(key)
            .or_insert_with(|| {
                // an earlier run's last request, as an instant of this one
                let ago = unix_ms(SystemTime::now()).saturating_sub(earlier.unwrap_or(0));
                let last =
                    earlier.and_then(|_| Instant::now().checked_sub(Duration::from_millis(ago)));
                Arc::new(Mutex::new(last))
            })
            .clone()
    }
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A host as the manners count it: its name and port.
pub fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The host key of an address given as text (the text itself when it does not parse).
pub fn host_of(url: &str) -> String {
    Url::parse(url).map_or_else(|_| url.to_owned(), |u| host_key(&u))
}

fn classify(e: ureq::Error) -> Error {
    match e {
        ureq::Error::HostNotFound => Error::Dns,
        ureq::Error::Timeout(_) => Error::Timeout,
        ureq::Error::ConnectionFailed => Error::Connect("refused or unreachable".into()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Error::Timeout,
        ureq::Error::Io(io) => Error::Connect(io.to_string()),
        ureq::Error::Tls(why) => Error::Tls(why.to_owned()),
        ureq::Error::Rustls(why) => Error::Tls(why.to_string()),
        ureq::Error::BadUri(why) => Error::BadUrl(why),
        ureq::Error::BodyExceedsLimit(n) => Error::TooLarge(n),
        other => Error::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// A one-shot server: answers every connection's first request with `head` + `body`
    /// after `delay`. Its address.
    fn serve(head: &'static str, body: Vec<u8>, delay: Duration) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let body = body.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                    let mut line = String::new();
                    while reader.read_line(&mut line).unwrap_or(0) > 2 {
                        line.clear();
                    }
                    std::thread::sleep(delay);
                    let mut s = stream;
                    let _ = write!(s, "{head}Content-Length: {}\r\n\r\n", body.len());
                    let _ = s.write_all(&body);
                });
            }
        });
        format!("http://{addr}/feed")
    }

    fn small() -> Limits {
        Limits {
            host_gap: Duration::from_millis(10),
            connect: Duration::from_secs(2),
            total: Duration::from_millis(700),
            max_body: 1024,
        }
    }

    #[test]
    fn bodies_over_the_cap_are_refused_before_and_after_gzip() {
        let url = serve("HTTP/1.1 200 OK\r\n", vec![b'a'; 4096], Duration::ZERO);
        let e = Client::new(small()).get(&url, &Validators::default());
        assert_eq!(e.map(|r| r.status), Err(Error::TooLarge(1024)));

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![0u8; 512 << 10]).expect("gzip");
        let bomb = gz.finish().expect("gzip");
        assert!(
            bomb.len() < 1024,
            "half a megabyte of zeros in {} bytes",
            bomb.len()
        );
        let url = serve(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n",
            bomb,
            Duration::ZERO,
        );
        let e = Client::new(small()).get(&url, &Validators::default());
        assert_eq!(e.map(|r| r.status), Err(Error::TooLarge(1024)));
    }

    #[test]
    fn a_slow_host_times_out() {
        let url = serve(
            "HTTP/1.1 200 OK\r\n",
            b"late".to_vec(),
            Duration::from_secs(3),
        );
        let e = Client::new(small()).get(&url, &Validators::default());
        assert_eq!(e.map(|r| r.status), Err(Error::Timeout));
    }

    #[test]
    fn a_gzip_body_is_inflated() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<rss>خبر</rss>".as_bytes()).expect("gzip");
        let url = serve(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n",
            gz.finish().expect("gzip"),
            Duration::ZERO,
        );
        let r = Client::new(small())
            .get(&url, &Validators::default())
            .expect("a response");
        assert_eq!(String::from_utf8_lossy(&r.body), "<rss>خبر</rss>");
    }
}
