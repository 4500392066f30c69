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
  decode) files=("src/decode/*.rs" "src/encode.rs") ;;
  model) files=("src/model/*.rs") ;;
  lifecycle) files=("src/lifecycle/*.rs") ;;
  observe) files=("src/observe/*.rs") ;;
  waiter) files=("src/waiter/*.rs") ;;
  *) echo "unknown area $area" >&2; exit 2 ;;
esac
# Every area is tested by the same suites: the unit tests and the integration tests of the library
# layers (a lifecycle mutant caught by an observation test is caught).
tests=(--lib --test decode_bad_input --test decode_fixtures --test decode_props --test lifecycle
  --test lifecycle_typestate --test observe_rules --test observe_props --test waiter --test waiter_sim_props)

args=()
for f in "${files[@]}"; do args+=(--file "$f"); done
# Doc tests are left out for speed: they compile slowly, and the listed tests cover the same code.
# nextest runs the test binaries in parallel; the `mutants` profile (no debug info) links faster.
mkdir -p "mutants.out/$area"
exec cargo mutants "${args[@]}" --features proptest --profile mutants --test-tool nextest \
  --output "mutants.out/$area" "$@" -- "${tests[@]}"
