#!/usr/bin/env bash
# Scale benchmark: fills a database with a generated plan (`enlace demo-scale`, 100 countries ×
# 1,000 actions × 10 years unless SIZE says otherwise) on SQLite, on PostgreSQL, or both, starts the
# release server on it and prints what users get:
#   - the generation's time, the server's start-up and the plan's first reading (the snapshot);
#   - the regional dashboard, a country's page, the matrix, the outlook, a theme's page, the plan
#     and the JSON statuses, each rendered anew (every request another as-of date, one session per
#     connection) and from the memories (one session, the same page): p50 and p99 under
#     CONNECTIONS (64) connections with wrk, and one request at a time (what one user waits); the
#     outlook's backtest, first and remembered;
#   - status saves under load (tests/load/saves.py, WORKERS at once) while readers load the
#     dashboard rendered anew: as fast as the writers can (the server's ceiling), then at SAVE_RATE
#     (50) a second, due whatever the answers take (a crowd of focal points); then at that rate
#     while the readers load today's dashboard, which each save changes: 32 people (32 focal
#     points' sessions), then one reviewer's sessions; then while the 32 people load Mexico's
#     page; the readers' rate and percentiles meanwhile, and the snapshot's readings meanwhile
#     (the server's metrics);
#   - the server's memory (RSS) at start, after the pages, after the saves, after each report (and
#     the highest it reached);
#   - the annual report of the last validated round in each format (PDF, Word, Excel).
# Each load starts once the server is idle again (`settle`), not behind the last one's pages.
# The results are recorded in docs/performance.md ("Scale").
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places. SIZE="countries actions years", BACKENDS="sqlite postgres",
# DURATION (10s), CONNECTIONS, WORKERS (8), SAVE_RATE (50) and REPORTS (the formats,
# "pdf docx xlsx"; empty for none) change the run. wrk comes from Debian's packages;
# PostgreSQL is started by tests/start-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
read -r countries actions years <<<"${SIZE:-100 1000 10}"
backends="${BACKENDS:-sqlite postgres}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
workers="${WORKERS:-8}"
save_rate="${SAVE_RATE:-50}"
reports="${REPORTS-pdf docx xlsx}"
port="${APP_PORT:-3194}"
origin="http://127.0.0.1:$port"

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

rss() { echo "$(( $(awk '/VmRSS/ { print $2 }' "/proc/$app_pid/status") / 1024 )) MB"; }
peak() { echo "$(( $(awk '/VmHWM/ { print $2 }' "/proc/$app_pid/status") / 1024 )) MB"; }

# Waits (30 s at most) until the server's process is idle: when wrk stops, the pages it asked for
# last and gave up on are still being rendered, and the next measurement would wait behind them.
# (PostgreSQL's processes are not watched: the server waits for their answers while it renders.)
settle() {
  local before after hertz
  hertz="$(getconf CLK_TCK)"
  for _ in $(seq 1 60); do
    before="$(awk '{ print $14 + $15 }' "/proc/$app_pid/stat")"
    sleep 0.5
    after="$(awk '{ print $14 + $15 }' "/proc/$app_pid/stat")"
    # Under a tenth of one core over the half second.
    [ $(( (after - before) * 20 )) -lt "$hertz" ] && return
  done
  echo "  (the server was still busy after 30 s)" >&2
}
seconds() { date +%s.%N; }
since() { printf '%.2f s' "$(echo "$(seconds) - $1" | bc)"; }

sign_in() {
  curl -fsS -D - -o /dev/null -H "Origin: $origin" \
    --data "email=$1%40demo.enlace&password=enlace-demo-2026" "$origin/api/sign-in" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(enlace_session=[^;]*\).*/\1/p'
}

