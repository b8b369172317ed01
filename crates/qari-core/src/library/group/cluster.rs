//! The tiers: which stories are copies of one text, write-ups of one event, and steps of one
//! thread, as the connected components of the pairs found by [`pairs`](super::pairs) (sorted
//! by archive order, so that a build and an update join them in one order and give one
//! answer). The thresholds below are what those pairs are confirmed by.
//!
//! 1. **Copies**: candidate pairs are stories sharing a band of their sketch (locality-
//!    sensitive hashing: [`BANDS`] bands of [`ROWS`] bins), confirmed by the estimated Jaccard
//!    similarity or containment of their shingles.
//! 2. **Events**: candidate pairs share at least two of their rarer terms; confirmed by the
//!    tf-idf cosine of their terms. Copies are events too.
//! 3. **Threads**: events joined by a looser cosine, over at most [`THREAD_DAYS`].
//!
//! Groups are the connected components of confirmed pairs, with one guard against chaining:
//! two components join only when the span of their dates stays within the tier's window.
//! Pairs are never formed between stories of two known, different languages, nor (for copies
//! and events) between stories of one named source; a story with no source is a source of
//! its own. The one exception: a story whose page names the other as its translation
//! (`pairs::translation_pairs`) is a write-up of the same event, whatever its language and
//! source.

use rustc_hash::FxHashMap;

use super::pairs::{Edges, Idf, Vector};
use super::sketch::{BINS, GroupKeys};

/// Sketch bands for candidate copies: a pair with Jaccard similarity 0.25 (a story that
/// reuses part of a dispatch) shares a band of two bins with probability 1 − (1 − 0.25²)³² ≈
/// 0.87, at 0.4 ≈ 0.996; a pair at 0.05 with ≈ 0.08, and confirming it costs one comparison.
pub const BANDS: usize = 32;
pub const ROWS: usize = BINS / BANDS;
/// A bucket holding more stories than this is not a copy group but text every story has (a
/// site's footer, a small vocabulary): it is skipped. One dispatch on thirty sites still fits;
/// at 256, a generated archive of 100,000 stories drawn from a few dozen words made 5 s of
/// candidate pairs, at 32 a tenth of that.
pub const BUCKET_CAP: usize = 32;
/// A copy: estimated Jaccard similarity of the shingles at least this. On our fixtures
/// (`tests/fixtures/grouping`, scores printed by `cargo test -p qari-core diagnose --
/// --ignored --nocapture`) copies with a new first line, dateline and a cut end score
/// 0.46–0.94, every other pair 0.17 at most (two templated rail openings).
pub const COPY_JACCARD: f64 = 0.3;
/// Or the shorter text mostly inside the longer (a dispatch cut short, or part of it reused
/// in a longer story), with some overlap by Jaccard too: other pairs reach 0.46 containment
/// on our fixtures.
pub const COPY_CONTAINMENT: f64 = 0.55;
pub const COPY_MIN_JACCARD: f64 = 0.12;
/// A copy this certain is one whatever the dates say (a page's date a month or a year off).
pub const CERTAIN_COPY: f64 = 0.75;
/// Copies are dated within this many days of each other (undated stories are not held to it).
pub const COPY_DAYS: i64 = 4;
/// An event: tf-idf cosine of the terms at least this. Over our fixtures (idf from all of
/// them) separate write-ups of one event score 0.11–0.51, and pairs of different events up to
/// 0.26, except two templated rail openings two days apart (0.36): precision first, so the
/// lower write-ups are left to their copies and the search's Similar panel.
pub const EVENT_COSINE: f64 = 0.3;
/// Write-ups of one event are dated within this many days.
pub const EVENT_DAYS: i64 = 3;
/// Steps of one thread: two events whose write-ups together (the sum of their vectors) have
/// at least this cosine, over at most two weeks. Pairs of stories above [`THREAD_FLOOR`] are
/// where such events are looked for.
pub const THREAD_COSINE: f64 = 0.3;
pub const THREAD_FLOOR: f64 = 0.12;
pub const THREAD_DAYS: i64 = 14;

const MINUTES_PER_DAY: i64 = 1440;

/// One story as the grouping sees it.
pub struct Member<'a> {
    /// Its source (folded, numbered), `None` when unknown (a source of its own).
    pub source: Option<u32>,
    /// Its language's primary subtag, numbered; 0 when unknown.
    pub lang: u32,
    /// Its publication instant in minutes, when dated.
    pub minute: Option<i64>,
    /// Its URL key (`catalog::Keys::url`): what another story's translations name.
    pub url: Option<u64>,
    pub keys: &'a GroupKeys,
}

/// Each story's copy group, event and thread, as the index of the group's first member
/// (`None`: alone at that tier).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tiers {
    pub copy: Vec<Option<u32>>,
    pub event: Vec<Option<u32>>,
    pub thread: Vec<Option<u32>>,
}

