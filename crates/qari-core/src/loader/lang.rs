//! Language and base direction of a story, decided from the script of its text.
//!
//! Stored pages rarely say what language they are in. The script says most of it: Hebrew
//! letters mean `he`; Arabic-script letters mean `ar` unless the letters only Urdu uses
//! (`ے ہ ھ ں ٹ ڈ ڑ`) or the ones Persian uses and Arabic does not (`پ چ ژ گ ک ی`) are frequent
//! enough to be the language rather than one borrowed name. Latin letters mean `en` (the archive
//! languages qari targets; other Latin-script languages can say `lang` in JSON); text mostly
//! in another left-to-right script (Cyrillic, Greek, CJK …) is `und`.
//!
//! The base direction follows the script that holds most of the strong letters, so that an
//! Arabic headline that opens with a Latin brand name is still right-to-left. Without
//! letters it falls back to the first strong character, then to left-to-right.

use crate::chars::tabled::Tabled;
use crate::model::Direction;

/// How many characters of a story are looked at: enough to decide, cheap on long bodies.
const SAMPLE_CHARS: usize = 1500;

/// Letter counts per script over a sample of text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    pub arabic: usize,
    pub persian: usize,
    pub urdu: usize,
    pub hebrew: usize,
    pub latin: usize,
    /// Letters of other left-to-right scripts (Cyrillic, Greek, CJK …).
    pub other: usize,
    /// Direction of the first strong character seen.
    pub first_strong: Option<Direction>,
}

/// Which count a character adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    None,
    Arabic,
    /// An Arabic-script letter only Urdu uses (counted as Arabic too).
    Urdu,
    /// One Persian uses and Arabic does not (counted as Arabic too).
    Persian,
    Hebrew,
    Latin,
    Other,
}

/// A character's class (from a table for nearly every letter of an archive, `chars::tabled`).
fn class(c: char) -> Class {
    static TABLE: Tabled<Class> = Tabled::new();
    TABLE.answer(c, class_by_rule)
}

/// The script rules of one character.
fn class_by_rule(c: char) -> Class {
    match c {
        'ے' | 'ہ' | 'ھ' | 'ں' | 'ٹ' | 'ڈ' | 'ڑ' => Class::Urdu,
        'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => Class::Persian,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}' => Class::Arabic,
        '\u{05D0}'..='\u{05EA}' | '\u{05EF}'..='\u{05F2}' | '\u{FB1D}'..='\u{FB4F}' => {
            Class::Hebrew
        }
        // (the cheap range test first: the rest of the Arabic block is punctuation and
        // marks, and `is_alphabetic` is a table search outside ASCII)
        c if is_latin(c) => Class::Latin,
        c if !is_rtl_block(c) && c.is_alphabetic() => Class::Other,
        _ => Class::None,
    }
}

impl ScriptCounts {
    /// Counts the letters of the given texts (in order), up to a sample size.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        let mut seen = 0usize;
        for text in texts {
            for c in text.chars() {
                counts.add(c);
                seen += 1;
                if seen >= SAMPLE_CHARS {
                    return counts;
                }
            }
        }
        counts
    }

    fn add(&mut self, c: char) {
        match class(c) {
            Class::Urdu => {
                self.urdu += 1;
                self.arabic += 1;
            }
            Class::Persian => {
                self.persian += 1;
                self.arabic += 1;
            }
            Class::Arabic => self.arabic += 1,
            Class::Hebrew => self.hebrew += 1,
            Class::Latin => self.latin += 1,
            Class::Other => self.other += 1,
            Class::None => {}
        }
        if self.first_strong.is_none() {
            self.first_strong = strong_direction(c);
        }
    }

    /// The BCP 47 tag these counts point to (`und` when there are no letters).
    pub fn lang(&self) -> &'static str {
        let rtl = self.arabic + self.hebrew;
        if rtl == 0 && self.latin == 0 && self.other == 0 {
            return "und";
        }
        if self.other > rtl && self.other > self.latin {
            // Cyrillic, Greek, Chinese …: not guessed; JSON `lang` can say.
            return "und";
        }
        if self.latin > rtl {
            return "en";
        }
        if self.hebrew > self.arabic {
            return "he";
        }
        // One borrowed letter in a name does not make a language: ask for 2 % of the letters.
        if self.urdu >= 2 && self.urdu * 50 >= self.arabic {
            "ur"
        } else if self.persian >= 2 && self.persian * 50 >= self.arabic {
            "fa"
        } else {
            "ar"
        }
    }

    /// The base direction these counts point to.
    pub fn direction(&self) -> Direction {
        match (self.arabic + self.hebrew).cmp(&(self.latin + self.other)) {
            std::cmp::Ordering::Greater => Direction::Rtl,
            std::cmp::Ordering::Less => Direction::Ltr,
            std::cmp::Ordering::Equal => self.first_strong.unwrap_or_default(),
        }
    }
}

