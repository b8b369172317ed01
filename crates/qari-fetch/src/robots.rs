//! robots.txt, for page fetches (a feed is published to be polled; a page is not): the group
//! for `qari`, else the one for `*`; the longest matching `Allow`/`Disallow` wins, `Allow` on a
//! tie; `*` and a final `$` in rules as Google documents them. A robots.txt that cannot be
//! fetched (404, an error) allows everything, as the convention says.

/// The rules of one host for qari.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allow, pattern).
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Parses a robots.txt for the agent `qari`.
    pub fn parse(text: &str) -> Robots {
        let mut ours: Option<Vec<(bool, String)>> = None;
        let mut star: Option<Vec<(bool, String)>> = None;
        // the agents of the group being read, and whether its rules have started
        let mut agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        let mut current: Vec<(bool, String)> = Vec::new();
        let mut flush = |agents: &mut Vec<String>, current: &mut Vec<(bool, String)>| {
            for a in agents.iter() {
                if a == "qari" && ours.is_none() {
                    ours = Some(current.clone());
                } else if a == "*" && star.is_none() {
                    star = Some(current.clone());
                }
            }
            agents.clear();
            current.clear();
        };
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        flush(&mut agents, &mut current);
                        in_rules = false;
                    }
                    agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if !value.is_empty() {
                        current.push((key == "allow", value.to_owned()));
                    }
                }
                _ => {}
            }
        }
        flush(&mut agents, &mut current);
        Robots {
            rules: ours.or(star).unwrap_or_default(),
        }
    }

    /// Whether qari may fetch `path` (with its query).
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A rule's pattern against a path: `*` any run, `$` at the end anchors.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else if let Some(found) = path[at..].find(part) {
            at += found + part.len();
        } else {
            return false;
        }
    }
    if anchored {
        let last = parts.last().copied().unwrap_or_default();
        at == path.len() || (parts.len() > 1 && path.ends_with(last))
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_longest_match() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /private\n\nUser-agent: qari\nUser-agent: other\n\
             Disallow: /ar/\nAllow: /ar/news/\nDisallow: /*.pdf$\n",
        );
        assert!(!r.allows("/ar/opinion/1"));
        assert!(r.allows("/ar/news/1"));
        assert!(r.allows("/private"));
        assert!(!r.allows("/docs/a.pdf"));
        let star = Robots::parse("User-agent: *\nDisallow: /\n");
        assert!(!star.allows("/x"));
        assert!(Robots::parse("").allows("/x"));
    }
}
