"""Reads for the site search: query parsing (weights, synonyms, typos), matches, facets, suggestions."""

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When

from wagtail.models import Page

from portal.caching import versioned_get, versioned_set
from portal.pages import restricted_paths
from search.engine import MAX_RESULTS, Match, QueryVariant, Term, pages_match, search_version
from search.models import KIND_ORDER, DocumentKind, SearchDocument, SearchWord, Synonym
from search.services import DOCUMENT_COUNT_CACHE_KEY, SYNONYMS_CACHE_KEY
from search.text import words

# A query with many synonyms in it could multiply variants; a handful covers real queries.
MAX_VARIANTS = 4
MAX_QUERY_WORDS = 12
SYNONYMS_CACHE_SECONDS = 300
DOCUMENT_COUNT_CACHE_SECONDS = 300
# Keys name the search version, so the timeouts only free the shared cache of old entries.
PARSED_QUERY_CACHE_SECONDS = 15 * 60
OUTCOME_CACHE_SECONDS = 15 * 60
# Words around what people want: request verbs, "thủ tục", who it is for ("cho con", "cho vợ"),
# question words. They weigh little and never make a page a result on their own. Folded as
# `search.text.words` folds ("ký" → "ki").
LIGHT_WORDS = frozenset(
    [
        "lam",
        "xin",
        "cho",
        "giay",
        "con",
        "muon",
        "thu",
        "tuc",
        "cach",
        "can",
        "gi",
        "nhu",
        "the",
        "nao",
        "o",
        "dau",
        "toi",
        "minh",
        "nhung",
        "phai",
        "ra",
        "sao",
        "va",
        "voi",
        "cua",
        "de",
        "duoc",
        "bi",
        "roi",
        "den",
        "nay",
        "kia",
        "ai",
        "hay",
        "khi",
        "thi",
        "ve",
        "tai",
        "mot",
        "cac",
        "la",
        "co",
        "khong",
        "vo",
        "chong",
        "cha",
        "me",
        "bo",
        "ba",
        "ong",
        "em",
        "anh",
        "chau",
        "nguoi",
        "nha",
        "biet",
        "giup",
        "huong",
        "dan",
        "lan",
        "nua",
        "moi",
    ]
)
LIGHT_WEIGHT = 0.2
# Weight of a word = ln(1 + documents / documents holding it), kept within these bounds so that one
# very rare word cannot outweigh the rest of the query.
MIN_WORD_WEIGHT, MAX_WORD_WEIGHT = 0.5, 4.0
MIN_TYPO_LENGTH = 3
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]
    variants: list[QueryVariant] = field(default_factory=list)
    # The query as corrected when a word was misspelt ("đăng ký khai sinh" for "dang ky khai sihn").
    corrected: str = ""

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def variant_texts(self) -> list[str]:
        return [" ".join(variant.words) for variant in self.variants]

    @property
    def fuzzy_text(self) -> str:
        return " ".join(self.words)


def synonyms_list() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """All (phrase words, official term words) pairs, cached until an editor changes one."""
    pairs = cache.get(SYNONYMS_CACHE_KEY)
    if pairs is None:
        pairs = [
            (tuple(phrase.split()), tuple(term.split()))
            for phrase, term in Synonym.objects.values_list("phrase_folded", "official_term_folded")
            if phrase and term
        ]
        # Longest phrases first: "nhập hộ khẩu" is replaced before "hộ khẩu".
        pairs.sort(key=lambda pair: -len(pair[0]))
        # Saving a synonym clears the key; the timeout bounds staleness where the cache is per process.
        cache.set(SYNONYMS_CACHE_KEY, pairs, timeout=SYNONYMS_CACHE_SECONDS)
    return pairs


def _document_count() -> int:
    count = cache.get(DOCUMENT_COUNT_CACHE_KEY)
    if count is None:
        count = SearchDocument.objects.count()
        cache.set(DOCUMENT_COUNT_CACHE_KEY, count, timeout=DOCUMENT_COUNT_CACHE_SECONDS)
    return count


