"""Signal receivers of the content area, connected in HomeConfig.ready()."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save

from wagtail.images import get_image_model

from home.images import renditions_pregenerate_on_save
from home.models import AgencySectionPage


def section_saved(sender, instance: AgencySectionPage, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from home.services import agency_editorial_access_ensure

    agency_editorial_access_ensure(section=instance)


def user_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    from home.services import agency_editor_membership_sync

    agency_editor_membership_sync(user=instance)


def user_groups_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    from home.services import agency_editor_membership_sync

    # The sync only adds or removes when something differs, so its own change ends here.
    agency_editor_membership_sync(user=instance)


def connect() -> None:
    User = get_user_model()
    post_save.connect(section_saved, sender=AgencySectionPage, dispatch_uid="home_section_saved")
    post_save.connect(user_saved, sender=User, dispatch_uid="home_user_saved")
    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="home_user_groups")
    post_save.connect(
        renditions_pregenerate_on_save, sender=get_image_model(), dispatch_uid="home_renditions"
    )
