//! `qari list` and `qari show`: the archive as text or JSON Lines.
//!
//! The JSON is a stable interface (CI and other tools read it), so its fields are spelled out
//! in structs here rather than derived from the model: `list --json` prints one object a line
//! with `id, title, source, author, url, published, lang, direction, path, paragraphs, links,
//! read, starred, saved, link_only, copy_of, event, thread, copies` (`read` and `starred`: the reader's marks, starting from
//! an export's state); `list --json --text` adds each story's `body`; `show --json` adds `body` and
//! `related {read_also, linked_from, similar}`. `list --errors` prints every file that
//! failed to load and why, one a line. Load errors go to stderr, one
//! line per file, cleaned of control and direction characters.
//!
//! The text output is logical order when piped (what scripts and tests read) and laid out for
//! the terminal when stdout is one (`cli::plain`): each field separately, in visual order, rows
//! cut to the terminal width, `show` paragraphs wrapped and right-to-left ones flush right.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::plain::Output;
use super::{CliResult, DisplayArgs, ListArgs, Nothing, ShowArgs};
use qari_core::bidi;
use qari_core::library::Library;
use qari_core::library::filter::{self, Filter, Sort};
use qari_core::library::group::Tier;
use qari_core::library::state::Marks;
use qari_core::model::{StoryId, StoryMeta};

#[derive(Serialize)]
struct LinkJson<'a> {
    label: &'a str,
    target: Option<Shown<StoryId>>,
    url: Option<&'a str>,
}

/// A value written through its `Display` (an id, a date) straight into the JSON, without a
/// string of its own: `list --json` prints 100,000 stories, and their allocations were a
/// good part of the time.
struct Shown<T>(T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A story's links as a JSON array, each converted as it is written.
struct LinksJson<'a>(&'a [qari_core::model::Link]);

impl Serialize for LinksJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|l| LinkJson {
            label: &l.label,
            target: l.target.map(Shown),
            url: l.url.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct StoryJson<'a> {
    id: Shown<StoryId>,
    title: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<Shown<qari_core::model::Published>>,
    lang: &'a str,
    direction: &'static str,
    path: std::borrow::Cow<'a, str>,
    paragraphs: usize,
    links: LinksJson<'a>,
    tags: &'a [String],
    /// The reader's marks (`library::state`), starting from the export's state.
    read: bool,
    starred: bool,
    /// When it was saved (a read-later export, an archiver, a single-file page).
    saved: Option<Shown<qari_core::model::Published>>,
    /// Only the link was saved (Pocket, Instapaper): no text.
    link_only: bool,
    /// The first story of its copy group when it is a later copy of one text.
    copy_of: Option<Shown<StoryId>>,
    /// The first story of its event and of its thread (`None`: alone).
    event: Option<Shown<StoryId>>,
    thread: Option<Shown<StoryId>>,
    /// How many other copies of its text the archive holds.
    copies: usize,
}

/// `list --json --text`: a story with its paragraphs.
#[derive(Serialize)]
struct TextJson<'a> {
    #[serde(flatten)]
    story: StoryJson<'a>,
    body: &'a [String],
}

/// `list --grouped --json`: one group, its first story first.
#[derive(Serialize)]
struct GroupJson<'a> {
    group: Shown<StoryId>,
    size: usize,
    stories: Vec<StoryJson<'a>>,
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

fn story_json<'a>(m: &'a StoryMeta, marks: &Marks, library: &Library) -> StoryJson<'a> {
    StoryJson {
        id: Shown(m.id),
        title: &m.title,
        source: m.source.as_deref(),
        author: m.author.as_deref(),
        url: m.url.as_deref(),
        published: m.published.map(Shown),
        lang: &m.lang,
        direction: m.direction.as_str(),
        path: m.origin.path.to_string_lossy(),
        paragraphs: m.paragraph_count,
        links: LinksJson(&m.links),
        tags: &m.tags,
        read: marks.is_read(m.id),
        starred: marks.is_starred(m.id),
        saved: m.saved.at.map(Shown),
        link_only: m.saved.link_only,
        copy_of: m.group.copy.filter(|&c| c != m.id).map(Shown),
        event: m.group.event.map(Shown),
        thread: m.group.thread.map(Shown),
        copies: library.grouped(m.id, Tier::Copy).len().saturating_sub(1),
    }
}

