"""The shortcuts the catalogue listing takes for speed give the same page as the long way."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from services_catalog.models import Agency, Field, Sector
from services_catalog.selectors import taxonomy_load
from services_catalog.services import FeeData

pytestmark = pytest.mark.django_db


def test_the_taxonomy_is_cached_and_forgotten_when_a_sector_field_or_agency_changes(taxonomy):
    first = taxonomy_load()
    with CaptureQueriesContext(connection) as queries:
        assert taxonomy_load() == first
    assert len(queries) == 0

    Agency.objects.create(code="sct", name="Sở Công Thương", level="tinh")
    assert "sct" in taxonomy_load().agency_ids

    justice = Sector.objects.get(pk=taxonomy["justice"].pk)
    justice.name = "Tư pháp và Hộ tịch"
    justice.save()
    assert "Tư pháp và Hộ tịch" in [sector.name for sector in taxonomy_load().sectors]

    Field.objects.create(name="Quốc tịch", slug="quoc-tich", sector=justice)
    assert "quoc-tich" in taxonomy_load().field_ids

    Field.objects.filter(slug="quoc-tich").get().delete()
    assert "quoc-tich" not in taxonomy_load().field_ids


def test_a_new_agency_shows_in_the_filter_at_once(client, make_procedure, catalogue):
    make_procedure()
    client.get(catalogue.url)  # fills the cached taxonomy
    Agency.objects.create(code="sct", name="Sở Công Thương", level="tinh")
    make_procedure(agency=Agency.objects.get(code="sct"))
    html = client.get(catalogue.url + "?agency=sct").content.decode()
    assert "Sở Công Thương (1)" in html
    assert 'data-count="1"' in html


def test_listing_rows_link_to_each_procedure_and_show_its_details(client, make_procedure, catalogue):
    free = make_procedure(title="Đăng ký khai sinh", processing_days=1, service_level=4)
    paid = make_procedure(
        title="Đăng ký kết hôn", processing_days=5, fees=[FeeData(label="Lệ phí", amount_vnd=1_500_000)]
    )
    html = client.get(catalogue.url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    for procedure in (free, paid):
        assert f'href="{procedure.url}"' in html
        assert procedure.code in html
    assert "Mức độ 4" in html
    assert "1 ngày làm việc" in html and "5 ngày làm việc" in html
    assert "1.500.000\N{NO-BREAK SPACE}₫" in html
    assert "Không thu phí" in html
