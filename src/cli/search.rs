//! `qari search` and `qari related`: the full-text index from the command line.
//!
//! Output is one line per story, tab-separated — id, date, source, title, then the snippet
//! (search) — in logical order, so it pipes into other tools and `qari render`; `--json` prints
//! JSON Lines. A query without hits prints nothing and ends with status 1, as `grep` does
//! (the status rule of every subcommand: `cli::EXIT_STATUS`). The index is kept in the cache dir
//! (see `search::index`), so the first search of an archive builds it and later ones reuse it.
//! When stdout is a terminal (and qari reorders, `--bidi app`), the source, title and snippet
//! are each laid out in visual order by the bidi engine (`cli::plain`), with the hits in bold
//! after reordering; the columns stay left to right.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::plain::{self, Output};
use super::{CliResult, DisplayArgs, RelatedArgs, SearchArgs};
use qari_core::bidi::sanitize::{for_log, sanitize};
use qari_core::library::Library;
use qari_core::library::folders::{self, Stamp};
use qari_core::library::group::Tier;
use qari_core::model::{StoryId, StoryMeta};

use qari_core::search::query::one_line;
use qari_core::search::{Location, SearchIndex};

/// Indexing at least this many stories is announced on stderr.
const TELL_INDEXING_FROM: usize = 2000;

/// Loads the archive (reporting files that failed) and opens its index.
fn open(paths: &[PathBuf]) -> Result<(Library, SearchIndex), Box<dyn std::error::Error>> {
    let library = super::open::open(paths);
    // A first search of a large archive takes a while: say why, once, on a terminal.
    let mut told = !io::stderr().is_terminal();
    let mut progress = |p: qari_core::search::Progress| {
        if !told && p.total >= TELL_INDEXING_FROM {
            eprintln!(
                "qari: indexing {} stories (once; later searches reuse the index)…",
                p.total
            );
            told = true;
        }
    };
    let (index, _stats, cache_error) =
        SearchIndex::open_for_archive(&super::open::dirs(), paths, &library, &mut progress)?;
    if let Some(err) = cache_error {
        eprintln!(
            "qari: index kept in memory only ({})",
            for_log(&err.to_string())
        );
    }
    Ok((library, index))
}

/// The status after printing: a write error is an error (`cli::main` ends a closed pipe
/// quietly); no line printed is "nothing matched" (status 1, no message, as `grep`).
fn finish(result: io::Result<()>, printed: usize) -> CliResult {
    result?;
    if printed == 0 {
        return Err(super::Nothing(String::new()).into());
    }
    Ok(ExitCode::SUCCESS)
}

/// One field of an output line: no controls, and no tab or line break that would split it.
fn clean(text: &str) -> String {
    sanitize(&one_line(text)).into_owned()
}

/// Terminal tab stops are every this many columns.
const TAB: usize = 8;

/// The terminal column after printing `s` from column `at` (tabs to the next stop).
fn advance(at: usize, s: &str) -> usize {
    s.split('\t').enumerate().fold(at, |col, (i, part)| {
        let col = if i == 0 { col } else { (col / TAB + 1) * TAB };
        col + qari_core::bidi::width(part)
    })
}

/// What is left of the terminal row after printing `line`, or no limit.
fn room(line: &str, output: &Output) -> usize {
    output
        .width()
        .map_or(usize::MAX, |w| w.saturating_sub(advance(0, line)))
}

/// The id, date, source and title columns of a story. On a terminal the source and the title
/// are laid out and cut so the row does not wrap (a wrapped right-to-left line reads in the
/// wrong order): the source gets at most a quarter of the room after the date, the title what
/// is then left — half of it when a `snippet` follows, which gets the rest.
fn columns(m: &StoryMeta, snippet: bool, output: &Output) -> String {
    let published = m.published.map(|p| p.to_string());
    row(
        m.id,
        published.as_deref(),
        m.source.as_deref(),
        &m.title,
        snippet,
        output,
    )
}

