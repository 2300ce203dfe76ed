"""The site search page and the suggestions endpoint behind its search box."""

import hashlib
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from portal.caching import versioned_get, versioned_local, versioned_set
from search.engine import search_version
from search.forms import MAX_QUERY_LENGTH, SearchForm
from search.models import DocumentKind, FailedQueryKind
from search.selectors import facet_filter_value, query_normalize, search_outcome
from search.services import failed_query_record
from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.models import ProcedurePage

RESULTS_PER_PAGE = 20
# Keyed by the search version: the timeout only frees the shared cache of old entries.
FACETS_HTML_CACHE_SECONDS = 15 * 60
# Long facets (fields, agencies) show their biggest options; the selected one is always shown.
MAX_FACET_OPTIONS = 15
MIN_SUGGESTION_QUERY_LENGTH = 2
SUGGESTIONS_SHOWN = 8

FACET_LABELS = {
    "sector": _("Sector"),
    "field": pgettext_lazy("catalogue classification", "Field"),
    "level": _("Administrative level"),
    "service_level": _("Service level"),
    "agency": _("Implementing agency"),
}


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class ResultItem:
    page: Page
    url: str
    kind: str
    kind_label: str
    procedure: ProcedurePage | None


def _url_with(request, name: str, value: str | None) -> str:
    """The current search URL with one parameter set (or removed), back on the first page."""
    params = request.GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    return f"?{params.urlencode()}" if params else "?"


def _filter_label(name: str, value) -> str:
    if name == "level":
        return str(AdministrativeLevel(value).label)
    if name == "service_level":
        return str(ServiceLevel(value).label)
    return str(value)


def _facet_groups(request, counts: dict, filters: dict) -> list[dict]:
    groups = []
    for name, label in FACET_LABELS.items():
        selected = facet_filter_value(filters[name]) if name in filters else None
        options = [
            FacetOption(
                label=row.label,
                count=row.count,
                url=_url_with(request, name, None if row.value == selected else row.value),
                selected=row.value == selected,
            )
            for row in counts[name]
        ]
        shown = [
            option for index, option in enumerate(options) if index < MAX_FACET_OPTIONS or option.selected
        ]
        if shown:
            groups.append(
                {"name": name, "label": label, "options": shown, "hidden": len(options) - len(shown)}
            )
    return groups


def _result_items(request, ids: list[int], kinds: list[str]) -> list[ResultItem]:
    """The page of results, read once per search version in each process (two queries), then reused:
    the items are only read by the template."""
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    key = f"search:items:{search_version()}:{get_language()}:{request.get_host()}:{digest}"
    return versioned_local(key, lambda: _result_items_load(request, ids, kinds))


def _result_items_load(request, ids: list[int], kinds: list[str]) -> list[ResultItem]:
    pages = Page.objects.in_bulk(ids)
    procedure_ids = [pk for pk, kind in zip(ids, kinds, strict=True) if kind == DocumentKind.PROCEDURE]
    procedures = ProcedurePage.objects.filter(pk__in=procedure_ids).select_related("field", "agency")
    procedures_by_id = {procedure.pk: procedure for procedure in procedures} if procedure_ids else {}
    return [
        ResultItem(
            page=pages[pk],
            url=pages[pk].get_url(request),
            kind=kind,
            kind_label=DocumentKind(kind).label,
            procedure=procedures_by_id.get(pk),
        )
        for pk, kind in zip(ids, kinds, strict=True)
        if pk in pages  # deleted since the search was kept: the version changes within a second
    ]