def _find(sequence: tuple[str, ...], part: tuple[str, ...]) -> int:
    size = len(part)
    for start in range(len(sequence) - size + 1):
        if sequence[start : start + size] == part:
            return start
    return -1


def _synonym_variants(query_words: tuple[str, ...]) -> tuple[list[tuple[str, ...]], set[int], bool]:
    """The query and the query with each everyday phrase replaced by its official term.

    Also returns the positions of query words that belong to a known phrase (never typos), and
    whether the query ends with a whole phrase (then its last word is not a prefix: "so do" is sổ đỏ).
    """
    variants = [query_words]
    in_phrase: set[int] = set()
    ends_with_phrase = False
    for phrase, term in synonyms_list():
        start = _find(query_words, phrase)
        if start < 0:
            continue
        in_phrase.update(range(start, start + len(phrase)))
        ends_with_phrase = ends_with_phrase or start + len(phrase) == len(query_words)
        for variant in list(variants):
            at = _find(variant, phrase)
            if at >= 0 and len(variants) < MAX_VARIANTS:
                replaced = variant[:at] + term + variant[at + len(phrase) :]
                if replaced not in variants:
                    variants.append(replaced)
    return variants, in_phrase, ends_with_phrase


def _edits(word: str) -> set[str]:
    """Every word one letter away: deleted, swapped with the next, replaced or added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {left + right[1:] for left, right in splits if right}
        | {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
        | {left + letter + right[1:] for left, right in splits if right for letter in _LETTERS}
        | {left + letter + right for left, right in splits for letter in _LETTERS}
    ) - {word}


def _typo_corrections(query_words: tuple[str, ...], unknown: list[int]) -> dict[int, str]:
    """The likeliest known word for each unknown query word one letter away (two queries at most).

    Among candidates, the one seen most often beside its neighbour in titles wins ("ket hom" →
    "ket hon", not the commoner "hoi"), then the commoner word.
    """
    edits = {position: _edits(query_words[position]) for position in unknown}
    everything = set().union(*edits.values())
    if not everything:
        return {}
    found = dict(SearchWord.objects.filter(word__in=everything).values_list("word", "document_count"))
    choices = {
        position: sorted(word for word in candidates if word in found)
        for position, candidates in edits.items()
    }
    pairs = {}
    for position, candidates in choices.items():
        before = query_words[position - 1] if position > 0 else ""
        after = query_words[position + 1] if position + 1 < len(query_words) else ""
        for candidate in candidates:
            phrases = [f" {before} {candidate} "] if before else []
            phrases += [f" {candidate} {after} "] if after else []
            if phrases:
                pairs[(position, candidate)] = phrases
    evidence = {}
    if pairs:
        condition_per_pair = {
            f"pair_{index}": Count(
                "pk",
                filter=Q.create([("title_text__contains", phrase) for phrase in phrases], connector=Q.OR),
            )
            for index, phrases in enumerate(pairs.values())
        }
        counts = SearchDocument.objects.aggregate(**condition_per_pair)
        evidence = {key: counts[f"pair_{index}"] for index, key in enumerate(pairs)}
    corrections = {}
    for position, candidates in choices.items():
        # Short syllables are one letter from many others ("sang" → "dang"): beside other words a
        # correction must also be seen beside them in some title.
        supported = [word for word in candidates if evidence.get((position, word), 0)]
        if len(query_words) > 1:
            candidates = supported
        if candidates:
            corrections[position] = max(
                candidates, key=lambda word: (evidence.get((position, word), 0), found[word], word)
            )
    return corrections


def _vocabulary(variants: list[tuple[str, ...]]) -> dict[str, tuple[int, str]]:
    """Document count and spelling of each word of the variants that is in the index."""
    rows = SearchWord.objects.filter(word__in={word for variant in variants for word in variant})
    return {
        word: (count, spelling)
        for word, count, spelling in rows.values_list("word", "document_count", "spelling")
    }


def _word_weight(document_count: int, documents: int) -> float:
    weight = math.log(1 + documents / max(document_count, 1))
    return min(max(weight, MIN_WORD_WEIGHT), MAX_WORD_WEIGHT)


def query_parse(*, query: str) -> ParsedQuery:
    """Fold the query, weigh its words, correct misspelt ones and add a variant per synonym.

    Cached until the index or the synonyms change; otherwise two small indexed queries on the
    vocabulary (two more when a word is unknown), and the cached synonyms and document count.
    """
    key = f"search:parsed:{search_version()}:{_query_digest(query)}"
    parsed = versioned_get(key)
    if parsed is None:
        parsed = _query_parse(query)
        versioned_set(key, parsed, PARSED_QUERY_CACHE_SECONDS)
    return parsed


def query_normalize(*, query: str) -> str:
    """What a query's parse depends on: its folded words, and whether its last word is finished
    (typed with a space after it). "Đăng ký  Khai sinh" and "dang ki khai sinh" are one query."""
    folded = " ".join(words(query)[:MAX_QUERY_WORDS])
    return f"{folded} " if folded and query[-1:].isspace() else folded


def _query_digest(query: str) -> str:
    return hashlib.sha256(query_normalize(query=query).encode()).hexdigest()


def _query_parse(query: str) -> ParsedQuery:
    query_words = tuple(words(query)[:MAX_QUERY_WORDS])
    if not query_words:
        return ParsedQuery(words=())
    variants, in_phrase, ends_with_phrase = _synonym_variants(query_words)
    last_may_be_prefix = not ends_with_phrase and not query[-1:].isspace()
    known = _vocabulary(variants)
    last = query_words[-1]
    prefix_count = 0
    if last_may_be_prefix:
        prefix_count = (
            SearchWord.objects.filter(word__startswith=last).aggregate(total=Sum("document_count"))["total"]
            or 0
        )
    unknown = [
        position
        for position, word in enumerate(query_words)
        if word not in known
        and position not in in_phrase
        and word not in LIGHT_WORDS
        and len(word) >= MIN_TYPO_LENGTH
        and not word.isdigit()
        and not (position == len(query_words) - 1 and prefix_count)
    ]
    corrected = ""
    if unknown:
        corrections = _typo_corrections(query_words, unknown)
        if corrections:
            query_words = tuple(corrections.get(position, word) for position, word in enumerate(query_words))
            variants, _in_phrase, _ends = _synonym_variants(query_words)
            known = _vocabulary(variants)
            corrected = " ".join(known.get(word, (0, ""))[1] or word for word in query_words)
            if last_may_be_prefix and query_words[-1] != last:
                last_may_be_prefix = False  # the correction is a whole word
    documents = max(_document_count(), 1)
    weighted = []
    for variant in variants:
        terms = []
        missing_weight = 0.0
        for position, word in enumerate(variant):
            is_prefix = last_may_be_prefix and position == len(variant) - 1 and variant[-1] == query_words[-1]
            count = min(prefix_count, documents) if is_prefix else known.get(word, (0, ""))[0]
            if not count:
                # In no document: it cannot match, but weighs as the rarest word against coverage.
                missing_weight += 0 if word in LIGHT_WORDS else MAX_WORD_WEIGHT
                continue
            is_light = word in LIGHT_WORDS
            weight = LIGHT_WEIGHT if is_light else _word_weight(count, documents)
            terms.append(Term(word=word, weight=weight, is_prefix=is_prefix, is_light=is_light))
        # A variant of light words only counts when it is the whole query ("thủ tục"), and one
        # whose words are mostly unknown is not about the catalogue ("<script>alert(1)</script>").
        content_words = [word for word in variant if word not in LIGHT_WORDS]
        known_content = [term for term in terms if not term.is_light]
        if not terms or 2 * len(known_content) < len(content_words):
            continue
        if known_content or len(terms) == len(variant):
            weighted.append(QueryVariant(terms=tuple(terms), missing_weight=missing_weight))
    return ParsedQuery(words=query_words, variants=weighted, corrected=corrected)


def procedures_match(queryset: QuerySet, *, parsed: ParsedQuery) -> Match:
    return pages_match(queryset, variants=parsed.variants, fuzzy_text=parsed.fuzzy_text)


_KIND_RANK = Case(
    *(When(search_document__kind=kind, then=Value(rank)) for kind, rank in KIND_ORDER.items()),
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def public_pages(queryset: QuerySet) -> QuerySet:
    """`queryset.public()` without its query: the restricted paths are cached per page-tree version."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def site_pages_match(*, parsed: ParsedQuery) -> Match:
    """Every live public page matching the query: procedures first, then Q&A, then information pages."""
    pages = public_pages(Page.objects.live().filter(search_document__isnull=False))
    match = pages_match(
        pages, variants=parsed.variants, order_first=_KIND_RANK.asc(), fuzzy_text=parsed.fuzzy_text
    )
    return replace(match, ranked=match.ranked.annotate(search_kind=F("search_document__kind")))


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


