#!/usr/bin/env python3
"""Scale benchmark: qari on generated archives of 10,000, 100,000 (and 300,000) stories,
every row of the catalog issue's table side by side with its reference.

    benches/scale.sh                 # builds qari, then runs this (sizes: 10000 100000)
    QARI_BIN=/path/to/qari benches/scale.py   # another build of qari, e.g. to compare two
    SIZES="10000 100000 300000" benches/scale.sh

Each row is a whole process (wall time, median of RUNS runs; peak resident memory of the
median run, from wait4). References: ripgrep (`rg -l WORD` over the same files) and newsboat
(`newsboat -x print-unread` on a cache of the same number of items), when installed. The
archives come from the project's generator (`benches/gen_archive.py`), which puts the word
MARKER in one story in fifty. Never a test: it prints numbers, it asserts nothing.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QARI = Path(os.environ.get("QARI_BIN", ROOT / "target" / "release" / "qari"))
MARKER = "زرزور"
RUNS = int(os.environ.get("RUNS", "5"))
WORK = Path(os.environ.get("SCALE_DIR", tempfile.gettempdir())) / "qari-scale"


TIME = shutil.which("time", path="/usr/bin:/bin")


def run(cmd, env=None, stdout=subprocess.DEVNULL, before=None):
    """Runs cmd once, after `before` (each time): (seconds, peak KiB, exit status).

    The peak comes from GNU time when it is installed: `wait4`'s `ru_maxrss` counts the child
    from its fork, when it is still a copy of this Python process (50 MB and more with an
    archive's file list in memory), so a small process would show Python's size, not its own.
    The time is that of a run without the wrapper, the peak that of a second run."""
    if before:
        before()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - start
    kib = usage.ru_maxrss
    if TIME:
        if before:
            before()
        out = subprocess.run([TIME, "-f", "%M", *cmd], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).stderr.strip().splitlines()
        if out and out[-1].isdigit():
            kib = int(out[-1])
    return secs, kib, status


def timed(cmd, env=None, runs=RUNS, before=None):
    """Median wall time and the peak memory of that run, over `runs` runs."""
    results = [run(cmd, env, before=before) for _ in range(runs)]
    results.sort()
    secs, kib, _ = results[len(results) // 2]
    return secs, kib


def env_with(cache):
    env = dict(os.environ)
    env["QARI_CACHE_DIR"] = str(cache)
    env["QARI_DATA_DIR"] = str(cache / "data")
    return env


def reader_start(archive, env, size):
    """Seconds until the reader shows `size` stories in tmux, and its peak memory then."""
    if not shutil.which("tmux"):
        return None
    sock = f"qari-scale-{os.getpid()}-{time.time_ns()}"
    # the rewrite row renames a few stories, which then no longer merge with their copies:
    # any count of at least the archive's size means the list is there
    want = re.compile(r"Stories \((\d+)")
    start = time.perf_counter()
    subprocess.run(["tmux", "-L", sock, "new-session", "-d", "-x", "200", "-y", "60",
                    f"exec {QARI} {archive}"], env=env, check=True)
    shown = None
    try:
        while time.perf_counter() - start < 60:
            out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p"],
                                 capture_output=True, text=True).stdout
            m = want.search(out)
            if m and int(m.group(1)) >= size:
                shown = time.perf_counter() - start
                break
            time.sleep(0.005)
        pid = subprocess.run(["tmux", "-L", sock, "list-panes", "-F", "#{pane_pid}"],
                             capture_output=True, text=True).stdout.split()[0]
        time.sleep(0.5)  # let the background freshness check finish
        hwm = next((int(l.split()[1]) for l in open(f"/proc/{pid}/status")
                    if l.startswith("VmHWM")), 0)
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], stderr=subprocess.DEVNULL)
    return shown, hwm


def newsboat_start(size, work):
    """newsboat's start on a cache of `size` items (print-unread loads the whole cache)."""
    if not shutil.which("newsboat"):
        return None
    d = work / f"newsboat-{size}"
    cache = d / "cache.db"
    urls = d / "urls"
    if not cache.exists():
        d.mkdir(parents=True, exist_ok=True)
        feed = d / "feed.xml"
        with open(feed, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>scale</title><link>http://localhost/</link><description>x</description>")
            for i in range(size):
                f.write(f"<item><title>خبر رقم {i}</title><link>http://localhost/{i}</link>"
                        f"<guid>http://localhost/{i}</guid><description>نص الخبر {i}</description></item>")
            f.write("</channel></rss>")
        urls.write_text(f'"exec:cat {feed}"\n')
        subprocess.run(["newsboat", "-u", str(urls), "-c", str(cache), "-x", "reload"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return timed(["newsboat", "-u", str(urls), "-c", str(cache), "-x", "print-unread"])


def row(what, qari, ref=None, ref_name="", target=""):
    q = f"{qari[0]:8.3f} s {qari[1] / 1024:7.0f} MB" if qari else "       -"
    r = f"{ref[0]:8.3f} s {ref[1] / 1024:7.0f} MB  {ref_name}" if ref else ""
    ratio = f"{ref[0] / qari[0]:6.1f}x" if ref and qari and qari[0] > 0 else ""
    print(f"  {what:<46} {q}   {r:<34} {ratio:>7}  {target}", flush=True)


def bench(size):
    archive = WORK / f"archive-{size}"
    if not archive.exists():
        print(f"generating {size} stories in {archive} …", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benches" / "gen_archive.py"),
                        str(archive), str(size)], check=True)
    cache = WORK / f"cache-{size}"
    env = env_with(cache)
    a = str(archive)
    print(f"\n{size} stories ({sum(f.stat().st_size for f in archive.rglob('*') if f.is_file()) / 1e6:.0f} MB)")
    print(f"  {'measure':<46} {'qari':>19}   {'reference':<34} {'ratio':>7}  target")

    clear = lambda: shutil.rmtree(cache, ignore_errors=True)
    cold = timed([str(QARI), "list", "--count", a], env, runs=min(RUNS, 3), before=clear)
    row("cold list --count (catalog built)", cold, target="<= 4 s")
    warm = timed([str(QARI), "list", "--count", a], env)
    row("warm list --count", warm, newsboat_start(size, WORK), "newsboat start",
        "<= 0.25 s, <= 100 MB")
    # first index build: the catalog is warm, the index is not
    index_dir = cache / "index"
    first = timed([str(QARI), "search", MARKER, a, "--json", "--limit", "5000"], env,
                  runs=1, before=lambda: shutil.rmtree(index_dir, ignore_errors=True))
    row("first search (index built)", first, target="<= 30 s")
    shown = reader_start(a, env, size)
    if shown and shown[0] is not None:
        row("reader: all stories on screen", (shown[0], shown[1]), target="<= 0.3 s, <= 150 MB")
    rg = timed(["rg", "-l", MARKER, a]) if shutil.which("rg") else None
    search = timed([str(QARI), "search", MARKER, a, "--json", "--limit", "5000"], env)
    hits = subprocess.run([str(QARI), "search", MARKER, a, "--json", "--limit", "5000"],
                          env=env, capture_output=True).stdout.count(b"\n")
    row(f"warm search --json (all {hits} hits)", search, rg, "rg -l", ">= 10x rg")
    top = timed([str(QARI), "search", MARKER, a, "--json"], env)
    row("warm search --json (the first 20, the default)", top, rg, "rg -l", ">= 10x rg")
    warm_json = timed([str(QARI), "list", "--json", a], env)
    row("warm list --json", warm_json)

    def rewrite():
        for i, f in enumerate(sorted(archive.glob("000/*.txt"))[:10]):
            text = f.read_text(encoding="utf-8")
            lines = text.split("\n")
            # the headline is the fourth line of a generated page
            lines[3] = lines[3].rsplit(" ", 1)[0] + f" معدل{time.time_ns() % 100000}"
            f.write_text("\n".join(lines), encoding="utf-8")
    rewritten = timed([str(QARI), "list", "--json", a], env, before=rewrite)
    row("rewrite 10 files, then list --json", rewritten, target="<= 0.5 s")


def main():
    if not QARI.exists():
        sys.exit(f"{QARI} is missing: run benches/scale.sh (it builds qari first)")
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"qari scale benchmark · {os.cpu_count()} cores · median of {RUNS} runs · "
          f"whole processes, warm page cache")
    for size in [int(s) for s in os.environ.get("SIZES", "10000 100000").split()]:
        bench(size)


if __name__ == "__main__":
    main()