@require_GET
def search(request):
    """Search over procedures, Q&A and information pages (procedures first), with catalogue facets.

    Without a query it lists the procedures, so the facets also work as a catalogue browser. What a
    search finds, its facet counts and each page of results are kept under the search version
    (`search.selectors.search_outcome`): a repeated or paginated search runs no search query.
    """
    form = SearchForm(request.GET)
    form.is_valid()  # invalid facet values are dropped; the query alone is always usable
    query, filters = form.query(), form.facet_filters()
    outcome = search_outcome(query=query, filters=filters)
    has_words = bool(query_normalize(query=query))
    page_obj = Paginator(outcome.ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    first, last = page_obj.start_index() - 1, page_obj.end_index()
    # Failed searches are reported by the page's script (search/results.js): a GET writes nothing.
    reported = has_words and not filters
    context = {
        "form": form,
        "query": query,
        "report_no_click": reported and page_obj.paginator.count > 0,
        "report_nothing_found": reported and page_obj.paginator.count == 0,
        "approximate": outcome.approximate and not outcome.corrected,
        "corrected_query": outcome.corrected,
        "corrected_url": _url_with(request, "q", outcome.corrected) if outcome.corrected else "",
        "page_obj": page_obj,
        "results": _result_items(request, list(outcome.ids[first:last]), list(outcome.kinds[first:last]))
        if page_obj.paginator.count
        else [],
        # Read by the facets' template only when their HTML is not kept yet (and by tests).
        "facet_groups": SimpleLazyObject(lambda: _facet_groups(request, outcome.facets, filters)),
        "active_filters": SimpleLazyObject(lambda: _active_filters(request, filters)),
    }
    context["facets_html"] = _facets_html(request, context)
    return TemplateResponse(request, "search/search.html", context)


def _active_filters(request, filters: dict) -> list[dict]:
    return [
        {
            "label": FACET_LABELS[name],
            "value": _filter_label(name, value),
            "remove_url": _url_with(request, name, None),
        }
        for name, value in filters.items()
    ]


def _facets_html(request, context: dict) -> str:
    """The facets rendered once per search version, language and query string (their links keep the
    visitor's other parameters): a hundred links cost more to build than the rest of the page."""
    params = request.GET.copy()
    params.pop("page", None)
    digest = hashlib.sha256(params.urlencode().encode()).hexdigest()
    key = f"search:facets-html:{search_version()}:{get_language()}:{digest}"
    html = versioned_get(key)
    if html is None:
        html = render_to_string(
            "search/_facets.html",
            {"facet_groups": context["facet_groups"], "active_filters": context["active_filters"]},
        )
        versioned_set(key, html, FACETS_HTML_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our template, autoescaped)


@require_GET
@cache_control(private=True, max_age=60)
def suggestions(request):
    """The first few results for what is typed so far, as JSON for the search box's suggestion list."""
    query = request.GET.get("q", "").strip()[:200]
    items = []
    if len(query) >= MIN_SUGGESTION_QUERY_LENGTH and query_normalize(query=query):
        # The search page's own outcome: kept per search version, and ready when Enter is pressed.
        outcome = search_outcome(query=query, filters={})
        shown = slice(0, SUGGESTIONS_SHOWN)
        items = _result_items(request, list(outcome.ids[shown]), list(outcome.kinds[shown]))
    return JsonResponse(
        {
            "query": query,
            "suggestions": [
                {
                    "title": item.page.title,
                    "url": item.url,
                    "kind": item.kind,
                    "kind_label": str(item.kind_label),
                }
                for item in items
            ],
        }
    )


def _reported_query(request) -> str:
    return request.POST.get("q", "").strip()[:MAX_QUERY_LENGTH]


@require_POST
def no_click(request):
    """Count a search whose results page was left without choosing a result (search/results.js)."""
    if query := _reported_query(request):
        failed_query_record(query=query, kind=FailedQueryKind.NO_CLICK)
    return HttpResponse(status=204)


@require_POST
def nothing_found(request):
    """Count a search that found nothing, as its results page reports it (search/results.js).

    Reported by the page's script rather than counted by the GET: showing results writes nothing, and
    crawlers that run no script do not fill the log. A query that does find something is not counted,
    so a forged report cannot put it in the log (its outcome is cached: this costs no search).
    """
    query = _reported_query(request)
    if query_normalize(query=query) and not search_outcome(query=query, filters={}).ids:
        failed_query_record(query=query)
    return HttpResponse(status=204)
