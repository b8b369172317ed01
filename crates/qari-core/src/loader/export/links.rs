//! Exports that hold links only: Pocket (the CSV parts of its 2024–2025 export, and the older
//! `ril_export.html` list) and Instapaper (its CSV, with or without the `Tags` column).
//!
//! None of them kept the article's text, so each record is a *link-only* story: its title,
//! URL, tags and the date it was added, `Saved::link_only` set, no paragraphs. The reader says
//! the text was not saved and opens the link on `o`; search finds it by title.
//!
//! | export | columns / shape | read | starred |
//! |---|---|---|---|
//! | Pocket CSV | `title,url,time_added[,cursor],tags,status` (tags split on `\|`) | `status` = `archive` | — |
//! | Instapaper CSV | `URL,Title,Selection,Folder,Timestamp[,Tags]` (tags a JSON list) | folder `Archive` | folder `Starred` |
//! | Pocket HTML | `<h1>Unread</h1><ul><li><a href time_added tags>` then `<h1>Read Archive</h1>` | under "Read Archive" | — |
//!
//! An Instapaper folder of the user's own is kept as a tag. Columns are found by their header,
//! in any order and any case, so a spreadsheet's re-save still loads.

use dom_query::Document;

use crate::loader::problem::{RecordAt, RecordProblem};
use crate::loader::{Draft, Problem};
use crate::model::Saved;

use super::host;

/// Which link list a CSV header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Pocket,
    Instapaper,
}

impl Kind {
    /// The export a CSV header line belongs to, if any.
    pub(crate) fn of_header(header: &str) -> Option<Kind> {
        let cols: Vec<String> = header
            .trim_start_matches('\u{feff}')
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let has = |name: &str| cols.iter().any(|c| c == name);
        if has("url") && has("title") && has("time_added") {
            Some(Kind::Pocket)
        } else if has("url") && has("title") && has("folder") && has("timestamp") {
            Some(Kind::Instapaper)
        } else {
            None
        }
    }
}

/// Whether a text is a CSV export qari reads (its first line is a known header).
pub(crate) fn is_csv_export(text: &str) -> bool {
    Kind::of_header(text.lines().next().unwrap_or("")).is_some()
}

/// Reads a Pocket or Instapaper CSV. Positions are record numbers (0-based, header not
/// counted); a row with no URL is reported with its line and skipped.
pub(crate) fn parse_csv(text: &str) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let Some(kind) = Kind::of_header(text.lines().next().unwrap_or("")) else {
        return (Vec::new(), vec![Problem::NotAnExport]);
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => return (Vec::new(), vec![csv_problem(&e, 1)]),
    };
    let column = |name: &str| header.iter().position(|c| c == name);
    let (url, title) = (column("url"), column("title"));
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = row
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(csv_problem(&e, line));
                continue;
            }
        };
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(address) = cell(url).filter(|u| u.contains("://")) else {
            problems.push(Problem::Record {
                at: RecordAt::Line(line),
                why: RecordProblem::NoUrl,
            });
            continue;
        };
        let added = match kind {
            Kind::Pocket => cell(column("time_added")),
            Kind::Instapaper => cell(column("timestamp")),
        }
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(crate::loader::date::from_unix);
        let mut draft = link_only(address, cell(title), added);
        match kind {
            Kind::Pocket => {
                draft.tags = cell(column("tags"))
                    .map(|t| t.split('|').map(str::to_owned).collect())
                    .unwrap_or_default();
                draft.saved.read = cell(column("status")).is_some_and(|s| {
                    s.eq_ignore_ascii_case("archive") || s.eq_ignore_ascii_case("archived")
                });
            }
            Kind::Instapaper => {
                match cell(column("folder")) {
                    Some(f) if f.eq_ignore_ascii_case("archive") => draft.saved.read = true,
                    Some(f) if f.eq_ignore_ascii_case("starred") => draft.saved.starred = true,
                    Some(f) if f.eq_ignore_ascii_case("unread") => {}
                    Some(folder) => draft.tags.push(folder.to_owned()),
                    None => {}
                }
                if let Some(tags) = cell(column("tags")) {
                    draft.tags.extend(instapaper_tags(tags));
                }
                // the reader's own selection is the one text Instapaper kept
                if let Some(selection) = cell(column("selection")) {
                    draft.paragraphs.push(format!("❝{selection}❞"));
                }
            }
        }
        drafts.push((i, draft));
    }
    (drafts, problems)
}

/// Instapaper's `Tags` cell: a JSON list of names (`["a","b"]`), or plain comma-separated.
fn instapaper_tags(cell: &str) -> Vec<String> {
    match serde_json::from_str::<Vec<serde_json::Value>>(cell) {
        Ok(items) => items
            .iter()
            .filter_map(|v| {
                v.as_str()
                    .or_else(|| v.get("name").and_then(serde_json::Value::as_str))
                    .map(str::to_owned)
            })
            .collect(),
        Err(_) => cell.split(',').map(str::to_owned).collect(),
    }
}

fn csv_problem(e: &csv::Error, line: usize) -> Problem {
    Problem::Record {
        at: RecordAt::Line(
            e.position()
                .map_or(line, |p| usize::try_from(p.line()).unwrap_or(usize::MAX)),
        ),
        why: RecordProblem::Csv(e.to_string()),
    }
}