def procedure_facets(*, procedures: QuerySet) -> dict[str, list[FacetCount]]:
    """Counts of the matching procedures per sector, field, administrative level, service level, agency.

    One grouped scan of the matching procedures, summed up here, with the names from the catalogue's
    taxonomy (kept per catalogue generation): one query whatever the number of procedures (five
    GROUP BY scans were 2-3 times slower).
    """
    from services_catalog.choices import AdministrativeLevel, ServiceLevel
    from services_catalog.selectors import taxonomy_load

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
    taxonomy = taxonomy_load()
    fields = [taxonomy.fields_by_pk[pk] for pk in by_field if pk in taxonomy.fields_by_pk]
    by_sector: Counter = Counter()
    sectors = {}
    field_counts = []
    for field_obj in fields:
        by_sector[field_obj.sector_id] += by_field[field_obj.pk]
        sectors[field_obj.sector_id] = field_obj.sector
        field_counts.append(
            FacetCount(value=field_obj.slug, label=field_obj.name, count=by_field[field_obj.pk])
        )
    agencies = [taxonomy.agencies_by_pk[pk] for pk in by_agency if pk in taxonomy.agencies_by_pk]

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


def facet_filter_value(value) -> str:
    """The URL form of a facet filter's value: a slug, an agency code, or the value itself."""
    for attribute in ("slug", "code"):
        if hasattr(value, attribute):
            return getattr(value, attribute)
    return str(value)


