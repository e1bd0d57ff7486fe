#!/usr/bin/env bash
# Runs every test: Maven/Tycho build of all modules (update site + IDE product) with engine unit tests,
# plug-in tests, the in-kernel test suite under QEMU (-smp 1, 2, 4), launch/debug tests against real
# QEMU and gdb, and UI tests under Xvfb. On failure the test workspaces' .log files are printed.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh
status=0
xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B ${RUEDO_MVN_ARGS:-} clean verify || status=$?
if [ $status -ne 0 ]; then
  for log in tests/*/target/work/data/.metadata/.log; do
    [ -f "$log" ] && { echo "===== $log"; cat "$log"; }
  done
fi
exit $status
