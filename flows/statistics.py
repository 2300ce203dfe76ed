"""Dossier and service statistics: the one module every statistics page, dashboard and export reads.

Definitions (the one-stop report's: received / resolved / pending per field, Decree 61/2018 and the
reporting forms of the Government Office). For a period [start, end) and `as_of` = min(end, now):

- received in the period: `received_at` (reception accepted the dossier) in [start, end), split by
  channel: online, and in person or by public postal service;
- carried over from the previous period: received before `start`, not finished before `start`;
- resolved: received (now or carried over), a result produced (`DONE`/`RETURNED`) with
  `finished_at` in the period. Late when `finished_at` is after the appointment `due_at`, or when the
  agency apologised with a new date before finishing (an apology moves `due_at`, it does not make the
  dossier on time). Early when finished on a day before the appointment day (Vietnam time), on time
  when finished on the appointment day, not later than `due_at`. The time the citizen spent
  supplementing is excluded because `due_at` is moved by that time when the clock resumes
  (flows.services.dossier_resume_after_supplement), so comparing with `due_at` is the rule;
- pending: received (now or carried over), not finished at `as_of`. Overdue when `due_at` is before
  `as_of` (or the agency apologised), except while the clock is paused for a supplement: a paused
  dossier is overdue only if it was already late when paused;
- paused: pending and waiting for the citizen's supplement at `as_of` (an open SupplementRequest);
- refused, withdrawn, stopped: dossiers closed that way in the period (`finished_at` in the period);
- on-time rate = (early + on time) / resolved.

Every figure is a `Q` on Dossier (`column_condition`), counted with one aggregate query per table
(`Count(filter=…)` grouped by the table's dimension), and the drill-down lists the dossiers that
same `Q` selects, so a figure and its list always agree.

Figures that need other apps (Q&A answered within 3 working days, online payments) are added to
`SERVICE_FIGURES` below as one function each; see its comment.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from flows.calendar import VIETNAM_TZ
from flows.choices import Channel, DossierStatus
from flows.models import Dossier, DossierRating, SupplementRequest
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS, AdministrativeLevel, ServiceLevel
from services_catalog.models import Agency, ProcedurePage

# Periods


@dataclass(frozen=True)
class Period:
    """Calendar days `first` … `last` (inclusive), Vietnam time."""

    first: date
    last: date
    label: str = ""

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, tzinfo=VIETNAM_TZ)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)

    def as_of(self, now: datetime | None = None) -> datetime:
        return min(self.end, now or timezone.now())

    def previous(self) -> Period:
        days = (self.last - self.first).days + 1
        return Period(first=self.first - timedelta(days=days), last=self.first - timedelta(days=1))

    def display(self) -> str:
        return f"{self.first:%d/%m/%Y} - {self.last:%d/%m/%Y}"

    def as_query(self) -> str:
        return f"tu={self.first.isoformat()}&den={self.last.isoformat()}"


def period_month(*, year: int, month: int) -> Period:
    last_day = stdlib_calendar.monthrange(year, month)[1]
    return Period(first=date(year, month, 1), last=date(year, month, last_day), label=f"{month:02d}/{year}")


def period_year(*, year: int) -> Period:
    return Period(first=date(year, 1, 1), last=date(year, 12, 31), label=str(year))


def period_report_quarter(*, year: int, quarter: int) -> Period:
    """The quarterly reporting period of the national reporting rules (Decree 09/2019/NĐ-CP, Art. 12):
    from the 15th of the month before the quarter to the 14th of the quarter's last month."""
    last_month = quarter * 3
    first_month = last_month - 3
    first = date(year - 1, 12, 15) if first_month == 0 else date(year, first_month, 15)
    return Period(first=first, last=date(year, last_month, 14), label=f"Q{quarter}/{year}")


def period_report_year(*, year: int) -> Period:
    """The annual reporting period: 15 December of the previous year to 14 December."""
    return Period(first=date(year - 1, 12, 15), last=date(year, 12, 14), label=str(year))


