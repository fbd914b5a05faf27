#!/usr/bin/env bash
# Times `enlace backup` and `enlace restore` on the demonstration database, on SQLite and, when
# ENLACE_TEST_POSTGRES_URL names a database it may empty, on PostgreSQL: starts the release server
# on a new demonstration database, backs it up while the server runs, stops it, and restores the
# backup into an empty database. Prints each time and the backup's size; the results are recorded
# in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN says where it is when not in
# the default place.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
port="${APP_PORT:-3192}"
[ -x "$binary" ] || { echo "no release build at $binary: run cargo leptos build --release" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

seconds() { awk -v start="$1" -v now="$(date +%s%N)" 'BEGIN { printf "%.2f", (now - start) / 1e9 }'; }

# measure NAME DATABASE_URL EMPTY_DATABASE_URL
measure() {
  local name=$1 url=$2 empty=$3
  DATABASE_URL="$url" ENLACE_DEMO=1 RUST_LOG=warn LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    "$binary" >"$work/$name.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  local start
  start=$(date +%s%N)
  DATABASE_URL="$url" RUST_LOG=warn "$binary" backup "$work/$name.enlace" >/dev/null
  local backup_time
  backup_time=$(seconds "$start")
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
  start=$(date +%s%N)
  DATABASE_URL="$empty" RUST_LOG=warn "$binary" restore --replace "$work/$name.enlace" >/dev/null
  local restore_time
  restore_time=$(seconds "$start")
  printf '%-10s backup %s s (while serving)   restore %s s   file %s KB\n' \
    "$name" "$backup_time" "$restore_time" "$(( $(stat -c %s "$work/$name.enlace") / 1024 ))"
}

measure sqlite "sqlite://$work/enlace.db?mode=rwc" "sqlite://$work/restored.db?mode=rwc"
if [ -n "${ENLACE_TEST_POSTGRES_URL:-}" ]; then
  psql -q "$ENLACE_TEST_POSTGRES_URL" -c 'SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
  measure postgresql "$ENLACE_TEST_POSTGRES_URL" "$ENLACE_TEST_POSTGRES_URL"
fi
