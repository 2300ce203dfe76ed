from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flows.feedback import services
from flows.feedback.choices import AnswerDecision, FeedbackChannel, FeedbackKind, RouteDecision
from flows.uploads import ACCEPTED_FORMATS, MAX_FILE_BYTES
from services_catalog.models import Agency, Field, ProcedurePage

TEXT_MAX = 4000


def _clean_links(text: str) -> str:
    if services.links_count(text) > services.MAX_LINKS:
        raise forms.ValidationError(
            _("Please include at most %(limit)s links."), params={"limit": services.MAX_LINKS}
        )
    return text


class ProcedureChoiceField(forms.ModelChoiceField):
    """An optional procedure, chosen by its official code and shown as "code - name". Each form sets
    the procedures it offers."""

    def __init__(self):
        super().__init__(
            label=_("About the procedure (optional)"),
            queryset=ProcedurePage.objects.none(),
            required=False,
            to_field_name="code",
        )

    def label_from_instance(self, obj) -> str:
        return f"{obj.code} - {obj.title}"


class AskForm(forms.Form):
    """The public form of the Q&A section (R-FB-2). Visitors give a name and an e-mail or phone."""

    kind = forms.ChoiceField(
        label=_("What do you send?"),
        choices=FeedbackKind.choices,
        initial=FeedbackKind.QUESTION,
        widget=forms.RadioSelect,
    )
    asker_name = forms.CharField(label=_("Full name"), max_length=200)
    asker_email = forms.EmailField(label=_("E-mail"), required=False)
    asker_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    procedure = ProcedureChoiceField()
    dossier = forms.ModelChoiceField(
        label=_("About one of your dossiers (optional)"),
        queryset=None,
        required=False,
        help_text=_("A question about your own dossier is answered to you only and never published."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency asked"),
        queryset=Agency.objects.only("pk", "name"),
        required=False,
        help_text=_(
            "Not needed when you choose a procedure or a dossier. If unsure, choose the agency closest "
            "to your question: its reception desk sends it on to the right agency."
        ),
    )
    title = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Content"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachment = forms.FileField(
        label=_("Attachment (optional, one file)"),
        required=False,
        help_text=_("Accepted formats: %(formats)s; at most %(size)s MB.")
        % {"formats": ACCEPTED_FORMATS, "size": MAX_FILE_BYTES // (1024 * 1024)},
    )
    wants_private = forms.BooleanField(
        label=_("Do not publish my question in the Q&A section"), required=False
    )
    # A field people never see (hidden by CSS and from assistive technology); robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.fields["procedure"].queryset = (
            ProcedurePage.objects.live().filter(is_retired=False).only("pk", "title", "code")
        )
        if self.user is not None:
            from flows.selectors import dossiers_for_applicant

            self.fields["dossier"].queryset = dossiers_for_applicant(user=self.user).filter(is_draft=False)
            self.fields["dossier"].label_from_instance = lambda dossier: f"{dossier.code}"
            for name in ("asker_name", "asker_email", "asker_phone"):
                self.fields[name].required = False
        else:
            del self.fields["dossier"]

    def clean_title(self):
        return _clean_links(self.cleaned_data["title"])

    def clean_question(self):
        return _clean_links(self.cleaned_data["question"])

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("procedure") or cleaned.get("dossier") or cleaned.get("agency")):
            self.add_error(
                "agency", _("Choose the agency you ask, or the procedure or dossier your question is about.")
            )
        if self.user is None and not (cleaned.get("asker_email") or cleaned.get("asker_phone")):
            self.add_error(
                "asker_email", _("Give an e-mail address or a phone number so that we can answer you.")
            )
        return cleaned

    @property
    def is_spam_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class RecordForm(forms.Form):
    """Staff record feedback that came by phone, e-mail or in writing (R-FB-2)."""

    channel = forms.ChoiceField(
        label=_("Received through"),
        choices=[choice for choice in FeedbackChannel.choices if choice[0] != FeedbackChannel.PORTAL],
    )
    received_at = forms.DateTimeField(label=_("Received at"), initial=timezone.now)
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackKind.choices)
    asker_name = forms.CharField(label=_("Full name"), max_length=200)
    asker_email = forms.EmailField(label=_("E-mail"), required=False)
    asker_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    procedure = ProcedureChoiceField()
    title = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Content"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachment = forms.FileField(label=_("Scan of the letter (optional)"), required=False)
    wants_private = forms.BooleanField(label=_("The person asked not to publish it"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = ProcedurePage.objects.live().only("pk", "title", "code")

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now():
            raise forms.ValidationError(_("The time of receipt cannot be in the future."))
        return value


class RouteForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=RouteDecision.choices,
        initial=RouteDecision.ROUTE,
        widget=forms.RadioSelect,
    )
    agency = forms.ModelChoiceField(
        label=_("Agency that must answer"), queryset=Agency.objects.only("pk", "name"), required=False
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.select_related("sector"), required=False
    )
    note = forms.CharField(
        label=_("Note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == RouteDecision.ROUTE and not cleaned.get("agency"):
            self.add_error("agency", _("Choose the agency that must answer."))
        if cleaned.get("decision") == RouteDecision.REJECT and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for rejecting."))
        return cleaned


class DraftForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}))
    is_private = forms.BooleanField(
        label=_("Concerns private matters: answer the person only, do not publish"), required=False
    )


class ApproveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=AnswerDecision.choices,
        initial=AnswerDecision.APPROVE,
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}))
    is_private = forms.BooleanField(
        label=_("Concerns private matters: answer the person only, do not publish"), required=False
    )
    note = forms.CharField(
        label=_("Reason for sending back"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == AnswerDecision.SEND_BACK and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for sending the answer back."))
        return cleaned
