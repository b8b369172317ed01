use std::fs;

use super::*;

fn sample() -> Catalog {
    let story = |id: u64, title: &str| Stored {
        id,
        title: title.into(),
        source: Some("وكالة".into()),
        author: None,
        published: None,
        lang: "ar".into(),
        rtl: true,
        url: None,
        links: vec![StoredLink {
            label: "آخر".into(),
            target: Some(7),
            url: None,
            kind: LinkKind::Inline,
            after_paragraph: Some(1),
        }],
        tags: vec!["مياه".into()],
        position: 0,
        paragraph_count: 2,
        saved: Saved::default(),
        group: [Some(id), None, Some(9)],
        keys: Keys::default(),
    };
    Catalog {
        header: Header {
            archive: "k".into(),
            next_seq: 1,
            files: vec![FileRecord {
                key: "a.txt".into(),
                size: 10,
                mtime_ns: 5,
                hash: 9,
                seq: 0,
                errors: vec![],
                stories: 3000,
            }],
            resolved: 2500,
            digest: 7,
        },
        stories: (0..3000).map(|i| story(i, "عنوان")).collect(),
        resolved: (0..2500).map(|i| (0, story(i, "عنوان آخر"))).collect(),
        update: UpdateKeys {
            raw: (0..3000)
                .map(|i| RawKey {
                    base: i,
                    copy: false,
                })
                .collect(),
            // chunks need not be full: an update copies the ones nothing changed in
            chunks: vec![2048, 900, 52],
            resolved: (0..2500)
                .map(|i| StoryKeys {
                    base: i,
                    raw: u32::try_from(i).expect("small"),
                    ..StoryKeys::default()
                })
                .collect(),
            renamed: vec![Renamed {
                file: 0,
                base: 3,
                id: 4,
            }],
            group: crate::library::group::GroupState {
                valid: true,
                scale: 12,
                df: vec![(7, 2), (9, 1)],
                copies: vec![(1, 2)],
                events: vec![(1, 2), (3, 4)],
                loose: vec![(5, 6)],
            },
        },
    }
}

#[test]
fn the_resolved_library_reads_alone_and_is_still_checked_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.qcat");
    let cat = sample();
    let mut good = encode(&cat).expect("encode");
    fs::write(&path, &good).expect("write");
    let mut got = Vec::new();
    let header = read_resolved(&path, "k", &mut |_, chunk| got.extend(chunk)).expect("resolved");
    assert_eq!(header, cat.header);
    assert_eq!(got, cat.resolved);
    // A flipped byte among the raw stories, which this read does not decode, is still
    // caught by the whole file's checksum.
    let at = good.len() - 100;
    good[at] ^= 1;
    fs::write(&path, &good).expect("write");
    assert!(matches!(
        read_resolved(&path, "k", &mut |_, _| {}),
        Err(Rejected::Unusable(_))
    ));
}

#[test]
fn round_trip_in_chunks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.qcat");
    let cat = sample();
    crate::library::store::write_atomically(&path, &encode(&cat).expect("encode")).expect("write");
    let back = read(&path, "k", true).expect("read");
    assert_eq!(back, cat);
    let head = read(&path, "k", false).expect("header");
    assert_eq!(head.header, cat.header);
    assert!(head.stories.is_empty());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("ls").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left");
}

#[test]
fn truncated_corrupt_foreign_and_old_catalogs_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.qcat");
    let good = encode(&sample()).expect("encode");
    assert!(matches!(read(&path, "k", true), Err(Rejected::Missing)));
    for (what, bytes) in [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("flipped", {
            let mut b = good.clone();
            b[40] ^= 1;
            b
        }),
        ("old version", {
            let mut old = good.clone();
            old[8] = 1;
            let end = old.len() - 8;
            let sum = xxhash_rust::xxh3::xxh3_64(&old[..end]);
            old[end..].copy_from_slice(&sum.to_le_bytes());
            old
        }),
    ] {
        fs::write(&path, &bytes).expect("write");
        assert!(
            matches!(read(&path, "k", true), Err(Rejected::Unusable(_))),
            "{what}"
        );
    }
    fs::write(&path, &good).expect("write");
    assert!(matches!(
        read(&path, "other", true),
        Err(Rejected::Unusable(_))
    ));
}
