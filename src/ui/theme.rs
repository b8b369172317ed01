//! Colours by role: the one place the interface's styles are decided.
//!
//! Views ask for a [`Role`] (the selection, an unread story, a link, a search hit, the focused
//! border…) and never name a colour, so a theme, the user's `[colors]` overrides and
//! `NO_COLOR` apply everywhere at once. Three built-in themes: `default` (dark backgrounds),
//! `light` and `high-contrast`. `NO_COLOR` (<https://no-color.org>) removes every colour and
//! keeps the attributes (bold, reverse, underline, dim), which carry the meaning on their own.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use serde::Deserialize;

/// A built-in theme, by the name the config and `--theme` use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Default,
    Light,
    HighContrast,
}

/// What a style is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The row under the cursor in the list and in the related panel.
    Selection,
    /// A story not read yet.
    Unread,
    /// A story already read (and other secondary text).
    Dimmed,
    /// A link in the reader that leads to a story in the archive.
    Link,
    /// A link whose story is not in the archive.
    DimmedLink,
    /// The link the reader's cursor is on.
    FocusedLink,
    /// The story's headline in the reader.
    Headline,
    /// Source, date and language under the headline.
    Meta,
    /// A search hit in the text.
    Hit,
    /// The hit the search is on.
    CurrentHit,
    /// A pane's border.
    Border,
    /// The focused pane's border.
    FocusedBorder,
    /// The status bar.
    Status,
    /// The counts in the status bar.
    StatusCount,
    /// A message or error in the status bar.
    StatusNote,
    /// The key hints in the status bar.
    StatusHint,
    /// The search prompt.
    Prompt,
    /// The help overlay's border.
    HelpBorder,
    /// Key names in the help overlay.
    HelpKey,
}

impl Role {
    pub const ALL: [Role; 19] = [
        Role::Selection,
        Role::Unread,
        Role::Dimmed,
        Role::Link,
        Role::DimmedLink,
        Role::FocusedLink,
        Role::Headline,
        Role::Meta,
        Role::Hit,
        Role::CurrentHit,
        Role::Border,
        Role::FocusedBorder,
        Role::Status,
        Role::StatusCount,
        Role::StatusNote,
        Role::StatusHint,
        Role::Prompt,
        Role::HelpBorder,
        Role::HelpKey,
    ];

    /// The role's name in the config file's `[colors]` table.
    pub fn name(self) -> &'static str {
        match self {
            Role::Selection => "selection",
            Role::Unread => "unread",
            Role::Dimmed => "dimmed",
            Role::Link => "link",
            Role::DimmedLink => "dimmed_link",
            Role::FocusedLink => "focused_link",
            Role::Headline => "headline",
            Role::Meta => "meta",
            Role::Hit => "hit",
            Role::CurrentHit => "current_hit",
            Role::Border => "border",
            Role::FocusedBorder => "focused_border",
            Role::Status => "status",
            Role::StatusCount => "status_count",
            Role::StatusNote => "status_note",
            Role::StatusHint => "status_hint",
            Role::Prompt => "prompt",
            Role::HelpBorder => "help_border",
            Role::HelpKey => "help_key",
        }
    }
}

/// A style for every role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; Role::ALL.len()],
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::builtin(ThemeName::Default)
    }
}

fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

fn on(bg: Color, fg: Color) -> Style {
    Style::new().bg(bg).fg(fg)
}

const BOLD: Modifier = Modifier::BOLD;
const DIM: Modifier = Modifier::DIM;
const REVERSED: Modifier = Modifier::REVERSED;
const UNDERLINED: Modifier = Modifier::UNDERLINED;

impl Theme {
    /// One of the built-in themes.
    // One arm per (theme, role) reads as the palette; merging equal ones would hide it.
    #[allow(clippy::match_same_arms)]
    pub fn builtin(name: ThemeName) -> Theme {
        let plain = Style::new();
        let style = |role: Role| -> Style {
            match (name, role) {
                (_, Role::Selection) => plain.add_modifier(REVERSED),
                (_, Role::Unread | Role::Headline) => plain.add_modifier(BOLD),
                (_, Role::FocusedLink) => plain.add_modifier(REVERSED | UNDERLINED),
                (ThemeName::HighContrast, Role::Dimmed | Role::DimmedLink) => fg(Color::Gray),
                (_, Role::Dimmed | Role::DimmedLink) => plain.add_modifier(DIM),
                (ThemeName::Default, Role::Link | Role::FocusedBorder | Role::HelpKey) => {
                    fg(Color::Cyan)
                }
                (ThemeName::Light, Role::Link | Role::FocusedBorder | Role::HelpKey) => {
                    fg(Color::Blue)
                }
                (ThemeName::HighContrast, Role::Link | Role::FocusedBorder | Role::HelpKey) => {
                    fg(Color::LightCyan).add_modifier(BOLD)
                }
                (ThemeName::HighContrast, Role::Meta) => fg(Color::White),
                (_, Role::Meta) => fg(Color::Gray).add_modifier(DIM),
                (ThemeName::HighContrast, Role::Hit) => on(Color::LightYellow, Color::Black),
                (_, Role::Hit) => on(Color::Yellow, Color::Black),
                (_, Role::CurrentHit) => on(Color::LightRed, Color::Black),
                (ThemeName::HighContrast, Role::Border) => fg(Color::White),
                (ThemeName::Light, Role::Border) => fg(Color::Gray),
                (ThemeName::Default, Role::Border) => fg(Color::DarkGray),
                (ThemeName::Light, Role::Status) => on(Color::Gray, Color::Black),
                (ThemeName::HighContrast, Role::Status) => on(Color::Black, Color::White),
                (ThemeName::Default, Role::Status) => on(Color::DarkGray, Color::White),
                (ThemeName::Light, Role::StatusCount) => fg(Color::Black).add_modifier(BOLD),
                (_, Role::StatusCount) => fg(Color::Yellow).add_modifier(BOLD),
                (ThemeName::Light, Role::StatusNote) => fg(Color::Red),
                (_, Role::StatusNote) => fg(Color::LightRed),
                (ThemeName::HighContrast, Role::StatusHint) => fg(Color::White),
                (ThemeName::Light, Role::StatusHint) => fg(Color::DarkGray),
                (ThemeName::Default, Role::StatusHint) => fg(Color::Gray),
                (ThemeName::Light, Role::Prompt) => on(Color::White, Color::Black),
                (_, Role::Prompt) => on(Color::Black, Color::White),
                (ThemeName::Light, Role::HelpBorder) => fg(Color::Magenta),
                (_, Role::HelpBorder) => fg(Color::Yellow),
            }
        };
        Theme {
            styles: Role::ALL.map(style),
        }
    }

