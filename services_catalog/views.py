"""The machine-readable catalogue and the embeddable list (R-CAT-7). Both read like the catalogue page."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from services_catalog.page_cache import mark_cacheable
from services_catalog.selectors import catalogue_listing, procedures_as_json


@require_safe
def procedures_api(request):
    """GET /api/v1/procedures/?q=&sector=&field=&admin_level=&service_level=&agency=&page=

    Returns {"count": N, "results": [...]}: 20 procedures a page, by relevance when `q` is given.
    """
    listing = catalogue_listing(params=request.GET)
    if not listing.filterset.form.is_valid():
        return JsonResponse({"errors": listing.filterset.form.errors}, status=400)
    payload = {
        "count": listing.total,
        "results": procedures_as_json(listing.procedures, request=request),
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    # A public, read-only feed: other portals may fetch it from their pages.
    response["Access-Control-Allow-Origin"] = "*"
    return mark_cacheable(response)


@require_safe
@xframe_options_exempt
def procedures_embed(request):
    """A minimal list of procedures that agency portals put in an <iframe> (only this view may be framed)."""
    listing = catalogue_listing(params=request.GET)
    return mark_cacheable(TemplateResponse(request, "services_catalog/embed.html", {"listing": listing}))
