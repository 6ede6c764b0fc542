#!/usr/bin/env bash
# Install the working tree into a private venv for development, building from
# a copy so that several developers sharing one checkout never race in build/.
# usage: tools/devinstall.sh VENV_DIR
set -euo pipefail
venv=${1:?usage: tools/devinstall.sh VENV_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q --upgrade pip setuptools wheel; }
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
(cd "$top" && git ls-files -co --exclude-standard | tar -cf - --ignore-failed-read -T - 2>/dev/null) | tar -xf - -C "$src"
"$venv/bin/pip" install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps "$src" >/dev/null
"$venv/bin/pip" install -q --disable-pip-version-check --no-build-isolation "$src[test,bench]" >/dev/null
echo "installed into $venv"
