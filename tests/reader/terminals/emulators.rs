//! The real terminal emulators of the matrix: how each is started at 110×30 with a
//! monospace font, a dark background, no menu bar, and nothing of the user's configuration.

use std::path::Path;
use std::process::Command;

/// One emulator of the matrix.
pub struct Emulator {
    /// The name in the report and the screenshots' file names.
    pub name: &'static str,
    /// The program that must be installed.
    pub program: &'static str,
    /// The command that runs `script` in it, with its own configuration under `home`.
    pub command: fn(script: &Path, home: &Path) -> Command,
    /// Seconds it takes to start under Xvfb (software OpenGL for some).
    pub start_secs: u64,
}

pub const COLS: usize = 110;
pub const ROWS: usize = 30;

fn sh(cmd: &mut Command, script: &Path) {
    cmd.arg("sh").arg(script);
}

pub const MATRIX: &[Emulator] = &[
    Emulator {
        name: "xterm",
        program: "xterm",
        command: |script, _| {
            let mut c = Command::new("xterm");
            c.args([
                "-geometry",
                "110x30+0+0",
                "-fa",
                "DejaVu Sans Mono",
                "-fs",
                "12",
                "-bg",
                "black",
                "-fg",
                "white",
                "-e",
            ]);
            sh(&mut c, script);
            c
        },
        start_secs: 2,
    },
    Emulator {
        name: "xfce4-terminal",
        program: "xfce4-terminal",
        command: |script, _| {
            let mut c = Command::new("xfce4-terminal");
            c.args([
                "--disable-server",
                "--geometry=110x30+0+0",
                "--hide-menubar",
                "--hide-toolbar",
                "--hide-scrollbar",
                "--font=DejaVu Sans Mono 12",
                "-x",
            ]);
            sh(&mut c, script);
            c
        },
        start_secs: 3,
    },
    Emulator {
        name: "konsole",
        program: "konsole",
        command: |script, home| {
            let data = home.join("share");
            let profiles = data.join("konsole");
            let _ = std::fs::create_dir_all(&profiles);
            let _ = std::fs::write(
                profiles.join("matrix.profile"),
                "[Appearance]\nFont=DejaVu Sans Mono,12,-1,5,50,0,0,0,0,0\n\
                 ColorScheme=Breeze\n\n[General]\nName=matrix\nParent=FALLBACK/\n\
                 TerminalColumns=110\nTerminalRows=30\nShowTerminalSizeHint=false\n\n\
                 [Scrolling]\nScrollBarPosition=2\n",
            );
            let mut c = Command::new("dbus-run-session");
            c.env("XDG_DATA_HOME", &data)
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("QT_QPA_PLATFORM", "xcb")
                .args([
                    "konsole",
                    "--profile",
                    "matrix",
                    "--hide-menubar",
                    "--hide-tabbar",
                    "--nofork",
                    "-e",
                ]);
            sh(&mut c, script);
            c
        },
        start_secs: 4,
    },
    Emulator {
        name: "mlterm",
        program: "mlterm",
        command: |script, home| {
            // mlterm takes a glyph's own width from fonts that are not monospace: one
            // monospace font for everything it draws, FreeMono for Hebrew (DejaVu Sans Mono
            // has none).
            let conf = home.join(".mlterm");
            let _ = std::fs::create_dir_all(&conf);
            let _ = std::fs::write(
                conf.join("aafont"),
                "DEFAULT=DejaVu Sans Mono\nISO10646_UCS4_1=DejaVu Sans Mono\n\
                 ISO10646_UCS4_1_BOLD=DejaVu Sans Mono:bold\nU+0590-05FF=FreeMono\n",
            );
            let mut c = Command::new("mlterm");
            c.env("HOME", home).args([
                "-g",
                "110x30+0+0",
                "-w",
                "16",
                "--sb=false",
                // One column for East Asian ambiguous characters (« », ·, …), as qari counts.
                "-a",
                "1",
                "--fg=white",
                "--bg=black",
                "-e",
            ]);
            sh(&mut c, script);
            c
        },
        start_secs: 2,
    },
    Emulator {
        name: "kitty",
        program: "kitty",
        command: |script, home| {
            let mut c = Command::new("kitty");
            // A default kitty.conf: an empty configuration directory.
            let conf = home.join("kitty");
            let _ = std::fs::create_dir_all(&conf);
            c.env("KITTY_CONFIG_DIRECTORY", &conf)
                .env("LIBGL_ALWAYS_SOFTWARE", "1")
                .args([
                    "-o",
                    "font_size=12",
                    "-o",
                    "remember_window_size=no",
                    "-o",
                    "initial_window_width=110c",
                    "-o",
                    "initial_window_height=30c",
                ]);
            sh(&mut c, script);
            c
        },
        start_secs: 5,
    },
    Emulator {
        name: "alacritty",
        program: "alacritty",
        command: |script, home| {
            let mut c = Command::new("alacritty");
            c.env("LIBGL_ALWAYS_SOFTWARE", "1")
                .env("XDG_CONFIG_HOME", home.join("config"))
                .args([
                    "-o",
                    "window.dimensions.columns=110",
                    "-o",
                    "window.dimensions.lines=30",
                    "-o",
                    "font.normal.family=DejaVu Sans Mono",
                    "-o",
                    "font.size=12",
                    "-e",
                ]);
            sh(&mut c, script);
            c
        },
        start_secs: 4,
    },
];
