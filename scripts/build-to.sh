#!/usr/bin/env bash
# Builds the app into another directory (default .lead-dist) so tests can run against a
# build that a concurrent `npm run build` (which wipes dist/) cannot pull away:
#   bash scripts/build-to.sh .lead-dist && GX_DIST_DIR=.lead-dist npm run test:only
# Type errors are reported but do not stop the emit (work in progress elsewhere in the tree).
set -uo pipefail
out="${1:-.lead-dist}"
rm -rf "$out"
node scripts/generate-swagger-metadata.mjs >/dev/null 2>&1 || echo "warning: swagger metadata not regenerated (type errors)"
npx tsc -p tsconfig.build.json --outDir "$out" | head -20
npx tsc -p tsconfig.migrations.json --outDir "$out/migrations" | head -20
test -f "$out/cli/migrate.js" && test -f "$out/main.js"
