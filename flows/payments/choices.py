from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    COUNTER = "counter", _("At the reception desk")
    ONLINE = "online", _("Online")
    POSTAL_TRANSFER = "transfer", _("Transfer to the agency's account")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Not paid")
