"""What invalidates the catalogue page cache: anything a cached catalogue page shows."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from services_catalog.page_cache import catalogue_cache_invalidate


def _invalidate(**kwargs) -> None:
    catalogue_cache_invalidate()


def _invalidate_settings(created: bool = False, **kwargs) -> None:
    # Pages create the settings row with its defaults the first time they read it: nothing changes.
    if not created:
        catalogue_cache_invalidate()


def connect_cache_invalidation() -> None:
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction

    from home.models import Announcement, IncidentNotice, PortalSettings
    from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_invalidate, dispatch_uid=f"catalogue-cache-{id(signal)}")
    # Deleting a page sends post_delete for its specific class and for Page: listen to both.
    for model in (Page, ProcedurePage, ProcedureIndexPage):
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"catalogue-cache-del-{model.__name__}")
    post_save.connect(_invalidate_settings, sender=PortalSettings, dispatch_uid="catalogue-cache-settings")
    # The listing's taxonomy (selectors.taxonomy_load) is kept per generation too; announcements and
    # incident notices show as a banner on every page.
    # A procedure's page links its documents' form templates and lists the public questions about
    # it (both kept per generation with the page).
    for model in (
        Sector,
        Field,
        Agency,
        Announcement,
        IncidentNotice,
        get_document_model(),
        PageViewRestriction,
    ):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"catalogue-cache-save-{model.__name__}")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"catalogue-cache-del-{model.__name__}")
