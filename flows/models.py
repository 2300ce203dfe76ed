"""Dossiers (hồ sơ) and what happens to them: files, control history, supplements, process settings."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from flows.choices import FINAL_STATUSES, Channel, DossierStatus, EventKind, ResultReturnMethod
from services_catalog.models import Agency, ProcedurePage, RequiredDocument


class CalendarOverride(models.Model):
    """An announced change to the working calendar: an extra day off or a working Saturday."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=255)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("reason")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} - {self.get_kind_display()}"


def _step_budget_field(verbose_name) -> models.DecimalField:
    """A step's share of the time limit, in working days (halves allowed); empty means no budget."""
    return models.DecimalField(
        verbose_name, max_digits=4, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )


class ProcedureProcess(models.Model):
    """How an agency carries out one procedure (R-PRO-9): steps, roles and time budgets.

    Without a row the defaults apply: no head approval, no consultation, the whole time limit for
    examination.
    """

    procedure = models.OneToOneField(
        ProcedurePage, on_delete=models.CASCADE, related_name="process_settings", verbose_name=_("procedure")
    )
    head_approval_required = models.BooleanField(_("the agency head must approve"), default=True)
    consulted_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name=_("agencies consulted")
    )
    examine_days = _step_budget_field(_("examination budget (working days)"))
    consult_days = _step_budget_field(_("consultation budget (working days)"))
    approve_days = _step_budget_field(_("approval budget (working days)"))

    panels = [
        FieldPanel("procedure"),
        FieldPanel("head_approval_required"),
        FieldPanel("consulted_agencies"),
        FieldRowPanel([FieldPanel("examine_days"), FieldPanel("consult_days"), FieldPanel("approve_days")]),
    ]

    class Meta:
        verbose_name = _("procedure process")
        verbose_name_plural = _("procedure processes")

    def __str__(self) -> str:
        return str(self.procedure)

    def clean(self) -> None:
        limit = self.procedure.processing_days if self.procedure_id else None
        budgets = [self.examine_days or 0, self.approve_days or 0]
        # Consultation runs in parallel with examination, so only the longer of the two counts.
        budgets[0] = max(budgets[0], self.consult_days or 0)
        # Half a working day for the transfer (R-PRO-4) is part of the legal limit too.
        if limit is not None and sum(budgets) + Decimal("0.5") > limit:
            raise ValidationError(
                _(
                    "The step budgets plus half a day for the transfer exceed the legal limit of "
                    "%(days)s days."
                ),
                params={"days": limit},
            )


class DossierCodeCounter(models.Model):
    """The last daily sequence number used for an agency's dossier codes on one day."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="unique_dossier_counter_day")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_number}"


class Dossier(models.Model):
    """A dossier (hồ sơ) submitted for one procedure, online or handed in at the desk."""

    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        ProcedurePage, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("procedure")
    )
    # Copied from the procedure at creation: staff scoping and the dossier code depend on it, and a
    # later change of the catalogue must not move dossiers already received.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("implementing agency")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("applicant account"),
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    channel = models.PositiveSmallIntegerField(
        pgettext_lazy("dossier", "channel"), choices=Channel.choices, default=Channel.ONLINE
    )
    declaration = models.JSONField(pgettext_lazy("dossier", "declaration"), default=dict, blank=True)
    # The procedure's e-form as it was when the dossier was filled in, and the answers to it
    # (services_catalog.eforms describes both).
    eform_version = models.ForeignKey(
        "services_catalog.EFormVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("e-form version"),
    )
    eform_answers = models.JSONField(_("e-form answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.NEW, db_index=True
    )
    is_draft = models.BooleanField(_("draft"), default=True)
    lookup_secret = models.CharField(_("look-up secret"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    due_at = models.DateTimeField(_("appointment date"), null=True, blank=True)
    finished_at = models.DateTimeField(_("processed"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned"), null=True, blank=True)
    # Set while the clock is paused for a supplement (R-SUB-7); the due date moves on resumption.
    paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    # The first apology with a new appointment date (phiếu xin lỗi): the dossier counts as late in
    # the statistics even though `due_at` then holds the new date (flows.statistics).
    apologised_at = models.DateTimeField(_("apologised for the delay"), null=True, blank=True)
    transfer_overdue = models.BooleanField(_("transfer overdue"), default=False)
    process = models.OneToOneField(
        "viewflow.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="dossier"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="dossier_agency_status_due"),
            models.Index(fields=["applicant", "-created_at"], name="dossier_applicant_created"),
            # Statistics (flows.statistics): received and finished in a period.
            models.Index(fields=["received_at"], name="dossier_received_at"),
            models.Index(fields=["finished_at"], name="dossier_finished_at"),
            # Agencies without online dossiers in a period (statistics, R-OPS-4): a range per agency.
            models.Index(fields=["agency", "submitted_at"], name="dossier_agency_submitted"),
        ]

    def __str__(self) -> str:
        return self.code or _("Draft dossier for %(procedure)s") % {"procedure": self.procedure.title}

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_overdue(self) -> bool:
        if self.due_at is None or self.paused_at is not None:
            return False
        finished = self.finished_at or (timezone.now() if not self.is_final else None)
        return finished is not None and finished > self.due_at


def private_storage():
    return storages["private"]


def dossier_file_path(instance: "DossierFile", filename: str) -> str:
    # The stored name is random: the original name is kept in the database only.
    return f"dossiers/{instance.dossier_id}/{secrets.token_hex(16)}"


class StoredUpload(models.Model):
    """What is kept of an uploaded file besides the file itself (stored under a random name)."""

    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(pgettext_lazy("uploaded file", "content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class DossierFile(StoredUpload):
    """One uploaded file: the scan or photo of one required document of the dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        RequiredDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("required document"),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=dossier_file_path, max_length=200)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reused from"),
        help_text=_("The citizen's earlier dossier file this one was copied from, at their choice."),
    )

    class Meta:
        ordering = ["document__sort_order", "pk"]
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "document"], name="one_file_per_required_document")
        ]


