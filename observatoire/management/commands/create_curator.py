import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from foundation.reference.services import curators_group_sync


class Command(BaseCommand):
    help = "Create (or reset) a curator account (staff, in the Curateurs group, not a superuser); print its password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="curatrice")
        parser.add_argument("--email", default="curatrice@example.org")

    def handle(self, *args, username: str, email: str, **options):
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = False
        user.save()
        user.groups.add(curators_group_sync())
        verb = "Created" if created else "Reset"
        self.stdout.write(f"{verb} curator account: username «{username}», password «{password}» (admin at /admin/).")
