"""Writes to the search index (documents and their vocabulary) and to the log of failed queries.

`pages_index` is the one entry point for bulk writers (importers, seeders): every path that creates or
changes pages calls it, or publishes through Wagtail, whose signals call `page_index`.
"""

import re
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from search.documents import document_text
from search.engine import SEARCH_GENERATION
from search.models import FailedQueryKind, SearchDocument, SearchWord, ZeroResultQuery
from search.text import words
from services_catalog.page_cache import catalogue_cache_invalidate

SYNONYMS_CACHE_KEY = "search:synonyms:v1"
DOCUMENT_COUNT_CACHE_KEY = "search:document-count:v1"
MAX_WORD_LENGTH = 64
_TITLE_TOKEN = re.compile(r"\w+")
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


def _title_spellings(pages: Iterable[Page]) -> dict[str, str]:
    """Folded word -> how a title writes it ("khai" -> "khai", "ki" -> "ký"), to show corrected queries."""
    spellings: dict[str, str] = {}
    for page in pages:
        for token in _TITLE_TOKEN.findall(page.title.lower()):
            folded = words(token)
            if len(folded) == 1 and len(token) <= MAX_WORD_LENGTH:
                spellings.setdefault(folded[0], token)
    return spellings


def _vocabulary_update(*, removed_texts: Iterable[str], added_texts: Iterable[str], spellings=None) -> None:
    """Move the per-word document counts by what left and what entered the index (one upsert)."""
    delta: Counter = Counter()
    for text in removed_texts:
        delta.subtract(set(text.split()))
    for text in added_texts:
        delta.update(set(text.split()))
    spellings = spellings or {}
    rows = [
        (word, change, spellings.get(word, ""))
        for word, change in delta.items()
        if change and len(word) <= MAX_WORD_LENGTH
    ]
    if not rows:
        return
    table = connection.ops.quote_name(SearchWord._meta.db_table)
    # An upsert that adds to the count: bulk_create(update_conflicts=True) can only overwrite it.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (word, document_count, spelling) VALUES (%s, %s, %s) "  # noqa: S608 (table name from the model)
            f"ON CONFLICT (word) DO UPDATE SET document_count = {table}.document_count + "
            f"excluded.document_count, spelling = CASE WHEN {table}.spelling = '' "
            f"THEN excluded.spelling ELSE {table}.spelling END",
            rows,
        )
    SearchWord.objects.filter(document_count__lte=0).delete()
    cache.delete(DOCUMENT_COUNT_CACHE_KEY)


@transaction.atomic
def page_index(*, page: Page) -> None:
    """Index one published page (the specific page, as Wagtail's `page_published` signal passes it)."""
    document = _document_for(page)
    previous = list(SearchDocument.objects.filter(page_id=page.pk).values_list("search_text", flat=True))
    SearchDocument.objects.update_or_create(
        page_id=page.pk, defaults={field: getattr(document, field) for field in _DOCUMENT_FIELDS[:-1]}
    )
    _vocabulary_update(
        removed_texts=previous, added_texts=[document.search_text], spellings=_title_spellings([page])
    )
    # Even with the same words a title may now rank differently ("khai sinh" moved to the front).
    search_generation_bump()


def page_unindex(*, page: Page) -> None:
    # The vocabulary follows through `document_unindexed`, as when a page's deletion cascades.
    SearchDocument.objects.filter(page_id=page.pk).delete()


def document_unindexed(*, document: SearchDocument) -> None:
    """A document left the index (unpublished or its page deleted): its words lose one document."""
    _vocabulary_update(removed_texts=[document.search_text], added_texts=[])
    search_generation_bump()


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

    The public entry point for every bulk writer: call it with the ids of the pages created or changed
    (inside the writer's transaction is fine). Pages that are not live are removed from the index.
    Returns how many pages are now indexed.
    """
    page_ids = list(page_ids)
    indexed = 0
    for start in range(0, len(page_ids), INDEX_BATCH_SIZE):
        batch = page_ids[start : start + INDEX_BATCH_SIZE]
        pages = _live_specific_pages(batch)
        documents = [_document_for(page) for page in pages]
        kept_ids = [document.page_id for document in documents]
        with transaction.atomic():
            SearchDocument.objects.filter(page_id__in=batch).exclude(page_id__in=kept_ids).delete()
            previous = list(
                SearchDocument.objects.filter(page_id__in=kept_ids).values_list("search_text", flat=True)
            )
            SearchDocument.objects.bulk_create(
                documents, update_conflicts=True, unique_fields=["page"], update_fields=_DOCUMENT_FIELDS
            )
            _vocabulary_update(
                removed_texts=previous,
                added_texts=[document.search_text for document in documents],
                spellings=_title_spellings(pages),
            )
        indexed += len(documents)
    search_generation_bump()
    return indexed


def search_index_rebuild() -> int:
    """Index every live page from scratch (the `rebuild_search_index` command)."""
    live_ids = list(Page.objects.live().filter(depth__gt=1).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        # Both tables start empty: a plain DELETE, not one vocabulary update per removed document.
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(SearchDocument._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (table name from the model)
        SearchWord.objects.all().delete()
        cache.delete(DOCUMENT_COUNT_CACHE_KEY)
        search_generation_bump()  # also when no page is live: the emptied index must be seen
        return pages_index(page_ids=live_ids)


def search_generation_bump() -> None:
    """Stop every process from reading searches cached before this write (search.engine.search_version).

    Once now, and again when the write is committed: a search served in between on another server
    read the index as it was and may have cached that under the first new generation.
    """
    SEARCH_GENERATION.replace()
    transaction.on_commit(SEARCH_GENERATION.replace)


def synonyms_cache_clear() -> None:
    cache.delete(SYNONYMS_CACHE_KEY)
    search_generation_bump()
    # The catalogue's cached pages and API answers with keywords were matched with the old synonyms.
    catalogue_cache_invalidate()


def _looks_personal(query: str) -> bool:
    """A phone, ID card or tax number, or an e-mail address typed into the search box is not kept."""
    digits_together = re.sub(r"[\s.\-]", "", query)
    return "@" in query or re.search(r"\d{9,}", digits_together) is not None


def failed_query_record(*, query: str, kind: str = FailedQueryKind.ZERO_RESULTS) -> None:
    """Count one failed search: the folded query, the day and how it failed, nothing about the user.

    Queries holding what looks like a personal number or an e-mail address are not recorded.
    """
    query_text = " ".join(words(query))[:200].strip()
    if not query_text or _looks_personal(query):
        return
    day = timezone.localdate()
    rows = ZeroResultQuery.objects.filter(query_text=query_text, day=day, kind=kind)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query_text=query_text, day=day, kind=kind, count=1)
    except IntegrityError:  # another request created today's row in between
        rows.update(count=F("count") + 1)
