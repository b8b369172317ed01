//! `qari man`: the manual page, generated from the same clap definition as `--help` and the
//! completions, with the two sections clap cannot know: FILES (where qari keeps what it keeps)
//! and ENVIRONMENT (every variable it reads, the terminal's identity included).

use std::io::{self, Write};

use clap::CommandFactory;

use super::Cli;
use crate::tui::terminal::detect::VARIABLES;

/// The page's FILES section, in roff.
const FILES: &str = r".SH FILES
.TP
\fI$XDG_CONFIG_HOME/qari/config.toml\fR (\fI~/.config/qari/config.toml\fR)
The config file; \fB\-\-config\fR names another. \fBqari config \-\-default\fR prints a
complete one, every setting and every action's keys commented.
.TP
\fI$XDG_DATA_HOME/qari/state.json\fR (\fI~/.local/share/qari/\fR; \fBQARI_DATA_DIR\fR)
The read and starred stories, merged with what another qari saved meanwhile.
.TP
\fI$XDG_DATA_HOME/qari/session.json\fR
The last session of each archive: the open story, its scroll position, the filter and order.
.TP
\fI$XDG_CACHE_HOME/qari/catalog/ARCHIVE.qcat\fR (\fI~/.cache/qari/\fR; \fBQARI_CACHE_DIR\fR)
The catalog of an archive: what every file held when last parsed. A cache: deleting it costs
one full read of the archive.
.TP
\fI$XDG_CACHE_HOME/qari/index/ARCHIVE/\fR
The archive's search index, kept in step with the archive.
.TP
\fI$XDG_STATE_HOME/qari/qari.log\fR (\fI~/.local/state/qari/\fR; \fBQARI_STATE_DIR\fR)
The log, written only when \fBQARI_LOG\fR asks for it.
.TP
\fI$XDG_CONFIG_HOME/qari/feeds.toml\fR
The feed subscriptions (\fBqari feeds\fR), beside the config file in use; editable by hand.
.TP
\fI$XDG_DATA_HOME/qari/fetched/\fR
What \fBqari fetch\fR saves (\fBfetch_into\fR in the config): qari's own folder, opened with
the archives.
.TP
\fI$XDG_STATE_HOME/qari/fetch/\fR
Each feed's validators and next poll, and the items already saved.
.PP
qari never writes into the archive it reads.
";

/// The page's ENVIRONMENT section, in roff, before the terminal's variables.
const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
\fBQARI_LOG\fR
\fBerror\fR, \fBwarn\fR, \fBinfo\fR, \fBdebug\fR or \fBtrace\fR: append what a run did to the
log (qari's own records and those of the libraries it uses), never to the screen.
.TP
\fBQARI_TRACE\fR
Set: print how long each phase of opening and searching took, on standard error.
.TP
\fBQARI_CACHE_DIR\fR, \fBQARI_DATA_DIR\fR, \fBQARI_STATE_DIR\fR
Move the cache, the data and the log (see FILES).
.TP
\fBQARI_NOW\fR
Unix seconds: the clock \fBqari fetch\fR decides what is due by, instead of the system's
(for tests and replays; requests to one host stay a real second apart).
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_CACHE_HOME\fR, \fBXDG_DATA_HOME\fR, \fBXDG_STATE_HOME\fR
Where the files above are looked for, as usual.
.TP
\fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR
The interface language when neither \fB\-\-ui\fR nor the config's \fBui\fR gives one: Arabic,
Hebrew or Persian, else English.
.TP
\fBNO_COLOR\fR
Set: no colours, whatever the theme.
.TP
\fBBROWSER\fR
What \fBo\fR opens a story's URL with (the first entry; \fB%s\fR is replaced by the URL),
else the system's opener. Never through a shell.
";

/// Writes the manual page.
pub fn write(out: &mut dyn Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    out.write_all(FILES.as_bytes())?;
    out.write_all(ENVIRONMENT.as_bytes())?;
    let terminal: Vec<String> = VARIABLES.iter().map(|v| format!("\\fB{v}\\fR")).collect();
    writeln!(
        out,
        ".TP\n{}\nWho the terminal is, read with its answer to a DECRQM query to decide who \
         reorders right-to-left text (\\fB\\-\\-bidi auto\\fR); \\fBqari doctor\\fR shows what \
         was found and what was decided.",
        terminal.join(", ")
    )?;
    man.render_version_section(out)
}
