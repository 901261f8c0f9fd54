#!/usr/bin/env bash
# What a Temporal cluster needs besides toolchain/setup.sh's tools: the full server and its SQL schema
# tool (go.temporal.io/server cmd/server and cmd/tools/sql, schemas embedded), built from the Go module
# proxy into .tools/. Only `npm run cluster` and the cluster tests run it, not `npm start`. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=versions.env
source toolchain/versions.env
tools="$root/.tools"
mkdir -p "$tools/bin"

server_dir="$tools/temporal-server-$TEMPORAL_SERVER_VERSION"
if [ ! -x "$server_dir/server" ] || [ ! -x "$server_dir/sql" ]; then
  command -v go >/dev/null 2>&1 || {
    printf '[setup] missing tool: go\n[setup] install it first: Go >= 1.23\n' >&2; exit 1; }
  printf '[setup] building Temporal server v%s and its SQL tool from the Go module proxy (first time: a few minutes)\n' \
    "$TEMPORAL_SERVER_VERSION"
  mkdir -p "$server_dir"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$server_dir" GOFLAGS=-mod=mod \
    go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION"
fi
ln -sfn "$server_dir/server" "$tools/bin/temporal-server"
ln -sfn "$server_dir/sql" "$tools/bin/temporal-sql-tool"
