#!/usr/bin/env bash
# The server's tests on SQLite and Postgres, for CI: starts a throwaway Postgres (pg-test-db.sh; it
# installs postgresql with apt when missing), runs the server's tests with CANCELFLOW_TEST_PG set,
# and stops it again whatever the outcome. Extra arguments go to vitest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
eval "$("$here/pg-test-db.sh" start)"
trap '"$here/pg-test-db.sh" stop' EXIT
cd "$root"
pnpm exec vitest run packages/server "$@"
