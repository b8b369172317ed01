//! Folding spelling variation so that the same title written two ways matches.
//!
//! PLACEHOLDER: being written (Arabic-aware normalisation: harakat, tatweel, hamza forms …).

/// Folds a title for comparison (placeholder: lowercase only).
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}
