#!/usr/bin/env bash
# Side-by-side speed of `qari render --width 80` and GNU FriBidi's `fribidi --width 80` on the
# same >= 8 MB of Arabic news prose, generated from our own sample sentences
# (benches/sample_ar.txt) repeated in a shuffled order that is the same on every run.
#
#   benches/vs_fribidi.sh [MEGABYTES]     (default 8; needs fribidi, uses hyperfine if present)
#
# Prints the mean time of each and the ratio qari/fribidi (below 1.0: qari is faster), also
# for qari held to one thread (RAYON_NUM_THREADS=1).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-8}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
qari="$CARGO_TARGET_DIR/release/qari"
data="${TMPDIR:-/tmp}/qari_bench_ar_${mb}mb.txt"
sample=benches/sample_ar.txt
bytes_per_line=$(( $(wc -c < "$sample") / $(wc -l < "$sample") ))
lines=$(( mb * 1024 * 1024 / bytes_per_line + 1 ))
shuf -r -n "$lines" --random-source=<(yes qari) "$sample" > "$data"
size=$(wc -c < "$data")
echo "input: $data, $size bytes, $(wc -l < "$data") lines; $(nproc) cores"

if command -v hyperfine > /dev/null; then
    csv=$(mktemp)
    hyperfine --warmup 2 --runs 10 -N --export-csv "$csv" \
        "$qari render --width 80 $data" "fribidi --width 80 $data" \
        "env RAYON_NUM_THREADS=1 $qari render --width 80 $data"
    q=$(awk -F, 'NR==2 {print $2}' "$csv")
    f=$(awk -F, 'NR==3 {print $2}' "$csv")
    q1=$(awk -F, 'NR==4 {print $2}' "$csv")
    # CPU time (user + system) of the one-thread run and of fribidi: steadier than wall time
    # on a busy machine.
    qc=$(awk -F, 'NR==4 {print $5 + $6}' "$csv")
    fc=$(awk -F, 'NR==3 {print $5 + $6}' "$csv")
    rm -f "$csv"
else
    best() {
        local best=999999
        for _ in 1 2 3 4 5; do
            local t0 t1
            t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N)
            local ms=$(( (t1 - t0) / 1000000 ))
            (( ms < best )) && best=$ms
        done
        echo "scale=3; $best / 1000" | bc
    }
    q=$(best "$qari" render --width 80 "$data")
    f=$(best fribidi --width 80 "$data")
    q1=$(RAYON_NUM_THREADS=1 best "$qari" render --width 80 "$data")
fi
awk -v q="$q" -v f="$f" -v q1="$q1" -v qc="${qc:-0}" -v fc="${fc:-0}" -v s="$size" 'BEGIN {
    printf "qari render --width 80:            %.3f s (%.1f MB/s)\n", q, s / q / 1048576
    printf "  same, one thread:                %.3f s (%.1f MB/s)\n", q1, s / q1 / 1048576
    printf "fribidi --width 80:                %.3f s (%.1f MB/s)\n", f, s / f / 1048576
    printf "ratio qari/fribidi:                %.2f\n", q / f
    printf "ratio qari (one thread)/fribidi:   %.2f\n", q1 / f
    if (fc > 0) printf "CPU time, one thread vs fribidi:   %.3f s vs %.3f s (ratio %.2f)\n", qc, fc, qc / fc
}'
