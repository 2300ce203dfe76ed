"""Writes of the content area: editorial access per agency, default navigation."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from home.models import AgencyEditorialAccess, AgencySectionPage, FooterLink, MainMenuItem, NavigationSettings
from portal.accounts.roles import ROLE_GROUP_NAMES, Role

# What an agency's editors may do in their own section: write, publish on their own (the catalogue's
# moderation workflow is separate), and lock pages while they work on them.
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
OPERATOR_EXTRA_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("delete_image",),
    "wagtaildocs": ("delete_document",),
}

# Links of the header and footer before editors managed them, so that nothing disappears.
DEFAULT_MAIN_MENU = [
    ("Thủ tục hành chính", "Administrative procedures", "/thu-tuc-hanh-chinh/"),
    ("Nộp hồ sơ", "Submit a dossier", "/nop-ho-so/"),
    ("Tra cứu hồ sơ", "Dossier look-up", "/tra-cuu-ho-so/"),
    ("Hỏi đáp", "Q&A", "/hoi-dap/"),
    ("Thống kê", "Statistics", "/thong-ke/"),
]
DEFAULT_FOOTER_LINKS = [
    ("Thủ tục hành chính", "Administrative procedures", "/thu-tuc-hanh-chinh/"),
    ("Tra cứu hồ sơ", "Dossier look-up", "/tra-cuu-ho-so/"),
    ("Hỏi đáp", "Q&A", "/hoi-dap/"),
]


def agency_editors_group_name(*, agency) -> str:
    return f"{ROLE_GROUP_NAMES[Role.EDITOR]} - {agency.name}"


def _permissions(app_label: str, codenames: tuple[str, ...]) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


@transaction.atomic
def agency_editorial_access_ensure(*, section: AgencySectionPage) -> AgencyEditorialAccess:
    """Give the section's agency an editors' group limited to this section and a media collection.

    Idempotent: called whenever a section page is saved, it only adds what is missing.
    """
    agency = section.agency
    access = AgencyEditorialAccess.objects.select_related("group", "collection").filter(agency=agency).first()
    created = access is None
    if created:
        group, _created = Group.objects.get_or_create(name=agency_editors_group_name(agency=agency))
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=agency.name).first() or root.add_child(name=agency.name)
        access = AgencyEditorialAccess.objects.create(agency=agency, group=group, collection=collection)

    page_permissions = _permissions("wagtailcore", SECTION_PAGE_PERMISSIONS)
    existing = set(
        GroupPagePermission.objects.filter(group=access.group, page=section).values_list(
            "permission_id", flat=True
        )
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=access.group, page=section, permission=permission)
            for permission in page_permissions
            if permission.pk not in existing
        ]
    )
    existing = set(
        GroupCollectionPermission.objects.filter(
            group=access.group, collection=access.collection
        ).values_list("permission_id", flat=True)
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=access.group, collection=access.collection, permission=permission)
            for app_label, codenames in COLLECTION_PERMISSIONS.items()
            for permission in _permissions(app_label, codenames)
            if permission.pk not in existing
        ]
    )
    if created:  # later changes of role or agency are followed by the user signals (home.signals)
        for user in get_user_model().objects.filter(agency=agency):
            agency_editor_membership_sync(user=user)
    return access


def agency_editor_membership_sync(*, user) -> None:
    """An editor belongs to the editors' group of their own agency's section, and of no other.

    Role (the "Biên tập viên" group) and agency are set on the account by the IT officer; this keeps
    the per-agency group in step with both.
    """
    editor_role = Group.objects.filter(name=ROLE_GROUP_NAMES[Role.EDITOR]).first()
    is_editor = editor_role is not None and user.groups.filter(pk=editor_role.pk).exists()
    wanted = set()
    if is_editor and user.agency_id:
        wanted = set(
            AgencyEditorialAccess.objects.filter(agency_id=user.agency_id).values_list("group_id", flat=True)
        )
    current = set(
        user.groups.filter(pk__in=AgencyEditorialAccess.objects.values("group_id")).values_list(
            "pk", flat=True
        )
    )
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))


def portal_editorial_access_ensure() -> None:
    """The system operator (provincial IT department) edits every page and all media (R-OPS-1, R-OPS-7)."""
    operators = Group.objects.filter(name=ROLE_GROUP_NAMES[Role.OPERATOR]).first()
    if operators is None:
        return
    for site in Site.objects.select_related("root_page"):
        for permission in _permissions("wagtailcore", (*SECTION_PAGE_PERMISSIONS, "bulk_delete_page")):
            GroupPagePermission.objects.get_or_create(
                group=operators, page=site.root_page, permission=permission
            )
    root = Collection.get_first_root_node()
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in _permissions(
            app_label, (*codenames, *OPERATOR_EXTRA_COLLECTION_PERMISSIONS[app_label])
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=operators, collection=root, permission=permission
            )


def navigation_defaults_ensure(*, site: Site) -> NavigationSettings:
    """Create the menus with the portal's standard links if the site has none yet."""
    navigation = NavigationSettings.for_site(site)
    for model, defaults in ((MainMenuItem, DEFAULT_MAIN_MENU), (FooterLink, DEFAULT_FOOTER_LINKS)):
        if not model.objects.filter(setting=navigation).exists():
            model.objects.bulk_create(
                model(setting=navigation, label=label, label_en=label_en, link_url=url, sort_order=order)
                for order, (label, label_en, url) in enumerate(defaults)
            )
    return navigation


