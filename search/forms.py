from django import forms
from django.utils.translation import gettext_lazy as _

from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.models import Agency, Field, Sector

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The query and the facet filters of the search page, all read from the URL (GET)."""

    q = forms.CharField(label=_("Search procedures and information"), required=False)
    sector = forms.ModelChoiceField(Sector.objects.all(), to_field_name="slug", required=False)
    field = forms.ModelChoiceField(Field.objects.all(), to_field_name="slug", required=False)
    level = forms.ChoiceField(choices=AdministrativeLevel.choices, required=False)
    service_level = forms.TypedChoiceField(choices=ServiceLevel.choices, coerce=int, required=False)
    agency = forms.ModelChoiceField(Agency.objects.all(), to_field_name="code", required=False)

    FACET_NAMES = ("sector", "field", "level", "service_level", "agency")

    def query(self) -> str:
        # Bounded rather than rejected: a pasted paragraph still searches on its beginning.
        return (self.cleaned_data.get("q") or "").strip()[:MAX_QUERY_LENGTH]

    def facet_filters(self) -> dict:
        """The facet values that are set and valid (an unknown value in the URL is ignored)."""
        return {name: value for name in self.FACET_NAMES if (value := self.cleaned_data.get(name))}
