//! App state and update logic. PLACEHOLDER: being written.
pub mod search;
