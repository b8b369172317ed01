//! The headline: the one the page shows its readers, with `og:title` and `<title>` as
//! evidence, not as the first choice.
//!
//! A page names its story several times: its `<h1>`s (the article's, but also a logo, a
//! section name, a related story's), the JSON-LD `headline` of its article, `og:title` (often
//! reworded for social media, or with the site's name added) and `<title>` (usually
//! `Headline | Site` or `Site - Headline`). In this order:
//!
//! 1. an `<h1>` that agrees with the evidence — the JSON-LD headline, `og:title`,
//!    `twitter:title` or `<title>` (the same words, or the evidence with a site name or a
//!    kicker added) — the article's own (inside `<article>`, `<main>`, `itemprop=headline`)
//!    before the others; its own spelling wins;
//! 2. the JSON-LD `headline` of a `NewsArticle`/`Article`;
//! 3. the article's `<h1>` (else the page's only one), when it reads as a headline (three
//!    words or more) though the evidence is worded otherwise (a social-media title);
//! 4. `og:title`, then `<title>`, with the site's name cut from either end;
//! 5. any other `<h1>`.
//!
//! An `<h1>` is never the headline when it is empty, names the site (a logo: its text is a
//! site name, or its class or id, or an ancestor's, says `logo`/`brand`), or is a furniture
//! heading ("Most read"); a section name ("News", "أخبار") is too short for step 3 and agrees
//! with no evidence, so the evidence decides.

use dom_query::{Document, NodeRef};

use crate::normalize::fold;

use super::super::vocab::{FURNITURE_HEADINGS, is_marker_phrase};
use super::meta::collapse;

/// An `<h1>` as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// Inside `<article>`, `<main>`, `role=main`, `itemprop=articleBody`, or marked
    /// `itemprop=headline`.
    pub in_article: bool,
}

/// What names the headline besides the page's `<h1>`s.
#[derive(Debug, Default, Clone, Copy)]
pub struct Evidence<'a> {
    /// JSON-LD `headline` of the article object.
    pub linked_data: Option<&'a str>,
    /// `og:title`, else `twitter:title`.
    pub social: Option<&'a str>,
    /// `<title>`.
    pub title: Option<&'a str>,
}

/// The choice: the headline, the site name cut from `<title>` (when one was), and the `<h1>`
/// the page shows for it (the chosen one, else the first that could be a headline: the body
/// drops its repetition).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Choice {
    pub headline: Option<String>,
    pub cut_site: Option<String>,
    pub h1: Option<String>,
}

/// Every `<h1>` with text, in document order, logos left out.
pub fn shown(doc: &Document) -> Vec<Shown> {
    doc.select("h1, [itemprop=headline]")
        .nodes()
        .iter()
        .filter(|n| !is_logo(n))
        .map(|n| Shown {
            text: collapse(&n.text()),
            in_article: n.attr("itemprop").is_some_and(|v| &*v == "headline")
                || n.ancestors_it(None)
                    .any(|a| a.is("article, main, [role=main], [itemprop=articleBody]")),
        })
        .filter(|s| !s.text.is_empty())
        .collect()
}

/// Does the element, or one of its three nearest ancestors, say it is the site's logo?
fn is_logo(node: &NodeRef<'_>) -> bool {
    super::clean::named_near(node, |w| {
        matches!(w, "logo" | "brand" | "branding" | "sitename" | "wordmark")
    })
}

