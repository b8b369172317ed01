//! Draws the reader: the open story as laid out by `app::document`, a scrollbar and the
//! position.
//!
//! ```text
//! ┌ Reader ──────────────────────────────┐
//! │ headline (bold)                      │
//! │ source · date · language (dim)      █│
//! │                                     ║│
//! │ paragraph lines…                    ║│
//! │ [1] read-also link (underlined; the  │
//! │     selected link reversed)          │
//! └───────────────────────── 1-20/64 ────┘
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::app::document::LineKind;
use crate::app::layout::{inner, reader_text};
use crate::app::{App, Focus};

use super::theme::Role;
use super::{paint, paint_text, pane_block};

fn link_style(app: &App, resolved: bool) -> Style {
    if resolved {
        app.theme()
            .style(Role::Link)
            .add_modifier(Modifier::UNDERLINED)
    } else {
        app.theme().style(Role::DimmedLink)
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let reader = &app.reader;
    let doc = reader.doc.as_ref();
    let height = usize::from(reader_text(area).height);
    let total = doc.map_or(0, |d| d.lines.len());
    let mut block = pane_block(app, Focus::Reader, "Reader");
    if total > 0 && height > 0 {
        let last = (reader.scroll + height).min(total);
        block = block.title_bottom(
            Line::from(format!(" {}-{last}/{total} ", reader.scroll + 1)).right_aligned(),
        );
    }
    block.render(area, buf);
    let text = reader_text(area).intersection(area);
    if text.is_empty() {
        return;
    }
    let Some(doc) = doc else {
        let msg = if app.loading {
            "Loading…"
        } else if app.library().is_empty() {
            "The archive is empty: give qari files or folders of saved articles."
        } else {
            "No story open: select one and press Enter."
        };
        paint_text(
            buf,
            text,
            text.y,
            msg,
            Style::new().add_modifier(Modifier::DIM),
            app,
        );
        return;
    };
    for (row, line) in doc
        .lines
        .iter()
        .skip(reader.scroll)
        .take(height)
        .enumerate()
    {
        let y = text.y + row as u16;
        let (base, spans) = match line.kind {
            LineKind::Headline => (app.theme().style(Role::Headline), Vec::new()),
            LineKind::Meta => (app.theme().style(Role::Meta), Vec::new()),
            LineKind::Heading => (
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Vec::new(),
            ),
            LineKind::Link { index, resolved } => {
                let mut style = link_style(app, resolved);
                if reader.selected_link == Some(index) {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                let spans = line
                    .link_cells
                    .iter()
                    .map(|(cells, _)| (cells.clone(), style))
                    .collect();
                (Style::new(), spans)
            }
            LineKind::Body { .. } | LineKind::Blank => (Style::new(), Vec::new()),
        };
        let mut spans = spans;
        spans.extend(super::search::hit_spans(app, line));
        paint(
            buf,
            (text.x, y, text.width),
            &line.line,
            line.line.indent,
            base,
            &spans,
        );
    }
    let bar = inner(area).intersection(area);
    if total > height && bar.height >= 2 && bar.width >= 3 {
        let mut state = ScrollbarState::new(total.saturating_sub(height) + 1)
            .position(reader.scroll)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar, buf, &mut state);
    }
}
