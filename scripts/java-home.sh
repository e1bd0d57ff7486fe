# Sourced: exports JAVA_HOME pointing at a JDK 21 or newer (keeps a suitable JAVA_HOME already set).
_ruedo_java_ok() { [ -x "$1/bin/javac" ] && v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') && [ "${v%%.*}" -ge 21 ]; }
if [ -z "${JAVA_HOME:-}" ] || ! _ruedo_java_ok "$JAVA_HOME"; then
  JAVA_HOME=
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if _ruedo_java_ok "$d"; then JAVA_HOME=$d; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "error: no JDK 21+ found under /usr/lib/jvm; install one (Debian: openjdk-21-jdk or temurin-21-jdk)" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
export JAVA_HOME
