"""The payments' figure of the service statistics (flows.statistics.SERVICE_FIGURES)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from flows.models import Dossier
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.models import DossierFee, Payment
from flows.statistics import Period, ServiceFigure


def online_payments_figure(period: Period, agency_id: int | None) -> ServiceFigure:
    """Of the dossiers received in the period that owe fees, how many were paid online (one query)."""
    dossiers = Dossier.objects.filter(
        Exists(DossierFee.objects.filter(dossier=OuterRef("pk"))),
        received_at__gte=period.start,
        received_at__lt=period.end,
    )
    if agency_id is not None:
        dossiers = dossiers.filter(agency_id=agency_id)
    paid_online = Exists(
        Payment.objects.filter(dossier=OuterRef("pk"), status=PaymentStatus.PAID, method=PaymentMethod.ONLINE)
    )
    counts = dossiers.aggregate(owing=Count("pk"), online=Count("pk", filter=Q(paid_online)))
    return ServiceFigure("online_payments", _("Fees paid online"), counts["online"], counts["owing"])
