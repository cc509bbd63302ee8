#!/usr/bin/env bash
# Fails when an ELF binary needs a glibc newer than Lambda's provided.al2023 offers (glibc 2.34): such a
# binary builds and runs here (Debian 12, glibc 2.36) but dies on Lambda with "GLIBC_2.xx not found"
# (dotnet/runtime#123204, amazon-linux-2023#958). Uses readelf, which reads ELF files of any architecture,
# so it checks linux-arm64 binaries on this x64 machine too.
#
#   scripts/check-glibc.sh [--max 2.34] <binary>...
#
# Exit 0: every binary is within the ceiling. 1: at least one needs more (the versions and symbols are named).
# 2: usage error, missing file or not an ELF file.
set -euo pipefail

max="2.34"
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --max) max="${2:?--max needs a version, e.g. 2.34}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  echo "check-glibc: no binary given. Usage: scripts/check-glibc.sh [--max 2.34] <binary>..." >&2
  exit 2
fi

status=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "check-glibc: $f: no such file" >&2
    exit 2
  fi
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" != "177ELF" ]; then
    echo "check-glibc: $f: not an ELF file" >&2
    exit 2
  fi
  # The version-needs section lists every GLIBC_x.y the dynamic loader will demand.
  needed=$(readelf -V -W "$f" | sed -n 's/.*Name: GLIBC_\([0-9.]*\).*/\1/p' | sort -uV)
  highest=$(printf '%s\n' "$needed" | tail -n 1)
  if [ -z "$highest" ]; then
    echo "check-glibc: $f: needs no versioned glibc symbol (ok)"
    continue
  fi
  too_new=()
  for v in $needed; do
    if [ "$(printf '%s\n%s\n' "$v" "$max" | sort -V | tail -n 1)" != "$max" ]; then too_new+=("$v"); fi
  done
  if [ ${#too_new[@]} -eq 0 ]; then
    echo "check-glibc: $f: highest GLIBC_$highest <= GLIBC_$max (ok)"
  else
    status=1
    echo "check-glibc: $f: needs GLIBC_$highest, newer than the allowed GLIBC_$max (Lambda provided.al2023 has 2.34). Symbols:" >&2
    for v in "${too_new[@]}"; do
      readelf --dyn-syms -W "$f" | grep -oE "[^ ]+@GLIBC_${v//./\\.}( |$)" | sort -u | sed 's/^/  /' >&2 || true
    done
  fi
done
exit $status