# A wrk script asking for PAGE rendered anew: each request another as-of date, address and session
# (of sessions.lua), in anew.lua; with "today", a file of sessions and a script's name after PAGE,
# the page as of today (no as-of date), each request another of those sessions, in that script:
# what the readers of the page ask, which each save makes be computed again.
anew_script() {
  local page="$1" sessions="$work/sessions.lua" script="$work/anew.lua" today=false
  if [ "${2:-}" = today ]; then
    sessions="$3" script="$work/${4:?the today script needs a name}" today=true
  fi
  { cat "$sessions"; echo "local page = \"$page\""; echo "local token = \"$token\""
    echo "local today = $today"; } >"$script"
  cat tests/load/threads.lua >>"$script"
  cat >>"$script" <<'LUA'
local first = os.time { year = 2017, month = 1, day = 1, hour = 12 }
local joiner = page:find("?", 1, true) and "&" or "?"
request = function()
  counter = counter + 1
  local day = os.date("!%Y-%m-%d", first + math.random(0, 3560) * 86400)
  local address = today and page or page .. joiner .. "as_of=" .. day
  -- The sessions are one account's, which share its pages: an address of its own keeps each page
  -- rendered anew (the API is not kept).
  if not today and not address:find("^/api/") then address = address .. "&n=" .. id .. "." .. counter end
  return wrk.format("GET", address, {
    Cookie = cookies[(counter % #cookies) + 1],
    Authorization = "Bearer " .. token,
    ["Accept-Encoding"] = "gzip, deflate, br, zstd",
  })
end
LUA
}

# wrk's percentiles of one page: rendered anew (each request another as-of date and address), then
# from the memories (one session, the same address).
measure() {
  local name="$1" page="$2" marker="$3"
  settle
  curl -fsS -H "Cookie: $cookie" -H "Authorization: Bearer $token" "$origin$page" >"$work/page" \
    || { echo "$page did not answer" >&2; exit 1; }
  grep -q -- "$marker" "$work/page" || { echo "$page did not render" >&2; exit 1; }
  local alone
  alone="$(curl -sS -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" \
    -H "Authorization: Bearer $token" "$origin$page$(case "$page" in *\?*) echo '&';; *) echo '?';; esac)as_of=2020-06-30")"
  anew_script "$page"
  local anew memory
  anew="$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/anew.lua" "$origin/" \
    | awk '/ 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Requests\/sec/ { rate = $2 } END { printf "p50 %s, p99 %s, %s/s", p50, p99, rate }')"
  settle
  memory="$(wrk -t2 -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" \
    -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip, deflate, br, zstd" "$origin$page" \
    | awk '/ 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Requests\/sec/ { rate = $2 } END { printf "p50 %s, p99 %s, %s/s", p50, p99, rate }')"
  printf '%-22s %7s KB  alone %5.0f ms | anew %s | remembered %s\n' "$name" \
    "$(( $(wc -c <"$work/page") / 1024 ))" "$(echo "$alone * 1000" | bc)" "$anew" "$memory"
}

# The snapshot's readings so far (`/metrics`): a line "kind count seconds" for each kind.
readings() {
  curl -fsS "$origin/metrics" 2>/dev/null | awk '
    /^enlace_snapshot_reload_seconds_(sum|count)/ {
      match($0, /read="[a-z]+"/); read = substr($0, RSTART + 6, RLENGTH - 7)
      if ($1 ~ /_sum/) seconds[read] = $NF; else count[read] = $NF
    }
    END { for (read in count) print read, count[read], seconds[read] }' || true
}

