"""Reads of the content area, shaped so that a page costs a fixed number of queries.

The site chrome (menus, breadcrumbs, urgent notices) is on every page and changes rarely: it is
cached, keyed by a "structure version" that any page or menu change replaces (home.signals).
"""

import hashlib
import time

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageViewRestriction, Site

from asgiref.local import Local

from home.images import CARD_IMAGE_SPECS, SOCIAL_IMAGE_SPEC
from home.models import Announcement, FooterLink, MainMenuItem, NavigationSettings, NewsIndexPage, NewsPage

STRUCTURE_VERSION_KEY = "home:structure-version"
URGENT_ANNOUNCEMENTS_KEY = "home:urgent-announcements"
CHROME_CACHE_SECONDS = 15 * 60
# Notices switch on and off by time (starts_at/ends_at), so their cache is short.
URGENT_ANNOUNCEMENTS_CACHE_SECONDS = 60


# The version read once per request: routing, menus, breadcrumbs and listings each key on it, and
# every read is a round trip to the cache. Only inside a request (request_started/finished): a
# long-running process outside requests reads it each time.
_request_version = Local()


def request_version_start(**kwargs) -> None:
    _request_version.active = True
    _request_version.value = None


def request_version_end(**kwargs) -> None:
    _request_version.active = False
    _request_version.value = None


