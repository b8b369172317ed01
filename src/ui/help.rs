//! Draws the overlays: the key help, generated from the key map (`app::keymap::help_rows`) so
//! it always says what the keys do, and the list of files that failed to load.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::App;
use crate::app::layout::inner;
use crate::app::text;
use crate::bidi::{self, DirMode, Options};

use super::paint;
use super::theme::Role;

const KEYS_CELLS: usize = 20;

/// The key help at first row `offset`.
pub fn render(app: &App, offset: usize, area: Rect, buf: &mut Buffer) {
    let rows: Vec<(String, String)> = app
        .keymap()
        .help_rows()
        .into_iter()
        .map(|(k, h)| (k, h.to_owned()))
        .collect();
    let opts = Options {
        dir: DirMode::Ltr,
        ..Options::default()
    };
    overlay(
        app,
        " Keys · ? or Esc closes ",
        &rows,
        offset,
        area,
        buf,
        opts,
    );
}

/// The files that failed to load (`E`): path and reason, one a row. Both are article-side
/// text (a file name can be Arabic), so they go through the bidi engine with the app's
/// options.
pub fn render_errors(app: &App, offset: usize, area: Rect, buf: &mut Buffer) {
    let rows: Vec<(String, String)> = app
        .errors
        .iter()
        .map(|e| (e.path.display().to_string(), e.reason.clone()))
        .collect();
    let title = format!(" {} failed to load · E or Esc closes ", rows.len());
    let opts = Options {
        dir: DirMode::Ltr,
        ..*app.opts()
    };
    overlay(app, &title, &rows, offset, area, buf, opts);
}

/// A centred box of two-column rows from `offset`, with the rows above and below that do not
/// fit counted in its bottom border (`↑ 3 more · ↓ 12 more`), so a cut list says so.
fn overlay(
    app: &App,
    title: &str,
    rows: &[(String, String)],
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
    opts: Options,
) {
    let keys_cells = rows
        .iter()
        .map(|(k, _)| bidi::width(k) + 2)
        .max()
        .unwrap_or(0)
        .min(KEYS_CELLS.max(area.width as usize / 2));
    let want_w = rows
        .iter()
        .map(|(_, help)| keys_cells + bidi::width(help))
        .max()
        .unwrap_or(0)
        .max(bidi::width(title)) as u16
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
    let body = inner(rect);
    let shown = usize::from(body.height);
    let offset = offset.min(rows.len().saturating_sub(shown));
    let above = offset;
    let below = rows.len().saturating_sub(offset + shown);
    let mut block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(app.theme().style(Role::HelpBorder))
        .title(title.to_owned());
    if above + below > 0 {
        let mut more = Vec::new();
        if above > 0 {
            more.push(format!("↑ {above} more"));
        }
        if below > 0 {
            more.push(format!("↓ {below} more"));
        }
        block = block.title_bottom(format!(" {} · j/k Space PageUp g G ", more.join(" · ")));
    }
    block.render(rect, buf);
    if body.width < 2 {
        return;
    }
    for (i, (keys, help)) in rows.iter().skip(offset).take(shown).enumerate() {
        let y = body.y + i as u16;
        let x = body.x + 1;
        let width = usize::from(body.width - 1);
        let (key_line, _) = text::truncate(keys, keys_cells.min(width), &opts);
        let bold = app
            .theme()
            .style(Role::HelpKey)
            .add_modifier(Modifier::BOLD);
        paint(buf, (x, y, body.width - 1), &key_line, 0, bold, &[]);
        if width > keys_cells {
            let (help_line, _) = text::truncate(help, width - keys_cells, &opts);
            let hx = x + keys_cells as u16;
            let hw = (width - keys_cells) as u16;
            paint(buf, (hx, y, hw), &help_line, 0, Style::new(), &[]);
        }
    }
}
