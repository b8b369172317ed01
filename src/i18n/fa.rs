//! The interface in Persian.

// A table is one `match` over every message, however long; the same words in two roles
// (a pane's title and its name in the status bar) stay two arms, as another language may
// need two words.
#![allow(clippy::too_many_lines, clippy::match_same_arms)]

use super::{Msg, Tr};
use crate::action::{Command, Note};
use qari_core::library::filter::{FilterError, Sort};
use qari_core::library::open::CatalogNote;
use qari_core::loader::Problem;

/// A counted noun: Persian keeps the noun singular after a number (`۳ خبر`), and says one
/// with `یک`.
fn counted(t: Tr, n: usize, noun: &str) -> String {
    if n == 1 {
        format!("یک {noun}")
    } else {
        format!("{} {noun}", t.n(n))
    }
}

fn filtered(filter: Option<&str>) -> String {
    filter.map(|f| format!(" (فیلتر: {f})")).unwrap_or_default()
}

/// The owner's notes, in Persian; details from outside (an OS error, a URL) isolated.
fn note(note: &Note, t: Tr) -> String {
    let q = |s: &str| t.quote(s);
    match note {
        Note::BrowserFailed(why) => format!("مرورگر باز نشد: {}", q(why)),
        Note::NoChanges => "بایگانی تغییری نکرده است".into(),
        Note::SampleUnchanged => "نمونهٔ همراه تغییر نمی‌کند".into(),
        Note::RescanFailed(why) => format!("بررسی بایگانی ممکن نشد: {}", q(why)),
        Note::NoClipboard(url) => {
            format!(
                "این پایانه رونوشت نمی‌پذیرد (بدون OSC 52)؛ نشانی: {}",
                q(url)
            )
        }
        Note::CopyFailed(why) => format!("رونوشت ممکن نشد: {}", q(why)),
        Note::MarksNotLoaded(why) => format!("وضعیت خوانده و ستاره بارگیری نشد: {}", q(why)),
        Note::MarksNotSaved(why) => format!(
            "وضعیت خوانده و ستاره ذخیره نشد ({})؛ این بار در حافظه ماند",
            q(why)
        ),
        Note::SessionNotSaved(why) => {
            format!("نشست ذخیره نشد ({})؛ این بار در حافظه ماند", q(why))
        }
        Note::StillIndexing => "نمایه‌سازی ادامه دارد: جست‌وجو وقتی نمایه آماده شد اجرا می‌شود".into(),
        Note::SearchFailed(why) => format!("جست‌وجو ناموفق بود: {}", q(why)),
        Note::IndexInMemory(why) => format!("نمایه فقط در حافظه نگه داشته شد: {}", q(why)),
        Note::Catalog(CatalogNote::Rebuilt(why)) => {
            format!("فهرست بایگانی از نو ساخته شد ({})", q(why))
        }
        Note::Catalog(CatalogNote::NotSaved(why)) => {
            format!(
                "فهرست بایگانی ذخیره نشد ({})؛ کار از حافظه ادامه دارد",
                q(why)
            )
        }
        Note::Fetched {
            new,
            updated,
            failed,
        } => format!(
            "خوراک‌ها دریافت شد — تازه: {}، به‌روزشده: {}، ناموفق: {}",
            t.n(*new),
            t.n(*updated),
            t.n(*failed)
        ),
        Note::FetchFailed(why) => format!("دریافت خوراک‌ها ممکن نشد: {}", q(why)),
        Note::NoFeeds => format!(
            "هنوز اشتراکی نیست: {} یک خوراک اضافه می‌کند",
            q("qari feeds add URL")
        ),
        Note::LinkNotSaved(why) => format!("ذخیرهٔ صفحه ممکن نشد: {}", q(why)),
    }
}

