//! Draws the overlays: the key help, generated from the key map (`input::help_rows`) so
//! it always says what the keys do, and the list of files that failed to load.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::View;
use crate::action::Command;
use crate::app::layout::inner;
use crate::i18n::Msg;
use qari_core::bidi;
use qari_core::model::Direction;

use super::theme::Role;
use super::{Edge, chrome};

const KEYS_CELLS: usize = 20;

/// The key help at first row `offset`: keys, and what they do in the interface language.
pub fn render(view: &View<'_>, offset: usize, area: Rect, buf: &mut Buffer) {
    let rows: Vec<(String, String)> = view
        .app
        .keymap()
        .help_rows()
        .into_iter()
        .map(|(k, action)| (view.app.tr().keys(&k), view.app.text(Msg::Help(action))))
        .collect();
    let title = view.app.text(Msg::HelpTitle {
        help: view.app.key_name(Command::Help),
        close: view.app.key_name(Command::Close),
    });
    overlay(view, &title, &rows, offset, area, buf);
}

/// The files that failed to load (`E`): path and reason, one a row. Both are article-side
/// text (a file name can be Arabic), so they are isolated and go through the bidi engine.
pub fn render_errors(view: &View<'_>, offset: usize, area: Rect, buf: &mut Buffer) {
    let tr = view.app.tr();
    let rows: Vec<(String, String)> = view
        .app
        .errors()
        .iter()
        .map(|e| {
            let why = view.app.text(Msg::Problem(&e.problem));
            (tr.quote(&e.path.display().to_string()), why)
        })
        .collect();
    let title = view.app.text(Msg::ErrorsTitle {
        n: rows.len(),
        key: view.app.key_name(Command::Errors),
        close: view.app.key_name(Command::Close),
    });
    overlay(view, &title, &rows, offset, area, buf);
}

/// A centred box of two-column rows from `offset`, with the rows above and below that do not
/// fit counted in its bottom border (`↑ 3 more · ↓ 12 more`), so a cut list says so. The
/// first column is at the interface's start edge (the right, mirrored).
/// The overlay's box: wide enough for the widest row and the title, centred in `area`.
fn centred(rows: &[(String, String)], keys_cells: usize, title: &str, area: Rect) -> Rect {
    let want_w = rows
        .iter()
        .map(|(_, help)| keys_cells + bidi::width(help))
        .max()
        .unwrap_or(0)
        .max(bidi::width(title) + 2) as u16
        + 4;
    let box_w = want_w.min(area.width);
    let box_h = (rows.len() as u16 + 2).min(area.height);
    Rect::new(
        area.x + (area.width - box_w) / 2,
        area.y + (area.height - box_h) / 2,
        box_w,
        box_h,
    )
}

fn overlay(
    view: &View<'_>,
    title: &str,
    rows: &[(String, String)],
    offset: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let keys_cells = rows
        .iter()
        .map(|(k, _)| bidi::width(k) + 2)
        .max()
        .unwrap_or(0)
        .min(KEYS_CELLS.max(area.width as usize / 2));
    let rect = centred(rows, keys_cells, title, area);
    Clear.render(rect, buf);
    let body = inner(rect);
    let shown = usize::from(body.height);
    let offset = offset.min(rows.len().saturating_sub(shown));
    let above = offset;
    let below = rows.len().saturating_sub(offset + shown);
    let border = view.theme.style(Role::HelpBorder);
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(border)
        .render(rect, buf);
    super::border_text(view, rect, rect.y, title, border, Edge::Start, buf);
    if above + below > 0 && rect.height > 1 {
        let mut more = Vec::new();
        if above > 0 {
            more.push(view.app.text(Msg::MoreAbove { n: above }));
        }
        if below > 0 {
            more.push(view.app.text(Msg::MoreBelow { n: below }));
        }
        let keys: Vec<String> = [
            Command::Down,
            Command::Up,
            Command::PageDown,
            Command::PageUp,
            Command::Top,
            Command::Bottom,
        ]
        .iter()
        .filter_map(|&a| view.app.keymap().key_of(a).map(crate::i18n::short_key))
        .map(str::to_owned)
        .collect();
        let text = format!(
            "{} · {}",
            more.join(" · "),
            view.app.tr().keys(&keys.join(" "))
        );
        super::border_text(
            view,
            rect,
            rect.bottom() - 1,
            &text,
            border,
            Edge::Start,
            buf,
        );
    }
    if body.width < 3 {
        return;
    }
    // One cell of margin at the start edge.
    let width = body.width - 1;
    let x = match view.app.screen().dir {
        Direction::Ltr => body.x + 1,
        Direction::Rtl => body.x,
    };
    let keys_w = keys_cells.min(usize::from(width)) as u16;
    let bold = view.theme.style(Role::HelpKey).add_modifier(Modifier::BOLD);
    for (i, (keys, help)) in rows.iter().skip(offset).take(shown).enumerate() {
        let y = body.y + i as u16;
        let keys_x = match view.app.screen().dir {
            Direction::Ltr => x,
            Direction::Rtl => x + width - keys_w,
        };
        chrome(view, buf, (keys_x, y, keys_w), keys, bold, Edge::Start);
        if width > keys_w {
            let help_x = match view.app.screen().dir {
                Direction::Ltr => x + keys_w,
                Direction::Rtl => x,
            };
            let help_w = width - keys_w;
            chrome(
                view,
                buf,
                (help_x, y, help_w),
                help,
                Style::new(),
                Edge::Start,
            );
        }
    }
}