    /// The theme a config asks for: a built-in theme, the `[colors]` overrides (role name →
    /// colour: a name such as `yellow` or `light-blue`, `#rrggbb`, or a 256-colour index),
    /// and `no_color` (`NO_COLOR` set) last. An unknown role or colour is an error that says
    /// what is valid.
    pub fn from_config<'a>(
        name: ThemeName,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
        no_color: bool,
    ) -> Result<Theme, String> {
        let mut theme = Theme::builtin(name);
        for (role_name, colour) in overrides {
            let role = Role::ALL
                .into_iter()
                .find(|r| r.name() == role_name)
                .ok_or_else(|| {
                    let names: Vec<_> = Role::ALL.iter().map(|r| r.name()).collect();
                    format!(
                        "[colors] {role_name}: no such role; the roles are {}",
                        names.join(", ")
                    )
                })?;
            let colour = Color::from_str(colour).map_err(|_| {
                format!(
                    "[colors] {role_name} = \"{colour}\": not a colour; write a name \
                     (\"yellow\", \"light-blue\", \"dark-gray\"), \"#rrggbb\" or a number 0-255"
                )
            })?;
            let slot = &mut theme.styles[role as usize];
            // A colour with a background keeps it as the background (hits, the status bar).
            *slot = if slot.bg.is_some() {
                slot.bg(colour)
            } else {
                slot.fg(colour)
            };
        }
        if no_color {
            for style in &mut theme.styles {
                style.fg = None;
                style.bg = None;
            }
        }
        Ok(theme)
    }

    /// The style of `role`.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }
}

/// Is `NO_COLOR` set to something (its documented meaning: any non-empty value)?
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_name_and_the_order_matches() {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(*role as usize, i, "{role:?}");
            assert!(!role.name().is_empty());
        }
    }

    #[test]
    fn the_themes_differ_where_backgrounds_differ() {
        let dark = Theme::builtin(ThemeName::Default);
        let light = Theme::builtin(ThemeName::Light);
        let high = Theme::builtin(ThemeName::HighContrast);
        assert_ne!(dark.style(Role::Link), light.style(Role::Link));
        assert_ne!(dark.style(Role::Status), high.style(Role::Status));
        // High contrast never relies on dimming.
        for role in Role::ALL {
            assert!(
                !high.style(role).add_modifier.contains(Modifier::DIM),
                "{role:?}"
            );
        }
    }

    #[test]
    fn overrides_set_the_role_and_keep_its_attributes() {
        let t = Theme::from_config(
            ThemeName::Default,
            [("link", "#ff8800"), ("hit", "light-blue"), ("unread", "2")],
            false,
        )
        .expect("valid");
        assert_eq!(t.style(Role::Link).fg, Some(Color::Rgb(0xff, 0x88, 0)));
        assert_eq!(t.style(Role::Hit).bg, Some(Color::LightBlue));
        assert_eq!(t.style(Role::Hit).fg, Some(Color::Black));
        assert_eq!(t.style(Role::Unread).fg, Some(Color::Indexed(2)));
        assert!(t.style(Role::Unread).add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn bad_overrides_say_what_is_valid() {
        let e = Theme::from_config(ThemeName::Default, [("lnk", "red")], false)
            .expect_err("no such role");
        assert!(e.contains("lnk") && e.contains("focused_border"), "{e}");
        let e = Theme::from_config(ThemeName::Default, [("link", "blurple")], false)
            .expect_err("no such colour");
        assert!(e.contains("blurple") && e.contains("#rrggbb"), "{e}");
    }

    #[test]
    fn no_color_removes_colours_and_keeps_attributes() {
        let t = Theme::from_config(ThemeName::Default, [("link", "red")], true).expect("valid");
        for role in Role::ALL {
            let s = t.style(role);
            assert_eq!((s.fg, s.bg), (None, None), "{role:?}");
        }
        assert!(
            t.style(Role::Selection)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(t.style(Role::Unread).add_modifier.contains(Modifier::BOLD));
    }
}
