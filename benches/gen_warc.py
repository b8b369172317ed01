#!/usr/bin/env python3
"""Writes a WARC of about SIZE bytes (default 1 GiB) for benches/warc_memory.sh: a crawl of
Arabic and English news pages (about 60 KB of HTML each, a third of the bytes), JPEG-like
assets (the rest), requests, redirects and revisits, with every page captured twice.

usage: gen_warc.py OUT [SIZE]   (OUT ending in .gz: one gzip member a record, as wget writes)
"""
import gzip
import random
import sys

out_path = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 30
rng = random.Random(7)
WORDS_AR = "المياه السدود الأمطار الحكومة وزير اجتماع خطة الزراعة المدينة الريف الجفاف الصيف العام المقبل أسعار القمح".split()
WORDS_EN = "water dams rain government minister meeting plan farming city village drought summer next year wheat prices".split()


def record(kind, url, date, block, ctype="application/http; msgtype=response"):
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rng.getrandbits(64):016x}>\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {url}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def page(i, arabic):
    words = WORDS_AR if arabic else WORDS_EN
    title = " ".join(rng.choice(words) for _ in range(7)) + f" {i}"
    paras = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(60)) + "</p>\n" for _ in range(12)
    )
    furniture = "<nav>" + "".join(f"<a href='/s/{k}'>section {k}</a>" for k in range(200)) + "</nav>"
    script = "<script>" + "var x=1;" * 4000 + "</script>"
    lang = "ar" if arabic else "en"
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"{script}</head><body>{furniture}<article><h1>{title}</h1>{paras}</article></body></html>"
    ).encode()


def http(status, ctype, body):
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body


written = 0
with open(out_path, "wb") as f:
    write = (lambda b: f.write(gzip.compress(b, 1))) if out_path.endswith(".gz") else f.write
    i = 0
    asset = bytes(rng.getrandbits(8) for _ in range(1 << 16)) * 2
    while written < size:
        url = f"https://news.example/{i}"
        date = f"2024-05-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        body = page(i, i % 3 != 0)
        recs = [
            record("request", url, date, f"GET /{i} HTTP/1.1\r\n\r\n".encode(), "application/http; msgtype=request"),
            record("response", url, date, http("200 OK", "text/html; charset=utf-8", body)),
            record("response", f"https://news.example/img/{i}.jpg", date, http("200 OK", "image/jpeg", asset)),
            record("response", f"https://news.example/old/{i}", date, http("301 Moved Permanently", "text/html", b"")),
            record("revisit", url, date, http("200 OK", "text/html", b"")),
        ]
        if i % 2 == 1:  # the previous page again, a later capture
            prev = f"https://news.example/{i - 1}"
            recs.append(record("response", prev, date, http("200 OK", "text/html", page(i - 1, (i - 1) % 3 != 0))))
        for r in recs:
            write(r)
            written += len(r)
        i += 1
print(f"{out_path}: {written} bytes of records, {i} pages")
