"""Request set-up of the content area."""

from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from home.selectors import remembered, site_for_request


class RememberedSiteMiddleware:
    """Finds the request's Wagtail site and the sites' root paths once per process and structure
    version, rather than once per request (a query or a cache round trip each).

    Wagtail keeps both on the request (`_wagtail_site`, `_wagtail_cached_site_root_paths`) and every
    later lookup of the request (routing, settings, page URLs) reads them from there. Lazily, so
    that views that never ask (such as /healthz/) touch neither the database nor the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = SimpleLazyObject(lambda: site_for_request(request))
        request._wagtail_cached_site_root_paths = SimpleLazyObject(
            lambda: remembered("site-root-paths", Site.get_site_root_paths)
        )
        return self.get_response(request)
