//! The interface in English.

// A table is one `match` over every message, however long; the same words in two roles
// (a pane's title and its name in the status bar) stay two arms, as another language may
// need two words.
#![allow(clippy::too_many_lines, clippy::match_same_arms)]

use super::{Msg, Tr};
use crate::action::{Command, Note};
use qari_core::library::filter::Sort;
use qari_core::library::open::CatalogNote;
use qari_core::loader::Problem;

/// `n story` / `n stories`.
fn stories(t: Tr, n: usize) -> String {
    let noun = if n == 1 { "story" } else { "stories" };
    format!("{} {noun}", t.n(n))
}

fn filtered(filter: Option<&str>) -> String {
    filter
        .map(|f| format!(" (filter: {f})"))
        .unwrap_or_default()
}

/// The owner's notes, in English.
fn note(note: &Note) -> String {
    match note {
        Note::BrowserFailed(why) => format!("could not open the browser: {why}"),
        Note::NoChanges => "No changes in the archive".into(),
        Note::SampleUnchanged => "The bundled sample does not change".into(),
        Note::RescanFailed(why) => format!("cannot rescan: {why}"),
        Note::NoClipboard(url) => {
            format!("This terminal cannot take a copy (no OSC 52); the URL: {url}")
        }
        Note::CopyFailed(why) => format!("could not copy: {why}"),
        Note::MarksNotLoaded(why) => format!("read/star state not loaded: {why}"),
        Note::MarksNotSaved(why) => {
            format!("could not save read/star state ({why}): kept in memory this time")
        }
        Note::SessionNotSaved(why) => {
            format!("cannot save the session ({why}): qari keeps it in memory this time")
        }
        Note::StillIndexing => "Still indexing: the search runs when the index is ready".into(),
        Note::SearchFailed(why) => format!("search failed: {why}"),
        Note::IndexInMemory(why) => format!("index kept in memory only: {why}"),
        Note::Catalog(CatalogNote::Rebuilt(why)) => {
            format!("the archive's catalog was rebuilt ({why})")
        }
        Note::Catalog(CatalogNote::NotSaved(why)) => {
            format!("cannot save the archive's catalog ({why}); working from memory")
        }
        Note::Fetched {
            new,
            updated,
            failed,
        } => format!(
            "Feeds fetched: {new} new, {updated} updated, {failed} failed (`qari fetch` says why)"
        ),
        Note::FetchFailed(why) => format!("cannot fetch the feeds: {why}"),
        Note::NoFeeds => "No feeds yet: `qari feeds add URL` subscribes to one".into(),
        Note::LinkNotSaved(why) => format!("could not save the page: {why}"),
    }
}

