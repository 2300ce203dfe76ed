import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from home.models import HomePage
from services_catalog.demo import seed
from services_catalog.editing import REVIEWER_GROUP_NAME
from services_catalog.models import Agency, Field, ProcedurePage

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_realistic_and_idempotent(client, site):
    seed(io.StringIO())
    procedures = ProcedurePage.objects.live()
    assert procedures.count() >= 150
    assert Field.objects.filter(procedures__isnull=False).distinct().count() >= 10
    for flag in ("at_province_level", "at_district_level", "at_commune_level"):
        assert procedures.filter(**{flag: True}).exists(), flag
    # What the national sample added is not classified yet; the demo's own entries have every level.
    assert set(procedures.values_list("service_level", flat=True)) == {0, 1, 2, 3, 4}
    assert procedures.get(code="1.004195").service_level == 0
    birth = procedures.get(code="1.001193")
    assert birth.agency is None and birth.commune_body() == "ubnd"
    assert Agency.objects.filter(level="xa", body="ubnd", unit_code__isnull=False).count() == 124
    assert procedures.get(code="2.000488").agency.code == "stp"  # "Sở Tư pháp" is Bến Tre's department
    assert procedures.filter(fees__isnull=False).exists()
    # Only the procedures the national sample added lack their document list (the province adds it).
    described = procedures.filter(documents__isnull=False).distinct().count()
    assert described == procedures.exclude(service_level=0).count()
    assert procedures.get(code="1.001193").title == "Đăng ký khai sinh"
    assert Agency.objects.get(code="stp").name == "Sở Tư pháp tỉnh Bến Tre"
    assert Agency.objects.filter(code="stttt").exists()
    reviewer = get_user_model().objects.get(username="duyet.stp")
    assert reviewer.agency.code == "stp"
    assert reviewer.groups.filter(name=REVIEWER_GROUP_NAME).exists()

    count, agencies = ProcedurePage.objects.count(), Agency.objects.count()
    seed(io.StringIO())
    assert ProcedurePage.objects.count() == count and Agency.objects.count() == agencies

    home = HomePage.objects.get()
    assert home.featured_procedures.count() >= 4
    assert "Đăng ký khai sinh" in client.get("/").content.decode()
    assert client.get("/thu-tuc-hanh-chinh/").status_code == 200


def test_seed_catalogue_generates_procedures(site):
    out = io.StringIO()
    call_command("seed_catalogue", "--count", "30", stdout=out)
    assert ProcedurePage.objects.live().count() == 30
    assert "30 thủ tục" in out.getvalue()
