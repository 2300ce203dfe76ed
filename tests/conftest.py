from django.core.cache import cache

from wagtail.models import Site

import pytest


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
