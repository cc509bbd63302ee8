#!/usr/bin/env bash
# Run the forwarder CLI: scripts/forwarder.sh run|verify|network-connector|send [options]  (--help on every verb)
# Builds a self-contained single-file binary into artifacts/forwarder/ when none exists or a source it is built from
# (forwarder/, contract/, the root props) is newer than it; FORWARDER_REBUILD=1 forces a rebuild. The binary replaces
# this shell (exec), so SIGTERM reaches it and it drains.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/artifacts/forwarder
bin=$out/forwarder
stale() {
  [ -n "$(cd "$root" && find forwarder contract Directory.Build.props Directory.Packages.props global.json -newer "$bin" \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -not -path '*/bin/*' -not -path '*/obj/*' \
    -print -quit 2>/dev/null)" ]
}
# Concurrent callers (tests starting pipelines in parallel) build once: the others wait on the lock, then find it fresh.
mkdir -p "$out"
(
  flock 9
  if [ ! -x "$bin" ] || [ "${FORWARDER_REBUILD:-0}" = 1 ] || stale; then
    case $(uname -m) in
      x86_64) rid=linux-x64 ;;
      aarch64|arm64) rid=linux-arm64 ;;
      *) echo "forwarder.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
    esac
    command -v dotnet >/dev/null || { echo "forwarder.sh: dotnet SDK not found: run scripts/prereqs.sh" >&2; exit 1; }
    echo "forwarder.sh: building $bin ($rid; the sources changed or it is missing)" >&2
    dotnet publish "$root/forwarder/Forwarder/Forwarder.csproj" -c Release -r "$rid" --self-contained \
      -p:PublishSingleFile=true -o "$out" --nologo -v quiet >&2
    # An incremental publish may leave an up-to-date binary untouched: mark it as newer than the sources.
    touch "$bin"
  fi
) 9>"$out/.build.lock"
exec "$bin" "$@"
