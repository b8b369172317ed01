#!/usr/bin/env python3
"""Pairwise precision and recall of qari's story groups on any labelled folder.

Usage: benches/grouping_score.py FOLDER [--label cluster] [--tier copy|event|thread]
                                  [--qari PATH] [--baseline]

FOLDER holds JSON Lines files (one story an object, as `qari` reads them: `title`, `body`,
`source`, `date`, `lang` …) with a label field (`--label`, default `cluster`): stories with
the same label belong together. qari groups the folder (`qari list --json`, the tier's field:
`copy_of`, `event` or `thread`), and every pair of stories is scored: a pair qari puts together
that the labels also put together is a true positive. `--baseline` also scores the usual
word-overlap recipe (TF-IDF cosine over words, single link, at the threshold that maximises F1
on this very folder: a generous baseline) for comparison.

qari's catalog and state go to a temporary directory; nothing is written into FOLDER.
"""
import argparse, collections, json, math, os, re, subprocess, sys, tempfile
from pathlib import Path


def pairs(groups):
    out = set()
    for members in groups.values():
        m = sorted(members)
        for i in range(len(m)):
            for j in range(i + 1, len(m)):
                out.add((m[i], m[j]))
    return out


def score(predicted, truth):
    p, t = pairs(predicted), pairs(truth)
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    return precision, recall, len(p), len(t)


def opening_words(text):
    """The title qari gives a record of text alone (`loader::json::opening_words`)."""
    first = re.split(r"(?<=[.!?؟۔।])", text.strip(), maxsplit=1)[0].strip()
    words = first.split()
    return " ".join(words[:12]) + "…" if len(words) > 12 else " ".join(words)


def title_of(r):
    title = " ".join((r.get("title") or r.get("headline") or "").split())
    if title:
        return title
    body = r.get("body") or r.get("content") or r.get("text") or ""
    if isinstance(body, list):
        body = "\n\n".join(body)
    first = re.split(r"\n\s*\n", body.strip(), maxsplit=1)[0] if body.strip() else ""
    return opening_words(" ".join(first.split()))


def labelled(folder, label):
    rows = []
    for f in sorted(Path(folder).rglob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                r = json.loads(line)
                rows.append((str(f), n, r))
    return rows


def baseline(rows, truth):
    docs = []
    for _, _, r in rows:
        text = (r.get("title") or "") + " " + (r.get("body") or r.get("text") or "")
        docs.append(collections.Counter(re.findall(r"\w+", text.lower())))
    df = collections.Counter(w for d in docs for w in d)
    n = len(docs)
    vecs = []
    for d in docs:
        v = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        vecs.append({w: x / norm for w, x in v.items()})
    sims = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = vecs[i], vecs[j]
            if len(a) > len(b):
                a, b = b, a
            sims.append((sum(x * b.get(w, 0) for w, x in a.items()), i, j))
    best = None
    for th in [k / 20 for k in range(1, 20)]:
        parent = list(range(n))
        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        for s, i, j in sims:
            if s >= th:
                parent[find(i)] = find(j)
        groups = collections.defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        p, r, _, _ = score(groups, truth)
        f = 2 * p * r / (p + r) if p + r else 0
        if best is None or f > best[0]:
            best = (f, th, p, r)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--label", default="cluster")
    ap.add_argument("--tier", default="event", choices=["copy", "event", "thread"])
    ap.add_argument("--qari", default=str(Path(__file__).resolve().parent.parent / "target/release/qari"))
    ap.add_argument("--baseline", action="store_true")
    a = ap.parse_args()
    rows = labelled(a.folder, a.label)
    truth = collections.defaultdict(list)
    for k, (_, _, r) in enumerate(rows):
        if r.get(a.label) is not None:
            truth[str(r[a.label])].append(k)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CACHE_HOME=home + "/cache", XDG_STATE_HOME=home + "/state",
                   XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data")
        out = subprocess.run([a.qari, "list", "--json", a.folder], env=env, capture_output=True,
                             text=True, check=False).stdout
    stories = [json.loads(l) for l in out.splitlines() if l.strip()]
    # Each labelled row is matched with a story of its file by title (in order for repeats).
    unmatched = collections.defaultdict(list)
    for s in stories:
        unmatched[(os.path.realpath(s["path"]), s["title"].strip())].append(s)
    field = {"copy": "copy_of", "event": "event", "thread": "thread"}[a.tier]
    predicted = collections.defaultdict(list)
    missing = 0
    taken = {}
    for k, (path, _, r) in enumerate(rows):
        key = (os.path.realpath(path), title_of(r))
        cands = unmatched.get(key) or []
        if cands:
            s = cands.pop(0)
            taken[key] = s
        elif key in taken:
            # stored twice with the same title and text: qari keeps it once
            s = taken[key]
        else:
            missing += 1
            predicted[("alone", k)].append(k)
            continue
        g = s.get(field) or (s["id"] if a.tier != "copy" or not s.get("copies") else s["id"])
        if a.tier == "copy" and not s.get("copy_of") and not s.get("copies"):
            g = ("alone", k)
        predicted[g].append(k)
    p, r, np_, nt = score(predicted, truth)
    print(f"{a.tier} on {len(rows)} stories ({missing} not matched), label `{a.label}`: "
          f"{nt} labelled pairs, {np_} predicted")
    print(f"  qari      precision {p:.3f}  recall {r:.3f}")
    if a.baseline:
        f, th, bp, br = baseline(rows, truth)
        print(f"  baseline  precision {bp:.3f}  recall {br:.3f}  (TF-IDF cosine >= {th:.2f}, single link)")


if __name__ == "__main__":
    main()
