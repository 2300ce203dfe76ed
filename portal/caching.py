"""The shared cache (Redis in production) with a copy in each process for versioned data.

Cached pages, menus and listings are stored under keys that name a *version* (`SharedVersion`):
a change starts a new version, and entries of older versions are never read again. So:

- what is stored under a versioned key never changes, and each process may keep what it read
  (`versioned_get`, `versioned_set`): a hit then costs no round trip to the shared cache. Every
  request of the process gets the same object, so callers copy before they change anything;
- a process re-reads a version at most every CACHE_VERSION_RECHECK_SECONDS (default 1 s). The
  process that makes a change sees it at once; the others within that time.
"""

import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

LOCAL_ENTRIES_MAX = 512
# A process re-reads even a versioned entry after this long: it bounds how stale something that
# changes by time alone can get (a notice whose start time arrives), as the shared timeout does.
LOCAL_SECONDS = 60
_local_entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
_local_lock = threading.Lock()


def _local(key: str):
    entry = _local_entries.get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def _remember(key: str, value) -> None:
    with _local_lock:
        _local_entries[key] = (time.monotonic() + LOCAL_SECONDS, value)
        if len(_local_entries) > LOCAL_ENTRIES_MAX:
            _local_entries.popitem(last=False)


def versioned_get(key: str):
    """The value stored under a versioned key, from this process when it read it lately."""
    value = _local(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _remember(key, value)
    return value


def versioned_get_many(keys: list[str]) -> dict:
    found = {key: value for key in keys if (value := _local(key)) is not None}
    missing = [key for key in keys if key not in found]
    if missing:
        fetched = cache.get_many(missing)
        for key, value in fetched.items():
            _remember(key, value)
        found.update(fetched)
    return found


def versioned_get_first(keys: list[str]) -> tuple[str, object] | None:
    """The first of `keys` that holds a value, and that value. The shared cache is asked only for
    the keys before the first one this process holds: when that is the first key, nothing is asked."""
    held, asked = None, keys
    for position, key in enumerate(keys):
        if (value := _local(key)) is not None:
            held, asked = (key, value), keys[:position]
            break
    fetched = versioned_get_many(asked) if asked else {}
    for key in asked:
        if key in fetched:
            return key, fetched[key]
    return held


def versioned_set(key: str, value, timeout: int | None) -> None:
    cache.set(key, value, timeout)
    _remember(key, value)


def versioned_local(key: str, load):
    """`load()` kept in this process only, under a versioned key: for what cannot be shared
    (model instances that requests use as they are). `None` is not kept."""
    value = _local(key)
    if value is None:
        value = load()
        if value is not None:
            _remember(key, value)
    return value


class SharedVersion:
    """A token in the shared cache that any process replaces to invalidate what is keyed by it."""

    def __init__(self, key: str):
        self.key = key
        self._value: str | None = None
        self._checked_at = 0.0

    def current(self) -> str:
        recheck = getattr(settings, "CACHE_VERSION_RECHECK_SECONDS", 1.0)
        if self._value is not None and time.monotonic() - self._checked_at < recheck:
            return self._value
        value = cache.get(self.key)
        if value is None:
            value = uuid.uuid4().hex
            # add() so that two processes starting at once agree on one version.
            if not cache.add(self.key, value, timeout=None):
                value = cache.get(self.key) or value
        self._adopt(value)
        return value

    def replace(self) -> str:
        value = uuid.uuid4().hex
        cache.set(self.key, value, timeout=None)
        self._adopt(value)
        return value

    def _adopt(self, value: str) -> None:
        self._value = value
        self._checked_at = time.monotonic()
