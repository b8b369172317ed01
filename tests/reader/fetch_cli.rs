//! `qari feeds` and `qari fetch` against servers started here on 127.0.0.1 (one port a host):
//! every manner asserted from the servers' own logs — conditional requests after the first
//! poll, validators updated from a 304, one second between requests to one host, the minimum
//! interval, `Retry-After`, a permanent redirect, a 410, one line per failure — and the
//! subscriptions: a page's feed link, OPML and newsboat `urls` in, OPML out, bad lines. Time
//! is `QARI_NOW` (the fetcher's clock), so a day passes without waiting; the one-second gap
//! between requests is real.

use super::fetch_server::{
    AR_ITEMS, DAY1, FA_ITEMS, Home, Reply, Server, T, assert_paced, feed_toml, row, rss, titles,
};

#[test]
fn conditional_requests_validators_interval_and_pacing() {
    let home = Home::new();
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"ar-v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    let fa = rss("روزنامه نمونه", "fa", FA_ITEMS);
    host.route("/fa.xml", move |req| {
        // Last-Modified only; a 304 brings a new one, which the next request must send.
        match req.header("if-modified-since") {
            Some("Fri, 15 Jan 2027 06:00:00 GMT") => {
                Reply::new(304, "").header("Last-Modified", "Fri, 15 Jan 2027 06:30:00 GMT")
            }
            Some("Fri, 15 Jan 2027 06:30:00 GMT") => Reply::new(304, ""),
            _ => Reply::new(200, &fa).header("Last-Modified", "Fri, 15 Jan 2027 06:00:00 GMT"),
        }
    });
    home.subscribe(&feed_toml(&[&host.url("/ar.xml"), &host.url("/fa.xml")]));

    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    assert_eq!(row(&rows, &host.url("/ar.xml"))["new"], 2);
    assert_eq!(row(&rows, &host.url("/fa.xml"))["new"], 1);
    assert_eq!(host.log().len(), 2);
    assert!(
        host.log().iter().all(|r| !r.conditional()),
        "the first poll has no validator"
    );
    let ua = host.log()[0]
        .header("user-agent")
        .unwrap_or_default()
        .to_owned();
    assert!(ua.starts_with("qari/") && ua.contains("http"), "{ua}");
    assert_eq!(host.log()[0].header("accept-encoding"), Some("gzip"));
    assert_eq!(titles(&home.stories()).len(), 3);

    // Within the minimum interval (30 minutes): nothing is asked.
    let (code, rows, _) = home.fetch(T + 600);
    assert_eq!(code, 0);
    assert!(rows.iter().all(|r| r["status"] == "not_due"), "{rows:?}");
    assert_eq!(host.log().len(), 2);

    // After it: conditional requests, 304s, validators updated from the 304.
    let (code, rows, _) = home.fetch(T + 1800);
    assert_eq!(code, 0);
    assert!(
        rows.iter().all(|r| r["status"] == "not_modified"),
        "{rows:?}"
    );
    let (code, _, _) = home.fetch(T + 3600);
    assert_eq!(code, 0);
    let log = host.log();
    assert_eq!(log.len(), 6);
    assert!(
        log[2..]
            .iter()
            .all(super::fetch_server::Logged::conditional),
        "every poll after the first is conditional"
    );
    let fa_polls = host.requests("/fa.xml");
    assert_eq!(
        fa_polls[2].header("if-modified-since"),
        Some("Fri, 15 Jan 2027 06:30:00 GMT"),
        "the 304's Last-Modified is the one sent next"
    );
    assert_eq!(
        host.requests("/ar.xml")[2].header("if-none-match"),
        Some("\"ar-v1\"")
    );

    // --force asks one feed within its interval, and only that one.
    let out = home.qari(T + 3700, &["fetch", "--force", &host.url("/ar.xml")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(host.log().len(), 7);
    assert_eq!(host.log()[6].path, "/ar.xml");
    assert_paced(&host);
    // Nothing was saved twice.
    assert_eq!(home.files().len(), 3);
    assert_eq!(titles(&home.stories()).len(), 3);
}

#[test]
fn retry_after_redirects_and_gone() {
    let home = Home::new();
    let busy = Server::start();
    let moving = Server::start();
    let gone = Server::start();
    busy.fixed(
        "/en.xml",
        Reply::new(429, "slow down").header("Retry-After", "7200"),
    );
    moving.fixed(
        "/old.xml",
        Reply::new(301, "").header("Location", "/new.xml"),
    );
    let he = rss(
        "חדשות לדוגמה",
        "he",
        &[(
            "he-1",
            "http://news.test/he/park",
            "גן ציבורי חדש נפתח בשכונה הצפונית",
            "בגן יש שבילי הליכה ומגרש משחקים.",
            DAY1,
        )],
    );
    moving.route("/new.xml", Reply::etagged("\"he1\"", &he));
    gone.fixed("/fa.xml", Reply::new(410, "gone"));
    home.subscribe(&feed_toml(&[
        &busy.url("/en.xml"),
        &moving.url("/old.xml"),
        &gone.url("/fa.xml"),
    ]));

    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 1, "a failed feed is status 1: {err}");
    let r429 = row(&rows, &busy.url("/en.xml"));
    assert_eq!(r429["status"], "failed");
    assert_eq!(r429["http"], 429);
    assert!(
        err.contains(&busy.url("/en.xml")) && err.contains("429"),
        "{err}"
    );
    assert!(err.contains("moved permanently"), "{err}");
    assert!(err.contains("410"), "{err}");
    assert_eq!(
        row(&rows, &moving.url("/old.xml"))["moved_to"],
        moving.url("/new.xml")
    );
    let subs = std::fs::read_to_string(home.subscriptions()).expect("feeds.toml");
    assert!(
        subs.contains(&moving.url("/new.xml")) && !subs.contains("/old.xml"),
        "{subs}"
    );
    assert!(subs.contains("retired"), "{subs}");
    assert_eq!(moving.log().len(), 2);
    assert_paced(&moving);

    // Half an hour on: the 429's Retry-After (two hours) still holds, the retired feed is
    // not asked, the moved one is asked at its new address.
    let (code, rows, _) = home.fetch(T + 1800);
    assert_eq!(code, 0);
    assert_eq!(busy.log().len(), 1);
    assert_eq!(gone.log().len(), 1);
    assert_eq!(row(&rows, &gone.url("/fa.xml"))["status"], "retired");
    assert_eq!(moving.log().len(), 3);
    assert_eq!(moving.log()[2].path, "/new.xml");
    assert!(moving.log()[2].conditional());
    let (_, _, _) = home.fetch(T + 7200);
    assert_eq!(busy.log().len(), 2, "asked again once Retry-After passed");
    assert_eq!(titles(&home.stories()).len(), 1);
}

#[test]
fn subscribe_from_a_page_import_export_and_bad_lines() {
    let home = Home::new();
    let site = Server::start();
    site.fixed(
        "/",
        Reply::new(
            200,
            "<!doctype html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" \
             href=\"/rss\"></head><body>home</body></html>",
        ),
    );
    site.fixed("/rss", Reply::new(200, &rss("الرافد", "ar", AR_ITEMS)));
    let out = home.qari(
        T,
        &[
            "feeds",
            "add",
            &site.url("/"),
            "--folder",
            "local",
            "--full-text",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_paced(&site);
    let list = home.qari(T, &["feeds", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(
        text.contains(&site.url("/rss")) && text.contains("الرافد") && text.contains("full text"),
        "{text}"
    );

    let opml = home.path().join("in.opml");
    std::fs::write(
        &opml,
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>x</title></head><body>\
         <outline text=\"أخبار\"><outline text=\"Harbour Post\" type=\"rss\" xmlUrl=\"https://harbour.test/rss\"/></outline>\
         <outline text=\"روزنامه\" type=\"rss\" xmlUrl=\"https://rooz.test/feed\"/></body></opml>",
    )
    .expect("opml");
    let urls = home.path().join("urls");
    std::fs::write(
        &urls,
        "# newsboat\nhttps://hadashot.test/rss.xml tech \"~חדשות לדוגמה\"\n\"query:Unread:unread = \\\"yes\\\"\"\nhttps://rooz.test/feed\n",
    )
    .expect("urls");
    for file in [&opml, &urls] {
        let out = home.qari(T, &["feeds", "import", file.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let export = home.qari(T, &["feeds", "export"]);
    let exported = String::from_utf8_lossy(&export.stdout).into_owned();
    for want in [
        "https://harbour.test/rss",
        "https://rooz.test/feed",
        "https://hadashot.test/rss.xml",
        "חדשות לדוגמה",
        "أخبار",
    ] {
        assert!(exported.contains(want), "{want} in {exported}");
    }
    assert_eq!(exported.matches("rooz.test").count(), 1, "imported once");
    // The export imports into an empty home as the same feeds.
    let other = Home::new();
    let file = other.path().join("out.opml");
    std::fs::write(&file, &exported).expect("write");
    assert!(
        other
            .qari(T, &["feeds", "import", file.to_str().expect("path")])
            .status
            .success()
    );
    let a = String::from_utf8_lossy(&home.qari(T, &["feeds", "list"]).stdout).into_owned();
    let b = String::from_utf8_lossy(&other.qari(T, &["feeds", "list"]).stdout).into_owned();
    let urls_of = |t: &str| {
        let mut u: Vec<String> = t
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
            .collect();
        u.sort();
        u
    };
    assert_eq!(urls_of(&a), urls_of(&b));

    // A bad line is named with its line number, and nothing is fetched: status 2.
    home.subscribe("[[feed]]\nurl = \"https://ok.test/rss\"\n\n[[feed]]\nurl = \"https://ok.test/2\"\nfull_txt = true\n");
    let out = home.qari(T, &["fetch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("feeds.toml:6"), "{err}");
    let out = home.qari(T, &["feeds", "remove", "https://nowhere.test/"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn failures_are_one_line_each_and_the_rest_goes_on() {
    let home = Home::new();
    let good = Server::start();
    good.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    good.fixed("/missing.xml", Reply::new(404, "no"));
    good.fixed(
        "/page.html",
        Reply::new(200, "<!doctype html><html><body>a page</body></html>"),
    );
    // a port nobody listens on
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!(
        "http://127.0.0.1:{}/feed",
        closed.local_addr().expect("addr").port()
    );
    drop(closed);
    home.subscribe(&feed_toml(&[
        &dead,
        &good.url("/missing.xml"),
        &good.url("/page.html"),
        &good.url("/ar.xml"),
    ]));
    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("qari: ")).count(),
        3,
        "{err}"
    );
    assert!(err.contains("404 Not Found"), "{err}");
    assert!(err.contains("not a feed"), "{err}");
    assert!(err.contains(&dead), "{err}");
    assert_eq!(row(&rows, &good.url("/ar.xml"))["new"], 2);
    assert_paced(&good);
}

#[test]
fn f_asks_for_a_background_fetch_and_the_note_says_how_it_went() {
    use qari::action::{Action, Note};
    use qari::app::Effect;
    let mut app = super::util::app(100, 30);
    assert_eq!(super::util::press(&mut app, "F"), vec![Effect::Fetch]);
    assert_eq!(app.message(), Some("Fetching the feeds in the background…"));
    app.update(Action::Note(Note::Fetched {
        new: 3,
        updated: 1,
        failed: 0,
    }));
    let said = app.message().expect("a note").to_owned();
    assert!(
        said.contains("3 new") && said.contains("1 updated"),
        "{said}"
    );
    app.update(Action::Note(Note::NoFeeds));
    assert!(app.message().is_some_and(|m| m.contains("qari feeds add")));
}

/// A read-also link whose story is not in the archive: the first `1` says so and offers to
/// save it, the second asks the owner to; the owner's part (`qari_fetch::link::save_link`)
/// fetches the page politely into the fetch folder; once the rescan brings it, the story
/// opens, and `Backspace` goes back to the story that linked to it.
#[test]
fn a_link_not_in_the_archive_is_saved_on_request_and_opened_with_history() {
    use qari::action::{Action, Command};
    use qari::app::{App, Effect};
    use qari_core::library::Library;
    let home = Home::new();
    let site = Server::start();
    let url = site.url("/ar/bread");
    site.fixed(
        "/ar/bread",
        Reply::new(
            200,
            "<!doctype html><html lang=\"ar\"><head><title>أسعار الخبز</title></head><body>\
             <article><h1>أسعار الخبز تستقر بعد موسم قمح وفير</h1>\
             <p>قال أصحاب المخابز إن سعر الرغيف لم يتغير منذ بداية الشهر.</p>\
             <p>ويتوقع التجار أن يبقى السعر على حاله حتى الصيف.</p></article></body></html>",
        ),
    );
    let archive = home.path().join("news");
    std::fs::create_dir_all(&archive).expect("archive");
    std::fs::write(
        archive.join("harvest.json"),
        serde_json::json!({
            "title": "حصاد القمح يبدأ مبكرًا في السهول الشمالية",
            "body": "بدأ المزارعون الحصاد قبل موعده المعتاد بأسبوعين.",
            "related": [{"title": "أسعار الخبز تستقر بعد موسم قمح وفير", "url": url}],
        })
        .to_string(),
    )
    .expect("story");
    let places = qari_fetch::Places {
        subscriptions: home.subscriptions(),
        state: home.state(),
        into: home.fetched(),
    };
    std::fs::create_dir_all(&places.into).expect("fetch folder");
    let paths = [archive.clone(), places.into.clone()];
    let (library, _) = Library::load(&paths);
    let mut app = App::new(
        library,
        &[],
        qari_core::library::state::Marks::default(),
        qari_core::bidi::Options::default(),
    );
    let settings = qari::settings::Settings {
        save_links: true,
        ..*app.settings()
    };
    app = app.with_settings(settings);
    app.update(Command::Resize {
        cols: 100,
        rows: 30,
    });
    let harvest = app.open_story().expect("the harvest story");
    assert_eq!(super::util::press(&mut app, "1"), vec![Effect::None]);
    let offer = app.message().expect("the offer").to_owned();
    assert!(
        offer.contains("not in this archive") && offer.contains("again saves"),
        "{offer}"
    );
    // another key withdraws the offer; asked again, it is made again
    super::util::press(&mut app, "j1");
    assert_eq!(
        super::util::press(&mut app, "1"),
        vec![Effect::SaveLink(url.clone())]
    );
    assert_eq!(app.message(), Some("Saving the page…"));

    let saved = qari_fetch::link::save_link(&places, &url, T).expect("saved");
    assert!(saved.starts_with(&places.into));
    let paths_asked: Vec<String> = site.log().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths_asked, ["/robots.txt", "/ar/bread"]);
    assert_paced(&site);
    // Told before the rescan: nothing to open yet.
    assert_eq!(app.update(Action::LinkSaved(saved)), Effect::None);
    assert_eq!(app.open_story(), Some(harvest));
    let (library, errors) = Library::load(&paths);
    app.update(Action::Refreshed {
        library: library.into(),
        errors,
    });
    let opened = app.open_story().expect("a story open");
    assert_ne!(opened, harvest, "the saved page's story is open");
    let title = app
        .library()
        .get(opened)
        .map(|s| s.title.clone())
        .expect("title");
    assert_eq!(title, "أسعار الخبز تستقر بعد موسم قمح وفير");
    super::util::press(&mut app, "<BS>");
    assert_eq!(app.open_story(), Some(harvest), "the history is intact");
}

/// `fetch_into` inside one of the user's archives is refused (status 2): qari never writes
/// into a folder it was pointed at.
#[test]
fn fetch_into_an_archive_is_refused() {
    let home = Home::new();
    let news = home.path().join("news");
    std::fs::create_dir_all(&news).expect("archive");
    home.subscribe(&feed_toml(&["https://example.test/rss"]));
    let config = home.path().join("config/qari/config.toml");
    std::fs::write(
        &config,
        format!(
            "archives = [{:?}]\nfetch_into = {:?}\n",
            news.display().to_string(),
            news.join("feeds").display().to_string()
        ),
    )
    .expect("config");
    let out = home.qari(T, &["fetch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("never writes into your folders"), "{err}");
    assert!(!news.join("feeds").exists());
}
