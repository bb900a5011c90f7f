"""The English catalogue covers every interface string of the content apps: `makemessages` run on them finds
nothing that `locale/en/LC_MESSAGES/django.po` leaves untranslated or fuzzy (`msgcmp` compares the two)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

APPS = ["cases", "proposals", "desk", "surveys", "resources", "indicators"]
TEMPLATES = [
    "cases",
    "proposals",
    "desk",
    "surveys",
    "resources",
    "programmes",
    "audiences",
    "admin",
    "drf_spectacular",
]
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("msgcmp") is None, reason="the gettext tools are not installed")
def test_makemessages_finds_nothing_untranslated_in_the_content_apps(tmp_path, monkeypatch):
    for app in APPS:
        (tmp_path / app).symlink_to(Path(settings.BASE_DIR) / app)
    (tmp_path / "templates").mkdir()
    for folder in TEMPLATES:
        (tmp_path / "templates" / folder).symlink_to(Path(settings.BASE_DIR) / "templates" / folder)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [tmp_path / "locale"])
    call_command("makemessages", locale=["en"], no_location=True, symlinks=True, verbosity=0)
    found = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert found.exists()
    result = subprocess.run(["msgcmp", str(CATALOGUE), str(found)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
