//! Draws the story list: one row per story — unread mark, star, date, source, title.
//!
//! ```text
//! ┌ Stories ─────────────────────────────────────┐
//! │•★ 2024-05-02 الأمصار       …عنوان الخبر الطويل│  right-to-left title, flush right
//! │   2024-05-01 Reuters      An English title   │  read story: no mark
//! └──────────────────────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::app::layout::inner;
use crate::app::story_list::{Columns, Row, SOURCE_CELLS};
use crate::app::{App, Focus};
use crate::bidi::VisualLine;
use crate::library::filter::Sort;
use crate::model::Direction;

use super::{paint, paint_text, pane_block};

/// The list's title: how many stories, how many unread, and what narrows and orders them
/// (`Stories (12 · 5 unread) · unread lang:ar · oldest · /كرملين`).
pub fn title(app: &App) -> String {
    let count = app.list.order.len();
    let (unread, _) = app.unread_counts();
    let mut parts = vec![if unread > 0 {
        format!("Stories ({count} · {unread} unread)")
    } else {
        format!("Stories ({count})")
    }];
    if !app.view.filter.is_empty() {
        parts.push(app.view.filter.to_string());
    }
    if app.view.sort != Sort::default() {
        parts.push(app.view.sort.name().to_owned());
    }
    if let Some(q) = &app.search.active {
        parts.push(format!("/{}", q.text));
    }
    parts.join(" · ")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    // The title can hold article text (a source's name, the query): painted through the
    // bidi engine over the border, not handed to ratatui.
    pane_block(app, Focus::List, "").render(area, buf);
    super::paint_title(app, area, &title(app), buf);
    let body = inner(area).intersection(area);
    if body.is_empty() {
        return;
    }
    if app.list.order.is_empty() {
        let text = if app.loading {
            "Loading the archive…".to_owned()
        } else if let Some(q) = &app.search.active {
            if q.hits.is_some() {
                format!(
                    "No story matches “{}”. / edits the search, Esc clears it.",
                    q.text
                )
            } else {
                "Searching…".to_owned()
            }
        } else if !app.view.filter.is_empty() {
            format!("No story passes “{}”. f edits the filter.", app.view.filter)
        } else {
            "No stories in this archive.".to_owned()
        };
        let text = text.as_str();
        paint_text(
            buf,
            body,
            body.y,
            text,
            Style::new().add_modifier(Modifier::DIM),
            app,
        );
        return;
    }
    let shown = app.list.offset..app.list.offset + usize::from(body.height);
    for (i, row) in shown.filter_map(|i| Some((i, app.list.rows.get(&i)?))) {
        let y = body.y + (i - app.list.offset) as u16;
        render_row(app, body, y, i, row, buf);
    }
}

/// One story row at line `y`: marks, date, source, title.
fn render_row(app: &App, body: Rect, y: u16, i: usize, row: &Row, buf: &mut Buffer) {
    let cols = Columns::for_width(usize::from(body.width));
    let focused = app.focus == Focus::List;
    let read = app.marks.is_read(row.id);
    let mut style = Style::new();
    if !read {
        style = style.add_modifier(Modifier::BOLD);
    }
    if i == app.list.selected {
        style = style.add_modifier(if focused {
            Modifier::REVERSED
        } else {
            Modifier::UNDERLINED
        });
        buf.set_style(Rect::new(body.x, y, body.width, 1), style);
    }
    let mut x = usize::from(body.x);
    let right = usize::from(body.right());
    let put = |buf: &mut Buffer, x: usize, s: &str| {
        if x < right
            && let Some(cell) = buf.cell_mut((x as u16, y))
        {
            cell.set_symbol(s).set_style(style);
        }
    };
    put(buf, x, if read { " " } else { "•" });
    put(
        buf,
        x + 1,
        if app.marks.is_starred(row.id) {
            "★"
        } else {
            " "
        },
    );
    x += 3;
    if cols.date {
        for (k, ch) in row.date.chars().enumerate() {
            let mut tmp = [0; 4];
            put(buf, x + k, ch.encode_utf8(&mut tmp));
        }
        x += 11;
    }
    let width_left = |x: usize| right.saturating_sub(x) as u16;
    // A field of at most `cells` cells at `x`, flush right when it is right-to-left.
    let mut field = |x: usize, cells: usize, line: &VisualLine, dir: Direction, style: Style| {
        let w = cells.min(usize::from(width_left(x)));
        let indent = super::flush_indent(dir, w, line.width);
        paint(buf, (x as u16, y, w as u16), line, indent, style, &[]);
    };
    if cols.source {
        let dim = style.add_modifier(Modifier::DIM);
        field(x, SOURCE_CELLS, &row.source, row.source_dir, dim);
        x += SOURCE_CELLS + 1;
    }
    field(x, cols.title, &row.title, row.title_dir, style);
}