APPLICANT_NOTE_KINDS = {
    EventKind.ACCEPTED,
    EventKind.SUPPLEMENT_REQUESTED,
    EventKind.SUPPLEMENTED,
    EventKind.REFUSED,
    EventKind.WITHDRAWN,
    EventKind.STOPPED,
    EventKind.APOLOGISED,
    EventKind.RESULT_RETURNED,
}


class DossierEvent(models.Model):
    """One line of the control sheet (phiếu kiểm soát): who did what, when, from and to which status."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    from_status = models.CharField(_("from status"), max_length=20, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=DossierStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Facts the documents print (the apology's old and new appointment dates and reason), so that
    # they are read back from the record rather than parsed out of the note.
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("control history")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.get_kind_display()}"

    @property
    def note_is_for_applicant(self) -> bool:
        """Notes the applicant reads; internal ones (transfer, examination, opinions) stay with staff."""
        return self.kind in APPLICANT_NOTE_KINDS


class SupplementRequest(models.Model):
    """A request to supplement the dossier: every missing item, listed at once (R-PRO-2)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplement_requests")
    requested_at = models.DateTimeField(_("requested"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    items = models.JSONField(_("missing items"), default=list)
    answered_at = models.DateTimeField(_("supplemented"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.requested_at:%d/%m/%Y}"


class Consultation(models.Model):
    """The opinion of a coordinating agency consulted on a dossier (R-PRO-7)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    opinion = models.TextField(_("opinion"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "agency"], name="one_consultation_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.dossier} · {self.agency}"


class DossierRating(models.Model):
    """A citizen's rating of a finished dossier of theirs (R-OPS-3): once, 1 to 5, with a comment."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="rating", verbose_name=_("dossier")
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(_("rated"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("dossier rating")
        verbose_name_plural = _("dossier ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="dossier_rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} · {self.score}/5"


class MalwareIncident(models.Model):
    """An upload refused because the virus scanner found malware (R-PRO-11), kept for the agency head."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    procedure = models.ForeignKey(
        ProcedurePage, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("procedure")
    )
    # A refused paper registration deletes its dossier; the incident stays.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("dossier")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file name"), max_length=200)
    signature = models.CharField(_("malware found"), max_length=200)
    detected_at = models.DateTimeField(_("detected"), db_index=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("refused infected upload")
        verbose_name_plural = _("refused infected uploads")

    def __str__(self) -> str:
        return f"{self.file_name} · {self.signature}"


def result_file_path(instance: "ResultFile", filename: str) -> str:
    return f"results/{instance.dossier_id}/{secrets.token_hex(16)}"


class ResultFile(StoredUpload):
    """A result document the agency uploads for the applicant to download (R-RES-2)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="result_files")
    file = models.FileField(_("file"), storage=private_storage, upload_to=result_file_path, max_length=200)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("result file")
        verbose_name_plural = _("result files")


class ResultReturn(models.Model):
    """How the result was returned: online, at the desk (to whom) or by post (where, tracking, dates)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="result_return")
    method = models.CharField(_("return method"), max_length=10, choices=ResultReturnMethod.choices)
    returned_at = models.DateTimeField(_("returned at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    recipient_id_number = models.CharField(_("recipient's ID number"), max_length=20, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=50, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("result return")
        verbose_name_plural = _("result returns")

    def __str__(self) -> str:
        return f"{self.dossier} · {self.get_method_display()}"


class SignatureCheck(models.Model):
    """The digital signature found in a PDF file of the dossier, as verified with pyHanko (R-SUB-4).

    One row per checked PDF: `is_signed` false means no signature was found. `intact` means the
    signed bytes are unchanged and nothing but allowed updates came after; `trusted` means the
    signer's certificate chains to a trust root the operator configured (SIGNATURE_TRUST_ROOTS).
    """

    dossier_file = models.OneToOneField(DossierFile, on_delete=models.CASCADE, related_name="signature_check")
    is_signed = models.BooleanField(_("digitally signed"), default=False)
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    intact = models.BooleanField(_("unchanged since signing"), default=False)
    trusted = models.BooleanField(_("trusted certificate"), default=False)
    checked_at = models.DateTimeField(_("checked at"))
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")

    def __str__(self) -> str:
        return f"{self.dossier_file} · {self.signer_name or '-'}"

    @property
    def is_valid(self) -> bool:
        return self.is_signed and self.intact and self.trusted


# Who opened a dossier (the citizen's access log) lives in its own module.
from flows.access_log.models import DossierAccess  # noqa: E402, F401
