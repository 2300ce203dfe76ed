"""The matching and ranking SQL behind every search, on SQLite and on PostgreSQL.

Citizens do not type official names ("làm giấy khai sinh cho con"), so a page does not have to hold
every query word. Each query word has a weight (rare words weigh more, like IDF; request verbs and
who-it-is-for words like "làm", "xin", "cho", "con" weigh little, see `search.selectors`). A page's
score is the share of the weight it covers (a word in the title counts fully, elsewhere in part), plus
bonuses for adjacent query words in the title, the whole title, and the official code; a page must
cover `MIN_SCORE` of the weight to be a result. With synonyms the query has a few variants and the
best one counts.

Everything is computed by the database on a bounded candidate set: only pages holding one of the
query's heavy words can reach `MIN_SCORE` (the light ones together weigh too little), so candidates
are fetched by those words: a GIN-indexed tsvector on PostgreSQL (`portal_search` text-search
configuration, simple + unaccent, migration 0002), LIKE on the folded columns on SQLite. The
expression is the same on both backends. It runs once per query and queryset: the best
`MAX_RESULTS` pages and their scores are cached under the search version (`search_version`: the
index generation, which every index or synonym write replaces, with the page tree's version and
the catalogue generation), and counts, facets and pages are read by primary key. When no query word
is known at all, PostgreSQL falls back on trigram similarity of the title (pg_trgm).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Length

from portal.caching import SharedVersion
from portal.pages import structure_version
from services_catalog.page_cache import catalogue_generation

TEXT_SEARCH_CONFIG = "portal_search"
# A query shorter than this is a prefix being typed, not a misspelt word: no fuzzy fallback.
MIN_FUZZY_QUERY_LENGTH = 4
# The share of a variant's weight a page must cover (bonuses included) to be a result.
MIN_SCORE = 0.45
# A query word found in the title counts fully; in the code, classification or body, this much.
ELSEWHERE_SHARE = 0.6
ADJACENT_IN_TITLE_BONUS = 0.25
WHOLE_TITLE_BONUS = 0.3
CODE_BONUS = 2.0
# Results beyond the best thousand are never read; the bound keeps every later query small.
MAX_RESULTS = 1000
# Entries are keyed by the search version: the timeout only frees the shared cache of old ones.
SCORED_CACHE_SECONDS = 15 * 60
# Replaced (search.services) by every write to the index or the synonyms, in the shared cache
# (Redis in production), so every app server stops reading what was cached before within a second.
SEARCH_GENERATION = SharedVersion("search:generation:v2")


def search_version() -> str:
    """What every cached search (parsed queries, scored pages, the search page's results) is keyed by.

    The index generation covers what pages say and the synonyms; the page tree's version covers
    titles, URLs and view restrictions (home.signals); the catalogue generation covers the
    classification the results show. Each is re-read from the shared cache at most once a second.
    """
    return f"{SEARCH_GENERATION.current()}.{structure_version()}.{catalogue_generation()}"


@dataclass(frozen=True)
class Term:
    word: str
    weight: float
    # Only the last word of what is typed may be unfinished ("ket ho" → "kết hôn").
    is_prefix: bool = False
    # Light words (request verbs, "cho con") never make a page a candidate on their own.
    is_light: bool = False


@dataclass(frozen=True)
class QueryVariant:
    terms: tuple[Term, ...]
    # Query words found in no document still count against coverage: "khai sinh" must not list
    # "khai tử" once no page says "sinh".
    missing_weight: float = 0.0

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(term.word for term in self.terms)

    @property
    def total_weight(self) -> float:
        return sum(term.weight for term in self.terms) + self.missing_weight or 1.0

    def heavy_terms(self) -> list[Term]:
        """The fewest heaviest words such that a page holding none of them cannot reach MIN_SCORE.

        Bonuses come from title words, so a page missing these covers at most the rest's weight plus
        their bonuses: keep adding words until the rest weighs under half the threshold.
        """
        terms = sorted(self.terms, key=lambda term: term.weight, reverse=True)
        budget = self.total_weight * MIN_SCORE / 2
        remaining = sum(term.weight for term in terms)
        chosen = []
        for term in terms:
            if remaining < budget and chosen:
                break
            chosen.append(term)
            remaining -= term.weight
        return chosen

    @property
    def looks_like_code(self) -> bool:
        return any(term.word.isdigit() for term in self.terms)


@dataclass(frozen=True)
class Match:
    """The pages matching a query: `filtered` for counts and facets, `ranked` for listing."""

    filtered: QuerySet
    ranked: QuerySet
    approximate: bool
    # With query words: (page id, score, kind) best first, as scored once (None for the fuzzy fallback).
    scored: tuple[tuple[int, float, str], ...] | None = None


class _FullTextMatch(Func):
    """PostgreSQL: the document's stored `search_vector` matches a tsquery (GIN index).

    `search_vector` is a generated column that migration 0002 adds on PostgreSQL only, so the model
    does not declare it: the expression takes the SearchDocument's `search_text` column to find the
    table alias in the query and matches on the vector beside it.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, search_text_column, tsquery: str):
        super().__init__(search_text_column)
        self.tsquery = tsquery

    def as_sql(self, compiler, connection, **extra_context):
        column = self.source_expressions[0]
        vector = (
            f"{compiler.quote_name_unless_alias(column.alias)}.{connection.ops.quote_name('search_vector')}"
        )
        return f"{vector} @@ to_tsquery('{TEXT_SEARCH_CONFIG}'::regconfig, %s)", (self.tsquery,)


