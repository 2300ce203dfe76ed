"""Reads for the site search: query parsing with synonyms, matches, facets, suggestions."""

from collections import Counter
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When

from wagtail.models import Page

from search.engine import Match, QueryVariant, pages_match
from search.models import KIND_ORDER, Synonym
from search.services import SYNONYMS_CACHE_KEY
from search.text import words

# A query with many synonyms in it could multiply variants; a handful covers real queries.
MAX_VARIANTS = 6
MAX_QUERY_WORDS = 12
SYNONYMS_CACHE_SECONDS = 300


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]
    variants: list[QueryVariant] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words)


def synonyms_list() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """All (phrase words, official term words) pairs, cached until an editor changes one."""
    pairs = cache.get(SYNONYMS_CACHE_KEY)
    if pairs is None:
        pairs = [
            (tuple(phrase.split()), tuple(term.split()))
            for phrase, term in Synonym.objects.values_list("phrase_folded", "official_term_folded")
            if phrase and term
        ]
        # Saving a synonym clears the key; the timeout bounds staleness where the cache is per process.
        cache.set(SYNONYMS_CACHE_KEY, pairs, timeout=SYNONYMS_CACHE_SECONDS)
    return pairs


def _replace(sequence: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...] | None:
    size = len(old)
    for start in range(len(sequence) - size + 1):
        if sequence[start : start + size] == old:
            return sequence[:start] + new + sequence[start + size :]
    return None


def query_parse(*, query: str) -> ParsedQuery:
    """Fold the query and add one variant per synonym it contains (at most one query, cached)."""
    query_words = tuple(words(query)[:MAX_QUERY_WORDS])
    if not query_words:
        return ParsedQuery(words=())
    variants = [query_words]
    last_word_complete = False
    for phrase, term in synonyms_list():
        if query_words[-len(phrase) :] == phrase:
            # "so do" is the whole phrase "sổ đỏ", not "so" plus any word starting with "do".
            last_word_complete = True
        for variant in list(variants):
            replaced = _replace(variant, phrase, term)
            if replaced and replaced not in variants and len(variants) < MAX_VARIANTS:
                variants.append(replaced)
    return ParsedQuery(
        words=query_words,
        variants=[
            QueryVariant(words=variant, last_word_may_be_prefix=not last_word_complete)
            for variant in variants
        ],
    )


def procedures_match(queryset: QuerySet, *, parsed: ParsedQuery) -> Match:
    return pages_match(queryset, variants=parsed.variants)


_KIND_RANK = Case(
    *(When(search_document__kind=kind, then=Value(rank)) for kind, rank in KIND_ORDER.items()),
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def site_pages_match(*, parsed: ParsedQuery) -> Match:
    """Every live public page matching the query: procedures first, then Q&A, then information pages."""
    pages = Page.objects.live().public().filter(search_document__isnull=False)
    match = pages_match(pages, variants=parsed.variants, order_first=_KIND_RANK.asc())
    return replace(match, ranked=match.ranked.annotate(search_kind=F("search_document__kind")))


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


def procedure_facets(*, procedures: QuerySet) -> dict[str, list[FacetCount]]:
    """Counts of the matching procedures per sector, field, administrative level, service level, agency.

    One grouped scan of the matching procedures, summed up here, plus two small queries for the names:
    three queries whatever the number of procedures (five GROUP BY scans were 2-3 times slower).
    """
    from services_catalog.choices import AdministrativeLevel, ServiceLevel
    from services_catalog.models import Agency, Field

    level_flags = {
        AdministrativeLevel.PROVINCE: "at_province_level",
        AdministrativeLevel.DISTRICT: "at_district_level",
        AdministrativeLevel.COMMUNE: "at_commune_level",
    }
    rows = (
        procedures.order_by()
        .values("field_id", "agency_id", "service_level", *level_flags.values())
        .annotate(count=Count("pk"))
    )
    by_field, by_agency, by_service_level, by_level = Counter(), Counter(), Counter(), Counter()
    for row in rows:
        by_field[row["field_id"]] += row["count"]
        by_agency[row["agency_id"]] += row["count"]
        by_service_level[row["service_level"]] += row["count"]
        for level, flag in level_flags.items():
            if row[flag]:
                by_level[level] += row["count"]
    fields = Field.objects.filter(pk__in=by_field).select_related("sector")
    by_sector: Counter = Counter()
    sectors = {}
    field_counts = []
    for field_obj in fields:
        by_sector[field_obj.sector_id] += by_field[field_obj.pk]
        sectors[field_obj.sector_id] = field_obj.sector
        field_counts.append(
            FacetCount(value=field_obj.slug, label=field_obj.name, count=by_field[field_obj.pk])
        )
    agencies = Agency.objects.filter(pk__in=by_agency).only("code", "name")

    def biggest_first(counts: list[FacetCount]) -> list[FacetCount]:
        return sorted(counts, key=lambda facet: (-facet.count, facet.label))

    return {
        "sector": biggest_first(
            [
                FacetCount(value=sector.slug, label=sector.name, count=by_sector[sector_id])
                for sector_id, sector in sectors.items()
            ]
        ),
        "field": biggest_first(field_counts),
        "level": [
            FacetCount(value=level.value, label=str(level.label), count=by_level[level])
            for level in AdministrativeLevel
            if by_level[level]
        ],
        "service_level": [
            FacetCount(value=str(level), label=str(ServiceLevel(level).label), count=by_service_level[level])
            for level in sorted(by_service_level)
        ],
        "agency": biggest_first(
            [
                FacetCount(value=agency.code, label=agency.name, count=by_agency[agency.pk])
                for agency in agencies
            ]
        ),
    }


def suggestions_list(*, query: str, limit: int = 8) -> list[Page]:
    """The best few pages for what is typed so far (the suggestion list under the search box)."""
    parsed = query_parse(query=query)
    if not parsed:
        return []
    match = site_pages_match(parsed=parsed)
    return list(match.ranked[:limit])


def procedures_filter(queryset: QuerySet, *, filters: dict) -> QuerySet:
    """Apply the facet filters of the search form (sector, field, level, service_level, agency)."""
    from services_catalog.choices import AdministrativeLevel

    level_flags = {
        AdministrativeLevel.PROVINCE: "at_province_level",
        AdministrativeLevel.DISTRICT: "at_district_level",
        AdministrativeLevel.COMMUNE: "at_commune_level",
    }
    for name, value in filters.items():
        if name == "level":
            queryset = queryset.filter(**{level_flags[AdministrativeLevel(value)]: True})
        else:
            queryset = queryset.filter(**{name: value})
    return queryset
