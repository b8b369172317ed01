#!/usr/bin/env python3
"""What detecting the terminal costs at start: the reader's time to its first frame.

The reader runs in a pseudo-terminal this script owns, on the bundled sample archive, three
ways: with `--bidi app` (no question asked: the cost before detection existed), with no flag
on a terminal that never answers (the worst case: the 40 ms time-out), and with no flag on a
terminal that answers the device-attributes request at once (as every terminal in the matrix
does). Each run ends with `q` once the first frame is on screen. Prints the median time to
the first frame of each, and the differences.

    python3 benches/startup.py [path/to/qari] [runs]
"""

import fcntl
import os
import pty
import select
import statistics
import subprocess
import sys
import struct
import tempfile
import termios
import time

QUESTION = b"\x1b[8$p\x1b[c"
ANSWER = b"\x1b[?62;22c"


def first_frame(qari, args, answer, env):
    """Seconds from start to the first frame (the story list's title drawn)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(qari, [qari, *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    start = time.perf_counter()
    seen = b""
    answered = False
    took = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if answer and not answered and QUESTION in seen:
            os.write(fd, ANSWER)
            answered = True
        if took is None and b"Stories" in seen:
            took = time.perf_counter() - start
            os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return took


def main():
    qari = sys.argv[1] if len(sys.argv) > 1 else "target/release/qari"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QARI_DATA_DIR=tmp + "/data", QARI_CACHE_DIR=tmp + "/cache",
                   XDG_CONFIG_HOME=tmp + "/config", TERM="xterm-256color")
        for var in ("VTE_VERSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "MLTERM", "TMUX",
                    "TERM_PROGRAM", "XTERM_VERSION", "ALACRITTY_WINDOW_ID"):
            env.pop(var, None)
        # Warm the catalog and the index once.
        first_frame(qari, ["--bidi", "app", "--no-restore"], False, env)
        cases = [
            ("--bidi app (no question)", ["--bidi", "app"], False),
            ("auto, terminal answers", [], True),
            ("auto, terminal silent", [], False),
        ]
        results = {}
        for _ in range(runs):
            for name, args, answer in cases:
                took = first_frame(qari, [*args, "--no-restore"], answer, env)
                if took is not None:
                    results.setdefault(name, []).append(took * 1000)
    base = statistics.median(results[cases[0][0]])
    print(f"time to the first frame, median of {runs} runs ({qari}):")
    for name, _, _ in cases:
        med = statistics.median(results[name])
        print(f"  {name:<28} {med:7.1f} ms   {med - base:+6.1f} ms   x{med / base:.2f}")


if __name__ == "__main__":
    main()
