//! Front matter of a Markdown note: YAML between `---` lines or TOML between `+++` lines.
//!
//! Notes carry a handful of flat fields (`title`, `date`, `lang`, `dir`, `author`, `source`,
//! `url`, `tags`), so this reads the flat subset both languages share with notes apps and
//! static-site generators — `key: value` / `key = value`, quoted or bare, lists inline
//! (`[a, b]`) or as `- item` lines, `#` comments — rather than pulling a full YAML and a
//! full TOML parser into the build. Nested tables and multi-line strings are skipped, not
//! misread.

/// Which fence opened the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Yaml,
    Toml,
}

/// One field: its key (lower-cased) and its values (one, or the items of a list).
pub type Field = (String, Vec<String>);

/// Splits front matter off a note: the block's text, its kind and the rest of the note.
pub fn split(text: &str) -> Option<(&str, Kind, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, kind) = if text.starts_with("---") {
        ("---", Kind::Yaml)
    } else if text.starts_with("+++") {
        ("+++", Kind::Toml)
    } else {
        return None;
    };
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != fence {
        return None;
    }
    let body = &text[first_end + 1..];
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_end();
        if t == fence || (kind == Kind::Yaml && t == "...") {
            return Some((&body[..offset], kind, &body[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// The flat fields of a front-matter block, in order.
pub fn fields(block: &str, kind: Kind) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut open_list: Option<usize> = None;
    for line in block.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if kind == Kind::Yaml
            && let Some(item) = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix('-').filter(|r| r.is_empty()))
        {
            if let Some(i) = open_list {
                let v = scalar(item);
                if !v.is_empty() {
                    out[i].1.push(v);
                }
            }
            continue;
        }
        // an indented line under a key is a nested value: not one of ours
        if line.starts_with([' ', '\t']) && kind == Kind::Yaml {
            continue;
        }
        if kind == Kind::Toml && trimmed.starts_with('[') {
            break; // a table: the flat part is over
        }
        let sep = if kind == Kind::Yaml { ':' } else { '=' };
        let Some((key, value)) = trimmed.split_once(sep) else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_lowercase();
        let value = strip_comment(value.trim());
        open_list = None;
        let values = if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']'))
        {
            split_list(inner)
        } else if value.is_empty() {
            open_list = Some(out.len());
            Vec::new()
        } else {
            vec![scalar(value)]
        };
        out.push((key, values));
    }
    out
}

/// A value without its quotes (`"…"`, `'…'`), with `\"` and `''` unescaped.
fn scalar(value: &str) -> String {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        v[1..v.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        v[1..v.len() - 1].replace("''", "'")
    } else {
        v.to_owned()
    }
}

/// A ` #` comment after a bare value is not part of it (inside quotes it is).
fn strip_comment(value: &str) -> &str {
    if let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\''))
        && let Some(close) = value[1..].find(q)
    {
        return &value[..close + 2];
    }
    value.find(" #").map_or(value, |i| value[..i].trim_end())
}

fn split_list(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, ',') => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|i| scalar(i))
        .filter(|i| !i.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_fields() {
        let note = "---\ntitle: \"عنوان: مع نقطتين\"\ndate: 2024-03-05T10:00:00+03:00\n\
                    tags: [سياسة, 'اقتصاد']\nauthors:\n  - سلمى\n  - Omar\nextra:\n  nested: x\n---\nالنص";
        let (block, kind, rest) = split(note).expect("front matter");
        assert_eq!((kind, rest), (Kind::Yaml, "النص"));
        let f = fields(block, kind);
        assert_eq!(f[0], ("title".into(), vec!["عنوان: مع نقطتين".to_owned()]));
        assert_eq!(f[1].1, ["2024-03-05T10:00:00+03:00"]);
        assert_eq!(f[2].1, ["سياسة", "اقتصاد"]);
        assert_eq!(f[3].1, ["سلمى", "Omar"]);
        assert!(f[4].1.is_empty());
        let toml = "+++\ntitle = 'כותרת' # comment\ndate = 2024-03-05\ntags = [\"a\", \"b\"]\n[params]\ntitle = \"no\"\n+++\nbody";
        let (block, kind, _) = split(toml).expect("toml");
        let f = fields(block, kind);
        assert_eq!(f[0].1, ["כותרת"]);
        assert_eq!(f[2].1, ["a", "b"]);
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn no_closing_fence_is_no_front_matter() {
        assert!(split("---\ntitle: x\nno end").is_none());
        assert!(split("--- not a fence\n---").is_none());
    }
}
