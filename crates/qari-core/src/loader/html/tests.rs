use super::*;
use crate::model::Direction;

#[test]
fn site_names_are_cut_from_titles() {
    let page = |title: &str, extra: &str| {
        parse(&format!(
            "<html><head><title>{title}</title>{extra}</head><body><p>{}</p></body></html>",
            "كلمة ".repeat(40)
        ))
    };
    assert_eq!(
        page("وزير المالية يعلن الموازنة | الجريدة", "").title,
        "وزير المالية يعلن الموازنة"
    );
    assert_eq!(
        page(
            "The Daily Post - Council approves the new bridge",
            "<meta property=\"og:site_name\" content=\"The Daily Post\">"
        )
        .title,
        "Council approves the new bridge"
    );
    let d = page("Council approves the new bridge over the river - Post", "");
    assert_eq!(d.title, "Council approves the new bridge over the river");
    assert_eq!(d.source.as_deref(), Some("Post"));
    // a dash inside a headline with no site after it stays
    assert_eq!(
        page(
            "Twenty-one years on - what changed in the old town square",
            ""
        )
        .title,
        "Twenty-one years on - what changed in the old town square"
    );
}

#[test]
fn short_pages_are_read_whole_and_the_byline_is_not_a_paragraph() {
    let d = parse(
        "<html lang=ur><body><h1>مختصر خبر</h1><p class=byline>By Ali Raza</p>\
         <p>ایک مختصر پیراگراف۔</p></body></html>",
    );
    assert_eq!(d.title, "مختصر خبر");
    assert_eq!(d.author.as_deref(), Some("Ali Raza"));
    assert_eq!(d.paragraphs, ["ایک مختصر پیراگراف۔"]);
    assert_eq!(d.lang.as_deref(), Some("ur"));
}

#[test]
fn addresses_resolve_against_the_page() {
    let base = Some("https://news.example/a/b/page.html");
    assert_eq!(
        resolve_url(base, "../c").as_deref(),
        Some("https://news.example/a/c")
    );
    assert_eq!(
        resolve_url(base, "//cdn.example/x").as_deref(),
        Some("https://cdn.example/x")
    );
    assert_eq!(resolve_url(base, "#top"), None);
    assert_eq!(resolve_url(base, "javascript:void(0)"), None);
    assert_eq!(resolve_url(base, "mailto:a@b.example"), None);
    assert_eq!(resolve_url(None, "/relative"), None);
}

#[test]
fn broken_markup_and_entities() {
    let d = parse("<title>A &amp; B</title><p>one &lt;two&gt; &#1575;<p>three");
    assert_eq!(d.title, "A & B");
    assert_eq!(d.paragraphs, ["one <two> ا", "three"]);
}

#[test]
fn a_furniture_word_in_the_article_wrapper_does_not_remove_the_article() {
    let para = "The council met on Tuesday and agreed to rebuild the old bridge over the river by next spring. ";
    let comments = "<div class=comments>".to_owned()
        + &format!(
            "<div><p>{}</p></div>",
            "A long comment that goes on and on about the bridge. ".repeat(3)
        )
        .repeat(30)
        + "</div>";
    let d = parse(&format!(
        "<html><body><div class=\"layout-with-sidebar\"><div class=\"story ad-free\">\
         <p>{para}</p><p>{para}</p><p>{para}</p></div><div class=sidebar><p>Most read</p></div></div>\
         {comments}</body></html>"
    ));
    assert_eq!(d.paragraphs.len(), 3, "{:?}", d.paragraphs);
    assert!(d.paragraphs.iter().all(|p| p.starts_with("The council")));
}

#[test]
fn site_names_in_front_and_dates_only_shown() {
    let d = parse(&format!(
        "<html><head><title>الجريدة | وزير المالية يعلن الموازنة الجديدة</title></head><body>\
         <span class=\"date\">الثلاثاء 5 مارس 2024</span><p>{}</p></body></html>",
        "كلمة ".repeat(40)
    ));
    assert_eq!(d.title, "وزير المالية يعلن الموازنة الجديدة");
    assert_eq!(d.source.as_deref(), Some("الجريدة"));
    assert_eq!(d.published.map(|p| p.day()).as_deref(), Some("2024-03-05"));
}

