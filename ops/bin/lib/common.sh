# Shared by ops/bin/civitas and ops/bin/test. Sourced, not run.

# The repository root, whatever the caller's working directory.
CIVITAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

say() { printf '%s\n' "$*"; }
die() { printf 'civitas: %s\n' "$*" >&2; exit 1; }

# Installs a Debian package when the command it provides is missing. Needs root or sudo.
ensure_command() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  say "Installing $package (provides $command) ..."
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$command is missing and this user cannot install packages; install $package and retry"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null 2>&1 || die "$command is missing and there is no apt-get; install $package with your package manager"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed; install $package yourself and retry"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
    || die "apt-get install $package failed"
  command -v "$command" >/dev/null 2>&1 || die "$package installed but $command is still not on PATH"
}

# The java to run services with: JAVA_HOME's, else the one on PATH. Needs 17 or newer.
find_java() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$java" >/dev/null 2>&1 || die "no java found; install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  local major
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  [ "${major:-0}" -ge 17 ] || die "java $major is too old; Civitas needs 17 or newer"
  printf '%s' "$java"
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || ensure_command mvn maven
}
