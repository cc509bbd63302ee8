#!/usr/bin/env bash
# Compile (once, when the source changed) and run the legacy JMS producer against Debian's ActiveMQ client jars.
# usage: local/producer/producer.sh --url tcp://127.0.0.1:PORT [--queue orders] [--count 10] [--poison-every 10]
#        [--loop-every 0] [--non-persistent-every 4] [--run ID] [--only text|bytes] [--body TEXT] [--user U --password P]
#        [--property NAME=VALUE]... [--non-persistent] [--size BYTES] [--rate PER_SECOND]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Classes per source version: checkouts with different versions of the producer never run each other's.
out=${PRODUCER_CLASSES:-${TMPDIR:-/tmp}/legacy-producer-$(sha256sum "$here/LegacyProducer.java" | cut -c1-12)}
# The JMS 1.1 API, ActiveMQ's OpenWire client and what it loads at run time (hawtbuf, slf4j, j2ee management).
jars=(activemq-client geronimo-jms_1.1_spec geronimo-j2ee-management-1.1-spec hawtbuf slf4j-api slf4j-nop)
cp=""
for j in "${jars[@]}"; do
  f=/usr/share/java/$j.jar
  [ -e "$f" ] || { echo "producer.sh: $f is missing: run scripts/prereqs.sh (apt-get install activemq)" >&2; exit 1; }
  cp+="${cp:+:}$f"
done
command -v javac >/dev/null || { echo "producer.sh: javac is missing: run scripts/prereqs.sh (default-jdk-headless)" >&2; exit 1; }
if [ ! -f "$out/LegacyProducer.class" ] || [ "$here/LegacyProducer.java" -nt "$out/LegacyProducer.class" ]; then
  # Compile aside and move into place: a concurrent run never loads a half-written class.
  mkdir -p "$out"
  tmp=$(mktemp -d "$out.XXXXXX")
  javac -nowarn -encoding UTF-8 -d "$tmp" -cp "$cp" "$here/LegacyProducer.java"
  mv -f "$tmp/LegacyProducer.class" "$out/LegacyProducer.class"
  rm -rf "$tmp"
fi
exec java -cp "$out:$cp" LegacyProducer "$@"
