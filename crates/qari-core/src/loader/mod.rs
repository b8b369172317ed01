//! Stored files -> stories.
//!
//! One file per concern: [`walk`] lists the files of an archive, [`encoding`] turns bytes into
//! text, [`text`] and [`json`] parse the two stored layouts, [`date`] reads published dates,
//! [`lang`] decides language and direction, [`id`] gives stable ids. Everything after the walk
//! is a pure function of a file's path and bytes ([`parse_file`]), so the library parses files
//! in parallel and the tests feed fixtures without a disk.
//!
//! Parsers produce [`Draft`]s (what the file says); [`finish`] adds what is derived (id,
//! language, direction, counts). Links leave the parser unresolved except where the file
//! itself says where they go (an embedded story, a JSON `related` id); the library resolves
//! the rest across the whole archive.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::chars::sanitize::sanitize;
use crate::model::{Direction, Link, Published, Saved, Story};

pub mod bundle;
pub mod calendar;
pub(crate) mod container;
pub mod date;
pub mod depth;
pub mod encoding;
pub(crate) mod export;
pub(crate) mod feed;
mod finish;
pub(crate) mod html;
pub(crate) mod id;
pub(crate) mod json;
pub(crate) mod lang;
pub(crate) mod markdown;
pub mod problem;
pub(crate) mod scraped;
pub(crate) mod vocab;
pub mod walk;
pub mod zipped;

pub use finish::finish;
pub use problem::Problem;

/// A file (or one record of a file) that could not be read or parsed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub problem: Problem,
}

impl LoadError {
    pub fn new(path: impl Into<PathBuf>, problem: Problem) -> LoadError {
        LoadError {
            path: path.into(),
            problem,
        }
    }

    /// Why, in English (what the command line prints).
    pub fn reason(&self) -> String {
        self.problem.to_string()
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for LoadError {}

/// A story as a parser read it, before ids, language and direction are derived.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    pub links: Vec<Link>,
    /// `lang` given by the file (JSON); otherwise detected.
    pub lang: Option<String>,
    /// `dir` given by the file (JSON); otherwise detected.
    pub dir: Option<Direction>,
    /// Tags, keywords or categories the file gives (front matter, feed categories, page
    /// keywords).
    pub tags: Vec<String>,
    /// What identifies the story in its file when its title does not (a feed item's GUID,
    /// Atom id or URL): the id is derived from it, so it stays when the file changes.
    pub key: Option<String>,
    /// Saved date and state recorded by a read-later export, an archiver or a browser.
    pub saved: Saved,
    /// The story's addresses in other languages (`Story::translations`).
    pub translations: Vec<String>,
}

/// The stored layouts qari reads, chosen by file extension and confirmed by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt` and anything else named explicitly: the scraped-page layout or plain text.
    Text,
    /// `.json`: one object or an array of objects (a JSON Feed is recognised by content).
    Json,
    /// `.jsonl` / `.ndjson`: one object a line.
    JsonLines,
    /// `.html` `.htm` `.xhtml`: a saved page.
    Html,
    /// `.md` `.markdown`: a note with optional front matter.
    Markdown,
    /// `.xml` `.rss` `.atom` `.rdf`: RSS, RSS 1.0 (RDF) or Atom; JSON Feeds come as `.json`.
    Feed,
    /// `.csv`: a link export (Pocket, Instapaper), recognised by its header.
    Csv,
    /// `.mht` `.mhtml`: a page saved with its resources as one MIME message.
    Mhtml,
    /// `.warc` `.warc.gz`: a web crawl (streamed from its path).
    Warc,
    /// `.wacz`: WARCs in a zip (streamed from its path).
    Wacz,
    /// `.epub`: a book whose chapters are articles (read from its path).
    Epub,
}

