import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.settings")
application = get_wsgi_application()

# What the process loaded to start (modules, models, settings) lives as long as the process: frozen, it is
# left out of the collector's full passes, which otherwise walk its 200,000 objects and hold up the request
# that triggers them by 100–190 ms, a few requests in a hundred. A request allocates tens of thousands of
# objects, most of them freed by reference counting: collecting the youngest generation every 20,000
# allocations instead of 700 halves the time spent collecting (bench/README.md, "Where the time goes").
gc.freeze()
gc.set_threshold(20_000, 10, 10)
