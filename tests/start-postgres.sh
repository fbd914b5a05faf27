#!/usr/bin/env bash
# Makes sure a local PostgreSQL server runs with a database the PostgreSQL tests may empty, installing
# Debian's server package if needed, and prints that database's URL. Idempotent; needs root.
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }
as_postgres() { su postgres -c "$1"; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >&2 || { apt-get update -qq && apt-get install -y -qq postgresql >&2; }
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  say "creating the PostgreSQL $version cluster"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  say "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')

psql_admin="psql -p $port -v ON_ERROR_STOP=1 -qtA"
if [ -z "$(as_postgres "$psql_admin -c \"SELECT 1 FROM pg_roles WHERE rolname = 'enlace_test'\"")" ]; then
  as_postgres "$psql_admin -c \"CREATE ROLE enlace_test LOGIN PASSWORD 'enlace_test'\"" >&2
fi
if [ -z "$(as_postgres "$psql_admin -c \"SELECT 1 FROM pg_database WHERE datname = 'enlace_test'\"")" ]; then
  as_postgres "$psql_admin -c \"CREATE DATABASE enlace_test OWNER enlace_test\"" >&2
fi

echo "postgres://enlace_test:enlace_test@127.0.0.1:$port/enlace_test"
