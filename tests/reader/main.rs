//! The reader's tests, in one binary (ripgrep's layout: one link of the reader, its
//! dependencies and the test code, not one per file). Each module is one concern: the app
//! driven by keys (`app_*`, `screens`, `interface_languages`, `search_tui`, `theme`), the
//! binary's contract (`*_cli`), the terminal in tmux (`tui_*`), and the real terminal
//! emulators (`terminal_matrix`). Shared helpers are in `util.rs`.

mod fetch_server;
mod terminals;
mod tmux;
mod util;

mod app_flows;
mod app_workflow;
mod catalog_cli;
mod cli_contract;
mod config_cli;
mod doctor_cli;
mod exports_cli;
mod fetch_cli;
mod fetch_saving_cli;
mod fetch_tui;
mod formats_cli;
mod groups;
mod interface_languages;
mod layers;
mod loader_cli;
mod render_cli;
mod screen_cli;
mod screens;
mod search_cli;
mod search_fresh;
mod search_seed;
mod search_tui;
mod terminal_matrix;
mod theme;
mod tui_e2e;
mod tui_workflow;
