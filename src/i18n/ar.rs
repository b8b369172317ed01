//! The interface in Arabic (Modern Standard Arabic).

// A table is one `match` over every message, however long; the same words in two roles
// (a pane's title and its name in the status bar) stay two arms, as another language may
// need two words.
#![allow(clippy::too_many_lines, clippy::match_same_arms)]

use super::{Msg, Tr};
use crate::action::{Command, Note};
use qari_core::library::filter::{FilterError, Sort};
use qari_core::library::open::CatalogNote;
use qari_core::loader::Problem;

/// A counted noun by Arabic's number agreement: one and two are said by the noun alone
/// (`خبر واحد`, `خبران`), 3–10 take the plural, 11–99 the singular accusative, and the
/// hundreds the singular again (`١٠٠ خبر`).
fn counted(t: Tr, n: usize, [one, two, plural, many, other]: [&str; 5]) -> String {
    match (n, n % 100) {
        (1, _) => one.to_owned(),
        (2, _) => two.to_owned(),
        (_, 3..=10) => format!("{} {plural}", t.n(n)),
        (_, 11..=99) => format!("{} {many}", t.n(n)),
        _ => format!("{} {other}", t.n(n)),
    }
}

const STORIES: [&str; 5] = ["خبر واحد", "خبران", "أخبار", "خبرًا", "خبر"];
const FILES: [&str; 5] = ["ملف واحد", "ملفان", "ملفات", "ملفًا", "ملف"];
const LINKS: [&str; 5] = ["رابط واحد", "رابطان", "روابط", "رابطًا", "رابط"];
const PROBLEMS: [&str; 5] = ["مشكلة واحدة", "مشكلتان", "مشكلات", "مشكلة", "مشكلة"];

fn filtered(filter: Option<&str>) -> String {
    filter
        .map(|f| format!(" (التصفية: {f})"))
        .unwrap_or_default()
}

/// The owner's notes, in Arabic; details from outside (an OS error, a URL) isolated.
fn note(note: &Note, t: Tr) -> String {
    let q = |s: &str| t.quote(s);
    match note {
        Note::BrowserFailed(why) => format!("تعذّر فتح المتصفح: {}", q(why)),
        Note::NoChanges => "لا تغييرات في الأرشيف".into(),
        Note::SampleUnchanged => "العيّنة المرفقة لا تتغيّر".into(),
        Note::RescanFailed(why) => format!("تعذّر فحص الأرشيف: {}", q(why)),
        Note::NoClipboard(url) => {
            format!("هذه الطرفية لا تقبل النسخ (لا OSC 52)؛ الرابط: {}", q(url))
        }
        Note::CopyFailed(why) => format!("تعذّر النسخ: {}", q(why)),
        Note::MarksNotLoaded(why) => format!("لم تُحمَّل حالة القراءة والتمييز: {}", q(why)),
        Note::MarksNotSaved(why) => format!(
            "تعذّر حفظ حالة القراءة والتمييز ({})؛ بقيت في الذاكرة هذه المرة",
            q(why)
        ),
        Note::SessionNotSaved(why) => {
            format!("تعذّر حفظ الجلسة ({})؛ بقيت في الذاكرة هذه المرة", q(why))
        }
        Note::StillIndexing => "الفهرسة جارية: يبدأ البحث حين يجهز الفهرس".into(),
        Note::SearchFailed(why) => format!("تعذّر البحث: {}", q(why)),
        Note::IndexInMemory(why) => format!("الفهرس في الذاكرة فقط: {}", q(why)),
        Note::Catalog(CatalogNote::Rebuilt(why)) => {
            format!("أُعيد بناء سجلّ الأرشيف ({})", q(why))
        }
        Note::Catalog(CatalogNote::NotSaved(why)) => {
            format!("تعذّر حفظ سجلّ الأرشيف ({})؛ العمل من الذاكرة", q(why))
        }
        Note::Fetched {
            new,
            updated,
            failed,
        } => format!(
            "جُلبت الخلاصات — جديد: {}، محدَّث: {}، تعذّر جلبه: {}",
            t.n(*new),
            t.n(*updated),
            t.n(*failed)
        ),
        Note::FetchFailed(why) => format!("تعذّر جلب الخلاصات: {}", q(why)),
        Note::NoFeeds => format!("لا اشتراكات بعد: الأمر {} يضيف خلاصة", q("qari feeds add URL")),
        Note::LinkNotSaved(why) => format!("تعذّر حفظ الصفحة: {}", q(why)),
    }
}