def navigation_link_ensure(
    *, site: Site, page: Page, label: str, label_en: str = "", footer: bool = False
) -> None:
    """Add a link to a page at the end of a menu unless the menu already has one to it."""
    navigation = NavigationSettings.for_site(site)
    model = FooterLink if footer else MainMenuItem
    links = model.objects.filter(setting=navigation)
    if links.filter(link_page=page).exists():
        return
    last = links.order_by("-sort_order").values_list("sort_order", flat=True).first()
    model.objects.create(
        setting=navigation, label=label, label_en=label_en, link_page=page, sort_order=(last or 0) + 1
    )


# Incident notices (R-OPS-1)


# Whom an incident concerns besides the affected agencies' staff. The dossier flow, a layer above that
# home never imports, adds the applicants of the dossiers in progress at start-up (flows.apps). Each
# source takes `agency_ids` (empty for every agency) and returns users or notification Contacts.
INCIDENT_CITIZEN_SOURCES: list[Callable[..., list]] = []


def incident_recipients(*, notice) -> tuple[list, list]:
    """(citizens, staff) to tell of an incident: the people `INCIDENT_CITIZEN_SOURCES` name and the
    active staff of the affected agencies (every agency when none is named). Each person once."""
    from portal.notifications.services import Contact

    agency_ids = list(notice.affected_agencies.values_list("pk", flat=True))
    staff = get_user_model().objects.filter(is_active=True, agency__isnull=False)
    if agency_ids:
        staff = staff.filter(agency_id__in=agency_ids)
    citizens: list = []
    for source in INCIDENT_CITIZEN_SOURCES:
        citizens.extend(source(agency_ids=agency_ids))
    citizen_ids = {person.pk for person in citizens if not isinstance(person, Contact)}
    return citizens, [user for user in staff if user.pk not in citizen_ids]


def incident_notify(*, notice, link: str = "", channel: str | None = None) -> int:
    """Tell the citizens with dossiers in progress and the affected agencies' staff of the incident,
    by their own channel (or `channel`). Returns how many messages were recorded."""
    import logging

    from django.utils import timezone

    from portal.notifications.choices import Event
    from portal.notifications.services import Contact, NoAddressError, notify

    def moment(value):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""

    citizens, staff = incident_recipients(notice=notice)
    context = {
        "title": notice.title,
        "starts_at": moment(notice.starts_at),
        "expected_end": moment(notice.expected_end_at),
        "guidance": notice.guidance,
        "link": link,
    }
    sent = 0
    for person in [*citizens, *staff]:
        name = "" if isinstance(person, Contact) else person.get_full_name()
        try:
            notify(
                user_or_contact=person,
                event=Event.INCIDENT_NOTICE,
                context={**context, "full_name": name},
                channel=channel,
            )
        except NoAddressError:
            continue
        except Exception:
            logging.getLogger(__name__).exception(
                "Incident notice %s not recorded for a recipient", notice.pk
            )
            continue
        sent += 1
    notice.notified_at = timezone.now()
    notice.save(update_fields=["notified_at"])
    return sent