pub(super) fn text(msg: Msg<'_>, t: Tr) -> String {
    let n = |x: usize| t.n(x);
    let k = |key: &str| t.key(key);
    let stories = |x: usize| counted(t, x, "خبر");
    match msg {
        Msg::Stories { count, unread: 0 } => format!("خبرها ({})", n(count)),
        Msg::Stories { count, unread } => {
            format!("خبرها ({} · {} نخوانده)", n(count), n(unread))
        }
        Msg::Reader => "خواندن".into(),
        Msg::Related => "مرتبط".into(),
        Msg::NextPane { key } => format!("{}: پنل بعدی", k(key)),
        Msg::ListPane => "خبرها".into(),
        Msg::ReaderPane => "خواندن".into(),
        Msg::RelatedPane => "مرتبط".into(),
        Msg::UnreadWord => "نخوانده".into(),
        Msg::StarredWord => "ستاره‌دار".into(),
        Msg::ReadAlso => "بیشتر بخوانید".into(),
        Msg::LinkedFrom => "خبرهایی که به این پیوند داده‌اند".into(),
        Msg::Similar => "خبرهای مشابه".into(),
        Msg::AlsoIn => "منتشرشده در".into(),
        Msg::StorySoFar => "ماجرا تا اینجا".into(),
        Msg::Counts {
            count,
            unread,
            pos,
            shown,
            focus,
        } => format!(
            "{} · {} نخوانده · {}/{} · {focus}",
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
            "{} از {} منطبق · {}/{} · {focus}",
            n(hits),
            n(total),
            n(pos),
            n(hits)
        ),
        Msg::ReadingArchive { done, total } => {
            format!("خواندن بایگانی: {}/{} پرونده", n(done), n(total))
        }
        Msg::Loading => "در حال بارگذاری…".into(),
        Msg::Indexing { percent } => format!("نمایه‌سازی {}", t.percent(percent)),
        Msg::IndexStarting => "در حال نمایه‌سازی…".into(),
        Msg::SearchUnavailable => "جستجو در دسترس نیست".into(),
        Msg::Searching => "در حال جستجو…".into(),
        Msg::FilterLabel => "فیلتر: ".into(),
        Msg::HintHelp => "راهنما".into(),
        Msg::HintPane => "پنل".into(),
        Msg::HintOpen => "باز کردن".into(),
        Msg::HintBack => "بازگشت".into(),
        Msg::HintQuit => "خروج".into(),
        Msg::FailedOne { file, key } => {
            format!("بارگذاری نشد: {file} · {}: جزئیات", k(key))
        }
        Msg::ProblemsInFile { n: p, file, key } => format!(
            "{} در {file} · {} فهرستشان را نشان می‌دهد",
            counted(t, p, "مشکل"),
            k(key)
        ),
        Msg::FilesFailed { n: f, key } => format!(
            "{} بارگذاری نشد · {} فهرستشان را نشان می‌دهد",
            counted(t, f, "پرونده"),
            k(key)
        ),
        Msg::FilesFailedProblems {
            n: f,
            problems,
            key,
        } => format!(
            "{} بارگذاری نشد ({}) · {} فهرستشان را نشان می‌دهد",
            counted(t, f, "پرونده"),
            counted(t, problems, "مشکل"),
            k(key)
        ),
        Msg::Rescanning => "در حال بررسی دوبارهٔ بایگانی…".into(),
        Msg::Fetching => "در حال دریافت خوراک‌ها در پس‌زمینه…".into(),
        Msg::SaveLinkAsk { n: l, enter, open } => format!(
            "پیوند {} در این بایگانی نیست: {} دوباره صفحه‌اش را در بایگانی ذخیره می‌کند و {} آن را در مرورگر باز می‌کند",
            n(l),
            k(enter),
            k(open)
        ),
        Msg::SavingLink => "در حال ذخیرهٔ صفحه…".into(),
        Msg::EveryFileLoaded => "همهٔ پرونده‌ها بارگذاری شد".into(),
        Msg::NoLinkSelected { down, up } => format!(
            "پیوندی انتخاب نشده: {}/{} میان پیوندها جابه‌جا می‌کند",
            k(down),
            k(up)
        ),
        Msg::NoLinks => "این خبر پیوند «بیشتر بخوانید» ندارد".into(),
        Msg::NoSuchLink { count, n: l } => format!(
            "این خبر {} دارد؛ پیوند {} وجود ندارد",
            counted(t, count, "پیوند"),
            n(l)
        ),
        Msg::LinkNotHere { n: l, open } => {
            let hint = open
                .map(|o| format!("؛ {} نشانی‌اش را باز می‌کند", k(o)))
                .unwrap_or_default();
            format!("پیوند {} در این بایگانی نیست{hint}", n(l))
        }
        Msg::NothingBack => "جایی برای بازگشت نیست".into(),
        Msg::NothingForward => "جایی برای رفتن به جلو نیست".into(),
        Msg::MarkedRead => "خوانده علامت خورد".into(),
        Msg::MarkedUnread => "نخوانده علامت خورد".into(),
        Msg::Starred => "ستاره خورد".into(),
        Msg::StarRemoved => "ستاره برداشته شد".into(),
        Msg::Opening { url } => format!("در حال باز کردن {url}"),
        Msg::NotHttp => "نشانی‌ای که صفحهٔ وب نیست باز نمی‌شود".into(),
        Msg::NoUrl => "نشانی‌ای برای این نیست".into(),
        Msg::NoUrlToCopy => "نشانی‌ای برای رونوشت اینجا نیست".into(),
        Msg::Copied { url } => format!("رونوشت شد: {url}"),
        Msg::NoUnread => "خبر نخوانده‌ای در این فهرست نیست".into(),
        Msg::LastUnread => "این آخرین خبر نخوانده بود".into(),
        Msg::UnreadLeft { n: u } => format!("{} نخوانده مانده است", stories(u)),
        Msg::OnlyUnread { key } => {
            format!("فقط خبرهای نخوانده · {} دوباره همه را نشان می‌دهد", k(key))
        }
        Msg::OnlyStarred { key } => {
            format!("فقط خبرهای ستاره‌دار · {} دوباره همه را نشان می‌دهد", k(key))
        }
        Msg::AllStories => "همهٔ خبرها".into(),
        Msg::Undone { n: u } => format!("برگردانده شد: {} دوباره نخوانده است", stories(u)),
        Msg::AllReadAlready => "همهٔ خبرهای اینجا خوانده شده‌اند".into(),
        Msg::Grouped { on: true, key } => format!(
            "یک سطر برای هر دسته خبر · {} همهٔ خبرها را جدا نشان می‌دهد",
            k(key)
        ),
        Msg::Grouped { on: false, key } => {
            format!("هر خبر در سطر خودش · {} دوباره دسته‌بندی می‌کند", k(key))
        }
        Msg::Ungrouped { out: true } => "خبر از دسته‌اش بیرون آمد (در دفعه‌های بعد هم)".into(),
        Msg::Ungrouped { out: false } => "خبر به دسته‌اش برگشت".into(),
        Msg::NoGroup => "این خبر نسخه یا گزارش مرتبط دیگری ندارد".into(),
        Msg::LengthDiff { paragraphs: 0 } => "هم‌اندازه".into(),
        Msg::LengthDiff { paragraphs: p } => format!(
            "{}{} بند",
            if p > 0 { "+" } else { "−" },
            n(p.unsigned_abs())
        ),
        Msg::MarkedAllRead { n: m, key } => format!(
            "{} خوانده علامت خورد · {} دوباره برمی‌گرداند",
            stories(m),
            k(key)
        ),
        Msg::SortedBy { sort, ranked } => format!(
            "مرتب‌سازی: {}{}",
            sort_name(sort),
            if ranked {
                " (نتیجه‌های جستجو به ترتیب ارتباط می‌مانند)"
            } else {
                ""
            }
        ),
        Msg::SortName(sort) => sort_name(sort).into(),
        Msg::NoFilter => "بدون فیلتر: همهٔ خبرها".into(),
        Msg::PassFilter { n: p } => format!("{} از فیلتر گذشت", stories(p)),
        Msg::Filter(FilterError::NeedsValue(key)) => {
            format!("{}: پس از آن مقداری لازم است", t.keys(&format!("{key}:")))
        }
        Msg::Filter(FilterError::BadDay(day)) => {
            format!("{}: روز را با عدد بنویسید: سال، ماه، روز", t.quote(day))
        }
        Msg::Filter(FilterError::Unknown(word)) => format!("{} واژهٔ فیلتر نیست", t.quote(word)),
        Msg::NoMatch {
            query,
            filter,
            search,
            close,
        } => format!(
            "هیچ خبری با «{query}» منطبق نیست{}؛ {} جستجو را ویرایش می‌کند، {} پاکش می‌کند",
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
            "{} منطبق است{} · {}/{}: نتیجهٔ بعدی/قبلی · {}: همهٔ خبرها",
            stories(m),
            filtered(filter),
            k(next),
            k(prev),
            k(close)
        ),
        Msg::NoSearch { key } => format!("جستجویی نیست: {} در بایگانی جستجو می‌کند", k(key)),
        Msg::NoHitInStory => "در متن این خبر نتیجه‌ای نیست".into(),
        Msg::HitOf { n: h, total } => format!("نتیجهٔ {} از {}", n(h), n(total)),
        Msg::ReaderLoading => "در حال بارگذاری…".into(),
        Msg::ArchiveEmpty => {
            "بایگانی خالی است: پرونده‌ها یا پوشه‌های خبرهای ذخیره‌شده را به قاری بدهید.".into()
        }
        Msg::NoStoryOpen { key } => {
            format!("خبری باز نیست: یکی را انتخاب کنید و {} را بزنید.", k(key))
        }
        Msg::BodyFailed { why } => format!("(خبر خوانده نشد: {why})"),
        Msg::LinkOnly { key } => format!(
            "از این خبر فقط پیوندش ذخیره شده است، نه متنش: {} آن را در مرورگر باز می‌کند.",
            k(key)
        ),
        Msg::NoRelated => "پیوند «بیشتر بخوانید» نیست و چیزی به اینجا پیوند نداده است.".into(),
        Msg::LoadingArchive => "در حال بارگذاری بایگانی…".into(),
        Msg::NoStoryMatches {
            query,
            search,
            close,
        } => format!(
            "هیچ خبری با «{query}» منطبق نیست. {} جستجو را ویرایش می‌کند، {} پاکش می‌کند.",
            k(search),
            k(close)
        ),
        Msg::NoStoryPasses { filter, key } => {
            format!(
                "هیچ خبری از «{filter}» نمی‌گذرد. {} فیلتر را ویرایش می‌کند.",
                k(key)
            )
        }
        Msg::NoStories => "در این بایگانی خبری نیست.".into(),
        Msg::HelpTitle { help, close } => {
            format!("کلیدها · {} یا {} می‌بندد", k(help), k(close))
        }
        Msg::ErrorsTitle { n: e, key, close } => {
            format!("{} بارگذاری نشد · {} یا {} می‌بندد", n(e), k(key), k(close))
        }
        Msg::MoreAbove { n: m } => format!("↑ {} دیگر", n(m)),
        Msg::MoreBelow { n: m } => format!("↓ {} دیگر", n(m)),
        Msg::Note(n) => note(n, t),
        Msg::Help(action) => help(action).into(),
        Msg::Problem(p) => problem(p, t),
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "جدیدترین",
        Sort::Oldest => "قدیمی‌ترین",
        Sort::Source => "منبع",
        Sort::Title => "عنوان",
    }
}

