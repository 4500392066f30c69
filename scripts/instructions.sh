#!/usr/bin/env bash
# Instructions per decode of `get_sync_job_active`, counted by callgrind, for each contender of the
# decode benchmark (see `profile` in benches/decode.rs). Each contender runs twice, with N decodes
# and with none; the difference over N is one decode, free of start-up costs.
# Usage: scripts/instructions.sh [N]   (default 20000; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }

bin=$(cargo bench --bench decode --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*\/decode-[0-9a-f]*\)".*/\1/p' | tail -n 1)
[ -x "$bin" ] || { echo "could not build the decode benchmark" >&2; exit 2; }

refs() { # contender, count -> total instructions
  PROFILE_DECODE="$1" PROFILE_DECODES="$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 |
    sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

echo "instructions per decode of get_sync_job_active ($n decodes minus none, callgrind)"
for contender in ours plain value ids; do
  with=$(refs "$contender" "$n")
  without=$(refs "$contender" 0)
  printf '%-6s %8d\n' "$contender" $(( (with - without) / n ))
done
