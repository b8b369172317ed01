//! The theme reaches the screen (issue 12): the styles in the drawn buffer are the theme's
//! roles, a `[colors]` override changes exactly its role, and `NO_COLOR` leaves no colour in
//! any cell while keeping the attributes that carry meaning.

use qari::app::App;

use qari::action::Command;
use qari::ui::theme::ThemeName;
use qari::ui::theme::{Role, Theme};
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn drawn(theme: &Theme) -> Buffer {
    let (library, errors) = Library::sample();
    let mut app = App::new(library, &errors, Marks::default(), Options::default());
    app.update(Command::Resize {
        cols: 100,
        rows: 30,
    });
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    terminal
        .draw(|frame| {
            qari::ui::draw(frame, &qari::ui::View { app: &app, theme });
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

#[test]
fn the_buffer_is_painted_with_the_themes_roles() {
    for name in [
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::HighContrast,
    ] {
        let theme = Theme::builtin(name);
        let buf = drawn(&theme);
        // the status bar (last row) has the status role's background
        let status = &buf[(50, 29)];
        assert_eq!(
            status.bg,
            theme.style(Role::Status).bg.unwrap_or(Color::Reset),
            "{name:?}"
        );
        // the story list is focused at start: its border has the focused-border colour
        let corner = &buf[(0, 0)];
        assert_eq!(
            corner.fg,
            theme.style(Role::FocusedBorder).fg.unwrap_or(Color::Reset),
            "{name:?}"
        );
        // the reader's border is not focused
        let right = &buf[(99, 0)];
        assert_eq!(
            right.fg,
            theme.style(Role::Border).fg.unwrap_or(Color::Reset),
            "{name:?}"
        );
    }
    let dark = drawn(&Theme::builtin(ThemeName::Default));
    let light = drawn(&Theme::builtin(ThemeName::Light));
    assert_ne!(
        dark[(50, 29)].bg,
        light[(50, 29)].bg,
        "themes differ on screen"
    );
}

#[test]
fn an_override_changes_its_role_on_screen() {
    let theme = Theme::from_config(ThemeName::Default, [("focused_border", "#ff8800")], false)
        .expect("valid");
    let buf = drawn(&theme);
    assert_eq!(buf[(0, 0)].fg, Color::Rgb(0xff, 0x88, 0));
    assert_eq!(
        buf[(99, 0)].fg,
        Color::DarkGray,
        "other roles keep the theme's"
    );
}

#[test]
fn no_color_leaves_no_colour_in_any_cell() {
    let theme = Theme::from_config(ThemeName::Default, [("link", "red")], true).expect("valid");
    let buf = drawn(&theme);
    let mut attributes = Modifier::empty();
    for cell in &buf.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        attributes |= cell.modifier;
    }
    assert!(
        attributes.contains(Modifier::REVERSED),
        "the selection is still shown"
    );
    assert!(
        attributes.contains(Modifier::BOLD),
        "unread stories are still bold"
    );
}
