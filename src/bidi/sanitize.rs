//! Removing what must never reach the terminal from untrusted text.
//!
//! PLACEHOLDER: being written.

use std::borrow::Cow;

/// Drops control characters (placeholder).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(text.chars().filter(|c| !c.is_control()).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Makes a message safe for stderr or a log line: no escape sequences, no controls, no
/// direction formatting characters.
pub fn for_log(text: &str) -> String {
    sanitize(text).into_owned()
}
