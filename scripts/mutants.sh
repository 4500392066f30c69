#!/usr/bin/env bash
# Mutation testing of one library area with cargo-mutants, against the tests that cover it.
# Installs cargo-mutants when missing. Results land in mutants.out/<area>/.
# Usage: scripts/mutants.sh AREA [extra cargo-mutants args, e.g. --shard 0/4 -j 2]
#   AREA: decode | model | lifecycle | observe | waiter
set -euo pipefail
cd "$(dirname "$0")/.."
area="${1:?usage: scripts/mutants.sh decode|model|lifecycle|observe|waiter [args]}"
shift

if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi

case "$area" in
  decode) files=("src/decode/*.rs" "src/encode.rs"); tests=(--lib --test decode_bad_input --test decode_fixtures --test decode_props) ;;
  model) files=("src/model/*.rs"); tests=(--lib --test decode_bad_input --test decode_fixtures --test decode_props) ;;
  lifecycle) files=("src/lifecycle/*.rs"); tests=(--lib --test lifecycle --test lifecycle_typestate --test observe_rules) ;;
  observe) files=("src/observe/*.rs"); tests=(--lib --test observe_rules --test observe_props) ;;
  waiter) files=("src/waiter/*.rs"); tests=(--lib --test waiter --test waiter_sim_props) ;;
  *) echo "unknown area $area" >&2; exit 2 ;;
esac

args=()
for f in "${files[@]}"; do args+=(--file "$f"); done
# Doc tests are left out for speed: they compile slowly, and the listed tests cover the same code.
mkdir -p "mutants.out/$area"
exec cargo mutants "${args[@]}" --features proptest --output "mutants.out/$area" "$@" -- "${tests[@]}"
