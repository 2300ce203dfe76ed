from django.db import transaction

import pytest

from tests.search.catalogue import build_catalogue


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The realistic catalogue, built once per module inside a transaction rolled back afterwards.

    Each test's own transaction nests inside it (as a savepoint), so tests still cannot see each
    other's writes, and other modules never see the catalogue.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        procedures = build_catalogue()
    yield procedures
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
