//! What `qari fetch` saves, and that it never saves it twice: a changed GUID, an edited item,
//! one item in two feeds, a run interrupted before its state was written, a `kill -9` during
//! a fetch, and full-text pages (robots.txt honoured) read back with their address and date.

use std::time::Duration;

use serde_json::Value;

use super::fetch_server::{
    AR_ITEMS, DAY1, DAY2, FA_ITEMS, Home, Reply, Server, T, assert_paced, feed_toml, row, rss,
    titles,
};
use super::util::qari_command;

#[test]
#[allow(clippy::too_many_lines)] // one story told in order: two polls and what each saved
fn never_twice_changed_guid_edited_item_and_two_feeds() {
    let home = Home::new();
    let a = Server::start();
    let b = Server::start();
    let en_v1 = rss(
        "Harbour Post",
        "en",
        &[
            (
                "en-1",
                "http://news.test/en/ferry",
                "Night ferry to the islands returns",
                "The service runs twice a week.",
                DAY1,
            ),
            (
                "en-2",
                "http://news.test/en/market",
                "Fish market moves to the new pier",
                "Stalls open at dawn.",
                DAY1,
            ),
        ],
    );
    a.fixed("/en.xml", Reply::new(200, &en_v1));
    // Feed B carries the ferry story too, under its own GUID and a tracking address.
    let en_b = rss(
        "Coast Wire",
        "en",
        &[(
            "wire-77",
            "https://www.news.test/en/ferry/?utm_source=wire&amp;utm_medium=rss",
            "Night ferry to the islands returns",
            "The service runs twice a week.",
            DAY1,
        )],
    );
    b.fixed("/wire.xml", Reply::new(200, &en_b));
    home.subscribe(&feed_toml(&[&a.url("/en.xml"), &b.url("/wire.xml")]));
    let (code, rows, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    let new: u64 = rows.iter().map(|r| r["new"].as_u64().expect("new")).sum();
    assert_eq!(new, 2, "{rows:?}");
    assert_eq!(home.files().len(), 2);
    let stories = home.stories();
    assert_eq!(stories.len(), 2);
    let ferry_id = stories
        .iter()
        .find(|s| s["title"] == "Night ferry to the islands returns")
        .expect("the ferry")["id"]
        .clone();
    let ferry_file = home
        .files()
        .into_iter()
        .find(|f| std::fs::read_to_string(f).expect("file").contains("ferry"))
        .expect("ferry file");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&ferry_file).expect("read")).expect("JSON");
    assert_eq!(
        saved["_qari"]["sources"].as_array().map(Vec::len),
        Some(2),
        "{saved}"
    );

    // The next day: the ferry item's GUID changed (a CMS move) and the market item was
    // edited (its title and text), under its old GUID.
    let en_v2 = rss(
        "Harbour Post",
        "en",
        &[
            (
                "cms-9001",
                "http://news.test/en/ferry/amp",
                "Night ferry to the islands returns",
                "The service runs twice a week.",
                DAY1,
            ),
            (
                "en-2",
                "http://news.test/en/market",
                "Fish market opens on the new pier",
                "Stalls open at dawn; parking is free.",
                DAY2,
            ),
        ],
    );
    a.fixed("/en.xml", Reply::new(200, &en_v2));
    let (code, rows, _) = home.fetch(T + 86_400);
    assert_eq!(code, 0);
    let ra = row(&rows, &a.url("/en.xml"));
    assert_eq!(
        (ra["new"].as_u64(), ra["updated"].as_u64()),
        (Some(0), Some(1)),
        "{ra}"
    );
    assert_eq!(home.files().len(), 2, "no file added");
    let stories = home.stories();
    assert_eq!(
        titles(&stories),
        vec![
            "Fish market opens on the new pier",
            "Night ferry to the islands returns"
        ],
        "the latest version of each, once"
    );
    let ferry = stories
        .iter()
        .find(|s| s["title"] == "Night ferry to the islands returns")
        .expect("ferry");
    assert_eq!(
        ferry["id"], ferry_id,
        "the story keeps its id (and its marks)"
    );
}

