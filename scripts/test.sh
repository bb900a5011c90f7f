#!/usr/bin/env bash
# The whole suite: lint, migrations in step, deploy checks, then the tests on SQLite and, when a
# PostgreSQL server is reachable (DATABASE_URL, or the local one), on PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
PY=.venv/bin/python

echo "== lint"
.venv/bin/ruff check .

echo "== migrations"
DEBUG=1 $PY manage.py makemigrations --check --dry-run >/dev/null

echo "== deploy checks (production settings)"
DEBUG=0 SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')" ALLOWED_HOSTS=observatoire.example.org \
  $PY manage.py check --deploy --fail-level WARNING

PG_URL="${DATABASE_URL:-}"
if [[ -z "$PG_URL" ]] && $PY -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2).close()" 2>/dev/null; then
  PG_URL="postgres://postgres@127.0.0.1:5432/observatoire"
fi

# Playwright's sync API runs an event loop in the test thread (for the tests only, never deployed).
export DJANGO_ALLOW_ASYNC_UNSAFE=true

echo "== tests on SQLite"
env -u DATABASE_URL $PY -m pytest "$@"

if [[ "$PG_URL" == postgres* ]]; then
  echo "== tests on PostgreSQL"
  DATABASE_URL="$PG_URL" $PY -m pytest "$@"
else
  echo "== PostgreSQL not reachable: its tests were not run"
fi