/// Chooses the headline (see the module documentation); `sites` are the names the page gives
/// its site (`og:site_name`, the publisher, the host).
pub fn choose(shown: &[Shown], evidence: Evidence<'_>, sites: &[String]) -> Choice {
    let mut keys: Vec<String> = sites.iter().map(|s| site_key(s)).collect();
    let tag = evidence.title.map(|t| cut_site(t, &keys));
    let social = evidence.social.map(|t| cut_site(t, &keys).0);
    let linked = evidence.linked_data.map(|t| cut_site(t, &keys).0);
    let cut = tag.as_ref().and_then(|(_, s)| s.clone());
    if let Some(site) = &cut {
        keys.push(site_key(site));
    }
    let plausible: Vec<&Shown> = shown
        .iter()
        .filter(|s| could_be_headline(&s.text, &keys))
        .collect();
    // the article's first, then the others, each in document order
    let mut ordered = plausible
        .iter()
        .filter(|s| s.in_article)
        .chain(plausible.iter().filter(|s| !s.in_article));
    let proofs: Vec<&str> = [
        linked.as_deref(),
        social.as_deref(),
        evidence.social,
        tag.as_ref().map(|(t, _)| t.as_str()),
        evidence.title,
    ]
    .into_iter()
    .flatten()
    .filter(|e| !e.is_empty())
    .collect();
    let agreed = ordered.find(|s| proofs.iter().any(|e| agrees(&s.text, e)));
    let first_h1 = agreed.or_else(|| plausible.first()).map(|s| s.text.clone());
    let headline = agreed
        .map(|s| s.text.clone())
        .or(linked)
        .or_else(|| {
            // the article's, else the only one on the page that reads as a headline
            let long: Vec<&&Shown> = plausible
                .iter()
                .filter(|s| s.text.split_whitespace().count() >= 3)
                .collect();
            long.iter()
                .find(|s| s.in_article)
                .or(long.first().filter(|_| long.len() == 1))
                .map(|s| s.text.clone())
        })
        .or(social)
        .or_else(|| tag.as_ref().map(|(t, _)| t.clone()))
        .or_else(|| first_h1.clone())
        .filter(|h| !h.is_empty());
    Choice {
        headline,
        cut_site: cut,
        h1: first_h1,
    }
}

/// Could this `<h1>` be the headline: not a site's name, not a furniture or "read also"
/// heading, not a whole paragraph?
fn could_be_headline(text: &str, site_keys: &[String]) -> bool {
    let key = site_key(text);
    let folded = fold(text);
    !folded.is_empty()
        && text.split_whitespace().count() <= 40
        && !site_keys
            .iter()
            .any(|s| !s.is_empty() && (*s == key || *s == folded.replace(' ', "")))
        && !FURNITURE_HEADINGS.iter().any(|h| fold(h) == folded)
        && !is_marker_phrase(text)
}

/// Does `shown` (an `<h1>`) say what `evidence` says: the same words, or the evidence with a
/// few words added (a site name, a kicker) or taken away, or nearly the same words?
pub fn agrees(shown: &str, evidence: &str) -> bool {
    let a = fold(shown);
    let b = fold(evidence);
    let aw: Vec<&str> = a.split_whitespace().collect();
    let bw: Vec<&str> = b.split_whitespace().collect();
    if aw.is_empty() || bw.is_empty() {
        return false;
    }
    if aw == bw {
        return true;
    }
    if inside(&aw, &bw) || (bw.len() >= 3 && inside(&bw, &aw)) {
        return true;
    }
    // nearly the same words (a comma, a changed word): seven in ten in common
    let mut rest = bw.clone();
    let common = aw
        .iter()
        .filter(|w| {
            rest.iter()
                .position(|r| r == *w)
                .map(|i| rest.swap_remove(i))
                .is_some()
        })
        .count();
    aw.len() >= 3 && common * 10 >= aw.len().max(bw.len()) * 7
}

/// Is `short` (two words or more, at least half as many as `long`) a run of `long`'s words?
fn inside(short: &[&str], long: &[&str]) -> bool {
    short.len() >= 2
        && short.len() * 2 >= long.len()
        && long.windows(short.len()).any(|w| w == short)
}

/// Separators between a headline and a site name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ",
];

/// A site's name as compared: folded, `www.` and the domain's ending gone.
pub fn site_key(site: &str) -> String {
    let s = site.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    fold(
        s.split('.')
            .next()
            .filter(|_| s.contains('.') && !s.contains(' '))
            .unwrap_or(s),
    )
}

