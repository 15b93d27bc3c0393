#!/usr/bin/env bash
# Runs the release app on DATA for SECONDS after it settles, and prints the CPU time
# (user + system) its whole process tree used meanwhile. Used by scripts/bench.
set -euo pipefail
data=$1 seconds=$2
target/release/followthrough --data-dir "$data" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
sleep 20   # start-up (first page, first reminder round) is not idle time

tree_ticks() {
  local total=0
  for pid in $app $(pgrep -P "$app" || true); do
    [ -r "/proc/$pid/stat" ] || continue
    # Fields 14 and 15 of /proc/PID/stat: user and system time, in clock ticks.
    read -r utime stime < <(awk '{print $14, $15}' "/proc/$pid/stat")
    total=$((total + utime + stime))
  done
  echo "$total"
}

before=$(tree_ticks)
sleep "$seconds"
after=$(tree_ticks)
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" \
  'BEGIN { printf "idle CPU over %d s: %.2f s (app and its WebKit processes)\n", s, t / hz }'
