"""Reads for the Q&A section and the staff's feedback register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from flows.calendar import VIETNAM_TZ, WORKING_DAY, WorkingCalendar, calendar_current
from flows.feedback.choices import OPEN_STATUSES, FeedbackStatus
from flows.feedback.models import Feedback, QuestionPage
from services_catalog.models import Agency, Field

PER_PAGE = 20


@dataclass
class QuestionListing:
    page: PaginatorPage
    query: str
    fields: list
    agencies: list
    field: Field | None
    agency: Agency | None
    approximate: bool = False


def questions_published(*, index_page=None) -> QuerySet[QuestionPage]:
    """Answered questions the public may read: live, public pages (private items never have one).
    Restricted sections come from the cached list (home.selectors) rather than a query each time."""
    from home.selectors import public_pages

    pages = public_pages(QuestionPage.objects.live())
    if index_page is not None:
        pages = pages.descendant_of(index_page)
    return pages


def question_listing(*, params, index_page=None) -> QuestionListing:
    """The Q&A list: by field and agency, searched with the site's Vietnamese search, 20 a page.

    A constant number of queries whatever the number of questions.
    """
    from search.engine import pages_match
    from search.selectors import query_parse

    published = questions_published(index_page=index_page)
    pages = published.select_related("agency", "field")
    fields = list(
        Field.objects.filter(questions__in=published).annotate(count=Count("questions")).order_by("name")
    )
    agencies = list(
        Agency.objects.filter(questions__in=published)
        .annotate(count=Count("questions"))
        .only("pk", "code", "name")
        .order_by("name")
    )
    field = next((item for item in fields if item.slug == params.get("linh-vuc")), None)
    agency = next((item for item in agencies if item.code == params.get("co-quan")), None)
    if field is not None:
        pages = pages.filter(field=field)
    if agency is not None:
        pages = pages.filter(agency=agency)
    query = (params.get("q") or "").strip()[:200]
    approximate = False
    parsed = query_parse(query=query) if query else None
    if parsed:
        match = pages_match(pages, variants=parsed.variants)
        pages, approximate = match.ranked, match.approximate
    else:
        pages = pages.order_by("-answered_at", "-pk")
    paginator = Paginator(pages, PER_PAGE)
    page = paginator.get_page(params.get("trang"))
    return QuestionListing(
        page=page,
        query=query,
        fields=fields,
        agencies=agencies,
        field=field,
        agency=agency,
        approximate=approximate,
    )


def questions_for_procedure(*, procedure, limit: int = 5) -> list[QuestionPage]:
    return list(questions_published().filter(procedure=procedure).order_by("-answered_at")[:limit])


def feedback_of_asker(*, user) -> QuerySet[Feedback]:
    if not user.is_authenticated:
        return Feedback.objects.none()
    return Feedback.objects.filter(asker=user)


def feedback_for_staff(*, user) -> QuerySet[Feedback]:
    """The items of the staff member's agency (the receiving agency loses them once routed away)."""
    from flows.selectors import user_is_processing_staff

    if not user_is_processing_staff(user):
        return Feedback.objects.none()
    return Feedback.objects.filter(agency_id=user.agency_id)


@dataclass(frozen=True)
class FeedbackCounts:
    open: int
    overdue: int
    answered: int
    answered_late: int


def feedback_counts(*, queryset: QuerySet[Feedback]) -> FeedbackCounts:
    """Open, overdue (open past the due time), answered, answered late: one query."""
    now = timezone.now()
    row = queryset.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_late=Count("pk", filter=Q(answered_at__gt=F("due_at"))),
    )
    return FeedbackCounts(**row)


# The answer clock (hạn trả lời, R-FB-3): what the asker sees of their 3 working days.


