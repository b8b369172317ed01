//! Reading and parsing the files an open found added or changed: in parallel, a few hundred
//! at a time so that progress is reported as it goes.

use std::collections::HashMap;

use rayon::prelude::*;

use super::super::catalog::FileRecord;
use super::super::entry::Entry;
use super::super::read_hash_and_parse;
use super::{FileResult, Progress};
use crate::loader::walk::Found;

/// Parses the stale files (indices into `found`) in parallel, a chunk at a time, reporting
/// progress between chunks.
pub(super) fn parse_stale<'h>(
    stale: &[usize],
    found: &[Found],
    keys: &[String],
    progress: &mut dyn FnMut(Progress),
    previous: &(dyn Fn(usize) -> Option<&'h FileRecord> + Sync),
    seq: u64,
) -> HashMap<usize, FileResult> {
    let mut fresh: HashMap<usize, FileResult> = HashMap::with_capacity(stale.len());
    let total = stale.len();
    progress(Progress { done: 0, total });
    for chunk in stale.chunks(256) {
        let results: Vec<(usize, FileResult)> = chunk
            .par_iter()
            .map(|&i| (i, parse_one(&found[i], &keys[i], previous(i), seq)))
            .collect();
        fresh.extend(results);
        progress(Progress {
            done: fresh.len(),
            total,
        });
    }
    fresh
}

/// Reads and parses one file into its catalog record and stories.
fn parse_one(found: &Found, key: &str, previous: Option<&FileRecord>, seq: u64) -> FileResult {
    let (hash, parsed) = read_hash_and_parse(&found.path);
    // A file that was there before keeps its generation (a rewrite is not a new file).
    let seq = previous.map_or(seq, |p| p.seq);
    let entries: Vec<Entry> = parsed
        .stories
        .into_iter()
        .map(|s| Entry::of(s, seq))
        .collect();
    let record = FileRecord {
        key: key.to_owned(),
        size: found.size,
        mtime_ns: found.mtime_ns,
        hash,
        seq,
        errors: parsed.errors.into_iter().map(|e| e.problem).collect(),
        stories: u32::try_from(entries.len()).unwrap_or(u32::MAX),
    };
    (record, entries)
}
