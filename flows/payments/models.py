"""What a dossier owes (a snapshot of the procedure's fees), what was paid, and what was refunded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flows.models import Dossier
from flows.payments.choices import PaymentMethod, PaymentStatus


class DossierFee(models.Model):
    """One fee item owed by a dossier, copied from the procedure when the dossier was submitted.

    A later change of the catalogue does not change what an already submitted dossier owes.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fee_items")
    label = models.CharField(_("fee"), max_length=255)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("dossier fee")
        verbose_name_plural = _("dossier fees")

    def __str__(self) -> str:
        return f"{self.label}: {self.amount_vnd}"


class Payment(models.Model):
    """A payment of a dossier's fees: at the desk, online through a provider, or by transfer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # At the desk: the number of the receipt given to the applicant.
    receipt_number = models.CharField(_("receipt number"), max_length=50, blank=True)
    # Transfer: the bank's or post office's reference of the transfer.
    transfer_reference = models.CharField(_("transfer reference"), max_length=100, blank=True)
    # Online: our order reference (vnp_TxnRef) and what the provider told us in its notification.
    provider = models.CharField(_("payment provider"), max_length=20, blank=True)
    txn_ref = models.CharField(_("order reference"), max_length=40, unique=True, null=True, blank=True)
    provider_transaction_no = models.CharField(_("provider transaction number"), max_length=40, blank=True)
    bank_code = models.CharField(_("bank"), max_length=20, blank=True)
    response_code = models.CharField(_("provider response code"), max_length=10, blank=True)
    notification = models.JSONField(_("provider notification"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [models.Index(fields=["dossier", "status"], name="payment_dossier_status")]

    def __str__(self) -> str:
        return f"{self.dossier} · {self.get_method_display()} · {self.amount_vnd}"


class Refund(models.Model):
    """Fees given back because the agency could not deliver the service (R-RES-3)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="refunds")
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    refunded_on = models.DateField(_("refund date"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("officer")
    )
    reason = models.TextField(_("reason"))
    account_holder = models.CharField(_("account holder"), max_length=255)
    account_number = models.CharField(_("bank account number"), max_length=40)
    bank_name = models.CharField(_("bank"), max_length=255)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.amount_vnd}"
