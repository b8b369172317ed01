#!/usr/bin/env python3
"""`qari fetch` over 100 feeds on 20 local hosts (distinct ports on 127.0.0.1), all answering
304: the cost of a poll that finds nothing new. The bar: under 25 s of wall time (bound by the
one-second gap between requests to one host) and under 1 s of CPU.

A first run (unconditional, 200s) stores the validators; the timed run is the second, an hour
later by the fetcher's clock (QARI_NOW), every request conditional and answered 304.

    cargo build --release && python3 benches/fetch_304.py [path/to/qari]

Writes its numbers to target/fetch_304.json.
"""
import http.server
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time

HOSTS, PER_HOST = 20, 5
T = 1_800_000_000
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QARI = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "qari")

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench {n}</title>
<item><guid>bench-{n}</guid><link>http://bench.test/{n}</link><title>Bench story {n}</title>
<description>One line.</description></item></channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    counts = {"200": 0, "304": 0}

    def do_GET(self):
        etag = '"%s"' % self.path
        if self.headers.get("If-None-Match") == etag:
            Handler.counts["304"] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        Handler.counts["200"] += 1
        body = FEED.format(n=self.path.strip("/").replace("/", "-")).encode()
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    servers = []
    for _ in range(HOSTS):
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=s.serve_forever, daemon=True).start()
        servers.append(s)
    home = tempfile.mkdtemp(prefix="qari-bench-")
    conf = os.path.join(home, "config", "qari")
    os.makedirs(conf)
    with open(os.path.join(conf, "feeds.toml"), "w") as f:
        for s in servers:
            for i in range(PER_HOST):
                f.write('[[feed]]\nurl = "http://127.0.0.1:%d/feed/%d"\n\n' % (s.server_address[1], i))
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
               QARI_DATA_DIR=os.path.join(home, "data"), QARI_CACHE_DIR=os.path.join(home, "cache"),
               QARI_STATE_DIR=os.path.join(home, "state"))

    def run(now):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        p = subprocess.run([QARI, "fetch", "--json"], env=dict(env, QARI_NOW=str(now)),
                           capture_output=True, text=True)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        rows = [json.loads(l) for l in p.stdout.splitlines()]
        return p.returncode, wall, cpu, rows, p.stderr

    code, wall, cpu, rows, err = run(T)
    assert code == 0, err
    first = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 3), "200s": Handler.counts["200"]}
    code, wall, cpu, rows, err = run(T + 3600)
    assert code == 0, err
    not_modified = sum(1 for r in rows if r["status"] == "not_modified")
    result = {
        "feeds": HOSTS * PER_HOST, "hosts": HOSTS, "first_run": first,
        "wall_s": round(wall, 2), "cpu_s": round(cpu, 3), "not_modified": not_modified,
        "bar": {"wall_s": 25, "cpu_s": 1},
        "ok": wall < 25 and cpu < 1 and not_modified == HOSTS * PER_HOST,
    }
    os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
    with open(os.path.join(ROOT, "target", "fetch_304.json"), "w") as f:
        json.dump(result, f, indent=2)
    print("fetch 304: %d feeds on %d hosts, %d not modified: %.2f s wall, %.3f s CPU (bar: 25 s, 1 s)"
          % (HOSTS * PER_HOST, HOSTS, not_modified, wall, cpu))
    print("first run (200s): %.2f s wall, %.3f s CPU" % (first["wall_s"], first["cpu_s"]))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
