"""The process-local layer of the shared cache (portal.caching)."""

from django.core.cache import cache

import pytest

from portal import caching
from portal.caching import SharedVersion, versioned_get, versioned_local, versioned_set


@pytest.fixture(autouse=True)
def _forget_local_entries():
    caching._local_entries.clear()
    yield
    caching._local_entries.clear()


def test_another_process_change_is_seen_after_the_recheck_time(settings):
    settings.CACHE_VERSION_RECHECK_SECONDS = 60
    version = SharedVersion("test:version")
    seen = version.current()
    cache.set("test:version", "changed-by-another-process", None)
    assert version.current() == seen  # no round trip within the recheck time
    settings.CACHE_VERSION_RECHECK_SECONDS = 0
    assert version.current() == "changed-by-another-process"


def test_own_change_is_seen_at_once(settings):
    settings.CACHE_VERSION_RECHECK_SECONDS = 60
    version = SharedVersion("test:version")
    seen = version.current()
    replaced = version.replace()
    assert replaced != seen
    assert version.current() == replaced == cache.get("test:version")


def test_two_processes_starting_at_once_agree_on_one_version(settings, monkeypatch):
    settings.CACHE_VERSION_RECHECK_SECONDS = 0
    first = SharedVersion("test:version").current()
    # The second process read the key before the first one stored it: it must not store its own.
    real_get = caching.cache.get
    reads = []

    def get_missing_once(key, *args, **kwargs):
        reads.append(key)
        return None if len(reads) == 1 else real_get(key, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "get", get_missing_once)
    assert SharedVersion("test:version").current() == first


def test_a_versioned_entry_read_once_needs_no_round_trip_again():
    cache.set("test:entry:v1", ["menu"], None)
    assert versioned_get("test:entry:v1") == ["menu"]
    cache.delete("test:entry:v1")
    assert versioned_get("test:entry:v1") == ["menu"]
    assert versioned_get("test:entry:v2") is None


def test_a_local_entry_expires(monkeypatch):
    versioned_set("test:entry:v1", "value", None)
    cache.delete("test:entry:v1")
    monkeypatch.setattr(caching, "LOCAL_SECONDS", -1)
    versioned_set("test:entry:v2", "value", None)
    cache.delete("test:entry:v2")
    assert versioned_get("test:entry:v1") == "value"
    assert versioned_get("test:entry:v2") is None


def test_local_values_are_loaded_once_and_never_shared():
    loads = []

    def load():
        loads.append(1)
        return {"loaded": len(loads)}

    assert versioned_local("test:local:v1", load) == {"loaded": 1}
    assert versioned_local("test:local:v1", load) == {"loaded": 1}
    assert cache.get("test:local:v1") is None
    assert len(loads) == 1
