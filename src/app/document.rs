//! An open story laid out for the reader's width: headline, source line, paragraphs, links.
//!
//! Built by the bidi engine once per story, width and display options, then kept: drawing a
//! frame only copies cells. Links carry the cell ranges of their labels, found by mapping the
//! engine's `Cluster::logical` byte ranges back to the label, so a link stays highlighted
//! whatever reordering did to it.

use std::ops::Range;

use super::bodies::Body;
use crate::i18n::{Msg, Tr};
use qari_core::bidi::{self, DirMode, Options, VisualLine};
use qari_core::library::Library;
use qari_core::model::{Direction, LinkKind, StoryId, StoryMeta};

/// What a line of the document is, for styling and for link selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Headline,
    /// Source · date · language.
    Meta,
    /// A line of paragraph `paragraph` (index into `Story::paragraphs`); its clusters'
    /// `logical` ranges are byte ranges of that paragraph, so [`cells_of`] maps a search hit
    /// or any other span of the paragraph to the cells that show it.
    Body {
        paragraph: usize,
    },
    /// The "read also" heading.
    Heading,
    /// A line of link number `index` (into `StoryMeta::links`).
    Link {
        index: usize,
        resolved: bool,
    },
    Blank,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub kind: LineKind,
    pub line: VisualLine,
    /// Cells of `line` (counted from the start of `line.text`, after `indent`) that show a link
    /// label, and the link's index.
    pub link_cells: Vec<(Range<usize>, usize)>,
}

/// What a layout depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKey {
    pub story: StoryId,
    pub width: usize,
    pub opts: Options,
    /// The header's date and language are written in the interface language.
    pub tr: Tr,
    pub body: BodyState,
}

/// Whether the body was there when the story was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyState {
    Loaded,
    Loading,
    Failed,
}

impl BodyState {
    pub fn of(body: Option<&Body>) -> BodyState {
        match body {
            Some(Body::Loaded(_)) => BodyState::Loaded,
            Some(Body::Failed(_)) => BodyState::Failed,
            Some(Body::Loading) | None => BodyState::Loading,
        }
    }
}

/// A story laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub key: DocKey,
    pub lines: Vec<DocLine>,
    /// First line of each link (indexed like `StoryMeta::links`); `None` if not shown.
    pub link_lines: Vec<Option<usize>>,
}

impl Document {
    /// Link indices in the order they appear on screen.
    pub fn links_in_order(&self) -> Vec<usize> {
        let mut links: Vec<(usize, usize)> = self
            .link_lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| line.map(|l| (l, i)))
            .collect();
        links.sort_unstable();
        links.into_iter().map(|(_, i)| i).collect()
    }
}

/// The "read also" heading in the story's language (UI chrome otherwise stays English).
fn read_also_heading(lang: &str) -> &'static str {
    match lang.split(['-', '_']).next().unwrap_or("") {
        "ar" => "اقرأ أيضًا",
        "fa" => "بیشتر بخوانید",
        "ur" => "یہ بھی پڑھیں",
        "he" => "קראו גם",
        _ => "Read also",
    }
}

/// The header line under the headline: source · author · date · language. Each field is
/// isolated (FSI … PDI, [`Tr::quote`]) so that a date after an Arabic source is not read as
/// Arabic numbers and reversed around its hyphens; the line takes the story's direction. The
/// source and author are article text, stripped of explicit formatting by `quote` (a stray
/// PDI would close the isolate early and let an override reach the date and language).
fn header(meta: &StoryMeta, tr: Tr) -> String {
    let mut info: Vec<String> = Vec::new();
    info.extend(meta.source.as_deref().map(|s| tr.quote(s)));
    info.extend(meta.author.as_deref().map(|a| tr.quote(a)));
    info.extend(
        meta.published
            .map(|p| crate::i18n::isolate(&tr.date_time(&p))),
    );
    if !meta.lang.is_empty() {
        // A language code the tables do not name is the file's text.
        info.push(tr.quote(&tr.language(&meta.lang)));
    }
    info.join(" · ")
}