pub(super) fn text(msg: Msg<'_>, t: Tr) -> String {
    let n = |x: usize| t.n(x);
    let k = |key: &str| t.key(key);
    let stories = |x: usize| counted(t, x, STORIES);
    match msg {
        Msg::Stories { count, unread: 0 } => format!("الأخبار ({})", n(count)),
        Msg::Stories { count, unread } => {
            format!("الأخبار ({} · {} غير مقروء)", n(count), n(unread))
        }
        Msg::Reader => "القراءة".into(),
        Msg::Related => "ذات صلة".into(),
        Msg::NextPane { key } => format!("{}: اللوحة التالية", k(key)),
        Msg::ListPane => "الأخبار".into(),
        Msg::ReaderPane => "القراءة".into(),
        Msg::RelatedPane => "ذات صلة".into(),
        Msg::UnreadWord => "غير المقروء".into(),
        Msg::StarredWord => "ذو النجمة".into(),
        Msg::ReadAlso => "اقرأ أيضًا".into(),
        Msg::LinkedFrom => "أخبار تحيل إلى هذا الخبر".into(),
        Msg::Similar => "أخبار مشابهة".into(),
        Msg::AlsoIn => "منشور أيضًا في".into(),
        Msg::StorySoFar => "القصة حتى الآن".into(),
        Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus,
        } => format!(
            "{} · {} غير مقروء · {}/{} · {focus}",
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
            "{} مطابقة من {} · {}/{} · {focus}",
            n(hits),
            n(total),
            n(pos),
            n(hits)
        ),
        Msg::ReadingArchive { done, total } => {
            format!("قراءة الأرشيف: {}/{} ملف", n(done), n(total))
        }
        Msg::Loading => "جارٍ التحميل…".into(),
        Msg::Indexing { percent } => format!("الفهرسة {}", t.percent(percent)),
        Msg::IndexStarting => "جارٍ الفهرسة…".into(),
        Msg::SearchUnavailable => "البحث غير متاح".into(),
        Msg::Searching => "جارٍ البحث…".into(),
        Msg::FilterLabel => "تصفية: ".into(),
        Msg::HintHelp => "مساعدة".into(),
        Msg::HintPane => "لوحة".into(),
        Msg::HintOpen => "فتح".into(),
        Msg::HintBack => "رجوع".into(),
        Msg::HintQuit => "خروج".into(),
        Msg::FailedOne { file, key } => {
            format!("تعذّر تحميل {file} · {}: التفاصيل", k(key))
        }
        Msg::ProblemsInFile { n: p, file, key } => {
            format!("{} في {file} · {} يعرضها", counted(t, p, PROBLEMS), k(key))
        }
        Msg::FilesFailed { n: f, key } => {
            format!("تعذّر تحميل {} · {} يعرضها", counted(t, f, FILES), k(key))
        }
        Msg::FilesFailedProblems {
            n: f,
            problems,
            key,
        } => format!(
            "تعذّر تحميل {} ({}) · {} يعرضها",
            counted(t, f, FILES),
            counted(t, problems, PROBLEMS),
            k(key)
        ),
        Msg::Rescanning => "جارٍ فحص الأرشيف من جديد…".into(),
        Msg::Fetching => "جارٍ جلب الخلاصات في الخلفية…".into(),
        Msg::SaveLinkAsk { n: l, enter, open } => format!(
            "الرابط {} ليس في هذا الأرشيف: {} مرة أخرى يحفظ صفحته فيه، و{} يفتحه في المتصفح",
            n(l),
            k(enter),
            k(open)
        ),
        Msg::SavingLink => "جارٍ حفظ الصفحة…".into(),
        Msg::EveryFileLoaded => "حُمّلت الملفات كلها".into(),
        Msg::NoLinkSelected { down, up } => {
            format!("لا رابط محدد: {} و{} للتنقل بين الروابط", k(down), k(up))
        }
        Msg::NoLinks => "ليس في هذا الخبر روابط «اقرأ أيضًا»".into(),
        Msg::NoSuchLink { count, n: l } => format!(
            "في هذا الخبر {}، وليس فيه الرابط {}",
            counted(t, count, LINKS),
            n(l)
        ),
        Msg::LinkNotHere { n: l, open } => {
            let hint = open
                .map(|o| format!("؛ {} يفتح عنوانه", k(o)))
                .unwrap_or_default();
            format!("الرابط {} ليس في هذا الأرشيف{hint}", n(l))
        }
        Msg::NothingBack => "لا شيء للرجوع إليه".into(),
        Msg::NothingForward => "لا شيء للتقدم إليه".into(),
        Msg::MarkedRead => "عُلّم مقروءًا".into(),
        Msg::MarkedUnread => "عُلّم غير مقروء".into(),
        Msg::Starred => "أضيفت نجمة".into(),
        Msg::StarRemoved => "أزيلت النجمة".into(),
        Msg::Opening { url } => format!("جارٍ فتح {url}"),
        Msg::NotHttp => "لا يُفتح عنوان ليس لصفحة ويب".into(),
        Msg::NoUrl => "لا عنوان لهذا".into(),
        Msg::NoUrlToCopy => "لا عنوان لنسخه هنا".into(),
        Msg::Copied { url } => format!("نُسخ {url}"),
        Msg::NoUnread => "لا خبر غير مقروء في هذه القائمة".into(),
        Msg::LastUnread => "كان هذا آخر خبر غير مقروء".into(),
        Msg::UnreadLeft { n: 1 } => "بقي خبر واحد غير مقروء".into(),
        Msg::UnreadLeft { n: 2 } => "بقي خبران غير مقروءين".into(),
        Msg::UnreadLeft { n: u } => format!("بقي {} غير مقروء", stories(u)),
        Msg::OnlyUnread { key } => {
            format!("الأخبار غير المقروءة وحدها · {} مرة أخرى يعرض الكل", k(key))
        }
        Msg::OnlyStarred { key } => {
            format!("الأخبار ذات النجمة وحدها · {} مرة أخرى يعرض الكل", k(key))
        }
        Msg::AllStories => "كل الأخبار".into(),
        Msg::Undone { n: u } => format!("تراجع: عاد {} غير مقروء", stories(u)),
        Msg::AllReadAlready => "كل الأخبار هنا مقروءة".into(),
        Msg::Grouped { on: true, key } => {
            format!("صف واحد لكل مجموعة أخبار · {} يعرض كل خبر وحده", k(key))
        }
        Msg::Grouped { on: false, key } => format!("كل خبر في صف وحده · {} يجمعها من جديد", k(key)),
        Msg::Ungrouped { out: true } => {
            "أُخرج الخبر من مجموعته (ويبقى كذلك في المرات القادمة)".into()
        }
        Msg::Ungrouped { out: false } => "أُعيد الخبر إلى مجموعته".into(),
        Msg::NoGroup => "ليس لهذا الخبر نسخ أو تغطيات أخرى".into(),
        Msg::LengthDiff { paragraphs: 0 } => "بالطول نفسه".into(),
        Msg::LengthDiff { paragraphs: p } => format!(
            "{}{} فقرة",
            if p > 0 { "+" } else { "−" },
            n(p.unsigned_abs())
        ),
        Msg::MarkedAllRead { n: m, key } => {
            format!("عُلّم {} مقروءًا · {} مرة أخرى للتراجع", stories(m), k(key))
        }
        Msg::SortedBy { sort, ranked } => format!(
            "الترتيب: {}{}",
            sort_name(sort),
            if ranked {
                " (نتائج البحث تبقى بترتيب الصلة)"
            } else {
                ""
            }
        ),
        Msg::SortName(sort) => sort_name(sort).into(),
        Msg::NoFilter => "بلا تصفية: كل الأخبار".into(),
        Msg::PassFilter { n: p } => format!("يجتاز التصفية {}", stories(p)),
        Msg::Filter(FilterError::NeedsValue(key)) => {
            format!("{}: تحتاج إلى قيمة بعدها", t.keys(&format!("{key}:")))
        }
        Msg::Filter(FilterError::BadDay(day)) => {
            format!("{}: اكتب اليوم بالأرقام سنةً فشهرًا فيومًا", t.quote(day))
        }
        Msg::Filter(FilterError::Unknown(word)) => format!("{} ليست كلمة تصفية", t.quote(word)),
        Msg::NoMatch {
            query,
            filter,
            search,
            close,
        } => format!(
            "لا خبر يطابق «{query}»{}؛ {} لتعديل البحث، {} لمسحه",
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
            "يطابق {}{} · {}/{}: النتيجة التالية/السابقة · {}: كل الأخبار",
            stories(m),
            filtered(filter),
            k(next),
            k(prev),
            k(close)
        ),
        Msg::NoSearch { key } => format!("لا بحث: {} يبحث في الأرشيف", k(key)),
        Msg::NoHitInStory => "لا نتيجة في نص هذا الخبر".into(),
        Msg::HitOf { n: h, total } => format!("النتيجة {} من {}", n(h), n(total)),
        Msg::ReaderLoading => "جارٍ التحميل…".into(),
        Msg::ArchiveEmpty => "الأرشيف فارغ: أعطِ قارئ ملفات أو مجلدات لأخبار محفوظة.".into(),
        Msg::NoStoryOpen { key } => format!("لا خبر مفتوح: اختر خبرًا واضغط {}.", k(key)),
        Msg::BodyFailed { why } => format!("(تعذّرت قراءة الخبر: {why})"),
        Msg::LinkOnly { key } => format!(
            "لم يُحفظ من هذا الخبر إلا رابطه، لا نصه: {} يفتحه في المتصفح.",
            k(key)
        ),
        Msg::NoRelated => "لا روابط «اقرأ أيضًا»، ولا شيء يحيل إلى هنا.".into(),
        Msg::LoadingArchive => "جارٍ تحميل الأرشيف…".into(),
        Msg::NoStoryMatches {
            query,
            search,
            close,
        } => format!(
            "لا خبر يطابق «{query}». {} لتعديل البحث، {} لمسحه.",
            k(search),
            k(close)
        ),
        Msg::NoStoryPasses { filter, key } => {
            format!("لا خبر يجتاز «{filter}». {} لتعديل التصفية.", k(key))
        }
        Msg::NoStories => "لا أخبار في هذا الأرشيف.".into(),
        Msg::HelpTitle { help, close } => {
            format!("المفاتيح · {} أو {} للإغلاق", k(help), k(close))
        }
        Msg::ErrorsTitle { n: e, key, close } => {
            format!("تعذّر تحميل {} · {} أو {} للإغلاق", n(e), k(key), k(close))
        }
        Msg::MoreAbove { n: m } => format!("↑ {} أخرى", n(m)),
        Msg::MoreBelow { n: m } => format!("↓ {} أخرى", n(m)),
        Msg::Note(n) => note(n, t),
        Msg::Help(action) => help(action).into(),
        Msg::Problem(p) => problem(p, t),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "الأحدث",
        Sort::Oldest => "الأقدم",
        Sort::Source => "المصدر",
        Sort::Title => "العنوان",
    }
}

