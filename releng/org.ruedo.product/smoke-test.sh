#!/usr/bin/env bash
# Starts the built IDE product (run-ide.sh, fresh workspace) on the current X display and checks that it
# comes up as a person would see it: a workbench window titled "<workspace> - Unikernel - Ruedo IDE"
# (the product opens on the Unikernel perspective), no error in the workspace log; saves a screenshot to
# releng/org.ruedo.product/target/screenshots/ide-start.png, then ends the IDE and checks its pid is gone.
# Run under X (test.sh: xvfb-run -a -s "-screen 0 1600x1000x24" releng/org.ruedo.product/smoke-test.sh).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/releng/org.ruedo.product/target
WS=$(mktemp -d /tmp/ruedo-ide-smoke.XXXXXX)
mkdir -p "$OUT/screenshots"
fail() { echo "ide smoke: FAILED: $*"; [ -f "$WS/.metadata/.log" ] && cat "$WS/.metadata/.log"; stop; exit 1; }
stop() {
  [ -n "${pid:-}" ] || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
"$ROOT/run-ide.sh" "$WS" > "$OUT/ide-smoke.out" 2>&1 &
pid=$!
title=
for _ in $(seq 1 240); do
  kill -0 "$pid" 2>/dev/null || { cat "$OUT/ide-smoke.out"; fail "the IDE exited before its window came up"; }
  # the workbench window, laid out (wider than the 200x200 placeholder shells SWT makes first)
  win=$(xwininfo -root -tree 2>/dev/null | sed -n 's/^ *\(0x[0-9a-f]*\) "\([^"]* - Ruedo IDE *\)": .* \([0-9]*\)x[0-9]*+.*/\3 \1 \2/p' \
        | awk '$1 >= 400 { print; exit }')
  id=$(echo "$win" | awk '{ print $2 }')
  title=$(echo "$win" | cut -d' ' -f3-)
  [ -n "$title" ] && break
  sleep 0.5
done
[ -n "$title" ] || fail "no workbench window within 120 s (windows: $(xwininfo -root -tree | grep -c '"'))"
case "$title" in
  *" - Unikernel - Ruedo IDE"*) ;;
  *) fail "the window title is '$title', not on the Unikernel perspective" ;;
esac
sleep 3   # let it paint
import -window "$id" "$OUT/screenshots/ide-start.png" || fail "no screenshot"
if [ -f "$WS/.metadata/.log" ] && grep -q '^!ENTRY [^ ]* 4 ' "$WS/.metadata/.log"; then
  fail "errors in the workspace log"
fi
stop
kill -0 "$pid" 2>/dev/null && fail "IDE pid $pid still alive"
rm -rf "$WS"
echo "ide smoke: ok (window '$title'; screenshot $OUT/screenshots/ide-start.png)"
