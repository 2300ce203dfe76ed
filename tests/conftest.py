from django.core.cache import cache

from wagtail.models import Site

import pytest

from tests.antivirus import clamd  # noqa: F401 (a session fixture shared by every directory)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's database setup; its value is what the migrations wrote (home page, site,
    role groups …), serialized right after the setup, for the browser tests (tests/e2e/conftest.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        return (
            getattr(connection, "_test_serialized_contents", None)
            or connection.creation.serialize_db_to_string()
        )


@pytest.fixture(scope="session")
def database_snapshot(django_db_setup):
    return django_db_setup


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, also when the run uses a shared Redis."""
    cache.clear()
    yield
    cache.clear()
