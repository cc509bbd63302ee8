#!/usr/bin/env bash
# The whole pipeline on this machine, with real brokers, the real forwarder and the real bootstrap:
#   legacy JMS producer ─OpenWire─▶ broker "onprem" ─forwarder (STOMP)─▶ broker "cloud" ─local event source─▶
#   bootstrap (Lambda Runtime API) ─▶ processed, or SQS dead-letter queue (moto)
# It installs what is missing (scripts/prereqs.sh), builds once, starts everything with visible progress, sends
# sample messages (text + bytes, JMS headers and typed properties, some poison), shows live counts per stage, prints
# a summary and stops everything (Ctrl-C or SIGTERM stop cleanly too).
#
# usage: scripts/pipeline.sh [--messages N] [--exit | --keep-running] [--handler orders|echo] [--poison-every N] [--loop-every N]
#                            [--batch-size N] [--window SECONDS] [--concurrency N] [--timeout SECONDS] [--settle SECONDS]
#                            [--jit] [--skip-prereqs] [--work DIR]
#   --exit           non-interactive; the last line is
#                    RESULT sent=<n> forwarded=<n> processed=<n> dead_lettered=<n> lost=<n> p50_ms=<n> p99_ms=<n>
#   --keep-running   keep it all up after the sample run and print how to send your own messages; Ctrl-C stops
#   --jit            use the JIT build of bootstrap (faster to build) instead of Native AOT
# Exit code: 0 when nothing was lost, 1 otherwise, 2 on bad arguments.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

jit=0 prereqs=1 pass=()
while [ $# -gt 0 ]; do
  case $1 in
    --jit) jit=1; shift ;;
    --skip-prereqs) prereqs=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done

say() { printf '[pipeline] %s\n' "$*"; }

if [ "$prereqs" = 1 ]; then
  say "checking prerequisites (scripts/prereqs.sh)…"
  # The local pipeline builds for this machine only: skip the arm64 cross-compilation libraries unless asked.
  SKIP_ARM64=${SKIP_ARM64:-1} scripts/prereqs.sh
fi

# Native AOT needs clang; fall back to the JIT build of the same bootstrap when it is missing.
if [ "$jit" = 0 ] && ! command -v clang >/dev/null 2>&1; then
  say "clang not found: using the JIT build of bootstrap (run scripts/prereqs.sh for Native AOT)"
  jit=1
fi
if [ "$jit" = 1 ]; then flavour=jit; publish_flags=(--jit); else flavour=aot; publish_flags=(); fi
bootstrap=$root/artifacts/functions/linux-x64-$flavour/bootstrap
if [ ! -x "$bootstrap" ] || [ -n "$(find functions -newer "$bootstrap" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print -quit)" ]; then
  say "publishing the function (scripts/publish-functions.sh ${publish_flags[*]:-}) — Native AOT takes a minute or two…"
  scripts/publish-functions.sh "${publish_flags[@]}" --out "$(dirname "$bootstrap")" >/dev/null
fi

say "building the local event source and pipeline…"
dotnet build local/Pipeline/Pipeline.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

# The forwarder runs from its own script, which builds its binary only when missing: rebuild it when stale.
fwd=artifacts/forwarder/forwarder
if [ -f scripts/forwarder.sh ] && { [ ! -x "$fwd" ] || [ -n "$(find forwarder -newer "$fwd" \( -name '*.cs' -o -name '*.csproj' \) -print -quit)" ]; }; then
  say "building the forwarder (scripts/forwarder.sh)…"
  FORWARDER_REBUILD=1 scripts/forwarder.sh --help >/dev/null 2>&1 || true
fi

say "starting the pipeline…"
# exec: Ctrl-C and SIGTERM reach the pipeline directly, which stops brokers, moto, forwarder and bootstrap itself.
exec dotnet "$root/local/Pipeline/bin/Release/net10.0/pipeline.dll" --root "$root" --bootstrap "$bootstrap" "${pass[@]}"
