"""Writes to the search index and to the log of queries without results."""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from search.documents import document_text
from search.models import SearchDocument, ZeroResultQuery
from search.text import words

SYNONYMS_CACHE_KEY = "search:synonyms:v1"
INDEX_BATCH_SIZE = 500
_DOCUMENT_FIELDS = ["kind", "title_text", "keywords_text", "body_text", "search_text", "indexed_at"]


def _document_for(page: Page) -> SearchDocument:
    text = document_text(page)
    return SearchDocument(
        page_id=page.pk,
        kind=text.kind,
        title_text=text.title_text,
        keywords_text=text.keywords_text,
        body_text=text.body_text,
        search_text=text.search_text,
    )


def page_index(*, page: Page) -> None:
    """Index one published page (the specific page, as Wagtail's `page_published` signal passes it)."""
    document = _document_for(page)
    SearchDocument.objects.update_or_create(
        page_id=page.pk, defaults={field: getattr(document, field) for field in _DOCUMENT_FIELDS[:-1]}
    )


def page_unindex(*, page: Page) -> None:
    SearchDocument.objects.filter(page_id=page.pk).delete()


def _live_specific_pages(page_ids: list[int]) -> list[Page]:
    # Procedures are most pages: load them with their classification in one query, not one per page.
    from services_catalog.models import ProcedurePage

    procedures = list(
        ProcedurePage.objects.filter(pk__in=page_ids, live=True).select_related("sector", "field", "agency")
    )
    others = list(
        Page.objects.filter(pk__in=page_ids, live=True, depth__gt=1).not_type(ProcedurePage).specific()
    )
    return procedures + others


def pages_index(*, page_ids: Iterable[int]) -> int:
    """Index (or refresh) many pages in batches, a few queries per batch: for importers and seeders.

    Pages that are not live are removed from the index. Returns how many pages are now indexed.
    """
    page_ids = list(page_ids)
    indexed = 0
    for start in range(0, len(page_ids), INDEX_BATCH_SIZE):
        batch = page_ids[start : start + INDEX_BATCH_SIZE]
        documents = [_document_for(page) for page in _live_specific_pages(batch)]
        with transaction.atomic():
            SearchDocument.objects.filter(page_id__in=batch).exclude(
                page_id__in=[document.page_id for document in documents]
            ).delete()
            SearchDocument.objects.bulk_create(
                documents, update_conflicts=True, unique_fields=["page"], update_fields=_DOCUMENT_FIELDS
            )
        indexed += len(documents)
    return indexed


def search_index_rebuild() -> int:
    """Index every live page from scratch (the `rebuild_search_index` command)."""
    live_ids = list(Page.objects.live().filter(depth__gt=1).order_by("pk").values_list("pk", flat=True))
    SearchDocument.objects.exclude(page_id__in=Page.objects.live().values("pk")).delete()
    return pages_index(page_ids=live_ids)


def synonyms_cache_clear() -> None:
    cache.delete(SYNONYMS_CACHE_KEY)


def zero_result_query_record(*, query: str) -> None:
    """Count one search that found nothing: the folded query and the day, nothing about the user."""
    query_text = " ".join(words(query))[:200].strip()
    if not query_text:
        return
    day = timezone.localdate()
    counted = ZeroResultQuery.objects.filter(query_text=query_text, day=day).update(count=F("count") + 1)
    if counted:
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query_text=query_text, day=day, count=1)
    except IntegrityError:  # another request created today's row in between
        ZeroResultQuery.objects.filter(query_text=query_text, day=day).update(count=F("count") + 1)
