"""What invalidates the catalogue page cache: anything a cached catalogue page shows. Home connects its
own models (portal settings, announcements, incident notices) in `home.signals`, since the catalogue
never imports home."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from wagtail.signals import page_published, page_unpublished, post_page_move

from services_catalog.page_cache import catalogue_cache_invalidate

# Sent with `page_ids` after procedures are inserted live in bulk (import, seeders), which sends no
# page_published: the site search indexes them (search.signals), the catalogue never imports search.
procedures_bulk_created = Signal()


def cached_content_changed(**kwargs) -> None:
    catalogue_cache_invalidate()


def cached_settings_saved(created: bool = False, **kwargs) -> None:
    # Pages create the settings row with its defaults the first time they read it: nothing changes.
    if not created:
        catalogue_cache_invalidate()


def eform_version_record(sender, instance, **kwargs) -> None:
    """Publishing a procedure freezes its e-form as a new version when the form changed."""
    from services_catalog.eforms import eform_version_current

    eform_version_current(procedure=instance)


def connect_cache_invalidation() -> None:
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction

    from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector

    page_published.connect(eform_version_record, sender=ProcedurePage, dispatch_uid="eform-version-record")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(cached_content_changed, dispatch_uid=f"catalogue-cache-{id(signal)}")
    # Deleting a page sends post_delete for its specific class and for Page: listen to both.
    for model in (Page, ProcedurePage, ProcedureIndexPage):
        post_delete.connect(
            cached_content_changed, sender=model, dispatch_uid=f"catalogue-cache-del-{model.__name__}"
        )
    # The listing's taxonomy (selectors.taxonomy_load) is kept per generation too. A procedure's page
    # links its documents' form templates and lists the public questions about it (both kept per
    # generation with the page). Home connects its announcements and incident notices (home.signals).
    for model in (Sector, Field, Agency, get_document_model(), PageViewRestriction):
        post_save.connect(
            cached_content_changed, sender=model, dispatch_uid=f"catalogue-cache-save-{model.__name__}"
        )
        post_delete.connect(
            cached_content_changed, sender=model, dispatch_uid=f"catalogue-cache-del-{model.__name__}"
        )
