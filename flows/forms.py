from django import forms
from django.utils.translation import gettext_lazy as _

from flows.choices import ApprovalDecision, Channel, Decision, ResultReturnMethod


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ReceiveForm(forms.Form):
    """Reception's decision on a dossier: accept, ask for every missing item at once, or refuse."""

    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    missing_items = forms.CharField(
        label=_("Items to supplement (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("List every missing or incorrect item in one go, each as “document: reason”."),
    )
    note = forms.CharField(
        label=_("Note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == Decision.SUPPLEMENT:
            cleaned["missing_items"] = _lines(cleaned.get("missing_items", ""))
            if not cleaned["missing_items"]:
                self.add_error("missing_items", _("List at least one item to supplement."))
        if decision == Decision.REFUSE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for refusing."))
        return cleaned


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ExamineForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("complete", _("Examination complete: propose the result")),
            (Decision.SUPPLEMENT, _("Request a supplement")),
        ],
        widget=forms.RadioSelect,
    )
    missing_items = forms.CharField(
        label=_("Items to supplement (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("List every missing or incorrect item in one go, each as “document: reason”."),
    )
    note = forms.CharField(
        label=_("Examination report"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Decision.SUPPLEMENT:
            cleaned["missing_items"] = _lines(cleaned.get("missing_items", ""))
            if not cleaned["missing_items"]:
                self.add_error("missing_items", _("List at least one item to supplement."))
        return cleaned


class ApproveForm(forms.Form):
    """The head approves the examined result or sends it back to the specialist with the reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ApprovalDecision.choices,
        initial=ApprovalDecision.APPROVE,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ApprovalDecision.SEND_BACK and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for sending the dossier back."))
        return cleaned


class ReexamineForm(forms.Form):
    note = forms.CharField(label=_("Re-examination report"), widget=forms.Textarea(attrs={"rows": 4}))


class ConsultForm(forms.Form):
    opinion = forms.CharField(label=_("Opinion of your agency"), widget=forms.Textarea(attrs={"rows": 4}))


class ContactForm(forms.Form):
    """Who submits the dossier and how to reach them: what a procedure with an e-form asks besides it."""

    applicant_name = forms.CharField(label=_("Full name"), max_length=200)
    applicant_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)


class DeclarationForm(ContactForm):
    """The citizen's declaration (tờ khai): the essentials every procedure without an e-form asks for."""

    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    request = forms.CharField(
        label=_("What you ask for"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class CommuneForm(forms.Form):
    """Where a dossier goes when each commune carries the procedure out: the applicant's commune.

    A plain <select> (the browser's type-ahead works without scripts) with a filter box that
    `commune_filter.js` adds on top."""

    commune = forms.ModelChoiceField(
        queryset=None,
        to_field_name="code",
        label=_("Commune or ward where you submit the dossier"),
        empty_label=_("Choose your commune or ward"),
        error_messages={
            "required": _("Choose the commune or ward where you submit the dossier."),
            "invalid_choice": _("Choose a commune or ward from the list."),
        },
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["commune"].label_from_instance = commune_label
        filter_label = _("Filter the list: type your commune's name")
        self.fields["commune"].widget.attrs.update(
            {"data-filterable": "commune", "data-filter-label": filter_label}
        )


def commune_label(agency) -> str:
    """ "Ủy ban nhân dân xã Cái Nhum" → "Xã Cái Nhum": the commune, as people name it."""
    for prefix in ("Ủy ban nhân dân ", "Công an "):
        if agency.name.startswith(prefix):
            name = agency.name.removeprefix(prefix)
            return name[:1].upper() + name[1:]
    return agency.name


def commune_of_address(*, address: str, communes) -> object | None:
    """The commune whose name the address in the applicant's profile contains ("…, xã Cái Nhum, …")."""
    from services_catalog.text import fold_vietnamese

    folded = f" {' '.join(fold_vietnamese(address).lower().replace(',', ' ').split())} "
    if not folded.strip():
        return None
    for agency in communes:
        name = " ".join(fold_vietnamese(commune_label(agency)).lower().split())
        if f" {name} " in folded:
            return agency
    return None


def _paper_channel_field() -> forms.Field:
    return forms.TypedChoiceField(
        label=_("Channel"),
        choices=[(Channel.IN_PERSON, Channel.IN_PERSON.label), (Channel.POST, Channel.POST.label)],
        coerce=int,
    )


class PaperDossierForm(DeclarationForm):
    """A dossier handed in at the desk or received by post, entered by reception (R-SUB-6)."""

    channel = _paper_channel_field()


class PaperContactForm(ContactForm):
    """A paper dossier of a procedure with an e-form: the applicant's contact; the e-form follows."""

    channel = _paper_channel_field()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApologyForm(forms.Form):
    new_due_at = forms.DateTimeField(
        label=_("New appointment date"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 3}))


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Dossier code"), max_length=40)
    secret = forms.CharField(label=_("Look-up secret (on your receipt)"), max_length=16)


class ReturnForm(forms.Form):
    """How the desk returns the result (R-RES-1/2): online (level 4), at the desk, or by post."""

    method = forms.ChoiceField(
        label=_("How is the result returned?"),
        choices=ResultReturnMethod.choices,
        initial=ResultReturnMethod.COUNTER,
        required=False,
        widget=forms.RadioSelect,
    )
    result_file = forms.FileField(
        label=_("Result file for the applicant to download (level 4)"),
        required=False,
        help_text=_("PDF, JPEG, PNG or DOCX; checked for viruses."),
    )
    recipient_name = forms.CharField(label=_("Collected by (full name)"), max_length=200, required=False)
    recipient_id_number = forms.CharField(
        label=_("ID number of the person collecting"), max_length=20, required=False
    )
    returned_at = forms.DateTimeField(
        label=_("Collected at"),
        required=False,
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )
    postal_address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=50, required=False)
    sent_on = forms.DateField(
        label=_("Sent on"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, level: int | None = None, has_result_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        self.has_result_file = has_result_file
        if level != 4:
            self.fields["method"].choices = [
                choice for choice in ResultReturnMethod.choices if choice[0] != ResultReturnMethod.ONLINE
            ]
            del self.fields["result_file"]

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method") or ResultReturnMethod.COUNTER
        cleaned["method"] = method
        if method == ResultReturnMethod.ONLINE and not (cleaned.get("result_file") or self.has_result_file):
            self.add_error("result_file", _("Upload the result file for the applicant to download."))
        if method == ResultReturnMethod.POST:
            for name in ("postal_address", "tracking_number", "sent_on"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required when the result is sent by post."))
        return cleaned


class DeliveredForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Delivered on"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class DossierRatingForm(forms.Form):
    """A citizen's rating of a finished dossier (R-OPS-3)."""

    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[
            (5, _("5 - Very satisfied")),
            (4, _("4 - Satisfied")),
            (3, _("3 - Acceptable")),
            (2, _("2 - Not satisfied")),
            (1, _("1 - Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
