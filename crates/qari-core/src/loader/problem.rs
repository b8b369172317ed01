//! Why a file, or one record of it, did not load: the one list of load problems.
//!
//! A problem is data, not a sentence: the command line prints it in English (`Display`, the
//! words qari has always printed), the reader says it in its interface language
//! (`i18n::Msg::Problem`), and the catalog keeps it as it is, so a warm start reports it again
//! in whichever language is asked. What the system or a parser said in its own words (an I/O
//! error, a feed parser's complaint) is kept as `detail` for the English text; the other
//! languages say what kind of problem it was, and where.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a file that is not an article turned out to be (by its first bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    /// WebP images and WAV audio share the RIFF container.
    Riff,
    Zip,
    Gzip,
    SevenZip,
    Rar,
    Program,
}

impl FileKind {
    /// The magic bytes each kind starts with.
    pub const MAGIC: &[(&[u8], FileKind)] = &[
        (b"%PDF-", FileKind::Pdf),
        (b"\x89PNG", FileKind::Png),
        (b"\xff\xd8\xff", FileKind::Jpeg),
        (b"GIF8", FileKind::Gif),
        (b"RIFF", FileKind::Riff),
        (b"PK\x03\x04", FileKind::Zip),
        (b"\x1f\x8b", FileKind::Gzip),
        (b"7z\xbc\xaf", FileKind::SevenZip),
        (b"Rar!", FileKind::Rar),
        (b"\x7fELF", FileKind::Program),
    ];

    /// The kind `bytes` start with, if any.
    pub fn of(bytes: &[u8]) -> Option<FileKind> {
        FileKind::MAGIC
            .iter()
            .find(|(magic, _)| bytes.starts_with(magic))
            .map(|(_, kind)| *kind)
    }

    /// The broad class, for languages that name the class and not the format.
    pub fn class(self) -> FileClass {
        match self {
            FileKind::Pdf => FileClass::Document,
            FileKind::Png | FileKind::Jpeg | FileKind::Gif => FileClass::Image,
            FileKind::Riff => FileClass::Media,
            FileKind::Zip | FileKind::Gzip | FileKind::SevenZip | FileKind::Rar => {
                FileClass::Archive
            }
            FileKind::Program => FileClass::Program,
        }
    }

    fn english(self) -> &'static str {
        match self {
            FileKind::Pdf => "a PDF document",
            FileKind::Png => "a PNG image",
            FileKind::Jpeg => "a JPEG image",
            FileKind::Gif => "a GIF image",
            FileKind::Riff => "a RIFF file (WebP image or audio)",
            FileKind::Zip => "a ZIP archive (or an office document)",
            FileKind::Gzip => "a gzip archive",
            FileKind::SevenZip => "a 7-Zip archive",
            FileKind::Rar => "a RAR archive",
            FileKind::Program => "a program",
        }
    }
}

/// What a [`FileKind`] is, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileClass {
    Document,
    Image,
    Media,
    Archive,
    Program,
}

/// How an I/O failure went, as far as a reader of the message cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IoKind {
    NotFound,
    PermissionDenied,
    Other,
}

impl From<std::io::ErrorKind> for IoKind {
    fn from(kind: std::io::ErrorKind) -> IoKind {
        match kind {
            std::io::ErrorKind::NotFound => IoKind::NotFound,
            std::io::ErrorKind::PermissionDenied => IoKind::PermissionDenied,
            _ => IoKind::Other,
        }
    }
}

/// Where in a JSON file a record is: the N-th record of an array, or the N-th line of a JSON
/// Lines file (both 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordAt {
    Record(usize),
    Line(usize),
}

/// The files that hold several pages (see `loader::container`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Container {
    Mhtml,
    Warc,
    Wacz,
    Epub,
}

impl Container {
    /// The format's name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Container::Mhtml => "MHTML",
            Container::Warc => "WARC",
            Container::Wacz => "WACZ",
            Container::Epub => "EPUB",
        }
    }

    /// What one numbered piece of it is called in English.
    fn piece(self) -> &'static str {
        match self {
            Container::Mhtml => "part",
            Container::Warc | Container::Wacz => "record",
            Container::Epub => "item",
        }
    }
}

/// What was wrong with one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordProblem {
    NotAnObject,
    NoTitle,
    /// A row of a link export (Pocket, Instapaper) with no URL.
    NoUrl,
    /// A CSV row the CSV reader could not read: its words.
    Csv(String),
    /// Not JSON: the parser's words, and where (line and column within the record's text).
    Syntax {
        detail: String,
        line: usize,
        column: usize,
    },
}

