//! The full-text index. PLACEHOLDER: being written.
