"""Reads of the content area, shaped so that a page costs a fixed number of queries.

The site chrome (menus, breadcrumbs, urgent notices) is on every page and changes rarely: it is
cached, keyed by a "structure version" that any page or menu change replaces (home.signals).
"""

import copy
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, Site

from home.images import CARD_IMAGE_SPECS, SOCIAL_IMAGE_SPEC
from home.models import Announcement, FooterLink, MainMenuItem, NavigationSettings, NewsIndexPage, NewsPage
from portal.caching import versioned_get, versioned_get_first, versioned_local, versioned_set
from portal.pages import restricted_paths, structure_version

CHROME_CACHE_SECONDS = 15 * 60
# Notices switch on and off by time (starts_at/ends_at), so their cache is short.
URGENT_ANNOUNCEMENTS_CACHE_SECONDS = 60
# Notices not yet ended that a process keeps: far more than are ever scheduled at once.
NOTICES_KEPT = 20


def remembered(name: str, load):
    """`load()`, kept in this process until the structure changes. A copy is returned, so that what
    one request sets on it never reaches another."""
    value = versioned_local(f"home:{name}:{structure_version()}", load)
    return copy.copy(value) if value is not None else None


def site_for_request(request) -> Site | None:
    """Wagtail's site lookup (a query on every request), with the root page loaded as its own type,
    remembered per host and port until the structure changes (a site change also changes it)."""

    def load():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    hostname = split_domain_port(request._get_raw_host())[0]
    site = remembered(f"site:{hostname}:{request.get_port()}", load)
    if site is not None:
        site.root_page = copy.copy(site.root_page)
    return site


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
    links = versioned_get(key)
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
        versioned_set(key, links, CHROME_CACHE_SECONDS)
    return links


def _in_force(notices: list, *, ends: str) -> list:
    """The notices in force now, newest first, of those kept earliest first."""
    now = timezone.now()
    in_force = [
        notice
        for notice in notices
        if notice.starts_at <= now and (getattr(notice, ends) is None or getattr(notice, ends) > now)
    ]
    return sorted(in_force, key=lambda notice: notice.starts_at, reverse=True)[:3]


def urgent_announcements() -> list[Announcement]:
    """The urgent notices shown on every page. Notices switch on and off by time (starts_at/ends_at):
    those not yet ended are kept per structure version (saving a notice changes it) and the ones in
    force are picked at each request, so a notice appears and goes on time without a query."""
    key = f"home:urgent-announcements:{structure_version()}"
    announcements = versioned_get(key)
    if announcements is None:
        announcements = list(
            Announcement.objects.filter(is_urgent=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
            .order_by("starts_at")[:NOTICES_KEPT]
        )
        versioned_set(key, announcements, URGENT_ANNOUNCEMENTS_CACHE_SECONDS)
    return _in_force(announcements, ends="ends_at")


def current_incidents() -> list:
    """Incident notices of the banner (R-OPS-1), kept like the urgent announcements."""
    from home.models import IncidentNotice

    key = f"home:current-incidents:{structure_version()}"
    incidents = versioned_get(key)
    if incidents is None:
        incidents = list(
            IncidentNotice.objects.filter(
                Q(resolved_at__isnull=True) | Q(resolved_at__gt=timezone.now())
            ).order_by("starts_at")[:NOTICES_KEPT]
        )
        versioned_set(key, incidents, URGENT_ANNOUNCEMENTS_CACHE_SECONDS)
    return _in_force(incidents, ends="resolved_at")


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
    trail = versioned_get(key)
    if trail is None:
        ancestors = page.get_ancestors().filter(depth__gt=1).live().only("title", "url_path", "depth", "path")
        trail = [{"title": ancestor.title, "href": ancestor.get_url(request)} for ancestor in ancestors]
        versioned_set(key, trail, CHROME_CACHE_SECONDS)
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
    found = versioned_get_first(_route_keys(root=root, path_components=path_components))
    if found is None:
        return None
    page_id, content_type_id, consumed = found[1]
    page = _page_remembered(page_id=page_id, content_type_id=content_type_id)
    return (page, consumed) if page is not None else None


def _page_remembered(*, page_id: int, content_type_id: int) -> Page | None:
    def load():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return model.objects.filter(pk=page_id).first() if model is not None else None

    return remembered(f"page:{page_id}", load)


def route_remember(*, root: Page, path_components: list[str], page: Page) -> None:
    """Remember which page a leading part of the path leads to, if it is that page's own path."""
    consumed = page.depth - root.depth
    if not 0 < consumed <= len(path_components):
        return
    if page.url_path != root.url_path + "".join(f"{part}/" for part in path_components[:consumed]):
        return  # a page whose route() answers for another page's path: let Wagtail decide each time
    key = _route_keys(root=root, path_components=path_components[:consumed])[0]
    versioned_set(key, (page.pk, page.content_type_id, consumed), CHROME_CACHE_SECONDS)
    remembered(f"page:{page.pk}", lambda: copy.copy(page))
