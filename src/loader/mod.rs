//! Stored files -> stories. PLACEHOLDER: being written.
