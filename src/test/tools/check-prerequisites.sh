#!/usr/bin/env bash
# What the tests need besides the Java that runs Maven, checked before anything is compiled (pom.xml,
# "test-prerequisites"). The first thing missing is named on one line, with how to get it, and the
# check exits 1; otherwise it prints nothing. README "Prerequisites" lists the same.
#   $1 the Java major of the Lambda runtime (a JDK of it runs the tests; maven-toolchains-plugin finds it)
#   $2 target/venv   $3 requirements.txt   (the Python tools; the package index is needed only to build the venv)
#   $4 the Lambda emulator's module@version   $5 its binary (Go's module proxy only until it is built)
set -uo pipefail
java_major="$1" venv="$2" requirements="$3" emulator_module="$4" emulator="$5"

missing() {
  echo "missing: $*" >&2
  exit 1
}

# A JDK of the runtime's major, where maven-toolchains-plugin's discovery looks for one.
jdk_found() {
  local home named="JAVA${java_major}_HOME"
  for home in "${!named:-}" "${JAVA_HOME:-}" \
      $(sed -n 's:.*<jdkHome>\(.*\)</jdkHome>.*:\1:p' "$HOME/.m2/toolchains.xml" 2>/dev/null) \
      /usr/lib/jvm/* /usr/java/* /usr/jdk/* /opt/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      "$HOME"/.gradle/jdks/* "$HOME"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$home" ] && [ -x "$home/bin/javac" ] && grep -qs "^JAVA_VERSION=\"$java_major[.\"]" "$home/release"; then
      return 0
    fi
  done
  return 1
}

# Whether version $1 (x.y.z) is at least $2.
at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

jdk_found || missing "a JDK $java_major (the tests run on the Java of the java$java_major Lambda runtime):" \
  "install one (Temurin $java_major: https://adoptium.net, or sdk install java $java_major-tem) and set JAVA${java_major}_HOME" \
  "to it unless it is under /usr/lib/jvm, ~/.sdkman or ~/.jdks"

command -v python3 >/dev/null || missing "Python 3.11 to 3.14 (python3; the tests run fakesnow, moto, cfn-lint and" \
  "sam from target/venv): install it (Debian/Ubuntu: apt-get install python3 python3-venv)"
python_version="$(python3 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
# fakesnow 0.12.1 and snowflake-connector-python 4.8.1 need 3.11; cfn-lint 1.58 stops before 3.15.
{ at_least "$python_version" 3.11 && ! at_least "$python_version" 3.15; } || missing "Python 3.11 to 3.14 (python3 is" \
  "$python_version; the pinned test tools need it): install one and put it first on PATH as python3"
python3 -c 'import venv, ensurepip' 2>/dev/null || missing "Python's venv module with pip (python3 -m venv" \
  "creates target/venv): install it (Debian/Ubuntu: apt-get install python3-venv)"
if ! cmp -s "$requirements" "$venv/.requirements"; then
  # target/venv is to be built: pip needs the package index (PIP_INDEX_URL, else PyPI).
  index="${PIP_INDEX_URL:-$(python3 -m pip config get global.index-url 2>/dev/null || echo https://pypi.org/simple)}"
  python3 - "$index" <<'PY' 2>/dev/null || missing "access to the Python package index $index (pip installs the" \
    "test tools of src/test/tools/requirements.txt into target/venv): allow it, or set PIP_INDEX_URL to a mirror"
import sys, urllib.request
urllib.request.urlopen(sys.argv[1].rstrip("/") + "/fakesnow/", timeout=20).read(1)
PY
fi

command -v go >/dev/null || missing "Go (the packaged-function tests build the AWS Lambda Runtime Interface" \
  "Emulator from source with it): install it from https://go.dev/dl (Debian/Ubuntu: apt-get install golang-go)"
if [ ! -x "$emulator" ]; then
  # go install resolves the module through the module cache or the proxy, and needs a Go of at least
  # the module's go line (an older one switches to it, fetched the same way, unless GOTOOLCHAIN=local).
  needs_go="$(go list -m -f '{{.GoVersion}}' "$emulator_module" 2>/dev/null)" || missing "access to the Go module" \
    "proxy (GOPROXY=$(go env GOPROXY); go install builds $emulator_module from it): allow it, or set GOPROXY to a mirror"
  have_go="$(go env GOVERSION)"
  if ! at_least "${have_go#go}" "$needs_go" && [ "$(go env GOTOOLCHAIN)" = local ]; then
    missing "Go $needs_go or later ($emulator_module needs it; go is ${have_go#go} with GOTOOLCHAIN=local):" \
      "install it from https://go.dev/dl, or set GOTOOLCHAIN=auto to let Go fetch it"
  fi
fi