/// [`columns`] from the fields themselves (a search hit carries them from the index).
fn row(
    id: StoryId,
    published: Option<&str>,
    source: Option<&str>,
    title: &str,
    snippet: bool,
    output: &Output,
) -> String {
    let mut line = format!("{id}\t{}\t", published.unwrap_or("-"));
    let source = source.map_or_else(
        || "-".to_owned(),
        |s| {
            output
                .field_within(&one_line(s), room(&line, output) / 4)
                .into_owned()
        },
    );
    line.push_str(&source);
    line.push('\t');
    let title = output
        .field_within(
            &one_line(title),
            room(&line, output) / if snippet { 2 } else { 1 },
        )
        .into_owned();
    line.push_str(&title);
    line
}

/// The snippet as printed after `columns` and a tab: logical (see [`snippet_text`]), or laid
/// out and cut to what is left of the row, hits in bold if `bold`.
fn snippet_for(
    snippet: &str,
    highlights: &[Range<usize>],
    bold: bool,
    columns: &str,
    output: &Output,
) -> String {
    match output {
        Output::Logical => snippet_text(snippet, highlights, bold),
        Output::Visual { opts, adapt, .. } => {
            let cells = room(&format!("{columns}\t"), output);
            let line = plain::field_line(&one_line(snippet), cells, *opts);
            if bold {
                plain::bold_hits(&line, highlights, adapt)
            } else {
                adapt.text(line.text)
            }
        }
    }
}

/// The snippet, with its hits in bold when writing to a terminal.
fn snippet_text(snippet: &str, highlights: &[Range<usize>], bold: bool) -> String {
    if !bold {
        return clean(snippet);
    }
    let mut out = String::new();
    let mut at = 0;
    for r in highlights {
        let (Some(before), Some(hit)) = (snippet.get(at..r.start), snippet.get(r.clone())) else {
            continue;
        };
        out.push_str(&clean(before));
        out.push_str("\x1b[1m");
        out.push_str(&clean(hit));
        out.push_str("\x1b[0m");
        at = r.end;
    }
    out.push_str(&clean(snippet.get(at..).unwrap_or("")));
    out
}

/// The warm path of `qari search`: when nothing changed and the index holds exactly the
/// catalog's files, the index alone answers — no story decoded, no article file read.
/// "Nothing changed" is first asked of the folders (`library::folders`: one `stat` per
/// folder), unless `rescan`; then of every file (`Library::fresh`: one `stat` per file).
fn open_warm(paths: &[PathBuf], rescan: bool) -> Option<SearchIndex> {
    if paths.is_empty() {
        return None;
    }
    let dirs = super::open::dirs();
    let catalog = dirs.catalog(paths)?;
    let location = Location::for_archive(&dirs, paths)?;
    let archive = qari_core::library::Archive::new(paths);
    if !rescan
        && let Some(stamp) = Stamp::read(&folders::beside(&catalog), &archive)
        && stamp.holds(&archive)
        && let Some(index) = SearchIndex::open_if_current(&location, stamp.digest)
    {
        super::open::report(&stamp.errors(&archive));
        super::open::report_skipped(stamp.skipped);
        return Some(index);
    }
    let fresh = Library::fresh(paths, &catalog)?;
    let index = SearchIndex::open_if_current(&location, fresh.digest)?;
    super::open::report(&fresh.errors);
    super::open::report_skipped(fresh.skipped);
    Some(index)
}

/// One line of `qari search --json`.
#[derive(serde::Serialize)]
struct HitLine<'a> {
    id: String,
    title: &'a str,
    source: Option<&'a str>,
    published: Option<&'a str>,
    score: f32,
    snippet: &'a str,
    /// The story's group (`library::group`), and how many other hits of it are folded into
    /// this one.
    group: Option<String>,
    group_hits: usize,
}

/// Hits in rank order, each group's best hit standing for the others (with their count), at
/// most `limit`. The group is the library's when it is loaded, else the one the index stored.
fn fold_groups(
    hits: Vec<qari_core::search::Hit>,
    library: Option<&Library>,
    limit: usize,
) -> Vec<(qari_core::search::Hit, usize)> {
    let mut out: Vec<(qari_core::search::Hit, usize)> = Vec::new();
    let mut at: std::collections::HashMap<StoryId, usize> = std::collections::HashMap::new();
    for hit in hits {
        let group = match library {
            Some(l) => l.get(hit.id).and_then(|m| m.group.listed()),
            None => hit.group,
        };
        match group.and_then(|g| at.get(&g).copied()) {
            Some(k) => out[k].1 += 1,
            None if out.len() < limit => {
                if let Some(g) = group {
                    at.insert(g, out.len());
                }
                out.push((hit, 0));
            }
            None => {}
        }
    }
    out
}

