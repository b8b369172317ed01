//! WARC files (`.warc`, `.warc.gz`): every `response` record holding an HTML page with
//! status 200 is a story, read through the HTML path with `WARC-Target-URI` as its URL and
//! `WARC-Date` as its saved date. Requests, revisits, metadata, assets, redirects and errors
//! are skipped. Two captures of one page (same URL, fragment aside) are one story: the later
//! capture's text, at the position of the first.
//!
//! Records are streamed: a header block is read (capped), parsed by the `warc` crate's parser,
//! and the block is read through `take(Content-Length)` — a page is held only while it is
//! turned into a draft, everything else passes through a fixed buffer, so a crawl of any size
//! loads in bounded memory. A gzip WARC is one gzip member a record (as wget, warcio and every
//! archiver write) or one stream: both are read as one multi-member stream, and one that
//! inflates past [`super::inflate_allowance`] is stopped as a bomb.
//!
//! Robustness: a record whose `Content-Length` does not match its block, or junk between
//! records, is reported with the record's number and reading resumes at the next line that
//! starts a record (`WARC/1.`); a file cut short (a truncated gzip, a record cut in its
//! block) keeps every record before the cut.
//!
//! Positions: the running index of distinct pages in the file (a WACZ: across its WARCs in
//! name order), assigned when a page's first capture is met, so reading one story
//! (`want`) extracts only its captures' HTML and stays in step with a full read.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};

use warc::WarcHeader;

use super::{Bounded, MAX_PAGE_BYTES, http, problem, read_capped};
use crate::loader::problem::Container;
use crate::loader::{Draft, Problem, date};

/// The most a WARC header block may take.
const MAX_HEADER_BYTES: u64 = 256 * 1024;

const BAD_LENGTH: &str = "its Content-Length does not match its block: skipped to the next record";

/// A page's best capture so far.
struct Capture {
    /// Unix seconds of `WARC-Date` (captures compare by it; later in the file wins a tie).
    when: i64,
    draft: Draft,
}

/// The pages found so far in one or more WARCs.
pub(crate) struct Scan {
    kind: Container,
    want: Option<usize>,
    /// Page key (URL without fragment) -> position.
    positions: HashMap<String, usize>,
    /// By position; `None` until a capture gave a draft (or when it is not wanted).
    pages: Vec<Option<Capture>>,
    problems: Vec<Problem>,
    /// Records met so far (the number problems name).
    records: usize,
}

/// A record worth keeping, held until its end proves its length right.
struct Pending {
    position: usize,
    capture: Capture,
}

impl Scan {
    pub(crate) fn new(kind: Container, want: Option<usize>) -> Scan {
        Scan {
            kind,
            want,
            positions: HashMap::new(),
            pages: Vec::new(),
            problems: Vec::new(),
            records: 0,
        }
    }

    /// Reads one WARC, plain or gzip (`len`: its size as stored, which bounds inflation).
    pub(crate) fn read(&mut self, input: impl Read, len: u64) {
        let mut r = BufReader::with_capacity(64 * 1024, input);
        let gzip = match r.fill_buf() {
            Ok(head) => head.starts_with(b"\x1f\x8b"),
            Err(e) => {
                self.problems.push(Problem::unreadable(&e));
                return;
            }
        };
        let before = (self.records, self.problems.len());
        if gzip {
            let inflated = flate2::bufread::MultiGzDecoder::new(r);
            let bounded = Bounded::new(inflated, super::inflate_allowance(len));
            self.records(&mut BufReader::with_capacity(64 * 1024, bounded));
        } else {
            self.records(&mut r);
        }
        if (self.records, self.problems.len()) == before {
            self.problem(None, "no WARC record in it (not a WARC)");
        }
    }

    /// The drafts by position, and the problems met.
    pub(crate) fn finish(self) -> (Vec<(usize, Draft)>, Vec<Problem>) {
        let drafts = self
            .pages
            .into_iter()
            .enumerate()
            .filter_map(|(i, page)| page.map(|c| (i, c.draft)))
            .collect();
        (drafts, self.problems)
    }

    fn problem(&mut self, at: Option<usize>, detail: impl Into<String>) {
        self.problems.push(problem(self.kind, at, detail));
    }

    fn records(&mut self, r: &mut impl BufRead) {
        let mut resync = false;
        loop {
            let block = match header_block(r) {
                Ok(Some((block, skipped))) => {
                    if skipped && !resync {
                        let (at, what) = match self.records {
                            0 => (None, "what comes before the first record is not WARC"),
                            n => (Some(n), BAD_LENGTH),
                        };
                        self.problem(at, what);
                    }
                    block
                }
                Ok(None) => return,
                Err(e) => {
                    self.problem(Some(self.records + 1), e);
                    return;
                }
            };
            resync = false;
            self.records += 1;
            let n = self.records;
            let (headers, len) = match parse_headers(&block) {
                Ok(parsed) => parsed,
                Err(e) => {
                    self.problem(Some(n), e);
                    resync = true;
                    continue;
                }
            };
            let mut body = r.by_ref().take(len);
            let pending = match self.record(&headers, &mut body) {
                Ok(pending) => pending,
                Err(e) => {
                    self.problem(Some(n), e);
                    None
                }
            };
            match io::copy(&mut body, &mut io::sink()) {
                Ok(_) if body.limit() == 0 => {}
                Ok(_) => {
                    self.problem(Some(n), "the file ends inside this record (truncated)");
                    return;
                }
                Err(e) => {
                    self.problem(
                        Some(n),
                        format!("cannot read on: {e} (truncated or corrupt)"),
                    );
                    return;
                }
            }
            match trailer(r) {
                Ok(true) => {
                    if let Some(p) = pending {
                        self.keep(p);
                    }
                }
                Ok(false) => {
                    self.problem(Some(n), BAD_LENGTH);
                    resync = true;
                }
                Err(e) => {
                    self.problem(
                        Some(n),
                        format!("cannot read on: {e} (truncated or corrupt)"),
                    );
                    return;
                }
            }
        }
    }

