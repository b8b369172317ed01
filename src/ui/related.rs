//! Draws the related panel: read-also links (unresolved ones dimmed), stories linking here,
//! and similar stories once search provides them.
//!
//! ```text
//! ┌ Related ───────────────────┐
//! │Read also                   │
//! │ [1] a story in the archive │
//! │ [2] a story that is not    │  (dim)
//! │Linked from                 │
//! │ a story that links here    │
//! └────────────────────────────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::View;
use crate::app::Focus;
use crate::app::layout::inner;
use crate::app::related::{RowRef, Target};
use crate::i18n::Msg;

use super::theme::Role;
use super::{paint, paint_text};

pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    super::pane_frame(
        view,
        Focus::Related,
        area,
        &view.app.text(Msg::Related),
        buf,
    );
    let body = inner(area).intersection(area);
    if body.is_empty() {
        return;
    }
    let related = &view.app.related();
    if related.entries.is_empty() {
        if view.app.reader().story.is_some() {
            let dim = Style::new().add_modifier(Modifier::DIM);
            paint_text(buf, body, body.y, &view.app.text(Msg::NoRelated), dim, view);
        }
        return;
    }
    let focused = view.app.focus() == Focus::Related;
    let rows = related.rows();
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(related.offset)
        .take(usize::from(body.height))
    {
        let y = body.y + (i - related.offset) as u16;
        match *row {
            RowRef::Heading(section) => {
                let style = Style::new().add_modifier(Modifier::BOLD);
                paint_text(buf, body, y, &view.app.text(section.title()), style, view);
            }
            RowRef::Entry(e) => {
                let entry = &related.entries[e];
                let mut style = match entry.target {
                    Target::Link {
                        resolved: false, ..
                    } => view.theme.style(Role::DimmedLink),
                    Target::Link { .. } => view.theme.style(Role::Link),
                    _ => Style::new(),
                };
                if e == related.selected {
                    style = style.add_modifier(if focused {
                        Modifier::REVERSED
                    } else {
                        Modifier::UNDERLINED
                    });
                    buf.set_style(Rect::new(body.x, y, body.width, 1), style);
                }
                let indent =
                    super::flush_indent(entry.direction, usize::from(body.width), entry.line.width);
                paint(
                    buf,
                    (body.x, y, body.width),
                    &entry.line,
                    indent,
                    style,
                    &[],
                );
            }
        }
    }
}