/// `title` without a site name at either end: the part that names a known site, or else,
/// for two parts of which one is a short name and the other a headline, the short one.
/// Returns the headline and the part cut.
pub fn cut_site(title: &str, sites: &[String]) -> (String, Option<String>) {
    let title = collapse(title);
    for sep in TITLE_SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep).or_else(|| title.split_once(sep)) else {
            continue;
        };
        for (keep, cut) in [(head, tail), (tail, head)] {
            let key = fold(cut);
            if sites
                .iter()
                .any(|s| !s.is_empty() && (key == *s || key.replace(' ', "") == *s))
            {
                return (keep.trim().to_owned(), Some(cut.trim().to_owned()));
            }
        }
        // unknown site: a short part (at most four words) at one end of a headline at least
        // twice as long
        let (head_words, tail_words) = (
            head.split_whitespace().count(),
            tail.split_whitespace().count(),
        );
        if tail_words <= 4 && head_words >= tail_words * 2 && head_words >= 3 {
            return (head.trim().to_owned(), Some(tail.trim().to_owned()));
        }
        // (a name in front only after a bar or a guillemet: a dash there is the headline's)
        let bar = !matches!(*sep, " - " | " – " | " — " | " / ");
        if bar && head_words <= 4 && tail_words >= head_words * 2 && tail_words >= 3 {
            return (tail.trim().to_owned(), Some(head.trim().to_owned()));
        }
    }
    (title, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h1(text: &str, in_article: bool) -> Shown {
        Shown {
            text: text.to_owned(),
            in_article,
        }
    }

    #[test]
    fn agreement_is_the_same_words_give_or_take_a_site_or_a_kicker() {
        assert!(agrees(
            "وزير المالية يعلن الموازنة",
            "وزير المالية يعلن الموازنة | الجريدة"
        ));
        assert!(agrees(
            "Council approves the bridge",
            "Council approves the bridge"
        ));
        assert!(agrees(
            "Council approves the new bridge",
            "Council approves the new bridge, at last"
        ));
        assert!(!agrees("News", "News | The Daily Post"));
        assert!(!agrees("أخبار", "وزير المالية يعلن الموازنة - أخبار"));
        assert!(!agrees(
            "Council approves the bridge",
            "You will not believe what the council did"
        ));
    }

    #[test]
    fn the_shown_headline_wins_over_a_reworded_og_title() {
        let sites = ["The Daily Post".to_owned()];
        let reworded = Evidence {
            social: Some("You will not believe what the council just did"),
            title: Some("You will not believe what the council just did | The Daily Post"),
            ..Evidence::default()
        };
        let c = choose(
            &[
                h1("The Daily Post", false),
                h1("Council votes to keep the ferry", true),
            ],
            reworded,
            &sites,
        );
        assert_eq!(
            c.headline.as_deref(),
            Some("Council votes to keep the ferry")
        );
        // a section name in the article's place: the evidence decides
        let c = choose(&[h1("News", true)], reworded, &sites);
        assert_eq!(
            c.headline.as_deref(),
            Some("You will not believe what the council just did")
        );
        // outside any article, the page's only h1 that reads as a headline
        let c = choose(
            &[
                h1("News", false),
                h1("Council votes to keep the ferry", false),
            ],
            reworded,
            &sites,
        );
        assert_eq!(
            c.headline.as_deref(),
            Some("Council votes to keep the ferry")
        );
        // JSON-LD before an h1 that nothing confirms
        let c = choose(
            &[h1("Most of the stories this week", true)],
            Evidence {
                linked_data: Some("Council votes to keep the ferry"),
                ..reworded
            },
            &sites,
        );
        assert_eq!(
            c.headline.as_deref(),
            Some("Council votes to keep the ferry")
        );
    }

    #[test]
    fn the_h1_that_agrees_with_the_title_among_several() {
        let c = choose(
            &[
                h1("الجريدة", false),
                h1("أخبار", true),
                h1("مزارعو الوادي يعودون إلى القمح", false),
                h1("خبر آخر في الشريط الجانبي عن الطقس", false),
            ],
            Evidence {
                title: Some("الجريدة | مزارعو الوادي يعودون إلى القمح"),
                ..Evidence::default()
            },
            &[],
        );
        assert_eq!(
            c.headline.as_deref(),
            Some("مزارعو الوادي يعودون إلى القمح")
        );
        assert_eq!(c.cut_site.as_deref(), Some("الجريدة"));
        // nothing but a logo h1 and a title
        let c = choose(
            &[h1("الجريدة", false)],
            Evidence {
                title: Some("مزارعو الوادي يعودون إلى القمح - الجريدة"),
                ..Evidence::default()
            },
            &["الجريدة".to_owned()],
        );
        assert_eq!(
            c.headline.as_deref(),
            Some("مزارعو الوادي يعودون إلى القمح")
        );
        assert_eq!(c.h1, None);
    }
}
