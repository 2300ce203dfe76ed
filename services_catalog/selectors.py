"""Reads of the catalogue: the filtered listing with its facet counts, agencies, the API's rows.

The listing runs a fixed number of queries whatever the catalogue holds: the taxonomy (2), one
grouped count from which every facet and the total are computed, the page of results and its fees.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict

from portal.caching import versioned_get, versioned_set
from services_catalog.choices import AdministrativeLevel, ServiceLevel
from services_catalog.filters import LEVEL_FLAGS, ProcedureFilter
from services_catalog.models import Agency, Field, ProcedureFee, ProcedurePage, Sector
from services_catalog.page_cache import catalogue_generation

PAGE_SIZE = 20
TAXONOMY_CACHE_KEY = "catalogue:taxonomy"
TAXONOMY_CACHE_SECONDS = 60 * 60
FACET_ROWS_CACHE_KEY = "catalogue:facet-rows"
# What a listing row shows: leaving out the long rich-text columns keeps sorting 2,000 rows cheap.
LISTING_COLUMNS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "live",
    "content_type_id",
    "code",
    "service_level",
    "processing_days",
    "fees_unknown",
    "at_province_level",
    "at_district_level",
    "at_commune_level",
    "sector_id",
    "field_id",
    "agency_id",
)
FACETS = ("sector", "field", "agency", "service_level", "admin_level")


@dataclass(frozen=True)
class Taxonomy:
    sectors: list[Sector]
    fields: list[Field]
    agencies: list[Agency]

    @property
    def sector_ids(self) -> dict[str, int]:
        return {item.slug: item.pk for item in self.sectors}

    @property
    def field_ids(self) -> dict[str, int]:
        return {item.slug: item.pk for item in self.fields}

    @property
    def agency_ids(self) -> dict[str, int]:
        return {item.code: item.pk for item in self.agencies}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def text(self) -> str:
        return f"{self.label} ({self.count})"


@dataclass
class CatalogueListing:
    filterset: ProcedureFilter
    page_obj: PaginatorPage
    total: int
    query: str
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)

    @property
    def procedures(self) -> list[ProcedurePage]:
        return self.page_obj.object_list

    @property
    def page_range(self) -> list:
        return list(self.page_obj.paginator.get_elided_page_range(self.page_obj.number, on_each_side=2))

    @property
    def selects(self) -> list[dict]:
        """The facet drop-downs to show (pinned filters of agency and field pages are left out)."""
        selects = []
        for name in ("sector", "field", "admin_level", "service_level", "agency"):
            if name in self.fixed:
                continue
            declared = self.filterset.filters[name]
            selects.append(
                {
                    "name": name,
                    "label": declared.label,
                    "empty_label": declared.extra["empty_label"],
                    "options": self.facets[name],
                }
            )
        return selects

    @property
    def is_filtered(self) -> bool:
        data = self.filterset.form.cleaned_data
        return any(value for name, value in data.items() if name not in self.fixed)


def taxonomy_load() -> Taxonomy:
    """The taxonomy from the cache, per catalogue generation: any change to it starts a new one."""
    key = f"{TAXONOMY_CACHE_KEY}:{catalogue_generation()}"
    taxonomy = versioned_get(key)
    if taxonomy is None:
        taxonomy = _taxonomy_query()
        versioned_set(key, taxonomy, TAXONOMY_CACHE_SECONDS)
    return taxonomy


def _taxonomy_query() -> Taxonomy:
    """Sectors come with their fields in one query: a sector without fields holds no procedure."""
    fields = list(
        Field.objects.select_related("sector").only(
            "name", "slug", "sector__name", "sector__slug", "sector__sort_order"
        )
    )
    sectors = sorted({item.sector for item in fields}, key=lambda sector: (sector.sort_order, sector.name))
    return Taxonomy(
        sectors=sectors,
        fields=fields,
        agencies=list(Agency.objects.only("name", "code")),
    )


def published_procedures() -> QuerySet:
    """Procedures the public sees in the catalogue: live and not retired (retired ones keep their page)."""
    return ProcedurePage.objects.live().filter(is_retired=False).order_by("title", "pk")


def _facet_counts(filterset: ProcedureFilter) -> tuple[dict[str, dict], int]:
    """Every facet's counts and the total from one grouped query.

    Counts are disjunctive: an option is counted under every *other* chosen filter, so choosing
    a sector still shows how many procedures the other sectors hold.
    """
    data = filterset.form.cleaned_data
    taxonomy = filterset.taxonomy
    chosen = {
        "sector": taxonomy.sector_ids.get(data.get("sector") or ""),
        "field": taxonomy.field_ids.get(data.get("field") or ""),
        "agency": taxonomy.agency_ids.get(data.get("agency") or ""),
        "service_level": int(data["service_level"]) if data.get("service_level") else None,
        "admin_level": data.get("admin_level") or None,
    }
    flags = list(LEVEL_FLAGS.items())
    rows = _facet_rows(filterset)
    sector_counts: dict = defaultdict(int)
    field_counts: dict = defaultdict(int)
    agency_counts: dict = defaultdict(int)
    service_counts: dict = defaultdict(int)
    admin_counts: dict = defaultdict(int)
    chosen_sector, chosen_field, chosen_agency = chosen["sector"], chosen["field"], chosen["agency"]
    chosen_service = chosen["service_level"]
    level_names = [level.value for level, _ in flags]
    chosen_level_index = level_names.index(chosen["admin_level"]) if chosen["admin_level"] else None
    total = 0
    # A plain loop: the rows are the distinct combinations, up to a few thousand in a large catalogue.
    # A row counts for a facet when it meets every *other* chosen filter: so a row that misses one
    # chosen filter counts only for that facet, and a row that misses two counts nowhere.
    for sector_id, field_id, agency_id, service_level, *level_flags, n in rows:
        missed = None
        misses = 0
        if chosen_sector is not None and chosen_sector != sector_id:
            missed, misses = "sector", misses + 1
        if chosen_field is not None and chosen_field != field_id:
            missed, misses = "field", misses + 1
        if chosen_agency is not None and chosen_agency != agency_id:
            missed, misses = "agency", misses + 1
        if chosen_service is not None and chosen_service != service_level:
            missed, misses = "service_level", misses + 1
        if chosen_level_index is not None and not level_flags[chosen_level_index]:
            missed, misses = "admin_level", misses + 1
        if misses > 1:
            continue
        if missed is None:
            total += n
        if missed in (None, "sector"):
            sector_counts[sector_id] += n
        if missed in (None, "field"):
            field_counts[field_id] += n
        if missed in (None, "agency"):
            agency_counts[agency_id] += n
        if missed in (None, "service_level"):
            service_counts[str(service_level)] += n
        if missed in (None, "admin_level"):
            for name, applies in zip(level_names, level_flags, strict=True):
                if applies:
                    admin_counts[name] += n
    counts = {
        "sector": sector_counts,
        "field": field_counts,
        "agency": agency_counts,
        "service_level": service_counts,
        "admin_level": admin_counts,
    }
    return counts, total


def _facet_rows(filterset: ProcedureFilter) -> list[tuple]:
    """The published procedures grouped by every facet's value, with how many each group holds.

    Without keywords the grouping is the same for every filter combination, so it is kept per
    catalogue generation (publishing starts a new one): a listing then runs no grouped query at all.
    """
    rows = (
        filterset.queryset_without(set(FACETS))
        .order_by()
        .values_list("sector_id", "field_id", "agency_id", "service_level", *LEVEL_FLAGS.values())
        .annotate(n=Count("pk"))
    )
    if filterset.form.cleaned_data.get("q"):
        return list(rows)
    key = f"{FACET_ROWS_CACHE_KEY}:{catalogue_generation()}"
    cached = versioned_get(key)
    if cached is None:
        cached = list(rows)
        versioned_set(key, cached, TAXONOMY_CACHE_SECONDS)
    return cached


def _options(choices, counts: Mapping, selected: str, *, hide_empty: bool) -> list[FacetOption]:
    options = []
    for value, key, label in choices:
        count = counts.get(key, 0)
        if hide_empty and not count and value != selected:
            continue
        options.append(FacetOption(value=value, label=str(label), count=count, selected=value == selected))
    return options


def _with_taxonomy(procedures: list[ProcedurePage], *, taxonomy: Taxonomy) -> list[ProcedurePage]:
    """Attach sector, field and agency from the taxonomy already loaded, rather than joining three
    more tables to the page query (planning a five-table join cost PostgreSQL more than running it)."""
    sectors = {item.pk: item for item in taxonomy.sectors}
    fields = {item.pk: item for item in taxonomy.fields}
    agencies = {item.pk: item for item in taxonomy.agencies}
    for procedure in procedures:
        # What the taxonomy lacks (a sector without fields) is read on access, as without it.
        if procedure.sector_id in sectors:
            procedure.sector = sectors[procedure.sector_id]
        if procedure.field_id in fields:
            procedure.field = fields[procedure.field_id]
        if procedure.agency_id in agencies:
            procedure.agency = agencies[procedure.agency_id]
    return procedures


@dataclass(frozen=True)
class ListedFee:
    label: str
    amount_vnd: int
    note: str


def _with_fees(procedures: list[ProcedurePage]) -> list[ProcedurePage]:
    """Each listed procedure's fee items as `listed_fees`, from one plain query: prefetching them as
    models through modelcluster's relation managers cost more than the query itself."""
    fees = defaultdict(list)
    rows = (
        ProcedureFee.objects.filter(procedure_id__in=[procedure.pk for procedure in procedures])
        .order_by("sort_order", "pk")
        .values_list("procedure_id", "label", "amount_vnd", "note")
    )
    for procedure_id, label, amount_vnd, note in rows:
        fees[procedure_id].append(ListedFee(label=label, amount_vnd=amount_vnd, note=note))
    for procedure in procedures:
        procedure.listed_fees = fees[procedure.pk]
    return procedures


