"""Settings for pytest: fast hashing, in-memory mail.

DATABASE_URL switches the run to PostgreSQL and REDIS_URL the cache to Redis, as in production;
without them the run is SQLite with an in-process cache.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "portal.notifications.sms.locmem.SmsBackend"

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

# A file, not SQLite's shared in-memory database: the live server of the browser tests then has its
# own connection, as a real server does, instead of sharing the test thread's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_FILES / "test.sqlite3")}

# Cache versions (portal.caching) are re-read on every use, so that clearing the cache between
# tests also forgets what each process kept in memory.
CACHE_VERSION_RECHECK_SECONDS = 0

# Dossier uploads are scanned by the private clamd that tests/flows/conftest.py starts.
CLAMD_SOCKET = str(_TEST_FILES / "clamd.sock")

# Online payment goes to the local test gateway; these values sign nothing real.
PAYMENTS_FAKE_GATEWAY = True
VNPAY_TMN_CODE = "DEVTEST1"
VNPAY_HASH_SECRET = "dev-only-vnpay-secret-not-real"  # noqa: S105
VNPAY_PAYMENT_URL = "/cong-thanh-toan-thu/"