pub fn run_search(args: &SearchArgs, display: &DisplayArgs) -> CliResult {
    let trace = qari_core::trace::Trace::start();
    let (library, index) = if let Some(index) = open_warm(&args.paths, args.rescan) {
        (None, index)
    } else {
        let (library, index) = open(&args.paths)?;
        (Some(library), index)
    };
    if library.as_ref().is_some_and(Library::is_empty) && !args.paths.is_empty() {
        return Err(super::open::nothing_loaded(&args.paths).into());
    }
    trace.mark("open");
    // More than the limit, so that the groups folded away still leave `limit` rows.
    let hits = index.search(&args.query, args.limit.saturating_mul(3))?;
    let hits = fold_groups(hits, library.as_ref(), args.limit);
    trace.mark("search");
    if hits.is_empty()
        && library.is_none()
        && let Some(catalog) = super::open::dirs().catalog(&args.paths)
        && let Some((0, _)) = Library::count_if_fresh(&args.paths, &catalog)
    {
        return Err(super::open::nothing_loaded(&args.paths).into());
    }
    let mut printed = 0;
    let bold = !args.json && io::stdout().is_terminal();
    let output = Output::for_stdout(display);
    // Buffered: thousands of hits are thousands of lines, each a write of its own through
    // the standard output's line buffer.
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = hits.iter().try_for_each(|(hit, folded)| {
        // A hit the library does not have (an index out of step) is left out.
        if library.as_ref().is_some_and(|l| l.get(hit.id).is_none()) {
            return Ok(());
        }
        printed += 1;
        if args.json {
            let line = HitLine {
                id: hit.id.to_string(),
                title: &hit.title,
                source: hit.source.as_deref(),
                published: hit.published.as_deref(),
                score: hit.score,
                snippet: &hit.snippet,
                group: hit.group.map(|g| g.to_string()),
                group_hits: *folded,
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)
        } else {
            let title = match folded {
                0 => std::borrow::Cow::Borrowed(hit.title.as_str()),
                n => std::borrow::Cow::Owned(format!("{} (+{n})", hit.title)),
            };
            let columns = row(
                hit.id,
                hit.published.as_deref(),
                hit.source.as_deref(),
                &title,
                true,
                &output,
            );
            let snippet = snippet_for(&hit.snippet, &hit.highlights, bold, &columns, &output);
            writeln!(out, "{columns}\t{snippet}")
        }
    });
    let result = result.and_then(|()| out.flush());
    trace.mark("print");
    finish(result, printed)
}

pub fn run_related(args: &RelatedArgs, display: &DisplayArgs) -> CliResult {
    let (library, index) = open(&args.paths)?;
    let id = super::open::resolve_id(&library, &args.id)?;
    if library.get(id).is_none() {
        return Err(super::Nothing(format!("no story with id {id} in this archive")).into());
    }
    // Its copies, the other write-ups of its event and its thread first, then the index's
    // similar stories.
    let mut related: Vec<(StoryId, &str)> = Vec::new();
    for (tier, name) in [
        (Tier::Copy, "copy"),
        (Tier::Event, "event"),
        (Tier::Thread, "thread"),
    ] {
        for &other in library.grouped(id, tier) {
            if other != id && !related.iter().any(|r| r.0 == other) {
                related.push((other, name));
            }
        }
    }
    for other in index.similar(&library, id, args.limit)? {
        if !related.iter().any(|r| r.0 == other) {
            related.push((other, "similar"));
        }
    }
    let output = Output::for_stdout(display);
    let mut out = io::stdout().lock();
    let mut printed = 0;
    let result = related
        .iter()
        .filter_map(|&(s, relation)| Some((library.get(s)?, relation)))
        .take(
            args.limit
                .max(related.iter().filter(|r| r.1 != "similar").count()),
        )
        .try_for_each(|(story, relation)| {
            printed += 1;
            if args.json {
                let m = story;
                let line = json!({
                    "id": m.id.to_string(),
                    "title": m.title,
                    "source": m.source,
                    "published": m.published.map(|p| p.to_string()),
                    "relation": relation,
                });
                writeln!(out, "{line}")
            } else {
                writeln!(out, "{}", columns(story, false, &output))
            }
        });
    finish(result, printed)
}