class _WordSimilar(Func):
    """PostgreSQL (pg_trgm): some extent of the column is similar to the query (trigram GIN index)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, text: str):
        super().__init__(column)
        self.text = text

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, params = compiler.compile(self.source_expressions[0])
        return f"%s <%% {column_sql}", (self.text, *params)


class _OneOf(Func):
    """PostgreSQL: the column is one of `values`, sent as a single array parameter.

    With a thousand results, `IN (%s, ...)` costs more to prepare client-side (the driver splits
    the query at every placeholder) than the database spends on it.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, values: list):
        super().__init__(column)
        self.values = values

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, params = compiler.compile(self.source_expressions[0])
        return f"{column_sql} = ANY(%s)", (*params, self.values)


def _pk_in(pks: list[int]):
    # An empty IN is known to match nothing: Django then runs no query at all.
    return _OneOf(F("pk"), pks) if pks and _uses_postgresql() else Q(pk__in=pks)


class _WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def _uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _tsquery_operand(term: Term) -> str:
    # Words are [a-z0-9]+ (see search.text.words), so they are safe tsquery operands.
    return f"{term.word}:*" if term.is_prefix else term.word


def _in_document(term: Term, relation: str):
    """The page holds the word anywhere (title, code, classification, body)."""
    column = f"{relation}__search_text"
    if _uses_postgresql():
        return _FullTextMatch(F(column), _tsquery_operand(term))
    pattern = f" {term.word}" if term.is_prefix else f" {term.word} "
    return Q(**{f"{column}__contains": pattern})


def _in_title(words: str, relation: str, *, is_prefix: bool):
    pattern = f" {words}" if is_prefix else f" {words} "
    return Q(**{f"{relation}__title_text__contains": pattern})


def _candidates(variants: list[QueryVariant], relation: str):
    terms = {term for variant in variants for term in variant.heavy_terms()}
    if _uses_postgresql():
        tsquery = " | ".join(sorted(_tsquery_operand(term) for term in terms))
        return _FullTextMatch(F(f"{relation}__search_text"), tsquery)
    condition = Q()
    for term in terms:
        condition |= _in_document(term, relation)
    return condition


