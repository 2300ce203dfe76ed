"""Settings of the search benchmark's server: the test settings without the catalogue page cache,
so that search is compared with the uncached catalogue page, as issue 4 asks."""

from portal.settings.test import *  # noqa: F403

CATALOGUE_PAGE_CACHE = False
