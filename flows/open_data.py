"""Open data on service quality: GET /api/v1/statistics/?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]

Per agency, field and month, and per agency and field for the whole period: the figures of the
statistics page (/thong-ke/), computed by flows.statistics (the definitions are its docstring's and
are repeated in the answer). Counts only, no personal data. Public, cacheable (Cache-Control, ETag),
rate-limited per client address.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from flows import reports
from flows.calendar import VIETNAM_TZ
from flows.statistics import (
    COLUMN_KEYS,
    COLUMNS,
    OPEN_DATA_MAX_DAYS,
    OpenData,
    OpenDataRow,
    Period,
    Row,
    open_data_build,
)
from portal.ratelimit import rate_limit_hit

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
CACHE_SECONDS = 900
# (requests, seconds) per client address; the answer is cached, so this only stops scraping loops.
DEFAULT_RATE_LIMIT = (60, 60)

DEFINITIONS = {
    "received_total": _(
        "Dossiers handled in the period: received in it (reception accepted them) or carried over."
    ),
    "carried_over": _("Received before the period and not finished before it started."),
    "received_online": _("Received in the period through the online portal."),
    "received_offline": _("Received in the period in person or by public postal service."),
    "resolved_total": _("Handled dossiers whose result was produced in the period."),
    "resolved_early": _("Resolved on a day before the appointment day."),
    "resolved_on_time": _("Resolved on the appointment day, not later than the appointment time."),
    "resolved_late": _(
        "Resolved after the appointment time, or after the agency apologised with a new date."
    ),
    "pending_total": _("Handled dossiers not finished at the end of the period (or now)."),
    "pending_within": _("Pending and not yet past the appointment time."),
    "pending_overdue": _("Pending and past the appointment time (or apologised for)."),
    "paused": _("Pending and waiting for the citizen's supplement; that time does not count."),
    "refused": _("Refused in the period."),
    "withdrawn": _("Withdrawn by the applicant in the period."),
    "stopped": _("Processing stopped by the agency in the period."),
    "resolved_in_time": _("Resolved early or on time."),
    "on_time_rate": _("Resolved early or on time, divided by resolved (0 to 1; null when none)."),
    "online_share": _(
        "Received online, divided by received in the period online, in person or by post (0 to 1)."
    ),
    "rating_count": _("Ratings citizens gave in the period to their finished dossiers."),
    "rating_average": _("Average of those ratings, 1 to 5 (null when none)."),
}


def _both(text) -> dict[str, str]:
    result = {}
    for language in ("vi", "en"):
        with translation.override(language):
            result[language] = str(text)
    return result


class BadParameter(Exception):
    def __init__(self, parameter: str, message):
        super().__init__(parameter)
        self.parameter = parameter
        self.message = message


def _date_param(params, name: str, default: date) -> date:
    value = (params.get(name) or "").strip()
    if not value:
        return default
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, _("Write the date as YYYY-MM-DD, e.g. 2026-01-31.")) from None
    if not 2000 <= parsed.year <= 2100:
        raise BadParameter(name, _("Choose a date between the years 2000 and 2100."))
    return parsed


def period_from_api_params(params, *, today: date | None = None) -> Period:
    """`from` and `to` (inclusive, ISO dates); by default the current year to date."""
    today = today or timezone.localdate(timezone=VIETNAM_TZ)
    first = _date_param(params, "from", date(today.year, 1, 1))
    last = _date_param(params, "to", max(today, first))
    if last < first:
        raise BadParameter("to", _("The end date must not be before the start date."))
    if (last - first).days >= OPEN_DATA_MAX_DAYS:
        raise BadParameter("to", _("Choose a period of at most 366 days."))
    return Period(first=first, last=last)


def _figures(row: Row) -> dict:
    figures = {key: row.counts[key] for key in COLUMN_KEYS}
    figures["resolved_in_time"] = row.counts["resolved_early"] + row.counts["resolved_on_time"]
    figures["on_time_rate"] = None if row.on_time_rate is None else round(row.on_time_rate, 4)
    figures["online_share"] = None if row.online_share is None else round(row.online_share, 4)
    return figures


def _month_record(item: OpenDataRow) -> dict:
    return {
        "month": item.period.label,
        "from": item.period.first.isoformat(),
        "to": item.period.last.isoformat(),
        "agency_code": item.agency_code,
        "agency_name": item.agency_name,
        "field_slug": item.field_slug,
        "field_name": item.field_name,
        **_figures(item.row),
        "rating_count": item.rating_count,
        "rating_average": item.rating_average,
    }


def open_data_payload(data: OpenData, *, csv_url: str) -> dict:
    agencies = []
    for row in data.agencies.rows:
        rating = data.agency_ratings.get(row.key) or {}
        agencies.append(
            {
                "agency_code": data.agency_codes.get(row.key, ""),
                "agency_name": row.label,
                **_figures(row),
                "rating_count": rating.get("count", 0),
                "rating_average": round(rating["average"], 2) if rating.get("average") is not None else None,
            }
        )
    return {
        "title": _both(_("Quality of online public services: dossiers per agency, field and month")),
        "period": {"from": data.period.first.isoformat(), "to": data.period.last.isoformat()},
        "generated_at": timezone.localtime(timezone.now(), VIETNAM_TZ).isoformat(timespec="seconds"),
        "licence": {
            **LICENCE,
            "text": _both(_("Free to reuse, also commercially, when the source (this portal) is named.")),
        },
        "definitions": {
            key: {"label": _both(_column_label(key)), "definition": _both(text)}
            for key, text in DEFINITIONS.items()
        },
        "csv": csv_url,
        "months": [_month_record(item) for item in data.months],
        "totals": {
            "agencies": agencies,
            "fields": [{"field_name": row.label, **_figures(row)} for row in data.fields.rows],
            "all": _figures(data.agencies.total),
        },
    }


def _column_label(key: str):
    column = next((column for column in COLUMNS if column.key == key), None)
    if column is None:
        return DEFINITIONS[key]
    return f"{column.group}: {column.label}"


CSV_HEADERS = (
    "month",
    "from",
    "to",
    "agency_code",
    "agency_name",
    "field_slug",
    "field_name",
    *COLUMN_KEYS,
    "resolved_in_time",
    "on_time_rate",
    "online_share",
    "rating_count",
    "rating_average",
)


def _csv_response(payload: dict, period: Period) -> HttpResponse:
    table = reports.ExportTable(
        "du-lieu-mo",
        "open data",
        list(CSV_HEADERS),
        [["" if record[key] is None else record[key] for key in CSV_HEADERS] for record in payload["months"]],
    )
    response = reports.csv_response(table, period=period)
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def _error(parameter: str, message, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"error": {"parameter": parameter, "message": _both(message)}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@require_safe
def statistics_api(request):
    limit, window = getattr(settings, "OPEN_DATA_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if rate_limit_hit(scope="open-data", client=_client(request), limit=limit, window_seconds=window):
        response = _error("", _("Too many requests. Please wait a minute and try again."), status=429)
        response["Retry-After"] = str(window)
        return response
    output = (request.GET.get("format") or "json").strip().lower()
    if output not in ("json", "csv"):
        return _error("format", _("The format must be json or csv."))
    try:
        period = period_from_api_params(request.GET)
    except BadParameter as error:
        return _error(error.parameter, error.message)
    cache_key = f"open-data:statistics:{period.first.isoformat()}:{period.last.isoformat()}"
    payload = cache.get(cache_key)
    if payload is None:
        query = f"from={period.first.isoformat()}&to={period.last.isoformat()}&format=csv"
        csv_url = f"{reverse('flows:statistics_api')}?{query}"
        payload = open_data_payload(open_data_build(period=period), csv_url=csv_url)
        cache.set(cache_key, payload, CACHE_SECONDS)
    if output == "csv":
        response = _csv_response(payload, period)
    else:
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
    response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    # A public, read-only feed: other sites may fetch it from their pages.
    response["Access-Control-Allow-Origin"] = "*"
    return get_conditional_response(request, etag=response["ETag"], response=response)
