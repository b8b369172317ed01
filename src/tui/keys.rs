//! Terminal input in the app's vocabulary: crossterm's key, mouse and resize events become
//! our [`Key`]s and [`Command`]s. Keys are our own type (`input.rs`), so the app stays free of
//! terminal code and `qari screen` replays the same Vim notation the help prints.

use crossterm::event::{
    Event as TermEvent, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Command;
use crate::app::{App, Effect};
use crate::input::{Key, KeyCode};

/// Turns a terminal event into an action and applies it.
pub(super) fn input(app: &mut App, event: &TermEvent) -> Effect {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => match convert_key(key) {
            Some(key) => app.key(key),
            None => Effect::None,
        },
        TermEvent::Mouse(mouse) => {
            let (col, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => app.update(Command::Click { col, row }),
                MouseEventKind::ScrollDown => app.update(Command::Wheel {
                    col,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => app.update(Command::Wheel {
                    col,
                    row,
                    down: false,
                }),
                _ => Effect::None,
            }
        }
        TermEvent::Resize(cols, rows) => app.update(Command::Resize {
            cols: *cols,
            rows: *rows,
        }),
        _ => Effect::None,
    }
}

/// The terminal's key event in the app's vocabulary.
fn convert_key(key: &KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as K;
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let code = match key.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Tab if shift => KeyCode::BackTab,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Backspace => KeyCode::Backspace,
        K::Esc => KeyCode::Esc,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn ev(code: crossterm::event::KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn terminal_keys_convert() {
        use crossterm::event::KeyCode as K;
        let ctrl_d = convert_key(&ev(K::Char('d'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(ctrl_d.to_string(), "<C-d>");
        let alt_left = convert_key(&ev(K::Left, KeyModifiers::ALT)).unwrap();
        assert_eq!(alt_left.to_string(), "<A-Left>");
        let shift_tab = convert_key(&ev(K::Tab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(shift_tab.to_string(), "<S-Tab>");
        let big_g = convert_key(&ev(K::Char('G'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(big_g.to_string(), "G");
        assert_eq!(convert_key(&ev(K::F(1), KeyModifiers::NONE)), None);
    }
}
