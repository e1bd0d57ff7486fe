#!/usr/bin/env bash
# Runs every test: Maven/Tycho build of all modules (update site + IDE product) with engine unit tests,
# plug-in tests, the in-kernel test suite under QEMU (-smp 1, 2, 4), launch/debug tests against real
# QEMU and gdb, UI tests under Xvfb, and a start of the IDE product. On failure the test workspaces' .log files are printed.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh
status=0
# 1. the in-kernel test suite under QEMU at -smp 1, 2, 4, and the switch/exchange-slot assembly checks
for n in 1 2 4; do
  echo "=== kernel tests, -smp $n"
  ./ruedo run kernel/tests --cpus "$n" --timeout 120 || { echo "kernel tests failed at -smp $n"; status=1; }
done
kernel/tests/check-asm.sh || status=1
# 2. everything else: Tycho build with all plug-in, engine, launch, debug, fault and UI tests
xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B ${RUEDO_MVN_ARGS:-} clean verify || status=1
# 3. the IDE product itself starts, on the Unikernel perspective, with a clean log (screenshot under its target/)
if [ -d releng/org.ruedo.product/target/products ]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" releng/org.ruedo.product/smoke-test.sh || status=1
else
  echo "ide smoke: skipped: the product was not built"; status=1
fi
if [ $status -ne 0 ]; then
  for log in tests/*/target/work/data/.metadata/.log; do
    [ -f "$log" ] && { echo "===== $log"; cat "$log"; }
  done
fi
exit $status