def working_duration_text(duration: timedelta) -> str:
    """Working time in words: "2 working days 3 hours", "5 hours", "40 minutes"."""
    days, rest = divmod(duration, WORKING_DAY)
    hours, rest = divmod(rest, timedelta(hours=1))
    parts = []
    if days:
        parts.append(ngettext("%(count)d working day", "%(count)d working days", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if not parts:
        minutes = max(1, rest // timedelta(minutes=1))
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes})
    return " ".join(parts)


@dataclass(frozen=True)
class AnswerClock:
    """Where an item stands against its due time, in working time (R-FB-3: 3 working days)."""

    due_at: datetime
    state: str  # "waiting", "overdue", "on_time", "late" or "" (rejected as spam)
    working_time: timedelta  # left (waiting), past the due time (overdue, late), to spare (on_time)

    @property
    def working_days(self) -> int:
        return self.working_time // WORKING_DAY

    @property
    def working_hours(self) -> int:
        return (self.working_time % WORKING_DAY) // timedelta(hours=1)

    @property
    def text(self) -> str:
        duration = working_duration_text(self.working_time)
        if self.state == "waiting":
            return _("%(duration)s left") % {"duration": duration}
        if self.state == "overdue":
            return _("Overdue by %(duration)s: the agency has not answered yet") % {"duration": duration}
        if self.state == "on_time":
            return _("Answered on time")
        if self.state == "late":
            return _("Answered late, %(duration)s after the due time") % {"duration": duration}
        return ""


def answer_clock(
    *, feedback: Feedback, calendar: WorkingCalendar, now: datetime | None = None
) -> AnswerClock:
    """The clock of one item; `calendar` is read once per page (calendar_current) for every item."""
    now = now or timezone.now()
    due = feedback.due_at
    if feedback.status == FeedbackStatus.REJECTED:
        return AnswerClock(due_at=due, state="", working_time=timedelta())
    if feedback.answered_at is not None:
        if feedback.answered_at <= due:
            return AnswerClock(
                due_at=due,
                state="on_time",
                working_time=calendar.working_time_between(feedback.answered_at, due),
            )
        return AnswerClock(
            due_at=due, state="late", working_time=calendar.working_time_between(due, feedback.answered_at)
        )
    if now <= due:
        return AnswerClock(due_at=due, state="waiting", working_time=calendar.working_time_between(now, due))
    return AnswerClock(due_at=due, state="overdue", working_time=calendar.working_time_between(due, now))


def answer_clocks(*, items, now: datetime | None = None) -> list[tuple[Feedback, AnswerClock]]:
    """Each item with its clock: one query for the calendar, whatever the number of items."""
    calendar = calendar_current()
    now = now or timezone.now()
    return [(item, answer_clock(feedback=item, calendar=calendar, now=now)) for item in items]


@dataclass(frozen=True)
class AgencyAnswerTimes:
    agency_name: str
    waiting: int
    overdue: int
    answered_this_month: int
    answered_late_this_month: int


def answer_times_per_agency(*, now: datetime | None = None) -> list[AgencyAnswerTimes]:
    """Per agency: questions and petitions waiting for an answer (of which overdue), and answered
    this month (Vietnam time), of which late. Spam is left out. One query."""
    now = now or timezone.now()
    today = timezone.localtime(now, VIETNAM_TZ).date()
    month_start = datetime.combine(date(today.year, today.month, 1), time.min, tzinfo=VIETNAM_TZ)
    open_items = Q(status__in=OPEN_STATUSES)
    answered_this_month = Q(answered_at__gte=month_start, answered_at__lte=now)
    rows = (
        Feedback.objects.exclude(status=FeedbackStatus.REJECTED)
        .filter(open_items | answered_this_month)
        .order_by()
        .values("agency_id", "agency__name")
        .annotate(
            waiting=Count("pk", filter=open_items),
            overdue=Count("pk", filter=open_items & Q(due_at__lt=now)),
            answered=Count("pk", filter=answered_this_month),
            answered_late=Count("pk", filter=answered_this_month & Q(answered_at__gt=F("due_at"))),
        )
        .order_by("agency__name")
    )
    return [
        AgencyAnswerTimes(
            agency_name=row["agency__name"],
            waiting=row["waiting"],
            overdue=row["overdue"],
            answered_this_month=row["answered"],
            answered_late_this_month=row["answered_late"],
        )
        for row in rows
    ]
