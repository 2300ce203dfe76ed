from django import template

from wagtail.models import Page

from home.models import PortalSettings
from home.selectors import (
    breadcrumb_trail,
    current_incidents,
    navigation_links,
    social_image_rendition,
    urgent_announcements,
)
from portal.fragments import kept_fragment_tag
from portal.pages import structure_version

register = template.Library()
register.tag("kept_chrome", kept_fragment_tag(structure_version))


@register.inclusion_tag("includes/urgent_banner.html", name="urgent_announcements")
def urgent_announcements_tag():
    return {"announcements": urgent_announcements(), "incidents": current_incidents()}


def _wagtail_page(value) -> Page | None:
    """Views outside Wagtail may have no ``page`` or use the name for something else (a paginator page)."""
    return value if isinstance(value, Page) else None


def _is_current(href: str, path: str) -> bool:
    if not href.startswith("/"):
        return False
    return path == href or (href != "/" and href.endswith("/") and path.startswith(href))


def _links(name: str, request) -> list[dict]:
    if request is None:
        return []
    # The main menu and the footer come from one cached entry: read it once per request.
    links = getattr(request, "_portal_navigation_links", None)
    if links is None:
        links = navigation_links(request=request)
        request._portal_navigation_links = links
    return [{**link, "is_current": _is_current(link["href"], request.path)} for link in links[name]]


@register.simple_tag(takes_context=True)
def main_menu_links(context) -> list[dict]:
    """The editor-managed main menu, with the entry of the current section marked."""
    return _links("main", context.get("request"))


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[dict]:
    return _links("footer", context.get("request"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home > section > ... > this page; nothing on the home page itself (site roots sit at depth 2)."""
    page = _wagtail_page(page)
    request = context.get("request")
    trail = breadcrumb_trail(page=page, request=request) if page is not None and page.depth > 2 else []
    return {"trail": trail, "page": page}


def _image_alt(page, image) -> str:
    if image is None:
        return ""
    if getattr(page, "image_id", None) == image.pk and getattr(page, "image_alt", ""):
        return page.image_alt
    return image.description or image.title


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, page=None):
    """Open Graph and Twitter card tags: the page's sharing image, else the portal's default one."""
    request = context.get("request")
    page = _wagtail_page(page)
    image = None
    if page is not None and hasattr(page, "get_social_image"):
        image = page.get_social_image()
    if image is None and request is not None:
        image = PortalSettings.for_request(request).default_social_image
    rendition = social_image_rendition(image=image)
    return {
        "page": page,
        "request": request,
        "image_url": request.build_absolute_uri(rendition.url) if rendition and request else "",
        "image_alt": _image_alt(page, image),
        "rendition": rendition,
        "url": page.get_full_url(request) if page is not None else "",
        "og_type": getattr(page, "og_type", "website"),
    }
