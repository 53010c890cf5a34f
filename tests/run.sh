#!/usr/bin/env bash
# Every test, Rust and Python, on a fresh machine with only Rust and Python 3.11.
# Installs what it needs (a virtualenv in .venv with maturin, pytest, mypy, and the optional
# packages the Python tests cover: pandas, dask, nbclient, Pillow; chromium too when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (release: the hostile-input tests run at full size)"
# The Python binding is tested from Python below; its cdylib does not link a test binary.
cargo test --release --workspace --exclude informant-python --locked

step "cargo doc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "python: build and install into .venv"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" .venv/bin/maturin develop --release --quiet

if [ -n "${CI:-}" ] && ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  # For the rendering screenshot test; without it that test skips (never fails).
  step "chromium (CI only)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    echo "chromium could not be installed: the screenshot test will skip"
fi

step "pytest"
.venv/bin/python -m pytest -q tests/python

step "mypy --strict and stubtest"
.venv/bin/python -m mypy --strict tests/python/typed_example.py python/informant
.venv/bin/python -m mypy.stubtest informant._informant
