"""Reads for the Q&A section and the staff's feedback register."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from flows.feedback.choices import OPEN_STATUSES
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
    from django.db.models import F

    now = timezone.now()
    row = queryset.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_late=Count("pk", filter=Q(answered_at__gt=F("due_at"))),
    )
    return FeedbackCounts(**row)
