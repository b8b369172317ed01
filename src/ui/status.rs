//! Draws the status bar: archive size, position, focus at the start (the left, or the right
//! in a mirrored interface); a message, a load failure note or key hints at the end. Messages
//! can quote file names and labels, so they go through the bidi engine like any other text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Role;
use super::{Edge, chrome};
use crate::app::{Action, App};
use crate::i18n::Msg;

/// The hints: the first key of each of these actions, from the key map in effect.
const HINTS: &[(Action, Msg<'static>)] = &[
    (Action::Help, Msg::HintHelp),
    (Action::FocusNext, Msg::HintPane),
    (Action::Activate, Msg::HintOpen),
    (Action::Back, Msg::HintBack),
    (Action::Quit, Msg::HintQuit),
];

fn hints(app: &App) -> String {
    HINTS
        .iter()
        .filter_map(|(action, what)| {
            app.keymap()
                .key_of(*action)
                .map(|k| format!("{}:{}", app.tr().key(k), app.text(*what)))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let bar = theme.style(Role::Status);
    buf.set_style(area, bar);
    if super::search::render_status_prompt(app, area, buf) {
        return;
    }
    let count = app.library().len();
    let left = if app.loading {
        match app.load_progress {
            Some((done, total)) if total > 0 => app.text(Msg::ReadingArchive { done, total }),
            _ => app.text(Msg::Loading),
        }
    } else if let Some(search) = super::search::status_left(app) {
        search
    } else {
        let shown = app.list.order.len();
        let pos = if shown == 0 { 0 } else { app.list.selected + 1 };
        let (_, unread) = app.unread_counts();
        app.text(Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus: &app.focus_name(),
        })
    };
    let left = match super::search::index_label(app) {
        Some(label) => format!("{left} · {label}"),
        None => left,
    };
    if area.width < 3 {
        return;
    }
    // One cell of margin at either end.
    let (x, width) = (area.x + 1, area.width - 2);
    let used = chrome(app, buf, (x, area.y, width), &left, bar, Edge::Start);
    let (right, style) = if let Some(msg) = &app.message {
        (msg.clone(), bar.patch(theme.style(Role::StatusCount)))
    } else if let Some(note) = &app.load_note {
        (note.clone(), bar.patch(theme.style(Role::StatusNote)))
    } else {
        (hints(app), bar.patch(theme.style(Role::StatusHint)))
    };
    let room = usize::from(width).saturating_sub(used + 2);
    if room == 0 {
        return;
    }
    let room = room as u16;
    // The end part, in the cells the start part left (on its side of the bar).
    let x = match app.screen.dir {
        crate::model::Direction::Ltr => x + width - room,
        crate::model::Direction::Rtl => x,
    };
    chrome(app, buf, (x, area.y, room), &right, style, Edge::End);
}
