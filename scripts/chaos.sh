#!/usr/bin/env bash
# The fault suite: the whole local pipeline (real brokers, the real forwarder, the local event source, the real
# bootstrap, moto) once per case, each with a fault injected — the forwarder or bootstrap killed with SIGKILL, a
# broker restarted, the cloud / SQS / DynamoDB unreachable through a fault-injecting TCP proxy (no firewall rules),
# Debian's stock on-prem broker. Builds once, runs the cases, prints a table (case, sent, processed, dead-lettered
# on SQS, parked on-prem, on an on-prem DLQ, on the cloud DLQ.<queue>, expired, lost, misrouted, duplicates without
# their key, longest stall after the fault) and a last line
#   RESULT cases=<n> failed_cases=<n> faults_injected=<n> lost=<n> misrouted=<n> stalled=<n> unkeyed_duplicates=<n>
#
# usage: scripts/chaos.sh [--quick] [--case NAME]... [--list] [--jit] [--skip-prereqs] [--work DIR]
#   --quick        the CI subset, at most 10 minutes (default: the full run, at most 30 minutes)
#   --case NAME    run only this case (repeatable); --list names them
#   --jit          use the JIT build of bootstrap (faster to build) instead of Native AOT
# Exit code: 0 when every case passed, 1 when any failed, 2 on bad arguments.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# shellcheck source=scripts/lib/local-build.sh
. scripts/lib/local-build.sh
# The runner stops the running case's processes itself.
local_run chaos local/Chaos/Chaos.csproj "$root/local/Chaos/bin/Release/net10.0/chaos.dll" "running the fault suite…" "$@"
