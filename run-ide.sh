#!/usr/bin/env bash
# Starts the Ruedo IDE product built by ./mvnw verify (or ./test.sh).
# Usage: ./run-ide.sh [workspace-dir]
# There is no native 'eclipse' launcher (org.eclipse.equinox.executable is not on Maven Central),
# so the IDE starts through the Equinox launcher jar, which finds configuration/ in its install dir.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)
. "$ROOT/scripts/java-home.sh"
IDE=$ROOT/releng/org.ruedo.product/target/products/ruedo.ide/linux/gtk/x86_64/ruedo-ide
[ -d "$IDE" ] || { echo "error: $IDE not found; build it first: ./mvnw -B verify -DskipTests" >&2; exit 1; }
WS=${1:-$HOME/ruedo-workspace}
cd "$IDE"
# file names are UTF-8 whatever the locale: under LC_ALL=C (or LANG unset) the JVM cannot name a non-ASCII path
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
  *) if [ -n "${LC_ALL:-}" ]; then export LC_ALL=C.UTF-8; else export LC_CTYPE=C.UTF-8; fi ;;
esac
exec "$JAVA_HOME/bin/java" -Xmx1g -jar plugins/org.eclipse.equinox.launcher_*.jar -data "$WS" "${@:2}"
