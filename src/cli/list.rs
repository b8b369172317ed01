//! `qari list` and `qari show`: the archive as text or JSON Lines.
//!
//! The JSON is a stable interface (CI and other tools read it), so its fields are spelled out
//! in structs here rather than derived from the model: `list --json` prints one object a line
//! with `id, title, source, published, lang, direction, path, paragraphs, links`; `show --json`
//! adds `body` and `related {read_also, linked_from, similar}`. Load errors go to stderr, one
//! line per file, cleaned of control and direction characters.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{CliResult, ListArgs, ShowArgs};
use crate::bidi::sanitize::{for_log, sanitize};
use crate::library::{Library, LoadError};
use crate::model::{Story, StoryId};

#[derive(Serialize)]
struct LinkJson<'a> {
    label: &'a str,
    target: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct StoryJson<'a> {
    id: String,
    title: &'a str,
    source: Option<&'a str>,
    published: Option<String>,
    lang: &'a str,
    direction: &'static str,
    path: String,
    paragraphs: usize,
    links: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct RelatedJson {
    read_also: Vec<String>,
    linked_from: Vec<String>,
    /// Similar stories, from the search index (`cli::search::similar_for_show`).
    similar: Vec<String>,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    story: StoryJson<'a>,
    body: &'a [String],
    related: RelatedJson,
}

fn story_json(story: &Story) -> StoryJson<'_> {
    let m = &story.meta;
    StoryJson {
        id: m.id.to_string(),
        title: &m.title,
        source: m.source.as_deref(),
        published: m.published.map(|p| p.to_string()),
        lang: &m.lang,
        direction: m.direction.as_str(),
        path: m.origin.path.to_string_lossy().into_owned(),
        paragraphs: m.paragraph_count,
        links: m
            .links
            .iter()
            .map(|l| LinkJson {
                label: &l.label,
                target: l.target.map(|t| t.to_string()),
                url: l.url.as_deref(),
            })
            .collect(),
    }
}

/// Opens the archive and reports load failures on stderr, one line per file.
fn open(paths: &[PathBuf]) -> Library {
    let (library, errors) = Library::open(paths);
    report(&errors);
    library
}

fn report(errors: &[LoadError]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for e in errors {
        // Best effort: a closed stderr must not stop the listing.
        let _ = writeln!(err, "qari: {}", for_log(&e.to_string()));
    }
}

pub fn run_list(args: &ListArgs) -> CliResult {
    let library = open(&args.paths);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.count {
        writeln!(out, "{}", library.len())?;
    } else if args.json {
        for story in library.stories() {
            serde_json::to_writer(&mut out, &story_json(story))?;
            out.write_all(b"\n")?;
        }
    } else {
        for story in library.stories() {
            let m = &story.meta;
            let date = m.published.map(|p| p.to_string()).unwrap_or_default();
            let date = date.get(..10).unwrap_or("");
            let source = m
                .source
                .as_deref()
                .map(|s| format!("  — {}", sanitize(s)))
                .unwrap_or_default();
            writeln!(
                out,
                "{}  {:<10}  {:<2}  {}{}",
                m.id,
                date,
                m.lang,
                sanitize(&m.title),
                source
            )?;
        }
    }
    out.flush()?;
    // Some files failing is normal for a big archive; nothing loading at all is a failure.
    if library.is_empty() && !args.paths.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_show(args: &ShowArgs) -> CliResult {
    let library = open(&args.paths);
    let id = resolve_id(&library, &args.id)?;
    let story = library
        .get(id)
        .ok_or_else(|| format!("no story with id {}", args.id))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let ids = |v: &[StoryId]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        let show = ShowJson {
            story: story_json(story),
            body: &story.paragraphs,
            related: RelatedJson {
                read_also: ids(&library.links_to(id)),
                linked_from: ids(library.linked_from(id)),
                similar: ids(&super::search::similar_for_show(&args.paths, &library, id)),
            },
        };
        serde_json::to_writer(&mut out, &show)?;
        out.write_all(b"\n")?;
    } else {
        write_text(&mut out, &library, story)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, library: &Library, story: &Story) -> io::Result<()> {
    let m = &story.meta;
    writeln!(out, "{}", sanitize(&m.title))?;
    let mut byline = Vec::new();
    if let Some(s) = &m.source {
        byline.push(sanitize(s).into_owned());
    }
    if let Some(a) = &m.author {
        byline.push(sanitize(a).into_owned());
    }
    if let Some(p) = m.published {
        byline.push(p.to_string());
    }
    byline.push(format!("{} {}", m.lang, m.direction.as_str()));
    writeln!(out, "{}", byline.join(" · "))?;
    for p in &story.paragraphs {
        writeln!(out, "\n{}", sanitize(p))?;
    }
    if !m.links.is_empty() {
        writeln!(out)?;
        for l in &m.links {
            let target = l.target.map_or_else(|| "-".repeat(16), |t| t.to_string());
            writeln!(out, "→ {target}  {}", sanitize(&l.label))?;
        }
    }
    for from in library.linked_from(m.id) {
        if let Some(s) = library.get(*from) {
            writeln!(out, "← {from}  {}", sanitize(&s.meta.title))?;
        }
    }
    Ok(())
}

/// A full id, or an unambiguous prefix of one (as people copy them from `qari list`).
pub(super) fn resolve_id(library: &Library, text: &str) -> Result<StoryId, String> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(id) = text.parse::<StoryId>() {
        return Ok(id);
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("bad story id {text:?}: expected hex digits"));
    }
    let mut matches = library
        .stories()
        .iter()
        .map(|s| s.meta.id)
        .filter(|id| id.to_string().starts_with(&text));
    match (matches.next(), matches.next()) {
        (Some(id), None) => Ok(id),
        (None, _) => Err(format!("no story with id {text}")),
        (Some(_), Some(_)) => Err(format!("id prefix {text} matches several stories")),
    }
}