fn help(action: Command) -> &'static str {
    match action {
        Command::Down => "پایین / پیوند بعدی",
        Command::Up => "بالا / پیوند قبلی",
        Command::Top => "رفتن به آغاز",
        Command::Bottom => "رفتن به پایان",
        Command::PageDown => "یک صفحه پایین",
        Command::PageUp => "یک صفحه بالا",
        Command::HalfPageDown => "نیم صفحه پایین",
        Command::HalfPageUp => "نیم صفحه بالا",
        Command::Activate => "باز کردن خبر / رفتن به پیوند",
        Command::FocusNext => "تمرکز: فهرست ← خواندن ← مرتبط",
        Command::FocusPrev => "پنل قبلی",
        Command::FollowLink(_) => "رفتن به پیوند «بیشتر بخوانید» با شماره",
        Command::Back => "بازگشت (خبر و جای خواندن)",
        Command::Forward => "جلو",
        Command::OpenUrl => "باز کردن نشانی پیوند یا خبر در مرورگر",
        Command::CopyUrl => "رونوشت نشانی پیوند یا خبر",
        Command::ToggleRead => "خوانده / نخوانده",
        Command::ToggleStar => "افزودن ستاره / برداشتن آن",
        Command::NextUnread => "باز کردن خبر نخواندهٔ بعدی",
        Command::UnreadOnly => "فقط نخوانده‌ها / همه",
        Command::StarredOnly => "فقط ستاره‌دارها / همه",
        Command::MarkAllRead => "خوانده کردن همهٔ فهرست (دوباره: بازگرداندن)",
        Command::Filter => "فیلتر فهرست: بر پایهٔ منبع، زبان، پوشه و تاریخ",
        Command::Sort => "مرتب‌سازی: جدیدترین ← قدیمی‌ترین ← منبع ← عنوان",
        Command::Rescan => "بررسی دوبارهٔ بایگانی برای یافتن تغییرها",
        Command::ExpandGroup => "نمایش یا بستن خبرهای دسته",
        Command::ToggleGrouping => "یک سطر برای هر دسته / همه",
        Command::Ungroup => "بیرون آوردن خبر از دسته / برگرداندن",
        Command::Fetch => "دریافت خوراک‌هایی که وقتشان رسیده، در پس‌زمینه",
        Command::Errors => "پرونده‌هایی که بارگذاری نشدند",
        Command::Search => "جستجو: واژه‌ها، \"عبارت‌ها\"، -واژه برای کنار گذاشتن",
        Command::NextHit => "نتیجهٔ بعدی در خبر",
        Command::PrevHit => "نتیجهٔ قبلی",
        Command::Help => "نشان دادن / پنهان کردن این راهنما",
        Command::Close => "بستن راهنما / پاک کردن جستجو",
        Command::Suspend => "توقف موقت (بازگشت از پوسته)",
        Command::Quit => "خروج",
        Command::Resize { .. } | Command::Click { .. } | Command::Wheel { .. } => "",
        Command::Elapsed { .. } => "",
    }
}