#[test]
fn an_interrupted_fetch_rerun_saves_nothing_twice_and_state_is_replaced_whole() {
    let home = Home::new();
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    home.subscribe(&feed_toml(&[&host.url("/ar.xml")]));
    assert_eq!(home.fetch(T).0, 0);
    let files = home.files();
    assert_eq!(files.len(), 2);
    // Killed after the stories were written, before the items and the feed's state were: the
    // rerun asks unconditionally and writes the same two files again, no third.
    std::fs::remove_file(home.state().join("items.json")).expect("items.json");
    for f in std::fs::read_dir(home.state().join("feeds")).expect("feeds") {
        std::fs::remove_file(f.expect("entry").path()).expect("remove state");
    }
    assert_eq!(home.fetch(T).0, 0);
    assert_eq!(home.files(), files);
    assert_eq!(home.stories().len(), 2);
    // The state is whole JSON with its validator, and no temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(home.state().join("feeds"))
        .expect("feeds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    let state: Value = serde_json::from_str(
        &std::fs::read_to_string(home.state().join("feeds").join(&leftovers[0])).expect("state"),
    )
    .expect("whole JSON");
    assert_eq!(state["etag"], "\"v1\"");
    for f in home.files() {
        serde_json::from_str::<Value>(&std::fs::read_to_string(&f).expect("read"))
            .expect("every saved file is whole");
    }
}

#[test]
fn a_kill_mid_fetch_loses_nothing() {
    let home = Home::new();
    let quick = Server::start();
    let slow = Server::start();
    quick.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    let fa = rss("روزنامه نمونه", "fa", FA_ITEMS);
    slow.route("/fa.xml", move |_| {
        let mut r = Reply::new(200, &fa);
        r.delay = Duration::from_secs(3);
        r
    });
    home.subscribe(&feed_toml(&[&quick.url("/ar.xml"), &slow.url("/fa.xml")]));
    let mut child = qari_command(home.path())
        .env("QARI_STATE_DIR", home.path().join("state"))
        .env("QARI_NOW", T.to_string())
        .args(["fetch"])
        .spawn()
        .expect("qari runs");
    std::thread::sleep(Duration::from_millis(1800));
    child.kill().expect("kill -9");
    let _ = child.wait();
    for f in home.files() {
        serde_json::from_str::<Value>(&std::fs::read_to_string(&f).expect("read"))
            .expect("no half file");
    }
    slow.route(
        "/fa.xml",
        Reply::etagged("\"f1\"", &rss("روزنامه نمونه", "fa", FA_ITEMS)),
    );
    let (code, _, err) = home.fetch(T + 60);
    assert_eq!(code, 0, "{err}");
    assert_eq!(home.stories().len(), 3);
    assert_eq!(home.files().len(), 3);
}

#[test]
fn full_text_pages_honour_robots_txt() {
    let home = Home::new();
    let site = Server::start();
    let items = [
        (
            "p-1",
            site.url("/ar/open/1"),
            "سوق الكتب المستعملة يعود إلى الساحة",
            "ملخص قصير.",
            DAY1,
        ),
        (
            "p-2",
            site.url("/private/2"),
            "مهرجان للموسيقى الشعبية في نهاية الشهر",
            "ملخص آخر.",
            DAY1,
        ),
    ];
    let refs: Vec<(&str, &str, &str, &str, &str)> = items
        .iter()
        .map(|(a, b, c, d, e)| (*a, b.as_str(), *c, *d, *e))
        .collect();
    site.fixed("/feed.xml", Reply::new(200, &rss("الساحة", "ar", &refs)));
    site.fixed(
        "/robots.txt",
        Reply::new(200, "User-agent: *\nDisallow: /private/\n"),
    );
    site.fixed(
        "/ar/open/1",
        Reply::new(
            200,
            "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><title>سوق الكتب</title></head>\
             <body><article><h1>سوق الكتب المستعملة يعود إلى الساحة</h1>\
             <p>عاد باعة الكتب المستعملة إلى الساحة الكبيرة صباح الجمعة بعد غياب طويل.</p>\
             <p>وقال أحد الباعة إن الإقبال فاق توقعاته، خاصة على كتب الأطفال.</p></article></body></html>",
        )
        .header("Content-Type", "text/html; charset=utf-8"),
    );
    home.subscribe(&format!(
        "[[feed]]\nurl = \"{}\"\nfull_text = true\n",
        site.url("/feed.xml")
    ));
    let (code, _, err) = home.fetch(T);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<String> = site.log().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        ["/feed.xml", "/robots.txt", "/ar/open/1"],
        "robots.txt kept /private/ out"
    );
    assert_paced(&site);
    let files = home.files();
    assert_eq!(
        files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .count(),
        1
    );
    let stories = home.stories();
    assert_eq!(stories.len(), 2);
    let page = stories
        .iter()
        .find(|s| s["url"] == site.url("/ar/open/1"))
        .unwrap_or_else(|| panic!("the page's story with its address: {stories:?}"));
    assert!(page["paragraphs"].as_u64() >= Some(2), "{page}");
    assert_eq!(
        page["saved"], "2027-01-15T08:00:00Z",
        "the fetch date, from the header"
    );
    assert_eq!(page["source"], "الساحة", "the feed's name");
}