class _Relevance(Func):
    """The best variant's score, each distinct condition evaluated once per row.

    Variants share most words (synonyms replace one or two), and a word's weight differs per variant
    but whether the page holds it does not. So every distinct condition (word in the title, in the
    document, adjacent words, whole title, code) becomes one column of a one-row derived table, and
    each variant's sum of CASEs reads those columns: `(SELECT GREATEST(...) FROM (SELECT cond AS f0,
    ...))`. The SQL stays a fraction of the size and the row evaluates each LIKE / tsquery once.
    """

    output_field = FloatField()

    def __init__(self, conditions: list, variant_parts: list[list[list[tuple[int, float]]]]):
        # variant_parts[variant][part] = the (condition index, value) WHENs of one CASE, first match wins.
        super().__init__(*conditions)
        self.variant_parts = variant_parts

    def as_sql(self, compiler, connection, **extra_context):
        condition_sqls, condition_params = [], []
        for index, condition in enumerate(self.source_expressions):
            sql, params = compiler.compile(condition)
            condition_sqls.append(f"{sql} AS f{index}")
            condition_params.extend(params)
        zero_sql, zero_params = compiler.compile(Value(0.0))
        variant_sqls, score_params = [], []
        for parts in self.variant_parts:
            terms = [zero_sql]
            score_params.extend(zero_params)
            for whens in parts:
                when_sqls = []
                for index, value in whens:
                    value_sql, value_params = compiler.compile(Value(value))
                    when_sqls.append(f"WHEN f{index} THEN {value_sql}")
                    score_params.extend(value_params)
                terms.append(f"CASE {' '.join(when_sqls)} ELSE {zero_sql} END")
                score_params.extend(zero_params)
            variant_sqls.append(f"({' + '.join(terms)})")
        greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
        best = variant_sqls[0] if len(variant_sqls) == 1 else f"{greatest}({', '.join(variant_sqls)})"
        sql = f"(SELECT {best} FROM (SELECT {', '.join(condition_sqls)}) AS search_flags)"  # noqa: S608 (compiled expressions, values as parameters)
        return sql, (*score_params, *condition_params)


class _Conditions:
    """Distinct row conditions by key, each built once and referred to by its index."""

    def __init__(self):
        self.indexes: dict[tuple, int] = {}
        self.conditions: list = []

    def index(self, key: tuple, build) -> int:
        if key not in self.indexes:
            self.indexes[key] = len(self.conditions)
            self.conditions.append(build())
        return self.indexes[key]


def _variant_parts(variant: QueryVariant, relation: str, conditions: _Conditions):
    """The CASEs of one variant's score (summed in this order), as (condition index, value) WHENs."""
    total = variant.total_weight
    title = f"{relation}__title_text"

    def in_title(words: str, is_prefix: bool) -> int:
        return conditions.index(
            ("title", words, is_prefix), lambda: _in_title(words, relation, is_prefix=is_prefix)
        )

    parts = []
    for term in variant.terms:
        in_document = conditions.index(
            ("document", term.word, term.is_prefix), lambda term=term: _in_document(term, relation)
        )
        parts.append(
            [
                (in_title(term.word, term.is_prefix), term.weight / total),
                (in_document, term.weight * ELSEWHERE_SHARE / total),
            ]
        )
    for first, second in zip(variant.terms, variant.terms[1:], strict=False):
        if first.is_light and second.is_light:
            continue
        parts.append(
            [
                (
                    in_title(f"{first.word} {second.word}", second.is_prefix),
                    ADJACENT_IN_TITLE_BONUS * (first.weight + second.weight) / total,
                )
            ]
        )
    phrase = " ".join(term.word for term in variant.terms if not term.is_light) or " ".join(
        term.word for term in variant.terms
    )
    if variant.terms[-1].is_prefix:
        whole_title = conditions.index(
            ("title starts", f" {phrase}"), lambda: Q(**{f"{title}__startswith": f" {phrase}"})
        )
    else:
        whole_title = conditions.index(("title is", f" {phrase} "), lambda: Q(**{title: f" {phrase} "}))
    title_starts = conditions.index(
        ("title starts", f" {phrase} "), lambda: Q(**{f"{title}__startswith": f" {phrase} "})
    )
    parts.append([(whole_title, WHOLE_TITLE_BONUS), (title_starts, WHOLE_TITLE_BONUS / 2)])
    if variant.looks_like_code:
        code = " ".join(term.word for term in variant.terms)
        code_starts = conditions.index(
            ("code starts", f" {code} "),
            lambda: Q(**{f"{relation}__keywords_text__startswith": f" {code} "}),
        )
        parts.append([(code_starts, CODE_BONUS)])
    return parts


def _relevance(variants: list[QueryVariant], relation: str):
    conditions = _Conditions()
    variant_parts = [_variant_parts(variant, relation, conditions) for variant in variants]
    return _Relevance(conditions.conditions, variant_parts)


