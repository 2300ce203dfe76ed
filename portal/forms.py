"""Form parts every room uses."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Dates as people write them (31/12/2026), and as a browser's date picker sends them.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PeriodForm(forms.Form):
    """A period of days for a register or an export: the end not before the start, at most a year
    long, so that one request never reads the whole history."""

    MAX_DAYS = 366

    start = forms.DateField(label=_("From"), input_formats=DATE_INPUT_FORMATS)
    end = forms.DateField(label=_("To"), input_formats=DATE_INPUT_FORMATS)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must not be before the start date."))
            elif (end - start).days > self.MAX_DAYS:
                self.add_error("end", _("Choose a period of at most one year."))
        return cleaned
