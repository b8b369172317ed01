//! Which pairs of stories are copies, write-ups of one event, or near enough to be steps of
//! one thread: the edges the tiers are made from (`cluster`).
//!
//! Every function here looks for the pairs *touching* a set of stories: every story on a
//! build, the stories an update made (and those whose pairs it may have changed, `state`) on
//! an update, whose other pairs are kept from the catalog. Whether a pair is an edge depends
//! only on the two stories and on numbers that change in steps ([`Idf`]: the document
//! frequency of a term in quarter-octaves, the archive's size in powers of two), so the pairs
//! an update keeps and the pairs it finds are exactly those a build finds.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::cluster::{
    BANDS, BUCKET_CAP, CERTAIN_COPY, COPY_CONTAINMENT, COPY_DAYS, COPY_JACCARD, COPY_MIN_JACCARD,
    EVENT_COSINE, EVENT_DAYS, Member, ROWS, THREAD_DAYS, THREAD_FLOOR, compatible, cosine, within,
};
use super::sketch::{BINS, EMPTY};

/// The rarest terms of a story that candidate events are looked up by.
const LOOKUP_TERMS: usize = 10;
/// Shared lookup terms a candidate event needs.
const SHARED_TERMS: u32 = 2;
/// Steps of a term's document frequency per doubling: its weight and whether it is a lookup
/// term change only when it crosses a step.
const STEPS_PER_DOUBLING: f64 = 4.0;

/// A story's weighted terms (sorted by term) and their norm.
pub type Vector = (Vec<(u32, f64)>, f64);

/// Pairs of stories by index, the first the smaller.
pub type Pairs = Vec<(u32, u32)>;

/// Pairs of stories by index, the first the smaller, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edges {
    pub copies: Pairs,
    pub events: Pairs,
    /// Pairs alike enough that their events may be steps of one thread.
    pub loose: Pairs,
}

/// Term weights from document frequencies, in steps.
pub struct Idf {
    /// Every term's document frequency, sorted by term (what the catalog keeps).
    sorted: Vec<(u32, u32)>,
    /// Every term's step, on a build (millions of lookups); an update looks up few terms, by
    /// binary search, and does not build one.
    steps: Option<FxHashMap<u32, u32>>,
    /// Each step's weight (`ln(1 + N/df)`, N the archive's size rounded up to a power of two,
    /// df the step's lowest frequency).
    weights: Vec<f64>,
    /// The highest step of a lookup term (a term in more stories is no key to an event).
    cap: u32,
}

/// A document frequency's step.
pub fn step(df: u32) -> u32 {
    if df == 0 {
        0
    } else {
        // (a few ulps below a step's boundary must not decide it: steps are whole numbers of
        // quarter-octaves, so round before flooring)
        let x = f64::from(df).log2() * STEPS_PER_DOUBLING;
        let r = x.round();
        let s = if (x - r).abs() < 1e-9 { r } else { x.floor() };
        1 + s as u32
    }
}

impl Idf {
    /// Weights for an archive of `stories` stories with these document frequencies.
    pub fn new(mut map: FxHashMap<u32, u32>, stories: usize) -> Idf {
        let mut sorted: Vec<(u32, u32)> = map.iter().map(|(&t, &d)| (t, d)).collect();
        sorted.sort_unstable();
        let mut idf = Idf::sorted(sorted, stories);
        for d in map.values_mut() {
            *d = step(*d);
        }
        idf.steps = Some(map);
        idf
    }

    /// Weights from frequencies sorted by term.
    pub fn sorted(sorted: Vec<(u32, u32)>, stories: usize) -> Idf {
        let total = stories.max(1).next_power_of_two();
        // a term in more than 1/64 of the stories (at least 64) is no lookup term
        let cap = step(u32::try_from((total / 64).max(64)).unwrap_or(u32::MAX));
        let weights = (0..=step(u32::MAX))
            .map(|s| {
                let df = (f64::from(s.max(1) - 1) / STEPS_PER_DOUBLING).exp2();
                (1.0 + total as f64 / df).ln()
            })
            .collect();
        Idf {
            sorted,
            steps: None,
            weights,
            cap,
        }
    }

    /// The archive size's step: when it changes every weight does.
    pub fn scale(stories: usize) -> u32 {
        stories.max(1).next_power_of_two().trailing_zeros()
    }

    /// Every term's document frequency, sorted by term.
    pub fn df(&self) -> &[(u32, u32)] {
        &self.sorted
    }

    fn step_of(&self, t: u32) -> u32 {
        match &self.steps {
            Some(steps) => steps.get(&t).copied().unwrap_or(step(1)),
            None => step(
                self.sorted
                    .binary_search_by_key(&t, |e| e.0)
                    .map_or(1, |k| self.sorted[k].1),
            ),
        }
    }

