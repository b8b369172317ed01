//! A parser's [`Draft`] made a [`Story`]: every field through the one sanitiser, paragraphs
//! trimmed and never empty, the id, the language and the direction derived, and where the
//! story came from recorded. Kept apart from the parsers so that every format ends in the same
//! place.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use super::{Draft, id, lang};
use crate::chars::sanitize::sanitize;
use crate::model::{Origin, Story, StoryMeta};

/// Derives id, language, direction and counts, and records where the story came from.
/// Control characters never get past this point: every field goes through the one sanitiser
/// (`crate::chars::sanitize`), which removes escape sequences whole and the other controls,
/// and turns tabs and line breaks into spaces.
pub fn finish(mut draft: Draft, path: &Path, position: usize) -> Story {
    for text in std::iter::once(&mut draft.title)
        .chain(draft.paragraphs.iter_mut())
        .chain(draft.source.iter_mut())
        .chain(draft.author.iter_mut())
        .chain(draft.url.iter_mut())
        .chain(draft.tags.iter_mut())
        .chain(draft.translations.iter_mut())
        .chain(
            draft
                .links
                .iter_mut()
                .flat_map(|l| std::iter::once(&mut l.label).chain(l.url.as_mut())),
        )
    {
        sanitize_in_place(text);
    }
    // Stripping can leave spaces at the ends, or nothing at all: paragraphs are trimmed and
    // never empty, and a story always has a title (parsers only make titled stories).
    draft.paragraphs.iter_mut().for_each(trim_in_place);
    draft.paragraphs.retain(|p| !p.is_empty());
    trim_in_place(&mut draft.title);
    draft.tags.iter_mut().for_each(trim_in_place);
    let mut seen = std::collections::HashSet::new();
    draft
        .tags
        .retain(|t| !t.is_empty() && seen.insert(crate::normalize::fold(t)));
    if draft.title.is_empty() {
        "(untitled)".clone_into(&mut draft.title);
    }
    let counts = lang::ScriptCounts::of(
        std::iter::once(draft.title.as_str()).chain(draft.paragraphs.iter().map(String::as_str)),
    );
    // A language tag from the file is kept only when it looks like one (BCP 47: letters,
    // digits and hyphens); anything else is replaced by the detected language.
    let lang = draft
        .lang
        .map(|l| l.trim().to_owned())
        .filter(|l| is_language_tag(l))
        .unwrap_or_else(|| counts.lang().to_owned());
    let direction = draft.dir.unwrap_or_else(|| counts.direction());
    Story {
        meta: StoryMeta {
            id: draft
                .key
                .as_deref()
                .map_or_else(|| id::for_title(&draft.title), id::for_key),
            title: draft.title,
            source: draft.source,
            author: draft.author,
            published: draft.published,
            lang,
            direction,
            url: draft.url,
            links: draft.links,
            tags: draft.tags,
            origin: Origin {
                path: Arc::from(path),
                position,
            },
            paragraph_count: draft.paragraphs.len(),
            saved: draft.saved,
            group: crate::model::Grouping::default(),
        },
        paragraphs: draft.paragraphs,
        translations: draft.translations,
    }
}

/// Trims whitespace at both ends without reallocating.
fn trim_in_place(text: &mut String) {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
}

/// Does `tag` have the shape of a BCP 47 language tag (`ar`, `fa-IR`, `zh-Hant-TW`)?
fn is_language_tag(tag: &str) -> bool {
    (2..=35).contains(&tag.len())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && tag.split('-').all(|part| (1..=8).contains(&part.len()))
}

/// Cleans one field with the one sanitiser: whole escape sequences and controls removed, tabs
/// and line breaks turned into spaces. Nothing is copied when the field is clean.
fn sanitize_in_place(text: &mut String) {
    if let Cow::Owned(clean) = sanitize(text) {
        *text = clean;
    }
}
