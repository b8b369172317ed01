//! `qari render`: a bidi-aware cat/fold over the layout engine.
use super::{CliResult, DisplayArgs, RenderArgs};

pub fn run(_args: &RenderArgs, _display: &DisplayArgs) -> CliResult {
    Err("render: not implemented yet".into())
}
