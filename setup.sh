#!/usr/bin/env bash
# Idempotent machine set-up for Ruedo: installs the Debian packages the build, the kernel and the
# tests need, and checks for a JDK 21+. Safe to run again: it installs only what is missing.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have qemu-system-x86_64 || need+=(qemu-system-x86)
have gdb               || need+=(gdb)
have gcc               || need+=(gcc)
have ld                || need+=(binutils)
have objcopy           || need+=(binutils)
have xvfb-run          || need+=(xvfb xauth)
have Xvfb              || need+=(xvfb)
have import            || need+=(imagemagick)
have xwininfo          || need+=(x11-utils)
have make              || need+=(make)          # bench/run compares against make -j2
have qemu-img          || need+=(qemu-utils)    # recordings for reverse debugging (ruedo run --record)
# the SWT (GTK 3) runtime the UI tests and the IDE product load; the workbench cannot start without it
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# JDK 21+ (the machine's default java may be 17)
. "$(dirname "$0")/scripts/java-home.sh"
# the manifest parser (tomlj) in the local Maven repository: Tycho wraps it for the bundles, ./ruedo copies it
# to .ruedo-cli/lib once; fetched here once when missing, never at every run
if [ ! -f "${MAVEN_REPO:-$HOME/.m2/repository}/org/tomlj/tomlj/2.2.0/tomlj-2.2.0.jar" ]; then
  (cd "$(dirname "$0")" && ./mvnw -B -q dependency:get -Dartifact=org.tomlj:tomlj:2.2.0)
fi
echo "setup: ok (JAVA_HOME=$JAVA_HOME; $(qemu-system-x86_64 --version | head -1); $(gdb --version | head -1))"
