#!/usr/bin/env bash
# `npm test`: type check, lint, unit tests in plain Node, then the integration suite inside a real
# VS Code extension host (code-server + headless Chromium) on the newest VS Code and on the
# minimum we claim. Ends with one line `total: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
checks_failed=0
step() { echo; echo "== $*"; }

step "type check"; npm run -s typecheck || { fail=1; checks_failed=$((checks_failed + 1)); echo "type check: failed"; }
step "lint"; npm run -s lint || { fail=1; checks_failed=$((checks_failed + 1)); echo "lint: failed"; }
step "build"; node scripts/build.mjs || { echo "build failed"; exit 1; }

step "unit tests (mocha, plain Node)"
mkdir -p out
npx mocha --reporter spec 2>&1 | tee out/unit.log
unit_rc=${PIPESTATUS[0]}
[ "$unit_rc" = 0 ] || fail=1
unit_pass=$(grep -Eo '^ +[0-9]+ passing' out/unit.log | grep -Eo '[0-9]+' | tail -1); unit_pass=${unit_pass:-0}
unit_fail=$(grep -Eo '^ +[0-9]+ failing' out/unit.log | grep -Eo '[0-9]+' | tail -1); unit_fail=${unit_fail:-0}
unit_skip=$(grep -Eo '^ +[0-9]+ pending' out/unit.log | grep -Eo '[0-9]+' | tail -1); unit_skip=${unit_skip:-0}
echo "unit: $unit_pass passed, $unit_fail failed, $unit_skip skipped"
[ "$unit_pass" -gt 0 ] || { echo "unit: zero tests ran"; fail=1; }

step "integration tests (real VS Code extension host)"
node test/host/run.mjs ${APIHOOK_HOST_ARGS:-} 2>&1 | tee out/integration.log
int_rc=${PIPESTATUS[0]}
[ "$int_rc" = 0 ] || fail=1
int_line=$(grep -E '^integration: [0-9]+ passed, [0-9]+ failed' out/integration.log | tail -1)
int_pass=$(echo "$int_line" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+'); int_pass=${int_pass:-0}
int_fail=$(echo "$int_line" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+'); int_fail=${int_fail:-0}
[ "$int_rc" = 0 ] || [ "$int_fail" -gt 0 ] || int_fail=1

echo
# a failed type check or lint counts as one failure each
echo "total: $((unit_pass + int_pass)) passed, $((unit_fail + int_fail + checks_failed)) failed"
exit $fail
