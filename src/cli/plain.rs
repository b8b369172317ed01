//! How the plain-text output of `list`, `show`, `search` and `related` reaches stdout.
//!
//! Piped (or with `--bidi terminal`) every field goes out in logical order, only cleaned of
//! controls, so other tools and `qari render` read the text as stored. On a terminal where qari
//! reorders (`--bidi app`, the default) each field — title, source, author, paragraph, snippet —
//! is laid out separately by the bidi engine: visual order, Arabic joined unless `--no-shape`,
//! free of controls. Ids, dates and the columns between fields stay left to right. The choice is
//! [`Output::decide`], a pure function of the facts, so it is tested without a terminal.

use std::borrow::Cow;
use std::ops::Range;

use super::DisplayArgs;
use crate::tui::terminal::detect::Mode;
use crate::tui::terminal::output::Adapt;
use qari_core::bidi::sanitize::{sanitize, without_explicit_formatting};
use qari_core::bidi::{self, Align, DirMode, Options, VisualLine};

/// Terminal width when the terminal does not say.
const FALLBACK_WIDTH: usize = 80;

/// Layout options for the display flags and the terminal's mode (the reader, `qari screen`
/// and plain output).
pub fn layout_options(display: &DisplayArgs, mode: Mode) -> Options {
    Options {
        dir: DirMode::Auto,
        shape: !display.no_shape,
        reorder: mode.reorders(),
        isolate: mode == Mode::Terminal,
        ..Options::default()
    }
}

/// Logical text for pipes, or visual lines for a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Logical order, controls removed: the output when piped, and with `--bidi terminal`.
    Logical,
    /// Laid out by qari with `opts`; paragraphs wrap at `width` cells; each line then adapted
    /// to the terminal (rewritten for kitty's shaping in kitty).
    Visual {
        opts: Options,
        width: usize,
        adapt: Adapt,
    },
}

/// A field in logical order: sanitised, and without embeddings, overrides and isolates, so that
/// an unterminated override in one field cannot reverse the fields printed after it on the same
/// line (a terminal that reorders, or a pager, sees the whole line as one paragraph).
fn logical(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(clean) => without_explicit_formatting(clean),
        Cow::Owned(clean) => Cow::Owned(without_explicit_formatting(&clean).into_owned()),
    }
}

impl Output {
    /// Visual output only on a terminal, and only when qari does the reordering.
    pub fn decide(
        is_terminal: bool,
        display: &DisplayArgs,
        mode: Mode,
        width: Option<usize>,
    ) -> Output {
        if is_terminal && mode.reorders() {
            Output::Visual {
                opts: layout_options(display, mode),
                width: width.filter(|&w| w > 0).unwrap_or(FALLBACK_WIDTH),
                adapt: Adapt::for_mode(mode),
            }
        } else {
            Output::Logical
        }
    }

    /// The decision for this process's stdout.
    pub fn for_stdout(display: &DisplayArgs) -> Output {
        let mode = crate::tui::terminal::on_stdout(display.bidi);
        let width = mode
            .and_then(|_| crossterm::terminal::size().ok())
            .map(|(cols, _)| usize::from(cols));
        Output::decide(mode.is_some(), display, mode.unwrap_or(Mode::App), width)
    }

    /// The terminal width (`None` when piped).
    pub fn width(&self) -> Option<usize> {
        match self {
            Output::Logical => None,
            Output::Visual { width, .. } => Some(*width),
        }
    }

    /// One field on one line (no wrapping, no alignment padding): a title in a row, a source,
    /// an author, a link label.
    pub fn field<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self {
            Output::Logical => logical(text),
            Output::Visual { opts, adapt, .. } => {
                Cow::Owned(adapt.text(field_line(text, usize::MAX, *opts).text))
            }
        }
    }

    /// One field cut to at most `cells` cells (with an ellipsis), for a row that must fit the
    /// terminal; logical output is never cut.
    pub fn field_within<'a>(&self, text: &'a str, cells: usize) -> Cow<'a, str> {
        match self {
            Output::Logical => logical(text),
            Output::Visual { opts, adapt, .. } => {
                Cow::Owned(adapt.text(field_line(text, cells, *opts).text))
            }
        }
    }

    /// A paragraph as printed lines: the logical text as one line, or visual lines wrapped at
    /// the terminal width with right-to-left paragraphs flush right.
    pub fn paragraph(&self, text: &str) -> Vec<String> {
        match self {
            Output::Logical => vec![logical(text).into_owned()],
            Output::Visual { opts, width, adapt } => bidi::layout(text, Some(*width), opts)
                .lines
                .iter()
                .map(|l| {
                    let mut line = String::new();
                    adapt.line(l, &mut line);
                    line
                })
                .collect(),
        }
    }
}

