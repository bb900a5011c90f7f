"""The WSGI module as the server loads it in each worker."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOADED = (
    "import gc, observatoire.wsgi as wsgi; "
    "print(gc.get_freeze_count(), sys.modules.get('cases.views') is not None, callable(wsgi.application))"
)


def test_the_loaded_site_is_left_out_of_the_garbage_collectors_walks():
    """Full collections walked every object of the loaded site again and again, a pause every twenty
    searches or so (bench/README.md): the module freezes them once the views are imported."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="observatoire.settings", DEBUG="1")
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; {LOADED}"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    frozen, views, application = done.stdout.split()
    assert int(frozen) > 50_000, done.stdout  # the site's objects, not a handful
    assert views == application == "True"
