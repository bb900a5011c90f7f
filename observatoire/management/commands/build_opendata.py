from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand

from foundation.cache import stored_version
from observatoire import opendata


class Command(BaseCommand):
    help = (
        "Build the open-data dump (every public table as CSV, the cases also as JSON, with datapackage.json) "
        "of the current content version; the instances share it through the default storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="build again even when this version is built")

    def handle(self, *args, force: bool, **options):
        version = stored_version()
        package = opendata.latest()
        if package is not None and int(package["version"]) == version and not force:
            self.stdout.write(f"The dump of version {version} is already built ({package['count']} cases).")
            return
        # Holding the lock keeps the instances from starting the same build meanwhile.
        locked = cache.add(opendata.LOCK_KEY, version, timeout=settings.OPENDATA_BUILD_TIMEOUT)
        try:
            package = opendata.build(version)
        finally:
            if locked:
                cache.delete(opendata.LOCK_KEY)
        total = sum(resource["bytes"] for resource in package["resources"])
        self.stdout.write(
            f"Built the dump of version {version}: {package['count']} published cases; "
            f"{len(package['resources'])} files, {total:,} bytes."
        )