/// Groups `members` (in archive order; the answer names stories by their index in it) by
/// their `edges` ([`pairs`](super::pairs)); `idf` weighs the terms threads are compared by.
pub fn tiers(members: &[Member<'_>], edges: &Edges, idf: &Idf) -> Tiers {
    let n = members.len();
    let mut copies = Union::new(members, COPY_DAYS);
    for &(i, j) in &edges.copies {
        copies.join(i as usize, j as usize, true);
    }
    let mut events = Union::new(members, EVENT_DAYS);
    for &(i, j) in &edges.copies {
        events.join(i as usize, j as usize, true);
    }
    for &(i, j) in &edges.events {
        events.join(i as usize, j as usize, false);
    }
    let mut threads = Union::new(members, THREAD_DAYS);
    for i in 0..n {
        let r = events.find(i);
        threads.join(i, r, true);
    }
    // Events are steps of one thread when their write-ups, taken together, are alike.
    let roots: Vec<usize> = (0..n).map(|i| events.find(i)).collect();
    // the members of the events a loose pair joins (only those: a list for every event was
    // most of an update's grouping)
    let mut of_root: FxHashMap<usize, Vec<usize>> = edges
        .loose
        .iter()
        .flat_map(|&(i, j)| [roots[i as usize], roots[j as usize]])
        .map(|r| (r, Vec::new()))
        .collect();
    for (i, &r) in roots.iter().enumerate() {
        if let Some(v) = of_root.get_mut(&r) {
            v.push(i);
        }
    }
    let mut vectors: FxHashMap<usize, Vector> = FxHashMap::default();
    let mut centroids: FxHashMap<usize, Vector> = FxHashMap::default();
    for &(i, j) in &edges.loose {
        let (a, b) = (roots[i as usize], roots[j as usize]);
        if a == b {
            continue;
        }
        for r in [a, b] {
            if let std::collections::hash_map::Entry::Vacant(slot) = centroids.entry(r) {
                let group = of_root.get(&r).map_or(&[][..], Vec::as_slice);
                for &k in group {
                    vectors.entry(k).or_insert_with(|| idf.vector(&members[k]));
                }
                slot.insert(centroid(group, &vectors));
            }
        }
        if cosine(&centroids[&a], &centroids[&b]) >= THREAD_COSINE {
            threads.join(a, b, false);
        }
    }
    let copy = copies.groups();
    let event = events.groups();
    // A thread is more than one event.
    let mut thread = threads.groups();
    let mut events_in: FxHashMap<u32, (u32, bool)> = FxHashMap::default();
    for i in 0..n {
        if let Some(t) = thread[i] {
            let e = event[i].unwrap_or(u32::try_from(i).unwrap_or(u32::MAX));
            let slot = events_in.entry(t).or_insert((e, false));
            if slot.0 != e {
                slot.1 = true;
            }
        }
    }
    for t in &mut thread {
        if t.is_some_and(|g| !events_in.get(&g).is_some_and(|s| s.1)) {
            *t = None;
        }
    }
    Tiers {
        copy,
        event,
        thread,
    }
}

/// May `a` and `b` be grouped at a tier that requires different sources (`apart`)?
pub fn compatible(a: &Member<'_>, b: &Member<'_>, apart: bool) -> bool {
    let langs = a.lang == 0 || b.lang == 0 || a.lang == b.lang;
    let sources = !apart || a.source.is_none() || b.source.is_none() || a.source != b.source;
    langs && sources
}

pub fn within(a: &Member<'_>, b: &Member<'_>, days: i64) -> bool {
    match (a.minute, b.minute) {
        (Some(x), Some(y)) => (x - y).abs() <= days * MINUTES_PER_DAY,
        _ => true,
    }
}

/// The sum of the unit vectors of `group`'s stories.
fn centroid(group: &[usize], vectors: &FxHashMap<usize, Vector>) -> Vector {
    let mut sum: std::collections::BTreeMap<u32, f64> = std::collections::BTreeMap::new();
    for i in group {
        if let Some((v, norm)) = vectors.get(i)
            && *norm > 0.0
        {
            for &(t, w) in v {
                *sum.entry(t).or_insert(0.0) += w / norm;
            }
        }
    }
    let v: Vec<(u32, f64)> = sum.into_iter().collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    (v, norm)
}

pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    if a.1 == 0.0 || b.1 == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].0.cmp(&b.0[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.0[i].1 * b.0[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.1 * b.1)
}

/// Union-find whose components remember the span of their dates, so that a join that would
/// stretch a component past `days` is refused (a chain of look-alikes never becomes a month).
struct Union {
    parent: Vec<u32>,
    span: Vec<Option<(i64, i64)>>,
    days: i64,
}

impl Union {
    fn new(members: &[Member<'_>], days: i64) -> Union {
        Union {
            parent: (0..members.len())
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            span: members.iter().map(|m| m.minute.map(|x| (x, x))).collect(),
            days,
        }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.parent[r] as usize != r {
            r = self.parent[r] as usize;
        }
        let mut k = i;
        while self.parent[k] as usize != r {
            let next = self.parent[k] as usize;
            self.parent[k] = u32::try_from(r).unwrap_or(u32::MAX);
            k = next;
        }
        r
    }

    /// Joins the components of `i` and `j`, unless the joined span would be too long
    /// (`always`: a certain copy, joined whatever its dates).
    fn join(&mut self, one: usize, other: usize, always: bool) {
        let (a, b) = (self.find(one), self.find(other));
        if a == b {
            return;
        }
        let span = match (self.span[a], self.span[b]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        if !always && span.is_some_and(|(lo, hi)| hi - lo > self.days * MINUTES_PER_DAY) {
            return;
        }
        // The smaller index is the root: a component is named by its first member.
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        self.parent[child] = u32::try_from(root).unwrap_or(u32::MAX);
        self.span[root] = span;
    }

    /// Each member's component by its first member, `None` when alone.
    fn groups(&mut self) -> Vec<Option<u32>> {
        let n = self.parent.len();
        let roots: Vec<usize> = (0..n).map(|i| self.find(i)).collect();
        let mut size = vec![0u32; n];
        for &r in &roots {
            size[r] += 1;
        }
        roots
            .iter()
            .map(|&r| (size[r] > 1).then(|| u32::try_from(r).unwrap_or(u32::MAX)))
            .collect()
    }
}

#[cfg(test)]
mod diagnose {
    use super::*;

    /// `cargo test -p qari-core diagnose -- --ignored --nocapture`: the scores of every pair
    /// of the grouping fixtures, to see where a threshold falls.
    #[test]
    #[ignore = "prints scores for tuning"]
    #[allow(clippy::many_single_char_names)]
    fn print_pair_scores() {
        let mut stories = Vec::new();
        let mut labels: Vec<serde_json::Value> = Vec::new();
        let files = super::super::fixture_files();
        for f in files {
            let bytes = std::fs::read(&f).expect("read");
            stories.extend(crate::loader::parse_file(&f, &bytes).stories);
            labels.extend(
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")),
            );
        }
        let keys: Vec<GroupKeys> = stories
            .iter()
            .map(|s| GroupKeys::of(&s.meta.title, &s.paragraphs, &s.meta.lang))
            .collect();
        let n = keys.len();
        let l = |k: usize, f: &str| labels[k][f].as_str().unwrap_or("").to_owned();
        let members: Vec<Member<'_>> = stories
            .iter()
            .zip(&keys)
            .map(|(s, k)| Member {
                source: None,
                lang: u32::from(s.meta.lang.as_bytes().first().copied().unwrap_or(0)),
                minute: s.meta.published.map(crate::library::filter::instant),
                url: None,
                keys: k,
            })
            .collect();
        let (edges, idf) = super::super::state::build(&members);
        let vectors: FxHashMap<usize, Vector> =
            (0..n).map(|i| (i, idf.vector(&members[i]))).collect();
        let t = tiers(&members, &edges, &idf);
        let root = |i: usize| t.event[i].map_or(i, |r| r as usize);
        let mut roots: Vec<usize> = (0..n).map(root).collect();
        roots.sort_unstable();
        roots.dedup();
        for (x, &a) in roots.iter().enumerate() {
            for &b in &roots[x + 1..] {
                if l(a, "lang") != l(b, "lang") {
                    continue;
                }
                let ga: Vec<usize> = (0..n).filter(|&i| root(i) == a).collect();
                let gb: Vec<usize> = (0..n).filter(|&i| root(i) == b).collect();
                let c = cosine(&centroid(&ga, &vectors), &centroid(&gb, &vectors));
                println!(
                    "events {} {a} {b} centroid {c:.2} same thread {}",
                    l(a, "lang"),
                    l(a, "thread") == l(b, "thread")
                );
            }
        }
        for i in 0..n {
            for j in i + 1..n {
                if l(i, "lang") != l(j, "lang") {
                    continue;
                }
                let c = cosine(&vectors[&i], &vectors[&j]);
                let s = (keys[i].sketch.len() == BINS && keys[j].sketch.len() == BINS)
                    .then(|| {
                        super::super::pairs::sketch_similarity(
                            (&keys[i].sketch, keys[i].shingles),
                            (&keys[j].sketch, keys[j].shingles),
                        )
                    })
                    .flatten();
                println!(
                    "{} {i:2} {j:2} cos {c:.2} jac {:?} copy {} event {} thread {}",
                    l(i, "lang"),
                    s.map(|(a, b)| ((a * 100.0).round() / 100.0, (b * 100.0).round() / 100.0)),
                    l(i, "copy") == l(j, "copy"),
                    l(i, "event") == l(j, "event"),
                    l(i, "thread") == l(j, "thread"),
                );
            }
        }
    }
}
