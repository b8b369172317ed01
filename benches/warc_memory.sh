#!/usr/bin/env bash
# Peak memory of loading a ~1 GiB WARC through Library::load (then reading one story's body
# back): generates target/bench-warc/crawl.warc (SIZE bytes, default 1 GiB; GZ=1 for a
# .warc.gz) with benches/gen_warc.py, runs the `load_archive` example under /usr/bin/time -v
# and prints its maximum resident set. The generated file stays under target/ (never
# committed). The bar: under 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
out="$target/bench-warc"
mkdir -p "$out"
name="crawl.warc${GZ:+.gz}"
[ -s "$out/$name" ] || python3 benches/gen_warc.py "$out/$name" "${SIZE:-1073741824}"
cargo build -p qari-core --example load_archive --quiet
ls -l "$out/$name"
/usr/bin/time -v "$target/debug/examples/load_archive" "$out/$name" 2> "$out/time.txt"
grep -E "Maximum resident set size|Elapsed" "$out/time.txt"
kb=$(awk '/Maximum resident set size/ {print $6}' "$out/time.txt")
echo "peak memory: $((kb / 1024)) MB"
