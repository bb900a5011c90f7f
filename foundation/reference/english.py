"""The reference records' English, from fixtures/translations/en.json (the observatory's translation).

Each loader (`load_reference`, the indicators', programmes' and audiences' loaders) applies the section of its
records after loading their French. Only the `<field>_en` columns are written, and only where they differ,
so a second run writes nothing. A territory whose name is the same in both languages takes its French name as
its English (`same_as_french`), so that English lists sort like French ones.
"""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings

ENGLISH = Path(settings.BASE_DIR) / "fixtures" / "translations" / "en.json"


@cache
def _sections() -> dict:
    return json.loads(ENGLISH.read_text(encoding="utf-8"))


def english_section(section: str) -> dict[str, dict[str, str]]:
    """`{record key: {field: English text}}` of one section of the file."""
    return _sections()[section]


def english_apply(queryset, section: str, key: Callable[[object], str], *, same_as_french: tuple[str, ...] = ()) -> int:
    """Write the English of `queryset`'s records from `section`; returns how many records changed."""
    entries = english_section(section)
    changed_records = 0
    for record in queryset:
        values = dict(entries.get(str(key(record)), {}))
        for name in same_as_french:
            values.setdefault(name, getattr(record, f"{name}_{settings.LANGUAGE_CODE}"))
        changed = [f"{name}_en" for name, value in values.items() if getattr(record, f"{name}_en") != value]
        if changed:
            for column in changed:
                setattr(record, column, values[column.removesuffix("_en")])
            record.save(update_fields=changed)
            changed_records += 1
    return changed_records
