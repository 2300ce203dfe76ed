"""Reads: what a dossier owes, has paid and has been refunded, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from flows.choices import DossierStatus
from flows.models import Dossier
from flows.payments.choices import PaymentStatus
from flows.payments.gateways.vnpay import provider_default
from flows.payments.models import DossierFee, Payment, Refund
from services_catalog.choices import ServiceLevel

# The agency could not deliver: fees paid are given back (R-RES-3).
REFUNDABLE_STATUSES = (DossierStatus.REFUSED, DossierStatus.STOPPED)
# The result was ready: not collecting it gives no right to a refund (R-RES-3).
RESULT_READY_STATUSES = (DossierStatus.DONE, DossierStatus.RETURNED)


@dataclass(frozen=True)
class DossierAccount:
    owed: int
    paid: int
    refunded: int

    @property
    def balance(self) -> int:
        """What is still to pay (never negative)."""
        return max(self.owed - self.paid, 0)

    @property
    def refundable(self) -> int:
        return max(self.paid - self.refunded, 0)


def _total(queryset) -> int:
    return queryset.aggregate(total=Sum("amount_vnd"))["total"] or 0


def dossier_account(*, dossier: Dossier) -> DossierAccount:
    return DossierAccount(
        owed=_total(DossierFee.objects.filter(dossier=dossier)),
        paid=_total(Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID)),
        refunded=_total(Refund.objects.filter(dossier=dossier)),
    )


def dossier_may_pay_online(*, dossier: Dossier, account: DossierAccount) -> bool:
    return (
        not dossier.is_draft
        and dossier.procedure.service_level == ServiceLevel.FULLY_ONLINE
        and not dossier.is_final
        and account.balance > 0
    )


def dossier_may_take_payment(*, dossier: Dossier, account: DossierAccount) -> bool:
    return not dossier.is_draft and not dossier.is_final and account.balance > 0


def dossier_refund_offered(*, dossier: Dossier, account: DossierAccount) -> bool:
    return dossier.status in REFUNDABLE_STATUSES and account.refundable > 0


def dossier_fees_context(*, dossier: Dossier) -> dict:
    """What the citizen's dossier page shows about money: owed items, payments, refunds, how to pay."""
    if dossier.is_draft:
        return {"fees": None}
    items = list(DossierFee.objects.filter(dossier=dossier))
    payments = list(Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID))
    refunds = list(Refund.objects.filter(dossier=dossier))
    account = DossierAccount(
        owed=sum(item.amount_vnd for item in items),
        paid=sum(payment.amount_vnd for payment in payments),
        refunded=sum(refund.amount_vnd for refund in refunds),
    )
    return {
        "fees": {
            "account": account,
            "items": items,
            "payments": payments,
            "refunds": refunds,
            "may_pay_online": dossier_may_pay_online(dossier=dossier, account=account)
            and provider_default().configured,
        }
    }
