"""Statistics pages: the public page (/thong-ke/), the dashboards of agency heads and of the system
operator, the drill-down to the dossiers behind a figure, and the exports (R-OPS-3 … R-OPS-6).

Who sees what: everyone sees the public page and its exports (counts only). An agency head sees
their agency's dashboard and its dossiers; the system operator sees the province and any agency.
Nobody else reaches a dossier list (404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from flows import charts, reports, selectors
from flows.calendar import VIETNAM_TZ
from flows.statistics import (
    COLUMN_KEYS,
    COLUMNS,
    DIMENSIONS,
    Dashboard,
    dashboard_build,
    dossiers_behind,
    period_from_params,
    period_report_quarter,
)
from portal.accounts.roles import Role, user_is_operator
from services_catalog.choices import ServiceLevel
from services_catalog.models import Agency

PUBLIC_DIMENSIONS = ("agency", "field", "level")
PROVINCE_DIMENSIONS = ("agency", "field", "level", "procedure")
AGENCY_DIMENSIONS = ("field", "procedure")
DRILLDOWN_PAGE_SIZE = 50


def statistics_scope(user) -> tuple[bool, int | None] | None:
    """(allowed, agency id): the operator sees the province (None), a head their agency; else None."""
    if user_is_operator(user):
        return True, None
    if Role.HEAD in selectors.user_roles(user):
        return True, user.agency_id
    return None


def _charts(dashboard: Dashboard) -> dict:
    series = [_("Early"), _("On time"), _("Late")]
    result = {}
    for name, table in dashboard.tables.items():
        if name == "procedure":
            continue
        result[name] = charts.stacked_bars(
            chart_id=f"chart-{name}",
            title=_("Resolved dossiers per %(dimension)s")
            % {"dimension": str(table.dimension.label).lower()},
            rows=[
                (
                    row.label,
                    [
                        row.counts["resolved_early"],
                        row.counts["resolved_on_time"],
                        row.counts["resolved_late"],
                    ],
                )
                for row in table.rows
            ],
            series=series,
        )
    result["levels"] = charts.stacked_bars(
        chart_id="chart-levels",
        title=_("Procedures per service level"),
        rows=[(str(ServiceLevel(level).label), [count]) for level, count in dashboard.levels.items()],
        series=[_("Procedures")],
    )
    return result


def _context(request, dashboard: Dashboard, *, export_url: str, can_drill: bool, **extra) -> dict:
    period = dashboard.period
    today = timezone.localdate(timezone=VIETNAM_TZ)
    return {
        "dashboard": dashboard,
        "period": period,
        "columns": COLUMNS,
        "column_groups": _column_groups(),
        "charts": _charts(dashboard),
        "export_url": export_url,
        "can_drill": can_drill,
        "years": [str(year) for year in range(today.year, today.year - 6, -1)],
        "months": list(range(1, 13)),
        "params": request.GET,
        "level_rows": [(str(ServiceLevel(level).label), count) for level, count in dashboard.levels.items()],
        "agency_param": f"&co-quan={dashboard.agency.pk}" if dashboard.agency is not None else "",
        **extra,
    }


def _column_groups() -> list[tuple[str, int]]:
    groups: list[tuple[str, int]] = []
    for column in COLUMNS:
        if groups and groups[-1][0] == str(column.group):
            groups[-1] = (groups[-1][0], groups[-1][1] + 1)
        else:
            groups.append((str(column.group), 1))
    return groups


@require_safe
def statistics_public(request):
    """Thống kê: the province's figures for a period, for everyone (counts only)."""
    period = period_from_params(request.GET)
    dashboard = dashboard_build(period=period, dimensions=PUBLIC_DIMENSIONS)
    return render(
        request,
        "flows/statistics/public.html",
        _context(
            request, dashboard, export_url="flows:statistics_export", can_drill=user_is_operator(request.user)
        ),
    )


def _export(request, dashboard: Dashboard, table: str, fmt: str, heading: str):
    tables = reports.dashboard_tables(dashboard)
    if table not in tables or fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        return reports.csv_response(tables[table], period=dashboard.period)
    return reports.table_xlsx_response(tables[table], period=dashboard.period, heading=heading)


