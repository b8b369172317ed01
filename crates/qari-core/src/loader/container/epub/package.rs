//! An EPUB's `container.xml` and package document (OPF), read with `quick-xml` (already in
//! the tree through `feed-rs`): the metadata qari uses, the manifest, the spine, and the
//! items the guide (EPUB 2) or the landmarks' types name as covers, title pages and tables
//! of contents. Paths are resolved to zip entry names here, once.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::model::{Direction, Published};

/// One manifest item.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub id: String,
    /// Its zip entry name.
    pub path: String,
    pub media_type: String,
    pub properties: String,
}

/// What qari reads of a package.
#[derive(Debug, Default)]
pub(super) struct Package {
    pub title: Option<String>,
    pub date: Option<Published>,
    pub language: Option<String>,
    pub dir: Option<Direction>,
    pub items: Vec<Item>,
    spine: Vec<String>,
    /// Paths the guide calls a cover, title page or table of contents.
    furniture: Vec<String>,
}

/// The package's path, from `META-INF/container.xml`.
pub(super) fn rootfile(xml: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "rootfile" => {
                if let Some(path) = attr(&e, "full-path") {
                    return Some(join("", &path));
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

impl Package {
    /// Reads the package at `path` (its items' paths are relative to it).
    pub fn read(xml: &[u8], path: &str) -> Result<Package, String> {
        let base = dir_of(path);
        let mut package = Package::default();
        let mut reader = Reader::from_reader(xml);
        let mut field: Option<&'static str> = None;
        let mut text = String::new();
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("its package {path} is not XML: {e}"))?;
            match event {
                Event::Start(e) if field.is_none() => {
                    field = package.element(&e, base);
                    text.clear();
                }
                Event::Empty(e) => {
                    package.element(&e, base);
                }
                Event::Text(t) if field.is_some() => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if field.is_some() => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else {
                        text.push_str(match r.into_inner().as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
                Event::End(_) if field.is_some() => {
                    package.set(field.take().unwrap_or_default(), text.trim());
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if package.spine.is_empty() {
            return Err(format!(
                "its package {path} has no spine: no documents to read"
            ));
        }
        Ok(package)
    }

    /// Takes an element's attributes; the name of a text field it opens, if any.
    fn element(&mut self, e: &BytesStart<'_>, base: &str) -> Option<&'static str> {
        match e.local_name().as_ref() {
            "package" => {
                self.dir = self
                    .dir
                    .or_else(|| attr(e, "dir").and_then(|d| crate::loader::lang::parse_dir(&d)));
            }
            "title" if self.title.is_none() => return Some("title"),
            "language" if self.language.is_none() => return Some("language"),
            "date" if self.date.is_none() => {
                let event = attr(e, "event").unwrap_or_default();
                if event.is_empty() || event.eq_ignore_ascii_case("publication") {
                    return Some("date");
                }
            }
            "item" => {
                if let (Some(id), Some(href)) = (attr(e, "id"), attr(e, "href")) {
                    self.items.push(Item {
                        id,
                        path: join(base, &href),
                        media_type: attr(e, "media-type").unwrap_or_default(),
                        properties: attr(e, "properties").unwrap_or_default(),
                    });
                }
            }
            "spine" => {
                let rtl = attr(e, "page-progression-direction")
                    .and_then(|d| crate::loader::lang::parse_dir(&d));
                self.dir = self.dir.or(rtl);
            }
            "itemref" => {
                let linear = attr(e, "linear").is_none_or(|l| l != "no");
                if let Some(id) = attr(e, "idref").filter(|_| linear) {
                    self.spine.push(id);
                }
            }
            "reference" => {
                let kind = attr(e, "type").unwrap_or_default().to_ascii_lowercase();
                if let Some(href) = attr(e, "href").filter(|_| is_furniture_type(&kind)) {
                    let path = join(base, &href);
                    self.furniture
                        .push(path.split('#').next().unwrap_or("").to_owned());
                }
            }
            _ => {}
        }
        None
    }

    fn set(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        match field {
            "title" => self.title = Some(value.to_owned()),
            "language" => self.language = Some(value.to_owned()),
            "date" => self.date = crate::loader::date::parse(value),
            _ => {}
        }
    }

    /// The spine's items, in reading order.
    pub fn spine(&self) -> impl Iterator<Item = &Item> {
        let by_id: HashMap<&str, &Item> = self.items.iter().map(|i| (i.id.as_str(), i)).collect();
        self.spine
            .iter()
            .filter_map(move |id| by_id.get(id.as_str()).copied())
    }

    /// Whether the guide, the item's properties or its id call it a cover, title page or
    /// table of contents.
    pub fn is_furniture(&self, item: &Item) -> bool {
        let id = item.id.to_ascii_lowercase();
        self.furniture.contains(&item.path)
            || item
                .properties
                .split_whitespace()
                .any(|p| p == "cover-image")
            || ["cover", "titlepage", "title-page", "toc", "nav"].contains(&id.as_str())
    }
}

fn is_furniture_type(kind: &str) -> bool {
    matches!(
        kind,
        "cover" | "title-page" | "titlepage" | "toc" | "masthead" | "copyright-page"
    )
}

/// An attribute's value, unescaped.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The folder part of a zip entry name (`OEBPS/` of `OEBPS/content.opf`).
pub(super) fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..=at])
}

/// A relative reference resolved against a folder: `..` and `.` applied, `%XX` decoded.
pub(super) fn join(base: &str, href: &str) -> String {
    let href = percent_decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_zip_entries() {
        assert_eq!(
            join("OEBPS/", "feed_0/article_1/index.html"),
            "OEBPS/feed_0/article_1/index.html"
        );
        assert_eq!(join("OEBPS/feed_0/", "../index.html"), "OEBPS/index.html");
        assert_eq!(join("", "My%20Book/a.xhtml"), "My Book/a.xhtml");
        assert_eq!(dir_of("OEBPS/content.opf"), "OEBPS/");
        assert_eq!(dir_of("content.opf"), "");
    }

    #[test]
    fn package_metadata_and_spine() {
        let opf = r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" dir="rtl">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>الرافد &amp; الأخبار [Mon, 07 Dec 2026]</dc:title>
  <dc:date>2026-12-07</dc:date><dc:language>ar</dc:language>
 </metadata>
 <manifest>
  <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  <item id="a" href="text/a.xhtml" media-type="application/xhtml+xml"/>
  <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
 </manifest>
 <spine page-progression-direction="rtl"><itemref idref="cover"/><itemref idref="a"/>
  <itemref idref="nav" linear="no"/></spine>
</package>"#;
        let p = Package::read(opf.as_bytes(), "OEBPS/content.opf").expect("a package");
        assert_eq!(
            p.title.as_deref(),
            Some("الرافد & الأخبار [Mon, 07 Dec 2026]")
        );
        assert_eq!(p.language.as_deref(), Some("ar"));
        assert_eq!(p.dir, Some(Direction::Rtl));
        assert_eq!(p.date.map(|d| d.day()).as_deref(), Some("2026-12-07"));
        let spine: Vec<&str> = p.spine().map(|i| i.path.as_str()).collect();
        assert_eq!(spine, ["OEBPS/cover.xhtml", "OEBPS/text/a.xhtml"]);
        assert!(p.is_furniture(&p.items[2]));
        assert!(Package::read(b"<package><metadata/></package>", "x.opf").is_err());
        assert!(Package::read(b"<package><spine><itemref", "x.opf").is_err());
        let container = br#"<container><rootfiles><rootfile full-path="OEBPS/content.opf"
            media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(container).as_deref(), Some("OEBPS/content.opf"));
    }
}
