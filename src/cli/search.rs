//! `qari search` and `qari related`: the full-text index from the command line.
use super::{CliResult, RelatedArgs, SearchArgs};

pub fn run_search(_args: &SearchArgs) -> CliResult {
    Err("search: not implemented yet".into())
}

pub fn run_related(_args: &RelatedArgs) -> CliResult {
    Err("related: not implemented yet".into())
}