def period_from_params(params, *, today: date | None = None) -> Period:
    """The period of a request's query string: `tu`/`den` (ISO dates), else `ky` = thang / quy /
    nam with `nam` and `so` (month or quarter number). Default: the current year to date."""
    today = today or timezone.localdate(timezone=VIETNAM_TZ)
    try:
        if params.get("tu") and params.get("den"):
            first, last = date.fromisoformat(params["tu"]), date.fromisoformat(params["den"])
            if first <= last and (last - first).days <= 3660:
                return Period(first=first, last=last)
        year = int(params.get("nam") or today.year)
        number = int(params.get("so") or 1)
        kind = params.get("ky") or "nam"
        if 2000 <= year <= 2100:
            if kind == "thang" and 1 <= number <= 12:
                return period_month(year=year, month=number)
            if kind == "quy" and 1 <= number <= 4:
                return period_report_quarter(year=year, quarter=number)
            if kind == "bao-cao-nam":
                return period_report_year(year=year)
            if kind == "nam":
                return period_year(year=year)
    except (TypeError, ValueError):
        pass
    return period_year(year=today.year)


def percent_display(value: float | None) -> str:
    """85.71… → "85,7 %" (Vietnamese decimal comma); None → "-"."""
    if value is None:
        return "-"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


# Columns and their conditions

RESOLVED_STATUSES = (DossierStatus.DONE, DossierStatus.RETURNED)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str = ""


COLUMN_GROUP_RECEIVED = pgettext_lazy("statistics", "Received")
COLUMN_GROUP_RESOLVED = pgettext_lazy("statistics", "Resolved")
COLUMN_GROUP_PENDING = pgettext_lazy("statistics", "Pending")
COLUMN_GROUP_OTHER = pgettext_lazy("statistics", "Other")

COLUMNS = (
    Column("received_total", pgettext_lazy("statistics", "Total"), COLUMN_GROUP_RECEIVED),
    Column("carried_over", _("Carried over"), COLUMN_GROUP_RECEIVED),
    Column("received_online", pgettext_lazy("statistics", "Online"), COLUMN_GROUP_RECEIVED),
    Column("received_offline", _("In person, by post"), COLUMN_GROUP_RECEIVED),
    Column("resolved_total", pgettext_lazy("statistics", "Total"), COLUMN_GROUP_RESOLVED),
    Column("resolved_early", _("Early"), COLUMN_GROUP_RESOLVED),
    Column("resolved_on_time", _("On time"), COLUMN_GROUP_RESOLVED),
    Column("resolved_late", _("Late"), COLUMN_GROUP_RESOLVED),
    Column("pending_total", pgettext_lazy("statistics", "Total"), COLUMN_GROUP_PENDING),
    Column("pending_within", _("Within time"), COLUMN_GROUP_PENDING),
    Column("pending_overdue", _("Overdue"), COLUMN_GROUP_PENDING),
    Column("paused", _("Paused for a supplement"), COLUMN_GROUP_PENDING),
    Column("refused", pgettext_lazy("statistics", "Refused"), COLUMN_GROUP_OTHER),
    Column("withdrawn", pgettext_lazy("statistics", "Withdrawn"), COLUMN_GROUP_OTHER),
    Column("stopped", _("Processing stopped"), COLUMN_GROUP_OTHER),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)


def _apologised_before(moment) -> Q:
    return Q(apologised_at__lt=moment)


