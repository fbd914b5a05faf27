#!/usr/bin/env bash
# Load benchmark of the legislation matrix's pages: starts the release server on a fresh
# demonstration database (11 members × 21 provisions), signs in as the demo reviewer and drives each
# page with wrk (Debian's package), 2 threads and 64 connections: the matrix, a provision's page with
# its chart, four countries compared, an entry with its history, and the matrix as a workbook. As
# users get them: each request's address differs (a counter in the query), so that every page is
# rendered anew rather than answered from the server's page memory, and compressed as browsers ask
# (`Accept-Encoding: br, gzip`). Prints throughput and latency percentiles; the results are
# recorded in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places. CONNECTIONS, THREADS and DURATION change the load.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
duration="${DURATION:-15s}"
port="${APP_PORT:-3194}"

if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }
fi
[ -x "$binary" ] || { echo "no release build at $binary: run cargo leptos build --release" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

DATABASE_URL="sqlite://$work/enlace.db?mode=rwc" ENLACE_DEMO=1 RUST_LOG=warn \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=enlace "$binary" >"$work/enlace.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done

origin="http://127.0.0.1:$port"
cookie="$(curl -fsS -D - -o /dev/null -H "Origin: $origin" \
  --data 'email=reviewer%40demo.enlace&password=enlace-demo-2026' "$origin/api/sign-in" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(enlace_session=[^;]*\).*/\1/p')"
[ -n "$cookie" ] || { echo "the reviewer could not sign in" >&2; exit 1; }

cat >"$work/anew.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  local separator = string.find(page, "?", 1, true) and "&" or "?"
  return wrk.format("GET", page .. separator .. "anew=" .. n)
end
LUA

for page in \
  "/legislation" \
  "/legislation/provisions/SOM-6-1-A" \
  "/legislation/compare?country=CR&country=GT&country=MX&country=US" \
  "/countries/cr/legislation/SOM-6-1-A" \
  "/exports/legislation.xlsx"; do
  size="$(curl -fsS -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" "$origin$page")"
  sent="$(curl -fsS -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" \
    -H 'Accept-Encoding: br, gzip' "$origin$page")"
  echo "== $page ($size bytes, $sent on the wire)"
  sed "1i local page = \"$page\"" "$work/anew.lua" >"$work/page.lua"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" \
    -H 'Accept-Encoding: br, gzip' -s "$work/page.lua" "$origin" \
    | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx'
done
