//! `F` in a real terminal (tmux): the reader, started on its own folders with one
//! subscription, fetches in the background when asked, says so in the status bar, and the
//! fetched stories join the list without a restart. Skipped (with a note) when tmux is not
//! installed; CI sets `QARI_REQUIRE_TMUX`.

use std::time::{Duration, Instant};

use super::fetch_server::{AR_ITEMS, Reply, Server, feed_toml, rss};
use super::tmux::Tmux;

/// What the pane shows.
fn screen(tmux: &Tmux) -> String {
    String::from_utf8_lossy(&tmux.cmd(&["capture-pane", "-p", "-t", "w"]).stdout).into_owned()
}

/// Waits until the pane shows `text`; the deadline only bounds a hung test.
fn wait_for(tmux: &Tmux, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shown = screen(tmux);
        if shown.contains(text) {
            return shown;
        }
        assert!(
            Instant::now() < deadline,
            "gave up waiting for {text:?}; the pane shows:\n{shown}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn f_fetches_in_the_background_and_the_list_grows() {
    let Some(tmux) = Tmux::new("fetch") else {
        return;
    };
    let host = Server::start();
    host.route(
        "/ar.xml",
        Reply::etagged("\"v1\"", &rss("الرافد", "ar", AR_ITEMS)),
    );
    let config = tmux.path("config/qari");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("feeds.toml"),
        feed_toml(&[&host.url("/ar.xml")]),
    )
    .expect("feeds");
    // the reader's own archive: one story, so the list has something before the fetch
    let archive = tmux.path("news");
    std::fs::create_dir_all(&archive).expect("archive");
    std::fs::write(
        archive.join("a.txt"),
        "Harbour reopens after storm\n\nPublished: 2024-03-03\nCoast Desk\n\nThe harbour is open.\n",
    )
    .expect("story");
    std::fs::write(
        config.join("config.toml"),
        format!("archives = [{:?}]\n", archive.display().to_string()),
    )
    .expect("config");
    let env = format!(
        "QARI_DATA_DIR='{}' QARI_CACHE_DIR='{}' QARI_STATE_DIR='{}' XDG_CONFIG_HOME='{}' \
         LC_ALL=C.UTF-8 TERM=xterm-256color",
        tmux.path("data").display(),
        tmux.path("cache").display(),
        tmux.path("state").display(),
        tmux.path("config").display()
    );
    let bin = env!("CARGO_BIN_EXE_qari");
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "w",
        "-x",
        "120",
        "-y",
        "30",
        "sh",
        "-c",
        &format!("{env} '{bin}'"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    wait_for(&tmux, "1 story");
    assert!(host.log().is_empty(), "no network at start");
    tmux.cmd(&["send-keys", "-t", "w", "F"]);
    wait_for(&tmux, "Feeds fetched: 2 new");
    let shown = wait_for(&tmux, "3 stories");
    assert_eq!(host.log().len(), 1, "{shown}");
    tmux.cmd(&["send-keys", "-t", "w", "q"]);
}
