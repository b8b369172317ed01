//! Drawing the app into a ratatui frame. Views borrow the app and never change it.
//!
//! One file per region, mirroring `app/`: `story_list.rs`, `reader.rs`, `related.rs`, plus the
//! status bar and the help overlay. Article text reaches the buffer only as the bidi engine
//! laid it out (`paint`): cluster by cluster, one grapheme cluster per cell, so combining marks
//! stay with their base letter and ratatui never measures or reorders our text.
//!
//! ```text
//! ┌ Stories ──────────────┐┌ Reader ─────────────────────────────┐
//! │• ★ 2024-05-02 source  ││ headline                            │
//! │                       ││ source · date · language           ▐│
//! └───────────────────────┘│ paragraphs…                         │
//! ┌ Related ──────────────┐│ [1] read-also link                  │
//! │Read also / Linked from││                                     │
//! └───────────────────────┘└──────────────────────────── 12/80 ──┘
//!  status bar: archive size · position · focus · hints or message
//! ```

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::action::Command;
use crate::app::{App, Focus};
use crate::i18n::Msg;
use qari_core::bidi::VisualLine;
use qari_core::model::Direction;
use theme::{Role, Theme};

mod help;
pub mod kitty;
mod reader;
mod related;
pub mod search;
mod status;
mod story_list;
pub mod theme;

/// What the views draw: the app's state in a theme. The theme is the interface's, not the
/// reader's state, so it lives here and not in `App`.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, view: &View<'_>) {
    let area = frame.area();
    render(view, area, frame.buffer_mut());
    if let Some(cursor) = search::prompt_cursor(view.app) {
        frame.set_cursor_position(cursor);
    }
}

/// Draws the whole screen into a buffer (what `draw` does, without a frame).
pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    let clip = |r: Rect| r.intersection(area);
    let s = &view.app.screen();
    if !s.list.is_empty() {
        story_list::render(view, clip(s.list), buf);
    }
    if !s.reader.is_empty() {
        reader::render(view, clip(s.reader), buf);
    }
    if !s.related.is_empty() {
        related::render(view, clip(s.related), buf);
    }
    if !s.status.is_empty() {
        status::render(view, clip(s.status), buf);
    }
    if let Some(offset) = view.app.help() {
        help::render(view, offset, area, buf);
    } else if let Some(offset) = view.app.errors_panel() {
        help::render_errors(view, offset, area, buf);
    }
}

/// Draws a pane's frame with its title: the focused pane's border stands out.
fn pane_frame(view: &View<'_>, pane: Focus, area: Rect, title: &str, buf: &mut Buffer) {
    let block = Block::bordered();
    let block = if view.app.focus() == pane {
        block
            .border_type(BorderType::Thick)
            .border_style(view.theme.style(Role::FocusedBorder))
    } else {
        block.border_style(view.theme.style(Role::Border))
    };
    block.render(area, buf);
    let title = if view.app.screen().narrow {
        let key = view.app.key_name(Command::FocusNext);
        format!("{title} · {}", view.app.text(Msg::NextPane { key }))
    } else {
        title.to_owned()
    };
    let style = if view.app.focus() == pane {
        view.theme.style(Role::FocusedBorder)
    } else {
        Style::new()
    };
    border_text(view, area, area.y, &title, style, Edge::Start, buf);
}

/// Where interface text sits in its row: at the start of the interface's lines (the left, or
/// the right when the interface is mirrored) or at their end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// The options interface text is laid out with: the interface's direction as the paragraph
/// direction, so an Arabic title with a Latin key in it reads right to left, and English
/// text around an Arabic source's name reads left to right.
fn chrome_opts(view: &View<'_>) -> qari_core::bidi::Options {
    qari_core::bidi::Options {
        dir: match view.app.screen().dir {
            Direction::Ltr => qari_core::bidi::DirMode::Ltr,
            Direction::Rtl => qari_core::bidi::DirMode::Rtl,
        },
        ..*view.app.opts()
    }
}

/// Paints interface text in the row `(x, y, width)`, cut to fit, at `edge`; returns the cells
/// it took.
fn chrome(
    view: &View<'_>,
    buf: &mut Buffer,
    (x, y, width): (u16, u16, u16),
    text: &str,
    style: Style,
    edge: Edge,
) -> usize {
    let (line, _) = crate::app::one_line::truncate(text, usize::from(width), &chrome_opts(view));
    let w = line.width.min(usize::from(width));
    let at_right = (edge == Edge::Start) == view.app.screen().mirrored();
    let indent = if at_right { usize::from(width) - w } else { 0 };
    paint(buf, (x, y, width), &line, indent, style, &[]);
    w
}

/// Paints ` text ` over a border row of `area` (its title, or the reader's position at the
/// bottom), one cell in from the corner at `edge`.
fn border_text(
    view: &View<'_>,
    area: Rect,
    y: u16,
    text: &str,
    style: Style,
    edge: Edge,
    buf: &mut Buffer,
) {
    if area.width < 4 || area.height == 0 || text.is_empty() {
        return;
    }
    let text = format!(" {text} ");
    chrome(
        view,
        buf,
        (area.x + 1, y, area.width - 2),
        &text,
        style,
        edge,
    );
}

