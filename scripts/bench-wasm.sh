#!/usr/bin/env bash
# Size and speed of the WebAssembly build: the raw and gzip size of cmmm_bg.wasm (with the
# embedded default model), and the time to score one full assessment of the default model
# (data/examples/discrete.json, 300 requirements) in Node after warm-up, through each entry
# point of the npm package. Builds the package first (scripts/build-npm.sh). Figures are
# recorded in BENCHMARKS.md, section "WASM".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-npm.sh >/dev/null
wasm=target/npm/cmmm/cmmm_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'cmmm_bg.wasm  raw %8d bytes (%4d KiB)\n' "$raw" $((raw / 1024))
printf '              gzip -9 %4d bytes (%4d KiB)   limit 400 KB\n' "$gz" $((gz / 1024))
printf 'node %s, %s\n\n' "$(node --version)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
node scripts/bench-wasm.mjs target/npm/cmmm data/examples/discrete.json