/// Paragraphs of our own writing for the pages below.
const AR: [&str; 3] = [
    "عاد مئات المزارعين في قرى الوادي إلى زراعة القمح هذا الموسم بعد ثلاث سنوات من الجفاف، \
     وقالت الجمعية التعاونية إن المساحات المزروعة تضاعفت مقارنة بالعام الماضي.",
    "وأوضح رئيس الجمعية أن الأمطار الغزيرة التي هطلت في الشتاء أعادت الأمل إلى المزارعين، \
     وأن السد الصغير في أعلى الوادي امتلأ للمرة الأولى منذ سنوات طويلة.",
    "وتخطط الجمعية لشراء حصادة جديدة بالتعاون مع البلدية قبل موسم الحصاد في أوائل الصيف، \
     على أن يتقاسم المزارعون كلفة تشغيلها بحسب مساحة أراضيهم.",
];

const EN: [&str; 3] = [
    "The harbour council voted on Tuesday evening to keep the last ferry to the island running \
     for at least another five years, after a campaign by the islanders and the town's traders.",
    "The ferry, which carries about four hundred people a day in summer, had been due to stop in \
     April when its operator's contract ran out and no other company bid to take it over.",
    "Councillors agreed to pay the difference between the fares and the running costs from the \
     harbour fund, and to look again at the timetable before the next summer season.",
];

fn paragraphs(texts: &[&str]) -> String {
    texts.iter().fold(String::new(), |mut out, p| {
        out.push_str("<p>");
        out.push_str(p);
        out.push_str("</p>");
        out
    })
}

#[test]
fn the_headline_the_page_shows_wins_over_a_reworded_og_title() {
    let d = parse(&format!(
        "<html><head><title>You will not believe what the council just did | The Post</title>\
         <meta property=\"og:title\" content=\"You will not believe what the council just did\">\
         <meta property=\"og:site_name\" content=\"The Post\"></head><body>\
         <header><h1 class=\"site-logo\">The Post</h1></header><main><h1>News</h1>\
         <article><h1>Council votes to keep the island ferry</h1>{}</article>\
         <aside><h1>Storm closes the coast road for a day</h1></aside></main></body></html>",
        paragraphs(&EN)
    ));
    assert_eq!(d.title, "Council votes to keep the island ferry");
    assert_eq!(d.paragraphs.len(), 3, "{:?}", d.paragraphs);
    // an agency name added to og:title: the shown h1, once
    let d = parse(&format!(
        "<html><head><meta property=\"og:title\" content=\"وكالة الأنباء: مزارعو الوادي يعودون إلى القمح\">\
         <title>مزارعو الوادي يعودون إلى القمح - الجريدة</title></head><body>\
         <h1>أخبار</h1><div class=story><h1>مزارعو الوادي يعودون إلى القمح</h1>{}</div></body></html>",
        paragraphs(&AR)
    ));
    assert_eq!(d.title, "مزارعو الوادي يعودون إلى القمح");
    assert!(d.paragraphs.iter().all(|p| !p.contains("يعودون إلى القمح")));
    // JSON-LD headline before a section-name h1; og:title only confirms
    let d = parse(&format!(
        "<html><head><meta property=\"og:title\" content=\"Ferry saved\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"headline\":\"Council votes to keep the island ferry\"}}</script></head><body>\
         <h1>Local</h1>{}</body></html>",
        paragraphs(&EN)
    ));
    assert_eq!(d.title, "Council votes to keep the island ferry");
    // an empty h1 and a site-name h1: the title without its site
    let d = parse(&format!(
        "<html><head><title>الجريدة | مزارعو الوادي يعودون إلى القمح</title></head><body>\
         <h1><a href=\"/\"><img src=\"logo.png\" alt=\"\"></a></h1><h1>الجريدة</h1>{}</body></html>",
        paragraphs(&AR)
    ));
    assert_eq!(d.title, "مزارعو الوادي يعودون إلى القمح");
    assert_eq!(d.source.as_deref(), Some("الجريدة"));
}

