//! How deeply a page's markup nests, estimated before it is parsed.
//!
//! HTML and XML parsers and the tree walks after them are recursive or quadratic in the depth
//! of the tree: a hostile page of 100,000 nested `<div>`s took 20 s to parse and then
//! overflowed the stack, which aborts the whole process — one bad file stopping the rest.
//! Real pages nest a few dozen elements deep (a few hundred at the very worst), so a file
//! whose markup goes deeper than [`LIMIT`] is refused with a message before any parser sees
//! it. The scan is one pass over the bytes: tags are counted open and closed; void elements,
//! self-closing tags, comments, declarations and the raw text of `<script>` and `<style>` do
//! not count, and neither do the elements HTML lets a page leave open (`<p>`, `<li>`, `<td>`
//! …), so an old page of unclosed paragraphs is not mistaken for a deep one.

/// Deeper than this is refused.
pub const LIMIT: usize = 1_000;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// Elements whose end tag HTML may leave out (closed by the parser when a sibling starts).
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// The greatest nesting depth of `markup`, stopping early once it passes `stop`.
pub fn max_depth(markup: &str, stop: usize) -> usize {
    let bytes = markup.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off + 1;
        match bytes.get(i) {
            Some(b'!') => {
                // comment, CDATA or doctype
                let end = if bytes[i..].starts_with(b"!--") {
                    find(bytes, i, b"-->")
                } else if bytes[i..].starts_with(b"![CDATA[") {
                    find(bytes, i, b"]]>")
                } else {
                    find(bytes, i, b">")
                };
                i = end;
            }
            Some(b'?') => i = find(bytes, i, b"?>"),
            Some(b'/') => {
                depth = depth.saturating_sub(usize::from(counted(tag_name(&bytes[i + 1..]))));
                i = find(bytes, i, b">");
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&bytes[i..]);
                let end = tag_end(bytes, i);
                let self_closing = end >= 2 && bytes[end - 2] == b'/';
                i = end;
                if raw_text(name) {
                    i = close_of(bytes, i, name);
                } else if !self_closing && counted(name) && !VOID.iter().any(|v| eq(name, v)) {
                    depth += 1;
                    max = max.max(depth);
                    if max > stop {
                        return max;
                    }
                }
            }
            _ => {}
        }
    }
    max
}

/// Does `markup` nest deeper than [`LIMIT`]? The problem to report when it does.
pub fn too_deep(markup: &str) -> Option<super::Problem> {
    (max_depth(markup, LIMIT) > LIMIT).then_some(super::Problem::TooDeep)
}

fn counted(name: &[u8]) -> bool {
    !IMPLIED_END.iter().any(|v| eq(name, v))
}

fn raw_text(name: &[u8]) -> bool {
    eq(name, "script") || eq(name, "style")
}

fn eq(name: &[u8], known: &str) -> bool {
    name.eq_ignore_ascii_case(known.as_bytes())
}

fn tag_name(rest: &[u8]) -> &[u8] {
    let len = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_')))
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Just past the `>` that ends the tag starting at `from`, skipping quoted attribute values
/// (found with `memchr`'s vector scans: a page of inlined images has megabytes of them).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from.min(bytes.len());
    while let Some(off) = memchr::memchr3(b'"', b'\'', b'>', &bytes[i..]) {
        let at = i + off;
        let c = bytes[at];
        if c == b'>' {
            return at + 1;
        }
        match memchr(c, &bytes[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

/// Just past the end tag of a raw-text element (`</script>`), or the end.
fn close_of(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off + 1;
        if bytes.get(i) == Some(&b'/') && tag_name(&bytes[i + 1..]).eq_ignore_ascii_case(name) {
            return find(bytes, i, b">");
        }
    }
    bytes.len()
}

/// Just past the first `needle` at or after `from`, or the end.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle)
        .map_or(bytes.len(), |p| from + p + needle.len())
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(b, hay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(s: &str) -> usize {
        max_depth(s, usize::MAX)
    }

    #[test]
    fn ordinary_markup_is_shallow() {
        let page = "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title>\
                    <script>if (a<b && c>d) { x('<div>') }</script><style>p>a{}</style></head>\
                    <body><!-- <div><div> --><div class=\"a>b\"><p>one<p>two<br><img src=x>\
                    <ul><li>a<li>b</ul><table><tr><td>1<td>2</table></div></body></html>";
        assert_eq!(depth(page), 2, "div, ul/table");
    }

    #[test]
    fn closing_tags_and_self_closing_ones_balance() {
        assert_eq!(depth("<div><span>a</span><span/><x:y/></div>"), 2);
        assert_eq!(
            depth("</div></div><div>"),
            1,
            "stray end tags never go below zero"
        );
    }

    #[test]
    fn unclosed_paragraphs_are_not_depth_but_nested_divs_are() {
        let paragraphs = "<p>x".repeat(5_000);
        assert!(too_deep(&paragraphs).is_none());
        let divs = format!("{}x{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert_eq!(
            max_depth(&divs, LIMIT),
            LIMIT + 1,
            "the scan stops once past the limit"
        );
        assert!(too_deep(&divs).is_some_and(|m| m.to_string().contains("1000")));
        let inline = format!("{}x", "<b><i>".repeat(600));
        assert!(too_deep(&inline).is_some());
    }

    #[test]
    fn a_feed_with_cdata_and_a_prolog() {
        let feed = "<?xml version=\"1.0\"?><rss><channel><item><description>\
                    <![CDATA[<div><div><div>]]></description></item></channel></rss>";
        assert_eq!(depth(feed), 4, "rss, channel, item, description");
    }
}
