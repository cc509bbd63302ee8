# Sourced by scripts/pipeline.sh and scripts/chaos.sh: what both need before they run, built once.

# local_run NAME PROJECT RUNNER MESSAGE "$@": the whole of such a script. Reads the arguments (local_arguments), builds
# the runner and the function (local_build), says MESSAGE and replaces the shell with the runner: exec, so that
# Ctrl-C and SIGTERM reach it directly, and it stops what it started itself.
local_run() {
  local_name=$1
  local project=$2 runner=$3 message=$4
  shift 4
  local_arguments "$@"
  local_build "$project" "$runner"
  say "$message"
  exec dotnet "$runner" --root "$root" --bootstrap "$bootstrap" "${pass[@]}"
}

say() { printf '[%s] %s\n' "$local_name" "$*"; }

# local_arguments "$@": takes --jit and --skip-prereqs (sets $jit, $prereqs) and --help (prints the caller's header
# comment); everything else goes to the array $pass, for the program.
local_arguments() {
  jit=0 prereqs=1 pass=()
  while [ $# -gt 0 ]; do
    case $1 in
      --jit) jit=1; shift ;;
      --skip-prereqs) prereqs=0; shift ;;
      -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
      *) pass+=("$1"); shift ;;
    esac
  done
}

# local_build PROJECT RUNNER (the .csproj to build, the .dll it builds) with $jit (0|1), $prereqs (0|1) and $pass
# set; sets $bootstrap to the published function. The runner is built first and checks the
# arguments ($pass) itself, so a bad one ends here (exit 2) before packages are installed or anything is published.
local_build() {
  local project=$1 runner=$2
  if [ "$prereqs" = 1 ] && ! command -v dotnet >/dev/null 2>&1; then
    # Building the runner needs the SDK: only then do the prerequisites come first.
    local_prereqs
    prereqs=0
  fi

  say "building $(basename "$project" .csproj)…"
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
  # The function is published after this check; the path given for it is not looked at.
  dotnet "$runner" --check-arguments --root "$root" --bootstrap "$root/artifacts/functions" "${pass[@]}" || exit $?

  if [ "$prereqs" = 1 ]; then
    local_prereqs
  fi

  # Native AOT needs clang; fall back to the JIT build of the same bootstrap when it is missing.
  if [ "$jit" = 0 ] && ! command -v clang >/dev/null 2>&1; then
    say "clang not found: using the JIT build of bootstrap (run scripts/prereqs.sh for Native AOT)"
    jit=1
  fi
  local flavour publish_flags
  if [ "$jit" = 1 ]; then flavour=jit; publish_flags=(--jit); else flavour=aot; publish_flags=(); fi
  bootstrap=$root/artifacts/functions/linux-x64-$flavour/bootstrap
  if [ ! -x "$bootstrap" ] || [ -n "$(find functions -newer "$bootstrap" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print -quit)" ]; then
    say "publishing the function (scripts/publish-functions.sh ${publish_flags[*]:-}) — Native AOT takes a minute or two…"
    scripts/publish-functions.sh "${publish_flags[@]}" --out "$(dirname "$bootstrap")" >/dev/null
  fi

  # The forwarder runs from its own script, which rebuilds its binary when the sources changed: do it now, not
  # while the pipeline waits for the agent.
  if [ -f scripts/forwarder.sh ]; then
    say "checking the forwarder build (scripts/forwarder.sh)…"
    scripts/forwarder.sh --help >/dev/null 2>&1 || true
  fi
}

local_prereqs() {
  say "checking prerequisites (scripts/prereqs.sh)…"
  # The local pipeline builds for this machine only: skip the arm64 cross-compilation libraries unless asked.
  SKIP_ARM64=${SKIP_ARM64:-1} scripts/prereqs.sh
}
