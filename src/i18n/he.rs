//! The interface in Hebrew.

// A table is one `match` over every message, however long; the same words in two roles
// (a pane's title and its name in the status bar) stay two arms, as another language may
// need two words.
#![allow(clippy::too_many_lines, clippy::match_same_arms)]

use super::{Msg, Tr};
use crate::action::{Command, Note};
use qari_core::library::filter::{FilterError, Sort};
use qari_core::library::open::CatalogNote;
use qari_core::loader::Problem;

/// A counted noun: one is said after the noun (`כתבה אחת`), two has its own form where the
/// noun has one, the rest is number then plural.
fn counted(t: Tr, n: usize, [one, two, plural]: [&str; 3]) -> String {
    match n {
        1 => one.to_owned(),
        2 if !two.is_empty() => two.to_owned(),
        _ => format!("{} {plural}", t.n(n)),
    }
}

const STORIES: [&str; 3] = ["כתבה אחת", "שתי כתבות", "כתבות"];
const FILES: [&str; 3] = ["קובץ אחד", "שני קבצים", "קבצים"];
const LINKS: [&str; 3] = ["קישור אחד", "שני קישורים", "קישורים"];
const PROBLEMS: [&str; 3] = ["בעיה אחת", "שתי בעיות", "בעיות"];

fn filtered(filter: Option<&str>) -> String {
    filter.map(|f| format!(" (סינון: {f})")).unwrap_or_default()
}

/// The owner's notes, in Hebrew; details from outside (an OS error, a URL) isolated.
fn note(note: &Note, t: Tr) -> String {
    let q = |s: &str| t.quote(s);
    match note {
        Note::BrowserFailed(why) => format!("לא ניתן לפתוח את הדפדפן: {}", q(why)),
        Note::NoChanges => "אין שינויים בארכיון".into(),
        Note::SampleUnchanged => "הדוגמה המצורפת אינה משתנה".into(),
        Note::RescanFailed(why) => format!("לא ניתן לבדוק את הארכיון: {}", q(why)),
        Note::NoClipboard(url) => {
            format!("המסוף הזה אינו מקבל העתקה (אין OSC 52); הכתובת: {}", q(url))
        }
        Note::CopyFailed(why) => format!("ההעתקה נכשלה: {}", q(why)),
        Note::MarksNotLoaded(why) => format!("מצב הקריאה והכוכבים לא נטען: {}", q(why)),
        Note::MarksNotSaved(why) => format!(
            "לא ניתן לשמור את מצב הקריאה והכוכבים ({}); נשמר בזיכרון הפעם",
            q(why)
        ),
        Note::SessionNotSaved(why) => {
            format!("לא ניתן לשמור את ההפעלה ({}); נשמרה בזיכרון הפעם", q(why))
        }
        Note::StillIndexing => "האינדקס עדיין נבנה: החיפוש ירוץ כשיהיה מוכן".into(),
        Note::SearchFailed(why) => format!("החיפוש נכשל: {}", q(why)),
        Note::IndexInMemory(why) => format!("האינדקס נשמר בזיכרון בלבד: {}", q(why)),
        Note::Catalog(CatalogNote::Rebuilt(why)) => {
            format!("הקטלוג של הארכיון נבנה מחדש ({})", q(why))
        }
        Note::Catalog(CatalogNote::NotSaved(why)) => {
            format!(
                "לא ניתן לשמור את הקטלוג של הארכיון ({}); עובדים מהזיכרון",
                q(why)
            )
        }
        Note::Fetched {
            new,
            updated,
            failed,
        } => format!(
            "הפידים נמשכו — חדשות: {}, עודכנו: {}, נכשלו: {}",
            t.n(*new),
            t.n(*updated),
            t.n(*failed)
        ),
        Note::FetchFailed(why) => format!("לא ניתן למשוך את הפידים: {}", q(why)),
        Note::NoFeeds => format!("אין עדיין מינויים: {} מוסיף פיד", q("qari feeds add URL")),
        Note::LinkNotSaved(why) => format!("לא ניתן לשמור את הדף: {}", q(why)),
    }
}

