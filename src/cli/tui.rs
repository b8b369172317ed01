//! The interactive reader: terminal lifetime, event loop, wiring of App to the terminal.
use std::path::PathBuf;

use super::{CliResult, DisplayArgs};

pub fn run(_paths: &[PathBuf], _display: &DisplayArgs) -> CliResult {
    Err("the interactive reader is not implemented yet".into())
}