# Status saves (tests/load/saves.py on the caller's `pairs`, WORKERS at once; its further arguments
# after SCRIPT and LABEL, such as --rate) while 32 readers load pages as the wrk script SCRIPT asks
# (`anew_script`); then the readers' rate and percentiles, and the snapshot's readings meanwhile.
saves_under_readers() {
  local script="$1" label="$2"
  shift 2
  settle
  readings >"$work/readings"
  wrk -t1 -c32 -d"$duration" --latency -s "$script" "$origin/" >"$work/readers" &
  local readers=$!
  echo "  status saves, $label: $(python3 tests/load/saves.py "$@" "$origin" "${duration%s}" "$workers" "${pairs[@]}" \
    || echo "saves.py failed")"
  wait "$readers"
  # wrk counts failed answers among its requests, and those beyond 2 s as timeouts: both said.
  echo "    the readers meanwhile: $(awk '/Requests\/sec/ { rate = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 }
    /Non-2xx/ { failed = $NF } /Socket errors/ { sub(/^ *Socket errors: /, ""); errors = $0 }
    END { printf "%s/s, p50 %s, p99 %s, %d failed, socket errors: %s", rate, p50, p99, failed, errors ? errors : "none" }' "$work/readers")"
  readings | awk -v before="$work/readings" '
    BEGIN {
      while ((getline line < before) > 0) { split(line, field, " "); count[field[1]] = field[2]; seconds[field[1]] = field[3] }
      printf "    the snapshot'"'"'s readings meanwhile:"
    }
    $2 > count[$1] {
      printf "%s %s %d (mean %.1f ms)", separator, $1, $2 - count[$1], 1000 * ($3 - seconds[$1]) / ($2 - count[$1])
      separator = ","
    }
    END { print "" }'
}

