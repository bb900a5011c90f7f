"""The production settings for the gunicorn instances of tests/test_instances.py, with the static files hashed
but not compressed, into a folder of the test run's own: compressing every file of the admin and the API's
documentation takes about half a minute, and the instances test what is shared between them, not the files."""

import os
from pathlib import Path

from observatoire.settings import *  # noqa: F403
from observatoire.settings import STORAGES

STATIC_ROOT = Path(os.environ["INSTANCES_STATIC_ROOT"])
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
