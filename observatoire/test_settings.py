"""Fast settings for the test suite: cheap hashing, local memory cache, plain HTTP."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# A developer's error-reporting DSN must not receive the suite's deliberate errors.
os.environ["SENTRY_DSN"] = ""

from observatoire.settings import *  # noqa: E402, F403
from observatoire.settings import REST_FRAMEWORK  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PUBLIC_CACHE_SECONDS = 0
CONTENT_CACHE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files are served by the application (the S3 redirect is tested with a storage of its own).
CASE_FILES_SIGNED_URLS = False
# Files written by a test (the open-data dump, case photos) never land in the project; one folder per
# process, so that parallel workers (whose cases share ids) do not write over each other's files.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="observatoire-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# Throttling is tested explicitly with its own rates; the rest of the suite is not throttled.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute", "csv": "100000/minute"},
}
# Tests change the data without committing (so without a new content version): a PDF stored by one test
# would be served to the next. The tests of the stored PDFs turn it on.
REPORT_PDF_STORED = False
