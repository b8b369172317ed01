//! `qari list` and `qari show`: the archive as text or JSON Lines.
use super::{CliResult, ListArgs, ShowArgs};

pub fn run_list(_args: &ListArgs) -> CliResult {
    Err("list: not implemented yet".into())
}

pub fn run_show(_args: &ShowArgs) -> CliResult {
    Err("show: not implemented yet".into())
}
