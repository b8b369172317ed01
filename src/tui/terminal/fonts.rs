//! Which right-to-left scripts kitty's font has: kitty starts a new run of cells where a letter
//! comes from a fallback font, and that changes what qari must send (`ui::kitty`).
//!
//! The font is `font_family` in kitty.conf (`$KITTY_CONFIG_DIRECTORY`, else
//! `$XDG_CONFIG_HOME/kitty`, else `~/.config/kitty`), `monospace` when it says nothing, as
//! kitty resolves it: through fontconfig, asked with `fc-match`. Without `fc-match` (macOS),
//! `DejaVu Sans Mono`'s coverage is assumed.

use std::path::PathBuf;
use std::process::Command;

use crate::ui::kitty::Fonts;

/// kitty's font family as its configuration file names it.
fn family() -> String {
    let dir = std::env::var_os("KITTY_CONFIG_DIRECTORY")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CONFIG_HOME").map(|d| PathBuf::from(d).join("kitty")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/kitty")));
    let conf = dir
        .and_then(|d| std::fs::read_to_string(d.join("kitty.conf")).ok())
        .unwrap_or_default();
    family_in(&conf).unwrap_or_else(|| "monospace".to_owned())
}

/// The last `font_family` of a kitty.conf.
fn family_in(conf: &str) -> Option<String> {
    conf.lines()
        .filter_map(|l| l.trim().strip_prefix("font_family"))
        .filter(|rest| rest.starts_with([' ', '\t']))
        .map(|rest| rest.trim().to_owned())
        .rfind(|f| !f.is_empty() && f != "auto")
}

/// fontconfig's charset (`20-7e a0-17f 5d0 …`, hexadecimal) as ranges.
fn charset(text: &str) -> Vec<(u32, u32)> {
    text.split_whitespace()
        .filter_map(|range| {
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            Some((
                u32::from_str_radix(a, 16).ok()?,
                u32::from_str_radix(b, 16).ok()?,
            ))
        })
        .collect()
}

/// kitty's main font's character set.
pub fn kitty_fonts() -> Fonts {
    let family = family();
    let Ok(out) = Command::new("fc-match")
        .args(["-f", "%{charset}", &family])
        .output()
    else {
        return Fonts::default();
    };
    let ranges = charset(&String::from_utf8_lossy(&out.stdout));
    if !out.status.success() || ranges.is_empty() {
        return Fonts::default();
    }
    Fonts::covering(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_family_is_the_last_one_set() {
        assert_eq!(family_in(""), None);
        assert_eq!(
            family_in(
                "# font_family Hack\nfont_family      Fira Code\nfont_size 12\nfont_family  Iosevka\n"
            ),
            Some("Iosevka".to_owned())
        );
        assert_eq!(family_in("font_family auto\n"), None);
        assert_eq!(family_in("font_familyX y\n"), None);
    }

    #[test]
    fn charsets_are_hex_ranges() {
        let fonts = Fonts::covering(charset("20-7e a0-17f 5d0-5ea 600-6ff fe70-fefc"));
        assert!(fonts.covers('a'));
        assert!(fonts.covers('א'));
        assert!(fonts.covers('\u{FEDF}'));
        assert!(!fonts.covers('\u{3042}'));
        assert!(charset("").is_empty());
        assert_eq!(charset("20-7e zz 5d0"), [(0x20, 0x7e), (0x5d0, 0x5d0)]);
    }
}
