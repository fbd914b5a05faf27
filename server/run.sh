#!/usr/bin/env bash
# Runs Enlace on this machine with the demonstration database: installs what is missing (the wasm
# target, cargo-leptos, the matching wasm-bindgen, wasm-opt), builds the release site and serves it on
# http://127.0.0.1:3000 (LEPTOS_SITE_ADDR to change). The SQLite database is created, migrated and
# seeded under ./data/ on first start; DATABASE_URL and ENLACE_DEMO=0 override that.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/install-build-tools
export ENLACE_DEMO="${ENLACE_DEMO:-1}"
exec cargo leptos serve --release --precompress
