//! The reader without a terminal: sizes the app on ratatui's test backend, replays keys,
//! carries out the effects a headless owner can (bodies are read at once), and returns the
//! screen. `qari screen` and the screen tests draw with it, so what they show is what the
//! event loop would draw after the same keys.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::action::{Action, Command};
use crate::app::{App, Effect};
use crate::input::Key;
use crate::ui::{self, View, theme::Theme};

/// Runs the app headless: sizes it to `cols`×`rows` on ratatui's test backend, replays `keys`
/// (stopping at a quit), drawing after each one as the live loop does, and returns the final
/// screen as text. `qari screen` and the screen tests use it (`replay_with` returns the final
/// buffer).
pub fn replay(app: &mut App, cols: u16, rows: u16, keys: &[Key]) -> Vec<String> {
    let theme = Theme::default();
    ui::buffer_lines(&replay_with(
        app,
        &theme,
        (cols, rows),
        keys,
        &mut |_, effect| effect,
    ))
}

/// The effects the app queued (body requests), carried out at once, as a headless owner
/// can: a body is read synchronously before the next frame. `true` to quit.
fn run_queued(app: &mut App, on_effect: &mut dyn FnMut(&mut App, Effect) -> Effect) -> bool {
    loop {
        let queued = app.take_effects();
        if queued.is_empty() {
            return false;
        }
        for effect in queued {
            match on_effect(app, effect) {
                Effect::Quit => return true,
                Effect::LoadBody(id) => {
                    let body = app.library().read_body(id).map_err(|e| e.to_string());
                    app.update(Action::Body { id, body });
                }
                _ => {}
            }
        }
    }
}

/// `replay`, in `theme`, with the owner's handling of each key's effect (`qari screen` runs
/// searches there); `on_effect` returns what remains to do.
pub fn replay_with(
    app: &mut App,
    theme: &Theme,
    (cols, rows): (u16, u16),
    keys: &[Key],
    on_effect: &mut dyn FnMut(&mut App, Effect) -> Effect,
) -> Buffer {
    // The test backend cannot fail.
    let Ok(mut terminal) = Terminal::new(TestBackend::new(cols, rows));
    app.update(Command::Resize { cols, rows });
    if run_queued(app, on_effect) {
        return terminal.backend().buffer().clone();
    }
    let Ok(_) = terminal.draw(|frame| ui::draw(frame, &View { app, theme }));
    for &key in keys {
        let effect = app.key(key);
        if on_effect(app, effect) == Effect::Quit || run_queued(app, on_effect) {
            break;
        }
        let Ok(_) = terminal.draw(|frame| ui::draw(frame, &View { app, theme }));
    }
    terminal.backend().buffer().clone()
}
