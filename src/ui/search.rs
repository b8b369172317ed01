//! Drawing search: the `/` prompt laid out by the bidi engine (typed Arabic sits at the right
//! and the cursor lands where the next letter will appear), and the mapping from search-hit
//! byte ranges to the clusters of a laid-out line, so the reader can style hits after the
//! line has been reordered.
//!
//! ```text
//! ┌────────────────────────────────────────────┐
//! │/▌الأسلحة النووية                           │   prompt: "/" then the input, right after
//! └────────────────────────────────────────────┘   it in either direction
//! ```

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::View;
use super::paint;
use crate::app::App;
use crate::app::document::{DocLine, LineKind, cells_of};
use crate::app::search::Prompt;
use qari_core::bidi::{self, Align, DirMode, Options, VisualLine};

/// Where each cluster of `line` starts, in cells from the left edge of the line's area.
fn cluster_x(line: &VisualLine) -> Vec<usize> {
    let mut x = line.indent;
    line.clusters
        .iter()
        .map(|c| {
            let at = x;
            x += usize::from(c.width);
            at
        })
        .collect()
}

/// The cell (from the left of the text area) where the cursor is drawn: on the character
/// after the cursor in logical order; at the end of the input, next to the last character on
/// the side text grows towards (left of it in right-to-left text).
pub fn cursor_cell(line: &VisualLine, cursor: usize, input_len: usize) -> usize {
    let xs = cluster_x(line);
    let find = |byte: usize| {
        line.clusters
            .iter()
            .position(|c| c.logical.start <= byte && byte < c.logical.end)
    };
    if cursor < input_len
        && let Some(i) = find(cursor)
    {
        return xs[i];
    }
    let Some(last) = input_len.checked_sub(1).and_then(|b| {
        // the cluster holding the last byte of the input
        find(b)
    }) else {
        return line.indent;
    };
    let c = &line.clusters[last];
    if c.rtl {
        xs[last].saturating_sub(1)
    } else {
        xs[last] + usize::from(c.width)
    }
}

/// The prompt's input laid out for `avail` cells: the visible part of the line (as a line
/// whose clusters all fit, with its indent) and the cursor's cell.
fn prompt_layout(
    prompt: &Prompt,
    avail: usize,
    opts: Options,
    mirrored: bool,
) -> (VisualLine, usize) {
    let opts = Options {
        dir: DirMode::Auto,
        align: Align::None,
        ..opts
    };
    let layout = bidi::layout(&prompt.input, None, &opts);
    // One unwrapped line; right-to-left text is aligned to the right end of the prompt.
    let mut line = layout.lines.into_iter().next().unwrap_or_default();
    let cursor = if opts.reorder {
        // Next to the prompt's label, whatever the direction: right-to-left input starts one
        // cell in, where its next letter appears (text grows to the left), not at the far end
        // of a wide status bar.
        line.indent = if mirrored {
            // A mirrored prompt's label is on the right: the input sits flush against it,
            // with a cell free for the cursor on the side the text grows (left-to-right
            // text grows towards the label).
            let ltr = usize::from(layout.direction == qari_core::model::Direction::Ltr);
            avail.saturating_sub(line.width + ltr)
        } else {
            usize::from(layout.direction == qari_core::model::Direction::Rtl)
        };
        cursor_cell(&line, prompt.cursor, prompt.input.len())
    } else {
        // `--bidi terminal`: the line goes out in logical order and the terminal reorders it,
        // so the cursor is counted in logical order too.
        line.indent = 0;
        line.clusters
            .iter()
            .filter(|c| c.logical.start < prompt.cursor)
            .map(|c| usize::from(c.width))
            .sum()
    };
    // Scroll horizontally so that the cursor stays visible.
    let scroll = (cursor + 1).saturating_sub(avail);
    let xs = cluster_x(&line);
    let mut first = None;
    let clusters = line
        .clusters
        .iter()
        .zip(&xs)
        .filter(|&(c, &x)| x >= scroll && x + usize::from(c.width) <= scroll + avail)
        .map(|(c, &x)| {
            first.get_or_insert(x);
            c.clone()
        })
        .collect();
    let visible = VisualLine {
        indent: first.map_or(0, |x| x - scroll),
        clusters,
        ..line
    };
    (visible, (cursor - scroll).min(avail.saturating_sub(1)))
}

/// Where a prompt's parts go in its row: the label's x, the input's x and its cells. The label
/// is at the start of the row (the right, mirrored), the input after it.
fn prompt_geometry(label_w: u16, area: Rect, mirrored: bool) -> Option<(u16, u16, usize)> {
    if area.width < label_w + 2 || area.height == 0 {
        return None;
    }
    let avail = area.width - label_w - 1;
    Some(if mirrored {
        (area.right() - label_w, area.x + 1, usize::from(avail))
    } else {
        (area.x, area.x + label_w, usize::from(avail))
    })
}

