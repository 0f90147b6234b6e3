#!/usr/bin/env bash
# Portfolio report timing: N synthetic assessments (default 10,000) of the default model are
# scored by `cmmm batch` into NDJSON with full results (about 40 KB a record), then
# `cmmm report --portfolio` reads them and writes the HTML and the Markdown report, on all
# cores and on one. Best of three runs, with peak memory. Target: under 2 s for 10,000.
#
#   bash scripts/bench-report.sh          # N=10000
#   N=100000 bash scripts/bench-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
DIR=${BENCH_DIR:-target/bench-report}
mkdir -p "$DIR"
cargo build --release -q -p cmmm-cli -p cmmm-synth
CMMM=target/release/cmmm
SYNTH=target/release/cmmm-synth
RESULTS="$DIR/results-$N.ndjson"
if [ ! -s "$RESULTS" ]; then
    "$SYNTH" --count "$N" --seed 7 --format ndjson --out "$DIR/input-$N.ndjson" 2>/dev/null
    "$CMMM" batch "$DIR/input-$N.ndjson" --out "$RESULTS" 2>/dev/null || true
fi
CORES=$(nproc)

# run LABEL ARGS... — one table row: best wall time of three runs and its peak RSS.
run() {
    local label=$1 best="" rss=""
    shift
    for _ in 1 2 3; do
        /usr/bin/time -o "$DIR/time.txt" -f '%e %M' "$CMMM" report --portfolio "$RESULTS" "$@" >/dev/null
        read -r secs kb <"$DIR/time.txt"
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$secs
            rss=$kb
        fi
    done
    awk -v l="$label" -v n="$N" -v s="$best" -v r="$rss" \
        'BEGIN { printf "| %s | %d | %.2f | %.0f |\n", l, n, s, r / 1024 }'
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $CORES cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Input: $RESULTS ($(du -h "$RESULTS" | cut -f1)), $N records"
echo
echo "| run | records | seconds (best of 3) | peak RSS (MiB) |"
echo "|---|---|---|---|"
run "portfolio → HTML, $CORES cores" --out "$DIR/portfolio.html"
run "portfolio → Markdown + SVG, $CORES cores" --format md --out "$DIR/portfolio.md"
run "portfolio → HTML, 1 core" --jobs 1 --out "$DIR/portfolio.html"
