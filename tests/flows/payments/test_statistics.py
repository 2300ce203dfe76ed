"""Online payments in the service statistics (R-OPS-2): of the dossiers owing fees, those paid online."""

from django.utils import timezone

import pytest

from flows.models import Dossier
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.models import Payment
from flows.statistics import period_month, service_figures
from tests.flows.helpers import submitted_dossier

from .conftest import FEE_VND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clamd", "urls_loaded")]


def _received(dossier) -> Dossier:
    Dossier.objects.filter(pk=dossier.pk).update(received_at=timezone.now())
    return dossier


def _paid(dossier, method) -> None:
    Payment.objects.create(
        dossier=dossier, method=method, status=PaymentStatus.PAID, amount_vnd=FEE_VND, paid_at=timezone.now()
    )


def test_the_share_of_fees_paid_online_counts_only_dossiers_that_owe(
    client, level4_procedure, level3_procedure, procedure, citizen, other_agency
):
    online = _received(submitted_dossier(level4_procedure, citizen))
    _paid(online, PaymentMethod.ONLINE)
    at_desk = _received(submitted_dossier(level3_procedure, citizen))
    _paid(at_desk, PaymentMethod.COUNTER)
    _received(submitted_dossier(level4_procedure, citizen))  # owes, not paid yet
    _received(submitted_dossier(procedure, citizen))  # a procedure without fees: not counted
    today = timezone.localdate()
    period = period_month(year=today.year, month=today.month)

    figure = {item.key: item for item in service_figures(period=period)}["online_payments"]
    assert (figure.value, figure.total) == (1, 3)
    other = {item.key: item for item in service_figures(period=period, agency_id=other_agency.pk)}
    assert (other["online_payments"].value, other["online_payments"].total) == (0, 0)
    page = client.get("/thong-ke/").content.decode()
    assert 'data-figure="online_payments"' in page