impl Format {
    /// The format of a file, from its extension.
    pub fn of(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("json") => Format::Json,
            Some("jsonl" | "ndjson") => Format::JsonLines,
            Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
            Some("md" | "markdown") => Format::Markdown,
            Some("xml" | "rss" | "atom" | "rdf") => Format::Feed,
            Some("csv") => Format::Csv,
            Some("mht" | "mhtml") => Format::Mhtml,
            Some("warc") => Format::Warc,
            Some("gz") if is_warc_gz(path) => Format::Warc,
            Some("wacz") => Format::Wacz,
            Some("epub") => Format::Epub,
            _ => Format::Text,
        }
    }

    /// The format the decoded text is in: the extension's, unless the content says
    /// otherwise (a saved page or a feed under any name, a JSON Feed in a `.json`).
    pub fn sniff(path: &Path, text: &str) -> Format {
        let by_name = Format::of(path);
        let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let head = head_of(head, 4096);
        let lower = head.to_ascii_lowercase();
        let feed_root = ["<rss", "<feed", "<rdf:rdf", "<rdf "]
            .iter()
            .any(|r| lower.contains(r));
        let markup = lower.starts_with('<');
        let xml_feed = markup && lower.starts_with("<?xml") && feed_root;
        let bare_feed = markup
            && ["<rss", "<feed", "<rdf:rdf"]
                .iter()
                .any(|r| lower.starts_with(r));
        let page = markup
            && (lower.starts_with("<!doctype html")
                || lower.contains("<html")
                || lower.contains("<head")
                || lower.contains("<body"));
        match by_name {
            Format::Json | Format::Text if feed::is_json_feed(head) => Format::Feed,
            Format::Text | Format::Feed | Format::Html
                if xml_feed || (bare_feed && by_name != Format::Html) =>
            {
                Format::Feed
            }
            Format::Text | Format::Feed if page => Format::Html,
            Format::Text if markdown::has_front_matter(head) => Format::Markdown,
            Format::Text if export::links::is_csv_export(head) => Format::Csv,
            other => other,
        }
    }
}

/// Whether a file found while walking a folder is an article file (named files are always
/// read; folders only contribute these extensions, so images, PDFs and archives beside the
/// articles are left alone, and counted).
pub fn is_archive_file(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some(
            "txt"
                | "text"
                | "json"
                | "jsonl"
                | "ndjson"
                | "html"
                | "htm"
                | "xhtml"
                | "shtml"
                | "md"
                | "markdown"
                | "xml"
                | "rss"
                | "atom"
                | "rdf"
                | "csv"
                | "zip"
                | "mht"
                | "mhtml"
                | "warc"
                | "wacz"
                | "epub"
        )
    ) || is_warc_gz(path)
}

/// `name.warc.gz`.
fn is_warc_gz(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(".warc.gz")
    })
}

/// The container format a file is, when it is one read from its path rather than from its
/// bytes (WARC, WACZ, EPUB: see [`container`]), judged by its name and first bytes.
pub fn streamed_format(path: &Path, head: &[u8]) -> Option<Format> {
    container::sniff(path, head).filter(|f| container::streamed(*f))
}

/// Parses a container from its path, streamed (a format [`streamed_format`] gave): every
/// story, or with `want` only the one at that position — the other pages' HTML is not
/// extracted, so reading one story of a big crawl costs one pass over it and one page.
pub fn parse_path(path: &Path, format: Format, want: Option<usize>) -> Parsed {
    let parsed = container::parse_path(path, format, want);
    for error in &parsed.errors {
        log::debug!("not loaded: {error}");
    }
    parsed
}

/// At most the first `max` bytes of a text, cut at a character boundary.
fn head_of(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// What one file gave: its stories, in file order, and the problems met.
#[derive(Debug, Default)]
pub struct Parsed {
    pub stories: Vec<Story>,
    pub errors: Vec<LoadError>,
}

/// Files that belong to the one being parsed, by a path relative to its folder: an Omnivore
/// export's `content/<slug>.html`, an `ArchiveBox` snapshot's renderings. A folder on disk or a
/// zip provides them; a file read alone has none.
pub trait Sidecars {
    /// The bytes of `rel` (a relative path with `/` separators), if there is such a file.
    fn read(&self, rel: &str) -> Option<Vec<u8>>;

    /// The file decoded as text, in whatever encoding it is in.
    fn read_text(&self, rel: &str) -> Option<String> {
        self.read(rel)
            .and_then(|bytes| encoding::decode(&bytes).ok())
            .map(|d| d.text)
    }
}

/// No files beside: what a file given as bytes alone has.
pub struct NoSidecars;

impl Sidecars for NoSidecars {
    fn read(&self, _rel: &str) -> Option<Vec<u8>> {
        None
    }
}

/// In tests: files given by relative path, as text.
#[cfg(test)]
impl<S: std::hash::BuildHasher> Sidecars
    for std::collections::HashMap<&'static str, &'static str, S>
{
    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.get(rel).map(|s| s.as_bytes().to_vec())
    }
}