/// Cells to skip before a line of `width` cells in a room of `room` cells: right-to-left lines
/// sit flush right, left-to-right ones flush left.
pub fn flush_indent(direction: Direction, room: usize, width: usize) -> usize {
    match direction {
        Direction::Rtl => room.saturating_sub(width),
        Direction::Ltr => 0,
    }
}

/// Paints a laid-out line at `(x, y)`, clipped to `width` cells: cluster by cluster, with
/// `base` style and `spans` (cell ranges from the start of `line.text`) styled on top.
pub fn paint(
    buf: &mut Buffer,
    (x, y, width): (u16, u16, u16),
    line: &VisualLine,
    indent: usize,
    base: Style,
    spans: &[(Range<usize>, Style)],
) {
    let right = usize::from(x) + usize::from(width);
    let mut col = usize::from(x) + indent;
    let mut cell_x = 0;
    for cluster in &line.clusters {
        let w = usize::from(cluster.width);
        if w == 0 {
            continue;
        }
        if col + w > right {
            break;
        }
        let style = spans
            .iter()
            .filter(|(r, _)| r.contains(&cell_x))
            .fold(base, |s, (_, extra)| s.patch(*extra));
        let symbol = line.text.get(cluster.visual.clone()).unwrap_or(" ");
        let Ok(cx) = u16::try_from(col) else { break };
        if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.set_symbol(symbol).set_style(style);
            // The bidi engine's width is the truth; tell ratatui's diff when its own measure of
            // the symbol disagrees, so the covered cells are skipped consistently.
            if usize::from(symbol.cell_width()) != w
                && let Some(forced) = u16::try_from(w).ok().and_then(NonZeroU16::new)
            {
                cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
        }
        // The cells a wide cluster covers.
        for extra in 1..w {
            if let Ok(ex) = u16::try_from(col + extra)
                && let Some(cell) = buf.cell_mut((ex, y))
            {
                cell.reset();
                cell.set_style(style);
            }
        }
        col += w;
        cell_x += w;
    }
}

/// Paints a line of interface text across `area` at row `y`, from the interface's start edge.
fn paint_text(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style, view: &View<'_>) {
    chrome(view, buf, (area.x, y, area.width), text, style, Edge::Start);
}

/// The screen as text: one line per row, trailing spaces trimmed. A wide cluster's covered
/// cell is skipped, by the rule ratatui's diff uses when it sends the buffer to the terminal
/// (the cell's forced width, set by `paint` from the bidi engine, else its symbol's width).
pub fn buffer_lines(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0usize;
            for x in area.left()..area.right() {
                let cell = &buf[(x, y)];
                if skip == 0 {
                    row.push_str(cell.symbol());
                }
                skip = skip.max(cell.cell_width() as usize).saturating_sub(1);
            }
            row.trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use qari_core::bidi::Cluster;

    fn line(parts: &[(&str, u8)]) -> VisualLine {
        let mut l = VisualLine::default();
        for (s, w) in parts {
            let start = l.text.len();
            l.text.push_str(s);
            l.clusters.push(Cluster {
                visual: start..l.text.len(),
                logical: start..l.text.len(),
                width: *w,
                rtl: false,
            });
            l.width += usize::from(*w);
        }
        l
    }

    #[test]
    fn paint_puts_one_cluster_per_cell_and_covers_wide_ones() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        // A base letter with its mark stays in one cell; a wide cluster covers two.
        let l = line(&[("a", 1), ("بَ", 1), ("中", 2), ("b", 1)]);
        paint(&mut buf, (1, 0, 7), &l, 1, Style::new(), &[]);
        assert_eq!(buf[(2, 0)].symbol(), "a");
        assert_eq!(buf[(3, 0)].symbol(), "بَ");
        assert_eq!(buf[(4, 0)].symbol(), "中");
        assert_eq!(buf[(6, 0)].symbol(), "b");
        assert_eq!(buffer_lines(&buf), vec!["  aبَ中b"]);
    }

    #[test]
    fn paint_clips_and_styles_spans_by_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let l = line(&[("x", 1), ("y", 1), ("中", 2), ("z", 1)]);
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        paint(&mut buf, (0, 0, 3), &l, 0, Style::new(), &[(1..2, bold)]);
        // The wide cluster does not fit in the last cell and is left out, not split.
        assert_eq!(buffer_lines(&buf), vec!["xy"]);
        assert!(
            !buf[(0, 0)]
                .modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
        assert!(
            buf[(1, 0)]
                .modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
    }

    #[test]
    fn the_engine_width_wins_over_ratatuis() {
        // Pretend the engine measured a one-column symbol as two cells: ratatui's diff must
        // skip the covered cell too, or the terminal and the buffer disagree.
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let l = line(&[("a", 2), ("b", 1)]);
        paint(&mut buf, (0, 0, 4), &l, 0, Style::new(), &[]);
        assert_eq!(buf[(0, 0)].cell_width(), 2);
        assert_eq!(buffer_lines(&buf), vec!["ab"]);
    }
}
