//! Draws the help overlay, generated from the key map (`app::keymap::help_rows`) so it always
//! says what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::keymap::help_rows;
use crate::app::layout::inner;
use crate::app::text;
use crate::bidi::{self, DirMode, Options};

use super::paint;

const KEYS_CELLS: usize = 20;

pub fn render(offset: usize, area: Rect, buf: &mut Buffer) {
    let rows = help_rows();
    let want_w = rows
        .iter()
        .map(|(_, help)| KEYS_CELLS + bidi::width(help))
        .max()
        .unwrap_or(0) as u16
        + 4;
    let box_w = want_w.min(area.width);
    let box_h = (rows.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - box_w) / 2,
        area.y + (area.height - box_h) / 2,
        box_w,
        box_h,
    );
    Clear.render(rect, buf);
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(Style::new().fg(Color::Yellow))
        .title(" Keys · ? or Esc closes ")
        .render(rect, buf);
    let body = inner(rect);
    if body.width < 2 {
        return;
    }
    let opts = Options {
        dir: DirMode::Ltr,
        ..Options::default()
    };
    let offset = offset.min(rows.len().saturating_sub(usize::from(body.height)));
    for (i, (keys, help)) in rows
        .iter()
        .skip(offset)
        .take(usize::from(body.height))
        .enumerate()
    {
        let y = body.y + i as u16;
        let x = body.x + 1;
        let width = usize::from(body.width - 1);
        let (key_line, _) = text::truncate(keys, KEYS_CELLS.min(width), &opts);
        let bold = Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan);
        paint(buf, (x, y, body.width - 1), &key_line, 0, bold, &[]);
        if width > KEYS_CELLS {
            let (help_line, _) = text::truncate(help, width - KEYS_CELLS, &opts);
            let hx = x + KEYS_CELLS as u16;
            let hw = (width - KEYS_CELLS) as u16;
            paint(buf, (hx, y, hw), &help_line, 0, Style::new(), &[]);
        }
    }
}
