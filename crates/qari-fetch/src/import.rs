//! Subscriptions in from other readers and out to them: OPML (every feed reader's export,
//! through the `opml` crate; a folder outline becomes the feed's `folder`) and newsboat's
//! `urls` file (one feed a line: the address, then tags; a `"~Title"` tag is its title; `#`
//! starts a comment; query feeds and `exec:`/`filter:` lines are not feeds and are skipped).

use crate::subs::{Feed, Subscriptions};

/// What an import found: the feeds, and one line for each entry it could not take.
#[derive(Debug, Default)]
pub struct Imported {
    pub feeds: Vec<Feed>,
    pub skipped: Vec<String>,
}

/// Reads an OPML document or a newsboat `urls` file (told apart by their content).
pub fn read(text: &str) -> Result<Imported, String> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        opml_in(text)
    } else {
        Ok(urls_in(text))
    }
}

/// An OPML document's feeds.
pub fn opml_in(text: &str) -> Result<Imported, String> {
    let doc = opml::OPML::from_str(text).map_err(|e| format!("not OPML: {e}"))?;
    let mut out = Imported::default();
    for outline in &doc.body.outlines {
        walk(outline, None, &mut out);
    }
    Ok(out)
}

fn walk(outline: &opml::Outline, folder: Option<&str>, out: &mut Imported) {
    if let Some(url) = outline.xml_url.as_deref().map(str::trim) {
        if url.starts_with("http://") || url.starts_with("https://") {
            let title = outline
                .title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(&outline.text);
            out.feeds.push(Feed {
                url: url.to_owned(),
                title: Some(crate::items::clean(title)).filter(|t| !t.is_empty()),
                folder: folder.map(crate::subs::safe_name),
                ..Feed::default()
            });
        } else {
            out.skipped
                .push(format!("{url}: not an http or https address"));
        }
    }
    let here = if outline.xml_url.is_none() {
        Some(outline.title.as_deref().unwrap_or(&outline.text)).filter(|t| !t.trim().is_empty())
    } else {
        folder
    };
    for child in &outline.outlines {
        walk(child, here.or(folder), out);
    }
}

/// A newsboat `urls` file's feeds.
pub fn urls_in(text: &str) -> Imported {
    let mut out = Imported::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = words(line);
        let Some(url) = words.first() else { continue };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            out.skipped.push(format!(
                "line {}: {url}: not a feed address (query, exec: and filter: feeds are newsboat's own)",
                n + 1
            ));
            continue;
        }
        let mut feed = Feed::new(url);
        for tag in &words[1..] {
            if let Some(title) = tag.strip_prefix('~') {
                feed.title = Some(title.to_owned());
            } else if !tag.starts_with('!') && feed.folder.is_none() {
                feed.folder = Some(crate::subs::safe_name(tag));
            }
        }
        out.feeds.push(feed);
    }
    out
}

/// A `urls` line's words: space-separated, `"double quoted"` with `\"` inside, `#` to the end
/// of the line a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            break;
        } else if c == '"' {
            chars.next();
            let mut word = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => word.extend(chars.next()),
                    '"' => break,
                    c => word.push(c),
                }
            }
            out.push(word);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    out
}

/// The subscriptions as an OPML 2.0 document; feeds with a folder inside an outline of it.
pub fn opml_out(subs: &Subscriptions) -> Result<String, String> {
    let mut doc = opml::OPML {
        version: "2.0".into(),
        head: Some(opml::Head {
            title: Some("qari subscriptions".into()),
            ..opml::Head::default()
        }),
        ..opml::OPML::default()
    };
    for feed in subs.feeds.iter().filter(|f| f.retired.is_none()) {
        let title = feed.title.clone().unwrap_or_else(|| feed.url.clone());
        let outline = opml::Outline {
            text: title.clone(),
            title: Some(title),
            r#type: Some("rss".into()),
            xml_url: Some(feed.url.clone()),
            ..opml::Outline::default()
        };
        match &feed.folder {
            Some(folder) => {
                let outlines = &mut doc.body.outlines;
                let at = if let Some(i) = outlines
                    .iter()
                    .position(|o| o.xml_url.is_none() && &o.text == folder)
                {
                    i
                } else {
                    outlines.push(opml::Outline {
                        text: folder.clone(),
                        title: Some(folder.clone()),
                        ..opml::Outline::default()
                    });
                    outlines.len() - 1
                };
                outlines[at].outlines.push(outline);
            }
            None => doc.body.outlines.push(outline),
        }
    }
    doc.to_string().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lines() {
        let got = urls_in(
            "# my feeds\nhttps://a.test/rss news \"~الرافد اليومي\"\n\n\
             \"query:Unread:unread = \\\"yes\\\"\"\nhttps://b.test/atom.xml  # tech\n",
        );
        assert_eq!(got.feeds.len(), 2);
        assert_eq!(got.feeds[0].title.as_deref(), Some("الرافد اليومي"));
        assert_eq!(got.feeds[0].folder.as_deref(), Some("news"));
        assert_eq!(got.feeds[1].url, "https://b.test/atom.xml");
        assert_eq!(got.skipped.len(), 1);
    }
}