@dataclass(frozen=True)
class SearchOutcome:
    """What the search page found for a query and facet filters, ranked once and then kept.

    `ids` are the results best first (procedures first), `kinds` their kinds; `facets` count the
    matching procedures. Kept in the shared cache and in each process under the search version,
    so a repeated or paginated search neither parses, scores nor counts again.
    """

    ids: tuple[int, ...]
    kinds: tuple[str, ...]
    facets: dict[str, list[FacetCount]]
    approximate: bool = False
    corrected: str = ""


def search_outcome(*, query: str, filters: dict) -> SearchOutcome:
    """The search page's results and facet counts for `query` (may be empty) and the facet `filters`.

    A first search costs the query's parse (cached on its own), one scoring query and the facets'
    three; the same search again costs none.
    """
    wanted = "|".join(f"{name}={facet_filter_value(value)}" for name, value in sorted(filters.items()))
    digest = hashlib.sha256(f"{query_normalize(query=query)}|{wanted}".encode()).hexdigest()
    key = f"search:outcome:{search_version()}:{digest}"
    outcome = versioned_get(key)
    if outcome is None:
        outcome = _search_outcome(query=query, filters=filters)
        versioned_set(key, outcome, OUTCOME_CACHE_SECONDS)
    return outcome


def _search_outcome(*, query: str, filters: dict) -> SearchOutcome:
    from services_catalog.models import ProcedurePage

    parsed = query_parse(query=query)
    procedures = procedures_filter(public_pages(ProcedurePage.objects.live()), filters=filters)
    procedure_kind = DocumentKind.PROCEDURE.value
    if not parsed:
        ids = tuple(procedures.order_by("title", "pk").values_list("pk", flat=True))
        return SearchOutcome(
            ids=ids, kinds=(procedure_kind,) * len(ids), facets=procedure_facets(procedures=procedures)
        )
    if filters:  # facets describe procedures: filtering by them leaves only procedures
        match = procedures_match(procedures, parsed=parsed)
        facet_source = match.filtered
    else:
        match = site_pages_match(parsed=parsed)
        # The matching procedures are the site's matching pages that are procedures: scored once.
        facet_source = procedures.filter(pk__in=match.filtered.values("pk"))
    if match.scored is not None:
        rows = [(pk, kind) for pk, _score, kind in match.scored]
    elif filters:
        rows = [(pk, procedure_kind) for pk in match.ranked.values_list("pk", flat=True)[:MAX_RESULTS]]
    else:
        rows = list(match.ranked.values_list("pk", "search_kind")[:MAX_RESULTS])
    return SearchOutcome(
        ids=tuple(pk for pk, _kind in rows),
        kinds=tuple(kind for _pk, kind in rows),
        facets=procedure_facets(procedures=facet_source),
        approximate=match.approximate,
        corrected=parsed.corrected,
    )