#[test]
fn dir_is_the_one_the_article_container_declares() {
    let page = |body: &str| {
        parse(&format!(
            "<html lang=\"ar\" dir=\"ltr\"><head><title>مزارعو الوادي يعودون إلى القمح</title>\
             </head>{body}</html>"
        ))
        .dir
    };
    let text = paragraphs(&AR);
    assert_eq!(
        page(&format!("<body dir=\"rtl\">{text}</body>")),
        Some(Direction::Rtl)
    );
    assert_eq!(
        page(&format!(
            "<body><nav dir=\"ltr\">Home</nav><main dir=\"rtl\"><div>{text}</div></main></body>"
        )),
        Some(Direction::Rtl)
    );
    assert_eq!(
        page(&format!(
            "<body><article dir=\"rtl\">{text}</article></body>"
        )),
        Some(Direction::Rtl)
    );
    // nothing nearer: <html>'s; `auto` declares nothing
    assert_eq!(
        page(&format!(
            "<body><article dir=\"auto\">{text}</article></body>"
        )),
        Some(Direction::Ltr)
    );
    // the nearest wins: an English quote box inside a right-to-left page does not decide
    assert_eq!(
        parse(&format!(
            "<html dir=\"rtl\"><body><div dir=\"ltr\"><p>A short English box.</p></div>\
             <article>{text}</article></body></html>"
        ))
        .dir,
        Some(Direction::Rtl)
    );
}

#[test]
fn dublin_core_dates_in_every_spelling() {
    let page = |metas: &str| {
        parse(&format!(
            "<html><head><title>Council votes to keep the island ferry</title>{metas}</head>\
             <body>{}</body></html>",
            paragraphs(&EN)
        ))
        .published
        .map(|p| p.day())
    };
    for name in [
        "dc.date",
        "DC.Date",
        "DC.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "dc:date",
        "DCTERMS.Issued",
    ] {
        assert_eq!(
            page(&format!("<meta name=\"{name}\" content=\"2024-03-05\">")).as_deref(),
            Some("2024-03-05"),
            "{name}"
        );
    }
    assert_eq!(
        page("<meta property=\"dc:date\" content=\"2024-03-05T10:00:00+02:00\">").as_deref(),
        Some("2024-03-05")
    );
    // a modification date only when nothing else says when
    assert_eq!(
        page("<meta name=\"dcterms.modified\" content=\"2024-06-01\">").as_deref(),
        Some("2024-06-01")
    );
    assert_eq!(
        page(
            "<meta name=\"dcterms.modified\" content=\"2024-06-01\">\
             <meta name=\"DC.date.issued\" content=\"2024-03-05\">"
        )
        .as_deref(),
        Some("2024-03-05")
    );
}

/// The shapes in which a page's article used to come out empty; each must give its text.
#[test]
fn no_page_with_paragraphs_gives_an_empty_story() {
    let ar_lines = AR.join("<br><br>");
    let en_text = paragraphs(&EN);
    let ar_text = paragraphs(&AR);
    let shapes = [
        // an ASP.NET page: one form around everything
        format!(
            "<html><body><form id=\"aspnetForm\" method=\"post\"><div class=\"page\">\
             <h1>Council votes to keep the island ferry</h1>{en_text}</div></form></body></html>"
        ),
        // the article's text in a div of lines between <br>s, in a wrapper named for sharing
        format!(
            "<html dir=\"rtl\"><body><div class=\"content-share-wrapper\"><div class=\"wysiwyg\">\
             {ar_lines}</div></div><div class=\"most-read\"><a href=\"/1\">خبر</a></div></body></html>"
        ),
        // the article body inside an element whose name says `related`
        format!(
            "<html><body><div class=\"article-with-related\"><div class=\"article-body\">{ar_text}\
             <p>اقرأ أيضًا: <a href=\"https://news.example/2\">خبر آخر</a></p></div>\
             <ul><li><a href=\"/3\">خبر ثالث</a></li></ul></div></body></html>"
        ),
        // … or a sidebar layout's column
        format!(
            "<html><body><div id=\"main-sidebar\"><section class=\"story-sidebar\">{en_text}</section>\
             </div></body></html>"
        ),
        // saved with a cookie dialog open: the page under it marked hidden to screen readers
        format!(
            "<html><body><div id=\"page\" aria-hidden=\"true\">{ar_text}</div>\
             <div role=\"dialog\" class=\"cookie-consent\">نستخدم ملفات تعريف الارتباط</div></body></html>"
        ),
    ];
    for page in &shapes {
        let d = parse(page);
        let text = d.paragraphs.join("\n");
        let want: &[&str] = if text.contains("ferry") { &EN } else { &AR };
        for p in want {
            let start: String = p.chars().take(30).collect();
            assert!(
                text.contains(&start),
                "missing {start:?} in {text:?}\n{page}"
            );
        }
    }
}

