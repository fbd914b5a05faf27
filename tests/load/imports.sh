#!/usr/bin/env bash
# How long an import takes, as its users wait for it: starts the release server on a fresh
# demonstration database; as Costa Rica's focal point, downloads the 34-indicator values template
# of the open round, fills every row (openpyxl, as a spreadsheet program would), uploads it, opens
# its preview and confirms it; then, as the secretariat, the same with the statuses template of
# every country (11 countries × 11 actions, every status and milestone changed). Prints the time of
# each step; the results are recorded in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places. openpyxl is installed from PyPI into a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
port="${APP_PORT:-3192}"
[ -x "$binary" ] || { echo "no release build at $binary: run cargo leptos build --release" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q openpyxl

DATABASE_URL="sqlite://$work/enlace.db?mode=rwc" ENLACE_DEMO=1 RUST_LOG=warn \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=enlace "$binary" >"$work/enlace.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done

"$work/venv/bin/python" tests/load/imports.py "http://127.0.0.1:$port"