def catalogue_listing(*, params: QueryDict, fixed: Mapping[str, str] | None = None) -> CatalogueListing:
    """The catalogue filtered by `params` (GET), with facet counts and one page of results.

    `fixed` pins filters for the agency and field pages (they override the query string).
    """
    fixed = dict(fixed or {})
    data = params.copy()
    for name, value in fixed.items():
        data[name] = value
    taxonomy = taxonomy_load()
    filterset = ProcedureFilter(data, queryset=published_procedures(), taxonomy=taxonomy)
    filterset.form.is_valid()
    cleaned = filterset.form.cleaned_data

    counts, total = _facet_counts(filterset)
    facets = {
        "sector": _options(
            [(item.slug, item.pk, item.name) for item in taxonomy.sectors],
            counts["sector"],
            cleaned.get("sector") or "",
            hide_empty=True,
        ),
        "field": _options(
            [(item.slug, item.pk, item.name) for item in taxonomy.fields],
            counts["field"],
            cleaned.get("field") or "",
            hide_empty=True,
        ),
        "agency": _options(
            [(item.code, item.pk, item.name) for item in taxonomy.agencies],
            counts["agency"],
            cleaned.get("agency") or "",
            hide_empty=True,
        ),
        "admin_level": _options(
            [(value, value, label) for value, label in AdministrativeLevel.choices],
            counts["admin_level"],
            cleaned.get("admin_level") or "",
            hide_empty=False,
        ),
        "service_level": _options(
            [(str(value), str(value), label) for value, label in ServiceLevel.choices],
            counts["service_level"],
            cleaned.get("service_level") or "",
            hide_empty=False,
        ),
    }

    results = filterset.qs.only(*LISTING_COLUMNS)
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # known from the level aggregate: saves a COUNT query
    page_obj = paginator.get_page(params.get("page"))
    page_obj.object_list = _with_fees(_with_taxonomy(list(page_obj.object_list), taxonomy=taxonomy))
    return CatalogueListing(
        filterset=filterset,
        page_obj=page_obj,
        total=total,
        query=cleaned.get("q") or "",
        facets=facets,
        fixed=fixed,
    )


def agencies_with_procedure_counts() -> list[Agency]:
    """Every agency with its reception contact and how many current procedures it carries out."""
    current = Q(procedures__live=True, procedures__is_retired=False)
    return list(
        Agency.objects.select_related("parent").annotate(procedure_count=Count("procedures", filter=current))
    )


def procedure_as_json(procedure: ProcedurePage, *, request) -> dict:
    """One procedure of a listing (catalogue_listing) in the shape of the public API (R-CAT-7)."""
    return {
        "code": procedure.code,
        "name": procedure.title,
        "url": procedure.get_full_url(request),
        "sector": procedure.sector.name,
        "field": procedure.field.name,
        "agency": procedure.agency.name,
        "admin_levels": [level.value for level in procedure.administrative_levels],
        "service_level": procedure.service_level,
        "processing_days": procedure.processing_days,
        "fees": [
            {"label": fee.label, "amount_vnd": fee.amount_vnd, "note": fee.note}
            for fee in procedure.listed_fees
        ],
    }
