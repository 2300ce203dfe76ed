from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel, DeliveryStatus, Event


class MessageTemplate(models.Model):
    """The words of one event's message, written by operators in the Wagtail admin.

    The texts are Django templates: `{{ full_name }}`, `{{ code }}`, `{{ link }}` … come from the
    context the caller of `notify()` gives (listed in `help_text`).
    """

    event = models.CharField(_("event"), max_length=50, choices=Event.choices, unique=True)
    email_subject = models.CharField(_("e-mail subject"), max_length=200)
    email_body = models.TextField(_("e-mail text"))
    sms_body = models.TextField(
        _("SMS text"), help_text=_("Keep it short: 160 characters without diacritics make one SMS.")
    )
    sms_without_diacritics = models.BooleanField(
        _("send SMS without diacritics"),
        default=True,
        help_text=_("An SMS with diacritics holds only 70 characters, so it costs more."),
    )
    variables = models.CharField(
        _("available variables"),
        max_length=255,
        blank=True,
        help_text=_("For information: the names that can be used in the texts, e.g. {{ code }}."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["event"]

    def __str__(self) -> str:
        return str(Event(self.event).label) if self.event in Event.values else self.event


class Delivery(models.Model):
    """One message to one address on one channel, and what became of it."""

    recipient = models.CharField(_("recipient"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("user"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    event = models.CharField(_("event"), max_length=50, choices=Event.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("outcome"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    gateway_message_id = models.CharField(_("gateway message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.recipient}"