def column_conditions(*, period: Period, now: datetime | None = None) -> dict[str, Q]:
    """Each column's condition on `statistics_queryset()` rows, for this period."""
    start, end, as_of = period.start, period.end, period.as_of(now)
    received_in = Q(received_at__gte=start, received_at__lt=end)
    carried_over = Q(received_at__lt=start) & (Q(finished_at__isnull=True) | Q(finished_at__gte=start))
    handled = received_in | carried_over
    finished_in = Q(finished_at__gte=start, finished_at__lt=end)
    resolved = handled & finished_in & Q(status__in=RESOLVED_STATUSES)
    late = Q(finished_at__gt=F("due_at")) | _apologised_before(F("finished_at"))
    early = Q(due_at__isnull=False) & Q(
        LessThan(TruncDate("finished_at", tzinfo=VIETNAM_TZ), TruncDate("due_at", tzinfo=VIETNAM_TZ))
    )
    pending = handled & (Q(finished_at__isnull=True) | Q(finished_at__gte=as_of))
    paused = pending & Q(
        Exists(
            SupplementRequest.objects.filter(dossier=OuterRef("pk"), requested_at__lt=as_of).filter(
                Q(answered_at__isnull=True) | Q(answered_at__gte=as_of)
            )
        )
    )
    overdue_now = Q(due_at__lt=as_of) | _apologised_before(as_of)
    late_when_paused = Q(paused_at__isnull=False, paused_at__gt=F("due_at")) | _apologised_before(as_of)
    overdue = pending & Q(due_at__isnull=False) & ((~paused & overdue_now) | (paused & late_when_paused))
    return {
        "received_total": received_in | carried_over,
        "carried_over": carried_over,
        "received_online": received_in & Q(channel=Channel.ONLINE),
        "received_offline": received_in & Q(channel__in=(Channel.IN_PERSON, Channel.POST)),
        "resolved_total": resolved,
        "resolved_early": resolved & ~late & early,
        "resolved_on_time": resolved & ~late & ~early,
        "resolved_late": resolved & late,
        "pending_total": pending,
        "pending_within": pending & ~overdue,
        "pending_overdue": overdue,
        "paused": paused,
        "refused": finished_in & Q(status=DossierStatus.REFUSED),
        "withdrawn": finished_in & Q(status=DossierStatus.WITHDRAWN),
        "stopped": finished_in & Q(status=DossierStatus.STOPPED),
    }


def period_candidates(period: Period) -> Q:
    """The dossiers that can count in a period, in a form the indexes on `received_at` and
    `finished_at` serve (PostgreSQL combines them with a bitmap OR): received in the period, still
    open, or finished since its start. Every column's condition implies this one."""
    return (
        Q(received_at__gte=period.start, received_at__lt=period.end)
        | Q(received_at__lt=period.start, finished_at__isnull=True)
        | Q(finished_at__gte=period.start)
    )


def statistics_queryset() -> QuerySet[Dossier]:
    """The dossiers statistics count: submitted ones."""
    return Dossier.objects.filter(is_draft=False)


# Dimensions

LEVEL_LABELS = dict(AdministrativeLevel.choices)


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    id_field: str | None  # None: one row for everything
    label_fields: tuple[str, ...] = ()


DIMENSIONS = {
    "total": Dimension("total", _("All"), None),
    "agency": Dimension("agency", _("Agency"), "agency_id", ("agency__name",)),
    "field": Dimension("field", _("Field"), "procedure__field_id", ("procedure__field__name",)),
    "procedure": Dimension(
        "procedure", _("Procedure"), "procedure_id", ("procedure__code", "procedure__title")
    ),
    "level": Dimension("level", _("Administrative level"), "agency__level"),
}


@dataclass
class Row:
    key: str
    label: str
    counts: dict[str, int]

    @property
    def on_time_rate(self) -> float | None:
        resolved = self.counts["resolved_total"]
        if not resolved:
            return None
        return (self.counts["resolved_early"] + self.counts["resolved_on_time"]) / resolved

    @property
    def on_time_rate_percent(self) -> str:
        return percent_display(self.on_time_rate)

    @property
    def online_share(self) -> float | None:
        received = self.counts["received_online"] + self.counts["received_offline"]
        return self.counts["received_online"] / received if received else None

    def cells(self) -> list[int]:
        return [self.counts[key] for key in COLUMN_KEYS]

    @property
    def items(self) -> list[tuple[str, int]]:
        return [(key, self.counts[key]) for key in COLUMN_KEYS]


