//! `qari screen`: the live app on a test backend, keys replayed, final screen printed.
use super::{CliResult, DisplayArgs, ScreenArgs};

pub fn run(_args: &ScreenArgs, _display: &DisplayArgs) -> CliResult {
    Err("screen: not implemented yet".into())
}
