#!/usr/bin/env bash
# Checks the SAM application; exits non-zero on any finding.
#
#   scripts/check-template.sh [--skip-build]
#
# 1. cfn-lint template.yaml: no findings, warnings included.
# 2. The SAM transform offline (samtranslator) for a create-broker, a multi-AZ private broker and an
#    existing-broker parameter set, with assertions on the event source mapping, the role, the broker and the rest.
# 3. Every CodeUri, Makefile target and Handler named by the template exists; the idempotency table's key matches
#    the function's code.
# 4. Unless --skip-build (for quick iterations; CI runs the full check): `make build-<Function> ARTIFACTS_DIR=<tmp>`
#    for each makefile-built function produces exactly an executable linux-x64 `bootstrap` within glibc 2.34.
# The checks are in scripts/template_checks.py (and scripts/sam_checks/); tests/Template.Tests runs each one as a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

skip_build=0
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "check-template: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

for tool in cfn-lint python3 make readelf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-template: $tool not found; run scripts/prereqs.sh" >&2; exit 1; }
done
python3 -c 'import samtranslator' 2>/dev/null || { echo "check-template: samtranslator missing; run scripts/prereqs.sh (pip install aws-sam-translator)" >&2; exit 1; }

status=0
python3 scripts/template_checks.py all || status=1

if [ "$skip_build" = 1 ]; then
  echo "skip make build-<Function> (--skip-build)"
else
  for fn in $(python3 scripts/template_checks.py functions); do
    dir=$(mktemp -d)
    if make --no-print-directory build-"$fn" ARTIFACTS_DIR="$dir" >"$dir.log" 2>&1; then
      extra=$(find "$dir" -mindepth 1 ! -name bootstrap | head -5)
      if [ ! -x "$dir/bootstrap" ]; then
        echo "FAIL make build-$fn: no executable bootstrap in ARTIFACTS_DIR"; status=1
      elif [ -n "$extra" ]; then
        echo "FAIL make build-$fn: ARTIFACTS_DIR holds more than bootstrap: $extra"; status=1
      elif ! readelf -h "$dir/bootstrap" | grep -q 'Machine: *Advanced Micro Devices X86-64'; then
        echo "FAIL make build-$fn: bootstrap is not a linux-x64 ELF (the template's default architecture)"; status=1
      elif ! scripts/check-glibc.sh "$dir/bootstrap" >/dev/null; then
        scripts/check-glibc.sh "$dir/bootstrap" || true; echo "FAIL make build-$fn: glibc"; status=1
      else
        echo "ok   make build-$fn ARTIFACTS_DIR=<tmp>: executable bootstrap, $(du -h "$dir/bootstrap" | cut -f1), $(scripts/check-glibc.sh "$dir/bootstrap" | sed 's/.*: //')"
      fi
    else
      echo "FAIL make build-$fn ARTIFACTS_DIR=<tmp> failed; last lines:"; tail -n 20 "$dir.log" | sed 's/^/  /'; status=1
    fi
    rm -rf "$dir" "$dir.log"
  done
fi
if [ "$status" = 0 ]; then echo "check-template: all checks passed"; else echo "check-template: FAILED"; fi
exit $status
