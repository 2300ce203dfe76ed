"""The page tree's version and its restricted paths, shared by the content (home) and the catalogue.

Every cached menu, breadcrumb trail and list of public pages is keyed by the structure version, which
changes whenever a page, a view restriction, the navigation or a site changes (home.signals).
"""

from wagtail.models import PageViewRestriction

from portal.caching import SharedVersion, versioned_get, versioned_set

STRUCTURE_VERSION = SharedVersion("home:structure-version")
RESTRICTED_PATHS_CACHE_SECONDS = 15 * 60


def structure_version() -> str:
    return STRUCTURE_VERSION.current()


def structure_changed() -> None:
    """Forget every cached menu and breadcrumb trail (they are keyed by the version)."""
    STRUCTURE_VERSION.replace()


def restricted_paths() -> list[str]:
    """Tree paths of the pages with a view restriction (login, password, groups): their subtrees
    are not public. Cached, so that listings need no query for it (PageQuerySet.public() makes one)."""
    key = f"home:restricted-paths:{structure_version()}"
    paths = versioned_get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        versioned_set(key, paths, RESTRICTED_PATHS_CACHE_SECONDS)
    return paths
