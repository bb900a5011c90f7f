#!/usr/bin/env bash
# The whole suite: lint, migrations in step, deploy checks, then the tests: on PostgreSQL when a server is
# reachable (DATABASE_URL, or the local one), and on SQLite for the demo's path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
PY=.venv/bin/python

echo "== lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || .venv/bin/ruff format --check .

echo "== import contract (.importlinter)"
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache

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

# Each test runs once, on the database it is about: everything on PostgreSQL (the production database) when
# it is reachable, and on SQLite what is about SQLite (marker `sqlite`: the demo's path, the SQLite search).
# Without PostgreSQL, everything runs on SQLite. Tests are spread over the cores; the slowest are listed.
PYTEST=($PY -m pytest -n "${TEST_WORKERS:-auto}" --durations=15 --durations-min=2)

if [[ "$PG_URL" == postgres* ]]; then
  echo "== tests on PostgreSQL"
  DATABASE_URL="$PG_URL" "${PYTEST[@]}" "$@"
  echo "== tests on SQLite (the demo's path)"
  # Exit status 5: a selection given as arguments holds no SQLite test.
  env -u DATABASE_URL "${PYTEST[@]}" -m sqlite "$@" || [[ $? -eq 5 ]]
else
  echo "== PostgreSQL not reachable: every test runs on SQLite, the PostgreSQL-only ones are skipped"
  env -u DATABASE_URL "${PYTEST[@]}" "$@"
fi
