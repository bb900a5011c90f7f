"""Data made once for a test module whose tests all read it.

`@module_data` turns a function into a module-scoped fixture of the same name: the function runs once, in a
transaction that is rolled back after the module's last test, and each test runs in its own savepoint inside
it (pytest-django's `db`), so that what one test writes is gone for the next. It suits tests that read the
same data and write little; a test that commits (`transaction=True`, a live server) cannot run inside it.
"""

import pytest
from django.db import transaction

from tests.snapshots import reference_present


def module_data(build):
    @pytest.fixture(scope="module", name=build.__name__)
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            reference_present()
            yield build()
            transaction.set_rollback(True)

    fixture.__doc__ = build.__doc__
    return fixture
