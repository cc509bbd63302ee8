#!/usr/bin/env bash
# Forwarder benchmark (not a timed test): the forwarder against ActiveMQ's networkConnector (as `forwarder
# network-connector` prints it) on the same cloud broker, in interleaved pairs (who goes first alternates), ratios as
# median (min–max) of the pairs with the machine's 1-min load:
#  (1) live: the legacy JMS producer (local/producer, ActiveMQ's own client, synchronous persistent text messages)
#      sending while each mover runs: its rate;
#  (2) drain of a backlog (after a warm-up), (3) with the CPU seconds per 10,000 messages of the agent, the on-prem
#      broker and the cloud broker from /proc/<pid>/stat over the measured messages;
#  (4) latency, JMS timestamp to arrival at a consumer on the cloud, p50/p99, at half the producer's ceiling from (1);
#  and direct STOMP sends to the cloud in the forwarder's send mode (the limit), once per pair.
# Brokers are private (free loopback ports, temp dirs) and stopped at the end.
# usage: scripts/bench-forwarder.sh [--pairs 5] [--messages 10000] [--warmup 2000] [--latency-messages 2000]
#        [--size 1024] [--batch-size 200] [--send-mode Transaction|Receipts]
# Last line: RESULT fwd_msgs_s=<n> bridge_msgs_s=<n> direct_msgs_s=<n> fwd_over_bridge=<n> fwd_over_direct=<n>
#   fwd_peak_rss_mb=<n> live_over_bridge=<n> agent_cpu_s_per_10k=<n> p99_fwd_ms=<n> p99_bridge_ms=<n>
#   (fwd_over_bridge, live_over_bridge: medians of the per-pair ratios; the rest medians of the runs)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -e /usr/share/activemq/bin/activemq.jar ] || { echo "bench-forwarder.sh: ActiveMQ missing: run scripts/prereqs.sh" >&2; exit 1; }
dotnet build bench/Forwarder.Bench -c Release --nologo -v quiet >&2
exec dotnet bench/Forwarder.Bench/bin/Release/net10.0/Forwarder.Bench.dll "$@"
