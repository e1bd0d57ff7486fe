#!/usr/bin/env bash
# Checks two properties of the built kernel with objdump:
#  1. the context-switch routine (switch_context) is at most 20 instructions;
#  2. thread creation on any CPU uses no locked instruction: every function reachable by direct
#     calls and tail jumps from the roots below (BeginThread, and the scheduling-point, join and free
#     paths that hand threads over and give memory back) has no LOCK prefix, no xchg with a memory
#     operand (implicitly locked) and no cmpxchg. Also prints each function checked.
# Not followed (reached only when something already went wrong, and they take the console lock):
#   printk/vprintk (error messages: no such CPU, out of memory) and panic (the run ends, also for
#   a double free, a second join).
# Indirect calls are listed but not followed (thread_main calls the thread's function that way).
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

# Roots that must exist as functions in the image (static helpers may be inlined into them).
ROOTS="BeginThread thread_join thread_yield thread_sleep thread_exit sched_idle_loop sched_enqueue_local
       migrate_send migrate_immigrate migrate_emigrate migrate_quiet
       malloc calloc free heap_free_local stack_alloc stack_free stack_free_local phys_alloc phys_free map_page
       remote_free remote_free_drain remote_free_emigrate remote_free_quiet"
NOT_FOLLOWED=" printk vprintk panic "

# Direct call / jmp targets of a function: "<name>" without "+offset" (a jump inside a function has one).
callees() { func "$1" | sed -n 's/.*\t\(call\|jmp\) *[0-9a-f]* <\([A-Za-z_.][A-Za-z0-9_.]*\)>$/\2/p' | sort -u; }
# Locked instructions: a lock prefix, cmpxchg, or xchg unless both operands are registers.
locked() {
  func "$1" | awk -F'\t' 'NF >= 2 {
      split($2, w, /[ ]+/); m = w[1]; ops = $2; sub(/^[a-z]+[ ]+/, "", ops); sub(/[ ]*#.*/, "", ops)
      if (m == "lock" || m ~ /^cmpxchg/ || (m ~ /^xchg/ && ops !~ /^%[a-z0-9]+,%[a-z0-9]+$/)) print "    " $0
  }'
}

declare -A seen=()
queue=()
for r in $ROOTS; do
  if [ -z "$(func "$r")" ]; then echo "FAIL: $r not found"; status=1; continue; fi
  queue+=("$r")
done
checked=0
while [ ${#queue[@]} -gt 0 ]; do
  f=${queue[0]}; queue=("${queue[@]:1}")
  [ -n "${seen[$f]:-}" ] && continue
  seen[$f]=1
  body=$(func "$f")
  [ -z "$body" ] && continue            # not a function (e.g. a jump into a data symbol): nothing to do
  checked=$((checked + 1))
  bad=$(locked "$f")
  if [ -n "$bad" ]; then
    echo "FAIL: $f uses a locked instruction:"; echo "$bad"; status=1
  else
    echo "$f: $(grep -c ':' <<<"$body") instructions, no locked instruction"
  fi
  if grep -Eq $'\t''(call|jmp) +\*' <<<"$body"; then echo "    (indirect call in $f: not followed)"; fi
  for c in $(callees "$f"); do
    case "$NOT_FOLLOWED" in *" $c "*) continue ;; esac
    [ -z "${seen[$c]:-}" ] && queue+=("$c")
  done
done
echo "creation path: $checked functions checked (not followed: $NOT_FOLLOWED)"
[ $status -eq 0 ] && echo "check-asm: ok"
exit $status
