//! Draws the status bar: archive size, position, focus on the left; a message, a load
//! failure note or key hints on the right. Messages can quote file names and labels, so they
//! go through the bidi engine like any other text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::theme::Role;
use crate::app::text;
use crate::app::{Action, App};
use crate::bidi::{DirMode, Options};

use super::paint;

/// The hints: the first key of each of these actions, from the key map in effect.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::FocusNext, "pane"),
    (Action::Activate, "open"),
    (Action::Back, "back"),
    (Action::Quit, "quit"),
];

fn hints(app: &App) -> String {
    let short = |k: &str| match k {
        "<Tab>" => "Tab".to_owned(),
        "<Enter>" => "Enter".to_owned(),
        "<BS>" => "BS".to_owned(),
        k => k.to_owned(),
    };
    HINTS
        .iter()
        .filter_map(|(action, what)| {
            app.keymap()
                .key_of(*action)
                .map(|k| format!("{}:{what}", short(k)))
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
            Some((done, total)) if total > 0 => {
                format!(" reading the archive: {done}/{total} files")
            }
            _ => " loading…".to_string(),
        }
    } else if let Some(search) = super::search::status_left(app) {
        search
    } else {
        let shown = app.list.order.len();
        let pos = if shown == 0 { 0 } else { app.list.selected + 1 };
        let noun = if count == 1 { "story" } else { "stories" };
        let (_, unread) = app.unread_counts();
        format!(
            " {count} {noun} · {unread} unread · {pos}/{shown} · {}",
            app.focus.name()
        )
    };
    let left = match super::search::index_label(app) {
        Some(label) => format!("{left} · {label}"),
        None => left,
    };
    let opts = Options {
        dir: DirMode::Ltr,
        ..*app.opts()
    };
    let width = usize::from(area.width);
    let (left_line, _) = text::truncate(&left, width, &opts);
    paint(buf, (area.x, area.y, area.width), &left_line, 0, bar, &[]);
    let (right, style) = if let Some(msg) = &app.message {
        (msg.clone(), bar.patch(theme.style(Role::StatusCount)))
    } else if let Some(note) = &app.load_note {
        (note.clone(), bar.patch(theme.style(Role::StatusNote)))
    } else {
        (hints(app), bar.patch(theme.style(Role::StatusHint)))
    };
    let room = width.saturating_sub(left_line.width + 3);
    if room == 0 {
        return;
    }
    let (line, _) = text::truncate(&right, room, &opts);
    let x = area.x as usize + width - line.width - 1;
    paint(
        buf,
        (x as u16, area.y, line.width as u16),
        &line,
        0,
        style,
        &[],
    );
}
