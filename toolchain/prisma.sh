#!/usr/bin/env bash
# Runs the Prisma CLI offline. Prisma 6.19 still tries to download engine binaries unless these point
# somewhere; with `engine: "js"` in prisma.config.ts it never runs them (wasm schema engine, query compiler).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PRISMA_SCHEMA_ENGINE_BINARY="$root/.tools/prisma-engine-not-used"
export PRISMA_QUERY_ENGINE_LIBRARY="$root/.tools/prisma-engine-not-used"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_DISABLE_WARNINGS=1
exec node node_modules/prisma/build/index.js "$@"
