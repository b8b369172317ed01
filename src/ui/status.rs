//! Draws the status bar: archive size, position, focus at the start (the left, or the right
//! in a mirrored interface); a message, a load failure note or key hints at the end. Messages
//! can quote file names and labels, so they go through the bidi engine like any other text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::View;
use super::theme::Role;
use super::{Edge, chrome};
use crate::action::Command;
use crate::i18n::Msg;

/// The hints: the first key of each of these actions, from the key map in effect.
const HINTS: &[(Command, Msg<'static>)] = &[
    (Command::Help, Msg::HintHelp),
    (Command::FocusNext, Msg::HintPane),
    (Command::Activate, Msg::HintOpen),
    (Command::Back, Msg::HintBack),
    (Command::Quit, Msg::HintQuit),
];

fn hints(view: &View<'_>) -> String {
    HINTS
        .iter()
        .filter_map(|(action, what)| {
            view.app
                .keymap()
                .key_of(*action)
                .map(|k| format!("{}:{}", view.app.tr().key(k), view.app.text(*what)))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let bar = theme.style(Role::Status);
    buf.set_style(area, bar);
    if super::search::render_status_prompt(view, area, buf) {
        return;
    }
    let count = view.app.library().len();
    let left = if view.app.is_loading() {
        match view.app.load_progress() {
            Some((done, total)) if total > 0 => view.app.text(Msg::ReadingArchive { done, total }),
            _ => view.app.text(Msg::Loading),
        }
    } else if let Some(search) = super::search::status_left(view) {
        search
    } else {
        let shown = view.app.list().order.len();
        let pos = if shown == 0 {
            0
        } else {
            view.app.list().selected + 1
        };
        let (_, unread) = view.app.unread_counts();
        view.app.text(Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus: &view.app.focus_name(),
        })
    };
    let left = match super::search::index_label(view) {
        Some(label) => format!("{left} · {label}"),
        None => left,
    };
    if area.width < 3 {
        return;
    }
    // One cell of margin at either end.
    let (x, width) = (area.x + 1, area.width - 2);
    let used = chrome(view, buf, (x, area.y, width), &left, bar, Edge::Start);
    let (right, style) = if let Some(msg) = view.app.message() {
        (msg.to_owned(), bar.patch(theme.style(Role::StatusCount)))
    } else if let Some(note) = view.app.load_note() {
        (note.to_owned(), bar.patch(theme.style(Role::StatusNote)))
    } else {
        (hints(view), bar.patch(theme.style(Role::StatusHint)))
    };
    let room = usize::from(width).saturating_sub(used + 2);
    if room == 0 {
        return;
    }
    let room = room as u16;
    // The end part, in the cells the start part left (on its side of the bar).
    let x = match view.app.screen().dir {
        qari_core::model::Direction::Ltr => x + width - room,
        qari_core::model::Direction::Rtl => x,
    };
    chrome(view, buf, (x, area.y, room), &right, style, Edge::End);
}
