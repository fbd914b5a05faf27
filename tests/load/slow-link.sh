#!/usr/bin/env bash
# Times every main page as a focal point on a slow link would get it: headless Chromium through the
# DevTools protocol, 400 kbit/s each way, 2 s round trips and the processor 4 times slower, signed
# in, on a new demonstration database. Prints a Markdown table of each page's first visit (empty
# cache) and next visit: the bytes on the wire, the first paint, and when the page answers (its
# islands woken, or parsed when it has none). The results are recorded in docs/performance.md.
#
# Needs the release build (`cargo leptos build --release --precompress`) and Chromium, as the
# browser tests do (tests/run-all.sh installs both); ENLACE_BIN says where the binary is when not in
# the default place.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo nextest run --locked --run-ignored only --no-capture \
  -E 'binary(browser) & test(slow_link_measurements)' 2>&1 | grep '^|'
