#!/usr/bin/env bash
# Creates target/venv with the pinned test tools, once per build directory. Called by Maven in
# generate-test-resources; a fresh clone (CI) always builds it, a developer's rebuild reuses it
# until `mvn clean` or until the requirements change.
set -euo pipefail
venv="$1"
requirements="$2"
stamp="$venv/.requirements"
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
