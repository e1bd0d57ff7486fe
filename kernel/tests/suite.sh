#!/usr/bin/env bash
# kernel/tests/suite.sh N — runs the in-kernel suite (kernel/tests) at -smp N and checks that the run
# tells the truth (CONTRACTS.md §6): exit code 0, the announced `ktest: K test case(s)` equals the
# KTEST( definitions in kernel/tests/*.c, passed + failed + skipped = K, at least one passed, no
# [ FAIL ] line. The output is the run's, then `suite -smp N: P passed, F failed, S skipped` (F
# counts one more when a check fails without a [ FAIL ] line). Exit status 0 only if all holds.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:?usage: suite.sh CPUS}
log=$(mktemp); trap 'rm -f "$log"' EXIT
"$ROOT/ruedo" run "$ROOT/kernel/tests" --cpus "$n" --timeout 120 2>&1 | tr -d '\r' | tee "$log"   # serial: CR LF
rc=${PIPESTATUS[0]}
defined=$(cat "$ROOT"/kernel/tests/*.c | grep -cE '^KTEST\(')
announced=$(sed -n 's/^ktest: \([0-9]*\) test case(s) on .*/\1/p' "$log" | tail -1)
read -r p f s < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$log" | tail -1)
p=${p:-0}; f=${f:-0}; s=${s:-0}
problems=()
[ "$rc" -eq 0 ] || problems+=("exit code $rc")
[ "${announced:-}" = "$defined" ] || problems+=("announced ${announced:-no} case count, $defined KTEST definitions")
[ $((p + f + s)) -eq "$defined" ] || problems+=("$p passed + $f failed + $s skipped != $defined cases")
[ "$p" -gt 0 ] || problems+=("no case passed")
grep -q '^\[ FAIL \]' "$log" && [ "$f" -eq 0 ] && problems+=("a [ FAIL ] line but 0 failed")
if [ ${#problems[@]} -gt 0 ]; then
  printf 'suite -smp %s: %s\n' "$n" "${problems[@]}"
  [ "$f" -gt 0 ] || f=1
fi
echo "suite -smp $n: $p passed, $f failed, $s skipped"
[ ${#problems[@]} -eq 0 ]