@dataclass
class DossierTable:
    dimension: Dimension
    rows: list[Row]
    total: Row


def _scoped(queryset: QuerySet, *, agency_id: int | None) -> QuerySet:
    return queryset if agency_id is None else queryset.filter(agency_id=agency_id)


def _row_label(dimension: Dimension, values: dict) -> str:
    if dimension.key == "level":
        return str(LEVEL_LABELS.get(values["agency__level"], values["agency__level"]))
    if dimension.key == "procedure":
        return f"{values['procedure__code']} - {values['procedure__title']}"
    label = values[dimension.label_fields[0]]
    return "—" if label is None else str(label)


def _grain_rows(*, period: Period, agency_id: int | None, now: datetime | None) -> list[dict]:
    """One aggregate query: the counts per procedure and agency (as many rows as the catalogue has
    procedures, whatever the number of dossiers). It groups by the two ids only, and the labels
    come from two small queries: grouping by the names too made PostgreSQL join and sort every
    counted dossier with them (twice the time at 1,000,000 dossiers, bench/dashboard.py)."""
    conditions = column_conditions(period=period, now=now)
    counts = {key: Count("pk", filter=condition) for key, condition in conditions.items()}
    queryset = _scoped(statistics_queryset(), agency_id=agency_id).filter(period_candidates(period))
    queryset = queryset.order_by().values("procedure_id", "agency_id").annotate(**counts)
    with _planner_settings():
        rows = [values for values in queryset if any(values[key] for key in COLUMN_KEYS)]
    procedure_ids = {row["procedure_id"] for row in rows}
    procedures = {
        pk: {
            "procedure__code": code,
            "procedure__title": title,
            "procedure__field_id": field_id,
            "procedure__field__name": field_name,
            "procedure__field__slug": field_slug,
        }
        for pk, code, title, field_id, field_name, field_slug in ProcedurePage.objects.filter(
            pk__in=procedure_ids
        )
        .order_by()
        .values_list("pk", "code", "title", "field_id", "field__name", "field__slug")
    }
    agencies = {
        pk: {"agency__code": code, "agency__name": name, "agency__level": level}
        for pk, code, name, level in Agency.objects.filter(pk__in={row["agency_id"] for row in rows})
        .order_by()
        .values_list("pk", "code", "name", "level")
    }
    for row in rows:
        row.update(procedures[row["procedure_id"]], **agencies[row["agency_id"]])
    return rows


