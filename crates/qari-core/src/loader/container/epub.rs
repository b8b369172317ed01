//! EPUB (`.epub`): a calibre news issue or a read-later export (wallabag) — each article of
//! the book is a story, with the publication (`dc:title`) as its source and the date
//! (`dc:date`) when the article has none of its own.
//!
//! `META-INF/container.xml` names the package (OPF); the package gives the metadata, the
//! manifest and the spine, read with `quick-xml` ([`package`]). The spine's documents, in
//! order, are read from the zip in place (never unpacked, each capped) and go through the
//! HTML path. What is not an article is skipped: the navigation document, the NCX, non-HTML
//! items, what the guide or landmarks call a cover, title page or table of contents, pages
//! with no text (a masthead picture), the book's own title page (its headline is the book's
//! title) and pages of links (a calibre section index or main menu: links to two or more
//! other documents of the book, calibre's own navigation bar aside). Language and direction
//! come from the page, else from the package (`dc:language`; `dir` on `<package>` or the
//! spine's `page-progression-direction="rtl"`).
//!
//! Positions: the running index of the articles, in spine order.

use std::collections::HashSet;
use std::io::{Read, Seek};

use dom_query::Document;
use zip::ZipArchive;

use super::{MAX_PAGE_BYTES, problem, read_capped};
use crate::loader::problem::Container;
use crate::loader::{Draft, Problem, html, lang};
use crate::model::Direction;
use crate::normalize::fold;

mod package;

use package::Package;

/// The most spine items read from one book.
const MAX_ITEMS: usize = 10_000;

/// The articles of a book, by position, and the problems met.
pub(crate) fn parse<R: Read + Seek>(reader: R) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let mut problems = Vec::new();
    let drafts = match read_book(reader, &mut problems) {
        Ok(drafts) => drafts,
        Err(detail) => {
            problems.push(problem(Container::Epub, None, detail));
            Vec::new()
        }
    };
    (drafts.into_iter().enumerate().collect(), problems)
}

fn read_book<R: Read + Seek>(reader: R, problems: &mut Vec<Problem>) -> Result<Vec<Draft>, String> {
    let mut zip = ZipArchive::new(reader).map_err(|e| format!("not an EPUB: not a zip ({e})"))?;
    let container = entry(&mut zip, "META-INF/container.xml")
        .map_err(|e| format!("not an EPUB: META-INF/container.xml {e}"))?;
    let opf_path = package::rootfile(&container)
        .ok_or("not an EPUB: META-INF/container.xml names no package")?;
    let opf = entry(&mut zip, &opf_path).map_err(|e| format!("its package {opf_path} {e}"))?;
    let book = Package::read(&opf, &opf_path)?;
    let documents: HashSet<&str> = book.items.iter().map(|i| i.path.as_str()).collect();
    let publication = book.publication();
    let mut drafts = Vec::new();
    for (n, item) in book.spine().enumerate().take(MAX_ITEMS) {
        if !item.is_page() || book.is_furniture(item) {
            continue;
        }
        let read = entry(&mut zip, &item.path).and_then(|bytes| {
            super::decode(&bytes, None).map_err(|e| format!("{}: {e}", item.path))
        });
        let text = match read {
            Ok(text) => text,
            Err(e) => {
                problems.push(problem(Container::Epub, Some(n + 1), e));
                continue;
            }
        };
        if links_around(&text, &item.path, &documents) >= 2 {
            continue;
        }
        let mut draft = html::parse(&text);
        let has_text = draft.paragraphs.iter().any(|p| !p.trim().is_empty());
        let title_page = publication
            .as_deref()
            .is_some_and(|p| fold(&draft.title) == fold(p));
        if !has_text || title_page {
            continue;
        }
        if publication.is_some() {
            draft.source.clone_from(&publication);
        }
        if draft.published.is_none() {
            draft.published = book.date;
        }
        book.lay_language(&mut draft);
        drafts.push(draft);
    }
    Ok(drafts)
}

/// One zip entry's bytes, capped (a zip bomb stops at the cap).
fn entry<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|_| "is missing".to_owned())?;
    read_capped(file, MAX_PAGE_BYTES)
        .map_err(|e| format!("cannot be read: {e}"))?
        .ok_or_else(|| "is larger than 16 MB".to_owned())
}

/// How many other documents of the book a page links to (calibre's navigation bar aside):
/// two or more make it a page of links, not an article.
fn links_around(text: &str, path: &str, documents: &HashSet<&str>) -> usize {
    let doc = Document::from(text);
    doc.select(".calibre_navbar").remove();
    let mut targets = HashSet::new();
    for a in &doc.select("a[href]") {
        let Some(href) = a.attr("href") else { continue };
        let href = href.split('#').next().unwrap_or_default();
        if href.is_empty() || href.contains(':') {
            continue;
        }
        let target = package::join(package::dir_of(path), href);
        if target != path && documents.contains(target.as_str()) {
            targets.insert(target);
        }
    }
    targets.len()
}

impl Package {
    /// The publication, without the date calibre appends (`Al Jazeera [Mon, 07 Dec 2026]`).
    fn publication(&self) -> Option<String> {
        let title = self.title.as_deref()?.trim();
        let title = match title.rfind(" [") {
            Some(at) if title.ends_with(']') => title[..at].trim_end(),
            _ => title,
        };
        (!title.is_empty()).then(|| title.to_owned())
    }
}

impl package::Item {
    /// Whether the item is an (X)HTML document.
    fn is_page(&self) -> bool {
        matches!(
            self.media_type.as_str(),
            "application/xhtml+xml" | "text/html" | "application/x-dtbook+xml"
        ) && !self.properties.split_whitespace().any(|p| p == "nav")
    }
}

impl Package {
    /// The package's language and direction, for a page that gives none — when its text is
    /// written in that direction: an issue in Arabic can carry an English article.
    fn lay_language(&self, draft: &mut Draft) {
        let counts = lang::ScriptCounts::of(
            std::iter::once(draft.title.as_str())
                .chain(draft.paragraphs.iter().map(String::as_str)),
        );
        let written = counts.direction();
        let book_dir = self
            .dir
            .or_else(|| self.language.as_deref().map(direction_of_language));
        if book_dir != Some(written) {
            return;
        }
        if draft.lang.is_none() {
            draft.lang.clone_from(&self.language);
        }
        if draft.dir.is_none() {
            draft.dir = Some(written);
        }
    }
}

/// The direction a language is written in, by its primary subtag.
fn direction_of_language(tag: &str) -> Direction {
    let primary = super::super::lang::primary_subtag(tag);
    if matches!(
        primary.as_str(),
        "ar" | "fa" | "he" | "iw" | "ur" | "ps" | "yi" | "ckb" | "sd" | "ug" | "dv" | "ku"
    ) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
pub(crate) mod tests;