    fn weight(&self, t: u32) -> f64 {
        self.weights[self.step_of(t) as usize]
    }

    /// A story's weighted vector.
    pub fn vector(&self, m: &Member<'_>) -> Vector {
        let v: Vec<(u32, f64)> = m
            .keys
            .terms
            .iter()
            .map(|&(t, w)| (t, (1.0 + f64::from(w).ln()) * self.weight(t)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        (v, norm)
    }

    /// A story's lookup terms: its [`LOOKUP_TERMS`] rarest in at least two stories and not
    /// too common, rarest first.
    fn lookups(&self, m: &Member<'_>) -> Vec<u32> {
        let mut ts: Vec<(u32, u32)> = m
            .keys
            .terms
            .iter()
            .map(|&(t, _)| (self.step_of(t), t))
            .filter(|&(s, _)| s > step(1) && s <= self.cap)
            .collect();
        ts.sort_unstable();
        ts.truncate(LOOKUP_TERMS);
        ts.into_iter().map(|(_, t)| t).collect()
    }
}

/// A few numbers looked for among millions (an update's bands and terms among every story's):
/// a bit for each value of their low 16 bits in front of the set, so that most numbers are
/// turned away by one load, not a hash.
pub struct Wanted<T> {
    bits: Vec<u64>,
    set: FxHashSet<T>,
}

impl<T: Copy + Eq + std::hash::Hash + Into<u64>> FromIterator<T> for Wanted<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Wanted<T> {
        let mut w = Wanted {
            bits: vec![0; 1024],
            set: FxHashSet::default(),
        };
        for x in items {
            let low = (x.into() & 0xFFFF) as usize;
            w.bits[low / 64] |= 1 << (low % 64);
            w.set.insert(x);
        }
        w
    }
}

impl<T: Copy + Eq + std::hash::Hash + Into<u64>> Wanted<T> {
    pub fn contains(&self, x: T) -> bool {
        self.may_hold((x.into() & 0xFFFF) as u16) && self.set.contains(&x)
    }