@require_safe
def statistics_export(request, table: str, fmt: str):
    period = period_from_params(request.GET)
    dashboard = dashboard_build(period=period, dimensions=PUBLIC_DIMENSIONS)
    return _export(request, dashboard, table, fmt, heading=_("Statistics of the one-stop system"))


def _staff_agency(request) -> Agency | None:
    """The agency a dashboard shows: the head's own; for the operator, the one chosen or None."""
    scope = statistics_scope(request.user)
    if scope is None:
        raise Http404
    _allowed, agency_id = scope
    if agency_id is not None:
        return get_object_or_404(Agency, pk=agency_id)
    chosen = request.GET.get("co-quan")
    if chosen and chosen.isdigit():
        return get_object_or_404(Agency, pk=chosen)
    return None


def _staff_dashboard(request) -> Dashboard:
    agency = _staff_agency(request)
    period = period_from_params(request.GET)
    dimensions = AGENCY_DIMENSIONS if agency is not None else PROVINCE_DIMENSIONS
    return dashboard_build(period=period, agency=agency, dimensions=dimensions)


@login_required
@require_safe
def staff_statistics(request):
    """The agency dashboard (heads) or the province dashboard (system operator)."""
    dashboard = _staff_dashboard(request)
    return render(
        request,
        "flows/statistics/dashboard.html",
        _context(
            request,
            dashboard,
            export_url="flows:staff_statistics_export",
            can_drill=True,
            is_operator=user_is_operator(request.user),
            agencies=Agency.objects.order_by("name").only("pk", "name")
            if user_is_operator(request.user)
            else (),
            quarters=[1, 2, 3, 4],
        ),
    )


@login_required
@require_safe
def staff_statistics_export(request, table: str, fmt: str):
    dashboard = _staff_dashboard(request)
    heading = dashboard.agency.name if dashboard.agency else _("The whole province")
    return _export(request, dashboard, table, fmt, heading=heading)


@login_required
@require_safe
def staff_statistics_dossiers(request):
    """The dossiers behind one figure: its column, row and period, within the user's scope."""
    agency = _staff_agency(request)
    column = request.GET.get("cot", "")
    dimension = request.GET.get("theo", "total")
    key = request.GET.get("khoa", "")
    if (
        column not in COLUMN_KEYS
        or dimension not in DIMENSIONS
        or (key and not key.replace("-", "").isalnum())
    ):
        raise Http404
    if agency is not None and dimension == "agency" and key and key != str(agency.pk):
        raise Http404
    period = period_from_params(request.GET)
    dossiers = dossiers_behind(
        period=period, column=column, dimension=dimension, key=key, agency_id=agency.pk if agency else None
    ).select_related("procedure")
    page = Paginator(dossiers, DRILLDOWN_PAGE_SIZE).get_page(request.GET.get("trang"))
    column_label = next(f"{c.group}: {c.label}" for c in COLUMNS if c.key == column)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "flows/statistics/dossiers.html",
        {
            "page_obj": page,
            "period": period,
            "column_label": column_label,
            "agency": agency,
            "query": query.urlencode(),
        },
    )


@login_required
@require_safe
def staff_report_periodic(request):
    """The periodic report (XLSX) in the layout of the national one-stop report, on demand."""
    agency = _staff_agency(request)
    if request.GET.get("ky") or request.GET.get("tu"):
        period = period_from_params(request.GET)
    else:
        today = timezone.localdate(timezone=VIETNAM_TZ)
        quarter = (today.month - 1) // 3 + 1
        period = period_report_quarter(year=today.year, quarter=quarter)
    content = reports.periodic_report_xlsx(period=period, agency=agency)
    unit = agency.code if agency else "tinh"
    return reports.xlsx_response(
        content, filename=f"bao-cao-dinh-ky-{unit}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
    )


@login_required
@require_safe
def staff_report_annual(request):
    """The annual report (R-OPS-6) of the agency, or of the province for the operator."""
    agency = _staff_agency(request)
    today = timezone.localdate(timezone=VIETNAM_TZ)
    try:
        year = int(request.GET.get("nam") or today.year)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= today.year + 1:
        raise Http404
    content = reports.annual_report_xlsx(year=year, agency=agency)
    unit = agency.code if agency else "tinh"
    return reports.xlsx_response(content, filename=f"bao-cao-nam-{year}-{unit}.xlsx")
