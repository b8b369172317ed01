//! An X display of the test's own (Xvfb), screenshots, and keys typed into it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Whether `program` is on the PATH.
pub fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A running Xvfb, killed on drop.
pub struct Display {
    pub name: String,
    server: Child,
}

impl Display {
    /// Starts Xvfb on a display number nobody uses, with a black root window.
    pub fn start() -> Result<Display, String> {
        for n in 140..200 {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                || Path::new(&format!("/tmp/.X{n}-lock")).exists()
            {
                continue;
            }
            let name = format!(":{n}");
            let server = Command::new("Xvfb")
                .args([
                    &name,
                    "-screen",
                    "0",
                    "1400x900x24",
                    "-br",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("Xvfb: {e}"))?;
            let display = Display { name, server };
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if wait_for(Duration::from_secs(10), || socket.exists()) {
                return Ok(display);
            }
        }
        Err("no free X display for Xvfb".into())
    }

    /// Saves the screen as PPM (for the checks) and PNG (for a person).
    pub fn screenshot(&self, ppm: &Path) -> Result<(), String> {
        let out = Command::new("import")
            .args(["-display", &self.name, "-window", "root", "-depth", "8"])
            .arg(format!("ppm:{}", ppm.display()))
            .output()
            .map_err(|e| format!("import: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "import: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let _ = Command::new("convert")
            .arg(ppm)
            .arg(ppm.with_extension("png"))
            .status();
        Ok(())
    }

    /// Types keys (xdotool names) into the window under the pointer: with no window manager,
    /// the keyboard follows the pointer.
    pub fn keys(&self, keys: &[&str]) {
        let _ = Command::new("xdotool")
            .env("DISPLAY", &self.name)
            .args(["mousemove", "300", "200"])
            .status();
        for key in keys {
            let _ = Command::new("xdotool")
                .env("DISPLAY", &self.name)
                .args(["key", "--delay", "50", key])
                .status();
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Polls `ready` until it holds or `limit` passes.
pub fn wait_for(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    ready()
}
