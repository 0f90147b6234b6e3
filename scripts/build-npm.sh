#!/usr/bin/env bash
# Builds the npm package `cmmm` (WebAssembly build of crates/cmmm-ffi) into target/npm/cmmm/,
# packs it into target/npm/cmmm-VERSION.tgz, and copies the web form with the package into
# target/web/ (a static site: open it from any static file server).
#
# Installs, when missing: the wasm32-unknown-unknown target, and wasm-bindgen-cli of exactly
# the version crates/cmmm-ffi/Cargo.toml pins for the wasm-bindgen crate (the two must match).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# The one pin: `wasm-bindgen = "=0.2.N"` in crates/cmmm-ffi/Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crates/cmmm-ffi/Cargo.toml)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
    echo "no exact wasm-bindgen pin (wasm-bindgen = \"=0.2.N\") in crates/cmmm-ffi/Cargo.toml" >&2
    exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked
fi

step "building cmmm-ffi for wasm32-unknown-unknown (profile wasm-release)"
cargo build -p cmmm-ffi --lib --target wasm32-unknown-unknown --profile wasm-release --locked

out=target/npm/cmmm
step "wasm-bindgen $WASM_BINDGEN_VERSION → $out"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name cmmm \
    --remove-producers-section \
    target/wasm32-unknown-unknown/wasm-release/cmmm_ffi.wasm
# The raw exports' declarations are not part of the API.
rm -f "$out/cmmm_bg.wasm.d.ts"

pkgid=$(cargo pkgid -p cmmm-ffi)
version=${pkgid##*[#@]}
cp crates/cmmm-ffi/npm/index.js crates/cmmm-ffi/npm/node.js crates/cmmm-ffi/npm/node.d.ts \
    crates/cmmm-ffi/npm/README.md "$out/"
node -e '
const fs = require("fs");
const [template, target, version] = process.argv.slice(1);
const pkg = JSON.parse(fs.readFileSync(template, "utf8"));
pkg.version = version;
fs.writeFileSync(target, JSON.stringify(pkg, null, 2) + "\n");
' crates/cmmm-ffi/npm/package.json "$out/package.json" "$version"

step "npm pack"
(cd target/npm && rm -f cmmm-*.tgz && npm pack --silent ./cmmm >/dev/null && ls cmmm-*.tgz)

step "web form → target/web"
rm -rf target/web
mkdir -p target/web/vendor
cp -r web/. target/web/
cp "$out/index.js" "$out/cmmm.js" "$out/cmmm_bg.wasm" target/web/vendor/
mkdir -p target/web/data
cp data/programs.json target/web/data/

raw=$(wc -c <"$out/cmmm_bg.wasm")
gz=$(gzip -9 -c "$out/cmmm_bg.wasm" | wc -c)
printf 'cmmm_bg.wasm: %d bytes raw, %d bytes gzip -9\n' "$raw" "$gz"
