"""Production settings for the benchmarks: plain static files (no manifest) and a switchable page cache."""

import os

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CATALOGUE_PAGE_CACHE = os.environ.get("CATALOGUE_PAGE_CACHE", "1") == "1"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
