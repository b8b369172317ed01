#!/usr/bin/env bash
# The catalog issue's table, measured: builds qari (release) and runs benches/scale.py on
# generated archives (SIZES="10000 100000 300000" for all three; SCALE_DIR for where the
# archives go, default /tmp). Prints qari's figure, the reference's and their ratio per row.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
exec python3 benches/scale.py
