//! A small HTTP/1.1 server for the fetcher's tests, on 127.0.0.1 (one port = one host): it
//! logs every request (when, method, path, headers) and answers from routes the test sets and
//! changes between runs. Keep-alive, `Content-Length` bodies, GET only: what the fetcher
//! sends.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
