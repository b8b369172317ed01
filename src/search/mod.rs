//! The full-text index: spelling-aware analysis, a persistent tantivy index per archive kept
//! up to date file by file, queries with phrases and exclusions, and similar stories.

pub mod analyzer;