/// Thirty days of a Persian and an Arabic feed, polled daily (and an hour later every fifth
/// day): a new item a day, an item edited, an item whose GUID changes. After the first poll
/// every request is conditional; nothing is ever saved twice; each item's latest version is
/// what the reader shows.
#[test]
fn thirty_days_of_two_feeds() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let home = Home::new();
    let day = Arc::new(AtomicU64::new(0));
    let fa = Server::start();
    let ar = Server::start();
    for (server, lang) in [(&fa, "fa"), (&ar, "ar")] {
        let day = day.clone();
        let lang = lang.to_owned();
        server.route("/feed.xml", move |req| {
            let today = day.load(Ordering::SeqCst);
            let etag = format!("\"{lang}-{today}\"");
            if req.header("if-none-match") == Some(etag.as_str()) {
                return Reply::new(304, "").header("ETag", &etag);
            }
            Reply::new(200, &daily_feed(&lang, today)).header("ETag", &etag)
        });
    }
    home.subscribe(&feed_toml(&[&fa.url("/feed.xml"), &ar.url("/feed.xml")]));
    for d in 0..30 {
        day.store(d, Ordering::SeqCst);
        let polls: &[u64] = if d % 5 == 4 { &[0, 3600] } else { &[0] };
        for extra in polls {
            let (code, _, err) = home.fetch(T + d * 86_400 + extra);
            assert_eq!(code, 0, "day {d}: {err}");
        }
    }
    for server in [&fa, &ar] {
        let log = server.log();
        assert_eq!(log.len(), 36);
        assert!(!log[0].conditional());
        assert!(
            log[1..]
                .iter()
                .all(super::fetch_server::Logged::conditional)
        );
    }
    let stories = home.stories();
    // 30 items a feed, one file each
    assert_eq!(stories.len(), 60, "{:?}", titles(&stories));
    assert_eq!(home.files().len(), 60);
    let all = titles(&stories);
    assert!(
        all.iter().any(|t| t.contains("ویرایش‌شده")),
        "the edit shown"
    );
    assert!(all.iter().any(|t| t.contains("معدَّل")), "the edit shown");
    assert!(
        !all.iter().any(|t| t.ends_with(" 3") && t.contains("روز ")),
        "{all:?}"
    );
}

/// A feed on day `today`: the last ten days' items. Item 3 is edited from day 6 on; item 8
/// gets a new GUID (and a tracking address) from day 12 on.
fn daily_feed(lang: &str, today: u64) -> String {
    let (name, word, edited) = if lang == "fa" {
        ("روزنامه نمونه", "خبر روز", "(ویرایش‌شده)")
    } else {
        ("الرافد", "خبر اليوم", "(معدَّل)")
    };
    let mut items = Vec::new();
    for d in today.saturating_sub(9)..=today {
        let mut title = if lang == "ar" {
            format!("{word} رقم {d} في النشرة")
        } else {
            format!("{word} شمارهٔ {d}")
        };
        if d == 3 && today >= 6 {
            title = format!("{title} {edited}");
        }
        let guid = if d == 8 && today >= 12 {
            format!("moved-{lang}-{d}")
        } else {
            format!("{lang}-{d}")
        };
        let link = if d == 8 && today >= 12 {
            format!("http://news.test/{lang}/{d}?utm_source=feed&amp;utm_medium=rss")
        } else {
            format!("http://news.test/{lang}/{d}")
        };
        let date = super::fetch_server::rfc822(T + d * 86_400);
        items.push((guid, link, title, format!("متن {d}"), date));
    }
    let refs: Vec<(&str, &str, &str, &str, &str)> = items
        .iter()
        .map(|(a, b, c, d, e)| (a.as_str(), b.as_str(), c.as_str(), d.as_str(), e.as_str()))
        .collect();
    rss(name, lang, &refs)
}

/// Two fetches at once (a cron job and the reader's `F`): the second stops at once, status 2,
/// and asks nothing; the lock goes with the process that held it.
#[test]
fn one_fetch_at_a_time() {
    let home = Home::new();
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    home.subscribe(&feed_toml(&[&host.url("/ar.xml")]));
    std::fs::create_dir_all(home.state()).expect("state dir");
    let held = std::fs::File::create(home.state().join("fetch.lock")).expect("lock file");
    held.lock().expect("lock");
    let (code, _, err) = home.fetch(T);
    assert_eq!(code, 2);
    assert!(err.contains("another qari fetch is running"), "{err}");
    assert!(host.log().is_empty());
    drop(held);
    assert_eq!(home.fetch(T).0, 0);
    assert_eq!(home.stories().len(), 2);
}
