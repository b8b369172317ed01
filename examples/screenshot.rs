//! Draws the reader on the bundled sample archive into an SVG picture, cell by cell with the
//! theme's colours: the README's pictures of the interface.
//!
//! ```text
//! cargo run --example screenshot -- ar 110x30 'j<Enter>' > docs/interface-ar.svg
//! ```
//!
//! Arguments: the interface language (`en`, `ar`, `he`, `fa`), the size, the keys to replay.
//! Each cell is its own `<text>`, so a browser shows the cells as qari laid them out and never
//! reorders them again.

use std::fmt::Write as _;

use qari::action::Action;
use qari::app::App;
use qari::i18n::Tr;
use qari::i18n::UiLanguage;
use qari::input::parse_keys;
use qari_core::bidi::Options;
use qari_core::library::Library;
use qari_core::library::state::Marks;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

const CELL_W: f32 = 9.0;
const CELL_H: f32 = 18.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d0d0d0";

/// The 16 ANSI colours as a common dark terminal palette shows them.
fn hex(color: Color, default: &'static str) -> String {
    let named = match color {
        Color::Reset => default,
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#8fb573",
        Color::Yellow => "#e0c060",
        Color::Blue => "#6f9fd8",
        Color::Magenta => "#b294bb",
        Color::Cyan => "#6fc0c0",
        Color::Gray => "#c5c8c6",
        Color::DarkGray => "#707070",
        Color::LightRed => "#ff8080",
        Color::LightGreen => "#b5e890",
        Color::LightYellow => "#fff080",
        Color::LightBlue => "#9fc8ff",
        Color::LightMagenta => "#e0b0ff",
        Color::LightCyan => "#a0f0f0",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return format!("#{0:02x}{0:02x}{0:02x}", 8 + u16::from(i) % 24 * 10),
    };
    named.to_owned()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (
        f32::from(area.width) * CELL_W,
        f32::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans Mono, Noto Sans Mono, monospace" font-size="14">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#
    );
    for y in area.top()..area.bottom() {
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let cell = &buf[(x, y)];
            let width = usize::from(cell.cell_width());
            let covered = skip > 0;
            skip = skip.max(width).saturating_sub(1);
            if covered {
                continue;
            }
            let (px, py) = (f32::from(x) * CELL_W, f32::from(y) * CELL_H);
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(cell.fg, FOREGROUND), hex(cell.bg, BACKGROUND));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            if bg != BACKGROUND {
                let cw = CELL_W * width.max(1) as f32;
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{cw}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if cell.modifier.contains(Modifier::DIM) {
                attrs.push_str(r#" opacity="0.6""#);
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{px}" y="{}" fill="{fg}"{attrs}>{}</text>"#,
                py + CELL_H * 0.75,
                escape(symbol)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = match args.first().map(String::as_str) {
        Some("ar") => UiLanguage::Ar,
        Some("he") => UiLanguage::He,
        Some("fa") => UiLanguage::Fa,
        _ => UiLanguage::En,
    };
    let (cols, rows) = args
        .get(1)
        .and_then(|s| s.split_once('x'))
        .and_then(|(c, r)| Some((c.parse().ok()?, r.parse().ok()?)))
        .unwrap_or((110, 30));
    let keys = parse_keys(args.get(2).map_or("", String::as_str)).unwrap_or_default();
    let (library, errors) = Library::sample();
    let mut app = App::loading(Marks::default(), Options::default());
    let settings = *app.settings();
    app = app.with_settings(qari::settings::Settings {
        tr: Tr {
            lang,
            ..Tr::default()
        },
        ..settings
    });
    app.update(Action::loaded(library, &errors));
    qari::tui::headless::replay(&mut app, cols, rows, &keys);
    let area = Rect::new(0, 0, cols, rows);
    let mut buf = Buffer::empty(area);
    qari::ui::render(
        &qari::ui::View {
            app: &app,
            theme: &qari::ui::theme::Theme::default(),
        },
        area,
        &mut buf,
    );
    print!("{}", svg(&buf));
}
