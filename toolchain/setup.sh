#!/usr/bin/env bash
# Installs what a fresh clone is missing, from the registries this machine reaches, into git-ignored
# folders. Idempotent: every step is skipped when its stamp matches, so a second run costs seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=versions.env
source toolchain/versions.env
tools="$root/.tools"
mkdir -p "$tools/bin"

say() { printf '[setup] %s\n' "$*"; }
need() {
  # $1 command, $2 what to install when it is missing
  if ! command -v "$1" >/dev/null 2>&1; then
    printf '[setup] missing tool: %s\n[setup] install it first: %s\n' "$1" "$2" >&2
    exit 1
  fi
}

need node "Node.js >= 20.3 (Debian: apt-get install nodejs npm)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=3)?0:1)' || {
  printf '[setup] Node.js %s is too old: this project needs >= 20.3\n' "$(node --version)" >&2; exit 1; }
need npm "npm 11 (comes with Node.js; npm install -g npm@11)"

# 1. npm packages, from the committed lockfile. The stamp is the lockfile's hash.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.setup-stamp 2>/dev/null || true)" != "$lock_hash" ]; then
  say "npm ci (lockfile changed or node_modules missing)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.setup-stamp
fi

# 2. Temporal CLI (dev server + Web UI), built from the Go module proxy. Pure Go, no cgo.
cli_dir="$tools/temporal-cli-$TEMPORAL_CLI_VERSION"
if [ ! -x "$cli_dir/temporal" ]; then
  need go "Go >= 1.23 (Debian: apt-get install golang, or https://go.dev/dl)"
  say "building Temporal CLI v$TEMPORAL_CLI_VERSION from the Go module proxy (first time: a few minutes)"
  mkdir -p "$cli_dir"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$cli_dir" GOFLAGS=-mod=mod \
    go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
fi
ln -sfn "$cli_dir/temporal" "$tools/bin/temporal"

# 3. Java time-skipping test server from Maven Central, with a launcher the SDK can run.
ts_dir="$tools/test-server-$TEMPORAL_TEST_SERVER_VERSION"
if [ ! -f "$ts_dir/lib/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION.jar" ]; then
  need java "a Java runtime >= 11 (Debian: apt-get install default-jre-headless)"
  need mvn "Maven (Debian: apt-get install maven)"
  say "collecting Temporal test server $TEMPORAL_TEST_SERVER_VERSION from Maven Central"
  TEMPORAL_TEST_SERVER_VERSION="$TEMPORAL_TEST_SERVER_VERSION" mvn -q -B -f toolchain/test-server/pom.xml \
    dependency:copy-dependencies -DoutputDirectory="$ts_dir/lib" -DincludeScope=runtime
fi
# The SDK starts the launcher with the port as its only argument and stops it with SIGKILL,
# so the launcher must exec java itself (no wrapper process left behind).
cat > "$ts_dir/test-server" <<LAUNCHER
#!/bin/sh
exec java -Xss2m -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer "\$@"
LAUNCHER
chmod +x "$ts_dir/test-server"
ln -sfn "$ts_dir/test-server" "$tools/bin/temporal-test-server"

# 4. Prisma clients, generated offline (no engine download: the query compiler is wasm inside the package):
#    SQLite from prisma/schema.prisma, PostgreSQL from the schema derived from it.
schema_hash="$(cat prisma/schema.prisma prisma/postgresql/schema.prisma package-lock.json | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$tools/prisma-generate-stamp" 2>/dev/null || true)" != "$schema_hash" ] \
  || [ ! -d node_modules/.prisma/client ] || [ ! -d node_modules/.prisma-postgresql/client ]; then
  say "prisma generate"
  for schema in prisma/schema.prisma prisma/postgresql/schema.prisma; do
    bash toolchain/prisma.sh generate --schema "$schema" >/dev/null 2>&1 \
      || bash toolchain/prisma.sh generate --schema "$schema"
  done
  echo "$schema_hash" > "$tools/prisma-generate-stamp"
fi

# 5. PostgreSQL from Debian's packages: the storage tests run on it as well as on SQLite, each test
#    starting a throwaway cluster on loopback (scripts/postgres-server.ts). SQLite needs nothing.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "apt-get install postgresql"
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# 6. Chromium from Debian's packages for the page tests (playwright-core drives it; no browser download),
#    and the Noto CJK fonts, without which Chinese renders as boxes in screenshots. The check is on the
#    binary test/helpers/browser.ts launches.
browser_packages=""
[ -x /usr/lib/chromium/chromium ] || browser_packages=" chromium"
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || browser_packages="$browser_packages fonts-noto-cjk"
if [ -n "$browser_packages" ]; then
  say "apt-get install$browser_packages"
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  # shellcheck disable=SC2086 # the list is word-split on purpose
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $browser_packages >/dev/null
fi