pub(super) fn text(msg: Msg<'_>, t: Tr) -> String {
    let n = |x: usize| t.n(x);
    let k = |key: &str| t.key(key);
    match msg {
        Msg::Stories { count, unread: 0 } => format!("Stories ({})", n(count)),
        Msg::Stories { count, unread } => format!("Stories ({} · {} unread)", n(count), n(unread)),
        Msg::Reader => "Reader".into(),
        Msg::Related => "Related".into(),
        Msg::NextPane { key } => format!("{}: next pane", k(key)),
        Msg::ListPane => "stories".into(),
        Msg::ReaderPane => "reader".into(),
        Msg::RelatedPane => "related".into(),
        Msg::UnreadWord => "unread".into(),
        Msg::StarredWord => "starred".into(),
        Msg::ReadAlso => "Read also".into(),
        Msg::LinkedFrom => "Linked from".into(),
        Msg::Similar => "Similar".into(),
        Msg::AlsoIn => "Also in".into(),
        Msg::StorySoFar => "Story so far".into(),
        Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus,
        } => format!(
            "{} · {} unread · {}/{} · {focus}",
            stories(t, count),
            n(unread),
            n(pos),
            n(shown)
        ),
        Msg::SearchCounts {
            hits,
            total,
            pos,
            focus,
        } => format!(
            "{} of {} match · {}/{} · {focus}",
            n(hits),
            n(total),
            n(pos),
            n(hits)
        ),
        Msg::ReadingArchive { done, total } => {
            format!("reading the archive: {}/{} files", n(done), n(total))
        }
        Msg::Loading => "loading…".into(),
        Msg::Indexing { percent } => format!("indexing {}", t.percent(percent)),
        Msg::IndexStarting => "indexing…".into(),
        Msg::SearchUnavailable => "search unavailable".into(),
        Msg::Searching => "searching…".into(),
        Msg::FilterLabel => "filter: ".into(),
        Msg::HintHelp => "help".into(),
        Msg::HintPane => "pane".into(),
        Msg::HintOpen => "open".into(),
        Msg::HintBack => "back".into(),
        Msg::HintQuit => "quit".into(),
        Msg::FailedOne { file, key } => format!("failed to load {file} · {}: details", k(key)),
        Msg::ProblemsInFile { n: p, file, key } => {
            format!("{} problems in {file} · {} lists them", n(p), k(key))
        }
        Msg::FilesFailed { n: f, key } => {
            format!("{} files failed to load · {} lists them", n(f), k(key))
        }
        Msg::FilesFailedProblems {
            n: f,
            problems,
            key,
        } => format!(
            "{} files failed to load ({} problems) · {} lists them",
            n(f),
            n(problems),
            k(key)
        ),
        Msg::Rescanning => "Rescanning the archive…".into(),
        Msg::Fetching => "Fetching the feeds in the background…".into(),
        Msg::SaveLinkAsk { n: l, enter, open } => format!(
            "Link {} is not in this archive: {} again saves its page into it, {} opens it in the browser",
            n(l),
            k(enter),
            k(open)
        ),
        Msg::SavingLink => "Saving the page…".into(),
        Msg::EveryFileLoaded => "Every file loaded".into(),
        Msg::NoLinkSelected { down, up } => {
            format!("No link selected: {}/{} move between links", k(down), k(up))
        }
        Msg::NoLinks => "This story has no read-also links".into(),
        Msg::NoSuchLink { count: 1, n: l } => {
            format!("This story has 1 link; there is no link {}", n(l))
        }
        Msg::NoSuchLink { count, n: l } => {
            format!(
                "This story has {} links; there is no link {}",
                n(count),
                n(l)
            )
        }
        Msg::LinkNotHere { n: l, open } => {
            let hint = open
                .map(|o| format!("; {} opens its URL", k(o)))
                .unwrap_or_default();
            format!("Link {} is not in this archive{hint}", n(l))
        }
        Msg::NothingBack => "Nothing to go back to".into(),
        Msg::NothingForward => "Nothing to go forward to".into(),
        Msg::MarkedRead => "Marked read".into(),
        Msg::MarkedUnread => "Marked unread".into(),
        Msg::Starred => "Starred".into(),
        Msg::StarRemoved => "Star removed".into(),
        Msg::Opening { url } => format!("Opening {url}"),
        Msg::NotHttp => "Not opening a URL that is not http(s)".into(),
        Msg::NoUrl => "No URL for this".into(),
        Msg::NoUrlToCopy => "No URL to copy here".into(),
        Msg::Copied { url } => format!("Copied {url}"),
        Msg::NoUnread => "No unread story in this list".into(),
        Msg::LastUnread => "That was the last unread story".into(),
        Msg::UnreadLeft { n: 1 } => "1 unread story left".into(),
        Msg::UnreadLeft { n: u } => format!("{} unread stories left", n(u)),
        Msg::OnlyUnread { key } => format!("Unread stories only · {} again shows all", k(key)),
        Msg::OnlyStarred { key } => format!("Starred stories only · {} again shows all", k(key)),
        Msg::AllStories => "All stories".into(),
        Msg::Undone { n: u } => format!("Undone: {} unread again", stories(t, u)),
        Msg::AllReadAlready => "Every story here is read already".into(),
        Msg::Grouped { on: true, key } => {
            format!("One row per story group · {} shows every story", k(key))
        }
        Msg::Grouped { on: false, key } => {
            format!("Every story on its own row · {} groups them again", k(key))
        }
        Msg::Ungrouped { out: true } => "Taken out of its group (kept across runs)".into(),
        Msg::Ungrouped { out: false } => "Back in its group".into(),
        Msg::NoGroup => "This story has no copies or related write-ups".into(),
        Msg::LengthDiff { paragraphs: 0 } => "same length".into(),
        Msg::LengthDiff { paragraphs: p } => {
            format!("{}{} ¶", if p > 0 { "+" } else { "−" }, n(p.unsigned_abs()))
        }
        Msg::MarkedAllRead { n: m, key } => {
            format!("Marked {} read · {} again undoes", stories(t, m), k(key))
        }
        Msg::SortedBy { sort, ranked } => format!(
            "Sorted by {}{}",
            sort_name(sort),
            if ranked {
                " (search hits stay in rank order)"
            } else {
                ""
            }
        ),
        Msg::SortName(sort) => sort_name(sort).into(),
        Msg::NoFilter => "No filter: all stories".into(),
        Msg::PassFilter { n: 1 } => "1 story passes the filter".into(),
        Msg::PassFilter { n: p } => format!("{} stories pass the filter", n(p)),
        Msg::Filter(err) => err.to_string(),
        Msg::NoMatch {
            query,
            filter,
            search,
            close,
        } => format!(
            "No story matches “{query}”{}; {} edits the search, {} clears it",
            filtered(filter),
            k(search),
            k(close)
        ),
        Msg::Matches {
            n: m,
            filter,
            next,
            prev,
            close,
        } => format!(
            "{} {}{} · {}/{}: next/previous hit · {}: all stories",
            stories(t, m),
            if m == 1 { "matches" } else { "match" },
            filtered(filter),
            k(next),
            k(prev),
            k(close)
        ),
        Msg::NoSearch { key } => format!("No search: {} searches the archive", k(key)),
        Msg::NoHitInStory => "No hit in the text of this story".into(),
        Msg::HitOf { n: h, total } => format!("hit {} of {}", n(h), n(total)),
        Msg::ReaderLoading => "Loading…".into(),
        Msg::ArchiveEmpty => {
            "The archive is empty: give qari files or folders of saved articles.".into()
        }
        Msg::NoStoryOpen { key } => format!("No story open: select one and press {}.", k(key)),
        Msg::BodyFailed { why } => format!("(could not read the story: {why})"),
        Msg::LinkOnly { key } => format!(
            "Only the link to this story was saved, not its text: {} opens it in the browser.",
            k(key)
        ),
        Msg::NoRelated => "No read-also links; nothing links here.".into(),
        Msg::LoadingArchive => "Loading the archive…".into(),
        Msg::NoStoryMatches {
            query,
            search,
            close,
        } => format!(
            "No story matches “{query}”. {} edits the search, {} clears it.",
            k(search),
            k(close)
        ),
        Msg::NoStoryPasses { filter, key } => {
            format!("No story passes “{filter}”. {} edits the filter.", k(key))
        }
        Msg::NoStories => "No stories in this archive.".into(),
        Msg::HelpTitle { help, close } => format!("Keys · {} or {} closes", k(help), k(close)),
        Msg::ErrorsTitle { n: e, key, close } => {
            format!(
                "{} failed to load · {} or {} closes",
                n(e),
                k(key),
                k(close)
            )
        }
        Msg::MoreAbove { n: m } => format!("↑ {} more", n(m)),
        Msg::MoreBelow { n: m } => format!("↓ {} more", n(m)),
        Msg::Note(n) => note(n),
        Msg::Help(action) => help(action).into(),
        Msg::Problem(p) => problem(p, t),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
        Sort::Source => "source",
        Sort::Title => "title",
    }
}

