from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Event(models.TextChoices):
    """Everything the portal tells people about. Each event has one editable MessageTemplate."""

    ACCOUNT_ACTIVATION = "account_activation", _("Account activation")
    ACCOUNT_ALREADY_EXISTS = "account_already_exists", _("Registration attempt for an existing account")
    PASSWORD_RESET = "password_reset", _("Password reset")
    DOSSIER_STATUS_CHANGED = "dossier_status_changed", _("Dossier status changed")
    DOSSIER_SUPPLEMENT_REQUESTED = "dossier_supplement_requested", _("Request to supplement a dossier")
    MALWARE_UPLOAD_REFUSED = "malware_upload_refused", _("Upload refused: malware found")
    INCIDENT_NOTICE = "incident_notice", _("System incident notice")
    FEEDBACK_RECEIVED = "feedback_received", _("Question or petition received")
    FEEDBACK_ANSWERED = "feedback_answered", _("Question or petition answered")
    FEEDBACK_DUE_SOON = "feedback_due_soon", _("Question or petition due soon (to staff)")


# Messages that carry a secret (link, code): their text is wiped from the log once sent.
SECRET_EVENTS = frozenset({Event.ACCOUNT_ACTIVATION, Event.PASSWORD_RESET})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed")
