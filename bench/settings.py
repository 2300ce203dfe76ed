"""Production settings for the benchmark server, with one change: static files are stored without
the manifest, because `collectstatic` with CompressedManifestStaticFilesStorage fails on a font
that Viewflow's CSS references but does not ship (reported to the lead; see the flows report)."""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
