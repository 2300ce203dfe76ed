"""The structure version (the key of cached menus, breadcrumbs and routes) is read once per request."""

from django.core.cache import cache

from home.selectors import (
    STRUCTURE_VERSION_KEY,
    request_version_end,
    request_version_start,
    structure_changed,
    structure_version,
)


def test_one_read_per_request_and_a_fresh_read_in_the_next():
    request_version_start()
    try:
        seen = structure_version()
        cache.set(STRUCTURE_VERSION_KEY, seen + 1, None)  # another process changes a page meanwhile
        assert structure_version() == seen
    finally:
        request_version_end()
    assert structure_version() == seen + 1


def test_a_change_within_the_request_is_seen_at_once():
    request_version_start()
    try:
        seen = structure_version()
        structure_changed()
        assert structure_version() != seen
        assert structure_version() == cache.get(STRUCTURE_VERSION_KEY)
    finally:
        request_version_end()


def test_outside_requests_every_read_is_fresh():
    seen = structure_version()
    cache.set(STRUCTURE_VERSION_KEY, seen + 1, None)
    assert structure_version() == seen + 1
