//! `qari screen`: the live app on ratatui's test backend, keys replayed, final screen printed.
//!
//! The same `App` and `ui::draw` as the interactive reader, drawn after every key as the live
//! loop does, so end-to-end tests and the README's pictures come from real renders. It starts
//! with no read/star marks and never saves any, so its output depends only on the arguments
//! (the search index it opens for `/` is the same cache the other commands use).

use std::io::Write;

use crate::action::Action;
use crate::app::App;
use crate::input::parse_keys;
use crate::ui;
use qari_core::library::state::Marks;

use super::{CliResult, DisplayArgs, ScreenArgs};

/// Parses `COLSxROWS`.
fn parse_size(size: &str) -> Result<(u16, u16), String> {
    let bad = || format!("bad --size {size:?}: expected COLSxROWS, e.g. 100x30");
    let (cols, rows) = size.split_once(['x', 'X']).ok_or_else(bad)?;
    let cols: u16 = cols.trim().parse().map_err(|_| bad())?;
    let rows: u16 = rows.trim().parse().map_err(|_| bad())?;
    if cols == 0 || rows == 0 {
        return Err(bad());
    }
    Ok((cols, rows))
}

pub fn run(args: &ScreenArgs, display: &DisplayArgs, config: &super::config::Config) -> CliResult {
    let (cols, rows) = parse_size(&args.size)?;
    let keys = parse_keys(&args.keys).map_err(|e| format!("bad --keys: {e}"))?;
    let opened = super::open::open_quiet(&args.paths, false);
    let (library, errors) = (opened.library, opened.errors);
    super::open::report(&errors);
    // On a terminal, detected as the reader would (the terminal asked), so what is printed is
    // what the reader would send here; redirected, what qari lays out (unless `--bidi` says);
    // `--drawn` prints what should appear, in any case.
    let mode = if args.drawn {
        crate::tui::terminal::detect::Mode::App
    } else if std::io::IsTerminal::is_terminal(&std::io::stdout())
        || display.bidi != crate::tui::terminal::BidiMode::Auto
    {
        crate::tui::terminal::resolve_outside(display.bidi).0.mode
    } else {
        crate::tui::terminal::detect::Mode::App
    };
    let app = App::loading(
        Marks::default(),
        super::plain::layout_options(display, mode),
    );
    let (mut app, theme) = super::configure(app, config, display)?;
    app.update(Action::Loaded {
        library: library.into(),
        errors,
        session: None,
    });
    let mut search =
        crate::tui::search::Driver::open_now(&super::open::dirs(), &args.paths, &mut app);
    let mut buf = crate::tui::headless::replay_with(
        &mut app,
        &theme,
        (cols, rows),
        &keys,
        &mut |app, effect| {
            let effect = search.resolve(app, effect);
            search.similar(app);
            effect
        },
    );
    crate::tui::terminal::output::Adapt::for_mode(mode).screen(&mut buf);
    let lines = ui::buffer_lines(&buf);
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100x30"), Ok((100, 30)));
        assert_eq!(parse_size("1X1"), Ok((1, 1)));
        for bad in ["", "100", "0x5", "5x0", "axb", "-1x3", "70000x2"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