run() {
  local backend="$1" url
  case "$backend" in
    sqlite) url="sqlite://$work/scale.db?mode=rwc" ;;
    postgres)
      local admin
      admin="$(bash tests/start-postgres.sh)"
      local port_pg="${admin##*:}"; port_pg="${port_pg%%/*}"
      su postgres -c "psql -p $port_pg -qtA -c 'DROP DATABASE IF EXISTS enlace_scale' -c 'CREATE DATABASE enlace_scale OWNER enlace_test'" >/dev/null
      url="postgres://enlace_test:enlace_test@127.0.0.1:$port_pg/enlace_scale"
      ;;
  esac
  echo "== $backend: $countries countries × $actions actions × $years years"
  local started
  started="$(seconds)"
  DATABASE_URL="$url" RUST_LOG=warn "$binary" demo-scale \
    --countries "$countries" --actions "$actions" --years "$years" | sed 's/^/  /'
  echo "  generated in $(since "$started")"

  started="$(seconds)"
  DATABASE_URL="$url" RUST_LOG=warn ENLACE_API_REQUESTS_PER_MINUTE=1000000000 ENLACE_METRICS_FROM=127.0.0.1 \
    LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_OUTPUT_NAME=enlace "$binary" >"$work/enlace-$backend.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 600); do
    curl -fsS "$origin/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "  started in $(since "$started"), RSS $(rss)"
  cookie="$(sign_in reviewer)"
  [ -n "$cookie" ] || { echo "could not sign in as the demo reviewer" >&2; exit 1; }
  started="$(seconds)"
  curl -fsS -o /dev/null -H "Cookie: $cookie" "$origin/"
  echo "  first dashboard (the plan read whole) in $(since "$started"), RSS $(rss)"
  {
    echo "local cookies = {"
    for _ in $(seq 1 "$connections"); do echo "  \"$(sign_in reviewer)\","; done
    echo "}"
  } >"$work/sessions.lua"
  token="$(curl -fsS -D - -o /dev/null -H "Origin: $origin" -H "Cookie: $cookie" \
    --data "_form=%2Fapi%2Faccount%2Ftokens%2Fcreate&form%5Bname%5D=Scale&form%5Bscope%5D=read&form%5Bexpires_on%5D=$(date -d '+30 days' +%F)" \
    "$origin/account" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: enlace_new_token=\(enl_[^;]*\).*/\1/p')"
  [ -n "$token" ] || { echo "no API token was created" >&2; exit 1; }

  measure "regional dashboard" "/" 'id="chart-countries"'
  measure "country page" "/countries/mx" 'id="chart-country-themes"'
  measure "matrix" "/matrix" 'class="matrix"'
  measure "outlook" "/outlook" 'id="outlook-warnings"'
  measure "a theme's page" "/themes/1" 'id="chart-theme-countries"'
  measure "the plan" "/plan" 'id="theme-1"'
  measure "JSON statuses" "/api/v1/statuses" '"total":'
  echo "  RSS after the pages: $(rss)"
  # The outlook's backtest: every month of the history, every country; then again in the other
  # language (another page, the same projections, remembered per country).
  for lang in en es; do
    started="$(seconds)"
    curl -fsS -o /dev/null -H "Cookie: $cookie" "$origin/outlook/method?lang=$lang"
    echo "  the outlook's method (backtest), $lang: $(since "$started")"
  done

  # Saves while 32 readers load the dashboard rendered anew: flat out, then at a fixed rate.
  local pairs=()
  # Eight open country-actions from each of WORKERS places in the list (by country, then action),
  # so that the saves go to several countries (each writer saves in all of them in turn).
  mapfile -t pairs < <(python3 - "$origin" "$token" "$workers" <<'PY'
import json, sys, urllib.request
origin, token, places = sys.argv[1], sys.argv[2], int(sys.argv[3])
def statuses(page):
    request = urllib.request.Request(f"{origin}/api/v1/statuses?per_page=200&page={page}",
                                     headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(request, timeout=60))
pages = -(-statuses(1)["page"]["total"] // 200)
taken = []
for place in range(places):
    items = statuses(1 + place * pages // places)["items"]
    open_ones = [s["country"] + ":" + s["action"] for s in items
                 if s["status"] not in ("cancelled", "not_applicable", "completed")]
    taken += [pair for pair in open_ones if pair not in taken][:8]
print("\n".join(taken))
PY
)
  [ "${#pairs[@]}" -gt 0 ] || { echo "no open country-action to save" >&2; exit 1; }
  # The readers of today's dashboard as 32 people make them: the focal points of the first 32
  # countries that have one, each signed in once; then as one reviewer's sessions make them.
  # Then the 32 people reading Mexico's page (which Mexico's focal point sees with its forms).
  local people=() iso2 person
  for iso2 in $(curl -fsS -H "Authorization: Bearer $token" "$origin/api/v1/countries" \
    | python3 -c 'import json, sys; print(" ".join(c["iso2"].lower() for c in json.load(sys.stdin)["items"]))'); do
    person="$(sign_in "focal.$iso2" 2>/dev/null || true)"
    [ -n "$person" ] && people+=("$person")
    [ "${#people[@]}" -lt 32 ] || break
  done
  [ "${#people[@]}" -gt 0 ] || { echo "no focal point could sign in" >&2; exit 1; }
  { echo "local cookies = {"; printf '  "%s",\n' "${people[@]}"; echo "}"; } >"$work/people.lua"
  anew_script "/"
  anew_script "/" today "$work/people.lua" people-dashboard.lua
  anew_script "/" today "$work/sessions.lua" sessions-dashboard.lua
  anew_script "/countries/mx" today "$work/people.lua" people-country.lua
  saves_under_readers "$work/anew.lua" "as fast as $workers writers can"
  saves_under_readers "$work/anew.lua" "$save_rate a second" --rate "$save_rate"
  saves_under_readers "$work/people-dashboard.lua" \
    "$save_rate a second, ${#people[@]} people reading today's dashboard" --rate "$save_rate"
  saves_under_readers "$work/sessions-dashboard.lua" \
    "$save_rate a second, one reviewer's sessions reading today's dashboard" --rate "$save_rate"
  saves_under_readers "$work/people-country.lua" \
    "$save_rate a second, ${#people[@]} people reading Mexico's page" --rate "$save_rate"
  echo "  RSS after the saves: $(rss)"

  local secretariat year
  secretariat="$(sign_in secretariat)"
  year="$((2026 - 1))"
  for format in $reports; do
    started="$(seconds)"
    answer="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $secretariat" -H "Origin: $origin" \
      -H 'Accept: text/html' --data "year=$year&language=en&format=$format" "$origin/reports/generate")"
    echo "  annual report $year, $format: $answer in $(since "$started"), RSS $(rss) (highest so far $(peak))"
  done
  echo "  RSS at the end: $(rss)"
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

for backend in $backends; do
  run "$backend"
done
