"""The catalogue's filters (R-CAT-1), shared by the catalogue page, the agency and field pages and the API."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import django_filters

from services_catalog.choices import AdministrativeLevel, ServiceLevel

LEVEL_FLAGS = {
    AdministrativeLevel.PROVINCE: "at_province_level",
    AdministrativeLevel.DISTRICT: "at_district_level",
    AdministrativeLevel.COMMUNE: "at_commune_level",
}


# Free text is matched by the search app (search.procedures), a layer above the catalogue that installs
# its matcher at start-up (search.apps), so that a query finds the same procedures everywhere.
_text_matcher: Callable[..., QuerySet] | None = None
# The same match as a list of published procedure ids, best first, kept by the search app under its
# version (None when the query has no word to search by): listings then read only their page.
_text_ranker: Callable[..., list[int] | None] | None = None


def text_matcher_install(matcher: Callable[..., QuerySet], ranker: Callable[..., list[int] | None]) -> None:
    global _text_matcher, _text_ranker
    _text_matcher, _text_ranker = matcher, ranker


def procedures_ranked(*, query: str) -> list[int] | None:
    if _text_ranker is None:
        raise ImproperlyConfigured("The search app installs the catalogue's free-text matcher.")
    return _text_ranker(query=query)


def procedures_matching(queryset: QuerySet, *, query: str) -> QuerySet:
    if _text_matcher is None:
        raise ImproperlyConfigured("The search app installs the catalogue's free-text matcher.")
    return _text_matcher(queryset, query=query)


class SharedChoices(tuple):
    """Choices from the cached taxonomy, which no request changes: the form's deep copy of its fields
    may share them rather than copy a hundred sectors, fields and agencies on every request."""

    def __deepcopy__(self, memo):
        return self


class ProcedureFilter(django_filters.FilterSet):
    """Filters by taxonomy codes (slugs, agency codes) so that filtered URLs stay stable and shareable.

    The choices come from a `Taxonomy` loaded once per request, which keeps the number of queries
    constant. Free text goes through `procedures_matching`, declared last so that its relevance
    order is the order of the results.
    """

    sector = django_filters.ChoiceFilter(label=_("Sector"), empty_label=_("All sectors"), method="by_sector")
    field = django_filters.ChoiceFilter(
        label=pgettext_lazy("catalogue classification", "Field"),
        empty_label=_("All fields"),
        method="by_field",
    )
    admin_level = django_filters.ChoiceFilter(
        label=_("Administrative level"),
        empty_label=_("All levels"),
        choices=AdministrativeLevel.choices,
        method="by_admin_level",
    )
    service_level = django_filters.ChoiceFilter(
        label=_("Service level"),
        empty_label=_("All service levels"),
        choices=[(str(value), label) for value, label in ServiceLevel.choices],
        method="by_service_level",
    )
    agency = django_filters.ChoiceFilter(
        label=_("Implementing agency"), empty_label=_("All agencies"), method="by_agency"
    )
    q = django_filters.CharFilter(label=_("Keywords"), method="by_text")

    def __init__(self, data=None, queryset=None, *, taxonomy, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.taxonomy = taxonomy
        self.filters["sector"].extra["choices"] = SharedChoices(
            (item.slug, item.name) for item in taxonomy.sectors
        )
        self.filters["field"].extra["choices"] = SharedChoices(
            (item.slug, item.name) for item in taxonomy.fields
        )
        self.filters["agency"].extra["choices"] = SharedChoices(
            (item.code, item.name) for item in taxonomy.agencies
        )

    def by_sector(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(sector_id=self.taxonomy.sector_ids[value])

    def by_field(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(field_id=self.taxonomy.field_ids[value])

    def by_agency(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(agency_id=self.taxonomy.agency_ids[value])

    def by_admin_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{LEVEL_FLAGS[AdministrativeLevel(value)]: True})

    def by_service_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(service_level=int(value))

    def by_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return procedures_matching(queryset, query=value)
