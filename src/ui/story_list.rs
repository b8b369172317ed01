//! Draws the story list: one row per story — unread mark, star, date, source, title.
//!
//! ```text
//! ┌ Stories ─────────────────────────────────────┐
//! │•★ 2 May 2024 الأمصار       …عنوان الخبر الطويل│  right-to-left title, flush right
//! │   1 May 2024 Reuters      An English title   │  read story: no mark
//! └──────────────────────────────────────────────┘
//! ```
//!
//! A right-to-left interface mirrors the columns: the marks at the right edge, then the
//! date, the source and the title towards the left. Each field still sits flush with its own
//! text's start (an English title flush left in its column, an Arabic one flush right).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::View;
use crate::action::Command;
use crate::app::Focus;
use crate::app::layout::inner;
use crate::app::story_list::{Row, SOURCE_CELLS};
use crate::i18n::Msg;
use qari_core::bidi::VisualLine;
use qari_core::library::filter::Sort;
use qari_core::model::Direction;

use super::{paint, paint_text};

/// The list's title: how many stories, how many unread, and what narrows and orders them
/// (`Stories (12 · 5 unread) · unread lang:ar · oldest · /كرملين`).
pub fn title(view: &View<'_>) -> String {
    let count = view.app.list().order.len();
    let (unread, _) = view.app.unread_counts();
    let tr = view.app.tr();
    let mut parts = vec![view.app.text(Msg::Stories { count, unread })];
    if !view.app.view().filter.is_empty() {
        parts.push(tr.quote(&view.app.filter_shown()));
    }
    if view.app.view().sort != Sort::default() {
        parts.push(view.app.text(Msg::SortName(view.app.view().sort)));
    }
    if let Some(q) = &view.app.search().active {
        parts.push(tr.quote(&format!("/{}", q.text)));
    }
    parts.join(" · ")
}

pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    // The title can hold article text (a source's name, the query): painted through the
    // bidi engine over the border, not handed to ratatui.
    super::pane_frame(view, Focus::List, area, &title(view), buf);
    let body = inner(area).intersection(area);
    if body.is_empty() {
        return;
    }
    if view.app.list().order.is_empty() {
        let tr = view.app.tr();
        let (search, close) = (
            view.app.key_name(Command::Search),
            view.app.key_name(Command::Close),
        );
        let text = if view.app.is_loading() {
            view.app.text(Msg::LoadingArchive)
        } else if let Some(q) = &view.app.search().active {
            if q.hits.is_some() {
                let query = tr.quote(&q.text);
                view.app.text(Msg::NoStoryMatches {
                    query: &query,
                    search,
                    close,
                })
            } else {
                view.app.text(Msg::Searching)
            }
        } else if !view.app.view().filter.is_empty() {
            let filter = tr.quote(&view.app.filter_shown());
            view.app.text(Msg::NoStoryPasses {
                filter: &filter,
                key: view.app.key_name(Command::Filter),
            })
        } else {
            view.app.text(Msg::NoStories)
        };
        let text = text.as_str();
        paint_text(
            buf,
            body,
            body.y,
            text,
            Style::new().add_modifier(Modifier::DIM),
            view,
        );
        return;
    }
    let shown = view.app.list().offset..view.app.list().offset + usize::from(body.height);
    for (i, row) in shown.filter_map(|i| Some((i, view.app.list().rows.get(&i)?))) {
        let y = body.y + (i - view.app.list().offset) as u16;
        render_row(view, body, y, i, row, buf);
    }
}

/// One story row at line `y`: marks, date, source, title, from the interface's start edge.
fn render_row(view: &View<'_>, body: Rect, y: u16, i: usize, row: &Row, buf: &mut Buffer) {
    let cols = view.app.list().columns;
    let focused = view.app.focus() == Focus::List;
    let read = view.app.marks().is_read(row.id);
    let mut style = Style::new();
    if !read {
        style = style.add_modifier(Modifier::BOLD);
    }
    if i == view.app.list().selected {
        style = style.add_modifier(if focused {
            Modifier::REVERSED
        } else {
            Modifier::UNDERLINED
        });
        buf.set_style(Rect::new(body.x, y, body.width, 1), style);
    }
    let mirrored = view.app.screen().mirrored();
    let (left, width) = (usize::from(body.x), usize::from(body.width));
    // The screen column of a field `cells` wide starting `from` cells in from the start edge
    // (`None` when it does not fit).
    let place = |from: usize, cells: usize| -> Option<(u16, u16)> {
        let cells = cells.min(width.checked_sub(from)?);
        let x = if mirrored {
            left + width - from - cells
        } else {
            left + from
        };
        Some((x as u16, cells as u16))
    };
    let put = |buf: &mut Buffer, from: usize, s: &str| {
        if let Some((x, 1..)) = place(from, 1)
            && let Some(cell) = buf.cell_mut((x, y))
        {
            cell.set_symbol(s).set_style(style);
        }
    };
    put(buf, 0, if read { " " } else { "•" });
    let star = view.app.marks().is_starred(row.id);
    put(buf, 1, if star { "★" } else { " " });
    // a link-only story (its text was never saved) is marked beside the star
    if view
        .app
        .library()
        .get(row.id)
        .is_some_and(|m| m.saved.link_only)
    {
        put(buf, 2, "↗");
    }
    let mut from = 3;
    // A field flush with its own text's start: right-to-left text flush right.
    let mut field = |from: usize, cells: usize, line: &VisualLine, dir: Direction, style: Style| {
        if let Some((x, w)) = place(from, cells) {
            let indent = super::flush_indent(dir, usize::from(w), line.width);
            paint(buf, (x, y, w), line, indent, style, &[]);
        }
    };
    if cols.date > 0 {
        // Dates line up with the interface's start edge.
        field(from, cols.date, &row.date, view.app.screen().dir, style);
        from += cols.date + 1;
    }
    if cols.source {
        let dim = style.add_modifier(Modifier::DIM);
        field(from, SOURCE_CELLS, &row.source, row.source_dir, dim);
        from += SOURCE_CELLS + 1;
    }
    field(from, cols.title, &row.title, row.title_dir, style);
}
