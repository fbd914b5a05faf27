#!/usr/bin/env bash
# Load benchmark of the regional dashboard (`/`), the page reviewers open most: starts the release
# server on a fresh demonstration database, signs in as the demo reviewer once per connection,
# saves the dashboard's HTML as a static file served by nginx, and drives both with wrk from
# Debian's packages in the same run (64 connections, 30 seconds each by default). The first run is
# what users get: every connection a session of its own, each request for another as-of date and
# address, so that every page is rendered anew. Then one session asking for the same page (served from the
# page memory), and nginx serving the saved page. Prints throughput and latency percentiles; the
# results are recorded in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places. CONNECTIONS, THREADS and DURATION change the load; PAGE measures
# another page that takes as_of the same way (`PAGE=/outlook`).
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
duration="${DURATION:-30s}"
page="${PAGE:-/}"
# What shows the page rendered whole: the dashboard's country chart, the outlook's warnings.
case "$page" in
  /outlook*) marker='id="outlook-warnings"' ;;
  *) marker='id="chart-countries"' ;;
esac
app_port="${APP_PORT:-3190}"
static_port="${STATIC_PORT:-3191}"

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk nginx-light || { apt-get update -qq && apt-get install -y -qq wrk nginx-light; }
fi
[ -x "$binary" ] || { echo "no release build at $binary: run cargo leptos build --release" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

DATABASE_URL="sqlite://$work/enlace.db?mode=rwc" ENLACE_DEMO=1 RUST_LOG=warn \
  LEPTOS_SITE_ADDR="127.0.0.1:$app_port" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=enlace "$binary" >"$work/enlace.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$app_port/health" >/dev/null 2>&1 && break
  sleep 0.2
done

# One session per connection, as a reviewer's many tabs and machines would have.
sign_in() {
  curl -fsS -D - -o /dev/null \
    -H "Origin: http://127.0.0.1:$app_port" \
    --data 'email=reviewer%40demo.enlace&password=enlace-demo-2026' \
    "http://127.0.0.1:$app_port/api/sign-in" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(enlace_session=[^;]*\).*/\1/p'
}
cookie="$(sign_in)"
[ -n "$cookie" ] || { echo "could not sign in as the demo reviewer" >&2; exit 1; }
{
  echo "local cookies = {"
  for _ in $(seq 1 "$connections"); do echo "  \"$(sign_in)\","; done
  echo "}"
} >"$work/sessions.lua"

mkdir -p "$work/www"
curl -fsS -H "Cookie: $cookie" "http://127.0.0.1:$app_port$page" >"$work/www/index.html"
grep -q "$marker" "$work/www/index.html" || { echo "$page did not render" >&2; exit 1; }

# nginx's workers run as another user: they must be able to read the page.
chmod -R a+rX "$work"
cat >"$work/nginx.conf" <<CONF
worker_processes $threads;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  server {
    listen 127.0.0.1:$static_port;
    root $work/www;
  }
}
CONF
nginx -c "$work/nginx.conf" &
nginx_pid=$!
sleep 0.5

echo "== $page from Enlace, $connections sessions, each request for another as-of date (every page rendered anew)"
{ cat "$work/sessions.lua"; echo "local page = \"$page\""; } >"$work/sessions-page.lua"
cat "$work/sessions-page.lua" tests/load/threads.lua - >"$work/sessions-as-of.lua" <<'LUA'
local first = os.time { year = 2025, month = 1, day = 1, hour = 12 }
-- The requests take the sessions in turn.
request = function()
  counter = counter + 1
  local day = os.date("!%Y-%m-%d", first + math.random(0, 650) * 86400)
  local cookie = cookies[(counter % #cookies) + 1]
  -- The sessions are one account's, which share its pages: an address of its own (`n`) keeps
  -- each page rendered anew.
  -- As a browser asks: compressed (the server answers brotli).
  return wrk.format("GET", page .. "?as_of=" .. day .. "&n=" .. id .. "." .. counter,
    { Cookie = cookie, ["Accept-Encoding"] = "gzip, deflate, br, zstd" })
end
LUA
wrk -t"$threads" -c"$connections" -d"$duration" --latency \
  -s "$work/sessions-as-of.lua" "http://127.0.0.1:$app_port/"
echo
echo "== $page from Enlace, one session asking for the same page (page $(wc -c <"$work/www/index.html") bytes, from the page memory)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" \
  -H "Accept-Encoding: gzip, deflate, br, zstd" "http://127.0.0.1:$app_port$page"
echo
echo "== the same page as a static file from nginx"
curl -fsS -o /dev/null "http://127.0.0.1:$static_port/index.html" || { echo "nginx does not serve the page" >&2; exit 1; }
wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$static_port/index.html"