/// The files beside one on disk, in its folder and below (never above it: a path with `..`
/// or a root is refused), each at most [`SIDECAR_MAX_BYTES`].
pub struct Beside<'p>(pub &'p Path);

/// The largest file read as a sidecar (a saved page with its images inlined can be large).
pub const SIDECAR_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Sidecars for Beside<'_> {
    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        use std::io::Read;
        let rel = Path::new(rel);
        if !rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        let path = self.0.parent()?.join(rel);
        let file = std::fs::File::open(path).ok()?;
        let mut bytes = Vec::new();
        file.take(SIDECAR_MAX_BYTES).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }
}

/// Parses one stored file, reading the files that belong to it from beside it on disk.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Parsed {
    parse_with(path, bytes, &Beside(path))
}

/// Parses one stored file with its sidecars from `sidecars`. Pure when they are: the same
/// path, bytes and sidecars give the same stories.
pub fn parse_with(path: &Path, bytes: &[u8], sidecars: &dyn Sidecars) -> Parsed {
    let parsed = parse_bytes(path, bytes, sidecars);
    for error in &parsed.errors {
        log::debug!("not loaded: {error}");
    }
    log::trace!("{}: {} stories", path.display(), parsed.stories.len());
    parsed
}

fn parse_bytes(path: &Path, bytes: &[u8], sidecars: &dyn Sidecars) -> Parsed {
    // Containers (MHTML, WARC, WACZ, EPUB) before anything else: they are zips, gzips and
    // MIME text, not articles themselves.
    if let Some(format) = container::sniff(path, &bytes[..bytes.len().min(4096)]) {
        return container::parse_bytes(path, format, bytes, None);
    }
    // A zip of articles or an export, read in place (an office document is a zip too: only
    // `.zip` files, or zips under no name qari knows, are opened).
    if zipped::is_zip(bytes) && matches!(extension(path).as_deref(), Some("zip") | None) {
        return zipped::parse(path, bytes);
    }
    // A file that is not text at all, named by its first bytes: named directly, it gets a
    // message that says so instead of "binary file".
    if let Some(kind) = problem::FileKind::of(bytes) {
        return Parsed {
            stories: Vec::new(),
            errors: vec![LoadError::new(path, Problem::NotAnArticle(kind))],
        };
    }
    let text = match encoding::decode(bytes) {
        Ok(decoded) => decoded.text,
        Err(e) => {
            return Parsed {
                stories: Vec::new(),
                errors: vec![LoadError::new(path, e.into())],
            };
        }
    };
    let format = Format::sniff(path, &text);
    // Markup nested absurdly deep is refused before any parser sees it (see `depth`).
    // (A JSON Feed's HTML is checked item by item, where it is turned into paragraphs.)
    let markup = match format {
        Format::Html => true,
        Format::Feed => !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{'),
        _ => false,
    };
    let too_deep = markup.then(|| depth::too_deep(&text)).flatten();
    let (drafts, problems) = match format {
        _ if too_deep.is_some() => (Vec::new(), too_deep.into_iter().collect()),
        Format::Text => {
            match scraped::parse(&sanitize_lines(&encoding::normalize_line_ends(&text))) {
                Ok(drafts) => (drafts.into_iter().enumerate().collect(), Vec::new()),
                Err(reason) => (Vec::new(), vec![reason]),
            }
        }
        Format::Json => json::parse(&text, sidecars),
        Format::JsonLines => json::parse_lines(&text),
        Format::Html if export::links::is_pocket_html(head_of(&text, 2048)) => {
            export::links::parse_pocket_html(&text)
        }
        Format::Html => (vec![(0, html::parse(&text))], Vec::new()),
        Format::Csv => export::links::parse_csv(&text),
        Format::Markdown => (vec![(0, markdown::parse(&text))], Vec::new()),
        Format::Feed => feed::parse(&text),
        // Recognised by `container::sniff` above, or named so without being one: read as
        // the container it says it is, which reports what is wrong with it.
        Format::Mhtml | Format::Warc | Format::Wacz | Format::Epub => {
            return container::parse_bytes(path, format, bytes, None);
        }
    };
    Parsed {
        stories: drafts
            .into_iter()
            .map(|(position, draft)| finish(draft, path, position))
            .collect(),
        errors: problems
            .into_iter()
            .map(|reason| LoadError::new(path, reason))
            .collect(),
    }
}

/// The scraped-page text with each line sanitised on its own (line breaks are the layout
/// there, so they must survive): an escape sequence in front of a headline or a read-also
/// marker no longer hides it from the line classifiers.
fn sanitize_lines(text: &str) -> Cow<'_, str> {
    if !text.lines().any(|l| matches!(sanitize(l), Cow::Owned(_))) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        out.push_str(&sanitize(line));
        out.push('\n');
    }
    out.pop();
    Cow::Owned(out)
}

