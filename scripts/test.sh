#!/usr/bin/env bash
# The one test command (README): installs what it needs, idempotently, then runs every check:
# formatting, clippy with warnings denied, every test (unit, integration, golden vectors,
# properties, JSON Schema and C header staleness, CLI, report snapshots, the C API from C
# under valgrind), a fuzzing smoke run of every fuzz target, rustdoc with warnings denied, the WebAssembly package (Node tests,
# TypeScript check), and the HTML reports and the web form in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# rustfmt and clippy ship with the toolchain here; add them only when missing.
for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
        step "installing the $component component"
        rustup component add "$component"
    fi
done

# The C API's tools: a C compiler, pkg-config and valgrind from Debian's packages when
# missing, and cbindgen, pinned, for the committed header (crates/cmmm-ffi/include/cmmm.h).
missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
CBINDGEN_VERSION=0.29.4
if [ "$(cbindgen --version 2>/dev/null)" != "cbindgen $CBINDGEN_VERSION" ]; then
    step "installing cbindgen $CBINDGEN_VERSION"
    cargo install cbindgen --version "=$CBINDGEN_VERSION" --locked
fi

step "C header up to date (cbindgen $CBINDGEN_VERSION)"
fresh_header=$(mktemp)
trap 'rm -f "$fresh_header"' EXIT
(cd crates/cmmm-ffi && cbindgen --quiet --config cbindgen.toml --output "$fresh_header")
if ! diff -u crates/cmmm-ffi/include/cmmm.h "$fresh_header"; then
    echo "crates/cmmm-ffi/include/cmmm.h is stale; regenerate it with:" >&2
    echo "  (cd crates/cmmm-ffi && cbindgen --quiet --config cbindgen.toml --output include/cmmm.h)" >&2
    exit 1
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

# Fuzzing (scripts/fuzz.sh installs cargo-fuzz, pinned, when missing): every target of
# fuzz/ for a short smoke run, seeded from the examples, the golden vectors and their sheets
# and the committed regressions; any crash fails the run.
step "fuzz smoke run (30 s a target)"
bash scripts/fuzz.sh 30

step "rustdoc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

# The WebAssembly half (README, "WASM and the web form"): clippy on wasm32, the npm package
# (scripts/build-npm.sh installs the wasm32 target and the pinned wasm-bindgen-cli when
# missing), the Node tests on the packed package, and the TypeScript consumer check.
step "npm package (wasm32-unknown-unknown, wasm-bindgen)"
bash scripts/build-npm.sh
cargo clippy -p cmmm-ffi --lib --target wasm32-unknown-unknown --locked -- -D warnings

step "Node tests of the packed npm package (node --test)"
js=crates/cmmm-ffi/tests/js
# npm ci (TypeScript) when node_modules is missing or was installed from another lock file.
if ! cmp -s "$js/package-lock.json" "$js/node_modules/.cmmm-installed-lock" 2>/dev/null; then
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$js/package-lock.json" "$js/node_modules/.cmmm-installed-lock"
fi
rm -rf "$js/node_modules/cmmm"
mkdir -p "$js/node_modules/cmmm" target/npm/cli-results
tar -xzf target/npm/cmmm-*.tgz -C "$js/node_modules/cmmm" --strip-components=1
for example in data/examples/*.json; do
    cargo run -q --locked -p cmmm-cli -- score --format json "$example" \
        --out "target/npm/cli-results/$(basename "$example")"
done
(cd "$js" && node --test --expose-gc)

step "TypeScript consumer check (tsc --noEmit; Node and bundler resolution)"
(cd "$js" && node_modules/.bin/tsc -p tsconfig.json && node_modules/.bin/tsc -p tsconfig.bundler.json)

step "browser: HTML reports in headless Chromium (screenshots and PDFs in target/report-screens)"
bash tests/browser/setup.sh
cargo build --locked -q -p cmmm-cli -p cmmm-synth
node tests/browser/reports.mjs target/debug/cmmm target/debug/cmmm-synth

step "browser: the web form in headless Chromium (screenshots in target/browser)"
node tests/browser/form.mjs

step "all checks passed"
