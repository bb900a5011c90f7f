"""Every caller searches through `cases.search`: no other module of the project builds text-search SQL
or reads the search tables itself (the import contract in `.importlinter` checks the layers)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEARCH_SQL = re.compile(
    r"django\.contrib\.postgres\.search|to_tsvector|tsquery|ts_rank|cases_search|SearchEntry|SearchPosting"
)
# The search package itself, the models that declare its tables and their migrations.
ALLOWED = {"cases/search", "cases/models/", "cases/migrations"}


def test_no_module_outside_the_search_package_builds_search_sql():
    offenders = []
    for path in sorted(ROOT.glob("**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        top = relative.split("/")[0]
        if top in {".venv", "tests", "bench", "node_modules"} or any(relative.startswith(a) for a in ALLOWED):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if SEARCH_SQL.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
