use super::*;

#[test]
fn read_also_lists_under_a_marker_heading() {
    let d = parse(
        "# العنوان\n\nنص الخبر.\n\n### اقرأ أيضًا\n\n- [خبر أول](https://a.example/1)\n- خبر ثان\n\nبعد القائمة.\n",
    );
    assert_eq!(d.title, "العنوان");
    assert_eq!(d.paragraphs, ["نص الخبر.", "بعد القائمة."]);
    let labels: Vec<(&str, Option<&str>)> = d
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_deref()))
        .collect();
    assert_eq!(
        labels,
        [("خبر أول", Some("https://a.example/1")), ("خبر ثان", None)]
    );
    assert!(d.links.iter().all(|l| l.kind == LinkKind::ReadAlso));
}

#[test]
fn markup_goes_and_text_stays() {
    let d = parse(
        "Plain *em* and **strong**, `code`, ~~gone~~ kept, <b>inline</b> html.\n\n\
         > quoted line\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>block <i>html</i></div>\n",
    );
    assert_eq!(d.title, "");
    assert_eq!(
        d.paragraphs,
        [
            "Plain em and strong, code, gone kept, inline html.",
            "quoted line",
            "a | b",
            "1 | 2",
            "block html"
        ]
    );
}

#[test]
fn first_h1_wins_over_earlier_smaller_headings() {
    let d = parse("## kicker\n\n# Headline\n\ntext\n");
    assert_eq!(d.title, "Headline");
    assert_eq!(d.paragraphs, ["kicker", "text"]);
}

#[test]
fn a_first_heading_that_repeats_the_front_matter_title_is_not_a_paragraph() {
    let d = parse(
        "---\ntitle: \"مزارعو الوادي يعودون إلى القمح\"\n---\n\n# مزارعو الوادي يعودون إلى القمحِ\n\n\
         نص [الخبر](https://a.example/1).\n\n# عنوان آخر\n",
    );
    assert_eq!(d.title, "مزارعو الوادي يعودون إلى القمح");
    assert_eq!(d.paragraphs, ["نص الخبر.", "عنوان آخر"]);
    assert_eq!(d.links[0].after_paragraph, Some(0));
    // a first heading that says something else stays
    let d = parse("---\ntitle: Notes\n---\n\n# Monday\n\ntext\n");
    assert_eq!(d.paragraphs, ["Monday", "text"]);
}
