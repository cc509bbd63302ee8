#!/usr/bin/env bash
# Publishes the Lambda functions (functions/Functions, AssemblyName "bootstrap") for the provided.al2023 runtime.
#
#   scripts/publish-functions.sh [--rid linux-x64|linux-arm64] [--jit] [--out DIR] [--work DIR]
#
#   default     Native AOT: one self-contained executable DIR/bootstrap, published with warnings as errors
#               (so any trim/AOT warning fails the build), then checked: ELF machine matches the RID, and no
#               GLIBC_ symbol newer than 2.34 (scripts/check-glibc.sh; Lambda's AL2023 has glibc 2.34).
#   --jit       The JIT build for development and the cold-start comparison: self-contained (runs here and on
#               provided.al2023 alike), DIR/bootstrap is the apphost next to the IL assemblies and the runtime.
#   --rid       linux-x64 (default; matches the template's default x86_64) or linux-arm64. linux-arm64 is
#               cross-compiled on an x64 machine: the .NET 10 ILCompiler passes clang the aarch64 target by itself,
#               and Debian's multiarch libc6-dev:arm64 + zlib1g-dev:arm64 provide the target's libraries, so no
#               SysRoot/linker property is needed (scripts/prereqs.sh installs them).
#   --out       where the result goes (default artifacts/functions/<rid>-aot|jit). The Makefile passes SAM's
#               ARTIFACTS_DIR here, so for AOT only the executable is copied (no .dbg symbols, no .pdb).
#   --work      intermediate bin/obj (default artifacts/publish/<rid>-aot|jit). Kept apart from the project's own
#               obj/ folders so a publish never races an IDE or `dotnet build` of the solution.
# Depends on nothing but the .NET SDK, clang and binutils: no git (sam build runs it in a copy without .git).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="linux-x64"
mode="aot"
out=""
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid="${2:?--rid needs linux-x64 or linux-arm64}"; shift 2 ;;
    --jit) mode="jit"; shift ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --work) work="${2:?--work needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "publish-functions: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$rid" in
  linux-x64) machine="Advanced Micro Devices X86-64"; triplet="x86_64-linux-gnu" ;;
  linux-arm64) machine="AArch64"; triplet="aarch64-linux-gnu" ;;
  *) echo "publish-functions: --rid '$rid' is not supported; use linux-x64 or linux-arm64 (Lambda's architectures)" >&2; exit 2 ;;
esac
out="${out:-$root/artifacts/functions/$rid-$mode}"
work="${work:-$root/artifacts/publish/$rid-$mode}"

if [ "$mode" = "aot" ]; then
  command -v clang >/dev/null 2>&1 || {
    echo "publish-functions: Native AOT needs clang and zlib (apt-get install clang lld zlib1g-dev; scripts/prereqs.sh does it)" >&2
    exit 1
  }
  if [ ! -e "/usr/lib/$triplet/libc.so" ] || [ ! -e "/usr/lib/$triplet/libz.so" ]; then
    echo "publish-functions: $rid needs the target's C library and zlib under /usr/lib/$triplet" \
      "(for linux-arm64: dpkg --add-architecture arm64 && apt-get install libc6-dev:arm64 zlib1g-dev:arm64;" \
      "scripts/prereqs.sh does it)" >&2
    exit 1
  fi
fi
command -v readelf >/dev/null 2>&1 || { echo "publish-functions: readelf missing (apt-get install binutils)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$root/functions/Functions/Functions.csproj"
rm -rf "$work/out"
props=(-p:PublishAot=true)
if [ "$mode" = "jit" ]; then props=(-p:PublishAot=false --self-contained true); fi

echo "publish-functions: $rid $mode -> $out"
dotnet publish "$project" -c Release -r "$rid" "${props[@]}" -warnaserror --nologo \
  --artifacts-path "$work" -o "$work/out"

binary="$work/out/bootstrap"
[ -x "$binary" ] || { echo "publish-functions: dotnet publish produced no executable $binary" >&2; exit 1; }
actual=$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')
if [ "$actual" != "$machine" ]; then
  echo "publish-functions: $binary is built for '$actual', expected '$machine' ($rid)" >&2
  exit 1
fi

# Every native file Lambda would load must fit glibc 2.34: the AOT executable, or the apphost and the runtime's .so files.
elves=()
while IFS= read -r -d '' f; do
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = "177ELF" ]; then elves+=("$f"); fi
done < <(find "$work/out" -maxdepth 1 -type f \( -name bootstrap -o -name '*.so' \) -print0)
bash "$root/scripts/check-glibc.sh" "${elves[@]}"

mkdir -p "$out"
if [ "$mode" = "aot" ]; then
  install -m 0755 "$binary" "$out/bootstrap"
else
  cp -a "$work/out/." "$out/"
fi
echo "publish-functions: ok $out/bootstrap ($(du -h "$out/bootstrap" | cut -f1), $actual)"
