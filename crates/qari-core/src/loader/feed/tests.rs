use super::*;

#[test]
fn rfc822_zones() {
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00 +0300"), Some(180));
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00 -0530"), Some(-330));
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00 GMT"), Some(0));
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00 EDT"), Some(-240));
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00 PST"), Some(-480));
    assert_eq!(rfc822_zone("Tue, 05 Mar 2024 23:40:00"), None);
    let p = feed_date("Tue, 05 Mar 2024 23:40:00 +0300").expect("date");
    assert_eq!(p.to_string(), "2024-03-05T23:40:00+03:00");
}

#[test]
fn rss_authors_give_their_names() {
    assert_eq!(person_name("jane@example.com (Jane Doe)"), "Jane Doe");
    assert_eq!(person_name("(قسم الأخبار)"), "قسم الأخبار");
    assert_eq!(person_name("Omar"), "Omar");
}

#[test]
fn prolog_says_utf8_and_cut_feeds_are_closed() {
    assert_eq!(
        utf8_prolog("<?xml version='1.0' encoding='windows-1256'?><rss/>"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>"
    );
    assert_eq!(
        complete_items("<feed><entry>a</entry><entry>b").as_deref(),
        Some("<feed><entry>a</entry></feed>")
    );
    assert_eq!(
        complete_items("<rss><channel><item>a</item><item>b").as_deref(),
        Some("<rss><channel><item>a</item></channel></rss>")
    );
    assert_eq!(complete_items("<rss><channel><title>x"), None);
}

#[test]
fn a_feed_with_no_items_or_no_feed_at_all() {
    let (items, errors) = parse("<rss version=\"2.0\"><channel><title>x</title></channel></rss>");
    assert!(items.is_empty() && errors.is_empty());
    let (items, errors) = parse("<html><body>not a feed</body></html>");
    assert!(items.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn json_feed_titles_are_plain_text_and_rss_titles_lose_their_markup() {
    let (items, errors) = parse(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Kino <3 & mehr",
            "items": [{"id": "1", "title": "Die Rückkehr von <i> und <b>",
                       "content_text": "Zwei Tags im Titel."}]}"#,
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(items[0].1.title, "Die Rückkehr von <i> und <b>");
    assert_eq!(items[0].1.source.as_deref(), Some("Kino <3 & mehr"));
    let (items, _) = parse(
        "<rss version=\"2.0\"><channel><title>x</title><item><guid>1</guid>\
         <title>Die &lt;i&gt;Rückkehr&lt;/i&gt; der Wölfe</title></item></channel></rss>",
    );
    assert_eq!(items[0].1.title, "Die Rückkehr der Wölfe");
}

#[test]
fn an_atom_entry_names_its_versions_in_other_languages() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Indus Post</title>
  <id>urn:uuid:7c1f1a52-7b0e-4d8e-9a3e-2f0d0c1b5e01</id>
  <updated>2026-01-05T09:00:00Z</updated>
  <entry>
    <title>Bridge opens at Kotri</title>
    <id>urn:uuid:7c1f1a52-7b0e-4d8e-9a3e-2f0d0c1b5e02</id>
    <updated>2026-01-05T09:00:00Z</updated>
    <link rel="alternate" hreflang="en" href="https://indus.example/en/kotri-bridge"/>
    <link rel="alternate" hreflang="ur" href="https://indus.example/ur/kotri-bridge"/>
    <link rel="alternate" hreflang="x-default" href="https://indus.example/kotri-bridge"/>
    <link rel="related" hreflang="ar" href="https://indus.example/ar/other"/>
    <content type="text">Engineers finished the new bridge over the river at Kotri.</content>
  </entry>
</feed>"#;
    let (items, problems) = parse(atom);
    assert!(problems.is_empty(), "{problems:?}");
    let draft = &items[0].1;
    assert_eq!(
        draft.url.as_deref(),
        Some("https://indus.example/en/kotri-bridge")
    );
    assert_eq!(
        draft.translations,
        ["https://indus.example/ur/kotri-bridge"]
    );
}