@contextmanager
def _planner_settings():
    """On PostgreSQL, no JIT compilation for the statistics query: its estimated cost (the EXISTS
    sub-plans) crosses `jit_above_cost` although it reads few rows, and compiling took longer than
    running it (about 270 ms against 20 ms, measured with bench/dashboard.py)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def _roll_up(grain: list[dict], dimension: str) -> DossierTable:
    spec = DIMENSIONS[dimension]
    total = Row(key="", label=str(_("Total")), counts=dict.fromkeys(COLUMN_KEYS, 0))
    rows: dict[str, Row] = {}
    for values in grain:
        if spec.id_field is not None:
            key = str(values[spec.id_field])
            row = rows.get(key)
            if row is None:
                row = rows[key] = Row(
                    key=key, label=_row_label(spec, values), counts=dict.fromkeys(COLUMN_KEYS, 0)
                )
            for column in COLUMN_KEYS:
                row.counts[column] += values[column]
        for column in COLUMN_KEYS:
            total.counts[column] += values[column]
    return DossierTable(dimension=spec, rows=sorted(rows.values(), key=lambda row: row.label), total=total)


def dossier_tables(
    *,
    period: Period,
    dimensions: tuple[str, ...] | list[str],
    agency_id: int | None = None,
    now: datetime | None = None,
) -> dict[str, DossierTable]:
    """Several tables of the statistics from one query, each with a total row."""
    grain = _grain_rows(period=period, agency_id=agency_id, now=now)
    return {dimension: _roll_up(grain, dimension) for dimension in dimensions}


def dossier_statistics(
    *, period: Period, dimension: str = "total", agency_id: int | None = None, now: datetime | None = None
) -> DossierTable:
    """One table of the statistics, with a total row: one query, whatever the number of dossiers."""
    return dossier_tables(period=period, dimensions=[dimension], agency_id=agency_id, now=now)[dimension]


def dossiers_behind(
    *,
    period: Period,
    column: str,
    dimension: str = "total",
    key: str = "",
    agency_id: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Dossier]:
    """The dossiers one figure counts (the drill-down): the same condition as `dossier_statistics`."""
    condition = column_conditions(period=period, now=now)[column]
    queryset = _scoped(statistics_queryset(), agency_id=agency_id)
    queryset = queryset.filter(period_candidates(period), condition)
    spec = DIMENSIONS[dimension]
    if spec.id_field is not None and key:
        queryset = queryset.filter(**{spec.id_field: key})
    return queryset.select_related("agency").order_by("-received_at", "-pk")


# Service statistics (R-OPS-3, R-OPS-4)


@dataclass
class ServiceFigure:
    """A headline figure of the service statistics: `value` over `total`, or a plain number."""

    key: str
    label: str
    value: float | int | None
    total: int | None = None
    unit: str = ""

    @property
    def share(self) -> float | None:
        if self.total:
            return (self.value or 0) / self.total
        return None

    @property
    def share_percent(self) -> str:
        return percent_display(self.share)


def procedures_per_level(*, agency_id: int | None = None) -> dict[int, int]:
    """Live, current procedures of the catalogue at each service level."""
    queryset = ProcedurePage.objects.live().filter(is_retired=False)
    if agency_id is not None:
        queryset = queryset.filter(agency_id=agency_id)
    counts = dict(queryset.order_by().values_list("service_level").annotate(n=Count("pk")))
    return {level: counts.get(level, 0) for level in ServiceLevel.values}


def rating_summary(*, period: Period, agency_id: int | None = None) -> dict:
    """Ratings given in the period: how many, the average, and how many of each score."""
    queryset = DossierRating.objects.filter(rated_at__gte=period.start, rated_at__lt=period.end)
    if agency_id is not None:
        queryset = queryset.filter(dossier__agency_id=agency_id)
    values = queryset.aggregate(
        count=Count("pk"),
        average=Avg("score"),
        **{f"score_{score}": Count("pk", filter=Q(score=score)) for score in range(1, 6)},
    )
    return values


def ratings_per_agency(*, period: Period, agency_id: int | None = None) -> list[dict]:
    queryset = DossierRating.objects.filter(rated_at__gte=period.start, rated_at__lt=period.end)
    if agency_id is not None:
        queryset = queryset.filter(dossier__agency_id=agency_id)
    return list(
        queryset.order_by("dossier__agency__name")
        .values("dossier__agency_id", "dossier__agency__name")
        .annotate(count=Count("pk"), average=Avg("score"))
    )


def agencies_without_online_dossiers(*, period: Period) -> QuerySet[Agency]:
    """Agencies with level 3-4 procedures in the catalogue but no online dossier submitted in the
    period (R-OPS-4): one query, with the number of such procedures."""
    online_procedures = ProcedurePage.objects.live().filter(
        agency=OuterRef("pk"), is_retired=False, service_level__in=ONLINE_SUBMISSION_LEVELS
    )
    online_dossiers = Dossier.objects.filter(
        agency=OuterRef("pk"),
        is_draft=False,
        channel=Channel.ONLINE,
        submitted_at__gte=period.start,
        submitted_at__lt=period.end,
    )
    from django.db.models import IntegerField, Subquery
    from django.db.models.functions import Coalesce

    procedure_count = online_procedures.order_by().values("agency").annotate(n=Count("pk")).values("n")[:1]
    return (
        Agency.objects.filter(Exists(online_procedures), ~Exists(online_dossiers))
        .annotate(online_procedures=Coalesce(Subquery(procedure_count, output_field=IntegerField()), 0))
        .order_by("name")
    )


# Figures of other apps: each is `(period, agency_id) -> ServiceFigure | None`, appended by the app
# (its AppConfig.ready) and called by `service_figures` for every page and export.
SERVICE_FIGURES: list[Callable[[Period, int | None], ServiceFigure | None]] = []


def service_figures(
    *, period: Period, agency_id: int | None = None, total_row: Row | None = None
) -> list[ServiceFigure]:
    """Headline figures: on-time rate, share of online dossiers, ratings, then the other apps'."""
    total_row = total_row or dossier_statistics(period=period, agency_id=agency_id).total
    counts = total_row.counts
    resolved_in_time = counts["resolved_early"] + counts["resolved_on_time"]
    received_new = counts["received_online"] + counts["received_offline"]
    ratings = rating_summary(period=period, agency_id=agency_id)
    figures = [
        ServiceFigure(
            "on_time_rate", str(_("Resolved early or on time")), resolved_in_time, counts["resolved_total"]
        ),
        ServiceFigure(
            "online_share", str(_("Dossiers received online")), counts["received_online"], received_new
        ),
        ServiceFigure(
            "rating_average",
            str(_("Average rating (1 to 5)")),
            round(ratings["average"], 2) if ratings["average"] is not None else None,
            unit=str(_("from %(count)s ratings") % {"count": ratings["count"]}),
        ),
    ]
    for function in SERVICE_FIGURES:
        figure = function(period, agency_id)
        if figure is not None:
            figures.append(figure)
    return figures


