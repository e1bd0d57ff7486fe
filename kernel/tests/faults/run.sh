#!/usr/bin/env bash
# kernel/tests/faults/run.sh — runs every crash case of kernel/tests/faults as its own QEMU run
# (`ruedo run kernel/tests/faults --cpus N -- -append CASE`) and checks its exit code and the text
# of its report. Prints `[ PASS ] case` / `[ FAIL ] case: why` and `faults: N passed, N failed`;
# exits with the number of failures. Usage: kernel/tests/faults/run.sh [case-name-regex]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
DIR=$ROOT/kernel/tests/faults
RUEDO=$ROOT/ruedo
only=${1:-}
ELF=$DIR/build/faults.elf
# Whether a backtrace frame of report $1 resolves to main.c:$2.
frame_at_line() {
  local n a addrs=()
  while read -r n a; do
    [ "$n" = "#0" ] && addrs+=("$a") || addrs+=("$(printf '0x%x' $((a - 1)))")
  done < <(grep -oE '#[0-9]+ 0x[0-9a-f]+' "$1")
  [ ${#addrs[@]} -gt 0 ] || return 1
  local lines; lines=$(addr2line -e "$ELF" "${addrs[@]}")   # not piped into grep -q: SIGPIPE + pipefail
  grep -qE "/faults/main\.c:$2( |\$)" <<<"$lines"
}
line_of() { grep -n "FAULT-LINE $1\$\|FAULT-LINE $1 " "$DIR/main.c" | head -1 | cut -d: -f1; }

# case | CPUs | exit code | extended regexes the output must contain, separated by ' && '.
# @LINE@ = the line of the case's FAULT-LINE marker in main.c; AT_LINE = a frame of the report's
# backtrace resolves (addr2line: #0 at its address, callers at return address - 1) to that line
# (AT_LINE:<case> to the marker of another case).
CASES=$(cat <<'EOF'
overflow_main_200        |1|100|reason: stack overflow in thread 0 \(main\) && KERNEL PANIC on CPU 0: Page fault \(#PF, vector 14\): stack overflow && recurse_200
overflow_main_3000       |2|100|reason: stack overflow in thread 0 \(main\) && recurse_3000
overflow_main_5000       |1|100|reason: stack overflow in thread 0 \(main\) && recurse_5000
overflow_main_12288      |2|100|reason: stack overflow in thread 0 \(main\) && recurse_12288
overflow_main_40000      |1|100|reason: stack overflow in thread 0 \(main\) && recurse_40000
overflow_main_70000      |2|100|reason: stack overflow in thread 0 \(main\) && recurse_70000
overflow_cpu0_200        |2|100|KERNEL PANIC on CPU 0: .*stack overflow && reason: stack overflow in thread 1$ && recurse_200
overflow_cpu0_4096       |1|100|KERNEL PANIC on CPU 0: .*stack overflow && reason: stack overflow in thread 1$ && recurse_4096
overflow_cpu0_12288      |2|100|KERNEL PANIC on CPU 0: .*stack overflow && reason: stack overflow in thread 1$ && recurse_12288
overflow_cpu0_40000      |1|100|KERNEL PANIC on CPU 0: .*stack overflow && reason: stack overflow in thread 1$ && recurse_40000
overflow_last_3000       |2|100|KERNEL PANIC on CPU 1: .*stack overflow && reason: stack overflow in thread 1$ && recurse_3000
overflow_last_5000       |4|100|KERNEL PANIC on CPU 3: .*stack overflow && reason: stack overflow in thread 1$ && recurse_5000
overflow_last_40000      |2|100|KERNEL PANIC on CPU 1: .*stack overflow && reason: stack overflow in thread 1$ && recurse_40000
overflow_last_70000      |4|100|KERNEL PANIC on CPU 3: .*stack overflow && reason: stack overflow in thread 1$ && recurse_70000
little_stack             |2|100|bytes of stack left && KERNEL PANIC on CPU 1: Page fault && reason: page fault \(write to 0x0000000000000000\) && descend_and_fault && END OF CRASH REPORT && AT_LINE
little_stack_main        |1|100|bytes of stack left && KERNEL PANIC on CPU 0: Page fault && reason: page fault \(write to 0x0000000000000000\) && descend_and_fault && END OF CRASH REPORT && AT_LINE:little_stack
wild_rbp                 |2|100|reason: page fault \(write to 0x0000000000000000\) && rip: .*<wild_frame_pointer\+ && rbp=0x4141414141414141 && END OF CRASH REPORT
smash_return             |1|100|KERNEL PANIC on CPU 0: General protection fault && reason: general protection fault \(rip 0x4141414141414141 is not a canonical address: a corrupt return address or function pointer\) && END OF CRASH REPORT
little_stack_ud          |1|100|bytes of stack left && KERNEL PANIC on CPU 0: Invalid opcode && reason: invalid opcode && descend_and_fault && END OF CRASH REPORT
gs_zero                  |1|100|note: GS base was 0x0000000000000000 \(damaged && KERNEL PANIC on CPU 0: Page fault && damage_gs && END OF CRASH REPORT
gs_noncanonical_last     |4|100|note: GS base was 0x4141414141414141 \(damaged && KERNEL PANIC on CPU 3: General protection fault && damage_gs && END OF CRASH REPORT
gs_wild_main             |2|100|note: GS base was 0x0000000000200000 \(damaged && KERNEL PANIC on CPU 0: && damage_gs && END OF CRASH REPORT
write_text               |1|100|reason: page fault \(write to 0x[0-9a-f]{16} in kernel/app code \(.text\), page protection\) && rip: .*<write_text\+ && main\+.*return address at rsp && AT_LINE
write_rodata             |2|100|reason: page fault \(write to 0x[0-9a-f]{16} in read-only data \(.rodata\), page protection\) && rip: .*<write_rodata\+ && AT_LINE
exec_data                |1|100|reason: page fault \(execute at 0x[0-9a-f]{16}, page protection\) && rip: .*<\?> && exec_data\+.*return address at rsp && AT_LINE
exec_heap                |2|100|reason: page fault \(execute at 0x[0-9a-f]{16}, page protection\) && exec_heap\+.*return address at rsp && AT_LINE
exec_stack               |1|100|reason: page fault \(execute at 0x[0-9a-f]{16}, page protection\) && exec_stack\+.*return address at rsp && AT_LINE
null_call                |2|100|reason: page fault \(execute at 0x0000000000000000\) && #1 0x[0-9a-f]+ call_null\+.*return address at rsp && #2 0x[0-9a-f]+ main\+ && AT_LINE
wild_call                |1|100|reason: page fault \(execute at 0x0000000000300000, page protection\) && rip: 0x0000000000300000 <\?> && call_wild\+.*return address at rsp && AT_LINE
double_free_local        |1|100|reason: panic: free\(0x[0-9a-f]+\): double free && main\+ && AT_LINE
double_free_remote       |2|100|reason: panic: free\(0x[0-9a-f]+\): double free .*CPU 0's heap && KERNEL PANIC on CPU 0 && AT_LINE
double_free_remote_twice |4|100|reason: panic: free\(0x[0-9a-f]+\): (double free .*CPU 0's heap|not a block in use) && KERNEL PANIC on CPU 3 && #1 0x[0-9a-f]+ free_shared\+
self_join                |2|100|reason: panic: thread_join: thread [0-9]+ joins itself && KERNEL PANIC on CPU 1 && join_self && AT_LINE
double_join              |2|100|reason: panic: thread_join\(0x[0-9a-f]+\): this thread was already joined && AT_LINE
sleep_max                |2|42|thread_sleep\(18446744073709551615 ms\): longer than the clock can count; thread [0-9]+ sleeps forever && still asleep after 50 ms
sleep_wrap               |1|42|thread_sleep\(18446744073710 ms\): longer than the clock can count && still asleep after 50 ms
printk_100k              |1|42|printk returned 102409
panic                    |1|100|reason: panic: faults: deliberate panic 7 && AT_LINE
kassert                  |2|100|reason: assertion failed: cpu_count\(\) > 100 at .*faults/main.c:@LINE@ && AT_LINE
EOF
)

"$RUEDO" build --quiet "$DIR" || { echo "faults: build failed"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
while IFS='|' read -r name cpus want pats; do
  name=${name// /}
  [ -n "$name" ] || continue
  [ -z "$only" ] || [[ $name =~ $only ]] || continue
  out=$tmp/$name.log
  "$RUEDO" run "$DIR" --cpus "$cpus" --timeout 60 -- -append "$name" 2>&1 | tr -d '\r' >"$out"
  rc=${PIPESTATUS[0]}
  why=""
  [ "$rc" = "$want" ] || why="exit code $rc, want $want"
  line=$(line_of "$name")
  IFS=$'\x01' read -r -a list <<<"${pats// && /$'\x01'}"
  for p in "${list[@]}"; do
    if [[ $p == AT_LINE* ]]; then            # AT_LINE, or AT_LINE:<marker of another case>
      l=$line; [[ $p == AT_LINE:* ]] && l=$(line_of "${p#AT_LINE:}")
      frame_at_line "$out" "$l" || why="${why:+$why; }no backtrace frame at main.c:$l"
      continue
    fi
    p=${p//@LINE@/$line}
    grep -Eq -- "$p" "$out" || why="${why:+$why; }no line matches /$p/"
  done
  if [ "$name" = printk_100k ]; then       # every byte of the 100 KB line arrived, in order
    exp=$(printf 'BEGIN%sEND' "$(for i in $(seq 0 3939); do printf abcdefghijklmnopqrstuvwxyz; done | head -c 102400)")
    grep -qxF -- "$exp" "$out" || why="${why:+$why; }the 100 KB line did not arrive whole"
  fi
  if [ -z "$why" ]; then
    passed=$((passed + 1)); echo "[ PASS ] $name (--cpus $cpus, exit $rc)"
  else
    failed=$((failed + 1)); echo "[ FAIL ] $name (--cpus $cpus): $why"; sed 's/^/    | /' "$out" | tail -40
  fi
done <<<"$CASES"
echo "faults: $passed passed, $failed failed"
[ $((passed + failed)) -gt 0 ] || { echo "faults: no case ran"; exit 1; }
exit "$failed"
