from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_DATE = {
    "input_formats": ["%d/%m/%Y", "%Y-%m-%d"],
    "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
}
_DATETIME = {
    "input_formats": ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
}


class AmountForm(forms.Form):
    amount_vnd = forms.IntegerField(label=_("Amount (VND)"), min_value=1)


class CounterPaymentForm(AmountForm):
    prefix = "counter"
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=50)
    paid_at = forms.DateTimeField(
        label=_("Paid at"), required=False, help_text=_("Leave empty for now."), **_DATETIME
    )


class TransferPaymentForm(AmountForm):
    prefix = "transfer"
    reference = forms.CharField(label=_("Transfer reference"), max_length=100)
    paid_on = forms.DateField(label=_("Date received"), **_DATE)

    def clean_paid_on(self):
        value = self.cleaned_data["paid_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class RefundForm(AmountForm):
    prefix = "refund"
    refunded_on = forms.DateField(label=_("Refund date"), **_DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    account_holder = forms.CharField(label=_("Applicant's account holder"), max_length=255)
    account_number = forms.CharField(label=_("Applicant's bank account number"), max_length=40)
    bank_name = forms.CharField(label=_("Bank"), max_length=255)


class FindDossierForm(forms.Form):
    code = forms.CharField(label=_("Dossier code"), max_length=40)
