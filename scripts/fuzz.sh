#!/usr/bin/env bash
# Fuzzing (README, "Fuzzing"): builds the targets of fuzz/ with cargo-fuzz (installed, pinned,
# when missing), seeds each target's corpus from the shipped examples, the golden vectors and
# the examples converted to every sheet format, adds the committed regressions
# (fuzz/regressions/TARGET/), and runs every target for SECONDS (default 30) with libFuzzer;
# any crash fails the run and leaves its input in fuzz/artifacts/TARGET/. The toolchain here
# is stable; cargo-fuzz's nightly flags are allowed with RUSTC_BOOTSTRAP=1.
#
#   bash scripts/fuzz.sh          # the test command's smoke run: 30 s a target
#   bash scripts/fuzz.sh 600      # a campaign: 10 minutes a target
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-30}
TARGETS=(assessment model sheets c_api)
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O

# Seeds: written fresh each run (the corpora grow as the fuzzer runs, under target/).
cargo build -q --locked -p cmmm-cli
corpus=target/fuzz-corpus
for t in "${TARGETS[@]}"; do
    mkdir -p "$corpus/$t" "fuzz/regressions/$t"
done
cp data/examples/*.json "$corpus/assessment/"
cp data/examples/*.json "$corpus/c_api/"
cp data/models/*.json tests/vectors/models/*.json "$corpus/model/"
python3 - "$corpus" <<'PY'
import glob, json, os, sys
corpus = sys.argv[1]
for path in glob.glob("tests/vectors/*.json"):
    vector = json.load(open(path, encoding="utf-8"))
    text = vector.get("assessment_text") or json.dumps(vector["assessment"], ensure_ascii=False)
    name = "vector-" + os.path.basename(path)
    for target in ("assessment", "c_api", "sheets"):
        open(os.path.join(corpus, target, name), "w", encoding="utf-8").write(text)
PY
for e in data/examples/*.json; do
    name=$(basename "$e" .json)
    for to in json ndjson csv csv-wide xlsx; do
        target/debug/cmmm convert "$e" --to "$to" --out "$corpus/sheets/$name.$to" 2>/dev/null
    done
done

# Each target's libFuzzer log goes to target/fuzz-TARGET.log; its closing figures are
# printed, and the end of the log when it found something.
for t in "${TARGETS[@]}"; do
    log=target/fuzz-$t.log
    if ! cargo fuzz run -O "$t" "$corpus/$t" "fuzz/regressions/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -seed=1 -rss_limit_mb=4096 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz target $t failed: the input is in fuzz/artifacts/$t/ (log: $log)" >&2
        exit 1
    fi
    echo "fuzz $t: $(grep -m1 '^Done ' "$log"), corpus $(ls "$corpus/$t" | wc -l) inputs"
done