    /// Whether a number with these low 16 bits may be wanted.
    fn may_hold(&self, low: u16) -> bool {
        self.bits[usize::from(low) / 64] & (1 << (low % 64)) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// Is `i` one of the stories whose pairs are looked for?
fn looked(dirty: Option<&[bool]>, i: usize) -> bool {
    dirty.is_none_or(|d| d[i])
}

/// A story's band keys: each band's index and its ROWS values side by side in one number.
pub fn bands(sketch: &[u16]) -> impl Iterator<Item = u64> + '_ {
    const _: () = assert!(
        ROWS <= 3,
        "a band's values must fit in one u64 with its index"
    );
    let full = sketch.len() == BINS;
    sketch
        .chunks(ROWS)
        .enumerate()
        .filter(move |(_, band)| full && !band.contains(&EMPTY))
        .map(|(b, band)| band_key(b, band))
}

/// The band keys two sketches share.
pub fn shared_bands(a: &[u16], b: &[u16]) -> Vec<u64> {
    if a.len() != BINS || b.len() != BINS {
        return Vec::new();
    }
    a.chunks_exact(ROWS)
        .zip(b.chunks_exact(ROWS))
        .enumerate()
        .filter(|(_, (x, y))| x == y && !x.contains(&EMPTY))
        .map(|(k, (x, _))| band_key(k, x))
        .collect()
}

/// Band `b`'s key: its index and its values side by side.
fn band_key(b: usize, band: &[u16]) -> u64 {
    band.iter().fold(b as u64, |k, &v| (k << 16) | u64::from(v))
}

/// Every copy bucket (stories sharing a band) as (band key, story), sorted: one slot per band
/// of every story, filled in place (an empty band's slot keeps a key above every band's and
/// is cut off after the sort).
pub fn buckets(members: &[Member<'_>]) -> Vec<(u64, u32)> {
    let mut keyed = vec![(u64::MAX, u32::MAX); members.len() * BANDS];
    keyed
        .par_chunks_mut(BANDS)
        .zip(members.par_iter())
        .enumerate()
        .for_each(|(i, (slots, m))| {
            let story = u32::try_from(i).unwrap_or(u32::MAX);
            for (slot, b) in slots.iter_mut().zip(bands(&m.keys.sketch)) {
                *slot = (b, story);
            }
        });
    keyed.par_sort_unstable();
    let used = keyed.partition_point(|e| e.0 != u64::MAX);
    keyed.truncate(used);
    keyed
}

/// The buckets of the bands `wanted`, whole, as [`buckets`] gives them.
pub fn buckets_of(members: &[Member<'_>], wanted: &Wanted<u64>) -> Vec<(u64, u32)> {
    const PART: usize = 4096;
    let parts: Vec<Vec<(u64, u32)>> = members
        .par_chunks(PART)
        .enumerate()
        .map(|(c, part)| {
            let mut out = Vec::new();
            for (k, m) in part.iter().enumerate() {
                let story = u32::try_from(c * PART + k).unwrap_or(u32::MAX);
                // (a band's last value is its key's low 16 bits: the filter's bit is tested
                // before the key is made)
                out.extend(
                    m.keys
                        .sketch
                        .chunks_exact(ROWS)
                        .enumerate()
                        .filter(|(_, band)| wanted.may_hold(band[ROWS - 1]))
                        .filter(|(_, band)| !band.contains(&EMPTY))
                        .map(|(b, band)| band_key(b, band))
                        .filter(|&key| wanted.contains(key))
                        .map(|key| (key, story)),
                );
            }
            out
        })
        .collect();
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        keyed.extend(p);
    }
    keyed.par_sort_unstable();
    keyed
}

/// The buckets of `keyed` ([`buckets`], [`buckets_of`]): its runs of one band key.
pub fn runs(keyed: &[(u64, u32)]) -> impl Iterator<Item = &[(u64, u32)]> {
    keyed.chunk_by(|a, b| a.0 == b.0)
}

/// Whether a bucket of `n` stories makes candidates: more than one, at most [`BUCKET_CAP`] (a
/// bigger one is text every story has, a footer or a small vocabulary).
pub fn usable_size(n: usize) -> bool {
    (2..=BUCKET_CAP).contains(&n)
}

/// The usable buckets of `keyed`.
pub fn usable(keyed: &[(u64, u32)]) -> impl Iterator<Item = &[(u64, u32)]> {
    runs(keyed).filter(|run| usable_size(run.len()))
}

/// Each bucket's size, by its band key.
pub fn sizes(keyed: &[(u64, u32)]) -> FxHashMap<u64, usize> {
    runs(keyed).map(|run| (run[0].0, run.len())).collect()
}

/// Estimated Jaccard similarity and containment of two sketches, each given as its bins and
/// its shingle count (`None`: too few bins filled in both to say).
pub fn sketch_similarity(
    (a, a_len): (&[u16], u32),
    (b, b_len): (&[u16], u32),
) -> Option<(f64, f64)> {
    // (two whole sketches, of a length the compiler knows: millions of pairs on a build)
    let (Ok(a), Ok(b)) = (<&[u16; BINS]>::try_from(a), <&[u16; BINS]>::try_from(b)) else {
        return None;
    };
    let (mut both, mut same) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        let filled = *x != EMPTY && *y != EMPTY;
        both += u32::from(filled);
        same += u32::from(filled && x == y);
    }
    if both < 16 {
        return None;
    }
    let j = f64::from(same) / f64::from(both);
    let (sa, sb) = (f64::from(a_len.max(1)), f64::from(b_len.max(1)));
    let inter = j / (1.0 + j) * (sa + sb);
    Some((j, (inter / sa.min(sb)).min(1.0)))
}

/// Are `x` and `y` copies of one text?
pub fn is_copy(x: &Member<'_>, y: &Member<'_>, sketches: (&[u16], &[u16])) -> bool {
    if !compatible(x, y, true) {
        return false;
    }
    let sim = sketch_similarity((sketches.0, x.keys.shingles), (sketches.1, y.keys.shingles));
    let Some((j, c)) = sim else { return false };
    let copy = j >= COPY_JACCARD || (c >= COPY_CONTAINMENT && j >= COPY_MIN_JACCARD);
    copy && (j >= CERTAIN_COPY || within(x, y, COPY_DAYS))
}

/// Copy pairs with at least one story `dirty` (every pair when `None`), from `keyed`
/// ([`buckets`] or [`buckets_of`] the dirty stories' bands).
pub fn copy_pairs(
    members: &[Member<'_>],
    keyed: &[(u64, u32)],
    dirty: Option<&[bool]>,
) -> Vec<(u32, u32)> {
    // Checked bucket by bucket: a bucket's few sketches are read from memory once and
    // compared in the cache (each story's candidates one by one read a sketch from memory
    // for every pair: most of this pass). A pair in several buckets is checked in each; only
    // copies share many, and they are few.
    let runs: Vec<&[(u64, u32)]> = usable(keyed).collect();
    // On a build, every sketch side by side first: millions of pairs are checked, and
    // reaching each sketch through its story's keys was waiting on memory twice a pair.
    let flat: Vec<u16> = if dirty.is_none() {
        members
            .par_iter()
            .flat_map_iter(|m| {
                let full = m.keys.sketch.len() == BINS;
                (0..BINS).map(move |b| if full { m.keys.sketch[b] } else { EMPTY })
            })
            .collect()
    } else {
        Vec::new()
    };
    let sketch = |i: usize| -> &[u16] {
        if flat.is_empty() {
            &members[i].keys.sketch
        } else {
            &flat[i * BINS..(i + 1) * BINS]
        }
    };
    let mut pairs: Vec<(u32, u32)> = runs
        .par_iter()
        .flat_map_iter(|run| {
            let mut out = Vec::new();
            for (k, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[k + 1..] {
                    let (i, j) = (a.min(b), a.max(b));
                    let touched = looked(dirty, i as usize) || looked(dirty, j as usize);
                    let (x, y) = (i as usize, j as usize);
                    if touched && is_copy(&members[x], &members[y], (sketch(x), sketch(y))) {
                        out.push((i, j));
                    }
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Event pairs and loose pairs with at least one story `dirty` (every pair when `None`).
pub fn term_pairs(members: &[Member<'_>], idf: &Idf, dirty: Option<&[bool]>) -> (Pairs, Pairs) {
    let n = members.len();
    // The dirty stories' lookup terms, and the other stories that have two of them: the only
    // ones a dirty story can pair with.
    let wanted: Option<Wanted<u32>> = dirty.map(|d| {
        (0..n)
            .filter(|&i| d[i])
            .flat_map(|i| idf.lookups(&members[i]))
            .collect()
    });
    let lookups: Vec<Option<Vec<u32>>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let m = &members[i];
            let maybe = match &wanted {
                None => true,
                Some(w) => {
                    looked(dirty, i)
                        || m.keys.terms.iter().filter(|(t, _)| w.contains(*t)).count() >= 2
                }
            };
            maybe.then(|| idf.lookups(m))
        })
        .collect();
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, ts) in lookups.iter().enumerate() {
        for &t in ts.iter().flatten() {
            if wanted.as_ref().is_none_or(|w| w.contains(t)) {
                postings
                    .entry(t)
                    .or_default()
                    .push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
    }
    let vectors: Vec<Option<Vector>> = (0..n)
        .into_par_iter()
        .map(|i| lookups[i].as_ref().map(|_| idf.vector(&members[i])))
        .collect();
    let looked_at: Vec<usize> = (0..n).filter(|&i| looked(dirty, i)).collect();
    let found: Vec<(Pairs, Pairs)> = looked_at
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(count, touched), i| {
                let mut ev = Vec::new();
                let mut th = Vec::new();
                for t in lookups[i].iter().flatten() {
                    for &j in postings.get(t).map_or(&[][..], Vec::as_slice) {
                        let j = j as usize;
                        // each pair once: from its smaller end when both are looked at
                        if j != i && (j > i || !looked(dirty, j)) {
                            if count[j] == 0 {
                                touched.push(j);
                            }
                            count[j] += 1;
                        }
                    }
                }
                for &j in touched.iter() {
                    if count[j] >= SHARED_TERMS
                        && let (Some(vi), Some(vj)) = (&vectors[i], &vectors[j])
                    {
                        let (a, b) = (&members[i], &members[j]);
                        let cos = cosine(vi, vj);
                        let pair = (
                            u32::try_from(i.min(j)).unwrap_or(u32::MAX),
                            u32::try_from(i.max(j)).unwrap_or(u32::MAX),
                        );
                        if cos >= EVENT_COSINE && compatible(a, b, true) && within(a, b, EVENT_DAYS)
                        {
                            ev.push(pair);
                        }
                        if cos >= THREAD_FLOOR
                            && compatible(a, b, false)
                            && within(a, b, THREAD_DAYS)
                        {
                            th.push(pair);
                        }
                    }
                    count[j] = 0;
                }
                touched.clear();
                (ev, th)
            },
        )
        .collect();
    let mut events = Vec::new();
    let mut loose = Vec::new();
    for (e, t) in found {
        events.extend(e);
        loose.extend(t);
    }
    events.sort_unstable();
    loose.sort_unstable();
    (events, loose)
}

/// Pairs of stories one of which names the other among its translations (by URL key), with
/// at least one story `dirty` (every pair when `None`): write-ups of one event whatever their
/// languages and sources, since the page says so. A pair depends on its two stories only.
pub fn translation_pairs(members: &[Member<'_>], dirty: Option<&[bool]>) -> Pairs {
    if members.iter().all(|m| m.keys.translations.is_empty()) {
        return Vec::new();
    }
    let mut at: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, m) in members.iter().enumerate() {
        if let Some(u) = m.url {
            at.entry(u)
                .or_default()
                .push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    let mut out = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        for t in &m.keys.translations {
            for &j in at.get(t).map_or(&[][..], Vec::as_slice) {
                let (a, b) = (i.min(j), i.max(j));
                if a != b && (looked(dirty, a as usize) || looked(dirty, b as usize)) {
                    out.push((a, b));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
