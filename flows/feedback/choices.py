from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    QUESTION = "question", _("Question")
    PETITION = "petition", _("Feedback or petition")


class FeedbackChannel(models.TextChoices):
    """How the feedback reached the agency (R-FB-2): all are recorded in one place."""

    PORTAL = "portal", _("Q&A section of the portal")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Agency e-mail")
    LETTER = "letter", _("In writing")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("Received, waiting to be routed")
    ROUTED = "routed", _("Being answered")
    AWAITING_APPROVAL = "approval", _("Answer awaiting approval")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected as spam")


OPEN_STATUSES = (FeedbackStatus.NEW, FeedbackStatus.ROUTED, FeedbackStatus.AWAITING_APPROVAL)


class RouteDecision(models.TextChoices):
    ROUTE = "route", _("Route to the responsible agency")
    REJECT = "reject", _("Reject as spam or abuse")


class AnswerDecision(models.TextChoices):
    APPROVE = "approve", _("Approve and send the answer")
    SEND_BACK = "send_back", _("Send back to the officer for changes")
