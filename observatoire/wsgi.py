"""The WSGI application, as the server starts each worker (`gunicorn observatoire.wsgi:application`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (the views imported now rather than at the first request)
# What is loaded by now lives as long as the process: the garbage collector's full collections need not walk
# it again and again (bench/README.md, "Pauses of the garbage collector").
gc.freeze()
