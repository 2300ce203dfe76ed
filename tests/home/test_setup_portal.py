"""`manage.py setup_portal` on a migrated, empty database: every public section answers, a second run
changes nothing, and no demo data exists (issue 19: a province going live without the demo)."""

import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from flows.feedback.models import Feedback
from flows.models import Dossier
from home.models import FooterLink, MainMenuItem, NewsPage
from portal.accounts.roles import ROLE_GROUP_NAMES
from services_catalog.models import Agency, ProcedurePage

pytestmark = [pytest.mark.django_db]

PUBLIC_SECTIONS = [
    "/",
    "/thu-tuc-hanh-chinh/",
    "/hoi-dap/",
    "/tin-tuc/",
    "/huong-dan/",
    "/co-quan/",
    "/tim-kiem/?q=ho+tich",
    "/thong-ke/",
    "/tra-cuu-ho-so/",
    "/nop-ho-so/",
    "/thong-bao-su-co/",
    "/thong-tin-phien-ban/",
]


def setup_portal() -> str:
    output = io.StringIO()
    call_command("setup_portal", stdout=output)
    return output.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_every_public_section_answers_after_setup(client):
    assert client.get("/hoi-dap/").status_code == 404  # the migrations alone make no Q&A section
    setup_portal()
    for url in PUBLIC_SECTIONS:
        assert client.get(url).status_code == 200, url


def test_every_menu_link_leads_to_a_page(client):
    setup_portal()
    html = client.get("/").content.decode()
    links = {link.link_url or link.link_page.url for link in MainMenuItem.objects.all()}
    links |= {link.link_url or link.link_page.url for link in FooterLink.objects.all()}
    assert len(links) >= 7
    for url in links:
        assert re.search(rf'href="{re.escape(url)}"', html), url
        assert client.get(url).status_code == 200, url


def test_a_second_run_changes_nothing():
    setup_portal()
    before = row_counts()
    setup_portal()
    assert row_counts() == before


def test_no_demo_data_is_made():
    setup_portal()
    assert get_user_model().objects.count() == 0
    assert not Agency.objects.exists()
    assert not ProcedurePage.objects.exists()
    assert not Dossier.objects.exists()
    assert not Feedback.objects.exists()
    assert not NewsPage.objects.exists()
    # home, catalogue, Q&A, news, guides, agencies under the tree's root
    assert Page.objects.filter(depth__gt=1).count() == 6
    assert Revision.objects.count() == 5  # each section published once


def test_lost_role_groups_come_back_with_their_access():
    Group.objects.filter(name__in=ROLE_GROUP_NAMES.values()).delete()
    setup_portal()
    groups = Group.objects.filter(name__in=ROLE_GROUP_NAMES.values())
    assert groups.count() == len(ROLE_GROUP_NAMES)
    it_officers = groups.get(name=ROLE_GROUP_NAMES["it_officer"])
    assert set(it_officers.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "manage_agency_staff",
    }
