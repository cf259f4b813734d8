#!/usr/bin/env bash
# A throwaway Postgres for the server's tests, without systemd:
#
#   eval "$(packages/server/scripts/pg-test-db.sh start)"   # prints: export CANCELFLOW_TEST_PG=postgres://…
#   pnpm exec vitest run packages/server                    # storage tests now run on SQLite and Postgres
#   packages/server/scripts/pg-test-db.sh stop
#
# `start` installs Postgres from the distribution (apt) when no server binaries are found, creates a
# cluster in $CANCELFLOW_PG_DIR (default /tmp/cancelflow-pg) listening on 127.0.0.1:$CANCELFLOW_PG_PORT
# (default 54329) and prints the URL on stdout; progress goes to stderr. Running it again while the
# cluster is up only prints the URL. The cluster trades durability for speed (fsync=off): test data only.
set -euo pipefail

dir="${CANCELFLOW_PG_DIR:-/tmp/cancelflow-pg}"
port="${CANCELFLOW_PG_PORT:-54329}"
url="postgres://postgres@127.0.0.1:$port/postgres"

say() { echo "pg-test-db: $*" >&2; }

# Postgres refuses to run as root: as root, run its tools as the `postgres` user the package creates.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

find_bin() {
  local found
  found=$(command -v pg_ctl 2>/dev/null || true)
  if [ -z "$found" ]; then
    found=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$found" ] && dirname "$found"
}

install_postgres() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  say "installing postgresql from apt"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
}

start() {
  local bin
  bin=$(find_bin || true)
  if [ -z "$bin" ]; then
    install_postgres
    bin=$(find_bin)
  fi
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    say "already running in $dir"
    echo "export CANCELFLOW_TEST_PG=$url"
    return
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    say "initdb in $dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  fi
  say "starting on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
  echo "export CANCELFLOW_TEST_PG=$url"
}

stop() {
  local bin
  bin=$(find_bin || true)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