@dataclass
class Dashboard:
    """Everything a statistics page shows, computed with a fixed number of queries."""

    period: Period
    agency: Agency | None
    tables: dict[str, DossierTable] = field(default_factory=dict)
    figures: list[ServiceFigure] = field(default_factory=list)
    levels: dict[int, int] = field(default_factory=dict)
    ratings: list[dict] = field(default_factory=list)
    idle_agencies: list[Agency] | None = None


def dashboard_build(
    *, period: Period, agency: Agency | None = None, dimensions=("agency", "field", "level"), now=None
) -> Dashboard:
    agency_id = agency.pk if agency is not None else None
    tables = dossier_tables(period=period, dimensions=[*dimensions, "total"], agency_id=agency_id, now=now)
    total = tables.pop("total")
    return Dashboard(
        period=period,
        agency=agency,
        tables=tables,
        figures=service_figures(period=period, agency_id=agency_id, total_row=total.total),
        levels=procedures_per_level(agency_id=agency_id),
        ratings=ratings_per_agency(period=period, agency_id=agency_id),
        idle_agencies=list(agencies_without_online_dossiers(period=period)) if agency is None else None,
    )


# Open data (/api/v1/statistics/): the same figures per agency, field and month.

OPEN_DATA_MAX_DAYS = 366


def period_months(period: Period) -> list[Period]:
    """The calendar months the period touches, each cut to the period: they add up to it exactly."""
    months = []
    first = period.first
    while first <= period.last:
        month = period_month(year=first.year, month=first.month)
        last = min(month.last, period.last)
        months.append(Period(first=first, last=last, label=f"{first:%Y-%m}"))
        first = last + timedelta(days=1)
    return months


@dataclass
class OpenDataRow:
    """The figures of one agency in one field (None: procedures without a field) in one period."""

    period: Period
    agency_id: int
    agency_code: str
    agency_name: str
    field_id: int | None
    field_slug: str
    field_name: str
    row: Row
    rating_count: int = 0
    rating_average: float | None = None

    @property
    def resolved_in_time(self) -> int:
        return self.row.counts["resolved_early"] + self.row.counts["resolved_on_time"]


