//! Command-line wiring: parses arguments and hands each subcommand to its own file.
//!
//! `qari [PATH…]` opens the reader; `list`, `show`, `render`, `screen`, `search` and `related`
//! are the non-interactive faces of the same layers. Every subcommand reads the archive with
//! the same loader and prints load failures as one stderr line per file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod list;
mod open;
mod plain;
mod render;
mod screen;
mod search;
mod tui;

/// A terminal reader for saved news articles, right-to-left scripts first.
#[derive(Debug, Parser)]
#[command(name = "qari", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub display: DisplayArgs,
}

/// Options that change how text reaches the terminal.
#[derive(Debug, Clone, Args)]
pub struct DisplayArgs {
    /// Who reorders right-to-left text: qari (`app`) or the terminal (`terminal`, for Konsole,
    /// mlterm, Terminal.app, iTerm2 with bidi on).
    #[arg(long, value_enum, default_value_t = BidiMode::App, global = true)]
    pub bidi: BidiMode,
    /// Do not join Arabic letters (for terminals that shape by themselves).
    #[arg(long, global = true)]
    pub no_shape: bool,
}

/// Who turns logical order into visual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiMode {
    /// qari reorders and switches the terminal to explicit mode.
    App,
    /// qari sends logical order and the terminal reorders.
    Terminal,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the stories of an archive.
    List(ListArgs),
    /// Print one story.
    Show(ShowArgs),
    /// Lay out text the way qari displays it (a bidi-aware cat/fold).
    Render(RenderArgs),
    /// Run the reader headless, replay keys, print the final screen.
    Screen(ScreenArgs),
    /// Search the archive.
    Search(SearchArgs),
    /// Stories similar to one story.
    Related(RelatedArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines, one story a line.
    #[arg(long)]
    pub json: bool,
    /// Print only the number of stories.
    #[arg(long)]
    pub count: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The story id (16 hex digits, as `qari list` prints it).
    pub id: String,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Print the story as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Paragraph direction for `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirArg {
    /// From the first strong character; left-to-right when there is none.
    Auto,
    Ltr,
    Rtl,
}

/// Alignment for `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignArg {
    /// Right-to-left paragraphs to the right edge, left-to-right ones to the left.
    Auto,
    /// No padding.
    None,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Input file, or `-` for standard input (the default).
    pub file: Option<PathBuf>,
    /// Wrap at this many terminal cells (default: no wrapping).
    #[arg(long)]
    pub width: Option<usize>,
    #[arg(long, value_enum, default_value_t = DirArg::Auto)]
    pub dir: DirArg,
    #[arg(long, value_enum, default_value_t = AlignArg::Auto)]
    pub align: AlignArg,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Screen size as `COLSxROWS`, e.g. `100x30`.
    #[arg(long, default_value = "100x30")]
    pub size: String,
    /// Keys to replay, in Vim notation (`jj<Enter><Tab>`).
    #[arg(long, default_value = "")]
    pub keys: String,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "quoted phrases", -excluded words.
    pub query: String,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The story id.
    pub id: String,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// At most this many stories.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => tui::run(&cli.paths, &cli.display),
        Some(Command::List(args)) => list::run_list(&args, &cli.display),
        Some(Command::Show(args)) => list::run_show(&args, &cli.display),
        Some(Command::Render(args)) => render::run(&args, &cli.display),
        Some(Command::Screen(args)) => screen::run(&args, &cli.display),
        Some(Command::Search(args)) => search::run_search(&args, &cli.display),
        Some(Command::Related(args)) => search::run_related(&args, &cli.display),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Errors can quote file names and article text: strip controls before printing.
            eprintln!("qari: {}", crate::bidi::sanitize::for_log(&err.to_string()));
            ExitCode::from(2)
        }
    }
}

/// The error type of the command layer: a message for the user.
pub type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;
