//! App state and update logic. PLACEHOLDER: being written.
