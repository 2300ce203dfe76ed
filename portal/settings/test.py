"""Settings for pytest: fast hashing, in-memory mail.

DATABASE_URL switches the run to PostgreSQL and REDIS_URL the cache to Redis, as in production;
without them the run is SQLite with an in-process cache.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_TEST_FILES = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = _TEST_FILES / "media"
PRIVATE_MEDIA_ROOT = _TEST_FILES / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}

# Dossier uploads are scanned by the private clamd that tests/flows/conftest.py starts.
CLAMD_SOCKET = str(_TEST_FILES / "clamd.sock")