fn help(action: Command) -> &'static str {
    match action {
        Command::Down => "إلى الأسفل / الرابط التالي",
        Command::Up => "إلى الأعلى / الرابط السابق",
        Command::Top => "إلى البداية",
        Command::Bottom => "إلى النهاية",
        Command::PageDown => "صفحة إلى الأسفل",
        Command::PageUp => "صفحة إلى الأعلى",
        Command::HalfPageDown => "نصف صفحة إلى الأسفل",
        Command::HalfPageUp => "نصف صفحة إلى الأعلى",
        Command::Activate => "فتح الخبر / اتباع الرابط",
        Command::FocusNext => "التنقل: القائمة ← القراءة ← ذات صلة",
        Command::FocusPrev => "اللوحة السابقة",
        Command::FollowLink(_) => "اتباع رابط «اقرأ أيضًا» بالرقم",
        Command::Back => "رجوع (الخبر وموضع القراءة)",
        Command::Forward => "تقدم",
        Command::OpenUrl => "فتح عنوان الرابط أو الخبر في المتصفح",
        Command::CopyUrl => "نسخ عنوان الرابط أو الخبر",
        Command::ToggleRead => "مقروء / غير مقروء",
        Command::ToggleStar => "إضافة نجمة / إزالتها",
        Command::NextUnread => "فتح الخبر التالي غير المقروء",
        Command::UnreadOnly => "غير المقروء وحده / الكل",
        Command::StarredOnly => "ذو النجمة وحده / الكل",
        Command::MarkAllRead => "تعليم القائمة كلها مقروءة (مرة أخرى: تراجع)",
        Command::Filter => "تصفية القائمة: بالمصدر واللغة والمجلد والتاريخ",
        Command::Sort => "الترتيب: الأحدث ← الأقدم ← المصدر ← العنوان",
        Command::Rescan => "فحص الأرشيف بحثًا عن تغييرات",
        Command::ExpandGroup => "عرض أخبار المجموعة أو طيّها",
        Command::ToggleGrouping => "صف لكل مجموعة / كل الأخبار",
        Command::Ungroup => "إخراج الخبر من مجموعته / إعادته",
        Command::Fetch => "جلب الخلاصات التي حان موعدها، في الخلفية",
        Command::Errors => "الملفات التي تعذّر تحميلها",
        Command::Search => "البحث: كلمات، \"عبارات\"، -كلمة للاستبعاد",
        Command::NextHit => "النتيجة التالية في الخبر",
        Command::PrevHit => "النتيجة السابقة",
        Command::Help => "إظهار هذه المساعدة / إخفاؤها",
        Command::Close => "إغلاق المساعدة / مسح البحث",
        Command::Suspend => "إيقاف مؤقت (يعود بأمر الصدفة)",
        Command::Quit => "خروج",
        Command::Resize { .. } | Command::Click { .. } | Command::Wheel { .. } => "",
        Command::Elapsed { .. } => "",
    }
}

