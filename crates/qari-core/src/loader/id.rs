//! Stable story ids.
//!
//! A story's id is the 64-bit xxh3 hash of its folded title (`normalize::fold`), printed as 16
//! hex digits. That makes ids stable across runs and machines without any stored state, and it
//! makes the copy of a story embedded in another page's "read also" section collide with the
//! same story stored in its own file, which is exactly what de-duplication needs.
//!
//! Two *different* stories can share a title ("Weather", "Live updates"). The library detects
//! that case and gives every story after the first one with that title [`disambiguated`]: the
//! hash of the folded title, the file path and the position in the file. Those ids are stable
//! as long as the file stays where it is.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use crate::model::StoryId;
use crate::normalize::fold;

/// The id of a story with this title.
pub fn for_title(title: &str) -> StoryId {
    let folded = fold(title);
    // A title of only punctuation folds to nothing: hash it as written instead.
    let key = if folded.is_empty() {
        title.trim()
    } else {
        &folded
    };
    StoryId(xxh3_64(key.as_bytes()))
}

/// The id of a story its file identifies by a key of its own (a feed item's GUID, Atom id or
/// URL): stable when the item's title is edited or newer items are added around it.
pub fn for_key(key: &str) -> StoryId {
    let mut bytes = b"key\0".to_vec();
    bytes.extend_from_slice(key.trim().as_bytes());
    StoryId(xxh3_64(&bytes))
}

/// The id of a story that shares its title with a different story stored earlier.
pub fn disambiguated(title: &str, path: &Path, position: usize) -> StoryId {
    let mut key = fold(title).into_bytes();
    key.push(0);
    key.extend_from_slice(path.to_string_lossy().as_bytes());
    key.push(0);
    key.extend_from_slice(position.to_string().as_bytes());
    StoryId(xxh3_64(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_an_id() {
        assert_eq!(
            for_title("بوتين يدعو إلى الحل"),
            for_title("بوتين يدعو الى الحلّ.")
        );
        assert_ne!(
            for_title("بوتين يدعو إلى الحل"),
            for_title("بايدن يحذر بوتين")
        );
    }

    #[test]
    fn id_is_the_xxh3_of_the_folded_title() {
        assert_eq!(for_title("Hello, World!"), StoryId(xxh3_64(b"hello world")));
        assert_eq!(for_title("!!!"), StoryId(xxh3_64(b"!!!")));
    }

    #[test]
    fn disambiguation_depends_on_path_and_position() {
        let a = disambiguated("Weather", Path::new("a.txt"), 0);
        assert_ne!(a, disambiguated("Weather", Path::new("b.txt"), 0));
        assert_ne!(a, disambiguated("Weather", Path::new("a.txt"), 1));
        assert_eq!(a, disambiguated("weather", Path::new("a.txt"), 0));
        assert_ne!(a, for_title("Weather"));
    }
}