pub(super) fn text(msg: Msg<'_>, t: Tr) -> String {
    let n = |x: usize| t.n(x);
    let k = |key: &str| t.key(key);
    let stories = |x: usize| counted(t, x, STORIES);
    match msg {
        Msg::Stories { count, unread: 0 } => format!("כתבות ({})", n(count)),
        Msg::Stories { count, unread } => {
            format!("כתבות ({} · {} שלא נקראו)", n(count), n(unread))
        }
        Msg::Reader => "קריאה".into(),
        Msg::Related => "קשורות".into(),
        Msg::NextPane { key } => format!("{}: החלונית הבאה", k(key)),
        Msg::ListPane => "כתבות".into(),
        Msg::ReaderPane => "קריאה".into(),
        Msg::RelatedPane => "קשורות".into(),
        Msg::UnreadWord => "שלא נקראו".into(),
        Msg::StarredWord => "בכוכב".into(),
        Msg::ReadAlso => "קראו גם".into(),
        Msg::LinkedFrom => "מקשרות לכאן".into(),
        Msg::Similar => "כתבות דומות".into(),
        Msg::AlsoIn => "פורסם גם ב".into(),
        Msg::StorySoFar => "הסיפור עד כה".into(),
        Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus,
        } => format!(
            "{} · {} שלא נקראו · {}/{} · {focus}",
            stories(count),
            n(unread),
            n(pos),
            n(shown)
        ),
        Msg::SearchCounts {
            hits,
            total,
            pos,
            focus,
        } => format!(
            "{} מתוך {} תואמות · {}/{} · {focus}",
            n(hits),
            n(total),
            n(pos),
            n(hits)
        ),
        Msg::ReadingArchive { done, total } => {
            format!("קורא את הארכיון: {}/{} קבצים", n(done), n(total))
        }
        Msg::Loading => "טוען…".into(),
        Msg::Indexing { percent } => format!("בונה אינדקס {}", t.percent(percent)),
        Msg::IndexStarting => "בונה אינדקס…".into(),
        Msg::SearchUnavailable => "החיפוש אינו זמין".into(),
        Msg::Searching => "מחפש…".into(),
        Msg::FilterLabel => "סינון: ".into(),
        Msg::HintHelp => "עזרה".into(),
        Msg::HintPane => "חלונית".into(),
        Msg::HintOpen => "פתיחה".into(),
        Msg::HintBack => "חזרה".into(),
        Msg::HintQuit => "יציאה".into(),
        Msg::FailedOne { file, key } => format!("לא נטען: {file} · {}: פרטים", k(key)),
        Msg::ProblemsInFile { n: p, file, key } => format!(
            "{} ב־{file} · {} מציג אותן",
            counted(t, p, PROBLEMS),
            k(key)
        ),
        Msg::FilesFailed { n: f, key } => {
            format!("לא נטענו {} · {} מציג אותם", counted(t, f, FILES), k(key))
        }
        Msg::FilesFailedProblems {
            n: f,
            problems,
            key,
        } => format!(
            "לא נטענו {} ({}) · {} מציג אותם",
            counted(t, f, FILES),
            counted(t, problems, PROBLEMS),
            k(key)
        ),
        Msg::Rescanning => "סורק את הארכיון מחדש…".into(),
        Msg::Fetching => "מושך את הפידים ברקע…".into(),
        Msg::SaveLinkAsk { n: l, enter, open } => format!(
            "קישור {} אינו בארכיון הזה: {} פעם נוספת שומר את הדף בארכיון, {} פותח אותו בדפדפן",
            n(l),
            k(enter),
            k(open)
        ),
        Msg::SavingLink => "שומר את הדף…".into(),
        Msg::EveryFileLoaded => "כל הקבצים נטענו".into(),
        Msg::NoLinkSelected { down, up } => {
            format!("לא נבחר קישור: {}/{} עוברים בין הקישורים", k(down), k(up))
        }
        Msg::NoLinks => "אין בכתבה הזאת קישורי „קראו גם”".into(),
        Msg::NoSuchLink { count, n: l } => format!(
            "בכתבה הזאת {}; אין קישור {}",
            counted(t, count, LINKS),
            n(l)
        ),
        Msg::LinkNotHere { n: l, open } => {
            let hint = open
                .map(|o| format!("; {} פותח את הכתובת", k(o)))
                .unwrap_or_default();
            format!("קישור {} אינו בארכיון הזה{hint}", n(l))
        }
        Msg::NothingBack => "אין לאן לחזור".into(),
        Msg::NothingForward => "אין לאן להתקדם".into(),
        Msg::MarkedRead => "סומנה כנקראה".into(),
        Msg::MarkedUnread => "סומנה כלא נקראה".into(),
        Msg::Starred => "סומנה בכוכב".into(),
        Msg::StarRemoved => "הכוכב הוסר".into(),
        Msg::Opening { url } => format!("פותח את {url}"),
        Msg::NotHttp => "כתובת שאינה של דף אינטרנט אינה נפתחת".into(),
        Msg::NoUrl => "אין לזה כתובת".into(),
        Msg::NoUrlToCopy => "אין כאן כתובת להעתקה".into(),
        Msg::Copied { url } => format!("הועתק: {url}"),
        Msg::NoUnread => "אין ברשימה הזאת כתבה שלא נקראה".into(),
        Msg::LastUnread => "זו הייתה הכתבה האחרונה שלא נקראה".into(),
        Msg::UnreadLeft { n: 1 } => "נותרה כתבה אחת שלא נקראה".into(),
        Msg::UnreadLeft { n: u } => format!("נותרו {} שלא נקראו", stories(u)),
        Msg::OnlyUnread { key } => {
            format!("רק כתבות שלא נקראו · {} שוב מציג הכול", k(key))
        }
        Msg::OnlyStarred { key } => format!("רק כתבות בכוכב · {} שוב מציג הכול", k(key)),
        Msg::AllStories => "כל הכתבות".into(),
        Msg::Undone { n: u } => format!("בוטל: {} שוב לא נקראו", stories(u)),
        Msg::AllReadAlready => "כל הכתבות כאן כבר נקראו".into(),
        Msg::Grouped { on: true, key } => {
            format!("שורה אחת לכל קבוצת כתבות · {} מציג כל כתבה", k(key))
        }
        Msg::Grouped { on: false, key } => format!("כל כתבה בשורה משלה · {} מקבץ שוב", k(key)),
        Msg::Ungrouped { out: true } => "הכתבה הוצאה מהקבוצה שלה (גם בפעמים הבאות)".into(),
        Msg::Ungrouped { out: false } => "הכתבה הוחזרה לקבוצה שלה".into(),
        Msg::NoGroup => "לכתבה הזו אין עותקים או כתבות קשורות".into(),
        Msg::LengthDiff { paragraphs: 0 } => "באותו אורך".into(),
        Msg::LengthDiff { paragraphs: p } => format!(
            "{}{} פסקאות",
            if p > 0 { "+" } else { "−" },
            n(p.unsigned_abs())
        ),
        Msg::MarkedAllRead { n: m, key } => {
            format!("סומנו כנקראו: {} · {} שוב מבטל", stories(m), k(key))
        }
        Msg::SortedBy { sort, ranked } => format!(
            "מיון: {}{}",
            sort_name(sort),
            if ranked {
                " (תוצאות החיפוש נשארות לפי רלוונטיות)"
            } else {
                ""
            }
        ),
        Msg::SortName(sort) => sort_name(sort).into(),
        Msg::NoFilter => "ללא סינון: כל הכתבות".into(),
        Msg::PassFilter { n: p } => format!("עוברות את הסינון: {}", stories(p)),
        Msg::Filter(FilterError::NeedsValue(key)) => {
            format!("{}: צריך ערך אחריו", t.keys(&format!("{key}:")))
        }
        Msg::Filter(FilterError::BadDay(day)) => {
            format!("{}: כתבו תאריך במספרים: שנה, חודש, יום", t.quote(day))
        }
        Msg::Filter(FilterError::Unknown(word)) => format!("{} אינה מילת סינון", t.quote(word)),
        Msg::NoMatch {
            query,
            filter,
            search,
            close,
        } => format!(
            "אין כתבה שתואמת „{query}”{}; {} עורך את החיפוש, {} מנקה אותו",
            filtered(filter),
            k(search),
            k(close)
        ),
        Msg::Matches {
            n: m,
            filter,
            next,
            prev,
            close,
        } => format!(
            "תואמות: {}{} · {}/{}: התוצאה הבאה/הקודמת · {}: כל הכתבות",
            stories(m),
            filtered(filter),
            k(next),
            k(prev),
            k(close)
        ),
        Msg::NoSearch { key } => format!("אין חיפוש: {} מחפש בארכיון", k(key)),
        Msg::NoHitInStory => "אין תוצאה בטקסט של הכתבה הזאת".into(),
        Msg::HitOf { n: h, total } => format!("תוצאה {} מתוך {}", n(h), n(total)),
        Msg::ReaderLoading => "טוען…".into(),
        Msg::ArchiveEmpty => "הארכיון ריק: תנו לקארי קבצים או תיקיות של כתבות שמורות.".into(),
        Msg::NoStoryOpen { key } => format!("אין כתבה פתוחה: בחרו אחת והקישו {}.", k(key)),
        Msg::BodyFailed { why } => format!("(לא ניתן לקרוא את הכתבה: {why})"),
        Msg::LinkOnly { key } => format!(
            "נשמר רק הקישור לכתבה הזו, לא הטקסט שלה: {} פותח אותה בדפדפן.",
            k(key)
        ),
        Msg::NoRelated => "אין קישורי „קראו גם”; שום דבר לא מקשר לכאן.".into(),
        Msg::LoadingArchive => "טוען את הארכיון…".into(),
        Msg::NoStoryMatches {
            query,
            search,
            close,
        } => format!(
            "אין כתבה שתואמת „{query}”. {} עורך את החיפוש, {} מנקה אותו.",
            k(search),
            k(close)
        ),
        Msg::NoStoryPasses { filter, key } => {
            format!("אין כתבה שעוברת „{filter}”. {} עורך את הסינון.", k(key))
        }
        Msg::NoStories => "אין כתבות בארכיון הזה.".into(),
        Msg::HelpTitle { help, close } => format!("מקשים · {} או {} סוגר", k(help), k(close)),
        Msg::ErrorsTitle { n: e, key, close } => {
            format!("{} לא נטענו · {} או {} סוגר", n(e), k(key), k(close))
        }
        Msg::MoreAbove { n: m } => format!("↑ עוד {}", n(m)),
        Msg::MoreBelow { n: m } => format!("↓ עוד {}", n(m)),
        Msg::Note(n) => note(n, t),
        Msg::Help(action) => help(action).into(),
        Msg::Problem(p) => problem(p, t),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "החדשות ביותר",
        Sort::Oldest => "הישנות ביותר",
        Sort::Source => "מקור",
        Sort::Title => "כותרת",
    }
}

