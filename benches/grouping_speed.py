#!/usr/bin/env python3
"""What grouping (`library::group`) costs at scale: qari with it beside a qari without it, on
one generated archive (`benches/gen_archive.py`, 100,000 stories by default), as whole
processes.

    cargo build --release
    git worktree add /tmp/qari-before <commit before grouping> &&
        (cd /tmp/qari-before && CARGO_TARGET_DIR=/tmp/qari-before/target cargo build --release)
    QARI_BEFORE=/tmp/qari-before/target/release/qari python3 benches/grouping_speed.py [N]

Rows: a cold catalog build (`list --count` with an empty cache), a warm `list --count`, and an
update after ten files were added (each a copy of an archive story under another source);
for the update also the time of the grouping pass itself, from `QARI_TRACE`. Median of RUNS
runs (default 3). Everything is written under target/grouping-speed; nothing is asserted.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW = os.environ.get("QARI_BIN", str(ROOT / "target/release/qari"))
OLD = os.environ.get("QARI_BEFORE")
RUNS = int(os.environ.get("RUNS", "3"))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
WORK = ROOT / "target" / "grouping-speed"


def env(state):
    return dict(os.environ, QARI_CACHE_DIR=str(state / "cache"), QARI_DATA_DIR=str(state / "data"),
                XDG_CONFIG_HOME=str(state / "config"))


def timed(cmd, e):
    t = time.perf_counter()
    p = subprocess.run(cmd, env=e, capture_output=True, text=True, check=False)
    return time.perf_counter() - t, p


def group_ms(stderr):
    """The grouping's phases (`group: ...` trace lines) added up."""
    m = re.findall(r"trace: group[^:]*:[^:]*?: ([\d.]+) ms", stderr)
    return sum(float(x) for x in m) if m else None


def measure(binary, archive, state):
    out = {}
    cold = []
    for _ in range(RUNS):
        shutil.rmtree(state, ignore_errors=True)
        cold.append(timed([binary, "list", "--count", str(archive)], env(state))[0])
    out["cold build"] = statistics.median(cold)
    out["warm list --count"] = statistics.median(
        timed([binary, "list", "--count", str(archive)], env(state))[0] for _ in range(RUNS))
    updates, groups = [], []
    for r in range(RUNS):
        added = archive / f"added-{r}"
        added.mkdir(exist_ok=True)
        sources = sorted(archive.rglob("*.txt"))[:10]
        for k, src in enumerate(sources):
            text = src.read_text(encoding="utf-8")
            (added / f"copy-{k}.txt").write_text(text.replace("\n\n", "\n\nمصدر آخر\n\n", 1), encoding="utf-8")
        e = env(state)
        e["QARI_TRACE"] = "1"
        dt, p = timed([binary, "list", "--count", str(archive)], e)
        updates.append(dt)
        groups.append(group_ms(p.stderr))
        shutil.rmtree(added)
        timed([binary, "list", "--count", str(archive)], env(state))
    out["update, 10 files added"] = statistics.median(updates)
    g = [x for x in groups if x is not None]
    out["  of which grouping (ms)"] = statistics.median(g) if g else None
    return out


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    archive = WORK / f"archive-{N}"
    if not archive.exists():
        subprocess.run([sys.executable, str(ROOT / "benches/gen_archive.py"), str(archive), str(N)], check=True)
    new = measure(NEW, archive, WORK / "state-new")
    old = measure(OLD, archive, WORK / "state-old") if OLD else {}
    print(f"{N} stories, median of {RUNS} runs, whole processes")
    print(f"{'':32} {'with grouping':>14} {'before':>10} {'ratio':>7}")
    for k, v in new.items():
        if k.startswith("  "):
            print(f"{k:32} {v if v is None else round(v, 1)!s:>14}")
            continue
        o = old.get(k)
        ratio = f"{v / o:.2f}" if o else ""
        print(f"{k:32} {v:>13.2f}s {(f'{o:.2f}s' if o else ''):>10} {ratio:>7}")


if __name__ == "__main__":
    main()
