#!/usr/bin/env bash
# Forwarder benchmark (not a timed test): drains a backlog of 10,000 persistent 1 KiB messages on-prem to the
# cloud (a) with the forwarder, (b) with ActiveMQ's networkConnector, (c) with direct STOMP sends to the cloud in
# the forwarder's send mode. Brokers are private (free loopback ports, temp dirs) and stopped at the end.
# usage: scripts/bench-forwarder.sh [--messages N] [--size BYTES] [--batch-size N] [--send-mode Transaction|Receipts]
# Last line: RESULT fwd_msgs_s=<n> bridge_msgs_s=<n> direct_msgs_s=<n> fwd_over_bridge=<n> fwd_over_direct=<n> fwd_peak_rss_mb=<n>
set -euo pipefail
cd "$(dirname "$0")/.."
[ -e /usr/share/activemq/bin/activemq.jar ] || { echo "bench-forwarder.sh: ActiveMQ missing: run scripts/prereqs.sh" >&2; exit 1; }
dotnet build bench/Forwarder.Bench -c Release --nologo -v quiet >&2
exec dotnet bench/Forwarder.Bench/bin/Release/net10.0/Forwarder.Bench.dll "$@"