#[test]
fn a_wrong_pick_of_readability_falls_back_to_the_text() {
    // Readability's pick here is the header block (a link-free box with the most commas);
    // whatever it picks, the story has the article's paragraphs
    let lines: Vec<String> = (0..12).map(|i| format!("{} ({i})", EN[i % 3])).collect();
    let d = parse(&format!(
        "<html><body><div class=\"head\"><h1>Council votes to keep the island ferry</h1>\
         <p>By Hana Morgan</p><p>5 March 2024</p></div>\
         <table><tr><td>{}</td></tr></table></body></html>",
        lines.join("<br>")
    ));
    assert_eq!(d.paragraphs.len(), 12, "{:?}", d.paragraphs);
}

#[test]
fn single_file_pages_give_their_address_and_saved_date() {
    let image = "iVBORw0KGgo".repeat(2000);
    let page = format!(
        "<!DOCTYPE html> <html lang=\"ar\"><!--\n Page saved with SingleFile \n url: \
         https://alwadi.example/news/wheat \n saved date: Mon Dec 01 2025 10:20:30 GMT+0300 \
         (Arabian Standard Time)\n--><head><meta charset=\"utf-8\"><title>مزارعو الوادي يعودون \
         إلى القمح</title><style>@font-face{{src:url(data:font/woff2;base64,{image})}}</style>\
         <meta name=\"dc.date\" content=\"2024-03-05\"></head><body><img src=\"data:image/png;base64,{image}\">\
         <article><h1>مزارعو الوادي يعودون إلى القمح</h1>{}</article></body></html>",
        paragraphs(&AR)
    );
    let d = parse(&page);
    assert_eq!(d.url.as_deref(), Some("https://alwadi.example/news/wheat"));
    assert_eq!(
        d.saved.at.map(|p| p.to_string()).as_deref(),
        Some("2025-12-01T10:20:30+03:00")
    );
    assert_eq!(d.published.map(|p| p.day()).as_deref(), Some("2024-03-05"));
    assert_eq!(d.paragraphs.len(), 3);
    // a canonical address wins over the saved one; a hint over the header
    let canonical = page.replacen(
        "<head>",
        "<head><link rel=\"canonical\" href=\"https://alwadi.example/a/1\">",
        1,
    );
    assert_eq!(
        parse(&canonical).url.as_deref(),
        Some("https://alwadi.example/a/1")
    );
    let hinted = parse_with(
        &page,
        &Hints {
            url: Some("https://alwadi.example/warc".to_owned()),
        },
    );
    assert_eq!(hinted.url.as_deref(), Some("https://alwadi.example/warc"));
    // a page no tool saved has no saved date
    assert_eq!(parse("<p>x</p>").saved.at, None);
}

#[test]
fn translations_are_the_alternates_in_other_languages_and_the_linked_data_ones() {
    let d = parse(&format!(
        "<html lang=\"ar\"><head><title>جسر جديد</title>\
         <link rel=\"canonical\" href=\"https://paper.example/ar/2026/01/bridge\">\
         <link rel=\"alternate\" hreflang=\"en\" href=\"https://paper.example/en/2026/01/bridge\">\
         <link rel=\"alternate\" hreflang=\"fr-FR\" href=\"/fr/2026/01/pont\">\
         <link rel=\"alternate\" hreflang=\"ar-EG\" href=\"https://paper.example/eg/bridge\">\
         <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://paper.example/\">\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://paper.example/rss\">\
         <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"headline\": \"جسر جديد\", \
         \"workTranslation\": [{{\"@id\": \"https://wire.example/ur/bridge\"}}, \
         \"https://paper.example/en/2026/01/bridge\"]}}</script>\
         </head><body><article><h1>جسر جديد</h1><p>{}</p></article></body></html>",
        "افتتح المهندسون الجسر الجديد فوق النهر بعد ثلاث سنوات من العمل. ".repeat(4)
    ));
    assert_eq!(
        d.translations,
        [
            "https://paper.example/en/2026/01/bridge",
            "https://paper.example/fr/2026/01/pont",
            "https://wire.example/ur/bridge",
        ]
    );
    // a page that marks none has none
    let plain = parse(
        "<html lang=\"en\"><head><title>Bridge</title></head><body><p>The bridge opened on Tuesday after three years of work on the river crossing.</p></body></html>",
    );
    assert!(plain.translations.is_empty());
}