/// Splits a link label that carries a URL (`Title (https://…)`, `https://…`) into the label
/// and the URL. A bare URL stays the label too, so every link has something to show.
pub fn split_url(text: &str) -> (String, Option<String>) {
    let Some(start) = text.find("https://").or_else(|| text.find("http://")) else {
        return (text.trim().to_owned(), None);
    };
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '»' | '"' | '\''))
        .unwrap_or(rest.len());
    let url = rest[..end]
        .trim_end_matches(['.', ',', '،', ';'])
        .to_owned();
    let label = format!("{}{}", &text[..start], &rest[end..]);
    let label = label
        .trim_matches(|c: char| c.is_whitespace() || "()[]<>«»-–—|:\"'".contains(c))
        .to_owned();
    if label.is_empty() {
        (url.clone(), Some(url))
    } else {
        (label, Some(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/b.JSON")), Format::Json);
        assert_eq!(Format::of(Path::new("b.jsonl")), Format::JsonLines);
        assert_eq!(Format::of(Path::new("b.ndjson")), Format::JsonLines);
        assert_eq!(Format::of(Path::new("b.txt")), Format::Text);
        assert_eq!(Format::of(Path::new("README")), Format::Text);
        assert!(is_archive_file(Path::new("x/y.TXT")));
        assert!(!is_archive_file(Path::new("x/y.png")));
        assert!(!is_archive_file(Path::new("x/Makefile")));
    }

    #[test]
    fn urls_split_from_labels() {
        assert_eq!(
            split_url("عنوان الخبر (https://example.com/a/1)"),
            (
                "عنوان الخبر".to_owned(),
                Some("https://example.com/a/1".to_owned())
            )
        );
        assert_eq!(
            split_url("https://example.com/x."),
            (
                "https://example.com/x".to_owned(),
                Some("https://example.com/x".to_owned())
            )
        );
        assert_eq!(split_url(" title "), ("title".to_owned(), None));
    }

    #[test]
    fn binary_file_is_one_error_and_no_story() {
        let parsed = parse_file(Path::new("img.txt"), &[0x89, b'P', b'N', b'G', 0, 0, 1, 2]);
        let unknown = parse_file(Path::new("blob.txt"), &[0x01, b'Q', 0, 0, 1, 2]);
        assert!(unknown.errors[0].reason().contains("binary"));
        assert!(parsed.stories.is_empty());
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].path, Path::new("img.txt"));
        assert!(
            parsed.errors[0]
                .reason()
                .contains("PNG image, not an article"),
            "{}",
            parsed.errors[0].reason()
        );
    }

    #[test]
    fn control_characters_never_reach_the_model() {
        let draft = Draft {
            title: "Red\u{1b}[31m alert\u{7}\nsecond\u{2028}third".into(),
            paragraphs: vec![
                "tab\there\u{9b}2J".into(),
                "\u{0}\u{1b}".into(),
                "\u{1b}]8;;https://e.example/\u{7}\u{1b}]8;;\u{7}".into(),
                "\t x ".into(),
            ],
            source: Some("src\u{0}".into()),
            ..Draft::default()
        };
        let story = finish(draft, Path::new("a.txt"), 0);
        assert_eq!(story.meta.title, "Red alert second third");
        assert_eq!(story.paragraphs, ["tab here", "x"]);
        assert_eq!(story.meta.paragraph_count, 2);
        assert_eq!(story.meta.source.as_deref(), Some("src"));
    }

    #[test]
    fn finish_derives_id_lang_direction() {
        let draft = Draft {
            title: "عنوان".into(),
            paragraphs: vec!["فقرة أولى".into(), "فقرة ثانية".into()],
            ..Draft::default()
        };
        let story = finish(draft, Path::new("a.txt"), 3);
        assert_eq!(story.meta.id, id::for_title("عنوان"));
        assert_eq!(story.meta.lang, "ar");
        assert_eq!(story.meta.direction, Direction::Rtl);
        assert_eq!(story.meta.paragraph_count, 2);
        assert_eq!(story.meta.origin.position, 3);
    }
}
