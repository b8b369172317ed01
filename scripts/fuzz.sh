#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time and keeps what it finds.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default: 60 s each, all targets)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler; works on the stable
# toolchain through RUSTC_BOOTSTRAP=1 (cargo-fuzz uses -Z sanitizer flags). Each target starts
# from a corpus seeded with the project's own articles and texts (kept in fuzz/corpus/, not
# committed). A crash input is copied to crates/qari-core/tests/fixtures/fuzz/<target>/, where
# `cargo test --test fuzz_regressions` replays it with the same invariants for good.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(loader_text loader_json loader_jsonl layout)
fi
export RUSTC_BOOTSTRAP=1

seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    loader_text) find crates/qari-core/assets/sample crates/qari-core/tests/fixtures/loader -name '*.txt' -exec cp -t "$dir" {} + ;;
    loader_json) find crates/qari-core/assets/sample crates/qari-core/tests/fixtures/loader -name '*.json' -exec cp -t "$dir" {} + ;;
    loader_csv) find crates/qari-core/tests/fixtures/exports -name '*.csv' -exec cp -t "$dir" {} + ;;
    loader_jsonl) find crates/qari-core/assets/sample crates/qari-core/tests/fixtures/loader -name '*.jsonl' -exec cp -t "$dir" {} + ;;
    layout)
      # Width 80, shaping and alignment on, then a paragraph of our own text.
      local n=0
      for f in crates/qari-core/tests/data/golden/*.txt benches/sample_ar.txt; do
        while IFS= read -r line && [ $n -lt 200 ]; do
          [ -n "$line" ] || continue
          { printf '\x50\x0c'; printf '%s' "$line"; } > "$dir/seed-$n"
          n=$((n + 1))
        done < "$f"
      done ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "== $t: ${secs} s"
  # -rss_limit_mb: a hostile input may not make qari hold more than 2 GiB.
  rc=0
  cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      > "fuzz/$t.log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|SUMMARY|==[0-9]+==ERROR)|panicked at' "fuzz/$t.log" || true
  found=$(find "fuzz/artifacts/$t" -type f 2>/dev/null || true)
  if [ -n "$found" ]; then
    mkdir -p "crates/qari-core/tests/fixtures/fuzz/$t"
    for f in $found; do
      cp "$f" "crates/qari-core/tests/fixtures/fuzz/$t/$(basename "$f")"
      echo "   found: crates/qari-core/tests/fixtures/fuzz/$t/$(basename "$f")"
    done
    status=1
  elif [ $rc -ne 0 ]; then
    echo "   $t did not run (exit $rc): see fuzz/$t.log" >&2
    status=2
  fi
done
exit $status