def pages_match(
    queryset: QuerySet,
    *,
    variants: list[QueryVariant],
    relation: str = "search_document",
    order_first=None,
    fuzzy_text: str = "",
) -> Match:
    """Narrow `queryset` (pages or a page subclass) to the pages matching the query, best first.

    `relation` is the lookup path from the queryset's model to its SearchDocument. `order_first` is an
    optional expression ordered on before relevance (the site search lists procedures first).
    Without variants (no query word is in the index) PostgreSQL matches `fuzzy_text` against titles
    by trigram similarity; SQLite finds nothing.
    """
    title = f"{relation}__title_text"
    ordering = [] if order_first is None else [order_first]
    if not variants:
        if _uses_postgresql() and len(fuzzy_text) >= MIN_FUZZY_QUERY_LENGTH:
            filtered = queryset.filter(_WordSimilar(F(title), fuzzy_text))
            ranked = filtered.annotate(search_score=_WordSimilarity(Value(fuzzy_text), F(title)))
            ranked = ranked.order_by(*ordering, "-search_score", Length(title), title, "pk")
            return Match(filtered=filtered, ranked=ranked, approximate=True)
        none = queryset.none()
        return Match(filtered=none, ranked=none.annotate(search_score=Value(0.0)), approximate=False)
    scored = _scored_pages(queryset, variants=variants, relation=relation, order_first=order_first)
    filtered = queryset.filter(_pk_in([pk for pk, _score, _kind in scored]))
    by_score: dict[float, list[int]] = defaultdict(list)
    for pk, score, _kind in scored:
        by_score[score].append(pk)
    # The scores were computed once (and cached): listing orders by them without recomputing.
    score = Case(
        *(When(_pk_in(pks), then=Value(value)) for value, pks in by_score.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    ranked = filtered.annotate(search_score=score)
    ranked = ranked.order_by(*ordering, "-search_score", Length(title), title, "pk")
    return Match(filtered=filtered, ranked=ranked, approximate=False, scored=scored)


def _scored_pages(
    queryset: QuerySet, *, variants, relation: str, order_first
) -> tuple[tuple[int, float, str], ...]:
    """The best `MAX_RESULTS` pages reaching MIN_SCORE with their scores and kinds: one query, then cached.

    Keyed by the queryset's SQL and the weighted query under the search version, so a new
    document, vocabulary change or synonym (which replace the generation) is seen at once.
    """
    fingerprint = f"{queryset.query}|{relation}|{order_first}|{variants!r}"
    key = f"search:scored:{search_version()}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    scored = cache.get(key)
    if scored is None:
        rows = _best_scored(queryset, variants=variants, relation=relation, order_first=order_first)
        # PostgreSQL sums the literal weights as numeric: read as the FloatField it is declared as.
        scored = tuple((pk, round(float(score), 6), kind) for pk, score, kind in rows)
        cache.set(key, scored, timeout=SCORED_CACHE_SECONDS)
    return scored


def _best_scored(queryset: QuerySet, *, variants, relation: str, order_first) -> list[tuple]:
    """Score the candidates once in a derived table, then keep and order the best by that score.

    Filtering on the score in the scoring SELECT itself makes the database compute the whole
    expression twice per candidate (in WHERE and in the select list).
    """
    title = f"{relation}__title_text"
    candidates = (
        queryset.filter(_candidates(variants, relation))
        .annotate(
            search_pk=F("pk"),
            search_score=_relevance(variants, relation),
            search_kind=F(f"{relation}__kind"),
            search_first=Value(0) if order_first is None else order_first.expression,
            search_title_length=Length(title),
            search_title=F(title),
        )
        .order_by()
        .values_list(
            "search_pk", "search_score", "search_kind", "search_first", "search_title_length", "search_title"
        )
    )
    sql, params = candidates.query.sql_with_params()
    # A derived table with a limit or offset is not merged into the outer query, which would
    # copy the score expression into WHERE.
    fence = "OFFSET 0" if _uses_postgresql() else "LIMIT -1"
    first_direction = "DESC" if order_first is not None and order_first.descending else "ASC"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_pk, search_score, search_kind FROM ({sql} {fence}) AS scored "  # noqa: S608 (compiled queryset)
            "WHERE search_score >= %s "
            f"ORDER BY search_first {first_direction}, search_score DESC, search_title_length, search_title, "
            "search_pk LIMIT %s",
            (*params, MIN_SCORE, MAX_RESULTS),
        )
        return cursor.fetchall()
