//! The overlays over the panes: the key help (`?`) and the files that failed to load (`E`).
//! While one is shown it takes every key: movement scrolls it (line, half page, page, ends),
//! `?` / `E` switch between them, `Esc` or a click closes it.

use super::{App, Effect, Screen};

use crate::action::Command;

impl App {
    /// Rows the overlay shows at once: the screen less the overlay's border.
    pub fn overlay_page(&self) -> usize {
        usize::from(self.screen.area.height.saturating_sub(2)).max(1)
    }

    /// Keys while the help or the errors panel is shown: they scroll it or close it.
    pub(super) fn update_overlay(&mut self, action: Command) -> Effect {
        let in_help = self.help.is_some();
        let rows = if in_help {
            self.keymap.help_rows().len()
        } else {
            self.errors.len()
        };
        let page = self.overlay_page();
        // Never past the last page, so that `k` answers at once after many `j`s.
        let last = rows.saturating_sub(page);
        let mut offset = self.help.or(self.errors_panel).unwrap_or(0);
        let step = |o: usize, d: isize| o.saturating_add_signed(d).min(last);
        let page_i = isize::try_from(page).unwrap_or(isize::MAX);
        match action {
            Command::Help if !in_help => {
                self.errors_panel = None;
                self.help = Some(0);
                return Effect::None;
            }
            Command::Errors if in_help && !self.errors.is_empty() => {
                self.help = None;
                self.errors_panel = Some(0);
                return Effect::None;
            }
            Command::Help | Command::Errors | Command::Close | Command::Click { .. } => {
                self.help = None;
                self.errors_panel = None;
                return Effect::None;
            }
            Command::Quit => return Effect::Quit,
            Command::Down | Command::Wheel { down: true, .. } => offset = step(offset, 1),
            Command::Up | Command::Wheel { down: false, .. } => offset = step(offset, -1),
            Command::PageDown => offset = step(offset, page_i),
            Command::PageUp => offset = step(offset, -page_i),
            Command::HalfPageDown => offset = step(offset, (page_i / 2).max(1)),
            Command::HalfPageUp => offset = step(offset, -(page_i / 2).max(1)),
            Command::Top => offset = 0,
            Command::Bottom => offset = last,
            Command::Resize { cols, rows: height } => {
                self.screen = Screen::new(cols, height, self.focus, self.tr().dir());
                offset = offset.min(rows.saturating_sub(self.overlay_page()));
            }
            _ => {}
        }
        if in_help {
            self.help = Some(offset);
        } else {
            self.errors_panel = Some(offset);
        }
        Effect::None
    }
}
