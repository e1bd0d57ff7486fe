#!/usr/bin/env bash
# Checks two properties of the built kernel with objdump:
#  1. the context-switch routine (switch_context) is at most 20 instructions;
#  2. the exchange-slot path (migrate_send/immigrate/emigrate/quiet, sched_enqueue_local) has no LOCK prefix
#     and no implicitly locked instruction (xchg with memory, cmpxchg).
# Usage: kernel/tests/check-asm.sh [project-dir]   (default: kernel/examples/hello; built if needed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROJ=${1:-$ROOT/kernel/examples/hello}
"$ROOT/ruedo" build "$PROJ" --quiet
NAME=$(sed -n 's/^name *= *"\(.*\)".*/\1/p' "$PROJ/unikernel.toml")
ELF=$PROJ/build/$NAME.elf
DIS=$(objdump -d --no-show-raw-insn "$ELF")
func() { awk -v f="<$1>:" '$2 == f {on=1; next} on && /^$/ {exit} on' <<<"$DIS"; }

n=$(func switch_context | grep -c ':' || true)
echo "switch_context: $n instructions"
func switch_context | sed 's/^/    /'
status=0
if [ "$n" -eq 0 ] || [ "$n" -gt 20 ]; then
  echo "FAIL: switch_context must be 1..20 instructions"; status=1
fi
for f in migrate_send migrate_immigrate migrate_emigrate migrate_quiet sched_enqueue_local; do
  body=$(func $f)
  if [ -z "$body" ]; then echo "FAIL: $f not found"; status=1; continue; fi
  if echo "$body" | grep -Eiq '(^|[[:space:]])lock[[:space:]]|cmpxchg|xchg[^,]*,.*\('; then
    echo "FAIL: $f uses a locked instruction:"; echo "$body" | grep -Ei 'lock|xchg'; status=1
  else
    echo "$f: $(echo "$body" | grep -c ':') instructions, no lock prefix"
  fi
done
[ $status -eq 0 ] && echo "check-asm: ok"
exit $status
