#!/usr/bin/env bash
# Instructions per decode of `get_sync_job_active`, counted by callgrind, for each contender of the
# decode benchmark (see `profile` in benches/decode.rs). Each contender runs twice, with N decodes
# and with none; the difference over N is one decode, free of start-up costs.
# Usage: scripts/instructions.sh [N]   (default 20000; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
case "$n" in '' | *[!0-9]* | 0) echo "N must be a positive whole number, not '$n'" >&2; exit 2 ;; esac
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }

if ! build=$(cargo bench --bench decode --no-run --message-format=json); then
  echo "could not build the decode benchmark (cargo bench --bench decode --no-run)" >&2
  exit 2
fi
bin=$(printf '%s\n' "$build" | sed -n 's/.*"executable":"\([^"]*\/decode-[0-9a-f]*\)".*/\1/p' | tail -n 1)
[ -n "$bin" ] && [ -x "$bin" ] || { echo "no decode benchmark binary in cargo's output" >&2; exit 2; }

refs() { # contender, count -> total instructions
  local out total
  out=$(PROFILE_DECODE="$1" PROFILE_DECODES="$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1) || {
    printf '%s\n' "$out" >&2
    echo "valgrind failed for $1" >&2
    return 1
  }
  total=$(printf '%s\n' "$out" | sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,)
  [ -n "$total" ] || { echo "no instruction count in valgrind's output for $1" >&2; return 1; }
  echo "$total"
}

echo "instructions per decode of get_sync_job_active ($n decodes minus none, callgrind)"
for contender in ours plain value ids; do
  with=$(refs "$contender" "$n")
  without=$(refs "$contender" 0)
  printf '%-6s %8d\n' "$contender" $(( (with - without) / n ))
done
