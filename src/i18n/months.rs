//! Month names as the interface writes them: one table per calendar (`calendar` in the
//! config) and interface language.
//!
//! The core reads month names in every spelling a site may use
//! (`qari_core::loader::calendar`); these are the one spelling each interface language
//! shows. Persian and Hijri months are written as each language writes them (`Farvardin`,
//! `فروردين`, `פרוורדין`, `فروردین`; `Ramadan`, `رمضان`, `רמדאן`), Persian ones with their
//! ZWNJ (`ربیع‌الاول`).

use super::{Calendar, UiLanguage};

/// The name of `month` (1–12) of `calendar` in `lang`; `short` for the list's column (only
/// English abbreviates: the others' names are short already).
pub(super) fn month(lang: UiLanguage, calendar: Calendar, month: u8, short: bool) -> &'static str {
    let i = usize::from(month.clamp(1, 12)) - 1;
    if short && lang == UiLanguage::En {
        return match calendar {
            Calendar::Hijri => HIJRI_EN_SHORT[i],
            Calendar::Gregorian | Calendar::Persian => {
                let name = table(lang, calendar)[i];
                // ASCII names: the first three letters are a character boundary
                name.get(..3).unwrap_or(name)
            }
        };
    }
    table(lang, calendar)[i]
}

fn table(lang: UiLanguage, calendar: Calendar) -> &'static [&'static str; 12] {
    let row = match lang {
        UiLanguage::En => 0,
        UiLanguage::Ar => 1,
        UiLanguage::He => 2,
        UiLanguage::Fa => 3,
    };
    match calendar {
        Calendar::Gregorian => &GREGORIAN[row],
        Calendar::Persian => &PERSIAN[row],
        Calendar::Hijri => &HIJRI[row],
    }
}

/// English, Arabic, Hebrew, Persian (the order of [`UiLanguage`]).
#[rustfmt::skip]
const GREGORIAN: [[&str; 12]; 4] = [
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"],
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
     "نوفمبر", "ديسمبر"],
    ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר",
     "נובמבר", "דצמבר"],
    ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
     "نوامبر", "دسامبر"],
];

/// The Solar Hijri months.
#[rustfmt::skip]
const PERSIAN: [[&str; 12]; 4] = [
    ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban",
     "Azar", "Dey", "Bahman", "Esfand"],
    ["فروردين", "أرديبهشت", "خرداد", "تير", "مرداد", "شهريور", "مهر", "آبان", "آذر", "دي",
     "بهمن", "إسفند"],
    ["פרוורדין", "אורדיבהשת", "ח׳ורדאד", "תיר", "מורדאד", "שהריוור", "מהר", "אבאן", "אד׳ר",
     "די", "בהמן", "אספנד"],
    ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
     "بهمن", "اسفند"],
];

/// The Hijri months.
#[rustfmt::skip]
const HIJRI: [[&str; 12]; 4] = [
    ["Muharram", "Safar", "Rabi I", "Rabi II", "Jumada I", "Jumada II", "Rajab", "Shaban",
     "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"],
    ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
     "رمضان", "شوال", "ذو القعدة", "ذو الحجة"],
    ["מוחרם", "צפר", "רביע אל-אוול", "רביע א-ת׳אני", "ג׳ומאדא אל-אולא", "ג׳ומאדא א-ת׳אניה",
     "רג׳ב", "שעבאן", "רמדאן", "שוואל", "ד׳ו אל-קעדה", "ד׳ו אל-חיג׳ה"],
    ["محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی", "رجب", "شعبان",
     "رمضان", "شوال", "ذی‌القعده", "ذی‌الحجه"],
];

/// English abbreviations of the Hijri months (three letters would make `Rab` twice).
#[rustfmt::skip]
const HIJRI_EN_SHORT: [&str; 12] = [
    "Muh", "Saf", "Rab I", "Rab II", "Jum I", "Jum II", "Raj", "Sha", "Ram", "Shaw", "Dhu-Q",
    "Dhu-H",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_calendar_has_twelve_distinct_names_in_every_language() {
        for calendar in [Calendar::Gregorian, Calendar::Persian, Calendar::Hijri] {
            for lang in [
                UiLanguage::En,
                UiLanguage::Ar,
                UiLanguage::He,
                UiLanguage::Fa,
            ] {
                for short in [false, true] {
                    let names: std::collections::HashSet<_> =
                        (1..=12).map(|m| month(lang, calendar, m, short)).collect();
                    assert_eq!(names.len(), 12, "{calendar:?} {lang:?} short: {short}");
                }
            }
        }
        assert_eq!(month(UiLanguage::En, Calendar::Persian, 1, true), "Far");
        assert_eq!(month(UiLanguage::Fa, Calendar::Persian, 11, true), "بهمن");
        assert_eq!(month(UiLanguage::En, Calendar::Hijri, 4, true), "Rab II");
        assert_eq!(month(UiLanguage::Ar, Calendar::Hijri, 9, false), "رمضان");
    }
}
