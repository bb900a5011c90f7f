#!/usr/bin/env bash
# Set up and serve the demo site on the embedded SQLite database: http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG="${DEBUG:-1}"
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py load_reference
# Fictitious cases are added once; a second run only refreshes the source's data.
if $PY manage.py shell -v0 -c "from cases.models import Case; print(Case.objects.filter(is_fictitious=True).exists())" | grep -q True; then
  $PY manage.py load_demo
else
  $PY manage.py load_demo --synthetic "${DEMO_SYNTHETIC:-300}"
fi
$PY manage.py build_opendata
$PY manage.py create_curator
exec $PY manage.py runserver "${DEMO_ADDRESS:-127.0.0.1:8000}"