@dataclass
class OpenData:
    period: Period
    months: list[OpenDataRow]
    agencies: DossierTable
    fields: DossierTable
    agency_codes: dict[str, str]
    agency_ratings: dict[str, dict]


def _open_data_row(period: Period, values: dict, prefix: str = "") -> OpenDataRow:
    return OpenDataRow(
        period=period,
        agency_id=values[f"{prefix}agency_id"],
        agency_code=values[f"{prefix}agency__code"],
        agency_name=values[f"{prefix}agency__name"],
        field_id=values[f"{prefix}procedure__field_id"],
        field_slug=values[f"{prefix}procedure__field__slug"] or "",
        field_name=values[f"{prefix}procedure__field__name"] or "",
        row=Row(key="", label="", counts=dict.fromkeys(COLUMN_KEYS, 0)),
    )


def _agency_field_rows(period: Period, grain: list[dict]) -> dict[tuple, OpenDataRow]:
    rows: dict[tuple, OpenDataRow] = {}
    for values in grain:
        key = (values["agency_id"], values["procedure__field_id"])
        item = rows.get(key)
        if item is None:
            item = rows[key] = _open_data_row(period, values)
        for column in COLUMN_KEYS:
            item.row.counts[column] += values[column]
    return rows


RATING_GROUP_FIELDS = (
    "dossier__agency_id",
    "dossier__agency__code",
    "dossier__agency__name",
    "dossier__procedure__field_id",
    "dossier__procedure__field__slug",
    "dossier__procedure__field__name",
)


def _monthly_ratings(period: Period) -> dict[str, list[dict]]:
    """Ratings given in the period per month (Vietnam time), agency and field: one query."""
    queryset = (
        DossierRating.objects.filter(rated_at__gte=period.start, rated_at__lt=period.end)
        .annotate(month=TruncMonth("rated_at", tzinfo=VIETNAM_TZ))
        .order_by()
        .values("month", *RATING_GROUP_FIELDS)
        .annotate(count=Count("pk"), average=Avg("score"))
    )
    per_month: dict[str, list[dict]] = {}
    for item in queryset:
        month = item["month"]
        if isinstance(month, datetime):
            month = timezone.localtime(month, VIETNAM_TZ)
        per_month.setdefault(f"{month:%Y-%m}", []).append(item)
    return per_month


def open_data_build(*, period: Period, now: datetime | None = None) -> OpenData:
    """The open-data figures: per agency, field and month, and per agency and per field for the
    whole period exactly as the statistics page computes them (one grain query per month and one
    for the period, two for the ratings). Counts only: no dossier, no person.

    The monthly counts of received (new), resolved, refused, withdrawn and stopped dossiers add up
    to the period's; carried over and pending are each month's own snapshot, as in the tables.
    """
    ratings = _monthly_ratings(period)
    months = []
    for month in period_months(period):
        rows = _agency_field_rows(month, _grain_rows(period=month, agency_id=None, now=now))
        for rating in ratings.get(month.label, []):
            key = (rating["dossier__agency_id"], rating["dossier__procedure__field_id"])
            item = rows.get(key)
            if item is None:
                item = rows[key] = _open_data_row(month, rating, prefix="dossier__")
            item.rating_count = rating["count"]
            item.rating_average = round(rating["average"], 2)
        months.extend(sorted(rows.values(), key=lambda item: (item.agency_name, item.field_name)))
    grain = _grain_rows(period=period, agency_id=None, now=now)
    agency_ratings = {
        str(item["dossier__agency_id"]): item for item in ratings_per_agency(period=period, agency_id=None)
    }
    return OpenData(
        period=period,
        months=months,
        agencies=_roll_up(grain, "agency"),
        fields=_roll_up(grain, "field"),
        agency_codes={str(values["agency_id"]): values["agency__code"] for values in grain},
        agency_ratings=agency_ratings,
    )