/// Letters of the Latin script (Basic Latin, Latin-1, Latin Extended A/B and Additional).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

fn is_rtl_block(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The primary subtag of a BCP 47 tag (`fa-IR` → `fa`, `pt_BR` → `pt`), lowercased: what
/// says which language a tag names, whatever its region or script.
pub fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether an `hreflang` names a language other than the one `own` tag names (`x-default`
/// names none): what makes an alternate address a translation.
pub fn other_language(hreflang: &str, own: Option<&str>) -> bool {
    let tag = primary_subtag(hreflang);
    !tag.is_empty() && tag != "x" && own.map(primary_subtag) != Some(tag)
}

/// The direction of a strong character (bidi classes L, R, AL), `None` for the others.
pub fn strong_direction(c: char) -> Option<Direction> {
    use unicode_bidi::BidiClass;
    match unicode_bidi::bidi_class(c) {
        BidiClass::L => Some(Direction::Ltr),
        BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
        _ => None,
    }
}

/// Parses a JSON `dir` value: `rtl` / `ltr` (anything else, e.g. `auto`, means "decide").
pub fn parse_dir(value: &str) -> Option<Direction> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_table_gives_what_the_rules_give() {
        for c in ('\0'..='\u{0700}').chain(['\u{FB50}', '\u{0750}', 'ж', '中']) {
            assert_eq!(class(c), class_by_rule(c), "{c:?}");
        }
        assert_eq!(class('ے'), Class::Urdu);
        assert_eq!(class('ж'), Class::Other);
    }

    fn lang(s: &str) -> &'static str {
        ScriptCounts::of([s]).lang()
    }

    #[test]
    fn scripts_give_languages() {
        assert_eq!(lang("قال الرئيس إن المحادثات مستمرة"), "ar");
        assert_eq!(lang("הממשלה אישרה את התקציב"), "he");
        assert_eq!(lang("وزیر خارجه گفت که مذاکرات ادامه پیدا می‌کند"), "fa");
        assert_eq!(lang("وزیر اعظم نے کہا کہ بات چیت جاری رہے گی"), "ur");
        assert_eq!(lang("The minister said talks would continue"), "en");
        assert_eq!(lang("123 — 456"), "und");
        assert_eq!(
            lang("Le ministre a déclaré que les négociations continueraient"),
            "en"
        );
        // Other scripts are not guessed: not `en`.
        assert_eq!(lang("Министр заявил, что переговоры продолжатся"), "und");
        assert_eq!(lang("部长表示谈判将继续"), "und");
        assert_eq!(
            ScriptCounts::of(["Министр заявил"]).direction(),
            Direction::Ltr
        );
    }

    #[test]
    fn one_borrowed_letter_stays_arabic() {
        // a Persian name in an Arabic sentence
        let s = "التقى وزير الخارجية بنظيره الإيراني في طهران لبحث ملفات المنطقة وقضايا التعاون \
                 الثنائي، بحضور السفير پرويز";
        assert_eq!(lang(s), "ar");
    }

    #[test]
    fn majority_script_sets_direction() {
        assert_eq!(
            ScriptCounts::of(["ChatGPT يغير طريقة عمل غرف الأخبار"]).direction(),
            Direction::Rtl
        );
        assert_eq!(
            ScriptCounts::of(["Talks in الدوحة resume on Monday"]).direction(),
            Direction::Ltr
        );
        assert_eq!(ScriptCounts::of(["١٢٣"]).direction(), Direction::Ltr);
    }

    #[test]
    fn dir_override_values() {
        assert_eq!(parse_dir("RTL"), Some(Direction::Rtl));
        assert_eq!(parse_dir("ltr"), Some(Direction::Ltr));
        assert_eq!(parse_dir("auto"), None);
    }
}