def procedures_ranked(*, query: str) -> list[int] | None:
    """The published procedures (live, not retired) matching `query`, best first, as ids; None when
    the query has no word to search by (then nothing is narrowed).

    For the catalogue's listings and the JSON API: the ranked ids are kept like the search page's,
    so a repeated or paginated query reads only its page of rows.
    """
    from services_catalog.selectors import published_procedures

    key = f"search:ranked-procedures:{search_version()}:{_query_digest(query)}"
    ranked = versioned_get(key)
    if ranked is None:
        parsed = query_parse(query=query)
        if not parsed:
            return None
        match = procedures_match(published_procedures(), parsed=parsed)
        if match.scored is not None:
            ranked = tuple(pk for pk, _score, _kind in match.scored)
        else:
            ranked = tuple(match.ranked.values_list("pk", flat=True))
        versioned_set(key, ranked, OUTCOME_CACHE_SECONDS)
    return list(ranked)


@dataclass(frozen=True)
class FailedQuery:
    query_text: str
    zero_results: int
    no_click: int
    has_synonym: bool

    @property
    def total(self) -> int:
        return self.zero_results + self.no_click


def failed_queries_list(*, days: int = 30, limit: int = 100) -> list[FailedQuery]:
    """The queries that failed most often over the last `days` days, with how they failed.

    Two queries: the grouped log, then which of those queries an editor already made a synonym.
    """
    from django.utils import timezone

    from search.models import FailedQueryKind, ZeroResultQuery

    since = timezone.localdate() - timezone.timedelta(days=days - 1)
    rows = list(
        ZeroResultQuery.objects.filter(day__gte=since)
        .values("query_text")
        .annotate(
            zero_results=Sum("count", filter=Q(kind=FailedQueryKind.ZERO_RESULTS), default=0),
            no_click=Sum("count", filter=Q(kind=FailedQueryKind.NO_CLICK), default=0),
            total=Sum("count"),
        )
        .order_by("-total", "query_text")[:limit]
    )
    with_synonym = set(
        Synonym.objects.filter(phrase_folded__in=[row["query_text"] for row in rows]).values_list(
            "phrase_folded", flat=True
        )
    )
    return [
        FailedQuery(
            query_text=row["query_text"],
            zero_results=row["zero_results"],
            no_click=row["no_click"],
            has_synonym=row["query_text"] in with_synonym,
        )
        for row in rows
    ]
