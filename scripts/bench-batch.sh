#!/usr/bin/env bash
# Batch throughput and peak memory: N synthetic NDJSON assessments of the default model
# (default 100,000, about 1 GB), scored on one core and on all cores, beside a parse-only
# baseline (the same reading and parsing, no scoring, no output: cmmm-sheets' example
# `parse_only`). A tenth of N is run too,
# to show that peak memory stays flat as the input grows. Each figure is the best of REPEAT
# runs (default 3). Prints a Markdown table.
#
# CSV inputs (the long layout, one row per rating, and the wide layout, one row per
# assessment) of N/10 assessments are scored too, NDJSON results are written at the default
# tier and at --detail full, and the bytes per record of every NDJSON tier are printed.
# BASE=path/to/an/older/cmmm runs every row but the --detail one with that binary as well,
# side by side (the inputs are written by this build). The Python package's Model.batch
# (release wheel, scripts/python.sh --release) runs beside the CLI at the same tier.
#
#   bash scripts/bench-batch.sh            # N=100000
#   N=20000 REPEAT=1 bash scripts/bench-batch.sh
#   BASE=/tmp/base/target/release/cmmm bash scripts/bench-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100000}
SMALL=$((N / 10))
DIR=${BENCH_DIR:-target/bench-batch}
mkdir -p "$DIR"
cargo build --release -q -p cmmm-cli -p cmmm-synth
cargo build --release -q -p cmmm-sheets --example parse_only
CMMM=target/release/cmmm
PARSE=target/release/examples/parse_only
SYNTH=target/release/cmmm-synth
CORES=$(nproc)
# The Python package, release build, in target/python/venv; PYBATCH iterates Model.batch over
# a file at the summary tier, as an analyst's loop does, and counts the records.
bash scripts/python.sh --release >/dev/null
PYBATCH=$DIR/pybatch
cat >"$PYBATCH" <<PY
#!$PWD/target/python/venv/bin/python
import sys, cmmm
n = sum(1 for _ in cmmm.Model.default().batch(sys.argv[1], detail="summary"))
print(n, "records", file=sys.stderr)
PY
chmod +x "$PYBATCH"

for n in "$N" "$SMALL"; do
    if [ ! -s "$DIR/n$n.ndjson" ]; then
        "$SYNTH" --count "$n" --seed 7 --format ndjson --out "$DIR/n$n.ndjson" 2>/dev/null
    fi
done
for layout in long wide; do
    if [ ! -s "$DIR/n$SMALL-$layout.csv" ]; then
        "$SYNTH" --count "$SMALL" --seed 7 --format "csv-$layout" --out "$DIR/n$SMALL-$layout.csv" 2>/dev/null
    fi
done

# run LABEL RECORDS CPUS ARGS... — `cmmm batch ARGS...` (and the BASE binary's) as rows of
# `one`.
# one LABEL RECORDS CPUS COMMAND... — runs `$BIN COMMAND...` pinned to CPUS and prints one
# table row: the best of REPEAT runs (default 3; the machine may be shared, and the fastest
# run is the one least disturbed), its records/s,
# and the highest peak RSS of the runs.
run() {
    if [ -n "${BASE:-}" ]; then
        BIN=$BASE one "$1 (base)" "${@:2:2}" batch "${@:4}"
        BIN=$CMMM one "$1 (this build)" "${@:2:2}" batch "${@:4}"
    else
        BIN=$CMMM one "${@:1:3}" batch "${@:4}"
    fi
}

one() {
    local label=$1 records=$2 cpus=$3
    shift 3
    local best="" rss_kb=0 secs kb
    for _ in $(seq "${REPEAT:-3}"); do
        /usr/bin/time -o "$DIR/time.txt" -f '%e %M' taskset -c "$cpus" "$BIN" "$@" >/dev/null 2>&1 || true
        read -r secs kb < <(tail -n 1 "$DIR/time.txt")
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; fi
        if [ "$kb" -gt "$rss_kb" ]; then rss_kb=$kb; fi
    done
    awk -v l="$label" -v n="$records" -v s="$best" -v r="$rss_kb" \
        'BEGIN { printf "| %s | %d | %.2f | %d | %.0f |\n", l, n, s, (s > 0 ? n / s : 0), r / 1024 }'
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $CORES cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "Input: $DIR/n$N.ndjson ($(du -h "$DIR/n$N.ndjson" | cut -f1)), $N records"
echo
echo "| run | records | seconds | records/s | peak RSS (MiB) |"
echo "|---|---|---|---|---|"
all="0-$((CORES - 1))"
BIN=$PARSE one "parse only, 1 core" "$N" 0 "$DIR/n$N.ndjson" --jobs 1
run "score → CSV, 1 core" "$N" 0 "$DIR/n$N.ndjson" --format csv --jobs 1 --out "$DIR/out.csv"
BIN=$PARSE one "parse only, $CORES cores" "$N" "$all" "$DIR/n$N.ndjson" --jobs "$CORES"
run "score → CSV, $CORES cores" "$N" "$all" "$DIR/n$N.ndjson" --format csv --jobs "$CORES" --out "$DIR/out.csv"
run "score → NDJSON (default tier), $CORES cores" "$N" "$all" "$DIR/n$N.ndjson" --format ndjson --jobs "$CORES" --out "$DIR/out.ndjson"
BIN=$CMMM one "score → NDJSON (--detail summary), $CORES cores" "$N" "$all" batch "$DIR/n$N.ndjson" --format ndjson --detail summary --jobs "$CORES" --out "$DIR/out.ndjson"
BIN="$PYBATCH" one "Python Model.batch (summary), $CORES cores" "$N" "$all" "$DIR/n$N.ndjson"
BIN=$CMMM one "score → NDJSON (--detail full), $CORES cores" "$N" "$all" batch "$DIR/n$N.ndjson" --format ndjson --detail full --jobs "$CORES" --out "$DIR/out.ndjson"
run "score → CSV, $CORES cores, N/10" "$SMALL" "$all" "$DIR/n$SMALL.ndjson" --format csv --jobs "$CORES" --out "$DIR/out-small.csv"
run "long CSV in → CSV, $CORES cores, N/10" "$SMALL" "$all" "$DIR/n$SMALL-long.csv" --format csv --jobs "$CORES" --out "$DIR/out-small.csv"
run "wide CSV in → CSV, $CORES cores, N/10" "$SMALL" "$all" "$DIR/n$SMALL-wide.csv" --format csv --jobs "$CORES" --out "$DIR/out-small.csv"

# What each result tier weighs in NDJSON (this build), per record of the N/10 input.
echo
echo "| NDJSON tier | bytes per record |"
echo "|---|---|"
for detail in summary profile gaps full; do
    "$CMMM" batch "$DIR/n$SMALL.ndjson" --format ndjson --detail "$detail" --out "$DIR/out-small.ndjson" 2>/dev/null || true
    echo "| $detail | $(( $(stat -c %s "$DIR/out-small.ndjson") / SMALL )) |"
done
rm -f "$DIR/out.csv" "$DIR/out.ndjson" "$DIR/out-small.csv" "$DIR/out-small.ndjson"
