#!/usr/bin/env python3
"""Regenerates the screen pictures in the documentation from real renders.

A picture is a fenced ```text block right after a line that holds only a `qari screen …`
command in backticks followed by a colon. This script looks for them in README.md, GUIDE.md
and every docs/*.md, runs each command with the given qari binary (default:
target/release/qari, else target/debug/qari; CARGO_TARGET_DIR is honoured) from the
repository's root, with QARI_CACHE_DIR and QARI_DATA_DIR pointing at a scratch folder, and
replaces the block with its output. For each file that holds pictures it prints how many it
regenerated. When a command fails, its old block is kept, the failure is printed on stderr
and the script exits with status 1 after doing the rest.

Usage: python3 scripts/readme_pictures.py [QARI_BINARY]
"""
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
binary = sys.argv[1] if len(sys.argv) > 1 else next(
    (p for p in (os.path.join(target, "release", "qari"), os.path.join(target, "debug", "qari"))
     if os.path.exists(p)), None)
if binary is None:
    sys.exit("build qari first (cargo build --release)")

files = [os.path.join(root, "README.md"), os.path.join(root, "GUIDE.md"),
         *sorted(glob.glob(os.path.join(root, "docs", "*.md")))]
pattern = re.compile(r"^`(qari screen[^`]*)`:\n\n```text\n.*?\n```$", re.M | re.S)
failures = 0

with tempfile.TemporaryDirectory() as scratch:
    env = dict(os.environ, QARI_CACHE_DIR=scratch, QARI_DATA_DIR=scratch)

    for path in files:
        if not os.path.exists(path):
            continue
        name = os.path.relpath(path, root)
        text = open(path, encoding="utf-8").read()

        def render(match):
            global failures
            args = shlex.split(match.group(1))[1:]
            done = subprocess.run([binary, *args], env=env, cwd=root,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                failures += 1
                reason = done.stderr.strip().splitlines()[-1:] or ["no message"]
                print(f"{name}: `{match.group(1)}` failed (status {done.returncode}: "
                      f"{reason[0]}); old picture kept", file=sys.stderr)
                return match.group(0)
            out = done.stdout.rstrip("\n")
            return f"`{match.group(1)}`:\n\n```text\n{out}\n```"

        before = failures
        new, count = pattern.subn(render, text)
        if count == 0:
            continue
        if new != text:
            open(path, "w", encoding="utf-8").write(new)
        kept = failures - before
        print(f"{name}: {count - kept} pictures regenerated" + (f", {kept} kept" if kept else ""))

sys.exit(1 if failures else 0)
