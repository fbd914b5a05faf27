#!/usr/bin/env bash
# Benchmark of the annual report's generation: starts the release server on a fresh demonstration
# database, signs in as the demo secretariat (who alone may generate it), and generates the report
# of the latest round in Spanish as PDF, Word and Excel, RUNS times each (5 by default), through the
# same form a browser posts. Prints each format's times (assembling the figures, typesetting or
# writing, keeping the file): the first of the process, the median, the fastest and the slowest, and
# the PDF's pages; the results are recorded in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release`); ENLACE_BIN and LEPTOS_SITE_ROOT say where
# it is when not in the default places.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
binary="${ENLACE_BIN:-$target/release/enlace}"
site="${LEPTOS_SITE_ROOT:-target/site}"
runs="${RUNS:-5}"
year="${YEAR:-2026}"
port="${APP_PORT:-3192}"

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
  --data 'email=secretariat%40demo.enlace&password=enlace-demo-2026' "$origin/api/sign-in" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(enlace_session=[^;]*\).*/\1/p')"
[ -n "$cookie" ] || { echo "could not sign in as the demo secretariat" >&2; exit 1; }

for format in pdf docx xlsx; do
  times=()
  for _ in $(seq 1 "$runs"); do
    answer="$(curl -sS -o /dev/null -w '%{http_code} %{time_total} %{redirect_url}' -H "Cookie: $cookie" \
      -H "Origin: $origin" -H 'Accept: text/html' \
      --data "year=$year&language=es&format=$format" "$origin/reports/generate")"
    read -r status time kept <<<"$answer"
    [ "$status" = 303 ] || { echo "$format: the server answered $answer" >&2; exit 1; }
    times+=("$time")
  done
  sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
  median="$(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")"
  size=""
  if [ "$format" = pdf ]; then
    curl -fsS -H "Cookie: $cookie" -o "$work/report.pdf" "$kept"
    size=", $(pdfinfo "$work/report.pdf" | sed -n 's/^Pages: *//p') pages"
  fi
  echo "$format$size: first ${times[0]}s, median ${median}s, fastest $(printf '%s\n' "$sorted" | head -1)s, slowest $(printf '%s\n' "$sorted" | tail -1)s over $runs runs"
done
