"""The matching and ranking SQL behind every search, on SQLite and on PostgreSQL.

Both backends match the same way on folded text (see `search.text`): every required query word must
start a word of the document, in one of the query's variants (the query itself, or the query with an
everyday phrase replaced by its official term). SQLite does this with LIKE on the folded columns;
PostgreSQL with a GIN-indexed tsvector in the `portal_search` text-search configuration (simple +
unaccent, created by migration 0002), and when nothing matches exactly it falls back on trigram
similarity of the title, so that one wrong letter still finds the procedure. Ranking is the same
portable expression everywhere: title words, then the whole phrase in the title, then shorter titles.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest, Length

TEXT_SEARCH_CONFIG = "portal_search"
# A query shorter than this is a prefix being typed, not a misspelt word: no fuzzy fallback.
MIN_FUZZY_QUERY_LENGTH = 4

# Everyday words around what people want ("cách làm …", "xin … ở đâu"): they do not have to match,
# but a document that contains them ranks higher. Folded as `search.text.words` folds.
OPTIONAL_WORDS = frozenset(
    [
        "cach",
        "lam",
        "xin",
        "muon",
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
        "thu",
        "tuc",
        "phai",
        "ra",
        "sao",
    ]
)


@dataclass(frozen=True)
class QueryVariant:
    words: tuple[str, ...]
    # False once the last word is known to be complete (an editor's synonym phrase ended with it).
    last_word_may_be_prefix: bool = True

    @property
    def required_words(self) -> tuple[str, ...]:
        required = tuple(word for word in self.words if word not in OPTIONAL_WORDS)
        return required or self.words

    def terms(self) -> list[tuple[str, bool]]:
        """The required words, each with whether it may be a prefix: only the last one, still being typed.

        Vietnamese syllables are short: "tu" as a prefix would match "tuc", "tuoi", "tuyen"… so the
        words before the last must match whole.
        """
        required = self.required_words
        last = len(required) - 1 if self.last_word_may_be_prefix else -1
        return [(word, index == last) for index, word in enumerate(required)]

    @property
    def phrase(self) -> str:
        """The required words as a phrase: "cách làm giấy khai sinh" ranks like "giấy khai sinh"."""
        return " ".join(self.required_words)


@dataclass(frozen=True)
class Match:
    """The pages matching a query: `filtered` for counts and facets, `ranked` for listing."""

    filtered: QuerySet
    ranked: QuerySet
    approximate: bool


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


class _WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def _uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _strict_condition(variants: list[QueryVariant], relation: str):
    column = f"{relation}__search_text"
    if _uses_postgresql():
        # Words are [a-z0-9]+ (see search.text.words), so they are safe tsquery operands.
        tsquery = " | ".join(
            "(" + " & ".join(f"{word}:*" if is_prefix else word for word, is_prefix in variant.terms()) + ")"
            for variant in variants
        )
        return _FullTextMatch(F(column), tsquery)
    condition = Q()
    for variant in variants:
        all_words = Q()
        for word, is_prefix in variant.terms():
            all_words &= Q(**{f"{column}__contains": f" {word}" if is_prefix else f" {word} "})
        condition |= all_words
    return condition


def _variant_score(variant: QueryVariant, relation: str):
    title = f"{relation}__title_text"
    keywords = f"{relation}__keywords_text"
    score = Value(0)
    for word in variant.words:
        score += Case(
            When(Q(**{f"{title}__contains": f" {word} "}), then=Value(6)),
            When(Q(**{f"{title}__contains": f" {word}"}), then=Value(4)),
            When(Q(**{f"{keywords}__contains": f" {word}"}), then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if len(variant.required_words) > 1:
        score += Case(
            When(Q(**{title: f" {variant.phrase} "}), then=Value(30)),
            When(Q(**{f"{title}__startswith": f" {variant.phrase}"}), then=Value(20)),
            When(Q(**{f"{title}__contains": f" {variant.phrase}"}), then=Value(15)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return score


def _relevance(variants: list[QueryVariant], relation: str):
    scores = [_variant_score(variant, relation) for variant in variants]
    return scores[0] if len(scores) == 1 else Greatest(*scores)


def pages_match(
    queryset: QuerySet, *, variants: list[QueryVariant], relation: str = "search_document", order_first=None
) -> Match:
    """Narrow `queryset` (pages or a page subclass) to the pages matching any variant, best first.

    `relation` is the lookup path from the queryset's model to its SearchDocument. `order_first` is an
    optional expression ordered on before relevance (the site search lists procedures first). On
    PostgreSQL this runs one EXISTS query to decide whether to fall back on fuzzy matching.
    """
    title = f"{relation}__title_text"
    filtered = queryset.filter(_strict_condition(variants, relation))
    relevance = _relevance(variants, relation)
    approximate = False
    if _uses_postgresql() and not filtered.exists():
        query_text = " ".join(variants[0].words)
        if len(query_text) >= MIN_FUZZY_QUERY_LENGTH:
            filtered = queryset.filter(_WordSimilar(F(title), query_text))
            relevance = _WordSimilarity(Value(query_text), F(title))
            approximate = True
    ranked = filtered.annotate(search_score=relevance)
    ordering = [] if order_first is None else [order_first]
    ranked = ranked.order_by(*ordering, "-search_score", Length(title), title, "pk")
    return Match(filtered=filtered, ranked=ranked, approximate=approximate)
