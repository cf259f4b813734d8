#!/usr/bin/env bash
# Writes a self-contained server into <dir>: the `cancelflow` CLI with its production dependencies only
# (@cancelflow/server, core and the built widget), as `npm install @cancelflow/cli` would lay it out.
# Needs `pnpm install` and `pnpm build` first. The Dockerfile runs this; so does the test that proves
# the image's file tree works (packages/cli/test/deploy.test.ts). Run it: node <dir>/bin/cancelflow.js serve
set -euo pipefail
out="${1:?usage: scripts/deploy-server.sh <empty output dir>}"
cd "$(dirname "$0")/.."
for built in packages/core/dist packages/server/dist packages/widget/dist/cancelflow.js packages/cli/dist; do
  [ -e "$built" ] || { echo "deploy-server: $built is missing; run pnpm build first" >&2; exit 1; }
done
pnpm --filter @cancelflow/cli deploy --prod "$out" >&2
echo "deploy-server: wrote $out (run: node $out/bin/cancelflow.js serve)" >&2
