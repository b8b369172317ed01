#!/usr/bin/env python3
"""Checks the relative links of the documentation.

Every link `[text](path#anchor)` and image `![alt](path)` in README.md, GUIDE.md, docs/*.md and
docs/decisions/*.md whose target is not a URL must name a file that exists and, when it has an
anchor, a heading of that file (GitHub's anchors: the heading's text lowercased, punctuation
dropped, spaces made hyphens, `-1`, `-2` … added to repeats). Links inside code are not links.
Prints each broken link with its file and line, then a count; exits with status 1 if any is
broken. Usage: python3 scripts/check_doc_links.py
"""
import glob
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
files = [os.path.join(root, "README.md"), os.path.join(root, "GUIDE.md"),
         os.path.join(root, "ARCHITECTURE.md"),
         *sorted(glob.glob(os.path.join(root, "docs", "*.md"))),
         *sorted(glob.glob(os.path.join(root, "docs", "decisions", "*.md")))]

fence = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.M | re.S)
code_span = re.compile(r"(`+)(.+?)\1", re.S)
link = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def blank_fences(text):
    """Fenced blocks replaced by as many empty lines, so line numbers stay."""
    return fence.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def slug(heading):
    text = code_span.sub(lambda m: m.group(2), heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's text stays
    text = re.sub(r"[*_]{1,3}(\S(?:.*?\S)?)[*_]{1,3}", r"\1", text)  # emphasis
    text = text.strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


anchors_of = {}


def anchors(path):
    if path not in anchors_of:
        seen, found = {}, set()
        for line in blank_fences(open(path, encoding="utf-8").read()).split("\n"):
            m = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
            if not m:
                continue
            base = slug(m.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
        anchors_of[path] = found
    return anchors_of[path]


broken = checked = 0
for path in files:
    name = os.path.relpath(path, root)
    text = blank_fences(open(path, encoding="utf-8").read())
    # code spans become spaces of the same shape, so line numbers stay and no link hides in one
    text = code_span.sub(lambda m: re.sub(r"[^\n]", "x", m.group(0)), text)
    for m in link.finditer(text):
        target = m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto: …
            continue
        checked += 1
        line = text.count("\n", 0, m.start()) + 1
        file_part, _, anchor = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
        problem = None
        if not os.path.exists(dest):
            problem = "no such file"
        elif anchor and (os.path.isdir(dest) or not dest.endswith(".md")):
            problem = "an anchor into something that is not a Markdown file"
        elif anchor and anchor not in anchors(dest):
            problem = "no such heading"
        if problem:
            broken += 1
            print(f"{name}:{line}: ({target}): {problem}")

print(f"{checked} relative links in {len(files)} files, {broken} broken")
sys.exit(1 if broken else 0)
