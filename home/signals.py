"""Signal receivers of the content area, connected in HomeConfig.ready()."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from home.images import renditions_pregenerate_on_save
from home.models import (
    AgencySectionPage,
    Announcement,
    FooterLink,
    IncidentNotice,
    MainMenuItem,
    NavigationSettings,
    PortalSettings,
)
from portal.pages import structure_changed
from services_catalog.signals import cached_content_changed, cached_settings_saved


def section_saved(sender, instance: AgencySectionPage, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from home.services import agency_editorial_access_ensure

    agency_editorial_access_ensure(section=instance)


def user_saved(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and "agency" not in update_fields:
        return  # e.g. last_login on every sign-in
    from home.services import agency_editor_membership_sync

    agency_editor_membership_sync(user=instance)


def user_groups_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    from home.services import agency_editor_membership_sync

    # The sync only adds or removes when something differs, so its own change ends here.
    agency_editor_membership_sync(user=instance)


def page_changed(sender, instance=None, **kwargs) -> None:
    """Titles, slugs, live states and view restrictions feed the cached menus, breadcrumbs, lists."""
    if instance is None or isinstance(instance, Page | PageViewRestriction):
        structure_changed()


def navigation_changed(sender, **kwargs) -> None:
    structure_changed()


def settings_saved(sender, created: bool = False, **kwargs) -> None:
    # Pages create a settings row with its defaults the first time they read it: nothing changes.
    if not created:
        structure_changed()


def announcement_changed(sender, **kwargs) -> None:
    structure_changed()  # the urgent notices on every page are keyed by it


def connect() -> None:
    # Page models are many senders: receive from all and keep only pages (checked in page_changed).
    for signal in (post_save, post_delete):
        signal.connect(page_changed, dispatch_uid=f"home_page_changed_{id(signal)}")
    page_unpublished.connect(page_changed, dispatch_uid="home_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="home_page_moved")
    # A site's host, port or root page decides which pages a request reaches (site_for_request).
    for model in (MainMenuItem, FooterLink, Site):
        post_save.connect(navigation_changed, sender=model, dispatch_uid=f"home_nav_saved_{model.__name__}")
    # The portal settings are remembered by the same version (PortalSettings.for_site).
    for model in (NavigationSettings, PortalSettings):
        post_save.connect(settings_saved, sender=model, dispatch_uid=f"home_settings_saved_{model.__name__}")
    for model in (NavigationSettings, PortalSettings, MainMenuItem, FooterLink, Site):
        post_delete.connect(
            navigation_changed, sender=model, dispatch_uid=f"home_nav_deleted_{model.__name__}"
        )
    post_save.connect(announcement_changed, sender=Announcement, dispatch_uid="home_announcement_saved")
    post_delete.connect(announcement_changed, sender=Announcement, dispatch_uid="home_announcement_deleted")
    post_save.connect(announcement_changed, sender=IncidentNotice, dispatch_uid="home_incident_saved")
    post_delete.connect(announcement_changed, sender=IncidentNotice, dispatch_uid="home_incident_deleted")

    # Cached catalogue pages show the portal settings, and announcements and incident notices as a
    # banner on every page.
    post_save.connect(cached_settings_saved, sender=PortalSettings, dispatch_uid="catalogue-cache-settings")
    for model in (Announcement, IncidentNotice):
        post_save.connect(
            cached_content_changed, sender=model, dispatch_uid=f"catalogue-cache-save-{model.__name__}"
        )
        post_delete.connect(
            cached_content_changed, sender=model, dispatch_uid=f"catalogue-cache-del-{model.__name__}"
        )

    User = get_user_model()
    post_save.connect(section_saved, sender=AgencySectionPage, dispatch_uid="home_section_saved")
    post_save.connect(user_saved, sender=User, dispatch_uid="home_user_saved")
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="home_user_groups")
    post_save.connect(
        renditions_pregenerate_on_save, sender=get_image_model(), dispatch_uid="home_renditions"
    )
