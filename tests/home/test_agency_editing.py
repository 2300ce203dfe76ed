from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

import pytest

from home.factories import AgencyFactory, AgencySectionPageFactory, ContentPageFactory
from home.models import AgencyEditorialAccess
from home.services import agency_editors_group_name
from portal.accounts.roles import ROLE_GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


def make_editor(username: str, agency):
    user = get_user_model().objects.create_user(username=username, password="x", agency=agency)
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR]))
    return user


@pytest.fixture
def two_agencies(home_page):
    justice, information = AgencyFactory(code="stp", name="Sở Tư pháp"), AgencyFactory(code="stttt")
    section_a = AgencySectionPageFactory(agency=justice)
    section_b = AgencySectionPageFactory(agency=information)
    return {
        "a": {"agency": justice, "section": section_a, "page": ContentPageFactory(parent=section_a)},
        "b": {"agency": information, "section": section_b, "page": ContentPageFactory(parent=section_b)},
    }


def test_creating_a_section_gives_its_agency_a_group_and_a_collection(two_agencies):
    access = AgencyEditorialAccess.objects.get(agency=two_agencies["a"]["agency"])
    assert access.group.name == agency_editors_group_name(agency=two_agencies["a"]["agency"])
    assert access.collection.name == "Sở Tư pháp"
    codenames = set(access.group.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= codenames
    assert set(access.group.page_permissions.values_list("page_id", flat=True)) == {
        two_agencies["a"]["section"].pk
    }


def test_editors_join_the_group_of_their_own_agency_only(two_agencies):
    editor = make_editor("bientap.stp", two_agencies["a"]["agency"])
    access_a = AgencyEditorialAccess.objects.get(agency=two_agencies["a"]["agency"])
    access_b = AgencyEditorialAccess.objects.get(agency=two_agencies["b"]["agency"])
    assert set(editor.groups.all()) >= {access_a.group} and access_b.group not in editor.groups.all()

    editor.agency = two_agencies["b"]["agency"]  # moved to another agency by the IT officer
    editor.save()
    assert access_b.group in editor.groups.all() and access_a.group not in editor.groups.all()

    editor.groups.remove(Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR]))  # no longer an editor
    assert not editor.groups.filter(editorial_access__isnull=False).exists()


def test_staff_of_other_roles_do_not_get_section_rights(two_agencies):
    user = get_user_model().objects.create_user(username="tiepnhan.stp", agency=two_agencies["a"]["agency"])
    user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[Role.RECEPTION]))
    assert not user.groups.filter(editorial_access__isnull=False).exists()


def test_editor_edits_and_publishes_a_page_of_their_agency(client, two_agencies):
    client.force_login(make_editor("bientap.stp", two_agencies["a"]["agency"]))
    page = two_agencies["a"]["page"]
    url = f"/admin/pages/{page.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"title": "Giới thiệu mới", "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Giới thiệu mới" and page.live


def test_editor_cannot_edit_a_page_of_another_agency(client, two_agencies):
    client.force_login(make_editor("bientap.stp", two_agencies["a"]["agency"]))
    other = two_agencies["b"]["page"]
    url = f"/admin/pages/{other.pk}/edit/"
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] != url
    client.post(url, {"title": "Bị sửa", "slug": other.slug, "body-count": "0", "action-publish": "1"})
    other.refresh_from_db()
    assert other.title != "Bị sửa"
    # Nor add pages there, nor edit the other section itself.
    section = two_agencies["b"]["section"]
    assert client.get(f"/admin/pages/add/home/contentpage/{section.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{section.pk}/edit/").status_code in (302, 403)


def test_editor_images_and_documents_are_limited_to_their_agency_collection(two_agencies):
    editor = make_editor("bientap.stp", two_agencies["a"]["agency"])
    own = AgencyEditorialAccess.objects.get(agency=two_agencies["a"]["agency"]).collection
    other = AgencyEditorialAccess.objects.get(agency=two_agencies["b"]["agency"]).collection
    for model in (get_image_model(), Document):
        policy = CollectionOwnershipPermissionPolicy(
            model, auth_model=model, owner_field_name="uploaded_by_user"
        )
        collections = set(policy.collections_user_has_permission_for(editor, "add"))
        assert own in collections and other not in collections


def test_the_agency_of_a_section_cannot_be_changed(two_agencies):
    section = two_agencies["a"]["section"]
    section.agency = two_agencies["b"]["agency"]
    with pytest.raises(ValidationError):
        section.full_clean()


def test_setting_up_access_twice_changes_nothing(two_agencies):
    from home.services import agency_editorial_access_ensure

    section = two_agencies["a"]["section"]
    group = AgencyEditorialAccess.objects.get(agency=section.agency).group
    before = (group.page_permissions.count(), group.collection_permissions.count())
    agency_editorial_access_ensure(section=section)
    assert (group.page_permissions.count(), group.collection_permissions.count()) == before
