#!/usr/bin/env bash
# Benchmarks the Lambda functions and prints a table; the last line is
#   RESULT batch10k_ms=<n> alloc_ratio=<n> coldstart_jit_over_aot=<n> batch_over_baseline=<n> idempotency_round_trips=<n>
# printed even when a target is missed, with the machine's load averages before and after.
#
#   scripts/bench-functions.sh [--runs N] [--skip-publish]
#
#   batch10k_ms              median of N runs (default 7, at least 5): a 10,000-message (≈ 6 MB) aws:mq event
#                            deserialized, decoded and dispatched to a no-op handler by the real batch processor
#                            (logger off), with the in-memory idempotency store of a warm execution environment:
#                            one store for all runs, filled to its capacity first, each run new messages, so each
#                            also makes it forget the oldest keys. Target < 50 ms on 2 cores. An environment's first
#                            invocation (a fresh store, its dictionary growing) is printed beside it for information.
#   alloc_ratio              bytes allocated during that run / the event's JSON bytes. Target < 3.
#   batch_over_baseline      each run's batch time / the baseline timed right after it on the same bytes
#                            (System.Text.Json, source-generated, into a minimal record: id and base64 body); the
#                            median of the N pairs, min-max printed. Target <= 2.0 (milliseconds printed too).
#                            Each of the two is timed right after an untimed run of itself (forced collections
#                            before each), as back-to-back invocations run, not after the other's phase.
#   idempotency_round_trips  a batch of 10 on a fake idempotency store whose every call takes 10 ms: the most store
#                            round trips one run waited for one after the other (N runs, beside the in-memory
#                            store's times). Target <= 2.
#   coldstart_jit_over_aot   median cold start of the JIT build / that of the Native AOT build, each measured as
#                            process start -> first response posted to the local Runtime API (local/LocalRuntime),
#                            the two builds alternating, N runs each. Target >= 3.
#
# Publishes both builds with scripts/publish-functions.sh into artifacts/bench/ first (--skip-publish reuses them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=7
publish=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --skip-publish) publish=0; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench-functions: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
aot="$root/artifacts/bench/aot"
jit="$root/artifacts/bench/jit"
if [ "$publish" = 1 ] || [ ! -x "$aot/bootstrap" ] || [ ! -x "$jit/bootstrap" ]; then
  "$root/scripts/publish-functions.sh" --out "$aot" --work "$root/artifacts/bench/publish-aot" >&2
  "$root/scripts/publish-functions.sh" --jit --out "$jit" --work "$root/artifacts/bench/publish-jit" >&2
fi

dotnet build "$root/bench/Functions.Bench/Functions.Bench.csproj" -c Release --nologo -v quiet >&2
exec dotnet "$root/bench/Functions.Bench/bin/Release/net10.0/Functions.Bench.dll" \
  --aot "$aot/bootstrap" --jit "$jit/bootstrap" --event "$root/events/activemq-order.json" --runs "$runs"
