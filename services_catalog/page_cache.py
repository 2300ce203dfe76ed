"""A page cache for anonymous visitors of the catalogue, invalidated whenever the catalogue changes.

Views mark a response as cacheable with `mark_cacheable`; `CataloguePageCacheMiddleware` stores such
responses and serves them again to anonymous visitors before Wagtail routes the request, keyed by
scheme, host, full URL and language. Every key carries a *generation*: publishing, unpublishing or deleting a
page, or changing the taxonomy or the portal settings, starts a new generation, so all older entries
are ignored at once (and expire on their own).

The CSRF token of the language switcher is per visitor: it is stored as a placeholder and filled in
for each visitor when a cached page is served.

Each process keeps the responses it served recently in memory, in front of the shared cache, and
re-reads the shared generation at most every second (portal.caching): a cache hit then costs no
network round trip. The process that publishes sees the change at once; the others within that second.
"""

import hashlib
import re

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_vary_headers

from portal.caching import SharedVersion, versioned_get, versioned_set
from portal.middleware import visitor_language

CACHED_PATH_PREFIXES = ("/thu-tuc-hanh-chinh/", "/api/v1/procedures/", "/nhung/thu-tuc/")
# An upper bound on staleness for what no signal announces (e.g. a notice whose start time arrives).
CACHE_SECONDS = getattr(settings, "CATALOGUE_CACHE_SECONDS", 300)
CSRF_PLACEHOLDER = b"__CATALOGUE_CSRF_TOKEN__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def mark_cacheable(response):
    """Let the page cache keep this response for anonymous visitors."""
    response.catalogue_cacheable = True
    return response


CATALOGUE_GENERATION = SharedVersion("catalogue-cache:generation")


def catalogue_generation() -> str:
    """The current generation: it changes whenever anything the catalogue shows changes."""
    return CATALOGUE_GENERATION.current()


def catalogue_cache_invalidate() -> None:
    """Forget every cached catalogue response (a new generation; old entries expire unread).

    Once more when the change is committed: a request served meanwhile read the data as it was
    before the change and may have stored it under the first new generation.
    """
    CATALOGUE_GENERATION.replace()
    transaction.on_commit(CATALOGUE_GENERATION.replace)


def _is_anonymous_get(request) -> bool:
    # Any session or message cookie may carry a signed-in user or a one-off message: not cached.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and request.path.startswith(CACHED_PATH_PREFIXES)
    )


def _cache_key(request, generation: str, language: str) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"catalogue-cache:{generation}:{language}:{digest}"


class CataloguePageCacheMiddleware:
    """Serve stored catalogue pages to anonymous visitors; store the responses views marked cacheable.

    It sits right after SecurityMiddleware, so that a hit skips the rest of the stack; what the
    skipped middleware would add to such a response (language, CSRF cookie, frame options) is
    added here.
    """

    def __init__(self, get_response):
        # CATALOGUE_PAGE_CACHE = False turns it off (the benchmark measures both ways).
        if not getattr(settings, "CATALOGUE_PAGE_CACHE", True):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_get(request):
            return self.get_response(request)
        # What VisitorLanguageMiddleware will choose: the switcher's cookie, not the browser's header.
        language = visitor_language(request)
        key = _cache_key(request, catalogue_generation(), language)
        stored = versioned_get(key)
        if stored is not None:
            return self._rebuild(request, stored, language)
        response = self.get_response(request)
        if getattr(response, "catalogue_cacheable", False) and response.status_code == 200:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            stored = {
                "content": content,
                "content_type": response["Content-Type"],
                "xframe_options_exempt": getattr(response, "xframe_options_exempt", False),
                "access_control": response.get("Access-Control-Allow-Origin"),
            }
            versioned_set(key, stored, CACHE_SECONDS)
        return response

    def _rebuild(self, request, stored: dict, language: str) -> HttpResponse:
        content = stored["content"]
        response = HttpResponse(content_type=stored["content_type"])
        if CSRF_PLACEHOLDER in content:
            # As CsrfViewMiddleware would: read the visitor's secret, mask it into the form, set the cookie.
            csrf = CsrfViewMiddleware(self.get_response)
            csrf.process_request(request)
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            csrf.process_response(request, response)
        response.content = content
        response["Content-Language"] = language
        patch_vary_headers(response, ("Cookie",))
        if stored["xframe_options_exempt"]:
            response.xframe_options_exempt = True
        else:
            response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        if stored["access_control"]:
            response["Access-Control-Allow-Origin"] = stored["access_control"]
        response["X-Catalogue-Cache"] = "hit"
        return response
