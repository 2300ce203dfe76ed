from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DossierStatus(models.TextChoices):
    """The national list of dossier statuses, in its official order (GLOSSARY)."""

    NEW = "new", _("Newly registered")
    RECEIVED = "received", _("Received")
    REFUSED = "refused", _("Not received")
    PROCESSING = "processing", _("Being processed")
    SUPPLEMENT_REQUESTED = "supplement", _("Supplement of documents requested")
    FINANCIAL_OBLIGATION = "financial", _("Financial obligation requested")
    WITHDRAWN = "withdrawn", _("Withdrawal requested by the citizen")
    STOPPED = "stopped", _("Processing stopped")
    DONE = "done", _("Processed")
    RETURNED = "returned", _("Result returned")


# Statuses after which nothing more happens to a dossier.
FINAL_STATUSES = (
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
    DossierStatus.RETURNED,
)


class Channel(models.IntegerChoices):
    IN_PERSON = 1, _("In person")
    ONLINE = 2, _("Online")
    POST = 3, _("By public postal service")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("dossier event", "Submitted")
    REGISTERED_ON_PAPER = "registered", _("Registered from a paper dossier")
    ACCEPTED = "accepted", _("Accepted with an appointment date")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    SUPPLEMENTED = "supplemented", _("Supplemented by the citizen")
    REFUSED = "refused", _("Refused")
    TRANSFERRED = "transferred", _("Transferred to the specialist department")
    TRANSFER_OVERDUE = "transfer_overdue", _("Transfer overdue")
    CONSULTED = "consulted", _("Coordinating agency's opinion")
    EXAMINED = "examined", _("Examined")
    APPROVED = "approved", _("Approved by the agency head")
    SENT_BACK = "sent_back", _("Sent back for re-examination")
    RESULT_READY = "result_ready", _("Result ready")
    RESULT_RETURNED = "result_returned", _("Result returned")
    WITHDRAWN = "withdrawn", _("Withdrawn by the citizen")
    STOPPED = "stopped", _("Processing stopped")
    APOLOGISED = "apologised", _("Apology with a new appointment date")
    ANSWERS_REUSED = "answers_reused", _("Answers reused from an earlier dossier")
    FILE_REUSED = "file_reused", _("Document reused from an earlier dossier")


class Decision(models.TextChoices):
    """What reception decides about a dossier (R-PRO-1 … R-PRO-3)."""

    ACCEPT = "accept", _("Accept: the dossier is complete")
    SUPPLEMENT = "supplement", _("Request a supplement")
    REFUSE = "refuse", _("Refuse to receive")


class ApprovalDecision(models.TextChoices):
    """What the agency head decides about the examined dossier."""

    APPROVE = "approve", _("Approve the result")
    SEND_BACK = "send_back", _("Send back to the specialist for re-examination")


class ResultReturnMethod(models.TextChoices):
    """How the result reaches the applicant (R-RES-1/2)."""

    ONLINE = "online", _("Online: the applicant downloads the result file")
    COUNTER = "counter", _("At the reception desk")
    POST = "post", _("By public postal service")
