"""Shared fixtures: reference data, and the personas every permission test speaks of."""

import os

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from foundation.reference.services import curators_group_sync
from tests.snapshots import reference_data, reference_present

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` are skipped on SQLite."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to an English page activates English in
    the thread that served it (as Django does for every request), which must not leak into the next test's
    set-up (loaders that compare the French source text of translated records)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The vocabularies and territories, loaded once into the test database.

    pytest-django runs the transactional tests last; they flush the database when they end, and the fixture
    below loads the reference data again for the ones that follow.
    """
    with django_db_blocker.unblock():
        reference_data()


@pytest.fixture(autouse=True)
def reference(request):
    """The vocabularies and territories, present in every test that touches the database."""
    wants_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if not wants_db:
        return
    request.getfixturevalue("_django_db_helper")
    reference_present()


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("claire", password="curatrice-2026", is_staff=True)
    user.groups.add(curators_group_sync())
    return user


@pytest.fixture
def staff_without_permission(django_user_model):
    return django_user_model.objects.create_user("sam", password="sans-droits-2026", is_staff=True)


@pytest.fixture
def reader(django_user_model):
    """A logged-in user who is not staff and holds no permission."""
    return django_user_model.objects.create_user("lea", password="lectrice-2026")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def staff_client(client, staff_without_permission):
    client.force_login(staff_without_permission)
    return client


def grant(user, *codenames: str) -> None:
    for codename in codenames:
        app_label, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=code))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
