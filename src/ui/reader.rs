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
//!
//! Mirrored (a right-to-left interface), the scrollbar is on the left and the position at
//! the bottom left.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::View;
use crate::action::Command;
use crate::app::Focus;
use crate::app::document::LineKind;
use crate::app::layout::{inner, reader_text};
use crate::i18n::Msg;
use qari_core::model::Direction;

use super::theme::Role;
use super::{Edge, paint, paint_text};

fn link_style(view: &View<'_>, resolved: bool) -> Style {
    if resolved {
        view.theme
            .style(Role::Link)
            .add_modifier(Modifier::UNDERLINED)
    } else {
        view.theme.style(Role::DimmedLink)
    }
}

pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    let reader = &view.app.reader();
    let doc = reader.doc.as_ref();
    let height = usize::from(reader_text(area).height);
    let total = doc.map_or(0, |d| d.lines.len());
    super::pane_frame(view, Focus::Reader, area, &view.app.text(Msg::Reader), buf);
    position(view, area, height, total, buf);
    let text = reader_text(area).intersection(area);
    if text.is_empty() {
        return;
    }
    let Some(doc) = doc else {
        let msg = if view.app.is_loading() {
            view.app.text(Msg::ReaderLoading)
        } else if view.app.library().is_empty() {
            view.app.text(Msg::ArchiveEmpty)
        } else {
            view.app.text(Msg::NoStoryOpen {
                key: view.app.key_name(Command::Activate),
            })
        };
        paint_text(
            buf,
            text,
            text.y,
            &msg,
            Style::new().add_modifier(Modifier::DIM),
            view,
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
            LineKind::Headline => (view.theme.style(Role::Headline), Vec::new()),
            LineKind::Meta => (view.theme.style(Role::Meta), Vec::new()),
            LineKind::Heading => (
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Vec::new(),
            ),
            LineKind::Link { index, resolved } => {
                let mut style = link_style(view, resolved);
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
        spans.extend(super::search::hit_spans(view, line));
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
        let side = match view.app.screen().dir {
            Direction::Ltr => ScrollbarOrientation::VerticalRight,
            Direction::Rtl => ScrollbarOrientation::VerticalLeft,
        };
        Scrollbar::new(side)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar, buf, &mut state);
    }
}

/// The reader's position (`12-31/64`) over the bottom border, at the end of the line (bottom
/// right, or bottom left mirrored).
fn position(view: &View<'_>, area: Rect, height: usize, total: usize, buf: &mut Buffer) {
    if total > 0 && height > 0 && area.height > 1 {
        let reader = &view.app.reader();
        let tr = view.app.tr();
        let last = (reader.scroll + height).min(total);
        // `12-31/64` reads left to right in every interface: isolated, in the interface's
        // digits.
        let position = tr.numbers(&[reader.scroll + 1, last, total], &['-', '/']);
        let style = view.theme.style(Role::Border);
        super::border_text(
            view,
            area,
            area.bottom() - 1,
            &position,
            style,
            Edge::End,
            buf,
        );
    }
}
