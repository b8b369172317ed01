//! Asking the terminal whether it knows the bidi mode: DECRQM for ANSI mode 8 (`CSI 8 $ p`,
//! answered `CSI 8 ; Ps $ y`), followed by a request for the primary device attributes
//! (`CSI c`), which every terminal in use answers and answers in order: once that answer is in,
//! nothing more is coming, so a terminal that answers costs its round trip and no time-out.
//! A terminal that answers nothing costs [`TIMEOUT`].
//!
//! The question is asked in raw mode, before the input thread starts reading, so the answer
//! never reaches the key handling. An answer that arrives after the time-out (a very slow
//! link) is read by the input thread as an unknown sequence and dropped.

use std::fs::File;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::detect::{Answer, Bdsm};

/// How long a terminal that says nothing is waited for. A local terminal answers in under a
/// millisecond; the time-out bounds the cost for one that never answers (`benches/startup.sh`).
pub const TIMEOUT: Duration = Duration::from_millis(40);

/// The question: DECRQM for mode 8, then DA1 as the end marker.
pub const QUESTION: &[u8] = b"\x1b[8$p\x1b[c";

/// Asks the terminal on `/dev/tty` (already in raw mode) and waits for its answer, at most
/// `timeout`. Returns the answer and the raw bytes received (for `qari doctor`).
pub fn ask(timeout: Duration) -> io::Result<(Answer, Vec<u8>)> {
    let mut tty = File::options().read(true).write(true).open("/dev/tty")?;
    tty.write_all(QUESTION)?;
    tty.flush()?;
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        if let Some(answer) = parse(&got) {
            return Ok((answer, got));
        }
        let left = timeout.saturating_sub(start.elapsed());
        if left.is_zero() {
            return Ok((Answer::Silent, got));
        }
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        let wait = Timespec {
            tv_sec: 0,
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => return Ok((Answer::Silent, got)),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let n = tty.read(&mut buf)?;
        if n == 0 {
            return Ok((Answer::Silent, got));
        }
        got.extend_from_slice(&buf[..n]);
    }
}

/// The answer in `bytes`, once the device attributes (`CSI ? … c`) have arrived: the DECRQM
/// answer for mode 8 if one came before them. `None` while the answer is incomplete. Other
/// bytes (keys typed meanwhile, other reports) are skipped.
pub fn parse(bytes: &[u8]) -> Option<Answer> {
    let mut bdsm = None;
    let mut i = 0;
    while let Some(start) = find_csi(bytes, i) {
        let params = start + 2;
        // The final byte of the sequence: 0x40..=0x7e.
        let end = params
            + bytes[params..]
                .iter()
                .position(|b| (0x40..=0x7e).contains(b))?;
        let body = &bytes[params..end];
        match bytes[end] {
            b'c' if body.first() == Some(&b'?') => return Some(Answer::Replied { bdsm }),
            b'y' => {
                if let Some(rest) = body.strip_prefix(b"8;")
                    && let Some(ps) = rest.strip_suffix(b"$")
                    && let Ok(ps) = std::str::from_utf8(ps).unwrap_or("").parse::<u8>()
                {
                    bdsm = Some(Bdsm::from_ps(ps));
                }
            }
            _ => {}
        }
        i = end + 1;
    }
    None
}

fn find_csi(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(2)
        .position(|w| w == b"\x1b[")
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_waits_for_the_device_attributes() {
        assert_eq!(parse(b""), None);
        assert_eq!(parse(b"\x1b[8;2$y"), None);
        assert_eq!(parse(b"\x1b[8;2$y\x1b[?65;1;9"), None);
        assert_eq!(
            parse(b"\x1b[8;2$y\x1b[?65;1;9c"),
            Some(Answer::Replied {
                bdsm: Some(Bdsm::Reset)
            })
        );
    }

    #[test]
    fn every_value_of_the_mode_is_read() {
        for (ps, want) in [
            ("0", Bdsm::Unknown),
            ("1", Bdsm::Set),
            ("2", Bdsm::Reset),
            ("3", Bdsm::AlwaysSet),
            ("4", Bdsm::AlwaysReset),
        ] {
            let bytes = format!("\x1b[8;{ps}$y\x1b[?62c");
            assert_eq!(
                parse(bytes.as_bytes()),
                Some(Answer::Replied { bdsm: Some(want) }),
                "{ps}"
            );
        }
    }

    #[test]
    fn a_terminal_that_knows_only_device_attributes() {
        assert_eq!(parse(b"\x1b[?1;2c"), Some(Answer::Replied { bdsm: None }));
        // Keys typed meanwhile and other modes' reports are skipped.
        assert_eq!(
            parse(b"jj\x1b[?2026;2$y\x1b[12;1$y\x1b[?6c"),
            Some(Answer::Replied { bdsm: None })
        );
        // A secondary device attributes answer is not the end marker.
        assert_eq!(parse(b"\x1b[>1;4000;0c"), None);
    }
}
