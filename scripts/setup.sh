#!/usr/bin/env bash
# Install everything the project needs from its own files: Python 3.12 (selected by .python-version),
# uv, the locked dependencies in .venv, the compiled translations, and (with --browser) Debian's Chromium for
# the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

python_ok() { python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
if ! python_ok; then
  if command -v pyenv >/dev/null; then
    pyenv install --skip-existing "$(cat .python-version)"
  fi
  python_ok || { echo "Python >= 3.12 is needed (see .python-version)." >&2; exit 1; }
fi

if ! python3 -m uv --version >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "uv==0.13.8"
fi
UV_PYTHON_DOWNLOADS=never python3 -m uv sync --locked --quiet
# The English catalogue is compiled here, never committed (locale/*/LC_MESSAGES/*.mo are generated).
DEBUG=1 .venv/bin/python manage.py compilemessages --ignore=.venv -v0

if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