/// Why a file or a record did not load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// The file could not be opened or read.
    Unreadable { io: IoKind, detail: String },
    /// A folder could not be listed.
    Unlisted { io: IoKind, detail: String },
    /// A path given (or a link to an article) could not be looked at.
    Inaccessible { io: IoKind, detail: String },
    /// A path given that is neither a file nor a folder (a device, a socket).
    NotFileOrFolder,
    /// Larger than any article (bytes).
    TooLarge(u64),
    /// Another kind of file.
    NotAnArticle(FileKind),
    /// Control bytes: not text.
    Binary,
    /// Not text in any encoding tried (their names).
    Undecodable(String),
    /// Markup nested deeper than [`crate::loader::depth::LIMIT`].
    TooDeep,
    /// A text page with no text at all.
    NoText,
    /// A `.json` file that is not JSON.
    Json {
        detail: String,
        line: usize,
        column: usize,
    },
    /// A zip (or one of its entries) that could not be read: the zip reader's words.
    Zip(String),
    /// A `.csv` file that is not a read-later export qari knows (Pocket, Instapaper).
    NotAnExport,
    /// One record of a JSON or JSON Lines file.
    Record { at: RecordAt, why: RecordProblem },
    /// A feed the parser could not read; `kept`: the items before the break, when a truncated
    /// feed still gave some.
    Feed { detail: String, kept: Option<usize> },
    /// A container (MHTML, WARC, WACZ, EPUB) that could not be read, or one numbered record,
    /// part or item of it (1-based); the others load. `detail`: why, in English.
    Container {
        kind: Container,
        at: Option<usize>,
        detail: String,
    },
}

impl Problem {
    /// An I/O failure while reading a file.
    pub fn unreadable(err: &std::io::Error) -> Problem {
        Problem::Unreadable {
            io: err.kind().into(),
            detail: err.to_string(),
        }
    }

    /// A failure to list a folder.
    pub fn unlisted(err: &std::io::Error) -> Problem {
        Problem::Unlisted {
            io: err.kind().into(),
            detail: err.to_string(),
        }
    }

    /// A failure to look at a path.
    pub fn inaccessible(err: &std::io::Error) -> Problem {
        Problem::Inaccessible {
            io: err.kind().into(),
            detail: err.to_string(),
        }
    }
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordProblem::NotAnObject => f.write_str("not an object"),
            RecordProblem::NoTitle => f.write_str("no title"),
            RecordProblem::Syntax { detail, .. } => f.write_str(detail),
            RecordProblem::NoUrl => f.write_str("no URL"),
            RecordProblem::Csv(detail) => write!(f, "not valid CSV: {detail}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { detail, .. } => write!(f, "cannot read: {detail}"),
            Problem::Unlisted { detail, .. } => write!(f, "cannot list folder: {detail}"),
            Problem::Inaccessible { detail, .. } => f.write_str(detail),
            Problem::NotFileOrFolder => f.write_str("not a file or folder"),
            Problem::TooLarge(len) => write!(f, "too large for an article ({len} bytes)"),
            Problem::NotAnArticle(kind) => write!(f, "{}, not an article", kind.english()),
            Problem::Binary => {
                f.write_str("binary file, not text (UTF-16 text needs a byte-order mark)")
            }
            Problem::Undecodable(tried) => write!(f, "not decodable as text (tried {tried})"),
            Problem::TooDeep => write!(
                f,
                "its markup nests more than {} elements deep (real pages nest a few dozen): \
                 not read",
                super::depth::LIMIT
            ),
            Problem::NoText => f.write_str("no title: the file holds no text"),
            Problem::Json { detail, .. } => write!(f, "invalid JSON: {detail}"),
            Problem::Zip(detail) => write!(f, "not a readable zip: {detail}"),
            Problem::NotAnExport => f.write_str(
                "a CSV file that is not a read-later export (Pocket or Instapaper): not read",
            ),
            Problem::Record {
                at: RecordAt::Record(n),
                why,
            } => write!(f, "record {n}: {why}"),
            Problem::Record {
                at: RecordAt::Line(n),
                why,
            } => write!(f, "line {n}: {why}"),
            Problem::Feed { detail, kept: None } => write!(f, "not a readable feed: {detail}"),
            Problem::Feed {
                detail,
                kept: Some(n),
            } => write!(
                f,
                "not a readable feed: {detail} (truncated or invalid: the {n} items before the \
                 break are read)"
            ),
            Problem::Container {
                kind,
                at: None,
                detail,
            } => write!(f, "{}: {detail}", kind.name()),
            Problem::Container {
                kind,
                at: Some(n),
                detail,
            } => write!(f, "{} {} {n}: {detail}", kind.name(), kind.piece()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_is_what_the_command_line_prints() {
        let p = Problem::Record {
            at: RecordAt::Line(3),
            why: RecordProblem::NoTitle,
        };
        assert_eq!(p.to_string(), "line 3: no title");
        assert_eq!(
            Problem::NotAnArticle(FileKind::Png).to_string(),
            "a PNG image, not an article"
        );
        assert_eq!(FileKind::of(b"%PDF-1.7 ..."), Some(FileKind::Pdf));
        assert_eq!(FileKind::of(b"<html>"), None);
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(matches!(
            Problem::unreadable(&io),
            Problem::Unreadable {
                io: IoKind::PermissionDenied,
                ..
            }
        ));
    }
}
