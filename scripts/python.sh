#!/usr/bin/env bash
# The Python package (crates/cmmm-py): builds the wheel into target/wheels with maturin
# (pinned; installed into target/python/tools when missing), installs it into a fresh virtual
# environment with the pinned test tools, runs the pytest suite (crates/cmmm-py/tests) and
# mypy --strict on a consumer file.
#
#   scripts/python.sh            debug wheel, tests (what scripts/test.sh runs)
#   scripts/python.sh --release  release wheel, tests (what scripts/bench-batch.sh uses)
set -euo pipefail
cd "$(dirname "$0")/.."
# No __pycache__ in the source tree.
export PYTHONDONTWRITEBYTECODE=1

MATURIN=1.16.0
PYTEST=9.2.0
MYPY=2.4.1
PANDAS=3.1.1
PANDAS_STUBS=3.1.0.261029

profile=()
[ "${1:-}" = "--release" ] && profile=(--release)

tools=target/python/tools
if [ "$("$tools/bin/maturin" --version 2>/dev/null)" != "maturin $MATURIN" ]; then
    echo "installing maturin $MATURIN into $tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install -q --disable-pip-version-check "maturin==$MATURIN"
fi

rm -f target/wheels/cmmm-*.whl
"$tools/bin/maturin" build -q "${profile[@]}" --locked -m crates/cmmm-py/Cargo.toml --out target/wheels
wheel=$(ls target/wheels/cmmm-*.whl)

# A fresh environment each run: what a user gets from `pip install cmmm[pandas]`.
venv=target/python/venv
python3 -m venv --clear "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "$wheel[pandas]" "pandas==$PANDAS" \
    "pytest==$PYTEST" "mypy==$MYPY" "pandas-stubs==$PANDAS_STUBS"

# The CLI the tests compare with, built as the Rust tests build it.
cargo build -q --locked -p cmmm-cli
CMMM_CLI="$PWD/target/debug/cmmm" "$venv/bin/python" -m pytest -q -p no:cacheprovider crates/cmmm-py/tests
"$venv/bin/python" -m mypy --strict --no-incremental crates/cmmm-py/tests/consumer.py
echo "python: wheel $(basename "$wheel"), tests and mypy --strict passed"
