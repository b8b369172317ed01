//! Command-line wiring: parses arguments and hands each subcommand to its own file.
//!
//! `qari [PATH…]` opens the reader; `list`, `show`, `render`, `screen`, `search` and `related`
//! are the non-interactive faces of the same layers. Every subcommand reads the archive with
//! the same loader and prints load failures as one stderr line per file.
//!
//! The contract every subcommand keeps (issue 11): the display flags are global (before or
//! after the subcommand); a first word that is neither a subcommand nor an existing path is a
//! usage error naming the closest subcommand; a closed pipe ends quietly with status 0; and
//! the exit status means one thing everywhere ([`EXIT_STATUS`]): 0 ok, 1 nothing matched or
//! loaded ([`Nothing`]), 2 usage or I/O error. The status is decided here, in `main`, from the
//! error a subcommand returns, so no subcommand picks its own.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::UiLanguage;
use crate::tui;
use crate::tui::terminal::{self, BidiMode};
use crate::ui::theme::Theme;
use config::Config;

pub mod config;
mod doctor;
mod feeds;
mod list;
mod man;
mod open;
mod plain;
mod render;
mod screen;
mod search;

/// What the exit status means, for every subcommand (shown by `--help`).
pub const EXIT_STATUS: &str = "Exit status (the same for every subcommand):
  0  success
  1  nothing matched or loaded: no stories, no search hits, no such story
     (`qari fetch`: at least one feed failed)
  2  usage or I/O error: a bad flag, a missing path, an unreadable file";

/// A terminal reader for saved news articles, right-to-left scripts first.
#[derive(Debug, Parser)]
#[command(name = "qari", version, about, after_help = EXIT_STATUS)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Start at the top of the archive instead of where the last session left it.
    #[arg(long)]
    pub no_restore: bool,
    /// Every story on its own row: no groups of copies and write-ups of one event (the
    /// config's `group = false`; `Z` in the reader switches).
    #[arg(long, global = true)]
    pub no_group: bool,
    /// The config file to use instead of `~/.config/qari/config.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub display: DisplayFlags,
}

/// The display flags as typed (unset ones come from the config file).
#[derive(Debug, Clone, Args)]
pub struct DisplayFlags {
    /// Who reorders right-to-left text: detected from the terminal (`auto`, the default; see
    /// `qari doctor`), qari (`app`), the terminal (`terminal`: Konsole, mlterm, Terminal.app,
    /// iTerm2 with bidi on), or qari for kitty's shaping (`kitty`).
    #[arg(long, value_enum, global = true)]
    pub bidi: Option<BidiMode>,
    /// Do not join Arabic letters (for terminals that shape by themselves).
    #[arg(long, global = true)]
    pub no_shape: bool,
    /// The reader's interface language (default: the config file's `ui`, else the locale);
    /// Arabic, Hebrew and Persian interfaces are mirrored.
    #[arg(long, value_enum, global = true, value_name = "LANG")]
    pub ui: Option<UiLanguage>,
}

/// How text reaches the terminal: the flags, else the config file, else the defaults.
#[derive(Debug, Clone)]
pub struct DisplayArgs {
    pub bidi: BidiMode,
    pub no_shape: bool,
    /// `--ui`, which wins over the config file and the locale.
    pub ui: Option<UiLanguage>,
}

impl DisplayFlags {
    fn resolve(&self, config: &Config) -> DisplayArgs {
        DisplayArgs {
            bidi: self.bidi.unwrap_or(match config.bidi {
                config::Bidi::Auto => BidiMode::Auto,
                config::Bidi::App => BidiMode::App,
                config::Bidi::Terminal => BidiMode::Terminal,
                config::Bidi::Kitty => BidiMode::Kitty,
            }),
            no_shape: self.no_shape || !config.shaping,
            ui: self.ui,
        }
    }
}

