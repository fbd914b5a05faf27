#!/usr/bin/env bash
# Runs every test of Enlace, from a fresh clone on a fresh machine: installs what is missing (the build
# tools, Chromium and ChromeDriver, axe-core, poppler-utils and LibreOffice for reading the annual
# report's files back, a local PostgreSQL server), then checks formatting and lints, runs
# the unit, integration and command-line tests, the same data and pages on PostgreSQL, builds the site
# with cargo-leptos in release mode, runs two release servers on one PostgreSQL database and the
# browser tests against it.
# Every install is guarded, so a second run only builds and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*" >&2; }

# On CI (`CI` set) the build cache lives outside the clone, so that repeated runs on one machine
# reuse it, and each crate is built once: incremental state would only fill the disk.
if [ -n "${CI:-}" ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/enlace/target}"
  export CARGO_INCREMENTAL=0
fi

source .ci/install-build-tools

# On CI the build cache is shared by every fresh clone, and each clone links its own test binaries
# (hundreds of MB each); those of earlier runs are relinked if ever needed, so they are let go.
if [ -n "${CI:-}" ] && [ -d "${CARGO_TARGET_DIR:-target}/debug/deps" ]; then
  find "${CARGO_TARGET_DIR:-target}/debug/deps" -maxdepth 1 -type f -perm -u+x ! -name '*.so' \
    -mmin +120 -delete 2>/dev/null || true
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium chromium-driver \
    || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
fi

if ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null; then
  say "installing poppler-utils and LibreOffice for the annual report's tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui \
    || { apt-get update -qq && apt-get install -y -qq poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui; }
fi

# axe-core, the accessibility checker the browser tests run in every page, pinned, from npm (which
# the build tools already need).
axe_dir="$HOME/.cache/enlace/axe"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  say "installing axe-core for the accessibility checks"
  npm install --prefix "$axe_dir" --no-audit --no-fund --silent axe-core@4.11.0
fi
export ENLACE_AXE="$axe_dir/node_modules/axe-core/axe.min.js"

say "formatting"
cargo fmt --all -- --check

# The default members leave out `frontend`, so that one cargo run never builds `app` with both its
# `ssr` and `hydrate` features; the browser build is linted on its own target.
say "lints (server and tests)"
cargo clippy --all-targets --locked -- -D warnings

say "lints (browser build)"
cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings

# nextest runs each test in its own process (see .config/nextest.toml); it ships with the Rust
# toolchain on these machines, and is installed where it is missing.
if ! cargo nextest --version >/dev/null 2>&1; then
  say "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi
say "unit, integration and command-line tests"
cargo nextest run --locked

# The ignored tests run from the binaries the run above built: the same build, nothing relinked.
say "PostgreSQL"
if [ -z "${ENLACE_TEST_POSTGRES_URL:-}" ]; then
  ENLACE_TEST_POSTGRES_URL=$(bash tests/start-postgres.sh)
fi
ENLACE_TEST_POSTGRES_URL="$ENLACE_TEST_POSTGRES_URL" \
  cargo nextest run --locked --run-ignored only -E 'binary(it) & test(/^postgres::/)'

# The release build, as `server/run.sh` serves it: the browser tests also prove that the optimised
# wasm still hydrates.
say "building the release site"
cargo leptos build --release --precompress

say "two release servers on one PostgreSQL database"
ENLACE_TEST_POSTGRES_URL="$ENLACE_TEST_POSTGRES_URL" \
  cargo nextest run --locked --run-ignored only -E 'binary(it) & test(/^servers::/)'

# The browser tests, with every page's weight, phone layout and accessibility checked; the slow
# link's timings are a measurement (tests/load/slow-link.sh), not a test.
say "browser tests"
cargo nextest run --locked --run-ignored only -E 'binary(browser) & !test(slow_link_measurements)'

say "all tests passed"