/// `text` as one visual line of at most `cells` cells, without alignment padding.
pub fn field_line(text: &str, cells: usize, opts: Options) -> VisualLine {
    let opts = Options {
        align: Align::None,
        ..opts
    };
    bidi::truncate(text, cells, &opts)
}

/// A visual line with the clusters whose logical bytes meet one of `hits` in bold. In kitty a
/// change to bold ends a run of cells, so each stretch of one weight is rewritten on its own.
pub fn bold_hits(line: &VisualLine, hits: &[Range<usize>], adapt: &Adapt) -> String {
    let mut out = String::with_capacity(line.text.len());
    let mut stretch = String::new();
    let mut bold = false;
    for c in &line.clusters {
        let hit = hits.iter().any(|h| {
            c.logical.start < h.end && h.start < c.logical.end
                || (c.logical.is_empty() && h.contains(&c.logical.start))
        });
        if hit != bold {
            out.push_str(&adapt.text(std::mem::take(&mut stretch)));
            out.push_str(if hit { "\x1b[1m" } else { "\x1b[0m" });
            bold = hit;
        }
        stretch.push_str(line.text.get(c.visual.clone()).unwrap_or(""));
    }
    out.push_str(&adapt.text(stretch));
    if bold {
        out.push_str("\x1b[0m");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tui::terminal::BidiMode;
    use crate::ui::kitty::{Fonts, adapt_line};

    const APP: DisplayArgs = DisplayArgs {
        bidi: BidiMode::App,
        no_shape: false,
        ui: None,
    };

    #[test]
    fn display_flags_map_to_layout_options() {
        let opts = layout_options(
            &DisplayArgs {
                bidi: BidiMode::Terminal,
                no_shape: true,
                ui: None,
            },
            Mode::Terminal,
        );
        assert!(!opts.reorder && !opts.shape);
        let opts = layout_options(&APP, Mode::App);
        assert!(opts.reorder && opts.shape);
    }

    #[test]
    fn visual_only_on_a_terminal_with_app_bidi() {
        assert_eq!(
            Output::decide(false, &APP, Mode::App, Some(100)),
            Output::Logical
        );
        let terminal = DisplayArgs {
            bidi: BidiMode::Terminal,
            no_shape: false,
            ui: None,
        };
        assert_eq!(
            Output::decide(true, &terminal, Mode::Terminal, Some(100)),
            Output::Logical
        );
        let out = Output::decide(true, &APP, Mode::App, Some(100));
        assert_eq!(out.width(), Some(100));
        assert!(matches!(out, Output::Visual { .. }));
        assert_eq!(
            Output::decide(true, &APP, Mode::App, None).width(),
            Some(80)
        );
        assert_eq!(
            Output::decide(true, &APP, Mode::App, Some(0)).width(),
            Some(80)
        );
        let no_shape = DisplayArgs {
            bidi: BidiMode::App,
            no_shape: true,
            ui: None,
        };
        let Output::Visual { opts, .. } = Output::decide(true, &no_shape, Mode::App, Some(60))
        else {
            panic!("expected visual output");
        };
        assert!(!opts.shape && opts.reorder);
    }

    #[test]
    fn logical_output_is_the_sanitized_text() {
        let s = "عنوان \x1b[2Jالخبر";
        assert_eq!(Output::Logical.field(s), "عنوان الخبر");
        assert_eq!(Output::Logical.field_within(s, 3), "عنوان الخبر");
        assert_eq!(Output::Logical.paragraph(s), vec!["عنوان الخبر".to_owned()]);
    }

    #[test]
    fn logical_fields_cannot_leave_an_override_open() {
        // An unterminated RLO, a stray PDI and an isolate: all gone; the RLM mark stays.
        let s = "\u{202E}Breaking\u{2069} \u{2067}news\u{200F}";
        assert_eq!(Output::Logical.field(s), "Breaking news\u{200F}");
        assert_eq!(
            Output::Logical.paragraph(s),
            vec!["Breaking news\u{200F}".to_owned()]
        );
    }

    #[test]
    fn visual_field_is_the_engine_output() {
        let title = "الكرملين يعلن عن محادثات جديدة";
        let out = Output::decide(true, &APP, Mode::App, Some(100));
        let expected = bidi::layout(title, None, &Options::default());
        assert_eq!(out.field(title), expected.lines[0].text);
        assert_ne!(out.field(title), title);
    }

    #[test]
    fn visual_paragraph_wraps_and_aligns_right() {
        let p = "قال المتحدث باسم الحكومة إن المحادثات ستستمر حتى نهاية الأسبوع المقبل";
        let out = Output::decide(true, &APP, Mode::App, Some(30));
        let expected: Vec<String> = bidi::layout(p, Some(30), &Options::default())
            .lines
            .iter()
            .map(|l| format!("{}{}", " ".repeat(l.indent), l.text))
            .collect();
        let lines = out.paragraph(p);
        assert!(lines.len() > 1);
        assert_eq!(lines, expected);
        for line in &lines {
            assert_eq!(bidi::width(line), 30, "flush right: {line:?}");
            assert!(!line.chars().any(char::is_control));
        }
    }

    #[test]
    fn visual_field_is_cut_to_its_room() {
        let title = "الكرملين يعلن عن محادثات جديدة";
        let out = Output::decide(true, &APP, Mode::App, Some(100));
        let cut = out.field_within(title, 10);
        assert!(bidi::width(&cut) <= 10);
        assert!(cut.starts_with('…'), "rtl ellipsis at the left: {cut:?}");
    }

    #[test]
    fn hits_are_bold_after_reordering() {
        let s = "قال الكرملين اليوم";
        let start = s.find("الكرملين").expect("present");
        let line = field_line(s, usize::MAX, Options::default());
        let hit = start..start + "الكرملين".len();
        let bold = bold_hits(&line, std::slice::from_ref(&hit), &Adapt::AsLaidOut);
        assert_eq!(
            bold.replace("\x1b[1m", "").replace("\x1b[0m", ""),
            line.text
        );
        assert_eq!(bold.matches("\x1b[1m").count(), 1);
        let word = field_line("الكرملين", usize::MAX, Options::default()).text;
        assert!(bold.contains(&format!("\x1b[1m{word}\x1b[0m")), "{bold:?}");
    }

    #[test]
    fn kitty_gets_its_runs_reversed_and_bold_stretches_apart() {
        let title = "قال الكرملين اليوم";
        let visual = field_line(title, usize::MAX, Options::default()).text;
        let adapt = Adapt::Kitty(Fonts::default());
        let kitty = Output::Visual {
            opts: Options::default(),
            width: 100,
            adapt: adapt.clone(),
        };
        let sent = kitty.field(title);
        assert_eq!(sent, adapt_line(&visual, &Fonts::default()));
        // Each word reversed in place: the words keep their cells.
        let words = |s: &str| s.split(' ').map(|w| w.chars().count()).collect::<Vec<_>>();
        assert_eq!(words(&sent), words(&visual));
        assert_ne!(sent, visual);
        // A hit in bold is a run of its own.
        let start = title.find("الكرملين").expect("present");
        let line = field_line(title, usize::MAX, Options::default());
        let hit = start..start + "الكرملين".len();
        let bold = bold_hits(&line, std::slice::from_ref(&hit), &adapt);
        let word = adapt_line(
            &field_line("الكرملين", usize::MAX, Options::default()).text,
            &Fonts::default(),
        );
        assert!(bold.contains(&format!("\x1b[1m{word}\x1b[0m")), "{bold:?}");
    }
}
