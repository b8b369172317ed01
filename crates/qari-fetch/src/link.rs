//! One page saved on request: the reader's "save this read-also link" (`Enter` twice on a
//! link whose story is not in the archive). The page is fetched with the same manners as a
//! feed (the host's turn, robots.txt, caps, time-outs) and written as a `SingleFile`-style
//! page into `saved/` under the fetch folder, named by its normalised address, so saving it
//! twice rewrites one file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::http::{Client, Limits, Validators};
use crate::{Places, ident, items, run, save};

/// The folder under `Places::into` that saved links go in.
pub const FOLDER: &str = "saved";

/// Fetches `url` and saves it; the file written, or why not (naming the address).
pub fn save_link(places: &Places, url: &str, now: u64) -> Result<PathBuf, String> {
    let client = Client::with_history(Limits::default(), run::load_hosts(&places.state));
    let result = fetch_and_save(&client, places, url, now);
    run::save_hosts(&places.state, &client.history());
    result
}

fn fetch_and_save(
    client: &Client,
    places: &Places,
    url: &str,
    now: u64,
) -> Result<PathBuf, String> {
    let key = ident::normal_url(url).ok_or_else(|| format!("{url}: not a web address"))?;
    if !run::robots_allow(client, &Mutex::new(HashMap::new()), url) {
        return Err(format!("{url}: the site's robots.txt asks not to fetch it"));
    }
    let r = client
        .get(url, &Validators::default())
        .map_err(|e| format!("{url}: {e}"))?;
    if r.status != 200 {
        return Err(format!(
            "{url}: {} {}",
            r.status,
            crate::apply::reason(r.status)
        ));
    }
    if !items::looks_like_html(&r.body) {
        return Err(format!("{url}: not an HTML page"));
    }
    let rel = save::file_name(FOLDER, &key, "html");
    let saved_url = r.moved.as_deref().unwrap_or(url);
    save::write(
        &places.into,
        &rel,
        &save::page_html(saved_url, now, None, &r.body),
    )
    .map_err(|e| format!("{}: {e}", places.into.join(&rel).display()))?;
    Ok(places.into.join(rel))
}
