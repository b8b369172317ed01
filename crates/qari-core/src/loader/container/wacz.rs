//! WACZ (`.wacz`, Webrecorder's and Browsertrix's web archives): a zip of WARCs
//! (`archive/*.warc.gz`), an index, `pages/pages.jsonl` and `datapackage.json`. The zip is
//! read in place — its WARCs streamed out of it one after the other through the one WARC
//! reader ([`super::warc::Scan`]), never unpacked to disk — so every rule of WARCs holds:
//! each HTML page captured with status 200 is a story, two captures of one page (even in two
//! of its WARCs) are one story. `pages.jsonl` lists the pages a crawl was asked for, but the
//! WARCs are read whole: pages reached by a link are stories too.

use std::io::{Read, Seek};

use zip::ZipArchive;

use super::{inflate_allowance, problem, warc::Scan};
use crate::loader::problem::Container;
use crate::loader::{Draft, Problem};

/// The drafts of a WACZ by position (or only the one at `want`), and the problems met.
pub(crate) fn parse<R: Read + Seek>(
    reader: R,
    want: Option<usize>,
) -> (Vec<(usize, Draft)>, Vec<Problem>) {
    let mut zip = match ZipArchive::new(reader) {
        Ok(zip) => zip,
        Err(e) => {
            return (
                Vec::new(),
                vec![problem(Container::Wacz, None, format!("not a zip: {e}"))],
            );
        }
    };
    let mut warcs: Vec<(String, usize)> = (0..zip.len())
        .filter_map(|i| {
            let name = zip.name_for_index(i)?.ok()?.into_owned();
            let path = std::path::Path::new(&name);
            let is_warc = crate::loader::Format::of(path) == crate::loader::Format::Warc;
            (is_warc && name.to_ascii_lowercase().starts_with("archive/")).then_some((name, i))
        })
        .collect();
    warcs.sort();
    if warcs.is_empty() {
        let detail = "not a WACZ: no archive/*.warc.gz inside";
        return (Vec::new(), vec![problem(Container::Wacz, None, detail)]);
    }
    let mut scan = Scan::new(Container::Wacz, want);
    let mut problems = Vec::new();
    for (name, index) in warcs {
        match zip.by_index(index) {
            Ok(file) => {
                // A deflated entry is bounded like a gzip stream (a zip bomb stops there).
                let stored = file.compressed_size();
                scan.read(super::Bounded::new(file, inflate_allowance(stored)), stored);
            }
            Err(e) => problems.push(problem(Container::Wacz, None, format!("{name}: {e}"))),
        }
    }
    let (drafts, mut found) = scan.finish();
    problems.append(&mut found);
    (drafts, problems)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::loader::Format;
    use crate::loader::container::epub::tests::zip;
    use crate::loader::container::parse_bytes;
    use crate::loader::container::warc::tests::{crawl, gzip};

    /// A WACZ as Browsertrix writes it: the crawl split over two WARCs, gzip per record.
    fn wacz() -> Vec<u8> {
        let records = crawl();
        let (first, second) = records.split_at(6);
        let warc = |rs: &[Vec<u8>]| rs.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>();
        let (a, b) = (warc(first), warc(second));
        zip(&[
            ("archive/data-0.warc.gz", &a),
            ("archive/data-1.warc.gz", &b),
            (
                "pages/pages.jsonl",
                b"{\"format\":\"json-pages-1.0\",\"id\":\"pages\"}\n",
            ),
            (
                "datapackage.json",
                b"{\"profile\":\"data-package\",\"wacz_version\":\"1.1.1\"}",
            ),
        ])
    }

    #[test]
    fn the_warcs_inside_are_read_as_one_crawl() {
        let parsed = parse_bytes(Path::new("crawl.wacz"), Format::Wacz, &wacz(), None);
        let titles: Vec<&str> = parsed
            .stories
            .iter()
            .map(|s| s.meta.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "قمة المياه في عمّان",
                "الأمطار في الشمال",
                "Drought in the south",
                "Chunked page title",
                "Harbour cranes replaced"
            ]
        );
        // The page captured in both WARCs is one story, with the later capture's text.
        assert!(
            parsed.stories[1]
                .paragraphs
                .iter()
                .any(|p| p.contains("محدث"))
        );
        let one = parse_bytes(Path::new("crawl.wacz"), Format::Wacz, &wacz(), Some(1));
        assert_eq!(one.stories, parsed.stories[1..2]);
    }

    #[test]
    fn a_zip_without_warcs_is_not_a_wacz() {
        let parsed = parse_bytes(
            Path::new("x.wacz"),
            Format::Wacz,
            &zip(&[("a.txt", b"x")]),
            None,
        );
        assert!(
            parsed.errors[0].reason().contains("not a WACZ"),
            "{}",
            parsed.errors[0]
        );
    }
}
