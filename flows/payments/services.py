"""Writes: the fee snapshot, payments at the desk, by transfer and online, refunds (R-SUB-3/5, R-RES-3)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flows.models import Dossier
from flows.payments.choices import PaymentMethod, PaymentStatus
from flows.payments.gateways.base import PaymentProvider
from flows.payments.gateways.vnpay import new_txn_ref
from flows.payments.models import DossierFee, Payment, Refund
from flows.payments.selectors import (
    RESULT_READY_STATUSES,
    dossier_account,
    dossier_may_pay_online,
    dossier_may_take_payment,
    dossier_refund_offered,
)
from portal.accounts.roles import Role
from services_catalog.text import fold_vietnamese as fold_vi


def dossier_fees_snapshot(*, dossier: Dossier) -> list[DossierFee]:
    """Copy the procedure's fee items onto the dossier (at submission); done once."""
    if DossierFee.objects.filter(dossier=dossier).exists():
        return list(dossier.fee_items.all())
    return DossierFee.objects.bulk_create(
        DossierFee(
            dossier=dossier, label=fee.label, amount_vnd=fee.amount_vnd, note=fee.note, sort_order=index
        )
        for index, fee in enumerate(dossier.procedure.fees.all())
    )


def _check_officer(*, dossier: Dossier, officer) -> None:
    from flows.selectors import user_roles

    if officer.agency_id != dossier.agency_id or Role.RECEPTION not in user_roles(officer):
        raise PermissionDenied


def _check_amount(*, dossier: Dossier, amount_vnd: int) -> None:
    account = dossier_account(dossier=dossier)
    if not dossier_may_take_payment(dossier=dossier, account=account):
        raise ValidationError(_("Nothing is left to pay on this dossier."))
    if amount_vnd <= 0 or amount_vnd > account.balance:
        raise ValidationError(
            _("The amount must be between 1 and the %(balance)s đồng still owed."),
            params={"balance": f"{account.balance:,}".replace(",", ".")},
        )


def payment_counter_record(
    *, dossier: Dossier, officer, amount_vnd: int, receipt_number: str, paid_at: datetime | None = None
) -> Payment:
    """Reception takes the fee at the desk and gives receipt `receipt_number` (R-SUB-3)."""
    _check_officer(dossier=dossier, officer=officer)
    if not receipt_number.strip():
        raise ValidationError(_("Give the number of the receipt handed to the applicant."))
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        _check_amount(dossier=dossier, amount_vnd=amount_vnd)
        return Payment.objects.create(
            dossier=dossier,
            method=PaymentMethod.COUNTER,
            status=PaymentStatus.PAID,
            amount_vnd=amount_vnd,
            paid_at=paid_at or timezone.now(),
            recorded_by=officer,
            receipt_number=receipt_number.strip(),
        )


def payment_transfer_record(
    *, dossier: Dossier, officer, amount_vnd: int, reference: str, paid_at: datetime
) -> Payment:
    """A transfer to the agency's published account (by post or bank) arrived (R-SUB-5)."""
    _check_officer(dossier=dossier, officer=officer)
    if not reference.strip():
        raise ValidationError(_("Give the reference of the transfer."))
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        _check_amount(dossier=dossier, amount_vnd=amount_vnd)
        return Payment.objects.create(
            dossier=dossier,
            method=PaymentMethod.POSTAL_TRANSFER,
            status=PaymentStatus.PAID,
            amount_vnd=amount_vnd,
            paid_at=paid_at,
            recorded_by=officer,
            transfer_reference=reference.strip(),
        )


def payment_online_start(
    *, dossier: Dossier, user, provider: PaymentProvider, return_url: str, client_ip: str
) -> tuple[Payment, str]:
    """The citizen starts paying what is still owed; returns the payment and the provider's URL.

    The payment stays pending until the provider's server notification confirms it.
    """
    if dossier.applicant_id != user.pk:
        raise PermissionDenied
    account = dossier_account(dossier=dossier)
    if not dossier_may_pay_online(dossier=dossier, account=account):
        raise ValidationError(_("This dossier cannot be paid online now."))
    payment = Payment.objects.create(
        dossier=dossier,
        method=PaymentMethod.ONLINE,
        amount_vnd=account.balance,
        provider=provider.name,
        txn_ref=new_txn_ref(dossier_id=dossier.pk),
    )
    order_info = fold_vi(f"Thanh toan phi ho so {dossier.code}")
    url = provider.create_payment_url(
        payment=payment, return_url=return_url, client_ip=client_ip, order_info=order_info
    )
    return payment, url


def refund_record(
    *,
    dossier: Dossier,
    officer,
    amount_vnd: int,
    refunded_on: date,
    reason: str,
    account_holder: str,
    account_number: str,
    bank_name: str,
) -> Refund:
    """Give back fees the applicant paid when the agency could not deliver (R-RES-3).

    Refused when the result was ready: not collecting it gives no right to a refund.
    """
    _check_officer(dossier=dossier, officer=officer)
    if dossier.status in RESULT_READY_STATUSES:
        raise ValidationError(
            _("The result was ready for the applicant: no refund is due when it is not collected.")
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason for the refund."))
    if not (account_holder.strip() and account_number.strip() and bank_name.strip()):
        raise ValidationError(_("Give the applicant's bank account: holder, number and bank."))
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        account = dossier_account(dossier=dossier)
        if not dossier_refund_offered(dossier=dossier, account=account):
            raise ValidationError(_("No refund is due on this dossier."))
        if amount_vnd <= 0 or amount_vnd > account.refundable:
            raise ValidationError(
                _("The refund must be between 1 and the %(paid)s đồng paid and not yet refunded."),
                params={"paid": f"{account.refundable:,}".replace(",", ".")},
            )
        return Refund.objects.create(
            dossier=dossier,
            amount_vnd=amount_vnd,
            refunded_on=refunded_on,
            officer=officer,
            reason=reason.strip(),
            account_holder=account_holder.strip(),
            account_number=account_number.strip(),
            bank_name=bank_name.strip(),
        )
