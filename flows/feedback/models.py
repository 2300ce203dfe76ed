"""Feedback and petitions (phản ánh, kiến nghị) and the public Q&A section (hỏi đáp), R-FB-1 … R-FB-4.

`Feedback` is the one register of everything people ask or report, whatever the channel. Its
answer, once the agency head approves it and unless it concerns private matters, is published as a
`QuestionPage` under the `QuestionIndexPage` (/hoi-dap/): only such pages are public.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from flows.feedback.choices import OPEN_STATUSES, FeedbackChannel, FeedbackKind, FeedbackStatus
from services_catalog.models import Agency, Field, ProcedurePage


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def feedback_file_path(instance: "Feedback", filename: str) -> str:
    # The stored name is random: the original name is kept in the database only.
    return f"feedback/{secrets.token_hex(16)}"


class Feedback(models.Model):
    """One question, feedback or petition, from the portal or recorded by staff from another channel."""

    code = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.QUESTION
    )
    channel = models.CharField(
        _("received through"), max_length=20, choices=FeedbackChannel.choices, default=FeedbackChannel.PORTAL
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("asker account"),
    )
    asker_name = models.CharField(_("full name"), max_length=200)
    asker_email = models.EmailField(_("e-mail"), blank=True)
    asker_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    title = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("content"))
    procedure = models.ForeignKey(
        ProcedurePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("procedure"),
    )
    dossier = models.ForeignKey(
        "flows.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("dossier"),
    )
    field = models.ForeignKey(
        Field, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("field")
    )
    # The agency that holds the item now: the receiving agency until reception routes it.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("responsible agency")
    )
    received_by = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving agency")
    )
    wants_private = models.BooleanField(_("the asker asked not to publish"), default=False)
    is_private = models.BooleanField(_("concerns private matters (not published)"), default=False)
    attachment = models.FileField(
        _("attachment"), storage=_private_storage, upload_to=feedback_file_path, max_length=200, blank=True
    )
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    attachment_type = models.CharField(_("file type"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW, db_index=True
    )
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("answer due"))
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    staff_note = models.TextField(_("internal notes"), blank=True)
    process = models.OneToOneField(
        "viewflow.Process", on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "flows"
        ordering = ["-received_at", "-pk"]
        verbose_name = _("feedback or question")
        verbose_name_plural = _("feedback and questions")
        indexes = [models.Index(fields=["agency", "status", "due_at"], name="feedback_agency_status_due")]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Not answered by the due time (R-FB-3): still open after it, or answered after it."""
        if self.status == FeedbackStatus.REJECTED:
            return False
        finished = self.answered_at or (timezone.now() if self.is_open else None)
        return finished is not None and finished > self.due_at


class QuestionIndexPage(RoutablePageMixin, Page):
    """The public Q&A section (hỏi đáp): answered questions, the form to ask, the agencies' contacts.

    Sub-routes: ``dat-cau-hoi/`` (ask) and ``lien-he/`` (every agency's address, phone, e-mail).
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["flows.QuestionPage"]
    max_count = 1
    template = "flows/feedback/question_index_page.html"

    class Meta:
        app_label = "flows"
        verbose_name = _("Q&A section")

    @path("")
    def listing(self, request):
        from flows.feedback import views

        return views.question_list(request, index_page=self)

    @path("dat-cau-hoi/")
    def ask(self, request):
        from flows.feedback import views

        return views.question_ask(request, index_page=self)

    @path("lien-he/")
    def contacts(self, request):
        from flows.feedback import views

        return views.agency_contacts(request, index_page=self)


class QuestionPage(Page):
    """One answered question, published from the feedback register after the head's approval.

    Its texts are the asker's and the agency's own words, kept as plain text (never HTML).
    """

    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    asker_label = models.CharField(_("asked by"), max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="questions", verbose_name=_("answering agency")
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("field"),
    )
    procedure = models.ForeignKey(
        ProcedurePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("procedure"),
    )
    asked_at = models.DateTimeField(_("asked"))
    answered_at = models.DateTimeField(_("answered"))
    feedback = models.OneToOneField(
        Feedback, on_delete=models.SET_NULL, null=True, blank=True, related_name="page", editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldPanel("asker_label"),
                FieldRowPanel([FieldPanel("agency"), FieldPanel("field")]),
                FieldPanel("procedure"),
                FieldRowPanel([FieldPanel("asked_at"), FieldPanel("answered_at")]),
            ],
            heading=_("Classification"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("agency"),
        index.FilterField("field"),
    ]
    parent_page_types = ["flows.QuestionIndexPage"]
    subpage_types = []
    template = "flows/feedback/question_page.html"

    class Meta:
        app_label = "flows"
        verbose_name = _("answered question")
        verbose_name_plural = _("answered questions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_url"] = self.get_parent().url if self.depth > 2 else "/"
        return context
