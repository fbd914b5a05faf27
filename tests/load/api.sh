#!/usr/bin/env bash
# Load benchmark of the JSON API's statuses (`GET /api/v1/statuses`): starts the release server on a
# fresh demonstration database, signs in as the demo reviewer, creates a read-only API token on the
# account page, and drives the API with wrk (Debian's package), 2 threads and 64 connections, in two
# runs: the statuses of today (121 rows, one page), and each request for another as-of date, so that
# every answer is computed anew. The token's rate limit is lifted for the run
# (`ENLACE_API_REQUESTS_PER_MINUTE`). Prints throughput and latency percentiles; the results are
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
duration="${DURATION:-20s}"
port="${APP_PORT:-3193}"

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
  ENLACE_API_REQUESTS_PER_MINUTE=1000000000 \
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
expires="$(date -d '+30 days' +%F)"
token="$(curl -fsS -D - -o /dev/null -H "Origin: $origin" -H "Cookie: $cookie" \
  --data "_form=%2Fapi%2Faccount%2Ftokens%2Fcreate&form%5Bname%5D=Load&form%5Bscope%5D=read&form%5Bexpires_on%5D=$expires" \
  "$origin/account" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: enlace_new_token=\(enl_[^;]*\).*/\1/p')"
[ -n "$token" ] || { echo "no token was created" >&2; exit 1; }
curl -fsS -H "Authorization: Bearer $token" "$origin/api/v1/statuses" | grep -q '"total":121' \
  || { echo "the statuses did not answer" >&2; exit 1; }

cat >"$work/dates.lua" <<'LUA'
local day = 0
request = function()
  day = (day + 1) % 365
  local t = os.time({ year = 2025, month = 1, day = 1 }) + day * 86400
  return wrk.format("GET", "/api/v1/statuses?as_of=" .. os.date("!%Y-%m-%d", t))
end
LUA

echo "== the statuses of today"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
  "$origin/api/v1/statuses"
echo "== each request another as-of date"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
  -s "$work/dates.lua" "$origin"