/// How many similar stories `show --json` lists.
pub(super) const SHOW_SIMILAR: usize = 5;

/// The stories similar to `id`, for `qari show --json` (`related.similar`). Search problems
/// are reported on stderr and give an empty list: `show` is about the story, not the index.
pub(super) fn similar_for_show(paths: &[PathBuf], library: &Library, id: StoryId) -> Vec<StoryId> {
    let result = SearchIndex::open_for_archive(&super::open::dirs(), paths, library, &mut |_| {})
        .and_then(|(index, _, _)| index.similar(library, id, SHOW_SIMILAR));
    result.unwrap_or_else(|err| {
        eprintln!("qari: {}", for_log(&err.to_string()));
        Vec::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_snippet_keeps_text_and_marks_hits() {
        let s = "قال الكرملين اليوم";
        let start = s.find("الكرملين").expect("present");
        let r = start..start + "الكرملين".len();
        let plain = snippet_text(s, std::slice::from_ref(&r), false);
        assert_eq!(plain, s);
        let bold = snippet_text(s, &[r], true);
        assert_eq!(bold, "قال \x1b[1mالكرملين\x1b[0m اليوم");
    }

    #[test]
    fn controls_in_titles_are_removed() {
        assert_eq!(clean("a\tb\x1b[2Jc"), "a bc");
    }

    #[test]
    fn piped_columns_and_snippet_are_logical() {
        let story = qari_core::search::testing::story(1, "a.txt", "عنوان\tالخبر", "نص");
        assert_eq!(
            columns(&story.meta, true, &Output::Logical),
            "0000000000000001\t-\t-\tعنوان الخبر"
        );
        let s = "قال الكرملين اليوم";
        assert_eq!(snippet_for(s, &[], false, "", &Output::Logical), s);
    }

    #[test]
    fn terminal_columns_and_snippet_are_the_engine_output() {
        let opts = qari_core::bidi::Options::default();
        let output = Output::Visual {
            opts,
            width: 100,
            adapt: crate::tui::terminal::output::Adapt::AsLaidOut,
        };
        let story = qari_core::search::testing::story(1, "a.txt", "عنوان الخبر", "نص");
        let title = qari_core::bidi::layout("عنوان الخبر", None, &opts).lines[0]
            .text
            .clone();
        assert_eq!(
            columns(&story.meta, true, &output),
            format!("0000000000000001\t-\t-\t{title}")
        );
        let s = "قال الكرملين اليوم";
        let visual = qari_core::bidi::layout(s, None, &opts).lines[0]
            .text
            .clone();
        assert_eq!(snippet_for(s, &[], false, "", &output), visual);
        let start = s.find("الكرملين").expect("present");
        let hit = start..start + "الكرملين".len();
        let bold = snippet_for(s, std::slice::from_ref(&hit), true, "", &output);
        assert_eq!(bold.replace("\x1b[1m", "").replace("\x1b[0m", ""), visual);
    }

    #[test]
    fn tabs_advance_to_the_next_stop() {
        assert_eq!(advance(0, "abc"), 3);
        assert_eq!(advance(0, "abc\t"), 8);
        assert_eq!(advance(0, "0123456789abcdef\t-\tx"), 33);
        assert_eq!(advance(0, "عنوان\t"), 8);
    }

    #[test]
    fn terminal_rows_do_not_wrap() {
        let opts = qari_core::bidi::Options::default();
        let output = Output::Visual {
            opts,
            width: 60,
            adapt: crate::tui::terminal::output::Adapt::AsLaidOut,
        };
        let mut story = qari_core::search::testing::story(
            1,
            "a.txt",
            "الكرملين يعلن عن محادثات جديدة مع الجانب الأوكراني",
            "نص",
        );
        story.meta.source = Some("وكالة المغرب العربي للأخبار".to_owned());
        let columns = columns(&story.meta, true, &output);
        let s = "قال الكرملين اليوم إن المحادثات ستستمر حتى نهاية الأسبوع";
        let snippet = snippet_for(s, &[], false, &columns, &output);
        let row = format!("{columns}\t{snippet}");
        assert!(advance(0, &row) <= 60, "{row:?}");
        assert!(row.starts_with("0000000000000001\t-\t…"), "{row:?}");
        assert!(snippet.starts_with('…'), "{row:?}");
    }
}
