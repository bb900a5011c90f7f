"""Load a corpus from a JSON-lines file: one case a line, the fields of DESIGN.md's "Benchmark corpus".

`slug, title, summary, body, domains, partnerships, engagements, dynamic, region, department, year`,
vocabulary slugs and INSEE codes; `outcomes`, `end_year`, `scale`, `place` and `organizations` (as the
generator writes them) may be added. Runs inside Django (`manage.py shell -c`, see bench/corpus.py).
"""

import json
from collections.abc import Iterator
from pathlib import Path

REQUIRED = (
    "slug",
    "title",
    "summary",
    "body",
    "domains",
    "partnerships",
    "engagements",
    "dynamic",
    "region",
    "department",
    "year",
)


class CorpusError(ValueError):
    pass


def rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path}, line {number}: not JSON ({error})") from None
            missing = [name for name in REQUIRED if name not in row]
            if missing:
                raise CorpusError(f"{path}, line {number}: missing {', '.join(missing)}")
            yield row


def load(path: str) -> int:
    from bench.bulk import cases_bulk_create
    from foundation.reference.models import (
        CollectiveDynamic,
        Department,
        Domain,
        EngagementPractice,
        PartnershipType,
    )

    known = {
        "domains": set(Domain.objects.values_list("slug", flat=True)),
        "partnerships": set(PartnershipType.objects.values_list("slug", flat=True)),
        "engagements": set(EngagementPractice.objects.values_list("slug", flat=True)),
        "dynamic": set(CollectiveDynamic.objects.values_list("slug", flat=True)),
        "department": set(Department.objects.values_list("code", flat=True)),
    }

    def checked(source: Iterator[dict]) -> Iterator[dict]:
        for row in source:
            for field, values in known.items():
                given = row[field] if isinstance(row[field], list) else [row[field]]
                unknown = [value for value in given if value and value not in values]
                if unknown:
                    raise CorpusError(f"case {row['slug']!r}: unknown {field} {', '.join(map(str, unknown))}")
            yield row

    return cases_bulk_create(rows=checked(rows(Path(path))))
