"""The English catalogue: every string translated, none fuzzy, and in step with the strings marked in the code.

`makemessages` is run into a copy of the catalogue, over the project's own sources (as the catalogue is
made: see docs/translations.md); a string marked in the code but missing from the committed catalogue, or
one left there after the code dropped it, fails.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
NOT_SCANNED = {".venv", "node_modules", "bench", "tests", "locale", ".git", "media", "staticfiles", "var"}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def test_every_string_of_the_english_catalogue_is_translated_and_checked():
    catalogue = polib.pofile(str(CATALOGUE))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.metadata["Language"] == "en"


def test_the_english_catalogue_is_in_step_with_the_code(tmp_path):
    base = Path(settings.BASE_DIR)
    for entry in base.iterdir():
        if entry.name not in NOT_SCANNED and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    copy = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)
    env = {**os.environ, "PYTHONPATH": str(base), "DJANGO_SETTINGS_MODULE": "observatoire.settings", "DEBUG": "1"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location", "--no-obsolete", "--symlinks"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )

    made = {_key(entry) for entry in polib.pofile(str(copy)) if not entry.obsolete}
    committed = {_key(entry) for entry in polib.pofile(str(CATALOGUE))}
    assert {"missing from the catalogue": made - committed, "no longer in the code": committed - made} == {
        "missing from the catalogue": set(),
        "no longer in the code": set(),
    }
