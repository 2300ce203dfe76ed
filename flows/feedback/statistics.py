"""The Q&A section's figure of the service statistics (flows.statistics.SERVICE_FIGURES)."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from flows.feedback.choices import FeedbackStatus
from flows.feedback.models import Feedback
from flows.statistics import Period, ServiceFigure


def answered_in_time_figure(period: Period, agency_id: int | None) -> ServiceFigure:
    """Of the questions and petitions received in the period (spam left out), how many were answered
    within their 3 working days (R-FB-3), in one query."""
    received = Feedback.objects.filter(received_at__gte=period.start, received_at__lt=period.end).exclude(
        status=FeedbackStatus.REJECTED
    )
    if agency_id is not None:
        received = received.filter(agency_id=agency_id)
    counts = received.aggregate(
        received=Count("pk"), in_time=Count("pk", filter=Q(answered_at__lte=F("due_at")))
    )
    return ServiceFigure(
        "qa_within_3_days",
        _("Questions answered within 3 working days"),
        counts["in_time"],
        counts["received"],
    )
