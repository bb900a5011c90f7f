"""The project's settings with the benchmark's urlconf, which adds the bare baseline view."""

from observatoire.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
