#!/usr/bin/env bash
# The Dockerfile's steps without Docker: build, prune to production dependencies, assemble the runtime
# image's files in a temp folder, start dist/src/main.js as a non-root user and wait for /healthz to say 200.
#   scripts/container-smoke.sh            full run: npm ci and tsc in the temp copy, as the image build does
#   scripts/container-smoke.sh --reuse    reuses this checkout's node_modules (hard links) and dist/ (tests)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REUSE=0
[[ "${1:-}" == "--reuse" ]] && REUSE=1
WORK="$(mktemp -d "${TMPDIR:-/tmp}/trade-brief-image-XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "container-smoke: $*" >&2; }

# --- build stage (/app in the Dockerfile is $WORK/build) ---
mkdir -p "$WORK/build"
cd "$ROOT"
cp package.json package-lock.json tsconfig.json tsconfig.build.json "$WORK/build/"
cp -r scripts src commands "$WORK/build/"
# The build answers one `brief` from the seed to make the one-shot CLI's code cache.
mkdir -p "$WORK/build/data"
cp data/seed.json data/sources.json "$WORK/build/data/"
cd "$WORK/build"
if [[ $REUSE == 1 ]]; then
  say "reusing node_modules and dist/ of $ROOT"
  cp -al "$ROOT/node_modules" node_modules
  # npm rewrites this file in place: give the copy its own, so the checkout's stays as it was.
  cp --remove-destination "$ROOT/node_modules/.package-lock.json" node_modules/.package-lock.json
  cp -r "$ROOT/dist" dist
else
  npm ci --ignore-scripts --no-audit --no-fund
  npm run build
fi
npm prune --omit=dev --ignore-scripts --no-audit --no-fund >&2

# --- runtime stage (/app is $WORK/app, the /data volume is $WORK/data) ---
mkdir -p "$WORK/app/data" "$WORK/data"
cp "$WORK/build/package.json" "$WORK/app/"
mv "$WORK/build/node_modules" "$WORK/build/dist" "$WORK/app/"
cp "$ROOT/data/seed.json" "$ROOT/data/sources.json" "$WORK/app/data/"
cp -r "$ROOT/migrations" "$WORK/app/"
[[ -f "$WORK/app/migrations/001_store.sql" ]] || { say "FAIL: the migrations are not in the image"; exit 1; }
mkdir -p "$WORK/app/assets"
cp -r "$ROOT/assets/fonts" "$WORK/app/assets/"
[[ -f "$WORK/app/assets/fonts/DejaVuSans.ttf" ]] || { say "FAIL: the chart font is not in the image"; exit 1; }
for dev in typescript vitest tsx @biomejs/biome; do
  if [[ -e "$WORK/app/node_modules/$dev" ]]; then say "FAIL: dev dependency $dev is in the image"; exit 1; fi
done
[[ -e "$WORK/app/node_modules/pino" && -e "$WORK/app/node_modules/prom-client" ]] || {
  say "FAIL: a production dependency is missing"
  exit 1
}

# USER node: run as an unprivileged user when we are root (uid 65534, nobody, owns only the data folder).
RUN_AS=()
if [[ "$(id -u)" == 0 ]]; then
  chown -R 65534:65534 "$WORK/data"
  chmod 755 "$WORK"
  RUN_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cd "$WORK/app"
# stdin stays open (as with stdin_open in compose.yaml): the terminal mode stops at the end of its input.
# A FIFO held open by this script: no extra process, and node (exec'd by env and setpriv) is $PID itself.
mkfifo "$WORK/stdin"
exec 3<>"$WORK/stdin"
env -i PATH="$PATH" HOME="$WORK/data" NODE_ENV=production DB_FILE="$WORK/data/trade-brief.db.json" \
  SEED_FILE="$WORK/app/data/seed.json" SOURCES_FILE="$WORK/app/data/sources.json" WEB_PORT="$PORT" \
  WEB_HOST=127.0.0.1 LOG_FORMAT=json TIME_ZONE=UTC "${RUN_AS[@]}" node dist/src/main.js \
  <"$WORK/stdin" >"$WORK/out.log" 2>&1 &
PID=$!
for _ in $(seq 1 150); do
  if BODY="$(node -e "fetch('http://127.0.0.1:$PORT/healthz').then(async r=>{console.log(r.status+' '+await r.text());process.exit(r.ok?0:1)},()=>process.exit(1))" 2>/dev/null)"; then
    echo "$BODY"
    OWNER="$(stat -c %u "$WORK/data/trade-brief.db.json")"
    say "healthy; store written by uid $OWNER"
    # A chart drawn by the compiled CLI beside the running bot: the shipped font is found from dist/.
    CHART="$(env -i PATH="$PATH" HOME="$WORK/data" NODE_ENV=production DB_FILE="$WORK/data/trade-brief.db.json" \
      SEED_FILE="$WORK/app/data/seed.json" SOURCES_FILE="$WORK/app/data/sources.json" TIME_ZONE=UTC \
      FILES_DIR="$WORK/data/files" "${RUN_AS[@]}" node dist/src/cli.js chart tariffs CN 2>&1)" || {
      say "FAIL: chart tariffs CN failed in the image"
      echo "$CHART" >&2
      exit 1
    }
    [[ "$CHART" == *"Chart saved: $WORK/data/files/tariffs-CN.png"* && -s "$WORK/data/files/tariffs-CN.png" ]] || {
      say "FAIL: chart tariffs CN wrote no picture"
      echo "$CHART" >&2
      exit 1
    }
    say "chart drawn: $(stat -c %s "$WORK/data/files/tariffs-CN.png") bytes"
    # `npm run cli` in the image runs the bundle, which must work from production dependencies alone.
    if ! env -i PATH="$PATH" HOME="$WORK/data" NODE_ENV=production DB_FILE="$WORK/data/trade-brief.db.json" \
      TIME_ZONE=UTC "${RUN_AS[@]}" node dist/cli.mjs brief | grep -q '^Trade brief'; then
      say "FAIL: node dist/cli.mjs brief did not answer"
      exit 1
    fi
    say "the one-shot CLI bundle answers"
    "${RUN_AS[@]}" test -r "$WORK/app/dist/cli-bundle.cjs.cache" || {
      say "FAIL: the CLI bundle's code cache is not in the image, or not readable by its user"
      exit 1
    }
    exit 0
  fi
  sleep 0.2
done
say "FAIL: /healthz never answered 200"
cat "$WORK/out.log" >&2
exit 1