/// Draws the label (`/`, `filter: `) and the prompt across `area` (one row); returns the
/// cursor position.
pub fn render_prompt(
    prompt: &Prompt,
    label: &str,
    area: Rect,
    buf: &mut Buffer,
    style: Style,
    (opts, mirrored): (&Options, bool),
) -> Option<Position> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let row = Rect { height: 1, ..area };
    buf.set_style(row, style);
    // The label is interface text: laid out by the bidi engine (an Arabic `تصفية:` reads
    // right to left in its cells).
    let label_opts = Options {
        dir: if mirrored { DirMode::Rtl } else { DirMode::Ltr },
        ..*opts
    };
    let (label_line, _) =
        crate::app::one_line::truncate(label, usize::from(area.width), &label_opts);
    let label_w = label_line.width as u16;
    let (label_x, x, avail) = prompt_geometry(label_w, area, mirrored)?;
    paint(buf, (label_x, area.y, label_w), &label_line, 0, style, &[]);
    let (line, cursor) = prompt_layout(prompt, avail, *opts, mirrored);
    let indent = line.indent;
    paint(buf, (x, area.y, avail as u16), &line, indent, style, &[]);
    Some(Position::new(x + cursor as u16, area.y))
}

/// The prompt open in the status bar, if any, with its label.
fn open_prompt(app: &App) -> Option<(&Prompt, String)> {
    if let Some(p) = &app.filter_prompt() {
        return Some((p, app.text(crate::i18n::Msg::FilterLabel)));
    }
    app.search().prompt.as_ref().map(|p| (p, "/".to_owned()))
}

/// Where the terminal cursor goes while a prompt is open (in the status bar).
pub fn prompt_cursor(app: &App) -> Option<Position> {
    let (prompt, label) = open_prompt(app)?;
    let area = app.screen().status;
    let label_w = bidi::width(&label) as u16;
    let mirrored = app.screen().mirrored();
    let (_, x, avail) = prompt_geometry(label_w, area, mirrored)?;
    let (_, cursor) = prompt_layout(prompt, avail, *app.opts(), mirrored);
    Some(Position::new(x + cursor as u16, area.y))
}

/// The status bar while a prompt is open: the whole bar is the prompt.
pub fn render_status_prompt(view: &View<'_>, area: Rect, buf: &mut Buffer) -> bool {
    let Some((prompt, label)) = open_prompt(view.app) else {
        return false;
    };
    let style = view.theme.style(super::theme::Role::Prompt);
    render_prompt(
        prompt,
        &label,
        area,
        buf,
        style,
        (view.app.opts(), view.app.screen().mirrored()),
    );
    true
}

/// The left part of the status bar while a search is active.
pub fn status_left(view: &View<'_>) -> Option<String> {
    let active = view.app.search().active.as_ref()?;
    let Some(hits) = &active.hits else {
        return Some(view.app.text(crate::i18n::Msg::Searching));
    };
    let total = view.app.library().len();
    let pos = if hits.is_empty() {
        0
    } else {
        view.app.list().selected + 1
    };
    Some(view.app.text(crate::i18n::Msg::SearchCounts {
        hits: hits.len(),
        total,
        pos,
        focus: &view.app.focus_name(),
    }))
}

/// `indexing 40%` while the background index is being built.
pub fn index_label(view: &View<'_>) -> Option<String> {
    view.app.search().index.label(view.app.tr())
}

/// Styles for search hits in the reader: the current hit (`n`/`N`) stands out from the rest.
fn hit_style(view: &View<'_>, current: bool) -> Style {
    view.theme.style(if current {
        super::theme::Role::CurrentHit
    } else {
        super::theme::Role::Hit
    })
}

