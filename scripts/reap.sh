#!/usr/bin/env bash
# Kills what the test harness recorded in DIR (HARNESS_PID_DIR: one file per process it started, named by its pid,
# holding its start time) and still runs — only where pid and start time both still match, so a pid the system has
# given to another process since is never signalled — then removes DIR. .ci/run calls it on exit: a test host that
# crashed leaves its brokers (started with setsid) and moto running. Never by name: other brokers are not ours.
#
# usage: scripts/reap.sh DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/reap.sh DIR" >&2; exit 2; }
dir=$1
[ -d "$dir" ] || exit 0

# Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces); empty when PID is gone.
start_time() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  read -ra fields <<<"${stat##*) }"
  echo "${fields[19]}"
}

for record in "$dir"/*; do
  pid=${record##*/}
  case $pid in '' | *[!0-9]*) continue ;; esac
  if [ "$(start_time "$pid")" = "$(cat "$record")" ]; then
    echo "reap.sh: killing pid $pid, left running: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
rm -rf "$dir"
