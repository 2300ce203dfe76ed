"""Reads for the site search: query parsing with synonyms, matches, facets, suggestions."""

from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

from wagtail.models import Page

from search.engine import Match, QueryVariant, pages_match
from search.models import KIND_ORDER, Synonym
from search.services import SYNONYMS_CACHE_KEY
from search.text import words

# A query with many synonyms in it could multiply variants; a handful covers real queries.
MAX_VARIANTS = 6
MAX_QUERY_WORDS = 12


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
        cache.set(SYNONYMS_CACHE_KEY, pairs, timeout=None)
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
    for phrase, term in synonyms_list():
        for variant in list(variants):
            replaced = _replace(variant, phrase, term)
            if replaced and replaced not in variants and len(variants) < MAX_VARIANTS:
                variants.append(replaced)
    return ParsedQuery(words=query_words, variants=[QueryVariant(words=variant) for variant in variants])


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

    Five queries whatever the number of procedures. `procedures` must be unordered-able (no slicing).
    """
    from services_catalog.choices import AdministrativeLevel, ServiceLevel

    base = procedures.order_by()

    def grouped(key: str, label: str) -> list[FacetCount]:
        rows = base.values(key, label).annotate(count=Count("pk")).order_by("-count", label)
        return [FacetCount(value=str(row[key]), label=row[label], count=row["count"]) for row in rows]

    level_counts = base.aggregate(
        **{
            level.value: Count("pk", filter=Q(**{f"at_{flag}_level": True}))
            for level, flag in (
                (AdministrativeLevel.PROVINCE, "province"),
                (AdministrativeLevel.DISTRICT, "district"),
                (AdministrativeLevel.COMMUNE, "commune"),
            )
        }
    )
    service_rows = base.values("service_level").annotate(count=Count("pk")).order_by("service_level")
    return {
        "sector": grouped("sector__slug", "sector__name"),
        "field": grouped("field__slug", "field__name"),
        "level": [
            FacetCount(value=level.value, label=str(level.label), count=level_counts[level.value])
            for level in AdministrativeLevel
            if level_counts[level.value]
        ],
        "service_level": [
            FacetCount(
                value=str(row["service_level"]),
                label=str(ServiceLevel(row["service_level"]).label),
                count=row["count"],
            )
            for row in service_rows
        ],
        "agency": grouped("agency__code", "agency__name"),
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