fn problem(p: &Problem, t: Tr) -> String {
    use qari_core::loader::problem::{FileClass, IoKind, RecordAt, RecordProblem};
    let io = |io: &IoKind| match io {
        IoKind::NotFound => ": پیدا نشد",
        IoKind::PermissionDenied => ": اجازه نیست",
        IoKind::Other => "",
    };
    let why = |w: &RecordProblem| match w {
        RecordProblem::NotAnObject => "شیء نیست".to_owned(),
        RecordProblem::NoTitle => "بی‌عنوان".to_owned(),
        RecordProblem::NoUrl => "بدون پیوند".to_owned(),
        RecordProblem::Csv(_) => "CSV معتبر نیست".to_owned(),
        RecordProblem::Syntax { column, .. } => format!("نحو نادرست در ستون {}", t.n(*column)),
    };
    match p {
        Problem::Unreadable { io: k, .. } => format!("خواندن پرونده ممکن نشد{}", io(k)),
        Problem::Unlisted { io: k, .. } => format!("فهرست پوشه خوانده نشد{}", io(k)),
        Problem::Inaccessible { io: k, .. } => format!("دسترسی به این مسیر ممکن نشد{}", io(k)),
        Problem::NotFileOrFolder => "نه پرونده است نه پوشه".into(),
        Problem::TooLarge(len) => {
            let len = usize::try_from(*len).unwrap_or(usize::MAX);
            format!("بزرگ‌تر از آن است که خبر باشد ({} بایت)", t.n(len))
        }
        Problem::NotAnArticle(kind) => {
            let class = match kind.class() {
                FileClass::Document => "سند",
                FileClass::Image => "تصویر",
                FileClass::Media => "پروندهٔ رسانه",
                FileClass::Archive => "بایگانی فشرده",
                FileClass::Program => "برنامه",
            };
            format!("{class} است، نه خبر")
        }
        Problem::Binary => "پروندهٔ دودویی، نه متن".into(),
        Problem::Undecodable(_) => "متنی که رمزگذاری‌اش خوانده نشد".into(),
        Problem::TooDeep => format!(
            "نشانه‌گذاری‌اش بیش از {} لایه تودرتوست: خوانده نشد",
            t.n(qari_core::loader::depth::LIMIT)
        ),
        Problem::NoText => "بی‌عنوان: پرونده متنی ندارد".into(),
        Problem::Zip(_) => "پرونده‌ی zip خوانده نشد".into(),
        Problem::NotAnExport => {
            "پرونده‌ای CSV که برون‌بُردِ خدمات «بعداً بخوان» (Pocket یا Instapaper) نیست: خوانده نشد"
                .into()
        }
        Problem::Json { line, column, .. } => {
            format!("نحو نادرست در سطر {}، ستون {}", t.n(*line), t.n(*column))
        }
        Problem::Record { at, why: w } => {
            let at = match at {
                RecordAt::Record(n) => format!("رکورد {}", t.n(*n)),
                RecordAt::Line(n) => format!("سطر {}", t.n(*n)),
            };
            format!("{at}: {}", why(w))
        }
        Problem::Feed { kept: None, .. } => "خوراکی که خوانده نشد".into(),
        Problem::Feed { kept: Some(n), .. } => {
            format!("خوراک بریده: {} مورد پیش از شکستگی خوانده شد", t.n(*n))
        }
        Problem::Container { kind, at: None, .. } => format!("پروندهٔ {} خوانده نشد", kind.name()),
        Problem::Container {
            kind, at: Some(n), ..
        } => {
            format!("بخش {} از پروندهٔ {} خوانده نشد", t.n(*n), kind.name())
        }
    }
}