fn help(action: Command) -> &'static str {
    match action {
        Command::Down => "move down / next link",
        Command::Up => "move up / previous link",
        Command::Top => "go to the top",
        Command::Bottom => "go to the end",
        Command::PageDown => "page down",
        Command::PageUp => "page up",
        Command::HalfPageDown => "half a page down",
        Command::HalfPageUp => "half a page up",
        Command::Activate => "open the story / follow the link",
        Command::FocusNext => "focus: list → reader → related",
        Command::FocusPrev => "focus the previous pane",
        Command::FollowLink(_) => "follow read-also link N",
        Command::Back => "back (story and scroll position)",
        Command::Forward => "forward",
        Command::OpenUrl => "open the link's or story's URL in the browser",
        Command::CopyUrl => "copy the link's or story's URL (OSC 52)",
        Command::ToggleRead => "toggle read",
        Command::ToggleStar => "toggle star",
        Command::NextUnread => "open the next unread story",
        Command::UnreadOnly => "unread stories only / all",
        Command::StarredOnly => "starred stories only / all",
        Command::MarkAllRead => "mark the whole list read (again: undo)",
        Command::Filter => "filter: unread starred source: lang: folder: since:",
        Command::Sort => "sort: newest → oldest → source → title",
        Command::Rescan => "rescan the archive for changes",
        Command::ExpandGroup => "show or fold the group's stories",
        Command::ToggleGrouping => "one row per group / every story",
        Command::Ungroup => "take the story out of its group / put it back",
        Command::Fetch => "fetch the feeds that are due, in the background",
        Command::Errors => "files that failed to load",
        Command::Search => "search: words, \"phrases\", -excluded",
        Command::NextHit => "next search hit in the story",
        Command::PrevHit => "previous search hit",
        Command::Help => "show / hide this help",
        Command::Close => "close the help / clear the search",
        Command::Suspend => "suspend (fg resumes)",
        Command::Quit => "quit",
        Command::Resize { .. } | Command::Click { .. } | Command::Wheel { .. } => "",
        Command::Elapsed { .. } => "",
    }
}

fn problem(p: &Problem, _: Tr) -> String {
    p.to_string()
}
