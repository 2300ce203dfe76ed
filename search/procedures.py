"""The one entry point for free-text search over procedures.

The catalogue's filters call `procedures_matching`, and its listings and JSON API the same match
kept as ids (`search.selectors.procedures_ranked`), so that a query finds the same procedures
everywhere. The engine is in `search.engine`; see its docstring.
"""

from django.db.models import QuerySet

from search.selectors import procedures_match, query_parse


def procedures_matching(queryset: QuerySet, *, query: str) -> QuerySet:
    """Narrow a ProcedurePage queryset to the procedures that match `query`, best matches first.

    Diacritics and capitals do not matter, words may be prefixes, editors' synonyms apply, and on
    PostgreSQL a query with one wrong letter falls back on similar titles. The result can still be
    filtered, counted and paginated. Costs at most two queries before it is evaluated (synonyms, cached;
    on PostgreSQL, whether anything matches exactly).
    """
    parsed = query_parse(query=query)
    if not parsed:
        return queryset
    return procedures_match(queryset, parsed=parsed).ranked