/// What the config file and the flags say about the reader: key map, dwell, interface
/// language (`--ui` over the config's `ui` over the locale), digits and dates go to the app;
/// the theme it returns goes to the views.
pub fn configure(
    app: crate::app::App,
    config: &Config,
    display: &DisplayArgs,
) -> Result<(crate::app::App, Theme), Box<dyn std::error::Error>> {
    let mut settings = config.settings();
    if let Some(ui) = display.ui {
        settings.tr.lang = ui;
    }
    let app = app.configured(config.keymap()?, settings);
    Ok((app, config.theme(crate::ui::theme::no_color_env())?))
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
    /// A story's copies, its event's other write-ups, its thread, then similar stories.
    Related(RelatedArgs),
    /// Show where the config file is and check it; `--default` prints the default config.
    Config(ConfigArgs),
    /// Print a shell completion script: `qari completions bash > ~/.local/share/bash-completion/completions/qari`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `qari man > ~/.local/share/man/man1/qari.1`.
    Man,
    /// Say which terminal this is, how qari sends it right-to-left text and why, with test
    /// lines.
    Doctor,
    /// Feed subscriptions: add, list, set, remove, import (OPML, newsboat `urls`), export.
    #[command(subcommand)]
    Feeds(feeds::FeedsCommand),
    /// Fetch the feeds that are due and save their new stories (for cron or a systemd timer;
    /// exit status 0 ok, 1 some feed failed, 2 usage or config error).
    Fetch(feeds::FetchArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the complete default config, every setting commented.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// Flags of a command line are booleans by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines, one story a line.
    #[arg(long)]
    pub json: bool,
    /// With --json: each story's paragraphs too (`body`), so a script exports an archive's
    /// text in one call. Each file is read once.
    #[arg(long, requires = "json")]
    pub text: bool,
    /// Print only the number of stories.
    #[arg(long)]
    pub count: bool,
    /// Print every file (or JSON record) that failed to load, and why, one a line.
    #[arg(long, conflicts_with_all = ["json", "count"])]
    pub errors: bool,
    /// Only the stories not read yet (in the reader).
    #[arg(long)]
    pub unread: bool,
    /// Only the starred stories.
    #[arg(long)]
    pub starred: bool,
    /// Filter words, as the reader's `f` takes them: `unread starred source:NAME lang:ar
    /// folder:NAME since:2024-03-01` (quote a name with spaces: `source:"Amman Daily"`).
    #[arg(long, value_name = "WORDS")]
    pub filter: Option<String>,
    /// Order: newest, oldest, source or title (default: archive order).
    #[arg(long, value_name = "ORDER", value_parser = ["newest", "oldest", "source", "title"])]
    pub sort: Option<String>,
    /// One entry per group of copies and write-ups of one event: its first story, then the
    /// others indented under it (with --json: one object per group, `{group, size, stories}`).
    #[arg(long, conflicts_with = "count")]
    pub grouped: bool,
}

impl ListArgs {
    /// Whether the listing is narrowed or ordered (then the catalog's count alone cannot
    /// answer `--count`).
    fn narrowed(&self) -> bool {
        self.unread || self.starred || self.filter.is_some() || self.sort.is_some()
    }
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
    /// Wrap at this many terminal cells, at least 1 (default: no wrapping).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Paragraph direction.
    #[arg(long, value_enum, default_value_t = DirArg::Auto)]
    pub dir: DirArg,
    /// Where lines sit.
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
    /// Print what a terminal should draw (visual order whatever the terminal), not the cells
    /// qari would send to this one.
    #[arg(long)]
    pub drawn: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "quoted phrases", -excluded words.
    pub query: String,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines: id, title, source, published, score, snippet.
    #[arg(long)]
    pub json: bool,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Look at every file for changes first, not only at the folders (a file rewritten in
    /// place changes no folder; `list`, `show` and the reader always look at every file).
    #[arg(long)]
    pub rescan: bool,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The story id (16 hex digits, or an unambiguous prefix).
    pub id: String,
    /// Archive files or folders (default: the bundled sample archive).
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines: id, title, source, published, relation (`copy`, `event`, `thread`
    /// or `similar`).
    #[arg(long)]
    pub json: bool,
    /// At most this many stories (its copies, event and thread are always all listed).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Err(why) = crate::logger::init() {
        let _ = writeln!(std::io::stderr(), "qari: {why}");
    }
    let result = setup(&mut cli).and_then(|config| {
        check_paths(&cli)?;
        run(&cli, &config)
    });
    // Plain output that switched the terminal to explicit mode switches it back.
    terminal::end_plain();
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(err.as_ref()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = err.to_string();
            if !message.is_empty() {
                // Errors can quote file names and article text: strip controls first.
                let _ = writeln!(
                    std::io::stderr(),
                    "qari: {}",
                    qari_core::bidi::sanitize::for_log(&message)
                );
            }
            if err.is::<Nothing>() {
                ExitCode::FAILURE
            } else {
                ExitCode::from(2)
            }
        }
    }
}

fn run(cli: &Cli, config: &Config) -> CliResult {
    let display = &cli.display.resolve(config);
    let grouped;
    let config = if cli.no_group {
        grouped = Config {
            group: false,
            ..config.clone()
        };
        &grouped
    } else {
        config
    };
    match &cli.command {
        None => {
            let places = open::places(cli.config.as_deref(), config);
            // A read-also link's page is saved into the fetch folder: offered only when the
            // reader shows that folder (so the saved story appears).
            let allowed = feeds::check_into(&places, config).is_ok();
            let save_links = allowed && cli.paths.contains(&places.into);
            tui::run(
                &open::dirs(),
                &cli.paths,
                display.bidi,
                !cli.no_restore,
                &|mode, marks| {
                    let app = crate::app::App::loading(marks, plain::layout_options(display, mode));
                    let (app, theme) = configure(app, config, display)?;
                    let settings = crate::settings::Settings {
                        save_links,
                        ..*app.settings()
                    };
                    Ok((app.with_settings(settings), theme))
                },
                allowed.then_some(tui::Feeds {
                    places,
                    on_start: config.fetch_on_start,
                }),
            )
        }
        Some(Command::List(args)) => list::run_list(args, display),
        Some(Command::Show(args)) => list::run_show(args, display),
        Some(Command::Render(args)) => render::run(args, display),
        Some(Command::Screen(args)) => screen::run(args, display, config),
        Some(Command::Search(args)) => search::run_search(args, display),
        Some(Command::Related(args)) => search::run_related(args, display),
        Some(Command::Config(args)) => run_config(args, cli.config.as_deref(), config),
        Some(Command::Doctor) => doctor::run(display),
        Some(Command::Feeds(command)) => {
            feeds::run_feeds(command, &open::places(cli.config.as_deref(), config))
        }
        Some(Command::Fetch(args)) => {
            feeds::run_fetch(args, &open::places(cli.config.as_deref(), config), config)
        }
        Some(Command::Completions(args)) => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(args.shell, &mut cmd, "qari", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            man::write(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads the config file (a bad one stops qari, naming the file, line and column) and fills
/// the archive paths it gives where none were typed.
fn setup(cli: &mut Cli) -> Result<Config, Box<dyn std::error::Error>> {
    if matches!(
        cli.command,
        Some(Command::Config(ConfigArgs { default: true }))
    ) {
        // Printing the default must work whatever the current file holds.
        return Ok(Config::default());
    }
    let config = config::load(cli.config.as_deref())?;
    // qari's own folder of fetched stories is opened with the archives, once it exists (made
    // as soon as there are subscriptions, so the reader watches it before the first fetch).
    // Never one inside an archive of the user's (`qari fetch` says why).
    let places = open::places(cli.config.as_deref(), &config);
    let allowed = feeds::check_into(&places, &config).is_ok();
    if allowed && places.subscriptions.is_file() {
        let _ = std::fs::create_dir_all(&places.into);
    }
    let fetched = places.into;
    let fetched = (allowed && fetched.is_dir()).then_some(fetched);
    if !config.archives.is_empty() || fetched.is_some() {
        let archives: Vec<PathBuf> = config
            .archives
            .iter()
            .map(|p| expand_home(p))
            .chain(fetched)
            .collect();
        let paths = match &mut cli.command {
            None => Some(&mut cli.paths),
            Some(Command::List(a)) => Some(&mut a.paths),
            Some(Command::Show(a)) => Some(&mut a.paths),
            Some(Command::Screen(a)) => Some(&mut a.paths),
            Some(Command::Search(a)) => Some(&mut a.paths),
            Some(Command::Related(a)) => Some(&mut a.paths),
            _ => None,
        };
        if let Some(paths) = paths.filter(|p| p.is_empty()) {
            *paths = archives;
        }
    }
    Ok(config)
}

/// `~/x` is under the home folder.
fn expand_home(path: &std::path::Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path.to_path_buf(),
    }
}

/// `qari config`: the default config, or where the file is and that it is good.
fn run_config(args: &ConfigArgs, explicit: Option<&std::path::Path>, _: &Config) -> CliResult {
    let mut out = std::io::stdout().lock();
    if args.default {
        out.write_all(config::default_text().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = explicit
        .map(std::path::Path::to_path_buf)
        .or_else(config::default_path);
    match path {
        Some(p) if p.exists() => writeln!(out, "{}: good", p.display())?,
        Some(p) => writeln!(
            out,
            "{}: no file (the defaults are in use; `qari config --default` prints them)",
            p.display()
        )?,
        None => writeln!(
            out,
            "no config directory on this system: the defaults are in use"
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The reader of our output went away (`qari list | head -1`): not an error.
fn is_broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    let kind = err
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
        .or_else(|| {
            err.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        });
    kind == Some(std::io::ErrorKind::BrokenPipe)
}

/// Every archive path must exist: a missing one is a usage error (status 2) naming it, and a
/// first word that is no path and close to a subcommand's name is taken for a typo of it.
fn check_paths(cli: &Cli) -> Result<(), Box<dyn std::error::Error>> {
    let paths: &[PathBuf] = match &cli.command {
        None => &cli.paths,
        Some(Command::List(a)) => &a.paths,
        Some(Command::Show(a)) => &a.paths,
        Some(Command::Screen(a)) => &a.paths,
        Some(Command::Search(a)) => &a.paths,
        Some(Command::Related(a)) => &a.paths,
        Some(
            Command::Render(_)
            | Command::Config(_)
            | Command::Completions(_)
            | Command::Man
            | Command::Doctor
            | Command::Feeds(_)
            | Command::Fetch(_),
        ) => &[],
    };
    let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) else {
        return Ok(());
    };
    let shown = missing.display().to_string();
    if cli.command.is_none()
        && missing == &cli.paths[0]
        && let Some(name) = closest_subcommand(&shown)
    {
        return Err(format!(
            "unknown subcommand {shown:?}, and no file or folder of that name; did you mean `qari {name}`?"
        )
        .into());
    }
    Err(format!("{shown}: no such file or folder").into())
}

/// The subcommand whose name is within two edits of `word`, if any (a typo of it).
fn closest_subcommand(word: &str) -> Option<String> {
    use clap::CommandFactory;
    if word.contains(['/', '\\', '.']) {
        return None;
    }
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .map(|name| (strsim::damerau_levenshtein(word, &name), name))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, name)| name)
}

/// The error type of the command layer: a message for the user.
pub type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

/// "Nothing matched or loaded": exit status 1, with this message on stderr (none when empty,
/// as `grep` says nothing when nothing matched).
#[derive(Debug)]
pub struct Nothing(pub String);

impl std::fmt::Display for Nothing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Nothing {}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_flag_and_argument_has_help_text() {
        fn check(cmd: &clap::Command, path: &str) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(arg.get_help().is_some(), "{path} {id} has no help text");
            }
            for sub in cmd.get_subcommands() {
                assert!(
                    sub.get_about().is_some(),
                    "{path} {} has no about",
                    sub.get_name()
                );
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        check(&Cli::command(), "qari");
    }

    #[test]
    fn typos_suggest_the_closest_subcommand() {
        assert_eq!(closest_subcommand("lsit").as_deref(), Some("list"));
        assert_eq!(closest_subcommand("serach").as_deref(), Some("search"));
        assert_eq!(closest_subcommand("shwo").as_deref(), Some("show"));
        assert_eq!(closest_subcommand("archive"), None);
        assert_eq!(closest_subcommand("./lsit"), None);
    }
}
