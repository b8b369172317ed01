use super::*;

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
