#!/usr/bin/env python3
"""Cold load of N saved pages (default 10,000): the issue's bar is under a minute on 2 cores.

Writes N pages under target/bench-pages/ (never committed) from the project's own saved-page
fixtures (tests/fixtures/formats/*.html, our writing), each with its own headline and a
numbered sentence so that no two are copies, then times `qari list --count` on them with an
empty cache (a cold catalog build: every page parsed and extracted) and once more warm.

    cargo build --release && python3 benches/saved_pages.py [N]
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates/qari-core/tests/fixtures/formats"
QARI = ROOT / "target/release/qari"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = ROOT / "target/bench-pages"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pages = []
    for path in sorted(FIXTURES.glob("*.html")):
        raw = path.read_bytes()
        try:
            pages.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            continue  # the legacy-encoding pages stay out: the copies below are UTF-8
    for i in range(n):
        page = pages[i % len(pages)]
        mark = f" (نسخة {i}) "
        page = re.sub(r"(<h1[^>]*>)", lambda m: m.group(1) + mark, page, count=1)
        page = re.sub(r"(<title[^>]*>)", lambda m: m.group(1) + mark, page, count=1)
        page = page.replace("</p>", f" رقم {i}.</p>", 1)
        sub = out / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page-{i:05d}.html").write_text(page, encoding="utf-8")
    size = sum(f.stat().st_size for f in out.rglob("*.html"))
    print(f"{n} saved pages, {size / 1e6:.1f} MB, from {len(pages)} fixtures")
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, QARI_CACHE_DIR=f"{state}/cache", QARI_DATA_DIR=f"{state}/data")
        for label in ("cold (every page parsed)", "warm (catalog)"):
            start = time.monotonic()
            got = subprocess.run([QARI, "list", "--count", out], env=env,
                                 capture_output=True, text=True, check=True)
            took = time.monotonic() - start
            print(f"{label:28} {took:7.2f} s   {got.stdout.strip()} stories   "
                  f"{n / took:8.0f} pages/s   (bar: under 60 s cold)")


if __name__ == "__main__":
    main()