/// Lays out `story` for a text column `width` cells wide, with its body, or a line saying it
/// is loading or why it could not be read.
pub fn build(
    library: &Library,
    story: &StoryMeta,
    body: Option<&Body>,
    width: usize,
    (opts, tr, open_key): (&Options, &Tr, &str),
) -> Document {
    let meta = story;
    let fallback = match meta.direction {
        Direction::Ltr => DirMode::Auto,
        Direction::Rtl => DirMode::AutoRtl,
    };
    let para_opts = Options {
        dir: fallback,
        ..*opts
    };
    let mut doc = Document {
        key: DocKey {
            story: meta.id,
            width,
            opts: *opts,
            tr: *tr,
            body: BodyState::of(body),
        },
        lines: Vec::new(),
        link_lines: vec![None; meta.links.len()],
    };
    let wrap = Some(width.max(1));
    let push = |doc: &mut Document, text: &str, kind: LineKind| {
        for line in bidi::layout(text, wrap, &para_opts).lines {
            doc.lines.push(DocLine {
                kind,
                line,
                link_cells: Vec::new(),
            });
        }
    };
    push(&mut doc, &meta.title, LineKind::Headline);
    let info = header(meta, *tr);
    if !info.is_empty() {
        push(&mut doc, &info, LineKind::Meta);
    }
    let blank = |doc: &mut Document| {
        doc.lines.push(DocLine {
            kind: LineKind::Blank,
            line: VisualLine::default(),
            link_cells: Vec::new(),
        });
    };
    blank(&mut doc);
    if meta.saved.link_only {
        // nothing to read here but the link: say so, and where it goes
        push(
            &mut doc,
            &tr.t(Msg::LinkOnly { key: open_key }),
            LineKind::Blank,
        );
        if let Some(url) = &meta.url {
            push(&mut doc, url, LineKind::Meta);
        }
        blank(&mut doc);
    }
    let inline_at = |i: usize| {
        meta.links
            .iter()
            .enumerate()
            .filter(move |(_, l)| l.kind == LinkKind::Inline && l.after_paragraph == Some(i))
    };
    let paragraphs: &[String] = match body {
        Some(Body::Loaded(b)) => b,
        Some(Body::Failed(why)) => {
            let why = tr.quote(why);
            push(
                &mut doc,
                &tr.t(Msg::BodyFailed { why: &why }),
                LineKind::Blank,
            );
            &[]
        }
        Some(Body::Loading) | None => {
            push(&mut doc, &tr.t(Msg::Loading), LineKind::Blank);
            &[]
        }
    };
    for (i, paragraph) in paragraphs.iter().enumerate() {
        push(&mut doc, paragraph, LineKind::Body { paragraph: i });
        blank(&mut doc);
        let mut any = false;
        for (index, _) in inline_at(i) {
            push_link(&mut doc, library, story, index, wrap, para_opts);
            any = true;
        }
        if any {
            blank(&mut doc);
        }
    }
    let rest: Vec<usize> = (0..meta.links.len())
        .filter(|&i| doc.link_lines[i].is_none())
        .collect();
    if !rest.is_empty() {
        push(&mut doc, read_also_heading(&meta.lang), LineKind::Heading);
        for index in rest {
            push_link(&mut doc, library, story, index, wrap, para_opts);
        }
    }
    doc
}

/// Adds link `index` as `[N] label` lines, recording which cells show the label.
fn push_link(
    doc: &mut Document,
    library: &Library,
    story: &StoryMeta,
    index: usize,
    wrap: Option<usize>,
    opts: Options,
) {
    let link = &story.links[index];
    let resolved = link.target.is_some_and(|id| library.get(id).is_some());
    let prefix = format!("[{}] ", index + 1);
    let text = format!("{prefix}{}", link.label);
    let label = prefix.len()..text.len();
    // The label's own direction decides the line's, not the ASCII number before it.
    let line_opts = Options {
        dir: match bidi::direction_of(&link.label, opts.dir) {
            Direction::Ltr => DirMode::Ltr,
            Direction::Rtl => DirMode::Rtl,
        },
        ..opts
    };
    doc.link_lines[index] = Some(doc.lines.len());
    for line in bidi::layout(&text, wrap, &line_opts).lines {
        let link_cells = cells_of(&line, &label)
            .into_iter()
            .map(|r| (r, index))
            .collect();
        doc.lines.push(DocLine {
            kind: LineKind::Link { index, resolved },
            line,
            link_cells,
        });
    }
}

/// Cell ranges of `line` (from the start of `line.text`) whose clusters come from the logical
/// byte range `span` of the laid-out text: a link label, a search hit.
pub fn cells_of(line: &VisualLine, span: &Range<usize>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut x = 0;
    for cluster in &line.clusters {
        let w = usize::from(cluster.width);
        // Overlap, not containment: a search word can end inside a cluster (before the ZWNJ
        // that belongs to its last letter), and that cluster is part of the hit.
        let overlaps = cluster.logical.start < span.end && span.start < cluster.logical.end;
        if overlaps && w > 0 {
            match ranges.last_mut() {
                Some(last) if last.end == x => last.end = x + w,
                _ => ranges.push(x..x + w),
            }
        }
        x += w;
    }
    ranges
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use qari_core::bidi::Cluster;

    #[test]
    fn label_cells_follow_logical_ranges_in_any_visual_order() {
        // Visual order reversed relative to logical: cells 0..2 come from bytes 4..6.
        let cluster = |v: usize, l: usize| Cluster {
            visual: v..v + 1,
            logical: l..l + 1,
            width: 1,
            rtl: true,
        };
        let line = VisualLine {
            text: "abcdef".into(),
            clusters: (0..6).map(|i| cluster(i, 5 - i)).collect(),
            width: 6,
            indent: 0,
        };
        assert_eq!(cells_of(&line, &(4..6)), vec![0..2]);
        assert_eq!(cells_of(&line, &(0..1)), vec![5..6]);
    }
}
