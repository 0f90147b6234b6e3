#!/usr/bin/env bash
# The one test command (README): installs what it needs, idempotently, then runs every check:
# formatting, clippy with warnings denied, every test (unit, integration, golden vectors,
# properties, JSON Schema staleness, CLI), and rustdoc with warnings denied.
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

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "rustdoc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "all checks passed"
