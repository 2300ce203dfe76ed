"""The machine-readable catalogue and the embeddable list (R-CAT-7), both read like the catalogue page;
the communes of a province for the e-forms' administrative-unit fields."""

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from services_catalog.eform_forms import communes_choices
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


@require_safe
def communes_api(request, province_code: int):
    """GET /api/v1/communes/<province>/: {"communes": [{"code", "name"}]}, for `eform.js`."""
    choices = communes_choices(str(province_code))[1:]
    if not choices:
        raise Http404
    payload = {"communes": [{"code": code, "name": name} for code, name in choices]}
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=86400"  # the units change by decree, not by the day
    return response
