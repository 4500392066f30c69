#!/usr/bin/env bash
# Builds and runs every fuzz target for SECONDS each (default 30) on the stable toolchain.
# Installs cargo-fuzz when missing. FUZZ_SANITIZER=address (with RUSTC_BOOTSTRAP=1) runs ASan.
# Usage: scripts/fuzz-smoke.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
sanitizer="${FUZZ_SANITIZER:-none}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi

# Seeds: the hand-written fixtures and example traces, so the fuzzers start from real payloads.
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
while IFS= read -r file; do
  cp "$file" "$seeds/${file//\//_}"
done < <(find tests/fixtures docs/examples -type f \( -name '*.json' -o -name '*.jsonl' \) -size -64k)

status=0
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  log="$(mktemp)"
  echo "== $target: ${seconds}s, sanitizer $sanitizer"
  if cargo fuzz run --fuzz-dir fuzz -s "$sanitizer" "$target" "$corpus" "$seeds" \
    -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || tail -n 3 "$log"
  else
    echo "FAILED: $target" >&2
    grep -E -A 30 'panicked|ERROR: |SUMMARY' "$log" | head -n 60 >&2 || tail -n 60 "$log" >&2
    status=1
  fi
  rm -f "$log"
done
exit "$status"