/// The bodies of stories listed in any order, each file read once: the file last read is
/// kept, so stories in archive order cost one parse per file; out of order, files already
/// read are kept until the listing ends.
struct Bodies<'l> {
    library: &'l Library,
    read: std::collections::HashMap<StoryId, std::sync::Arc<Vec<String>>>,
    keep_all: bool,
}

impl Bodies<'_> {
    fn of(&mut self, id: StoryId) -> std::sync::Arc<Vec<String>> {
        if let Some(body) = self.read.get(&id) {
            return std::sync::Arc::clone(body);
        }
        if let Some(body) = self.library.resident_body(id) {
            return body;
        }
        let Some(file) = self.library.file_of(id) else {
            return std::sync::Arc::default();
        };
        if !self.keep_all {
            self.read.clear();
        }
        self.read.extend(
            self.library
                .read_file(file)
                .into_iter()
                .map(|(m, body)| (m.id, body)),
        );
        self.read.get(&id).cloned().unwrap_or_default()
    }
}

pub fn run_list(args: &ListArgs, display: &DisplayArgs) -> CliResult {
    if args.count
        && !args.narrowed()
        && !args.paths.is_empty()
        && let Some(catalog) = super::open::dirs().catalog(&args.paths)
        && let Some(fresh) = Library::fresh(&args.paths, &catalog)
    {
        // Nothing changed since the catalog was written: its header has the answer.
        super::open::report(&fresh.errors);
        super::open::report_skipped(fresh.skipped);
        let count = fresh.stories;
        writeln!(io::stdout(), "{count}")?;
        if count == 0 {
            return Err(super::open::nothing_loaded(&args.paths).into());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.errors {
        return list_errors(&args.paths);
    }
    let mut filter = Filter::parse(args.filter.as_deref().unwrap_or(""))?;
    filter.set_flag(args.unread.then_some(true), args.starred.then_some(true));
    let (library, save) = super::open::open_deferred(&args.paths);
    let shown = std::thread::scope(|scope| {
        // A changed archive's catalog is written while the list is printed.
        let saving = save.map(|save| scope.spawn(|| save.run(&library)));
        let shown = print_list(args, display, &library, &filter);
        if let Some(saving) = saving {
            match saving.join() {
                Ok(note) => super::open::note(note.as_ref()),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        shown
    })?;
    // Some files failing is normal for a big archive; nothing loading at all is a failure.
    if library.is_empty() && !args.paths.is_empty() {
        return Err(super::open::nothing_loaded(&args.paths).into());
    }
    if shown == 0 && !library.is_empty() {
        // Nothing passed the filter: status 1, as for a search without hits.
        return Err(Nothing(String::new()).into());
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the stories of `library` that pass `filter` as `list` does; how many.
fn print_list(
    args: &ListArgs,
    display: &DisplayArgs,
    library: &Library,
    filter: &Filter,
) -> io::Result<usize> {
    let marks = super::open::marks(library);
    let stories: Vec<&StoryMeta> = match args.sort.as_deref().and_then(Sort::from_name) {
        Some(sort) => filter::ordered(library.stories(), filter, sort, &marks)
            .into_iter()
            .filter_map(|id| library.get(id))
            .collect(),
        None => library
            .stories()
            .iter()
            .filter(|s| filter.matches(s, &marks))
            .collect(),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.grouped {
        let ids: Vec<StoryId> = stories.iter().map(|s| s.id).collect();
        let rows = qari_core::library::group::collapse(&ids, library, &marks);
        let output = Output::for_stdout(display);
        for row in &rows {
            let members = std::iter::once(row.id).chain(row.others.iter().copied());
            if args.json {
                let json = GroupJson {
                    group: Shown(row.id),
                    size: 1 + row.others.len(),
                    stories: members
                        .filter_map(|id| library.get(id))
                        .map(|m| story_json(m, &marks, library))
                        .collect(),
                };
                serde_json::to_writer(&mut out, &json)?;
                out.write_all(b"\n")?;
            } else {
                for (k, m) in members.filter_map(|id| library.get(id)).enumerate() {
                    let indent = if k == 0 { "" } else { "  ↳ " };
                    writeln!(out, "{indent}{}", list_row(m, &output))?;
                }
            }
        }
        out.flush()?;
        return Ok(stories.len());
    }
    if args.count {
        writeln!(out, "{}", stories.len())?;
    } else if args.json && args.text {
        let mut bodies = Bodies {
            library,
            read: std::collections::HashMap::new(),
            keep_all: args.sort.is_some(),
        };
        for story in &stories {
            let body = bodies.of(story.id);
            let json = TextJson {
                story: story_json(story, &marks, library),
                body: &body,
            };
            serde_json::to_writer(&mut out, &json)?;
            out.write_all(b"\n")?;
        }
    } else if args.json {
        for story in &stories {
            serde_json::to_writer(&mut out, &story_json(story, &marks, library))?;
            out.write_all(b"\n")?;
        }
    } else {
        let output = Output::for_stdout(display);
        for story in &stories {
            writeln!(out, "{}", list_row(story, &output))?;
        }
    }
    out.flush()?;
    Ok(stories.len())
}

/// `list --errors`: every file (or JSON record) that failed and why, on stdout, one a line
/// (`path: reason`, cleaned of controls), so it can be piped and counted.
fn list_errors(paths: &[std::path::PathBuf]) -> CliResult {
    let opened = super::open::open_quiet(paths, io::stderr().is_terminal());
    let mut out = BufWriter::new(io::stdout().lock());
    for e in &opened.errors {
        writeln!(out, "{}", bidi::sanitize::for_log(&e.to_string()))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_show(args: &ShowArgs, display: &DisplayArgs) -> CliResult {
    let library = super::open::open(&args.paths);
    let id = super::open::resolve_id(&library, &args.id)?;
    let story = library
        .get(id)
        .ok_or_else(|| Nothing(format!("no story with id {}", args.id)))?;
    // The one file read: this story's.
    let body = library.read_body(id)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let ids = |v: &[StoryId]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        let show = ShowJson {
            story: story_json(story, &super::open::marks(&library), &library),
            body: &body,
            related: RelatedJson {
                read_also: ids(&library.links_to(id)),
                linked_from: ids(library.linked_from(id)),
                similar: ids(&super::search::similar_for_show(&args.paths, &library, id)),
            },
        };
        serde_json::to_writer(&mut out, &show)?;
        out.write_all(b"\n")?;
    } else {
        write_text(
            &mut out,
            &library,
            story,
            &body,
            &Output::for_stdout(display),
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One `qari list` row: `id  date  lang  title  — source`. On a terminal the title and the
/// source are laid out separately and cut so the row fits the width.
fn list_row(m: &StoryMeta, output: &Output) -> String {
    let date = m.published.map(|p| p.to_string()).unwrap_or_default();
    let date = date.get(..10).unwrap_or("");
    let head = format!("{}  {:<10}  {:<2}  ", m.id, date, m.lang);
    let Some(width) = output.width() else {
        let source = m
            .source
            .as_deref()
            .map(|s| format!("  — {}", output.field(s)))
            .unwrap_or_default();
        return format!("{head}{}{source}", output.field(&m.title));
    };
    // Room after the left-to-right columns; the title first, the source in what is left.
    let room = width.saturating_sub(bidi::width(&head)).max(1);
    let title = output.field_within(&m.title, room);
    let left = room.saturating_sub(bidi::width(&title) + 4);
    let source = match m.source.as_deref() {
        Some(s) if left > 0 => format!("  — {}", output.field_within(s, left)),
        _ => String::new(),
    };
    format!("{head}{title}{source}")
}

fn write_text(
    out: &mut impl Write,
    library: &Library,
    m: &StoryMeta,
    body: &[String],
    output: &Output,
) -> io::Result<()> {
    for line in output.paragraph(&m.title) {
        writeln!(out, "{line}")?;
    }
    let mut byline = Vec::new();
    if let Some(s) = &m.source {
        byline.push(output.field(s).into_owned());
    }
    if let Some(a) = &m.author {
        byline.push(output.field(a).into_owned());
    }
    if let Some(p) = m.published {
        byline.push(p.to_string());
    }
    byline.push(format!("{} {}", m.lang, m.direction.as_str()));
    writeln!(out, "{}", byline.join(" · "))?;
    for p in body {
        writeln!(out)?;
        for line in output.paragraph(p) {
            writeln!(out, "{line}")?;
        }
    }
    if !m.links.is_empty() {
        writeln!(out)?;
        for l in &m.links {
            let target = l.target.map_or_else(|| "-".repeat(16), |t| t.to_string());
            writeln!(out, "→ {target}  {}", output.field(&l.label))?;
        }
    }
    for from in library.linked_from(m.id) {
        if let Some(s) = library.get(*from) {
            writeln!(out, "← {from}  {}", output.field(&s.title))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qari_core::bidi::{Align, Options};
    use qari_core::model::{Published, Story};

    const TITLE: &str = "الكرملين يعلن عن محادثات جديدة";
    const SOURCE: &str = "الجزيرة";

    fn arabic_story() -> Story {
        let mut story = qari_core::search::testing::story(
            0x0123_4567_89ab_cdef,
            "a.txt",
            TITLE,
            "قال المتحدث باسم الحكومة إن المحادثات ستستمر حتى نهاية الأسبوع المقبل",
        );
        story.meta.source = Some(SOURCE.to_owned());
        story.meta.published = Some(Published {
            year: 2024,
            month: 4,
            day: 1,
            time: Some((10, 0, 0)),
            offset_minutes: None,
        });
        story
    }

    fn visual(width: usize) -> Output {
        Output::Visual {
            opts: Options::default(),
            width,
            adapt: crate::tui::terminal::output::Adapt::AsLaidOut,
        }
    }

    /// The engine's one-line visual text of `s`, unpadded.
    fn engine(s: &str) -> String {
        let opts = Options {
            align: Align::None,
            ..Options::default()
        };
        qari_core::bidi::layout(s, None, &opts).lines[0]
            .text
            .clone()
    }

    #[test]
    fn piped_row_is_logical_and_unchanged() {
        let row = list_row(&arabic_story().meta, &Output::Logical);
        assert_eq!(
            row,
            format!("0123456789abcdef  2024-04-01  ar  {TITLE}  — {SOURCE}")
        );
    }

    #[test]
    fn terminal_row_lays_out_title_and_source_separately() {
        let row = list_row(&arabic_story().meta, &visual(120));
        let expected = format!(
            "0123456789abcdef  2024-04-01  ar  {}  — {}",
            engine(TITLE),
            engine(SOURCE)
        );
        assert_eq!(row, expected);
        assert_ne!(row, list_row(&arabic_story().meta, &Output::Logical));
    }

    #[test]
    fn terminal_row_fits_the_width() {
        let row = list_row(&arabic_story().meta, &visual(50));
        assert!(qari_core::bidi::width(&row) <= 50, "{row:?}");
        assert!(
            row.starts_with("0123456789abcdef  2024-04-01  ar  …"),
            "{row:?}"
        );
    }

    fn show(story: &Story, output: &Output) -> String {
        let (library, _) = Library::open(&[]);
        let mut out = Vec::new();
        write_text(&mut out, &library, &story.meta, &story.paragraphs, output)
            .expect("writes to a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn piped_show_is_logical() {
        let story = arabic_story();
        let text = show(&story, &Output::Logical);
        let expected = format!(
            "{TITLE}\n{SOURCE} · 2024-04-01T10:00:00 · ar rtl\n\n{}\n",
            story.paragraphs[0]
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn terminal_show_wraps_paragraphs_flush_right() {
        let story = arabic_story();
        let text = show(&story, &visual(30));
        let para: Vec<String> =
            qari_core::bidi::layout(&story.paragraphs[0], Some(30), &Options::default())
                .lines
                .iter()
                .map(|l| format!("{}{}", " ".repeat(l.indent), l.text))
                .collect();
        assert!(para.len() > 1);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            format!("{} · 2024-04-01T10:00:00 · ar rtl", engine(SOURCE))
        );
        assert_eq!(
            lines[3..],
            para.iter().map(String::as_str).collect::<Vec<_>>()[..]
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
