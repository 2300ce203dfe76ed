"""Reads of the catalogue: the filtered listing with its facet counts, agencies, the API's rows.

The listing runs a fixed number of queries whatever the catalogue holds. The taxonomy and an index
of the published procedures (`CatalogueIndex`) are read once per catalogue generation; then a
listing reads only its page of results and their fees, plus one search query when it has keywords.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import islice

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext

from wagtail.models import Page

from portal.caching import versioned_get, versioned_set
from services_catalog.choices import SERVICE_LEVEL_DESCRIPTIONS, AdministrativeLevel, ServiceLevel
from services_catalog.filters import LEVEL_FLAGS, ProcedureFilter, procedures_ranked
from services_catalog.models import Agency, Field, ProcedurePage, Sector
from services_catalog.page_cache import catalogue_generation

PAGE_SIZE = 20
TAXONOMY_CACHE_KEY = "catalogue:taxonomy"
INDEX_CACHE_KEY = "catalogue:index"
GENERATION_CACHE_SECONDS = 60 * 60
# What a listing row shows: leaving out the long rich-text columns keeps the rows cheap to read.
LISTING_COLUMNS = (
    "title",
    "official_name",
    "national_agencies",
    "slug",
    "url_path",
    "code",
    "service_level",
    "processing_days",
    "fees_unknown",
    *LEVEL_FLAGS.values(),
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

    @cached_property
    def sector_ids(self) -> dict[str, int]:
        return {item.slug: item.pk for item in self.sectors}

    @cached_property
    def field_ids(self) -> dict[str, int]:
        return {item.slug: item.pk for item in self.fields}

    @cached_property
    def agency_ids(self) -> dict[str, int]:
        return {item.code: item.pk for item in self.agencies}

    @cached_property
    def sectors_by_pk(self) -> dict[int, Sector]:
        return {item.pk: item for item in self.sectors}

    @cached_property
    def fields_by_pk(self) -> dict[int, Field]:
        return {item.pk: item for item in self.fields}

    @cached_property
    def agencies_by_pk(self) -> dict[int, Agency]:
        return {item.pk: item for item in self.agencies}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def text(self) -> str:
        return f"{self.label} ({self.count})"


@dataclass(frozen=True)
class PageLink:
    """One entry of the pagination: a page (its link, none for the current page) or a gap."""

    number: int | None
    url: str = ""

    @property
    def is_gap(self) -> bool:
        return self.number is None


@dataclass
class CatalogueListing:
    filterset: ProcedureFilter
    page_obj: PaginatorPage
    total: int
    query: str
    params: QueryDict
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)

    @property
    def procedures(self) -> list["ListedProcedure"]:
        return self.page_obj.object_list

    @cached_property
    def _page_url_prefix(self) -> str:
        """The listing's query string without its page number: links keep the visitor's filters."""
        others = self.params.copy()
        others.pop("page", None)
        return f"?{others.urlencode()}&page=" if others else "?page="

    def page_url(self, number: int) -> str:
        return f"{self._page_url_prefix}{number}"

    @property
    def previous_page_url(self) -> str:
        page = self.page_obj
        return self.page_url(page.previous_page_number()) if page.has_previous() else ""

    @property
    def next_page_url(self) -> str:
        page = self.page_obj
        return self.page_url(page.next_page_number()) if page.has_next() else ""

    @property
    def page_links(self) -> list[PageLink]:
        """Pages 1, 2, …, the current one and two either side, …, the last two (Django's elided range)."""
        current = self.page_obj.number
        ellipsis = self.page_obj.paginator.ELLIPSIS
        return [
            PageLink(number=None)
            if number == ellipsis
            else PageLink(number=number, url="" if number == current else self.page_url(number))
            for number in self.page_obj.paginator.get_elided_page_range(current, on_each_side=2)
        ]

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


def _per_generation(key_prefix: str, load):
    """`load()` kept in the shared cache and in each process for the current catalogue generation:
    any change to what the catalogue shows starts a new one."""
    key = f"{key_prefix}:{catalogue_generation()}"
    value = versioned_get(key)
    if value is None:
        value = load()
        versioned_set(key, value, GENERATION_CACHE_SECONDS)
    return value


def taxonomy_load() -> Taxonomy:
    return _per_generation(TAXONOMY_CACHE_KEY, _taxonomy_query)


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
    return ProcedurePage.objects.filter(live=True, is_retired=False).order_by("title", "pk")


@dataclass(frozen=True)
class CatalogueIndex:
    """The published procedures in title order, and for each facet value the set of them it holds.

    A set is an int used as a bitmask over positions in `order`: combining filters is then an AND
    and counting a facet option a `bit_count()`, whatever the catalogue holds. Built by one query per
    catalogue generation (publishing starts a new one), so browsing without keywords runs no query
    for filtering, counting or ordering: only the page of results is read.
    """

    order: tuple[int, ...]
    masks: dict[str, dict[object, int]]

    @property
    def everything(self) -> int:
        return (1 << len(self.order)) - 1

    @cached_property
    def positions(self) -> dict[int, int]:
        return {pk: position for position, pk in enumerate(self.order)}

    def mask_of(self, pks) -> int:
        """The bitmask of the procedures `pks` (those not in the index are left out)."""
        positions = (self.positions.get(pk) for pk in pks)
        return _bitmask((position for position in positions if position is not None), len(self.order))

    def pks_in(self, mask: int) -> "MatchingProcedures":
        """The procedures of `mask`, in title order."""
        return MatchingProcedures(order=self.order, mask=mask)

    def contains(self, mask: int, pk: int) -> bool:
        position = self.positions.get(pk)
        return position is not None and bool(mask >> position & 1)


class MatchingProcedures(Sequence):
    """The procedures of a bitmask in title order, as a sequence for the paginator: its length is the
    mask's `bit_count()` and a slice finds just the positions it needs, not every match's."""

    def __init__(self, *, order: tuple[int, ...], mask: int):
        self.order = order
        self.mask = mask
        self.bits = bin(mask)[:1:-1]  # least significant bit, the first procedure, first

    def __len__(self) -> int:
        return self.mask.bit_count()

    def __iter__(self):
        position = self.bits.find("1")
        while position != -1:
            yield self.order[position]
            position = self.bits.find("1", position + 1)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return list(islice(self, *item.indices(len(self))))
        for pk in islice(self, item + len(self) if item < 0 else item, None):
            return pk
        raise IndexError(item)


def catalogue_index() -> CatalogueIndex:
    return _per_generation(INDEX_CACHE_KEY, _index_query)


def _index_query() -> CatalogueIndex:
    rows = published_procedures().values_list(
        "pk", "sector_id", "field_id", "agency_id", "service_level", *LEVEL_FLAGS.values()
    )
    order = []
    members: dict[str, dict[object, list[int]]] = {name: defaultdict(list) for name in FACETS}
    levels = [level.value for level in LEVEL_FLAGS]
    for position, (pk, sector_id, field_id, agency_id, service_level, *level_flags) in enumerate(rows):
        order.append(pk)
        members["sector"][sector_id].append(position)
        members["field"][field_id].append(position)
        members["agency"][agency_id].append(position)
        members["service_level"][str(service_level)].append(position)
        for level, applies in zip(levels, level_flags, strict=True):
            if applies:
                members["admin_level"][level].append(position)
    masks = {
        name: {value: _bitmask(positions, len(order)) for value, positions in values.items()}
        for name, values in members.items()
    }
    return CatalogueIndex(order=tuple(order), masks=masks)


def _bitmask(positions, size: int) -> int:
    """The int whose bits at `positions` are set: written as binary digits, then read at once."""
    digits = bytearray(b"0" * (size or 1))
    for position in positions:
        digits[-1 - position] = ord("1")
    return int(digits, 2)


def _chosen_masks(index: CatalogueIndex, filterset: ProcedureFilter) -> dict[str, int]:
    """The bitmask of each facet filter the visitor chose (a value the catalogue lacks matches nothing)."""
    taxonomy = filterset.taxonomy
    keys_by_code = {"sector": taxonomy.sector_ids, "field": taxonomy.field_ids, "agency": taxonomy.agency_ids}
    chosen = {}
    for name in FACETS:
        if value := filterset.form.cleaned_data.get(name):
            key = keys_by_code[name].get(value) if name in keys_by_code else value
            chosen[name] = index.masks[name].get(key, 0)
    return chosen


def _facet_counts(index: CatalogueIndex, chosen: dict[str, int], within: int) -> dict[str, dict]:
    """Every facet's counts, disjunctive: an option is counted under every *other* chosen filter, so
    choosing a sector still shows how many procedures the other sectors hold."""
    counts = {}
    for name in FACETS:
        base = within
        for other, mask in chosen.items():
            if other != name:
                base &= mask
        counts[name] = {value: (base & mask).bit_count() for value, mask in index.masks[name].items()}
    return counts


def _options(choices, counts: Mapping, selected: str, *, hide_empty: bool) -> list[FacetOption]:
    options = []
    for value, key, label in choices:
        count = counts.get(key, 0)
        if hide_empty and not count and value != selected:
            continue
        options.append(FacetOption(value=value, label=str(label), count=count, selected=value == selected))
    return options


@dataclass(frozen=True)
class ListedFee:
    label: str
    amount_vnd: int
    note: str


@dataclass(frozen=True)
class ListedProcedure:
    """What a listing shows of a procedure: read as plain rows, since a page model instance costs
    more to build than the whole row costs to render."""

    pk: int
    code: str
    title: str
    slug: str
    url_path: str
    service_level: int
    processing_days: int | None
    fees_unknown: bool
    administrative_levels: list[AdministrativeLevel]
    sector: Sector
    field: Field
    agency: Agency | None
    fees: list[ListedFee]
    official_name: str = ""
    national_agencies: str = ""

    @property
    def name(self) -> str:
        """The whole official name."""
        return self.official_name or self.title

    @property
    def agency_name(self) -> str:
        """The handling agency, else the agencies of the national list (each commune's committee …)."""
        if self.agency is not None:
            return self.agency.name
        return "; ".join(self.national_agencies.splitlines()) or gettext("no implementing agency yet")

    @property
    def implementers(self) -> list[dict[str, str]]:
        """Every implementing agency with its level: the handling agency, then the national list's."""
        from services_catalog.national import implementer_line

        listed = [
            {"name": name, "level": implementer_line(name).level}
            for name in self.national_agencies.splitlines()
        ]
        if self.agency is not None and self.agency.name not in self.national_agencies.splitlines():
            listed.insert(0, {"name": self.agency.name, "level": self.agency.level})
        return listed

    @property
    def service_level_description(self) -> str:
        return SERVICE_LEVEL_DESCRIPTIONS[ServiceLevel(self.service_level)]


@cache
def _listing_rows() -> QuerySet:
    """The listing's row query but for its ids, built once per process (never evaluated itself):
    resolving its columns across the page tables cost more than PostgreSQL took to run it."""
    return (
        ProcedurePage.objects.filter(live=True, is_retired=False)
        .order_by("fees__sort_order", "fees__pk")
        .values("pk", *LISTING_COLUMNS, "fees__label", "fees__amount_vnd", "fees__note")
    )


def _listed(pks: list[int], *, taxonomy: Taxonomy) -> list[ListedProcedure]:
    """The procedures `pks`, in that order, from one query: a row per fee item (or one without).
    Sector, field and agency come from the taxonomy already loaded rather than from three joins."""
    rows: dict[int, dict] = {}
    fees: dict[int, list[ListedFee]] = defaultdict(list)
    for row in _listing_rows().filter(pk__in=pks):
        rows.setdefault(row["pk"], row)
        if row["fees__label"] is not None:
            fees[row["pk"]].append(
                ListedFee(
                    label=row["fees__label"], amount_vnd=row["fees__amount_vnd"], note=row["fees__note"]
                )
            )
    sectors, fields, agencies = taxonomy.sectors_by_pk, taxonomy.fields_by_pk, taxonomy.agencies_by_pk
    listed = []
    for pk in pks:
        # Unpublished or retired since the index was read (another process's change, a second old at most).
        if (row := rows.get(pk)) is None:
            continue
        # What the taxonomy lacks (a sector without fields) is read on its own, as it would be anyway.
        listed.append(
            ListedProcedure(
                pk=pk,
                code=row["code"],
                title=row["title"],
                slug=row["slug"],
                url_path=row["url_path"],
                service_level=row["service_level"],
                processing_days=row["processing_days"],
                fees_unknown=row["fees_unknown"],
                administrative_levels=[level for level, flag in LEVEL_FLAGS.items() if row[flag]],
                sector=sectors.get(row["sector_id"]) or Sector.objects.get(pk=row["sector_id"]),
                field=fields.get(row["field_id"]) or Field.objects.get(pk=row["field_id"]),
                agency=_agency(row["agency_id"], agencies),
                fees=fees[pk],
                official_name=row["official_name"],
                national_agencies=row["national_agencies"],
            )
        )
    return listed


def _agency(pk: int | None, agencies: dict[int, Agency]) -> Agency | None:
    if pk is None:
        return None
    return agencies.get(pk) or Agency.objects.get(pk=pk)


def procedure_urls(procedures: list[ListedProcedure], request, *, full: bool = False) -> list[str]:
    """The URL of each listed procedure. A procedure lives under the one catalogue page, so its URL is
    the catalogue's and its slug: Wagtail works out the catalogue's once, not each procedure's."""
    parents: dict[str, str] = {}
    urls = []
    for procedure in procedures:
        parent_path = procedure.url_path[: -len(procedure.slug) - 1]
        if parent_path not in parents:
            parent = Page(url_path=parent_path)
            parents[parent_path] = (parent.get_full_url(request) if full else parent.get_url(request)) or ""
        urls.append(f"{parents[parent_path]}{procedure.slug}/")
    return urls


def catalogue_listing(*, params: QueryDict, fixed: Mapping[str, str] | None = None) -> CatalogueListing:
    """The catalogue filtered by `params` (GET), with facet counts and one page of results.

    `fixed` pins filters for the agency and field pages (they override the query string). Without
    keywords, filtering, counting and ordering run on the cached `CatalogueIndex`; keywords add
    one search query for the matching procedures in order of relevance.
    """
    fixed = dict(fixed or {})
    data = params.copy()
    for name, value in fixed.items():
        data[name] = value
    taxonomy = taxonomy_load()
    index = catalogue_index()
    filterset = ProcedureFilter(data, queryset=published_procedures(), taxonomy=taxonomy)
    filterset.form.is_valid()
    cleaned = filterset.form.cleaned_data

    chosen = _chosen_masks(index, filterset)
    ranked = None
    within = index.everything
    if cleaned.get("q"):
        # Cached by the search app: a repeated or paginated query reads only its page of rows.
        ranked = procedures_ranked(query=cleaned["q"])
        if ranked is not None:
            within = index.mask_of(ranked)
    counts = _facet_counts(index, chosen, within)
    matching = within
    for mask in chosen.values():
        matching &= mask
    if ranked is None:
        results = index.pks_in(matching)
    else:
        results = [pk for pk in ranked if index.contains(matching, pk)]

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

    page_obj = Paginator(results, PAGE_SIZE).get_page(params.get("page"))
    page_obj.object_list = _listed(list(page_obj.object_list), taxonomy=taxonomy)
    return CatalogueListing(
        filterset=filterset,
        page_obj=page_obj,
        total=len(results),
        query=cleaned.get("q") or "",
        params=params,
        facets=facets,
        fixed=fixed,
    )


def agencies_with_procedure_counts() -> list[Agency]:
    """Every agency with its reception contact and how many current procedures it carries out."""
    current = Q(procedures__live=True, procedures__is_retired=False)
    return list(
        Agency.objects.select_related("parent").annotate(procedure_count=Count("procedures", filter=current))
    )


def procedures_as_json(procedures: list[ListedProcedure], *, request) -> list[dict]:
    """The procedures of a listing (catalogue_listing) in the shape of the public API (R-CAT-7)."""
    return [
        {
            "code": procedure.code,
            "name": procedure.name,
            "url": url,
            "sector": procedure.sector.name,
            "field": procedure.field.name,
            "agency": procedure.agency_name,
            "implementing_agencies": procedure.implementers,
            "admin_levels": [level.value for level in procedure.administrative_levels],
            "service_level": procedure.service_level,
            "processing_days": procedure.processing_days,
            "fees": [
                {"label": fee.label, "amount_vnd": fee.amount_vnd, "note": fee.note} for fee in procedure.fees
            ],
        }
        for procedure, url in zip(procedures, procedure_urls(procedures, request, full=True), strict=True)
    ]


def procedure_commune_agencies(*, procedure: ProcedurePage) -> QuerySet:
    """The communes' agencies a citizen chooses from, for a procedure that the People's Committee (or
    police) of each commune carries out; none when one agency handles every dossier."""
    body = procedure.commune_body()
    if not body:
        return Agency.objects.none()
    return Agency.objects.filter(level=AdministrativeLevel.COMMUNE, body=body).order_by("name")


def procedure_handling_agency(*, procedure: ProcedurePage, commune: Agency | None = None) -> Agency | None:
    """The agency a dossier of `procedure` goes to: the chosen commune's for a procedure each commune
    carries out, else the handling agency the province set, else the first named implementing agency."""
    if procedure.commune_body():
        if (
            commune is None
            or not procedure_commune_agencies(procedure=procedure).filter(pk=commune.pk).exists()
        ):
            return None
        return commune
    if procedure.agency_id is not None:
        return procedure.agency
    named = procedure.implementers.filter(agency__isnull=False).select_related("agency").first()
    return named.agency if named else None


def procedure_receivable_by(*, procedure: ProcedurePage, agency: Agency) -> bool:
    """Whether the reception desk of `agency` may register a dossier of `procedure` for itself."""
    if procedure.agency_id == agency.pk:
        return True
    if body := procedure.commune_body():
        return agency.level == AdministrativeLevel.COMMUNE and agency.body == body
    return procedure.implementers.filter(agency=agency).exists()


def procedures_receivable_by(*, agency: Agency | None) -> QuerySet:
    """The live procedures the reception desk of `agency` registers dossiers for."""
    if agency is None:
        return ProcedurePage.objects.none()
    from django.db.models import Exists, OuterRef

    from services_catalog.models import ProcedureImplementer

    each_unit = ProcedureImplementer.objects.filter(
        procedure=OuterRef("pk"), level=agency.level, body=agency.body, agency__isnull=True
    )
    named = ProcedureImplementer.objects.filter(procedure=OuterRef("pk"), agency=agency)
    condition = Q(agency=agency) | Exists(named)
    if agency.body and agency.level == AdministrativeLevel.COMMUNE:
        condition |= Q(agency__isnull=True) & Exists(each_unit)
    return ProcedurePage.objects.live().filter(condition)
