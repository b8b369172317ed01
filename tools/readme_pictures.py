#!/usr/bin/env python3
"""Regenerates the screen pictures in README.md from real renders.

Every picture in the README is a fenced ```text block right after a line that holds only a
`qari screen …` command in backticks followed by a colon. This script runs each command with
the given qari binary (default: target/release/qari, else target/debug/qari) and replaces the
block with its output. Usage: python3 tools/readme_pictures.py [QARI_BINARY]
"""
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

readme = os.path.join(root, "README.md")
text = open(readme, encoding="utf-8").read()
pattern = re.compile(r"^`(qari screen[^`]*)`:\n\n```text\n.*?\n```$", re.M | re.S)

with tempfile.TemporaryDirectory() as scratch:
    env = dict(os.environ, QARI_CACHE_DIR=scratch, QARI_DATA_DIR=scratch)

    def render(match):
        args = shlex.split(match.group(1))[1:]
        out = subprocess.run([binary, *args], env=env, cwd=root, check=True,
                             capture_output=True, text=True).stdout.rstrip("\n")
        return f"`{match.group(1)}`:\n\n```text\n{out}\n```"

    new, count = pattern.subn(render, text)

open(readme, "w", encoding="utf-8").write(new)
print(f"{count} pictures regenerated")