fn help(action: Command) -> &'static str {
    match action {
        Command::Down => "למטה / הקישור הבא",
        Command::Up => "למעלה / הקישור הקודם",
        Command::Top => "להתחלה",
        Command::Bottom => "לסוף",
        Command::PageDown => "עמוד למטה",
        Command::PageUp => "עמוד למעלה",
        Command::HalfPageDown => "חצי עמוד למטה",
        Command::HalfPageUp => "חצי עמוד למעלה",
        Command::Activate => "פתיחת הכתבה / מעבר לקישור",
        Command::FocusNext => "מיקוד: רשימה ← קריאה ← קשורות",
        Command::FocusPrev => "החלונית הקודמת",
        Command::FollowLink(_) => "מעבר לקישור „קראו גם” לפי מספר",
        Command::Back => "חזרה (הכתבה ומקום הגלילה)",
        Command::Forward => "קדימה",
        Command::OpenUrl => "פתיחת הכתובת של הקישור או הכתבה בדפדפן",
        Command::CopyUrl => "העתקת הכתובת של הקישור או הכתבה",
        Command::ToggleRead => "נקראה / לא נקראה",
        Command::ToggleStar => "הוספת כוכב / הסרתו",
        Command::NextUnread => "פתיחת הכתבה הבאה שלא נקראה",
        Command::UnreadOnly => "רק שלא נקראו / הכול",
        Command::StarredOnly => "רק בכוכב / הכול",
        Command::MarkAllRead => "סימון כל הרשימה כנקראה (שוב: ביטול)",
        Command::Filter => "סינון הרשימה: לפי מקור, שפה, תיקייה ותאריך",
        Command::Sort => "מיון: חדשות ← ישנות ← מקור ← כותרת",
        Command::Rescan => "סריקת הארכיון לאיתור שינויים",
        Command::ExpandGroup => "הצגת כתבות הקבוצה או קיפולן",
        Command::ToggleGrouping => "שורה לכל קבוצה / כל הכתבות",
        Command::Ungroup => "הוצאת הכתבה מהקבוצה / החזרתה",
        Command::Fetch => "משיכת הפידים שהגיע זמנם, ברקע",
        Command::Errors => "קבצים שלא נטענו",
        Command::Search => "חיפוש: מילים, \"צירופים\", -מילה להחרגה",
        Command::NextHit => "התוצאה הבאה בכתבה",
        Command::PrevHit => "התוצאה הקודמת",
        Command::Help => "הצגת העזרה הזאת / הסתרתה",
        Command::Close => "סגירת העזרה / ניקוי החיפוש",
        Command::Suspend => "השהיה (חזרה דרך המעטפת)",
        Command::Quit => "יציאה",
        Command::Resize { .. } | Command::Click { .. } | Command::Wheel { .. } => "",
        Command::Elapsed { .. } => "",
    }
}

