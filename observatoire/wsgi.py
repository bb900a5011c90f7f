import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.settings")
application = get_wsgi_application()

# What the process loaded to start (modules, models, settings) lives as long as the process: frozen, it is
# left out of the collector's full passes, which otherwise walk its 200,000 objects and hold up the request
# that triggers them by 100–190 ms, a few requests in a hundred (bench/README.md, "Where the time goes").
gc.freeze()