/// Whether a page is Pocket's older HTML export (`<title>Pocket Export</title>`).
pub(crate) fn is_pocket_html(head: &str) -> bool {
    let lower = head.to_ascii_lowercase();
    lower.contains("<title>pocket export</title>")
}

/// Reads Pocket's HTML export: every `<a href>` of its lists, read when it comes after the
/// "Read Archive" heading.
pub(crate) fn parse_pocket_html(text: &str) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let doc = Document::from(text);
    let mut drafts = Vec::new();
    let mut read = false;
    for node in &doc.select("h1, a[href]") {
        if node.is("h1") {
            read = node.text().to_lowercase().contains("archive");
            continue;
        }
        let Some(href) = node.attr("href").map(|h| h.trim().to_owned()) else {
            continue;
        };
        if !href.contains("://") {
            continue;
        }
        let title = node.text().trim().to_owned();
        let added = node
            .attr("time_added")
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(crate::loader::date::from_unix);
        let mut draft = link_only(&href, Some(title.as_str()).filter(|t| !t.is_empty()), added);
        draft.saved.read = read;
        draft.tags = node
            .attr("tags")
            .map(|t| t.split(',').map(str::to_owned).collect())
            .unwrap_or_default();
        drafts.push((drafts.len(), draft));
    }
    (drafts, Vec::new())
}

/// A story that is only a link: title (the URL when there is none), URL, its site as source,
/// the date it was added as its saved date. Known by its URL, so renaming it keeps its marks.
fn link_only(url: &str, title: Option<&str>, added: Option<crate::model::Published>) -> Draft {
    Draft {
        title: title.unwrap_or(url).to_owned(),
        source: host(url),
        url: Some(url.to_owned()),
        key: Some(url.to_owned()),
        saved: Saved {
            at: added,
            link_only: true,
            ..Saved::default()
        },
        ..Draft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pocket_csv_both_column_sets() {
        let old = "title,url,time_added,tags,status\n\
                   خبر أول,https://www.a.example/1,1728576752,سياسة|مياه,unread\n\
                   \"Second, with comma\",\"https://b.example/x,y\",1728576753,,archive\n";
        let new = "title,url,time_added,cursor,tags,status\nT,https://c.example/,1700000000,7187623980,x,unread\n";
        let (drafts, problems) = parse_csv(old);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(drafts.len(), 2);
        let first = &drafts[0].1;
        assert_eq!(first.title, "خبر أول");
        assert_eq!(first.tags, ["سياسة", "مياه"]);
        assert_eq!(first.source.as_deref(), Some("a.example"));
        assert!(first.saved.link_only && !first.saved.read);
        assert_eq!(
            first.saved.at.map(|d| d.day()).as_deref(),
            Some("2024-10-10")
        );
        assert!(first.paragraphs.is_empty());
        let second = &drafts[1].1;
        assert_eq!(second.title, "Second, with comma");
        assert_eq!(second.url.as_deref(), Some("https://b.example/x,y"));
        assert!(second.saved.read);
        let (drafts, _) = parse_csv(new);
        assert_eq!(drafts[0].1.tags, ["x"]);
    }

    #[test]
    fn instapaper_csv_folders_tags_and_selection() {
        let text = "URL,Title,Selection,Folder,Timestamp,Tags\n\
                    https://a.example/1,מאמר,,Unread,1700000000,\"[\"\"חדשות\"\"]\"\n\
                    https://a.example/2,Two,a quote,Archive,1700000001,\n\
                    https://a.example/3,Three,,Starred,1700000002,\n\
                    https://a.example/4,Four,,Long reads,1700000003,\n\
                    ,No link,,Unread,1700000004,\n";
        let (drafts, problems) = parse_csv(text);
        assert_eq!(drafts.len(), 4);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().contains("line 6"),
            "{}",
            problems[0]
        );
        assert_eq!(drafts[0].1.tags, ["חדשות"]);
        assert!(drafts[1].1.saved.read);
        assert_eq!(drafts[1].1.paragraphs, ["❝a quote❞"]);
        assert!(drafts[2].1.saved.starred && !drafts[2].1.saved.read);
        assert_eq!(drafts[3].1.tags, ["Long reads"]);
        let classic =
            "URL,Title,Selection,Folder,Timestamp\nhttps://x.example/,X,,Unread,1600000000\n";
        assert!(is_csv_export(classic));
        assert_eq!(parse_csv(classic).0.len(), 1);
    }

    #[test]
    fn a_csv_of_something_else_is_not_an_export() {
        assert!(!is_csv_export("name,price\napple,3\n"));
        let (drafts, problems) = parse_csv("name,price\napple,3\n");
        assert!(drafts.is_empty());
        assert_eq!(problems, [Problem::NotAnExport]);
    }

    #[test]
    fn pocket_html_unread_then_archive() {
        let page = r#"<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
            <h1>Unread</h1><ul>
            <li><a href="https://a.example/1" time_added="1600000000" tags="x,y">عنوان</a></li>
            <li><a href="javascript:void(0)">nothing</a></li></ul>
            <h1>Read Archive</h1><ul>
            <li><a href="https://a.example/2" time_added="1600000001" tags="">Done</a></li>
            </ul></body></html>"#;
        assert!(is_pocket_html(page));
        let (drafts, _) = parse_pocket_html(page);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].1.title, "عنوان");
        assert_eq!(drafts[0].1.tags, ["x", "y"]);
        assert!(!drafts[0].1.saved.read && drafts[1].1.saved.read);
        assert!(drafts[1].1.saved.link_only);
    }
}
