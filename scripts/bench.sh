#!/usr/bin/env bash
# The benchmark (bench/README.md): builds the PostgreSQL corpora (10,000 and 100,000 cases by default),
# measures every endpoint in-process, then loads gunicorn with wrk; prints a Markdown table and writes the
# figures to bench/results/<date>.json. Options go to `python -m bench`: scripts/bench.sh --help.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v wrk >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
exec .venv/bin/python -m bench "$@"
