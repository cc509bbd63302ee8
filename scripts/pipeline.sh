#!/usr/bin/env bash
# The whole pipeline on this machine, with real brokers, the real forwarder and the real bootstrap:
#   legacy JMS producer ─OpenWire─▶ broker "onprem" ─forwarder (STOMP)─▶ broker "cloud" ─local event source─▶
#   bootstrap (Lambda Runtime API) ─▶ processed, or SQS dead-letter queue (moto)
# It builds its runner, which checks the arguments (exit 2 before anything is installed), installs what is missing
# (scripts/prereqs.sh), builds once, starts everything with visible progress, sends
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

# shellcheck source=scripts/lib/local-build.sh
. scripts/lib/local-build.sh
# The pipeline stops brokers, moto, forwarder and bootstrap itself.
local_run pipeline local/Pipeline/Pipeline.csproj "$root/local/Pipeline/bin/Release/net10.0/pipeline.dll" "starting the pipeline…" "$@"
