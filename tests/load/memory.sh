#!/usr/bin/env bash
# Memory benchmark on the demonstration data: starts the release server on a fresh demonstration
# database and prints its memory (RSS, of it the anonymous memory: the heap and the threads'
# stacks; the highest it reached; and, read every half second during each load, the median and
# the ninth decile, since under load the RSS swings by tens of MB within a second) at start, after
# PAGES seconds (100) of page loads, after status saves (by WORKERS writers, 8, until SAVES, 2,400,
# went through) with the page loads going on, and after IDLE seconds (10) without requests.
# CONNECTIONS (64) and APP_PORT change the run.
#
# The page loads are what reviewers make: 64 sessions, each request for one of the main pages
# (the regional dashboard, a member's page, the matrix, the outlook, the scorecard, the JSON
# statuses) on another as-of date and address, so that each is rendered anew, compressed as
# browsers ask.
# The results are recorded in docs/performance.md ("Scale", the tenth and eleventh passes).
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places. wrk comes from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
pages_for="${PAGES:-100}"
saves_wanted="${SAVES:-2400}"
workers="${WORKERS:-8}"
idle="${IDLE:-10}"
connections="${CONNECTIONS:-64}"
port="${APP_PORT:-3195}"
origin="http://127.0.0.1:$port"

if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }
fi
[ -x "$binary" ] || { echo "no release build at $binary: run cargo leptos build --release" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
  [ -n "${readers:-}" ] && kill "$readers" 2>/dev/null || true
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The resident memory, and how much of it is anonymous (the heap and the threads' stacks) rather
# than the program's code.
rss() {
  awk '/VmRSS/ { rss = $2 } /RssAnon/ { anon = $2 }
    END { printf "%d MB (%d MB anonymous)", rss / 1024, anon / 1024 }' "/proc/$app_pid/status"
}
peak() { echo "$(( $(awk '/VmHWM/ { print $2 }' "/proc/$app_pid/status") / 1024 )) MB"; }
# The RSS read every half second since the last call (by `sample`, in the background).
sample() {
  while kill -0 "$app_pid" 2>/dev/null; do
    awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$app_pid/status" >>"$work/samples" 2>/dev/null
    sleep 0.5
  done
}
during() {
  # The decile's index worked out before printf: in mawk (Debian's awk) a `>` among printf's
  # arguments sends the output to a file.
  sort -n "$work/samples" | awk '{ mb[NR] = $1 }
    END { if (NR) { decile = int(NR * 0.9); if (decile < 1) decile = 1
      printf "median %d MB, 9 in 10 readings at or under %d MB", mb[int((NR + 1) / 2)], mb[decile] } }'
  : >"$work/samples"
}

DATABASE_URL="sqlite://$work/enlace.db?mode=rwc" ENLACE_DEMO=1 RUST_LOG=warn \
  ENLACE_API_REQUESTS_PER_MINUTE=1000000000 \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_OUTPUT_NAME=enlace "$binary" >"$work/enlace.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 300); do
  curl -fsS "$origin/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$origin/health" >/dev/null 2>&1 \
  || { echo "the server did not start:" >&2; tail "$work/enlace.log" >&2; exit 1; }
echo "== the demonstration data"
echo "  started: RSS $(rss)"
: >"$work/samples"
sample &
sampler=$!

sign_in() {
  curl -fsS -D - -o /dev/null -H "Origin: $origin" \
    --data "email=$1%40demo.enlace&password=enlace-demo-2026" "$origin/api/sign-in" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(enlace_session=[^;]*\).*/\1/p'
}
cookie="$(sign_in reviewer)"
[ -n "$cookie" ] || { echo "could not sign in as the demo reviewer" >&2; exit 1; }
token="$(curl -fsS -D - -o /dev/null -H "Origin: $origin" -H "Cookie: $cookie" \
  --data "_form=%2Fapi%2Faccount%2Ftokens%2Fcreate&form%5Bname%5D=Memory&form%5Bscope%5D=read&form%5Bexpires_on%5D=$(date -d '+30 days' +%F)" \
  "$origin/account" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: enlace_new_token=\(enl_[^;]*\).*/\1/p')"
[ -n "$token" ] || { echo "no API token was created" >&2; exit 1; }

# The pages, each request another as-of date in the plan's years and the sessions in turn.
{
  echo "local cookies = {"
  for _ in $(seq 1 "$connections"); do echo "  \"$(sign_in reviewer)\","; done
  echo "}"
  echo "local token = \"$token\""
} >"$work/pages.lua"
cat tests/load/threads.lua >>"$work/pages.lua"
cat >>"$work/pages.lua" <<'LUA'
local pages = { "/", "/countries/mx", "/countries/gt", "/countries/cr", "/matrix", "/outlook",
  "/scorecard", "/api/v1/statuses" }
local first = os.time { year = 2025, month = 1, day = 1, hour = 12 }
request = function()
  counter = counter + 1
  local day = os.date("!%Y-%m-%d", first + math.random(0, 700) * 86400)
  local address = pages[math.random(#pages)] .. "?as_of=" .. day
  -- The sessions are one account's, which share its pages: an address of its own keeps each page
  -- rendered anew (the API is not kept).
  if not address:find("^/api/") then address = address .. "&n=" .. id .. "." .. counter end
  return wrk.format("GET", address, {
    Cookie = cookies[(counter % #cookies) + 1],
    Authorization = "Bearer " .. token,
    ["Accept-Encoding"] = "gzip, deflate, br, zstd",
  })
end
LUA
loads() {
  wrk -t2 -c"$connections" -d"$1s" -s "$work/pages.lua" "$origin/" \
    | awk '/Requests\/sec/ { rate = $2 } /Non-2xx/ { failed = $NF }
      /Socket errors/ { sub(/^ *Socket errors: /, ""); errors = $0 }
      END { printf "%s pages a second, %d failed, socket errors: %s", rate, failed, errors ? errors : "none" }'
}
: >"$work/samples"
echo "  page loads for ${pages_for} s: $(loads "$pages_for")"
echo "    RSS $(rss) (highest $(peak)); during them: $(during)"

# Saves by the secretariat, the status of each country-action going back and forth, with the page
# loads going on: rounds of ten seconds of tests/load/saves.py until SAVES went through, on the
# first open country-actions of the list.
mapfile -t pairs < <(curl -fsS -H "Authorization: Bearer $token" "$origin/api/v1/statuses?per_page=200" \
  | python3 -c 'import json, sys
open_ones = [s for s in json.load(sys.stdin)["items"]
             if s["status"] not in ("cancelled", "not_applicable", "completed")]
for s in open_ones[:int(sys.argv[1])]:
    print(s["country"] + ":" + s["action"])' "$((workers * 4))")
[ "${#pairs[@]}" -gt 0 ] || { echo "no open country-action to save" >&2; exit 1; }
round=10
: >"$work/samples"
saved=0
refused=0
started="$(date +%s)"
wrk -t1 -c"$(( (connections + 1) / 2 ))" -d600s -s "$work/pages.lua" "$origin/" >"$work/readers" &
readers=$!
while [ "$saved" -lt "$saves_wanted" ] && [ "$(( $(date +%s) - started ))" -lt 300 ]; do
  answer="$(python3 tests/load/saves.py "$origin" "$round" "$workers" "${pairs[@]}")"
  saved=$((saved + ${answer%% *}))
  refused=$((refused + $(echo "$answer" | sed -n 's/.*, \([0-9]*\) refused.*/\1/p')))
done
kill "$readers" 2>/dev/null || true
wait "$readers" 2>/dev/null || true
readers=""
echo "  $saved saves ($refused refused) in $(( $(date +%s) - started )) s with page loads"
echo "    RSS $(rss) (highest $(peak)); during them: $(during)"
sleep "$idle"
echo "  after ${idle} s without requests: RSS $(rss) (highest $(peak))"