def structure_version() -> int:
    version = getattr(_request_version, "value", None)
    if version is not None:
        return version
    version = cache.get(STRUCTURE_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.set(STRUCTURE_VERSION_KEY, version, None)
    if getattr(_request_version, "active", False):
        _request_version.value = version
    return version


def structure_changed() -> None:
    """Forget every cached menu and breadcrumb trail (they are keyed by the version)."""
    version = time.time_ns()
    cache.set(STRUCTURE_VERSION_KEY, version, None)
    if getattr(_request_version, "active", False):
        _request_version.value = version


def navigation_links(*, request) -> dict[str, list[dict]]:
    """The main menu and footer links of the request's site: ``{"main": [...], "footer": [...]}``.

    Each link is ``{"href", "label"}`` in the current language; links to pages that are not live
    are left out.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {"main": [], "footer": []}
    language = get_language() or ""
    key = f"home:navigation:{site.pk}:{language}:{structure_version()}"
    links = cache.get(key)
    if links is None:
        navigation = NavigationSettings.for_site(site)
        links = {}
        for name, model in (("main", MainMenuItem), ("footer", FooterLink)):
            items = (
                model.objects.filter(setting=navigation).select_related("link_page").order_by("sort_order")
            )
            links[name] = [
                {"href": item.href(request), "label": item.label_for_language(language)}
                for item in items
                if not item.link_page_id or item.link_page.live
            ]
        cache.set(key, links, CHROME_CACHE_SECONDS)
    return links


def urgent_announcements() -> list[Announcement]:
    announcements = cache.get(URGENT_ANNOUNCEMENTS_KEY)
    if announcements is None:
        announcements = list(Announcement.objects.active().filter(is_urgent=True)[:3])
        cache.set(URGENT_ANNOUNCEMENTS_KEY, announcements, URGENT_ANNOUNCEMENTS_CACHE_SECONDS)
    return announcements


def urgent_announcements_changed() -> None:
    cache.delete(URGENT_ANNOUNCEMENTS_KEY)
    cache.delete(CURRENT_INCIDENTS_KEY)


CURRENT_INCIDENTS_KEY = "home:current-incidents"


def current_incidents() -> list:
    """Incident notices of the banner (R-OPS-1); cached briefly like the urgent announcements, and
    dropped from the cache when a notice changes."""
    from home.models import IncidentNotice

    incidents = cache.get(CURRENT_INCIDENTS_KEY)
    if incidents is None:
        incidents = list(IncidentNotice.objects.current()[:3])
        cache.set(CURRENT_INCIDENTS_KEY, incidents, URGENT_ANNOUNCEMENTS_CACHE_SECONDS)
    return incidents


def restricted_paths() -> list[str]:
    """Tree paths of the pages with a view restriction (login, password, groups): their subtrees
    are not public. Cached, so that listings need no query for it (PageQuerySet.public() makes one)."""
    key = f"home:restricted-paths:{structure_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, CHROME_CACHE_SECONDS)
    return paths


def public_pages(pages: QuerySet) -> QuerySet:
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def public_children(*, page: Page) -> QuerySet[Page]:
    """The live, public child pages, with only what a list of links shows."""
    return public_pages(page.get_children().live()).only(
        "title", "url_path", "search_description", "path", "depth"
    )


def _renditions_prefetch(lookup: str, specs: list[str]) -> Prefetch:
    Rendition = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=Rendition.objects.filter(filter_spec__in=specs))


def news_for_index(*, index: NewsIndexPage, tag: str | None = None) -> QuerySet[NewsPage]:
    """The live articles of one news index, newest first, with their tags and card images."""
    articles = (
        public_pages(NewsPage.objects.child_of(index).live())
        .defer_streamfields()
        .select_related("image")
        .prefetch_related(
            "tags", _renditions_prefetch("image__renditions", Filter.expand_spec(CARD_IMAGE_SPECS))
        )
        .order_by("-date", "-pk")
    )
    if tag:
        articles = articles.filter(tags__slug=tag)
    return articles


def breadcrumb_trail(*, page: Page, request) -> list[dict]:
    """The live pages above ``page``, from the site's home page down: ``[{"title", "href"}, ...]``."""
    key = f"home:breadcrumbs:{page.pk}:{get_language()}:{structure_version()}"
    trail = cache.get(key)
    if trail is None:
        ancestors = page.get_ancestors().filter(depth__gt=1).live().only("title", "url_path", "depth", "path")
        trail = [{"title": ancestor.title, "href": ancestor.get_url(request)} for ancestor in ancestors]
        cache.set(key, trail, CHROME_CACHE_SECONDS)
    return trail


def social_image_rendition(*, image):
    """The Open Graph rendition of an image, or None when it cannot be made."""
    if image is None:
        return None
    try:
        return image.get_rendition(SOCIAL_IMAGE_SPEC)
    except Exception:  # a missing or corrupt source file must not break the page
        return None


def _route_keys(*, root: Page, path_components: list[str]) -> list[str]:
    """One cache key per leading part of the path, longest first."""
    version = structure_version()
    return [
        f"home:route:{root.pk}:{version}:{_digest('/'.join(path_components[:length]))}"
        for length in range(len(path_components), 0, -1)
    ]


def _digest(text: str) -> str:
    """Keys stay short and plain whatever the path (Vietnamese slugs, long paths)."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def route_target(*, root: Page, path_components: list[str]) -> tuple[Page, int] | None:
    """The deepest page remembered for a leading part of the path, and how many parts it takes.

    Remembered routes are keyed by the structure version, so any page change forgets them.
    """
    if not path_components:
        return None
    keys = _route_keys(root=root, path_components=path_components)
    found = cache.get_many(keys)
    for key in keys:
        if key in found:
            page_id, content_type_id, consumed = found[key]
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model.objects.filter(pk=page_id).first() if model is not None else None
            return (page, consumed) if page is not None else None
    return None


def route_remember(*, root: Page, path_components: list[str], page: Page) -> None:
    """Remember which page a leading part of the path leads to, if it is that page's own path."""
    consumed = page.depth - root.depth
    if not 0 < consumed <= len(path_components):
        return
    if page.url_path != root.url_path + "".join(f"{part}/" for part in path_components[:consumed]):
        return  # a page whose route() answers for another page's path: let Wagtail decide each time
    key = _route_keys(root=root, path_components=path_components[:consumed])[0]
    cache.set(key, (page.pk, page.content_type_id, consumed), CHROME_CACHE_SECONDS)