fn problem(p: &Problem, t: Tr) -> String {
    use qari_core::loader::problem::{FileClass, IoKind, RecordAt, RecordProblem};
    let io = |io: &IoKind| match io {
        IoKind::NotFound => ": לא נמצא",
        IoKind::PermissionDenied => ": אין הרשאה",
        IoKind::Other => "",
    };
    let why = |w: &RecordProblem| match w {
        RecordProblem::NotAnObject => "אינה אובייקט".to_owned(),
        RecordProblem::NoTitle => "אין כותרת".to_owned(),
        RecordProblem::NoUrl => "אין קישור".to_owned(),
        RecordProblem::Csv(_) => "אינו CSV תקין".to_owned(),
        RecordProblem::Syntax { column, .. } => format!("תחביר שגוי בעמודה {}", t.n(*column)),
    };
    match p {
        Problem::Unreadable { io: k, .. } => format!("לא ניתן לקרוא את הקובץ{}", io(k)),
        Problem::Unlisted { io: k, .. } => format!("לא ניתן להציג את תוכן התיקייה{}", io(k)),
        Problem::Inaccessible { io: k, .. } => format!("לא ניתן לגשת לנתיב הזה{}", io(k)),
        Problem::NotFileOrFolder => "לא קובץ ולא תיקייה".into(),
        Problem::TooLarge(len) => {
            let len = usize::try_from(*len).unwrap_or(usize::MAX);
            format!("גדול מכדי להיות כתבה ({} בתים)", t.n(len))
        }
        Problem::NotAnArticle(kind) => {
            let class = match kind.class() {
                FileClass::Document => "מסמך",
                FileClass::Image => "תמונה",
                FileClass::Media => "קובץ מדיה",
                FileClass::Archive => "ארכיון דחוס",
                FileClass::Program => "תוכנה",
            };
            format!("{class}, לא כתבה")
        }
        Problem::Binary => "קובץ בינארי, לא טקסט".into(),
        Problem::Undecodable(_) => "טקסט שלא ניתן לפענח את הקידוד שלו".into(),
        Problem::TooDeep => format!(
            "הסימון מקונן עמוק מ־{} רמות: לא נקרא",
            t.n(qari_core::loader::depth::LIMIT)
        ),
        Problem::NoText => "אין כותרת: אין בקובץ טקסט".into(),
        Problem::Zip(_) => "קובץ zip שלא ניתן לקרוא".into(),
        Problem::NotAnExport => {
            "קובץ CSV שאינו ייצוא של שירות קריאה מאוחרת (Pocket או Instapaper): לא נקרא".into()
        }
        Problem::Json { line, column, .. } => {
            format!("תחביר שגוי בשורה {}, עמודה {}", t.n(*line), t.n(*column))
        }
        Problem::Record { at, why: w } => {
            let at = match at {
                RecordAt::Record(n) => format!("רשומה {}", t.n(*n)),
                RecordAt::Line(n) => format!("שורה {}", t.n(*n)),
            };
            format!("{at}: {}", why(w))
        }
        Problem::Feed { kept: None, .. } => "פיד שלא ניתן לקרוא".into(),
        Problem::Feed { kept: Some(n), .. } => {
            format!("פיד קטוע: נקראו {} הפריטים שלפני השבר", t.n(*n))
        }
        Problem::Container { kind, at: None, .. } => format!("קובץ {} שלא ניתן לקרוא", kind.name()),
        Problem::Container {
            kind, at: Some(n), ..
        } => {
            format!("חלק {} בקובץ {} לא נקרא", t.n(*n), kind.name())
        }
    }
}