    /// A record's page, if it is one worth keeping: `Ok(None)` for everything skipped.
    fn record(
        &mut self,
        headers: &HashMap<WarcHeader, Vec<u8>>,
        body: &mut impl BufRead,
    ) -> Result<Option<Pending>, String> {
        let text = |h: WarcHeader| headers.get(&h).map(|v| String::from_utf8_lossy(v));
        let is_response =
            text(WarcHeader::WarcType).is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        let http = text(WarcHeader::ContentType).is_none_or(|t| {
            t.trim()
                .to_ascii_lowercase()
                .starts_with("application/http")
        });
        let Some(url) = text(WarcHeader::TargetURI) else {
            return Ok(None);
        };
        if !is_response || !http {
            return Ok(None);
        }
        let url = url
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned();
        let head = http::read_head(body)?;
        if head.status != 200 || !head.is_html().unwrap_or_else(|| sniffs_html(body)) {
            return Ok(None);
        }
        let key = url.split('#').next().unwrap_or(&url).to_owned();
        let next = self.positions.len();
        let position = *self.positions.entry(key).or_insert(next);
        if position == self.pages.len() {
            self.pages.push(None);
        }
        if self.want.is_some_and(|w| w != position) {
            return Ok(None);
        }
        let saved = text(WarcHeader::Date).and_then(|d| super::date(&d));
        let when = saved.as_ref().map_or(i64::MIN, date::to_unix);
        if self.pages[position].as_ref().is_some_and(|c| c.when > when) {
            return Ok(None);
        }
        let raw = read_capped(body, MAX_PAGE_BYTES)
            .map_err(|e| format!("cannot read the page: {e}"))?
            .ok_or("page larger than 16 MB: skipped")?;
        let bytes = http::payload(&head, raw)?;
        let mut draft = super::page(&bytes, head.charset())?;
        draft.url = Some(url);
        draft.saved.at = saved;
        Ok(Some(Pending {
            position,
            capture: Capture { when, draft },
        }))
    }

    fn keep(&mut self, pending: Pending) {
        if let Some(slot) = self.pages.get_mut(pending.position) {
            *slot = Some(pending.capture);
        }
    }
}

/// A payload without a `Content-Type` is HTML when it starts like HTML.
fn sniffs_html(body: &mut impl BufRead) -> bool {
    body.fill_buf().is_ok_and(|head| {
        let lower = head[..head.len().min(512)].to_ascii_lowercase();
        let text = String::from_utf8_lossy(&lower);
        let text = text.trim_start();
        text.starts_with("<!doctype html") || text.starts_with("<html")
    })
}

/// The next record's header block, through its blank line: `Ok(None)` at the end. Lines
/// before the next `WARC/` line are skipped (`skipped` is then true): junk, or what is left
/// of a record whose length was wrong.
fn header_block(r: &mut impl BufRead) -> Result<Option<(Vec<u8>, bool)>, String> {
    let mut line = Vec::new();
    let mut skipped = false;
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read on: {e} (truncated or corrupt)"))?;
        if n == 0 {
            return Ok(None);
        }
        if line.starts_with(b"WARC/") {
            break;
        }
        if !line.iter().all(|b| matches!(b, b'\r' | b'\n')) {
            skipped = true;
        }
    }
    let mut block = line.clone();
    loop {
        line.clear();
        let left = MAX_HEADER_BYTES.saturating_sub(block.len() as u64);
        let n = r
            .by_ref()
            .take(left)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read on: {e} (truncated or corrupt)"))?;
        block.extend_from_slice(&line);
        if n == 0 || !line.ends_with(b"\n") {
            return Err(if left == 0 || n as u64 == left {
                "a header block longer than 256 KB".into()
            } else {
                "the file ends inside a record's headers (truncated)".into()
            });
        }
        if line == b"\r\n" || line == b"\n" {
            return Ok(Some((block, skipped)));
        }
    }
}

/// The headers of a block (by the `warc` crate's parser) and its `Content-Length`.
fn parse_headers(block: &[u8]) -> Result<(HashMap<WarcHeader, Vec<u8>>, u64), String> {
    let (_, (_, headers, _)) = warc::parser::headers(block)
        .map_err(|_| "unreadable WARC headers: skipped to the next record".to_owned())?;
    let mut map = HashMap::with_capacity(headers.len());
    for (name, value) in headers {
        map.entry(WarcHeader::from(name))
            .or_insert_with(|| value.to_vec());
    }
    let len = map
        .get(&WarcHeader::ContentLength)
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or("no valid Content-Length: skipped to the next record")?;
    Ok((map, len))
}

/// The CRLF CRLF that ends a record: true when it is there (or the file ends) and what
/// follows starts the next record. Only line ends are consumed, so a record that follows a
/// short one is not lost.
fn trailer(r: &mut impl BufRead) -> io::Result<bool> {
    let mut ends = 0;
    while ends < 4 {
        let buf = r.fill_buf()?;
        match buf.first() {
            None => return Ok(true),
            Some(b'\r' | b'\n') => {
                r.consume(1);
                ends += 1;
            }
            Some(_) => break,
        }
    }
    let buf = r.fill_buf()?;
    Ok(ends >= 2 && (buf.is_empty() || buf[0] == b'W'))
}

#[cfg(test)]
pub(crate) mod tests;