fn problem(p: &Problem, t: Tr) -> String {
    use qari_core::loader::problem::{FileClass, IoKind, RecordAt, RecordProblem};
    let io = |io: &IoKind| match io {
        IoKind::NotFound => ": غير موجود",
        IoKind::PermissionDenied => ": لا إذن بذلك",
        IoKind::Other => "",
    };
    let why = |w: &RecordProblem| match w {
        RecordProblem::NotAnObject => "ليس كائنًا".to_owned(),
        RecordProblem::NoTitle => "بلا عنوان".to_owned(),
        RecordProblem::NoUrl => "لا رابط".to_owned(),
        RecordProblem::Csv(_) => "ليس CSV صالحًا".to_owned(),
        RecordProblem::Syntax { column, .. } => {
            format!("صيغة غير صالحة عند العمود {}", t.n(*column))
        }
    };
    match p {
        Problem::Unreadable { io: k, .. } => format!("تعذّرت قراءة الملف{}", io(k)),
        Problem::Unlisted { io: k, .. } => format!("تعذّر سرد محتويات المجلد{}", io(k)),
        Problem::Inaccessible { io: k, .. } => format!("تعذّر الوصول إلى هذا المسار{}", io(k)),
        Problem::NotFileOrFolder => "ليس ملفًا ولا مجلدًا".into(),
        Problem::TooLarge(len) => {
            let len = usize::try_from(*len).unwrap_or(usize::MAX);
            format!("أكبر من أن يكون خبرًا ({} بايت)", t.n(len))
        }
        Problem::NotAnArticle(kind) => {
            let class = match kind.class() {
                FileClass::Document => "مستند",
                FileClass::Image => "صورة",
                FileClass::Media => "ملف وسائط",
                FileClass::Archive => "أرشيف مضغوط",
                FileClass::Program => "برنامج",
            };
            format!("{class}، لا خبر")
        }
        Problem::Binary => "ملف ثنائي، لا نص".into(),
        Problem::Undecodable(_) => "نص تعذّر فك ترميزه".into(),
        Problem::TooDeep => format!(
            "ترميزه متداخل أعمق من {} عنصر: لم يُقرأ",
            t.n(qari_core::loader::depth::LIMIT)
        ),
        Problem::NoText => "بلا عنوان: الملف خالٍ من النص".into(),
        Problem::Zip(_) => "ملف zip تعذّرت قراءته".into(),
        Problem::NotAnExport => {
            "ملف CSV ليس تصديرًا من تطبيقات القراءة لاحقًا (Pocket أو Instapaper): لم يُقرأ".into()
        }
        Problem::Json { line, column, .. } => format!(
            "صيغة غير صالحة في السطر {}، العمود {}",
            t.n(*line),
            t.n(*column)
        ),
        Problem::Record { at, why: w } => {
            let at = match at {
                RecordAt::Record(n) => format!("السجل {}", t.n(*n)),
                RecordAt::Line(n) => format!("السطر {}", t.n(*n)),
            };
            format!("{at}: {}", why(w))
        }
        Problem::Feed { kept: None, .. } => "خلاصة تعذّرت قراءتها".into(),
        Problem::Feed { kept: Some(n), .. } => {
            format!("خلاصة مبتورة: قُرئ منها ما قبل الانقطاع ({})", t.n(*n))
        }
        Problem::Container { kind, at: None, .. } => format!("ملف {} تعذّرت قراءته", kind.name()),
        Problem::Container {
            kind, at: Some(n), ..
        } => {
            format!("الجزء {} من ملف {} تعذّرت قراءته", t.n(*n), kind.name())
        }
    }
}