/// Highlight spans (cells of the laid-out line) for the search hits on a line of the open
/// story.
pub fn hit_spans(view: &View<'_>, line: &DocLine) -> Vec<(Range<usize>, Style)> {
    let hits = &view.app.search().reader;
    if hits.story.is_none() {
        return Vec::new();
    }
    let ranges: Vec<(Range<usize>, bool)> = match line.kind {
        LineKind::Headline => hits.title.iter().map(|r| (r.clone(), false)).collect(),
        LineKind::Body { paragraph } => hits.in_paragraph(paragraph),
        _ => Vec::new(),
    };
    ranges
        .iter()
        .flat_map(|(r, current)| {
            cells_of(&line.line, r)
                .into_iter()
                .map(move |cells| (cells, hit_style(view, *current)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use qari_core::bidi::Cluster;

    /// A right-to-left line of three one-cell letters, as the bidi engine returns it: visual
    /// order left to right is the reverse of logical order.
    fn rtl_line() -> VisualLine {
        // logical "abc" (stand-ins for three Arabic letters, one byte each) shown as "cba"
        let clusters = vec![
            Cluster {
                visual: 0..1,
                logical: 2..3,
                width: 1,
                rtl: true,
            },
            Cluster {
                visual: 1..2,
                logical: 1..2,
                width: 1,
                rtl: true,
            },
            Cluster {
                visual: 2..3,
                logical: 0..1,
                width: 1,
                rtl: true,
            },
        ];
        VisualLine {
            text: "cba".into(),
            clusters,
            width: 3,
            indent: 5,
        }
    }

    #[test]
    fn cursor_in_right_to_left_text() {
        let line = rtl_line();
        // before the first letter: on it, the rightmost cell
        assert_eq!(cursor_cell(&line, 0, 3), 7);
        assert_eq!(cursor_cell(&line, 1, 3), 6);
        // at the end: left of the last letter, where the next one will appear
        assert_eq!(cursor_cell(&line, 3, 3), 4);
    }

    #[test]
    fn cursor_in_left_to_right_text() {
        let clusters = vec![
            Cluster {
                visual: 0..1,
                logical: 0..1,
                width: 1,
                rtl: false,
            },
            Cluster {
                visual: 1..2,
                logical: 1..2,
                width: 1,
                rtl: false,
            },
        ];
        let line = VisualLine {
            text: "ab".into(),
            clusters,
            width: 2,
            indent: 0,
        };
        assert_eq!(cursor_cell(&line, 0, 2), 0);
        assert_eq!(cursor_cell(&line, 2, 2), 2);
        assert_eq!(cursor_cell(&VisualLine::default(), 0, 0), 0);
    }

    #[test]
    fn hits_map_to_cells_after_reordering() {
        let line = rtl_line();
        // logical bytes 0..2 ("ab") are the two rightmost cells
        assert_eq!(cells_of(&line, &(0..2)), vec![1..3]);
        // A hit that covers only part of a cluster still marks the whole cluster (a search
        // word can end before a ZWNJ that belongs to its last letter's cluster).
        let letter_and_zwnj = VisualLine {
            text: "x".into(),
            clusters: vec![Cluster {
                visual: 0..1,
                logical: 0..5,
                width: 1,
                rtl: true,
            }],
            width: 1,
            indent: 0,
        };
        assert_eq!(cells_of(&letter_and_zwnj, &(0..2)), vec![0..1]);
    }

    #[test]
    fn prompt_renders_at_any_size() {
        let mut p = Prompt::default();
        for c in "بوتين والكرملين".chars() {
            p.insert(c);
        }
        for w in [0u16, 1, 2, 3, 5, 10, 40] {
            let area = Rect::new(0, 0, w, 1);
            let mut buf = Buffer::empty(area);
            let pos = render_prompt(
                &p,
                "/",
                area,
                &mut buf,
                Style::default(),
                (&Options::default(), w % 2 == 0),
            );
            if let Some(pos) = pos {
                assert!(pos.x < w, "cursor inside the area at width {w}");
            }
        }
    }

    #[test]
    fn typed_arabic_sits_next_to_the_prompt_with_the_cursor_at_its_left() {
        let mut p = Prompt::default();
        for c in "سلام".chars() {
            p.insert(c);
        }
        let area = Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        let opts = Options {
            shape: false,
            ..Options::default()
        };
        let pos = render_prompt(&p, "/", area, &mut buf, Style::default(), (&opts, false))
            .expect("cursor");
        let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        // "/" at the left, the word in visual order right after it (one cell in), and the
        // cursor in that cell, just left of the word's last (leftmost) letter, where the next
        // letter will appear (issue 11: it was at the far end of the bar).
        assert_eq!(row.trim_end(), "/ مالس");
        assert_eq!(pos.x, 1);
        // Home: the cursor sits on the first letter, the rightmost one.
        p.home();
        let pos = render_prompt(&p, "/", area, &mut buf, Style::default(), (&opts, false))
            .expect("cursor");
        assert_eq!(pos.x, 5);
    }

    #[test]
    fn a_mirrored_prompt_has_its_label_on_the_right_and_the_input_against_it() {
        let opts = Options {
            shape: false,
            ..Options::default()
        };
        let area = Rect::new(0, 0, 20, 1);
        // The row drawn and the cursor's column for `typed` in the mirrored prompt.
        let shown = |typed: &str| {
            let mut p = Prompt::default();
            for c in typed.chars() {
                p.insert(c);
            }
            let mut buf = Buffer::empty(area);
            let pos = render_prompt(&p, "بحث: ", area, &mut buf, Style::default(), (&opts, true))
                .expect("cursor");
            let row: String = (0..20).map(|x| buf[(x, 0)].symbol()).collect();
            (row, pos.x)
        };
        // The label reads from the right edge; the word sits against it, the cursor in the
        // cell left of the word, where the next letter appears.
        let (row, x) = shown("سلام");
        assert_eq!(row, "           مالس :ثحب");
        assert_eq!(x, 10);
        // Left-to-right input grows towards the label: its cursor is the cell after it.
        let (row, x) = shown("abc");
        assert_eq!(row, "           abc  :ثحب");
        assert_eq!(x, 14);
    }
}
