"""Settings of the search benchmark's server: the test settings without the catalogue page cache,
so that search is compared with the uncached catalogue page, as issue 4 asks.

Two things the test settings do for tests are put back as production has them, or every request
pays for what a deployed server does not: persistent database connections (`DATABASE_CONN_MAX_AGE`,
docs/deployment.md) and re-reading the shared cache versions at most
once a second (portal.caching) instead of on every use.
"""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

CATALOGUE_PAGE_CACHE = False
DATABASES["default"]["CONN_MAX_AGE"] = 600
CACHE_VERSION_RECHECK_SECONDS = 1.0
