"""Keep the search index in step with what is published.

Publishing (including `save_revision().publish()` and scheduled publishing) indexes the page;
unpublishing removes it; deleting a page removes its document by cascade (and its words' counts).
Pages created live without publishing (bulk imports) are indexed when the catalogue sends
`procedures_bulk_created`.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from search.models import SearchDocument, Synonym
from search.services import (
    document_unindexed,
    page_index,
    page_unindex,
    pages_index,
    synonyms_cache_clear,
)


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    page_index(page=instance)


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    page_unindex(page=instance)


@receiver(post_delete, sender=SearchDocument)
def forget_words_of_removed_document(sender, instance, **kwargs):
    document_unindexed(document=instance)


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def forget_cached_synonyms(sender, **kwargs):
    synonyms_cache_clear()


def reindex_procedures_of_renamed_taxonomy(sender, instance, created, **kwargs):
    """A procedure's keywords hold its sector, field and agency names: refresh them after a rename."""
    if created:
        return
    pages_index(page_ids=instance.procedures.values_list("pk", flat=True))


def index_bulk_created_procedures(sender, page_ids, **kwargs):
    pages_index(page_ids=page_ids)


def connect_catalogue_signals():
    from services_catalog.models import Agency, Field, Sector
    from services_catalog.signals import procedures_bulk_created

    procedures_bulk_created.connect(index_bulk_created_procedures, dispatch_uid="search-index-bulk")

    for model in (Sector, Field, Agency):
        post_save.connect(
            reindex_procedures_of_renamed_taxonomy,
            sender=model,
            dispatch_uid=f"search-reindex-{model.__name__}",
        )
